"""The readable text report of a record (rich), for people at a terminal."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

_console = Console()


def _sentence(text: str, start: int, end: int, width: int = 140) -> str:
    s = text[start:end].replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def print_record(rec: dict, console: Console | None = None) -> None:
    c = console or _console
    art = rec.get("article") or {}
    c.rule(Text(art.get("title") or rec.get("id") or "(untitled)", style="bold"))
    meta = [f"{k}: {art[k]}" for k in ("author", "published", "outlet", "url") if art.get(k)]
    c.print("  ".join(meta) or "(no byline)", style="dim")
    text = rec.get("text", "")

    events = rec.get("events") or []
    if events:
        t = Table(title=f"Events ({len(events)})", title_justify="left", show_lines=True, expand=True)
        for col in ("type", "modality", "when", "where", "who → whom", "dead", "evidence"):
            t.add_column(col, overflow="fold", ratio=3 if col == "evidence" else 1)
        for e in events:
            when = e.get("date") or {}
            where = e.get("location") or {}
            a1, a2 = e.get("actor1") or {}, e.get("actor2") or {}
            fat = e.get("fatalities") or {}
            ev = e.get("evidence") or []
            t.add_row(
                f"{e['event_type']}\n[bold]{e['sub_event_type']}[/]",
                e.get("modality", ""),
                (when.get("start", "") + ("–" + when["end"] if when.get("end") and when.get("end") != when.get("start") else "")) or "?",
                ", ".join(x for x in (where.get("name"), where.get("country")) if x) or "?",
                f"{a1.get('name') or '?'} → {a2.get('name') or '—'}",
                "" if fat.get("count") is None else str(fat["count"]),
                "\n".join("“" + _sentence(text, x["start"], x["end"]) + "”" for x in ev[:2]),
            )
        c.print(t)
    else:
        c.print("No events found.", style="dim")

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
            body = _sentence(text, q["start"], q["end"], 220)
            t.add_row(who, ("“" + body + "”") if q.get("direct") else body)
        c.print(t)

    for title, key, fmt in (
        ("Times", "times", lambda x: f"{x['text']} → {x['value']}"),
        ("Places", "places", lambda x: f"{x['text']} → {x.get('name')}, {x.get('country') or '?'}"
                                       + (f" ({x['lat']:.2f}, {x['lon']:.2f})" if x.get("lat") is not None else "")),
        ("Quantities", "quantities", lambda x: f"{x['text']} → {x.get('value')} {x.get('kind')}"),
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
