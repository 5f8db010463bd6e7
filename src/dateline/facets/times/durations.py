"""Lengths of time ("for six days", "the past two years", "for weeks": TIMEX3 DURATION), frequencies
("daily", "every other week", "twice a year": SET) and the vague references that close the grammar
("now", "recently", "the past": PRESENT_REF, PAST_REF, FUTURE_REF)."""
from __future__ import annotations

import re

from .grammar import Rules, vocab
from .values import duration, matched_amount, number

RULES = Rules()  # in order of precedence (`Grammar`)
rule = RULES.rule


@rule("set_word", "SET", triggers="SETS", pattern=r"\b(?P<w>{SETS})\b")
def _set_word(norm, m, c):
    return vocab()["sets"][m.group("w").lower()]


@rule("set_every", "SET", triggers="every each", pattern=(
    r"\b(?i:every|each)\s+(?:(?i:other)\s+)?(?:(?P<num>\d+|(?i:two|three|four|five|six|ten|few))\s+)?"
    r"(?:{UNIT}|{WD})(?!\s+(?i:of)\b)"
))
def _set_every(norm, m, c):
    if m.group("wd"):
        return f"XXXX-WXX-{vocab()['weekdays'][m.group('wd')]}"
    n = number(m.group("num")) if m.group("num") else 1
    return duration(n, m.group("unit"))


@rule("set_per", "SET", triggers="UNITS", pattern=(
    r"(?:\b(?P<freq>(?i:once|twice|three\s+times|\d+\s+times))\s+(?i:a|an|per)|(?<=%\s)(?i:a|an)|"
    r"(?<=percent\s)(?i:a|an)|\b(?i:per))\s+(?P<unit>(?i:second|minute|hour|day|week|month|year))\b"
))
def _set_per(norm, m, c):
    return duration(1, m.group("unit"))


@rule("duration", "DURATION", triggers="UNITS", pattern=(
    r"\b(?P<x>(?:(?P<mod>(?i:the\s+(?:past|last|next|first|previous|coming|following|final|remaining)|"
    r"nearly|almost|about|around|roughly|approximately|more\s+than|less\s+than|at\s+least|up\s+to|over|"
    r"only|just|another|an\s+additional))\s+)?{NUM}(?:\s+(?i:more|additional|straight|consecutive|full|"
    r"long|trading|business|working|school))?[\s-]+{UNIT}(?P<half>\s+(?i:and\s+a\s+half))?)(?:(?=[\s-]+"
    r"(?i:old)\b)(?P<age>)|\b)(?!\s+(?i:ago|later|earlier)\b)"
))
def _duration(norm, m, c):
    if m.group("age") is not None:
        return None
    num = m.group("num").lower()
    unit = m.group("unit").lower()
    if num in ("a", "an") and unit in ("second", "minute") and not m.group("plural"):
        return None  # "a second attack", "a minute's silence"
    if unit == "quarter" and ("-" in m.group(0) or re.match(r"\s+of\b", m.string[m.end():m.end() + 4])):
        return None  # "three-quarters of its food" is a share, not a time
    return duration(matched_amount(m), unit)


@rule("bare_units", "DURATION", triggers="UNITS", pattern=(
    r"\b(?:(?i:for|in|within|over|after|recent|coming|the\s+coming|the\s+past|past)\s+)(?P<x>"
    r"(?i:recent\s+|coming\s+)?(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|years|decades|"
    r"centuries)))\b(?!\s+(?i:ago|old))"
))
def _bare_units(norm, m, c):
    return duration(None, m.group("unit").lower().rstrip("s").replace("centurie", "century"))


@rule("vague", "DATE", triggers="VAGUE", pattern=r"(?<![\w-])(?P<v>{VAGUE})(?![\w-])")
def _vague(norm, m, c):
    word = re.sub(r"\s+", " ", m.group("v").lower())
    if word == "current":
        after = m.string[m.end():m.end() + 20].split()
        if after and after[0].lower().strip(".,") in vocab()["not_after_current"]:
            return None
    for value, words in vocab()["vague"].items():
        if word in words:
            return value
    return None
