"""Text with highlighted spans as safe HTML: every character escaped, spans as <mark> elements.

Spans may overlap or nest: the text is cut at every span boundary and each piece is marked with the
classes and titles of all the spans covering it. A span with an `anchor` gets an empty element with that
id where it starts, so a field elsewhere on the page can link to its words.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass
class Span:
    start: int
    end: int
    cls: str
    title: str = ""
    anchor: str | None = None


def offsets(text: str, start: object, end: object) -> tuple[int, int] | None:
    """(start, end) when they are the offsets of a non-empty piece of `text`, else None: a stored record's
    field may lack them, or hold ones this text does not have."""
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return start, end
    return None


def spans_ok(text: str, start: object, end: object) -> bool:
    return offsets(text, start, end) is not None


def render(text: str, spans: list[Span], lo: int = 0, hi: int | None = None) -> Markup:
    """HTML of text[lo:hi] with the spans (offsets into the whole text) highlighted."""
    hi = len(text) if hi is None else hi
    good = [s for s in spans if spans_ok(text, s.start, s.end) and s.end > lo and s.start < hi]
    cuts = sorted({lo, hi, *(max(lo, s.start) for s in good), *(min(hi, s.end) for s in good)})
    starts: dict[int, list[Span]] = {}
    for s in good:
        starts.setdefault(max(lo, s.start), []).append(s)
    active: list[Span] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        for s in starts.get(a, []):
            if s.anchor:
                out.append(f'<span class="anchor" id="{escape(s.anchor)}"></span>')
        piece = escape(text[a:b])
        if not active:
            out.append(str(piece))
            continue
        classes = " ".join(dict.fromkeys(c for s in active for c in s.cls.split()))
        titles = " · ".join(dict.fromkeys(s.title for s in active if s.title))
        title = f' title="{escape(titles)}"' if titles else ""
        out.append(f'<mark class="hl {escape(classes)}"{title}>{piece}</mark>')
    return Markup("".join(out))
