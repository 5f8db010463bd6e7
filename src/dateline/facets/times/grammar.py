"""The grammar of time expressions: one compiled regular expression per kind of expression.

Each rule runs (C-speed `finditer`) only in windows around the words it needs (a month name, a
unit, a digit...), found in one pass over the text; overlapping candidates are settled by keeping
the longest. A rule whose pattern holds a group `x` reports only that group as the span, so
context words ("in May", "for six days") can be required without entering the expression.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ... import lexicon


def vocab() -> dict:
    """The word lists of data/times.yaml, loaded once per process."""
    return lexicon.load("times/times.yaml", required=("months", "tense", "year_nouns", "not_year_after"))


def _alt(words, flags: str = "") -> str:
    """An alternation of `words`, longest first, spaces matching any run of whitespace."""
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    pattern: re.Pattern
    triggers: frozenset  # words (lower case) of which every match holds one; "#" for a digit


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


def _pieces() -> dict[str, str]:
    v = vocab()
    abbrev = [m for m in v["months"] if len(m) <= 4 and m not in ("June", "July", "May")]
    full = [m for m in v["months"] if m not in abbrev]
    mon = rf"(?P<mon>{_alt(full)}|{_alt(abbrev)}\.?)(?![\w'])"
    tens = _alt([w for w, n in v["numbers"].items() if isinstance(n, int) and 20 <= n < 100], "i")
    units_words = _alt([w for w, n in v["numbers"].items() if isinstance(n, int) and n < 10 and len(w) > 2], "i")
    single = (rf"(?:\d{{1,3}}(?:[.,]\d+)?|{tens}(?:[\s-]{units_words})?|"
              rf"{_alt(v['numbers'], 'i')}|{_alt(v['vague_numbers'], 'i')})")
    number = rf"(?:{single}(?:\s+1/2|½|\s+(?i:and\s+a\s+half))?)"
    unit = _alt(v["units"], "i")
    wd = rf"(?P<wd>{_alt(v['weekdays'])})(?![\w])"
    pods = _alt(v["parts_of_day"], "i")
    wds = rf"(?P<wd>{_alt(v['weekdays'])})(?:s\b(?:\s+(?P<pod>{pods})s?\b)?|\s+(?P<pod2>{pods})s\b)"
    return {
        "MON": mon,
        "MONFULL": rf"(?P<mon>{_alt(full)})(?![\w'])",
        "DAY": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d|\w)",
        "YEAR": r"(?P<year>(?:1[5-9]|20)\d\d)(?![\w-]\d|\d|[.,:/]\d)",
        "WD": wd,
        "WDS": wds,
        "POD": rf"(?P<pod>{_alt(v['parts_of_day'], 'i')})\b",
        "NUM": rf"(?P<num>{number})",
        "UNIT": rf"(?P<unit>{unit})(?P<plural>s|es)?",
        "SEASON": rf"(?P<season>{_alt(v['seasons'], 'i')})\b",
        "ORD": rf"(?P<ord>{_alt(v['ordinals'], 'i')}|\d{{1,2}}(?:st|nd|rd|th))",
        # the day a clock time may name after it: "0900 GMT Friday", "at 19:00 on June 3"
        "DAY_AFTER": rf"(?:\s*,?\s+(?:(?i:on|this|last)\s+)?(?:{wd}|(?P<w>(?i:today|yesterday|tomorrow|tonight))|{mon}\s+(?P<day>[0-3]?\d)\b))?",
        "EDGE": r"(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+(?:second|last|latter)\s+half\s+of)",
    }


# (name, TIMEX3 type, pattern); {NAME} is replaced by the piece of that name. (?i:) scopes the
# case-insensitive parts: month and weekday names must be capitalised ("may", "march" are verbs).
RULES = [
    ("iso_date", "DATE", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("date_mdy", "DATE", r"\b(?:{WD}\s*,?\s+)?{MON}\s+{DAY}(?:(?:\s*,\s*|\s+){YEAR})?"),
    ("date_dmy", "DATE", r"\b(?:{WD}\s*,?\s+)?(?:(?i:the)\s+)?{DAY}(?:\s+(?i:of))?\s+{MON}(?:\s*,?\s+{YEAR})?"),
    ("day_of_month", "DATE", r"\b(?i:on|since|until|till|by|from|before|after|for)\s+(?P<x>(?i:the)\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th))(?=\s*[,.;:)]|\s+(?i:and|or|to|when|at|in)\b)"),
    ("second_day", "DATE", r"\b{MON}\s+[0-3]?\d(?:st|nd|rd|th)?\s*(?:(?i:and|or|to|through)\s+|[-–]\s*)(?P<x>{DAY})(?:\s*,?\s+{YEAR})?"),
    ("week_of", "DATE", r"\b(?i:the)\s+(?i:week)\s+(?i:of)\s+{MON}\s+{DAY}(?:\s*,?\s+{YEAR})?"),
    ("week_of_month", "DATE", r"\b(?:(?i:the)\s+)?(?:{ORD}|(?P<last>(?i:last|final)))\s+(?i:week)\s+(?i:of)\s+{MONFULL}(?:\s*,?\s+{YEAR})?"),
    ("month_year", "DATE", r"\b(?:(?i:{EDGE})[\s-]+)?{MON}\s*,?\s+(?:(?i:of)\s+)?{YEAR}"),
    ("month_pre", "DATE", r"\b(?i:in|since|by|until|till|through|during|from|to|before|after|of|and|or|between|for)\s+(?P<x>(?:(?i:{EDGE})[\s-]+)?{MONFULL})"),
    ("month_rel_year", "DATE", r"\b{MONFULL}\s+(?P<rel>(?i:last|next|this))\s+(?i:year)\b"),
    ("month_det", "DATE", r"\b(?i:the|a|an)\s+(?P<x>{MONFULL})(?=\s+[a-z])"),
    ("month_mod", "DATE", r"\b(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of))[\s-]+{MONFULL}"),
    ("year", "DATE", r"(?<![\w$£€.,/-])(?:(?P<mod>(?i:fiscal|calendar|(?:{EDGE})|the\s+year|the\s+(?:spring|summer|fall|autumn|winter)\s+of))[\s-]+)?{YEAR}(?!'?s\b|\s*(?:%|percent))"),
    ("spoken_year", "DATE", r"\b(?:(?i:the\s+year)\s+|{MONFULL}\s+|(?:(?i:the)\s+)?{SEASON}\s+(?i:of)\s+)?(?P<sy>(?i:nineteen|twenty)[\s-]+(?i:{TEENS}|{TENS}(?:[\s-]+{ONES})?|oh[\s-]+{ONES})|(?i:two\s+thousand)(?:[\s-]+(?:(?i:and\s+)?{ONES}))?)\b"),
    ("decade", "DATE", r"(?:\b(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(?:\b(?P<cent>1[5-9]|20)(?P<dec>\d)0|['’](?P<dec2>\d)0)(?:'?s)\b"),
    ("century", "DATE", r"\b(?:(?i:the)\s+)?{ORD}[\s-]+(?i:century)\b"),
    ("season_year", "DATE", r"\b(?:(?i:the)\s+)?(?:(?i:early|late)\s+)?{SEASON}\s+(?:(?i:of)\s+)?{YEAR}"),
    ("holiday", "DATE", r"\b(?P<hol>{HOLIDAYS})(?![\w'’-])(?!\s+{HOLIDAY_NAMES}\b)(?:\s*,?\s+{YEAR})?"),
    ("relday", "DATE", r"\b(?:(?i:early|late|mid)[\s-]*(?P<pod2>(?i:morning|afternoon|evening))\s+)?(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight))(?:['’]s)?(?:\s+{POD})?"),
    ("this_pod", "TIME", r"\b(?P<rel>(?i:this|last|early\s+this|late\s+this|earlier\s+this|later\s+this))\s+{POD}"),
    ("overnight", "TIME", r"\b(?i:overnight)\b"),
    ("weekday", "DATE", r"\b(?:(?P<rel>(?i:the\s+previous|the\s+preceding|the\s+following|last|next|this|this\s+coming|this\s+past|coming|past|early|late))\s+)?{WD}(?!\s+{HOLIDAY_NAMES}\b)(?:['’]s)?(?:\s+{POD})?"),
    ("weekday_set", "SET", r"\b{WDS}"),
    ("pod_of_wd", "TIME", r"\b(?:(?i:early|late)\s+)?{POD}\s+(?i:of|on)\s+{WD}(?:\s*,\s*{MON}\s+{DAY}(?:\s*,\s*{YEAR})?)?"),
    ("clock", "TIME", r"(?<![\w.:])(?P<h>[012]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am\b|pm\b))(?:\s+(?P<tz>[A-Z]{{2,4}}\b|(?i:local\s+time|GMT)))?(?:\s*,?\s+(?:(?i:on|this|last)\s+)?(?:{WD}|(?P<w>(?i:today|yesterday|tomorrow|tonight))|{MON}\s+{DAY}))?"),
    ("clock_pod", "TIME", r"(?<![\w.:$£€-])(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s+(?:(?i:o['’]clock)\s+)?(?i:in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+(?P<night>night)){DAY_AFTER}"),
    ("clock_zone", "TIME", r"(?<![\w.:$£€-])(?P<h>[01]\d|2[0-3]|\d(?=:)):?(?P<min>[0-5]\d)\s*(?P<tz>GMT|UTC|(?i:local\s+time|hours|hrs)\b){DAY_AFTER}"),
    ("clock24", "TIME", r"\b(?i:at|by|until|till|from|before|after|since|to)\s+(?P<x>(?P<h>0\d|1[3-9]|2[0-3]):(?P<min>[0-5]\d)(?![\d:.,]\d|\w){DAY_AFTER})"),
    ("noon", "TIME", r"(?<!high\s)(?<!High\s)\b(?P<n>(?i:noon|midday|midnight))(?:\s*,?\s+(?:(?i:on)\s+)?(?:{WD}|(?P<w>(?i:today|yesterday|tomorrow))))?"),
    ("quarter", "DATE", r"\b(?:(?P<pre>(?i:this|last|next)\s+(?i:year)|(?:1[5-9]|20)\d\d)\s?['’]s\s+)?(?:(?i:the)\s+)?(?:(?P<pre2>(?:1[5-9]|20)\d\d)\s+)?(?:(?i:fiscal|calendar)[\s-]+)?{ORD}[\s-]+(?:(?i:fiscal)[\s-]+)?(?P<qh>(?i:quarter|half))\b(?:\s+(?i:of)\s+(?:(?:(?i:fiscal)\s+)?{YEAR}|(?P<ofrel>(?i:last|next|this))\s+(?i:year)\b))?"),
    ("the_quarter", "DATE", r"\b(?i:the)\s+(?P<rel>(?i:latest|current|same|recent|previous|prior|year\s?-\s?ago|year\s?-\s?earlier|comparable|fiscal|just-ended|just\s+ended)\s+)?(?i:quarter|(?<=latest\s)period)\b"),
    ("rel_unit", "DATE", r"\b(?P<rel>(?i:this\s+past|this\s+coming|earlier\s+this|later\s+this|early\s+this|late\s+this|early\s+next|late\s+next|early\s+last|late\s+last|the\s+past|the\s+last|the\s+previous|the\s+preceding|the\s+current|the\s+coming|the\s+following|the\s+next|this|last|next))\s+(?P<unit>(?i:weekend|week|month|year|quarter|decade|century))(?![\w-])(?!\s+(?i:old|ago))"),
    ("the_year", "DATE", r"\b(?i:the)\s+(?:(?i:full|current|fiscal|calendar)\s+){{0,2}}(?i:year)\b(?![\s-]+(?i:ended|ending|earlier|ago|before|after|old|later|of|in|that|when|to)\b|-)"),
    ("year_period", "DATE", r"\b(?i:the)\s+{YEAR}\s+(?i:period|quarter)\b"),
    ("the_weekend", "DATE", r"\b(?P<rel>(?i:the))\s+(?P<unit>(?i:weekend))\b"),
    ("period_edge", "DATE", r"\b(?:(?i:the\s+(?:end|beginning|start|middle)\s+of|(?:earlier|later)\s+in)\s+)(?i:the|this)\s+(?P<unit>(?i:week|month|year))\b"),
    ("rel_season", "DATE", r"\b(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|the|early\s+this|late\s+this|early\s+last|late\s+last|the\s+early|the\s+late))\s+{SEASON}(?![\w-])(?!\s+(?i:of))"),
    ("anchor_day", "DATE", r"\b(?P<rel>(?i:the\s+following|the\s+next|the\s+previous|the\s+preceding))\s+(?P<unit>(?i:day|morning|afternoon|evening|night))\b|\b(?i:the)\s+(?P<unit2>(?i:day|night|week|month|year))\s+(?P<dir2>(?i:before|after))(?=\s*[,.;:)]|\s+(?i:that|this))"),
    ("that_day", "DATE", r"\b(?:(?P<edge>(?i:earlier|later|early|late))\s+(?:(?i:in|on)\s+)?)?(?i:that|the\s+same|that\s+same)\s+(?P<unit>(?i:day|morning|afternoon|evening|night|week|month|year))\b"),
    ("ago", "DATE", r"(?:\b(?P<mod>(?i:nearly|almost|about|some|roughly|more\s+than|less\s+than|around|just|only))\s+)?\b{NUM}[\s-]+{UNIT}(?:\s+(?i:or\s+so))?\s+(?i:ago)\b"),
    ("shift", "DATE", r"\b{NUM}[\s-]+{UNIT}(?P<half>\s+(?i:and\s+a\s+half))?\s+(?P<dir>(?i:later|earlier|afterwards?|before|after))(?:(?:(?<=later)|(?<=earlier))(?!\s+(?i:than)\b)|(?=\s*[,.;:)]|\s+(?i:that|this|then|when|in|on|at)\b))"),
    ("year_ago", "DATE", r"\b(?:(?i:the)\s+)?(?i:year\s?-\s?(?:earlier|ago)|year\s+earlier|prior\s?-\s?year|previous\s?-\s?year)(?:\s+(?P<unit>(?i:quarter|period|month|week|level|levels)))?\b"),
    ("quarter_year_ago", "DATE", r"\b(?i:the)\s+(?:(?i:same)\s+)?(?i:quarter|period)\s+(?i:a|one)\s+(?i:year)\s+(?i:ago|earlier|before)\b"),
    ("year_end", "DATE", r"\b(?:(?P<since>(?i:since))\s+)?(?P<x>(?i:year[\s-]end|year['’]s\s+end))\b(?=\s*[,.;:)]|\s+(?i:and|or|to|when|at|in|as|but|if)\b)"),
    ("year_ended", "DURATION", r"\b(?P<x>(?:(?i:the|its|their)\s+)?(?:(?i:fiscal)\s+)?(?i:year))\s+(?i:ended|ending)\b"),
    ("set_word", "SET", r"\b(?P<w>{SETS})\b"),
    ("set_every", "SET", r"\b(?i:every|each)\s+(?:(?i:other)\s+)?(?:(?P<num>\d+|(?i:two|three|four|five|six|ten|few))\s+)?(?:{UNIT}|{WD})(?!\s+(?i:of)\b)"),
    ("set_per", "SET", r"(?:\b(?P<freq>(?i:once|twice|three\s+times|\d+\s+times))\s+(?i:a|an|per)|(?<=%\s)(?i:a|an)|(?<=percent\s)(?i:a|an)|\b(?i:per))\s+(?P<unit>(?i:second|minute|hour|day|week|month|year))\b"),
    ("duration", "DURATION", r"\b(?P<x>(?:(?P<mod>(?i:the\s+(?:past|last|next|first|previous|coming|following|final|remaining)|nearly|almost|about|around|roughly|approximately|more\s+than|less\s+than|at\s+least|up\s+to|over|only|just|another|an\s+additional))\s+)?{NUM}(?:\s+(?i:more|additional|straight|consecutive|full|long|trading|business|working|school))?[\s-]+{UNIT}(?P<half>\s+(?i:and\s+a\s+half))?)(?:(?=[\s-]+(?i:old)\b)(?P<age>)|\b)(?!\s+(?i:ago|later|earlier)\b)"),
    ("bare_units", "DURATION", r"\b(?:(?i:for|in|within|over|after|recent|coming|the\s+coming|the\s+past|past)\s+)(?P<x>(?i:recent\s+|coming\s+)?(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|years|decades|centuries)))\b(?!\s+(?i:ago|old))"),
    ("vague", "DATE", r"(?<![\w-])(?P<v>{VAGUE})(?![\w-])"),
]


# The words that every match of a rule contains: a rule is run only in windows around them, which
# keeps the cost of the grammar a small fraction of the parse. Upper-case names stand for word lists.
TRIGGERS = {
    "iso_date": "#", "date_mdy": "MONTHS", "date_dmy": "MONTHS", "day_of_month": "#", "second_day": "MONTHS",
    "week_of": "MONTHS", "week_of_month": "MONTHS", "month_year": "MONTHS",
    "month_pre": "MONTHS", "month_rel_year": "MONTHS", "month_det": "MONTHS", "month_mod": "MONTHS",
    "year": "#", "spoken_year": "nineteen twenty thousand", "decade": "#", "century": "century",
    "season_year": "SEASONS", "holiday": "HOLIDAYS", "relday": "today yesterday tomorrow tonight",
    "this_pod": "PODS", "overnight": "overnight", "weekday": "WEEKDAYS", "weekday_set": "WEEKDAYS WEEKDAYS_PLURAL", "pod_of_wd": "WEEKDAYS",
    "clock": "#", "clock_pod": "PODS", "clock_zone": "gmt utc local hours hrs", "clock24": "#",
    "noon": "noon midday midnight",
    "quarter": "quarter half", "the_quarter": "quarter period",
    "rel_unit": "UNITS weekend", "the_year": "year", "year_period": "#", "the_weekend": "weekend",
    "period_edge": "UNITS", "rel_season": "SEASONS", "anchor_day": "UNITS PODS", "that_day": "UNITS PODS",
    "ago": "ago", "shift": "UNITS", "year_ago": "year", "quarter_year_ago": "quarter period",
    "year_end": "year", "year_ended": "year", "set_word": "SETS",
    "set_every": "every each", "set_per": "UNITS", "duration": "UNITS", "bare_units": "UNITS",
    "vague": "VAGUE",
}
WINDOW = 72  # characters either side of a trigger within which its rule's matches lie
WORD = re.compile(r"[A-Za-z]+|\d")


def _longest_word(phrase: str) -> str:
    """The most telling word of a phrase ("present" of "at present"), so "the" triggers nothing."""
    return max(WORD.findall(phrase.lower()), key=len)


def _trigger_words(spec: str) -> frozenset:
    v = vocab()
    lists = {
        "MONTHS": [m.lower() for m in v["months"]],
        "WEEKDAYS": [d.lower() for d in v["weekdays"]],
        "WEEKDAYS_PLURAL": [d.lower() + "s" for d in v["weekdays"]],
        "UNITS": [w for u in v["units"] for w in (u, u + "s", u[:-1] + "ies")],
        "PODS": list(v["parts_of_day"]),
        "SEASONS": list(v["seasons"]),
        "HOLIDAYS": [_longest_word(h) for h in v["holidays"]],
        "VAGUE": [_longest_word(p) for ws in v["vague"].values() for p in ws],
        "SETS": list(v["sets"]),
    }
    words = []
    for item in spec.split():
        words += lists.get(item, [item])
    return frozenset(words)


def _holiday_alt() -> str:
    return _alt(vocab()["holidays"])


def _vague_alt() -> str:
    words = [w for ws in vocab()["vague"].values() for w in ws]
    return _alt(words, "i")


@lru_cache(maxsize=1)
def rules() -> list[Rule]:
    pieces = _pieces()
    pieces["HOLIDAYS"] = _holiday_alt()
    pieces["HOLIDAY_NAMES"] = _alt(vocab()["holiday_named"])
    pieces["VAGUE"] = _vague_alt()
    pieces["SETS"] = _alt(vocab()["sets"], "i")
    nums = vocab()["numbers"]
    pieces["ONES"] = _alt([w for w, n in nums.items() if isinstance(n, int) and 0 < n < 10 and len(w) > 2], "i")
    pieces["TEENS"] = _alt([w for w, n in nums.items() if isinstance(n, int) and 10 <= n < 20 and " " not in w], "i")
    pieces["TENS"] = _alt([w for w, n in nums.items() if isinstance(n, int) and n in (20, 30, 40, 50, 60, 70, 80, 90)], "i")
    return [Rule(name, typ, re.compile(pat.format(**pieces)), _trigger_words(TRIGGERS[name]))
            for name, typ, pat in RULES]


@lru_cache(maxsize=1)
def _rules_by_word() -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(rules()):
        for w in rule.triggers:
            index.setdefault(w, []).append(i)
    return index


def windows(text: str) -> list[list[tuple[int, int]]]:
    """For each rule, the merged stretches of text around its trigger words."""
    index = _rules_by_word()
    spots: list[list[int]] = [[] for _ in rules()]
    for m in WORD.finditer(text):
        w = m.group().lower() if m.group()[0].isalpha() else "#"
        for i in index.get(w, ()):
            spots[i].append(m.start())
    out = []
    for positions in spots:
        merged: list[tuple[int, int]] = []
        for p in positions:
            s, e = max(0, p - WINDOW), min(len(text), p + WINDOW)
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        out.append(merged)
    return out


def _span(m: re.Match) -> tuple[int, int]:
    if "x" in m.re.groupindex and m.group("x") is not None:
        return m.span("x")
    return m.span()


def candidates(text: str, keep=lambda c: True) -> list[Candidate]:
    """Non-overlapping matches of every rule that `keep` accepts, longest first where they compete,
    in text order."""
    found = []
    for rule, stretches in zip(rules(), windows(text)):
        for s, e in stretches:
            for m in rule.pattern.finditer(text, s, e):
                a, b = _span(m)
                if b > a:
                    found.append(Candidate(a, b, rule, m))
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[Candidate] = []
    starts: list[int] = []  # of the kept spans, which are disjoint: sorted by start, so by end too
    ends: list[int] = []
    for c in found:
        i = bisect.bisect_left(starts, c.end)
        if (i == 0 or ends[i - 1] <= c.start) and keep(c):
            kept.append(c)
            starts.insert(i, c.start)
            ends.insert(i, c.end)
    kept.sort(key=lambda c: c.start)
    return kept
