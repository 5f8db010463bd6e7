"""The readable text report of a record (rich), for people at a terminal."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

_console = Console()


def _sentence(text: str, start: int, end: int, width: int = 140) -> str:
    s = text[start:end].replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "?" if value is None else f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _when(date: dict) -> str:
    if not date.get("start"):
        return "?"
    span = date["start"] + (f" to {date['end']}" if date.get("end") not in (None, date["start"]) else "")
    said = f" “{date['text']}”" if date.get("text") else ""
    flag = " (publication date: the text gives none)" if date.get("precision") == "publication" else ""
    return span + said + flag


def _where(loc: dict) -> str:
    parts = [loc.get("name"), loc.get("admin1"), loc.get("country")]
    names = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
    return ", ".join(names) + (f" ({loc['precision']})" if names and loc.get("precision") else "") or "?"


def _print_event(c: Console, text: str, n: int, e: dict) -> None:
    """One event as a short block: readable at any terminal width, unlike a many-column table."""
    a1, a2 = e.get("actor1") or {}, e.get("actor2") or {}
    fat = (e.get("fatalities") or {}).get("count")
    head = Text(f"{n:>2}. ")
    head.append(f"{e['event_type']} › {e['sub_event_type']}", style="bold")
    style = "green" if e.get("modality") == "occurred" else "yellow"
    head.append(f"  {e.get('modality', '?')}", style=style)
    if e.get("confidence") is not None:
        head.append(f" · confidence {e['confidence']:.2f}", style="dim")
    c.print(head)
    rows = [("when", _when(e.get("date") or {})), ("where", _where(e.get("location") or {})),
            ("who", f"{a1.get('name') or '?'} → {a2.get('name') or '—'}"),
            ("dead", "not reported" if fat is None else str(fat))]
    for label, value in rows:
        c.print(Text(f"    {label:<6}", style="dim") + Text(value))
    for x in (e.get("evidence") or [])[:3]:
        c.print(Text("    “" + _sentence(text, x["start"], x["end"], 300) + "”", style="italic"))


def print_record(rec: dict, console: Console | None = None) -> None:
    c = console or _console
    art = rec.get("article") or {}
    c.rule(Text(art.get("title") or rec.get("id") or "(untitled)", style="bold"))
    meta = [f"{k}: {art[k]}" for k in ("author", "published", "outlet", "url") if art.get(k)]
    c.print("  ".join(meta) or "(no byline)", style="dim")
    text = rec.get("text", "")

    events = rec.get("events") or []
    c.print(Text(f"Events ({len(events)})", style="bold") if events else Text("No events found.", style="dim"))
    for n, e in enumerate(events, 1):
        _print_event(c, text, n, e)

    quotes = rec.get("quotes") or []
    if quotes:
        t = Table(title=f"Quotes ({len(quotes)})", title_justify="left", expand=True)
        t.add_column("speaker", ratio=1)
        t.add_column("said", ratio=4, overflow="fold")
        for q in quotes:
            sp = q.get("speaker") or {}
            who = sp.get("name") or "?"
            if sp.get("role"):
                who += f"\n[dim]{sp['role']}[/]"
            body = _sentence(text, q["start"], q["end"], 220).strip('"“”')
            t.add_row(who, ("“" + body + "”") if q.get("direct") else body)
        c.print(t)

    for title, key, fmt in (
        ("Times", "times", lambda x: f"{x['text']} → {x['value']}"),
        ("Places", "places", lambda x: f"{x['text']} → {x.get('name')}, {x.get('country') or '?'}"
                                       + (f" ({x['lat']:.2f}, {x['lon']:.2f})" if x.get("lat") is not None else "")),
        ("Quantities", "quantities",
         lambda x: f"{x['text']} → {_number(x.get('value'))} {x.get('kind') or ''}".rstrip()),
    ):
        items = rec.get(key) or []
        if items:
            c.print(Text(f"{title} ({len(items)})", style="bold"))
            seen, parts = set(), []
            for x in items:
                s = fmt(x)
                if s not in seen:
                    seen.add(s)
                    parts.append(s)
            c.print("  " + " · ".join(parts))
    ents = rec.get("entities") or []
    if ents:
        names = sorted({e["canonical"] for e in ents if e["label"] in ("PERSON", "ORG")})
        c.print(Text(f"People and organisations ({len(names)})", style="bold"))
        c.print("  " + " · ".join(names))
    c.print()
