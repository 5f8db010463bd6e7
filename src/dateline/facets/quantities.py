"""Numbers with what they count: "more than 600" dead, "$100 million", "a dozen vehicles", "dozens".

Each quantity keeps the words of its number and counted noun, a numeric value, a bound (ACLED's
conservative reading: "more than 600" is 600, a lower bound), and a kind (fatalities, injuries, people,
money, percent, count).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import lexicon as data
from ..nlp.context import FacetInput
from ..record import Quantity
from .base import facet

SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}
NUMERIC = re.compile(r"^[$€£]?\d[\d,]*(?:\.\d+)?%?$")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    raw = dict(data.load("quantities/quantities.yaml"))
    raw["people_nouns"] = set(raw["people_nouns"])
    raw["death_nouns"] = set(raw["death_nouns"])
    raw["injury_nouns"] = set(raw["injury_nouns"])
    raw["death_verbs"] = set(raw["death_verbs"])
    raw["injury_verbs"] = set(raw["injury_verbs"])
    return raw


def parse_number(words: list[str]) -> float | None:
    """'25,000' → 25000, 'a dozen' → 12, 'two hundred' → 200, '100 million' → 1e8, 'dozens' → 12."""
    lex = lexicon()
    total, current, seen = 0.0, 0.0, False
    for w in words:
        w = w.lower().strip(",").lstrip("$€£").rstrip("%")
        if not w or w in ("and", "-", "a", "an"):
            continue  # "a million" and "a dozen": the multiplier counts from one
        if NUMERIC.match(w):
            current += float(w.replace(",", ""))
            seen = True
        elif w in lex["vague"]:
            current = current * lex["vague"][w] if current else float(lex["vague"][w])
            seen = True
        elif w in lex["multipliers"]:
            current = (current or 1.0) * lex["multipliers"][w]
            if lex["multipliers"][w] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif w in lex["number_words"]:
            current += lex["number_words"][w]
            seen = True
        elif "-" in w and all(p in lex["number_words"] for p in w.split("-")):
            current += sum(lex["number_words"][p] for p in w.split("-"))
            seen = True
        else:
            return None
    return total + current if seen else None


def _number_tokens(doc: Doc) -> list[list[Token]]:
    """Runs of number tokens (digits, number words, vague counts) outside dates and times."""
    lex = lexicon()
    words = set(lex["number_words"]) | set(lex["multipliers"]) | set(lex["vague"])
    runs: list[list[Token]] = []
    run: list[Token] = []
    for tok in doc:
        low = tok.lower_
        is_num = (tok.like_num and tok.ent_type_ not in SKIP_ENTS and tok.tag_ != "NNP") or (
            low in lex["vague"] and tok.tag_ == "NNS") or (
            low in words and low not in ("a", "an", "one", "score", "pair", "couple", "m", "mn")
            and tok.pos_ in ("NUM", "NOUN"))
        if low in ("a", "an") and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in (
                "dozen", "million", "billion", "thousand", "hundred", "couple", "pair"):
            is_num = True
        if low in ("dozen", "couple", "pair") and run:
            is_num = True
        if tok.ent_type_ in SKIP_ENTS or tok.like_num and (_is_year(tok) or _next_to_month(doc, tok)):
            is_num = False
        if is_num or (run and low in ("and", "-") and tok.i + 1 < len(doc) and doc[tok.i + 1].like_num):
            run.append(tok)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if any(t.lower_ not in ("and", "-", "a", "an") for t in r)]


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _next_to_month(doc: Doc, tok: Token) -> bool:
    """Day numbers of dates the NER left out ("4 April 2008" in a byline)."""
    near = [doc[i].lower_.rstrip(".") for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return any(w in MONTHS for w in near)


def _is_year(tok: Token) -> bool:
    return bool(re.fullmatch(r"(1[89]|20)\d\d", tok.text)) and tok.tag_ == "CD" and tok.dep_ != "nummod"


def _modifier(doc: Doc, first: Token) -> tuple[int, str]:
    """The bound words right before a number ("more than", "at least", "about") and their start."""
    lex = lexicon()
    for bound, phrases in (("lower", lex["lower_bound"]), ("upper", lex["upper_bound"]),
                           ("approximate", lex["approximate"])):
        for phrase in sorted(phrases, key=len, reverse=True):
            n = len(phrase.split())
            if first.i - n >= 0 and doc[first.i - n : first.i].text.lower() == phrase:
                return first.i - n, bound
    return first.i, "exact"


def _counted_noun(doc: Doc, run: list[Token]) -> Token | None:
    """The noun the number counts: its syntactic head ("25,000 jobs"), or "dozens of people"."""
    last = run[-1]
    if last.tag_ == "NNS" and last.lower_ in lexicon()["vague"]:
        for child in last.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        return None
    head = last.head
    if last.dep_ in ("nummod", "compound", "quantmod") and head.pos_ in ("NOUN", "PROPN") \
            and head.i > last.i and head.i - last.i <= 5:
        return head
    if head.i > last.i and head.pos_ in ("NOUN", "PROPN") and head.i - last.i <= 3 and head.i == last.i + 1:
        return head
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and nxt.i + 1 < len(doc):
        for t in doc[nxt.i + 1 : min(len(doc), nxt.i + 5)]:
            if t.pos_ in ("NOUN", "PROPN"):
                return t
    return None


def _kind(doc: Doc, run: list[Token], noun: Token | None, money: bool, percent: bool) -> str:
    lex = lexicon()
    if money:
        return "money"
    if percent:
        return "percent"
    lemma = noun.lemma_.lower() if noun is not None else ""
    word = noun.lower_ if noun is not None else ""
    if word in lex["death_nouns"] or lemma in lex["death_nouns"]:
        return "fatalities"
    if word in lex["injury_nouns"] or lemma in lex["injury_nouns"]:
        return "injuries"
    anchor = noun if noun is not None else run[-1]
    verb = _governing_verb(anchor)
    people = noun is not None and (lemma in lex["people_nouns"] or word in lex["people_nouns"]
                                   or noun.ent_type_ == "NORP" or word == "others")
    if verb is not None and (people or noun is None):
        if verb.lemma_ in lex["death_verbs"]:
            return "fatalities"
        if verb.lemma_ in lex["injury_verbs"]:
            return "injuries"
    if noun is None and _mentions_death(anchor):
        return "fatalities"
    if people:
        return "people"
    return "count"


def _governing_verb(tok: Token) -> Token | None:
    """The verb the counted phrase hangs from ("killed three", "three were killed", "killing 3")."""
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.tag_ in ("VBN", "VBD"):
            return t
        if t.dep_ in ("conj", "appos") and t.head.pos_ == "NOUN":
            t = t.head
            continue
        if t.head is t:
            return None
        t = t.head
    return None


def _mentions_death(tok: Token) -> bool:
    """A bare number in a sentence about the dead: "put the number of dead at 600", "the toll rose to 12"."""
    lex = lexicon()
    sent = tok.sent
    return any(t.lower_ in lex["death_nouns"] and t.lower_ not in ("body", "victim") for t in sent)


@facet("quantities")
def FACET(inp: FacetInput) -> list[Quantity]:
    """Every number with what it counts, its value and ACLED's bound."""
    doc: Doc = inp.doc
    lex = lexicon()
    out: list[Quantity] = []
    for run in _number_tokens(doc):
        first, last = run[0], run[-1]
        start_i, bound = _modifier(doc, first)
        prev = doc[first.i - 1] if first.i > 0 else None
        money = (first.text in lex["currencies"] or (prev is not None and prev.text in lex["currencies"])
                 or first.ent_type_ == "MONEY")
        if prev is not None and prev.text in lex["currencies"] and prev.i < start_i + 1:
            start_i = min(start_i, prev.i)
            if _modifier(doc, prev)[1] != "exact":
                start_i, bound = _modifier(doc, prev)
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        percent = first.text.endswith("%") or (nxt is not None and nxt.lower_ in ("percent", "%", "pc"))
        if nxt is not None and nxt.lower_ == "per" and last.i + 2 < len(doc) and doc[last.i + 2].lower_ == "cent":
            percent = True
        value = parse_number([t.text for t in run if t.text not in lex["currencies"]])
        if value is None:
            continue
        noun = None if (money or percent) else _counted_noun(doc, run)
        kind = _kind(doc, run, noun, money, percent)
        end_i = last.i + 1
        unit = None
        if money:
            cur = next((lex["currencies"][t.text] for t in doc[max(0, first.i - 1) : min(len(doc), last.i + 2)]
                        if t.text in lex["currencies"] or t.lower_ in lex["currencies"]), None)
            unit = cur
            if nxt is not None and nxt.lower_ in lex["currencies"]:
                end_i = nxt.i + 1
        elif percent:
            unit = "percent"
            if nxt is not None and nxt.lower_ in ("percent", "%", "pc"):
                end_i = nxt.i + 1
            elif nxt is not None and nxt.lower_ == "per":
                end_i = nxt.i + 2
        elif noun is not None:
            unit = noun.lemma_.lower()
            if noun.i >= end_i:
                end_i = noun.i + 1
        if kind == "fatalities" and noun is None:
            unit = "dead"
        span = doc[start_i:end_i]
        if bound == "exact" and run[-1].lower_ in lex["vague"]:
            bound = "lower"
        out.append(Quantity(span.text, span.start_char, span.end_char, value, unit, kind, bound))
    return out
