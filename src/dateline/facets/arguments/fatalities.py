"""How many died: the deaths each sentence reports, read from the syntax of death words
(data/arguments/arguments.yaml) and from the quantities facet, and an event's toll over the sentences that
tell of it: its own, its evidence's and, for a violent event, its untriggered neighbours'. A sentence whose
deaths add to those told before ("Another soldier died") adds to the largest figure instead of competing
with it.

`SentenceDeaths` is the per-sentence memo; which sentences an event counted is returned by
`death_sentences`, so that the caller knows which sentences were read.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...record import Event, Fatalities
from .anchoring import clause_of, prep_object, untriggered_neighbours
from .coded import CodedToll, coded_toll
from .document import DocView
from .words import VIOLENT_TYPES, vocabulary

SHARES = {"percent", "%", "proportion", "percentage"}  # a share of a total
SHARED_NOUNS = {"fatality", "fatalities", "deaths"}  # a death noun the counts listed before it share


def _number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    return vocabulary()["numbers"].get(text)


def _scaled(num: Token) -> int | None:
    """A number with what scales it and what bounds it: "two dozen" 24, "nearly a dozen" 11, "almost 20"
    19 (ACLED's conservative figure)."""
    value = _number(num)
    if value is None:
        return None
    words = vocabulary()
    parts = [c for c in num.children if c.dep_ in ("quantmod", "compound", "nummod")]
    if num.lower_ in words["multipliers"]:  # "two dozen": "two" hangs on "dozen"
        times = next((_number(c) for c in parts if c.lower_ not in ("a", "an") and _number(c)), None)
        value = words["multipliers"][num.lower_] * (times or 1)
    else:  # "two dozen": "dozen" hangs on "two"
        scale = next((words["multipliers"][c.lower_] for c in parts if c.lower_ in words["multipliers"]), None)
        if scale is not None and c_after(num, scale):
            value *= scale
    before = " " + num.doc[max(0, num.left_edge.i - 3): num.i].text.lower()
    if value > 1 and any(re.search(rf"(?<!\bno)(?<!\bnot) {re.escape(w)}(?: a| an)?$", before)
                         for w in words["below_words"]):
        value -= 1  # "nearly a dozen", "fewer than 10"; never "no fewer than 10"
    return value


def c_after(num: Token, scale: int) -> bool:
    """The multiplier follows the number ("two dozen", never "dozen two")."""
    return num.i + 1 < len(num.doc) and vocabulary()["multipliers"].get(num.nbor(1).lower_) == scale


def _count(noun: Token) -> int | None:
    """How many people a victim phrase names: its number, else 1 for a singular person noun; "no one" 0."""
    numbers = vocabulary()["numbers"]
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children) or noun.lower_ in ("nobody", "none"):
        return None
    if noun.ent_type_ in ("DATE", "TIME"):  # "Around 9 May 2020, a man was found dead", parsed as the subject
        return None
    if noun.like_num or (noun.lower_ in numbers and noun.pos_ in ("NUM", "NOUN", "PRON")):
        return _scaled(noun)  # "killing 2", "dozens of people", "one of them"
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ == "det" and child.lower_ in ("a", "an", "one")):
            value = _scaled(child)
            if value is not None:
                return value
    if noun.pos_ in ("NOUN", "PROPN") and noun.tag_ in ("NN", "NNP") or noun.lower_ in ("he", "she", "him", "her"):
        return 1
    return None


def _victims(noun: Token) -> list[Token]:
    """The victim and the people listed with it (conjuncts; a comma list parsed as apposition)."""
    out, todo = [], [noun]
    while todo:
        cur = todo.pop()
        out.append(cur)
        counted = cur.like_num or any(c.dep_ == "nummod" for c in cur.children)  # "4 people (2 soldiers ...)"
        todo += [c for c in cur.children if c.dep_ == "conj" or (
            c.dep_ == "appos" and not counted and c.pos_ == "NOUN" and any(g.dep_ == "conj" for g in c.children))]
    return out


def is_death_verb(tok: Token) -> bool:
    words = vocabulary()["death_verbs"]
    if tok.lemma_.lower() in words:
        return True
    return any(f"{tok.lemma_.lower()} {c.lower_}" in words or f"{tok.lemma_.lower()} {c.lemma_.lower()}" in words
               for c in tok.children if c.dep_ in ("oprd", "prt", "acomp", "advmod", "dobj", "xcomp"))


Toll = tuple[int, int, int]  # deaths, and the start and end offsets of the words that report them


def _toll(count: int, tokens: list[Token]) -> Toll:
    return count, min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _verb_deaths(verb: Token) -> Toll | None:
    """Victims counted at a death verb: "killed 2 civilians", "3 were killed", "2 died", "2 people killed"."""
    # "IS fighters shot dead a soldier": a capitalised name read as an auxiliary makes no passive
    passive = any(c.dep_ == "nsubjpass" or c.dep_ == "auxpass" and not c.text.isupper() for c in verb.children)
    if not passive and verb.dep_ == "xcomp" and not any(c.dep_ == "dobj" for c in verb.children) \
            and any(c.dep_ == "nsubjpass" for c in verb.head.children):
        verb = verb.head  # "48 fighters were reported killed": the victims are the reporting verb's subject
        passive = True
    roles: tuple[str, ...] = (
        ("nsubjpass",) if passive else ("dobj",) if any(c.dep_ == "dobj" for c in verb.children) else ("nsubj",))
    if passive and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
        roles = ("nsubjpass", "nsubj")  # a headline-style list, "3 soldiers and 5 militants killed", parsed apart
    heads = _subjects([c for c in verb.children if c.dep_ in roles])
    if not heads and passive:
        heads = _fronted_subject(verb)
    if not heads and verb.tag_ == "VBN" and verb.i > 0 and _counted(verb.nbor(-1)):
        heads = [verb.nbor(-1)]  # "resulting in 1 soldier killed", the participle parsed apart from its noun
    if not heads and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):  # "were shot and killed"
        heads = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if not heads and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "NUM", "PRON", "PROPN"):
        first = verb.head
        while first.dep_ == "conj" and first.head is not first:  # "3 soldiers and 5 militants killed"
            first = first.head
        heads = [first]
    if verb.lemma_ == "lose" and not any(c.lemma_ == "life" for c in verb.children):
        return None
    if verb.lemma_ == "lose":
        heads = [c for c in verb.children if c.dep_ == "nsubj"]
    victims = [v for h in heads for v in _victims(h)]
    listed = {v.i for v in victims}  # a number heading a noun it counts is one victim, not two ("Eleven people")
    victims = [v for v in victims
               if not (v.head.i in listed and v.head.i != v.i and v.dep_ in ("nummod", "compound", "amod"))]
    known = [c for c in (_count(v) for v in victims) if c is not None]
    return _toll(sum(known), [verb, *victims, *(h.left_edge for h in heads)]) if known else None


def _subjects(heads: list[Token]) -> list[Token]:
    """The subjects of a verb less the names and dates a note fronts before a comma, parsed as subjects too:
    "Around 8 May 2020, in Tijuana, Baja California, a man was found dead" has one victim, not ten; a list
    ("3 policemen, 2 militiamen and 1 soldier were killed") keeps its items."""
    heads = sorted(heads, key=lambda t: t.i)
    return [h for h, after in zip(heads, heads[1:]) if not (
        any(t.text in (",", ";") for t in h.doc[h.i + 1: after.left_edge.i])
        and (h.pos_ == "PROPN" or any(t.ent_type_ in ("DATE", "TIME") for t in h.subtree)))] + heads[-1:]


def _counted(tok: Token) -> bool:
    """A word a number counts ("1 soldier", "1 militant" even when tagged an adjective)."""
    return tok.pos_ in ("NOUN", "ADJ", "PROPN") and any(c.dep_ == "nummod" for c in tok.children)


def _fronted_subject(verb: Token) -> list[Token]:
    """The subject of a passive verb parsed as an apposition of the place fronted before it: "in Manaus,
    Amazonas, a man was killed"."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if not aux:
        return []
    before = verb.doc[min(a.i for a in aux) - 1] if min(a.i for a in aux) > 0 else None
    if before is not None and before.dep_ == "appos" and before.pos_ in ("NOUN", "PRON", "NUM"):
        return [before]
    return []


def _noun_deaths(noun: Token, skip: set[int]) -> Toll | None:
    """A number reported with a death noun: "3 dead", "bodies of 4 men", "the death toll rose to 12"."""
    victims = [c for c in noun.children if c.dep_ == "dobj"]  # "shot dead a shopkeeper", parsed around "dead"
    if victims:
        return _verb_deaths(noun)
    if noun.lower_ in SHARED_NOUNS and noun.dep_ == "conj" and any(c.dep_ == "nummod" for c in noun.children):
        first = noun  # "2 rebel and 1 military fatality", "25 fighters and 6 military fatalities": all dead
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        counts = [c for c in (_count(v) for v in _victims(first)) if c is not None]
        if len(counts) > 1:
            return _toll(sum(counts), [noun, first.left_edge])
    if noun.lower_ == "death" and noun.head.lower_ == "to" and noun.head.head.pos_ == "VERB":
        return _verb_deaths(noun.head.head)  # "was beaten to death", "stabbed a man to death"
    if noun.dep_ in ("oprd", "acomp", "xcomp") and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head  # "five militants and three police were confirmed dead": the subjects, summed
        subjects = _subjects([c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")])
        listed = [v for h in subjects for v in _victims(h)]
        listed = [v for v in listed if not (v.head.i in {w.i for w in listed} and v.head.i != v.i
                                            and v.dep_ in ("nummod", "compound", "amod"))]
        counts = [c for c in (_count(v) for v in listed) if c is not None]
        if counts:
            return _toll(sum(counts), [noun, *listed, *(h.left_edge for h in subjects)])
    words = vocabulary()
    if noun.lower_ in words["death_of_nouns"] and noun.dep_ == "pobj" and noun.head.lower_ in words["frame_marks"]:
        return None  # "protesters burned tyres after the death of a student": the cause, not the toll
    whose = prep_object(noun, ("of",)) if noun.lower_ in words["remains_nouns"] | words["death_of_nouns"] else None
    if whose is not None and (whose.pos_ in ("NOUN", "PROPN", "NUM") or _counted(whose)):  # "the bodies of four men"
        listed = _victims(whose)  # "resulting in the death of a bystander", "the killing of 1 militant"
        counts = [c for c in (_count(v) for v in listed) if c is not None]
        if counts:
            return _toll(sum(counts), [noun, *listed])
    if noun.lower_ not in words["death_nouns"]:
        return None  # "the killing" counts only whom it is of
    inside = {w.i for w in noun.subtree}
    for tok in sorted(clause_of(noun).subtree, key=lambda t: (t.i not in inside, abs(t.i - noun.i))):
        if tok.i in skip or tok.i == noun.i or not (tok.like_num or tok.lower_ in vocabulary()["numbers"]):
            continue
        if tok.lower_ in ("a", "an", "one") and (tok.head.i != noun.i or not _found(noun)):
            continue  # "a toll", "an Islamic body": no one; "a body was found": one
        value = _scaled(tok)
        if value is not None and not (1900 <= value <= 2100 and tok.like_num):
            return _toll(value, [noun, tok])
    return None


def _found(noun: Token) -> bool:
    """Remains the clause finds ("a body was found"); any other death noun with "a" counts no one."""
    words = vocabulary()
    return noun.lower_ in words["remains_nouns"] and clause_of(noun).lemma_.lower() in words["finding_verbs"]


def statistic(tokens: list[Token]) -> bool:
    """Words that count acts as a share of a total: "57 per cent of those killed", "23 out of 40", "of the
    571 people who died, 494 ...": a statistic, not the toll of one incident."""
    for t in tokens:
        if t.lower_ in SHARES:
            return True
        if t.lower_ == "per" and t.i + 1 < len(t.doc) and t.nbor().lower_ == "cent":
            return True
        if t.lower_ == "out" and t.i + 2 < len(t.doc) and t.nbor().lower_ == "of" and (
                t.nbor(2).like_num or t.nbor(2).lower_ == "the" and t.i + 3 < len(t.doc) and t.nbor(3).like_num):
            return True  # "out of the 286 people killed"
        if t.lower_ == "of" and t.head.pos_ in ("VERB", "AUX", "ADP") and t.i < t.sent.root.i \
                and is_death_verb(t.sent.root) and any(
                c.dep_ == "pobj" and any(g.dep_ == "nummod" for g in c.children) for c in t.children):
            return True  # "of the 571 people who died, 494 were killed": a share of a total, not a toll
    return False


def _cumulative(tok: Token) -> bool:
    """A death told as a cumulative count, a statistic or denied: "have been killed since March", "so
    far", "in total", "23 out of 40 of those killed", "no one was killed"."""
    clause = clause_of(tok)
    if any(c.dep_ == "neg" for c in clause.children) or statistic(list(clause.subtree)):
        return True
    said = " " + " ".join(t.lower_ for t in clause.subtree) + " "
    return any(f" {w} " in said for w in vocabulary()["cumulative_words"])


def _framed(tok: Token) -> str | None:
    """The word framing a death by another event: "a day after nine police died" (after), "since the
    group launched attacks, killing 130" (since)."""
    words = vocabulary()
    cur = clause_of(tok)
    for _ in range(3):  # "came a day after nine police died", "after killing 9"
        for c in cur.children:
            if cur.dep_ in ("advcl", "pcomp") and c.dep_ in ("mark", "prep") and c.lower_ in words["frame_marks"] \
                    and c.i < tok.i:
                return c.lower_
        if cur.dep_ == "pcomp" and cur.head.lower_ in words["frame_marks"]:
            return cur.head.lower_
        if cur.head is cur or cur.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "acl", "relcl"):
            break
        cur = cur.head
    return None


class SentenceDeaths:
    """The deaths each sentence of a document reports, read once per sentence, when first asked for."""

    def __init__(self, view: DocView):
        self._view = view
        self._read: dict[int, tuple[Toll | None, bool]] = {}
        self._coded: dict[int, CodedToll | None] = {}

    def coded(self, index: int) -> CodedToll | None:
        """The analyst's statement of the toll in the sentence (`coded`)."""
        if index not in self._coded:
            self._coded[index] = coded_toll(self._view.sents[index])
        return self._coded[index]

    def coded_after(self, index: int) -> CodedToll | None:
        """The first statement of the toll at or after the sentence, in its paragraph: a coded note states
        its toll after telling its event."""
        view = self._view
        paragraph = view.paragraph(view.starts[index])
        for i in range(index, len(view.sents)):
            if view.paragraph(view.starts[i]) != paragraph:
                break
            if (found := self.coded(i)) is not None:
                return found
        return None

    def toll(self, index: int) -> Toll | None:
        return self._get(index)[0]

    def adds_up(self, index: int) -> bool:
        """The sentence's deaths add to those told before it ("Another soldier died")."""
        return self._get(index)[1]

    def _get(self, index: int) -> tuple[Toll | None, bool]:
        if index not in self._read:
            self._read[index] = _sentence_deaths(self._view, index)
        return self._read[index]


def _sentence_deaths(view: DocView, index: int) -> tuple[Toll | None, bool]:
    """The deaths a sentence reports: the largest figure among its death words, else the quantities facet's;
    and whether they add to those told before."""
    sent = view.sents[index]
    coded = coded_toll(sent)
    stated = (coded.start, coded.end) if coded is not None else (-1, -1)  # an analyst's statement is no report
    skip = {tok.i for t in view.times.get(index, [])
            for tok in view.doc.char_span(t.start, t.end, alignment_mode="expand") or []}
    # the sentence's own share: a copy of the document's whole set per sentence grew as length squared
    skip |= {i for i in range(sent.start, sent.end) if i in view.not_counts}
    skip |= {tok.i for q in view.quantities.get(index, []) if q.kind not in ("fatalities", "people", "count")
             for tok in view.doc.char_span(q.start, q.end, alignment_mode="expand") or []}
    found: list[Toll] = []
    excluded: set[tuple[int, int]] = set()  # cumulative or denied deaths, and frames of the sentence's own
    framed: list[Toll] = []
    for tok in sent:
        if stated[0] <= tok.idx < stated[1]:
            continue
        if tok.pos_ in ("VERB", "AUX") and is_death_verb(tok):
            toll = _verb_deaths(tok)
        elif (tok.lower_ in vocabulary()["death_nouns"] and tok.pos_ in ("NOUN", "ADJ")
              or tok.lower_ in vocabulary()["death_of_nouns"] and tok.pos_ == "NOUN"):
            toll = _noun_deaths(tok, skip)
        else:
            continue
        if toll is None:
            continue
        frame = _framed(tok)
        if _cumulative(tok) or frame == "since":
            excluded.add((toll[1], toll[2]))
        elif frame is not None:
            framed.append(toll)
        else:
            found.append(toll)
    if found:  # the sentence's own deaths, not those of the event it follows
        excluded |= {(t[1], t[2]) for t in framed}
    else:
        found += framed
    facet = [(int(q.value), q.start, q.end) for q in view.quantities.get(index, [])
             if q.kind == "fatalities" and q.value is not None and not stated[0] <= q.start < stated[1]
             and not any(s <= q.start < e or q.start <= s < q.end for s, e in excluded)]
    known = found or facet
    best = max(known, key=lambda t: t[0]) if known else None
    return best, best is not None and _adds_up(view.doc.char_span(best[1], best[2], alignment_mode="expand"))


def _adds_up(words: Span | None) -> bool:
    """Deaths reported as more than those already told: "another soldier died", "two more bodies"."""
    extra = vocabulary()["additional"]
    return words is not None and any(
        t.lower_ in extra and t.dep_ in ("det", "amod", "advmod")
        and (t.lower_ != "more" or (t.i > 0 and t.nbor(-1).like_num))  # "two more", never "more than 600"
        and (t.lower_ != "also" or is_death_verb(t.head))  # "2 militants were also killed", not "also involved"
        for t in words)


def death_sentences(view: DocView, triggers: frozenset[int], ev: Event, anchor: Token) -> frozenset[int]:
    """The sentences whose deaths an event counts: its anchor's, its evidence's and, for a violent event,
    the neighbours up to the nearest other trigger (`triggers`: the sentences that hold one)."""
    if ev.event_type == "Strategic developments" or ev.sub_event_type == "Peaceful protest":
        return frozenset()  # deaths in the sentence are another event's: arrests and agreements kill no one
    here = view.sentence(anchor.idx)
    indexes = {here} | {view.sentence(e.start) for e in ev.evidence}
    if ev.event_type in VIOLENT_TYPES:
        indexes |= untriggered_neighbours(view, triggers, here)
    return frozenset(indexes)


def count_fatalities(view: DocView, deaths: SentenceDeaths, indexes: frozenset[int], here: int) -> Fatalities | None:
    """The largest toll of the sentences `indexes`, plus the deaths of those that add up; the analyst's own
    statement of the toll, after the event's sentence `here` in its paragraph, instead where the note has
    one (whatever the event: the coder's figure is the note's)."""
    told = _told(view, deaths, indexes) if indexes else None
    coded = deaths.coded_after(min(indexes | {here}))
    if coded is not None:
        count = coded.of(told.count if told is not None else None)
        if count is not None:
            return Fatalities(count, view.text[coded.start:coded.end], coded.start, coded.end)
    return told


def _told(view: DocView, deaths: SentenceDeaths, indexes: frozenset[int]) -> Fatalities | None:
    reports = [t for i in sorted(indexes) if (t := deaths.toll(i)) is not None and not deaths.adds_up(i)]
    if not reports:
        return None
    count, start, end = max(reports, key=lambda r: r[0])
    # a sentence whose deaths add up always has a toll (adds_up is False without one)
    more = sum(t[0] for i in indexes if deaths.adds_up(i) and (t := deaths.toll(i)) is not None)
    return Fatalities(count + more, view.text[start:end], start, end)
