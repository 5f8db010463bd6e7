"""The head of an article: headline, byline (author and date) and the outlet the page names."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
        r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
DATE_PATTERNS = [
    re.compile(rf"\b{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MON})\s*,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b{_WEEKDAY}(?P<m>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<y>\d{4})-(?P<mn>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b"),
]
# a dateline at the head of a wire story: "BAGHDAD, April 3 (Reuters) -"
DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Za-z .'’-]{1,40}(?:,[ \t]*[A-Z][A-Za-z .'-]{1,30})?,[ \t]+"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"
    r"(?P<mon>[A-Z][a-z]{2,8})\.?[ \t]+(?P<day>\d{1,2})(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*[-—–]", re.M)
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al-\w+|bin|ibn|da|del|la|le))*"
_BY = re.compile(rf"^\s*(?:by|written by|words by)\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)", re.I)
# Words that make a byline's trailing phrase a publication ("By Jane Roe, The Kano Herald"), not a job.
_OUTLET_WORDS = re.compile(
    r"\b(?:Times|Post|News|Herald|Press|Tribune|Journal|Gazette|Chronicle|Telegraph|Guardian|Daily|Radio|"
    r"Television|TV|Network|Media|Observer|Star|Mail|Express|Monitor|Courier|Review|Standard|Wire|Agency|"
    r"Agence|Service|Dispatch|Sentinel|Independent|Bulletin|Magazine|Weekly|Broadcasting)\b")


# A news archive may head a story "This story is from March 18, 2002" and open its text with a lower-case
# dateline, "lakeside: police said ...", on the same line or the next one (the places facet reads that).
ARCHIVE_HEAD = re.compile(r"^\s*This story is from\s+(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})", re.I)


@dataclass
class Head:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None


def parse_date(s: str) -> tuple[dt.date, re.Match] | None:
    """The first calendar date written out in `s` (day-first for ambiguous numeric dates)."""
    for pat in DATE_PATTERNS:
        m = pat.search(s)
        if not m:
            continue
        g = m.groupdict()
        try:
            year = int(g["y"])
            if g.get("m"):
                name = g["m"].lower().rstrip(".")
                month = MONTHS[name[:4] if name.startswith("sept") else name[:3]]
                day = int(g["d"])
            elif g.get("mn"):
                month, day = int(g["mn"]), int(g["d"])
            else:
                a, b = int(g["a"]), int(g["b"])
                day, month = (a, b) if a > 12 or b <= 12 else (b, a)
            return dt.date(year, month, day), m
        except (KeyError, ValueError):
            continue
    return None


@lru_cache(maxsize=1)
def outlets() -> list[tuple[re.Pattern, str, bool]]:
    """(pattern, outlet name, is a web address) for every name and alias in data/outlets.json."""
    out = []
    for name, aliases in lexicon.outlets().items():
        for alias in [name, *aliases]:
            out.append((re.compile(r"(?<![\w.])" + re.escape(alias) + r"(?![\w])", re.I), name, "." in alias))
    return out


def find_outlet(raw: str) -> str | None:
    """The outlet a page names of itself: its address in the footer, or "(Reuters)" in the dateline.

    Run on the raw text: footers are dropped by cleaning, and an outlet merely cited in the story
    ("told Associated Press") is not the publisher, so only these two places count.
    """
    head, tail = raw[:400], raw[-600:]
    for pat, name, is_address in outlets():
        if is_address and pat.search(tail):
            return name
    for pat, name, _ in outlets():
        m = pat.search(head)
        if m and re.search(r"\(\s*" + re.escape(m.group(0)) + r"\s*\)", head):
            return name
    return None


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (0 < len(words) <= 25 and not re.search(r"[.;]\s*$", line) and not _BY.match(line)
            and parse_date(line) is None)


def parse_head(text: str, raw: str | None = None) -> Head:
    """Headline, author and date from the first lines of a cleaned article; outlet from the raw page."""
    lines = [l.strip() for l in text.split("\n") if l.strip()][:6]
    head = Head()
    archive = ARCHIVE_HEAD.match(text)
    found_head = parse_date(archive.group("date")) if archive else None
    if found_head is not None:  # "This story is from March 18, 2002 lakeside: ..."
        head.published = found_head[0].isoformat()
    if lines and _looks_like_headline(lines[0]) and len(lines) > 1:
        head.title = lines[0]
        lines = lines[1:]
    for line in lines[:3]:
        if len(line.split()) > 14:
            break
        found = parse_date(line)
        rest = line
        if found:
            head.published = head.published or found[0].isoformat()
            rest = (line[: found[1].start()] + " " + line[found[1].end():]).strip()
        m = _BY.match(rest)
        if m:
            head.author = head.author or _tidy_name(m.group("name"))
            head.outlet = head.outlet or _byline_outlet(m.group("name"))
        elif found and rest:
            cand = re.split(r"\s*[|,·—–-]\s*", rest)[0].strip()
            if re.fullmatch(_NAME, cand) and 1 < len(cand.split()) <= 4:
                head.author = head.author or _tidy_name(cand)
                head.outlet = head.outlet or _byline_outlet(rest)
        if head.published and head.author:
            break
    head.outlet = find_outlet(raw if raw is not None else text) or head.outlet
    return head


def _byline_outlet(names: str) -> str | None:
    """The publication a byline ends with: "Jane Roe, Reuters" or "Jane Roe | The Kano Herald"."""
    parts = [p.strip() for p in re.split(r"\s*[|,·—–]\s*", names)[1:] if p.strip()]
    for part in parts:
        for pat, name, is_address in outlets():
            if not is_address and pat.fullmatch(part):
                return name
        if _OUTLET_WORDS.search(part):
            return part
    return None


def _tidy_name(name: str) -> str:
    return re.sub(r"\s+", " ", re.split(r"\s*[|,·]\s*", name)[0]).strip(" ,.-")


def dateline_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date of a wire dateline in the first lines; without a year, that of the first full date
    in the story, else `today`'s year (None leaves it undated)."""
    m = DATELINE.search(text[:600])
    months = lexicon.load("times/times.yaml")["months"]
    if not m or m.group("mon") not in months:
        return None
    year = int(m.group("year")) if m.group("year") else _first_year(text) or (today.year if today else None)
    if year is None:
        return None
    try:
        return dt.date(year, months[m.group("mon")], int(m.group("day")))
    except ValueError:
        return None


def _first_year(text: str) -> int | None:
    m = re.search(r"\b(?:19|20)\d\d\b", text)
    return int(m.group(0)) if m else None
