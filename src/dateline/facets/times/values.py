"""What the words of a time expression say on their own: numbers, lengths (TIMEX3 durations), ordinals,
month numbers and parts of the day, read from data/times.yaml."""
from __future__ import annotations

import re

from .grammar import vocab


def month_number(word: str) -> int:
    return vocab()["months"][word.rstrip(".")]


def number(word: str) -> float | None:
    """The value of a number word or numeral ("2 1/2", "one and a half"); None for vague ones."""
    w = re.sub(r"\s+", " ", word.lower())
    half = re.fullmatch(r"(.+?)(?: and a half| 1/2|½)", w)
    if half:
        whole = number(half.group(1))
        return None if whole is None else whole + 0.5
    if re.fullmatch(r"[\d.,]+", w):
        try:
            return float(w.replace(",", ""))
        except ValueError:
            return None
    nums = vocab()["numbers"]
    if w in nums:
        return float(nums[w])
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in nums and parts[1] in nums:
        return float(nums[parts[0]] + nums[parts[1]])
    return None


# a fraction of a unit is written in the next smaller one: 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M
SMALLER = {("Y", False): ("M", 12, False), ("W", False): ("D", 7, False), ("D", False): ("H", 24, True),
           ("H", True): ("M", 60, True), ("M", True): ("S", 60, True)}


def duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P6D, PT3H, P20Y, P2Y6M; X for an unknown number (PXY)."""
    letter, mult, clock = vocab()["units"][unit.lower()]
    if n is None:
        letter = {10: "DE", 100: "CE"}.get(mult, letter)
        return f"PTX{letter}" if clock else f"PX{letter}"
    n *= mult
    whole, frac = int(n), n - int(n)
    part = f"{whole}{letter}" if whole else ""
    if frac and (letter, clock) in SMALLER:
        small, per, small_clock = SMALLER[(letter, clock)]
        rest = f"{round(frac * per)}{small}"
        if small_clock and not clock:
            return f"P{part}T{rest}"
        return f"PT{part}{rest}" if clock else f"P{part}{rest}"
    amount = f"{n:g}"
    return f"PT{amount}{letter}" if clock else f"P{amount}{letter}"


def unit_gran(unit: str) -> str:
    return {"decade": "year", "century": "year", "fortnight": "week", "night": "day"}.get(unit.lower(), unit.lower())


def matched_amount(m: re.Match) -> float | None:
    """The number of units matched, with a trailing "and a half" ("a minute and a half")."""
    n = number(m.group("num"))
    return n + 0.5 if n is not None and m.group("half") else n


def ordinal(word: str) -> int | None:
    w = word.lower()
    if w[:-2].isdigit():
        return int(w[:-2])
    return vocab()["ordinals"].get(w)


def part_of_day(word: str | None) -> str:
    return vocab()["parts_of_day"].get((word or "").lower(), "")
