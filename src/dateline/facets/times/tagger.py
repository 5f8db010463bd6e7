"""The times facet: time expressions, resolved against the publication date (TIMEX3 values).

The grammar finds candidate expressions in the text; the parse decides the few things a pattern
cannot (is "1990" a year or a count? which way does "on Friday" point?); the normaliser turns each
into a TIMEX3 value, in text order so that anaphora such as "the following day" count from the last
date the story reached.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...nlp.context import FacetInput
from ...record import Time
from ..base import facet
from .clock import RULES as CLOCK
from .dates import RULES as DATES
from .days import RULES as DAYS
from .durations import RULES as DURATIONS
from .grammar import Candidate, Grammar, vocab
from .periods import RULES as PERIODS
from .resolve import Normaliser

# entity labels whose names may contain a date word ("USA Today", "Black Friday" the film)
NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW"}
# "to accede on Friday were Poland and...": an infinitive as subject looks ahead of nothing
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
# every family's rules; where two candidates of one length start together, the earlier rule's is kept
GRAMMAR = Grammar(DATES, DAYS, CLOCK, PERIODS, DURATIONS)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset]:
    """The word lists of the tense and year checks, as sets."""
    v = vocab()
    out = {k: frozenset(ws) for k, ws in v["tense"].items()}
    out["year_nouns"] = frozenset(v["year_nouns"])
    out["not_year_after"] = frozenset(v["not_year_after"])
    out["not_year_before"] = frozenset(v["not_year_before"])
    return out


@facet("times")
def FACET(inp: FacetInput) -> list[Time]:
    """Every time expression of the text, in order, with its TIMEX3 type and value."""
    doc = inp.doc
    normaliser = Normaliser(inp.published, lambda s, e: tense(doc, s, e))
    out = []
    for c in GRAMMAR.candidates(calendar_case(inp.text), keep=lambda c: _acceptable(doc, c)):
        resolved = normaliser.resolve(c)
        if resolved:
            kind = "SET" if _is_rate(doc, c) else resolved[0]
            out.append(Time(text=inp.text[c.start:c.end], start=c.start, end=c.end, type=kind, value=resolved[1]))
    return out


# ---------------------------------------------------------------- lower-cased text
@lru_cache(maxsize=1)
def _calendar_words() -> tuple[re.Pattern, re.Pattern]:
    v = vocab()
    weekdays = "|".join(sorted((w.lower() for w in v["weekdays"]), key=len, reverse=True))
    months = "|".join(sorted((m.lower() for m in v["months"] if len(m) > 3), key=len, reverse=True))
    return (re.compile(rf"\b(?:{weekdays})(?=s?\b)"),
            re.compile(rf"\b(?:{months})\b(?=\.?\s+\d)|(?<=\d\s)(?:{months})\b"))


def calendar_case(text: str) -> str:
    """Text to match time expressions in: a document written all in lower case ("on friday", "march 18,
    2002") gets its weekday names, and month names beside a number, capitalised, since the grammar asks
    for capitals where "may" or "march" could be verbs. Same length, so offsets hold."""
    letters = sum(ch.isalpha() for ch in text[:5000])
    if not letters or sum(ch.isupper() for ch in text[:5000]) > 0.01 * letters:
        return text
    weekdays, months = _calendar_words()
    text = weekdays.sub(lambda m: m.group(0).capitalize(), text)
    return months.sub(lambda m: m.group(0).capitalize(), text)


# ---------------------------------------------------------------- what the parse vetoes
def _acceptable(doc: Doc, c: Candidate) -> bool:
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    if _inside_name(span):
        return False
    if c.rule.name == "year" and not c.match.group("mod"):
        return _is_year(span[0])
    return True


def _is_rate(doc: Doc, c: Candidate) -> bool:
    """"$35 a night", "700 seats a week": a quantity per unit of time (a SET), not a length of time."""
    if c.rule.name != "duration" or c.match.group("num").lower() not in ("a", "an"):
        return False
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    prev = doc[span.start - 1] if span is not None and span.start > 0 else None
    return prev is not None and (prev.like_num or prev.tag_ in ("CD", "NNS", "$") or prev.is_currency)


def _inside_name(span) -> bool:
    """True when the candidate lies wholly inside a longer name ("USA Today")."""
    tok = span[0]
    if tok.ent_type_ not in NAME_LABELS:
        return False
    doc = tok.doc  # the entity's bounds from its IOB tags: Doc.ents is rebuilt on every access
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return span.end <= end and end - start > span.end - span.start


def _is_year(tok: Token) -> bool:
    """A bare four-digit number is a year unless it counts something ("1990 troops", "$1990")."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if prev is not None and (prev.is_currency or prev.lower_ in lexicon()["not_year_after"]):
        return False
    if nxt is not None and (nxt.lower_ in ("%", "percent") or nxt.is_currency):
        return False
    # "a 2000-strong mob", "1500 strong": a number of people, not a year
    after = doc[tok.i + 2] if nxt is not None and nxt.text == "-" and tok.i + 2 < len(doc) else nxt
    if after is not None and after.lower_ in lexicon()["not_year_before"]:
        return False
    determined = prev is not None and (prev.tag_ in ("DT", "PRP$", "POS") or prev.lower_ in ("'s", "’s"))
    counts = tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and tok.head.i > tok.i \
        and tok.head.lower_ not in lexicon()["year_nouns"]
    return determined or not counts


# ---------------------------------------------------------------- tense of the governing verb
def tense(doc: Doc, start: int, end: int) -> str | None:
    """"past", "present" or "future" for the verb that governs the expression at [start, end);
    "either" after a deadline word ("until Tuesday"), None when no verb says."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    cue = _cue(doc, span.start)
    if cue:
        return cue
    if span.root.dep_ == "poss" or span[-1].tag_ == "POS":
        return None  # "Friday's vote": the noun's event, not the clause's verb, has the time
    verb = _governing_verb(span.root)
    if verb is not None and _past_perfect(verb):
        return "past"  # "had been due to expire Friday": a deadline already gone by
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    said = _said(verb, span) if verb is not None else None
    if said != "future" and before in lexicon()["deadline_cues"]:
        return "either"  # a deadline points either way, unless a future verb says ("will stay until June")
    if said == "present" and verb is not None and not _attached(span.root, verb):
        return None  # a present verb far above says nothing of a date inside a noun phrase
    return said


def _cue(doc: Doc, i: int) -> str | None:
    """"past" or "future" when the words just before token `i` say it whatever the verb ("up 5%
    since Jan. 1", "ahead of Friday's vote")."""
    lex = lexicon()
    for n in (2, 1):
        words = " ".join(t.lower_ for t in doc[max(0, i - n):i])
        if words in lex["past_cues"]:
            return "past"
        if words in lex["future_cues"]:
            return "future"
    return None


def _said(verb: Token, span) -> str | None:
    """The tense `verb` gives the expression; an infinitive takes only a future from the verb it
    hangs from ("will travel to Paris to sign it on Friday", but "went there to sign it on Feb. 10"
    leaves the year open)."""
    if _schedules(verb, span):
        return "future"
    said = verb_tense(verb)
    if said is None and _infinitive(verb) and verb.head.i != verb.i:
        above = _governing_verb(verb.head)
        if above is not None and verb_tense(above) == "future":
            return "future"
    return said


def _attached(tok: Token, verb: Token) -> bool:
    """True when `tok` modifies `verb` itself: directly ("meet Monday") or through a preposition."""
    return tok.head.i == verb.i or (tok.head.dep_ == "prep" and tok.head.head.i == verb.i)


def _governing_verb(tok: Token) -> Token | None:
    """The nearest verb above `tok` whose form says a tense, or a to-infinitive: the time of "to
    testify on Feb. 10" is its own, not that of the verb the infinitive hangs from."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and (verb_tense(tok) or _infinitive(tok)):
            return tok
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _schedules(v: Token, span) -> bool:
    """True when a scheduling verb puts the time ahead ("planned a rally on Saturday", "postponed
    until Tuesday"); not for a time told before it ("On Friday, the government planned to pay") nor
    for a participle's day ("the record set on Aug. 6": a schedule is "set for")."""
    lemma = v.lemma_.lower()
    if lemma in lexicon()["postponing"]:
        return True
    if lemma not in lexicon()["scheduling"] or span.start < v.i:
        return False
    return not (v.tag_ == "VBN" and span.root.head.dep_ == "prep" and span.root.head.lower_ == "on")


def _infinitive(v: Token) -> bool:
    return v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _past_base_form(v: Token) -> bool:
    """"Weakness hurt the index": a plural present tag with a singular noun subject is a past tense
    that looks like the base form (hurt, cut, set, hit, put)."""
    return v.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in v.children)


def _could_not(v: Token, auxes: set) -> bool:
    """"could not be reached on Wednesday" tells of a failure gone by; "could come on Friday" of a
    chance ahead."""
    if "could" not in auxes:
        return False
    return any(c.dep_ == "neg" or c.lower_ in ("never", "neither", "nor") for c in v.children) or \
        any(t.lower_ in ("neither", "nor") for c in v.children if c.dep_ in SUBJECTS for t in c.subtree)


def _past_perfect(v: Token) -> bool:
    """"had met", "had been scheduled", or an infinitive hanging from one ("had been due to expire")."""
    for _ in range(3):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") and c.tag_ == "VBD" for c in v.children):
            return True
        if v.head.i == v.i or v.dep_ not in ("xcomp", "acomp"):
            return False
        v = v.head
    return False


def verb_tense(v: Token) -> str | None:
    """The tense of one verb from its tag and auxiliaries; None for an infinitive or participle that
    leaves it to the verb above."""
    lex = lexicon()
    auxes = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
    if auxes & lex["future_aux"] or v.lower_ in lex["future_aux"]:
        return "future"
    if "to" in auxes and v.tag_ == "VB":
        ahead = v.dep_ not in SUBJECTS and v.head.i != v.i and v.head.lemma_.lower() in lex["prospective"]
        return "future" if ahead else None
    if v.tag_ == "VBD" or auxes & lex["past_aux"] or _past_base_form(v) or _could_not(v, auxes):
        return "past"
    if auxes & lex["modal_aux"]:
        return "future"  # "must be returned by Jan. 14"
    if v.tag_ == "VBN" and v.dep_ in ("acl", "advcl", "amod") and not auxes:
        return "past"  # "shares bought on Thursday"
    if v.tag_ in ("VBZ", "VBP") or auxes & lex["present_aux"]:
        return None if v.lemma_.lower() in lex["reporting"] else "present"
    return None
