"""How the report tells each act it mentions: as news (`occurred`), or as `background` (another time, a
court case about an old act), `generic` (a statistic, a cumulative or habitual frame), `denied` (a
rumour, an allegation), or with the modality the events facet found (planned, threatened, negated,
hypothetical). Only occurred mentions become events.

Everything is read from the parse and the times facet: the time expressions attached to the act's clause
(their resolved TIMEX3 values against the report's news window), the words that govern the trigger, and
the words of its clause. The word lists are data/events/factuality.json, each documented by its case.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ... import lexicon
from ...record import Event, Time
from .anchoring import clause_of, is_attached, targets_of
from .date import names_a_thing
from .document import DocView
from .fatalities import statistic

OCCURRED = "occurred"
STEPS = 6  # how far up the parse a governing word is looked for
BACKGROUND_DAYS = 31  # a day told more than a month before the report is not its news
VERB_SENSES = {"charge", "book", "try", "sentence", "plead", "remand"}  # legal only as verbs
NEWS_DAYS = 7  # "since Wednesday": a count over the news itself
DETERMINERS = {"another", "separate", "similar"}  # "in another attack"
COURT = {"court", "prosecutor", "judge", "jury", "trial", "indictment", "verdict", "tribunal"}
# "the recent riots", "previously arrested": told as context
PAST_MODIFIERS = {"recent", "past", "previous", "earlier", "former", "previously", "formerly"}
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# a month or a day named without its year ("In May", "on 11 December"), left unresolved in a report with no
# publication date: it is the latest such one up to the report's news day
YEARLESS = re.compile(r"^XXXX-(\d{2})(?:-(\d{2}))?$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
DECADE = re.compile(r"^(\d{3})X?$")


@dataclass(frozen=True)
class Words:
    legal: frozenset[str]
    denied: frozenset[str]
    background_time: frozenset[str]
    generic_phrases: tuple[tuple[str, ...], ...]
    generic_quantifiers: frozenset[str]
    conflict_frames: frozenset[str]
    see_also: frozenset[str]
    new_incident: frozenset[str]
    multitudes: frozenset[str]
    trends: frozenset[str]
    durations: frozenset[str]
    undone: frozenset[str]
    standing: frozenset[str]
    repeated: tuple[tuple[str, ...], ...]
    affected: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    data = lexicon.load("events/factuality.json")

    def of(name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[name]["words"])

    return Words(of("legal_governors"), of("denied_governors"), of("background_time_words"),
                 tuple(tuple(p.split()) for p in of("generic_phrases")), of("generic_quantifiers"),
                 of("conflict_frames"), of("see_also"), of("new_incident"), of("multitudes"),
                 of("trend_governors"), of("durations"), of("undone_governors"), of("standing_forces"),
                 tuple(tuple(p.split()) for p in of("repeated_phrases")), of("affected_by"))


def news_reference(view: DocView) -> dt.date | None:
    """The day the report's news is told against: its publication, else the latest day it names, else the
    last day of the latest month or year it names (a report that tells of 'March 2019' and '2017' with no
    day is told after both: its acts of 2017 are background)."""
    if view.published is not None:
        return view.published
    named = [t.value for ts in view.times.values() for t in ts if t.type == "DATE"]
    days = [d for d in map(_day, named) if d is not None]
    if days:
        return max(days)
    ends = [d for d in map(_period_end, named) if d is not None]
    return max(ends) if ends else None


def _period_end(value: str) -> dt.date | None:
    if (m := MONTH.match(value)) is not None and 1 <= int(m[2]) <= 12:
        year, month = int(m[1]), int(m[2])
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    if (m := YEAR.match(value)) is not None:
        return dt.date(int(m[1]), 12, 31)
    return None


def see_also_start(view: DocView) -> int | None:
    """Where a "See also" / "References" section starts (a character offset): what follows lists other
    incidents. A wiki heading counts wherever it stands, for a page flattened onto one line runs it into
    the last sentence ('... the region." ==See also== * 2014 Bagram Airfield bombing')."""
    heads = words().see_also
    wiki = re.search(r"==+\s*(?:" + "|".join(re.escape(h) for h in sorted(heads)) + r")\s*==+", view.text, re.I)
    if wiki is not None:
        return wiki.start()
    for i, sent in enumerate(view.sents):
        line = sent.text.strip(" =*#\n\t").lower()
        if line in heads or any(line.startswith(h + "\n") or line.startswith(h + " *") for h in heads):
            return view.starts[i]
    return None


def factuality(view: DocView, ev: Event, anchor: Token | None, reference: dt.date | None,
               appendix: int | None) -> str:
    """occurred | background | generic | denied, or the event's own modality when it is not `occurred`."""
    if ev.modality != OCCURRED:
        return ev.modality
    if anchor is None:
        return OCCURRED
    here = view.sentence(anchor.idx)
    if appendix is not None and anchor.idx >= appendix:
        return "background"
    governed = _governed(anchor)
    w = words()
    if governed & w.denied:
        return "denied"
    if governed & w.legal or _legal_case(anchor) or _in_court(anchor):
        return "background"
    if ev.sub_event_type == "Agreement" and anchor.dep_ in ("nsubj", "nsubjpass", "dobj") \
            and anchor.head.lemma_.lower() in w.undone:
        return "background"  # "the ceasefire collapsed": an agreement made before
    clause = clause_of(anchor)
    if ev.event_type == "Strategic developments" and anchor.dep_ == "acl" and anchor.tag_ == "VBN" \
            and anchor.lemma_.lower() in w.standing \
            and not any(t.ent_type_ in ("DATE", "TIME") for t in anchor.subtree):
        return "generic"  # "the military stationed in the republic": where a force stands, not a move
    if _generic(view, anchor, clause, reference):
        return "generic"
    if _told_before(view, anchor, here, reference) or _named_as_past(anchor, reference) or _since(clause):
        return "background"
    if ev.date is not None and ev.date.precision == "year" and reference is not None \
            and ev.date.end < reference.isoformat()[:4]:
        return "background"  # a year-only date is the tell of a past told as background
    return OCCURRED


def _governed(anchor: Token) -> set[str]:
    """The lemmas and words that govern the trigger, up to a few steps up the parse."""
    out: set[str] = set()
    cur = anchor
    for _ in range(STEPS):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.lemma_.lower() in VERB_SENSES and cur.pos_ != "VERB":
            continue  # "took charge of the offensive", "a book", "a prison sentence" name no proceeding
        out.add(cur.lemma_.lower())
        out.add(cur.lower_)
    for c in anchor.children:  # "unconfirmed reports of", "an alleged attack" are on the trigger itself
        if c.dep_ in ("amod", "compound") and c.lower_ in words().denied:
            out.add(c.lower_)
    return out


def _named_as_past(anchor: Token, reference: dt.date | None) -> bool:
    """The act is named by its year or as past: "the 1985 riots", "the recent clashes", "a previous attack"."""
    for c in anchor.children:
        if c.dep_ in ("amod", "advmod") and c.lower_ in PAST_MODIFIERS and not list(c.children):
            return True  # but "earlier on Tuesday" is a day
        if (c.dep_ in ("nummod", "compound", "amod", "npadvmod") and c.i < anchor.i
                and re.fullmatch(r"(19|20)\d\d", c.text) and reference is not None and int(c.text) < reference.year):
            return True
    return False


def _since(clause: Token) -> bool:
    """The act is the start a state is counted from: "on alert since militants attacked Paris"."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children)


def _in_court(anchor: Token) -> bool:
    """The sentence tells a proceeding: its main verb is said by a court or a prosecutor, done in court, or
    faces a charge ("identified him in court as the man who rented the truck used in the bombing")."""
    root = anchor.sent.root
    if root.i == anchor.i:
        return False
    for c in root.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in COURT:
            return True
        charged = root.lemma_ == "face"  # "faces a charge", "faces 20 years in jail on the charge", "one count of"
        if c.dep_ in ("prep", "dobj") and any(o.lemma_.lower() in COURT or charged and o.lemma_ in ("charge", "count")
                                              for o in (c, *c.children)):
            return True
    return False


def _legal_case(anchor: Token) -> bool:
    """The act names a case: "the kidnapping case", "the market bombing case"."""
    return anchor.dep_ in ("compound", "nmod", "amod") and anchor.head.lemma_.lower() == "case"


SUBORDINATE = ("ccomp", "advcl", "relcl", "acl", "pcomp")


def _clause_tokens(anchor: Token, clause: Token) -> list[Token]:
    """The words of the act's clause: the verb's subtree, less the clauses nested anywhere in it that do
    not hold the act ("the ministers who have been in charge since 1992", "over wages unpaid since March")."""
    skip = {t.i for c in clause.subtree if c.dep_ in SUBORDINATE and c.i != anchor.i and c.i != clause.i
            and not c.is_ancestor(anchor) for t in c.subtree}
    return [t for t in clause.subtree if t.i not in skip]


def _generic(view: DocView, anchor: Token, clause: Token, reference: dt.date | None) -> bool:
    w = words()
    toks = _clause_tokens(anchor, clause)
    lowers = [t.lower_ for t in toks]
    for phrase in w.generic_phrases:
        n = len(phrase)
        if any(tuple(lowers[i:i + n]) == phrase for i in range(len(lowers) - n + 1)):
            if phrase == ("since",) and not _since_a_time(view, toks, reference):
                continue
            return True
    near = list(anchor.children) + ([anchor.head] if anchor.head is not anchor else [])
    if anchor.head.lower_ == "of":  # "a series of attacks"
        near.append(anchor.head.head)
    above = [a for _, a in zip(range(STEPS), anchor.ancestors)]
    if statistic(toks) or statistic([c for a in above for c in (a, *a.children)]):
        return True  # "57 per cent of the people killed", the act inside the phrase that counts it
    if any(t.lower_ in w.generic_quantifiers for t in near):
        return True  # "numerous bombings", "kidnappings are commonplace"
    if clause.lemma_.lower() == "be" and any(t.lower_ in w.generic_quantifiers for c in clause.children
                                             for t in (c, *(c.children if c.dep_ == "attr" else ()))):
        return True  # "assassinations are commonplace", "assassinations are a regular event"
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in clause.children)
    if perfect and any(c.dep_ == "prep" and c.lower_ in ("in", "during") and any(
            g.lemma_.lower() in w.conflict_frames or _period(g) for g in c.children) for c in clause.children):
        return True  # "have been killed in the fighting", "have died in three months of protests"
    dayless = not any(t.ent_type_ in ("DATE", "TIME") for t in toks)
    if dayless and any(_has(lowers, phrase) for phrase in w.repeated):
        return True  # "have struck schools on at least four occasions"
    if dayless and anchor.dep_ == "pobj" and anchor.head.lower_ == "by" \
            and anchor.head.head.lemma_.lower() in w.affected and not _named_as_past(anchor, reference):
        return True  # "the districts which were affected by the riots": what they suffered, not an incident told
    if dayless and _trend(anchor):
        return True  # "arrests of activists have accelerated", "the rebels stepped up their attacks"
    if perfect and dayless and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in w.multitudes
                                   for c in clause.children):
        return True  # "hundreds have been jailed under the law": a tally with no day of its own
    if dayless and _ongoing(anchor):
        return True  # "militias are attacking US forces", "the rebels are battling a coalition": a state of war
    # "the city has seen two suicide attacks", "the riots, which have claimed 700 lives"
    return perfect and clause.lemma_.lower() in ("see", "witness", "claim") and clause.i != anchor.i


def _has(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1))


def _period(tok: Token) -> bool:
    """A span of time counted in its units and told of what filled it: "three months of protests"."""
    return (tok.lemma_.lower() in words().durations and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
            and any(c.dep_ in ("nummod", "amod") for c in tok.children))


def _trend(anchor: Token) -> bool:
    """The act is the subject or the object of a verb of trend ("have accelerated", "stepped up")."""
    verb = anchor.head
    if anchor.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    if lemma in ("step", "ramp"):
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    return lemma in words().trends


def _ongoing(anchor: Token) -> bool:
    """The act told in the present progressive, as what goes on rather than what happened."""
    return anchor.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_.lower() == "be" and c.tag_ in ("VBZ", "VBP")
                                        for c in anchor.children)


def _since_a_time(view: DocView, toks: list[Token], reference: dt.date | None) -> bool:
    """"since March", "since 2015", "since the war began": a cumulative frame over more than the news, not
    "since he was arrested" nor "since Wednesday evening"."""
    for t in toks:
        if t.lower_ != "since" or t.i > 0 and t.nbor(-1).lemma_.lower() == "time":
            continue  # "for the first time since 2012" counts nothing
        obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        if obj.lemma_.lower() in words().conflict_frames:
            return True
        if obj.ent_type_ in ("DATE", "TIME") or obj.like_num:
            times = [x for x in view.times.get(view.sentence(obj.idx), []) if x.start <= obj.idx < x.end]
            if not times or not _day_like(times[0].value) \
                    or reference is not None and _before(times[0], reference, NEWS_DAYS):
                return True
    return False


def _told_before(view: DocView, anchor: Token, here: int, reference: dt.date | None) -> bool:
    """The time expression nearest the act in the parse, among those of its own clause, lies before the
    report's news window ("in 1992", "last year"); the act's own day outweighs an older date told of
    something it governs ("gathered on 6 May in protest of the abduction on 29 January")."""
    times = view.times.get(here, [])
    if not times:
        return False
    targets = targets_of(anchor)
    w = words()
    told: list[tuple[int, bool]] = []  # (steps from the act, old)
    elsewhere: list[bool] = []  # whether each time of the sentence not attached to the act is old
    for t in times:
        if t.type not in ("DATE", "TIME"):
            continue
        tok = view.token(t.start, t.end)
        if tok is None or names_a_thing(view, t):
            continue
        if not is_attached(tok, anchor, targets):
            elsewhere.append(reference is not None and _before(t, reference))
            continue
        if not _day_like(t.value) and any(word in w.background_time for word in t.text.lower().split()):
            told.append((_steps(tok, anchor), True))  # "five years ago", "earlier this year"; "last Friday" is a day
        elif reference is not None and _before(t, reference):
            told.append((_steps(tok, anchor), True))
        elif _day_like(t.value):
            told.append((_steps(tok, anchor), False))
    if not told:  # an act without a time of its own is told in the time of its sentence: "in 1992 ..., he recalls"
        return bool(elsewhere) and all(elsewhere)
    return min(told, key=lambda x: (x[0], not x[1]))[1]


def _steps(tok: Token, anchor: Token) -> int:
    """How far up the parse `tok` climbs to reach the act or one of the words that govern it."""
    chain = {anchor.i, *(a.i for a in anchor.ancestors)}
    steps, cur = 0, tok
    while cur.i not in chain and cur.head is not cur:
        cur, steps = cur.head, steps + 1
    return steps


def _before(t: Time, reference: dt.date, days: int = BACKGROUND_DAYS) -> bool:
    """The period the time names ends more than `days` before the report's day."""
    v = t.value
    if (m := YEARLESS.match(v)) is not None:
        month, day = int(m[1]), int(m[2] or 0)
        year = reference.year if (month, day) <= (reference.month, reference.day) else reference.year - 1
        v = f"{year}-{m[1]}" + (f"-{m[2]}" if m[2] else "")
    if (m := DAY.match(v)) is not None:
        end = _date(int(m[1]), int(m[2]), int(m[3]))
        return end is not None and (reference - end).days > days
    if (m := WEEK.match(v)) is not None:
        try:
            end = dt.date.fromisocalendar(int(m[1]), int(m[2]), 7)
        except ValueError:
            return False
        return (reference - end).days > days
    if (m := MONTH.match(v)) is not None:
        year, month = int(m[1]), int(m[2])
        return (reference.year - year) * 12 + reference.month - month >= 1  # "last month": before the news
    if (m := YEAR.match(v)) is not None:
        return int(m[1]) < reference.year
    if (m := DECADE.match(v)) is not None:
        return int(m[1]) * 10 + 9 < reference.year
    return False


def _day_like(value: str) -> bool:
    """A day, resolved or not: "2019-03-12", "XXXX-WXX-5" (a weekday without an anchor)."""
    return bool(DAY.match(value)) or "WXX-" in value


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day(value: str) -> dt.date | None:
    m = DAY.match(value)
    return _date(int(m[1]), int(m[2]), int(m[3])) if m else None


def opens_incident(anchor: Token | None) -> bool:
    """A cue that the act is an incident of its own: "another clash", "in a separate attack", "also"."""
    if anchor is None:
        return False
    cues = words().new_incident
    near = list(anchor.children) + list(clause_of(anchor).children)
    if any(t.lower_ in cues for t in near):  # "another clash erupted", "gunmen also attacked"
        return True
    # "in a separate attack, gunmen ...": the determiner of an act named in a phrase of the clause
    return any(g.dep_ in ("det", "amod") and g.lower_ in DETERMINERS for t in near if t.dep_ == "prep"
               for o in t.children if o.dep_ == "pobj" for g in o.children)
