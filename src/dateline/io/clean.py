"""From scraped text or Markdown to the clean body that every offset refers to.

Cleaning changes the length of the text only where it must (Markdown, escapes, a dropped footer):
whitespace is rewritten in place, one character for one, so offsets into a clean input stay offsets
into the text the user gave.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*\)")
_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_BLOCKQUOTE = re.compile(r"^>\s?", re.M)
# Emphasis never spans a blank line, nor is a run of underscores ("___" is a separator in wire copy).
_STRONG = re.compile(r"(\*\*|__)(?=[^\s*_])((?:(?!\n\s*\n).)+?)(?<=[^\s*_])\1", re.S)
_EMPH_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EMPH_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&%|<>~\"'])")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$", re.M)
_END_OF_SENTENCE = re.compile(r"[.!?:;\"'”’)\]…]\s*$")


@lru_cache(maxsize=1)
def boilerplate() -> list[re.Pattern]:
    return [re.compile(p, re.I) for p in lexicon.lines("io/boilerplate.txt")]


def strip_markdown(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _BLOCKQUOTE.sub("", text)
    text = _RULE.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPH_STAR.sub(r"\1", text)
    text = _EMPH_UNDER.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _is_boilerplate(para: str) -> bool:
    return any(p.search(para) for p in boilerplate())


_BREAK = re.compile(r"(\n[ \t]*\n\s*)")  # a blank line and the indentation after it
_BLANKS = str.maketrans({"\t": " ", "\u00a0": " ", "\u2028": "\n", "\u2029": "\n"})


def _units(text: str) -> tuple[str, list[list[str]]]:
    """The leading whitespace, then [separator before, paragraph] pairs; separators become newlines only."""
    parts = _BREAK.split(text)
    first = parts[0]
    lead = first[: len(first) - len(first.lstrip())]
    units = [["", first[len(lead):]]] + [["\n" * len(sep), para] for sep, para in zip(parts[1::2], parts[2::2])]
    return "\n" * len(lead), [u for u in units if u[1].strip()]


def _unwrap(para: str) -> str:
    """Wrapped prose becomes one line (each line break a space); a block of short lines keeps its breaks."""
    return para if _looks_like_lines(para) else para.replace("\n", " ")


def drop_boilerplate(units: list[list[str]]) -> list[list[str]]:
    """Drop footer and share/subscribe paragraphs; a bare link right after a footer goes with it."""
    out: list[list[str]] = []
    after_footer = False
    for sep, para in units:
        if _is_boilerplate(para):
            after_footer = True
            continue
        if after_footer and len(para.split()) <= 3 and ("/" in para or "." in para) and " " not in para.strip():
            continue  # e.g. a contact URL on its own line below a footer
        after_footer = False
        out.append([sep, para])
    return out


def rejoin(units: list[list[str]]) -> list[list[str]]:
    """Mend paragraphs that scraping broke mid-sentence: no closing punctuation, then a lower-case start."""
    out: list[list[str]] = []
    for sep, para in units:
        prev = out[-1][1] if out else ""
        if out and not _END_OF_SENTENCE.search(prev) and para[:1].islower() and len(prev.split()) > 3:
            out[-1][1] = prev + " " + para  # a repair: the text changes length here
        else:
            out.append([sep, para])
    return out


def clean(text: str, markdown: bool = True) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if markdown:
        text = strip_markdown(text)
    lead, units = _units(text.translate(_BLANKS))
    units = rejoin(drop_boilerplate([[sep, _unwrap(para)] for sep, para in units]))
    if not units:
        return ""
    units[0][0] = lead
    return ("".join(sep + para for sep, para in units)).rstrip() + "\n"


def _looks_like_lines(para: str) -> bool:
    """A block of short lines (a list, a header block) keeps its line breaks; wrapped prose is unwrapped."""
    lines = [l for l in para.split("\n") if l.strip()]
    return len(lines) > 1 and all(len(l) < 60 for l in lines)
