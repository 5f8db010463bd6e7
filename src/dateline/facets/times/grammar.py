"""The grammar of time expressions: the pieces the rules' patterns share, the registry through which
each family of rules (`dates`, `days`, `clock`, `periods`, `durations`) declares its patterns beside the
functions that resolve them, and the search that runs them over a text.

Each rule runs (C-speed `finditer`) only in windows around the words it needs (a month name, a
unit, a digit...), found in one pass over the text; overlapping candidates are settled by keeping
the longest. A rule whose pattern holds a group `x` reports only that group as the span, so
context words ("in May", "for six days") can be required without entering the expression.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ... import lexicon


def vocab() -> dict:
    """The word lists of data/times.yaml, loaded once per process."""
    return lexicon.load("times/times.yaml", required=("months", "tense", "year_nouns", "not_year_after"))


def _alt(words, flags: str = "") -> str:
    """An alternation of `words`, longest first, spaces matching any run of whitespace."""
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


Resolve = Callable[[Any, re.Match, "Candidate"], Any]  # (normaliser, match, candidate) → Point, value or None


@dataclass(frozen=True)
class Spec:
    """A rule as its family declares it: the pattern before its pieces are filled in, the trigger words."""

    name: str
    type: str
    pattern: str
    triggers: str
    resolve: Resolve
    comparison: Callable[[re.Match], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    pattern: re.Pattern
    triggers: frozenset  # words (lower case) of which every match holds one; "#" for a digit
    resolve: Resolve  # the value of a match: a Point, a TIMEX3 string, or None when it is no expression after all
    comparison: Callable[[re.Match], bool]  # True for a report's comparison point, which anaphora do not count from


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


class Rules:
    """The rules of one family, in the order they are declared; `@rules.rule(name, type, triggers=..., pattern=...)`
    registers the function beneath it as the rule's resolver, called as `resolve(normaliser, match, candidate)`.

    In a pattern {NAME} is replaced by the piece of that name (`_pieces`). (?i:) scopes the
    case-insensitive parts: month and weekday names must be capitalised ("may", "march" are verbs).
    `triggers` names the words that every match of the rule contains: a rule is run only in windows
    around them, which keeps the cost of the grammar a small fraction of the parse. Upper-case names
    stand for word lists (`_trigger_words`), "#" for a digit. `comparison` (True, or a test of the match)
    marks the comparison point of a report ("a year earlier"), which later anaphora do not count from.
    """

    def __init__(self) -> None:
        self.specs: list[Spec] = []

    def rule(self, name: str, type: str, *, triggers: str, pattern: str,
             comparison: bool | Callable[[re.Match], bool] = False) -> Callable[[Resolve], Resolve]:
        test = comparison if callable(comparison) else (_always if comparison else _never)

        def register(func: Resolve) -> Resolve:
            self.specs.append(Spec(name, type, pattern, triggers, func, test))
            return func

        return register


def _always(m: re.Match) -> bool:
    return True


def _never(m: re.Match) -> bool:
    return False


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
        "DAY_AFTER": (rf"(?:\s*,?\s+(?:(?i:on|this|last)\s+)?(?:{wd}|(?P<w>(?i:today|yesterday|tomorrow|tonight))|"
                      rf"{mon}\s+(?P<day>[0-3]?\d)\b))?"),
        "EDGE": (r"(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
                 r"the\s+first\s+half\s+of|the\s+(?:second|last|latter)\s+half\s+of)"),
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


def _all_pieces() -> dict[str, str]:
    pieces = _pieces()
    pieces["HOLIDAYS"] = _holiday_alt()
    pieces["HOLIDAY_NAMES"] = _alt(vocab()["holiday_named"])
    pieces["VAGUE"] = _vague_alt()
    pieces["SETS"] = _alt(vocab()["sets"], "i")
    nums = vocab()["numbers"]
    pieces["ONES"] = _alt([w for w, n in nums.items() if isinstance(n, int) and 0 < n < 10 and len(w) > 2], "i")
    pieces["TEENS"] = _alt([w for w, n in nums.items() if isinstance(n, int) and 10 <= n < 20 and " " not in w], "i")
    pieces["TENS"] = _alt([w for w, n in nums.items()
                           if isinstance(n, int) and n in (20, 30, 40, 50, 60, 70, 80, 90)], "i")
    return pieces


class Grammar:
    """The rules of the families given, in that order of precedence (where two candidates of one length
    start together, the earlier rule's is kept), compiled on first use."""

    def __init__(self, *families: Rules) -> None:
        self.specs = [s for family in families for s in family.specs]

    @cached_property
    def rules(self) -> list[Rule]:
        pieces = _all_pieces()
        return [Rule(s.name, s.type, re.compile(s.pattern.format(**pieces)), _trigger_words(s.triggers),
                     s.resolve, s.comparison) for s in self.specs]

    @cached_property
    def _rules_by_word(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for w in rule.triggers:
                index.setdefault(w, []).append(i)
        return index

    def windows(self, text: str) -> list[list[tuple[int, int]]]:
        """For each rule, the merged stretches of text around its trigger words."""
        index = self._rules_by_word
        spots: list[list[int]] = [[] for _ in self.rules]
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

    def candidates(self, text: str, keep=lambda c: True) -> list[Candidate]:
        """Non-overlapping matches of every rule that `keep` accepts, longest first where they compete,
        in text order."""
        found = []
        for rule, stretches in zip(self.rules, self.windows(text)):
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


def _span(m: re.Match) -> tuple[int, int]:
    if "x" in m.re.groupindex and m.group("x") is not None:
        return m.span("x")
    return m.span()
