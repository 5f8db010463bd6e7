"""Trigger discipline: the readings whose trigger word does not report an act are dropped before they
become events or mentions (data/events/senses.json, each list documented by its case).

- a posture noun (convoy, patrol, curfew) is a change to group/activity only when a verb of deploying or
  imposing governs it or it arrives or takes place ("reinforcements arrived"), and never in a sentence that
  reports violence (the convoy is what was hit);
- send/move/take with a thing as object is no deployment ("a statement sent to media outlets");
- an arrest verb with a prepositional object of another sense is none ("taken in view of", "detained in
  hospital"); "apprehend" with an act as object means to fear it ("apprehends reprisal killings");
- page furniture (Share, Watch video, Read more) reports nothing.
"""
from __future__ import annotations

from functools import lru_cache

from ... import lexicon
from .readings import Reading
from .syntax import phrase_head

CHANGE = "Change to group/activity"
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = lexicon.load("events/senses.json")
    return {k: frozenset(str(w).lower() for w in v["words"]) for k, v in data.items() if not k.startswith("_")}


def _furniture(sent) -> bool:
    """A short line that begins with a page's furniture ("Watch video", "Share", "Read more")."""
    text = sent.text.strip().lower()
    return len(sent) <= 12 and any(text.startswith(w) for w in _words()["furniture"])


def _change_ok(doc, f: Reading, violent: bool) -> bool:
    head = phrase_head(doc, f.trigger)
    w = _words()
    if head.pos_ in ("NOUN", "PROPN"):
        if violent:
            return False
        gov = head.head
        lemma = gov.lemma_.lower()
        if head.dep_ == "nsubj" and lemma in w["posture_nouns_arrive"]:  # "reinforcements arrived"
            return lemma != "take" or any(c.lower_ == "place" for c in gov.children)
        return head.dep_ in ("dobj", "nsubjpass", "attr") and lemma in w["posture_nouns_need_verbs"]
    if head.dep_ in ("acl", "relcl") and head.head.lemma_.lower() in w["sent_things"]:
        return False  # "a statement sent to media outlets"
    return not any(c.dep_ in ("dobj", "nsubjpass", "nsubj") and c.lemma_.lower() in w["sent_things"]
                   for c in head.children)


UNAMBIGUOUS_ARRESTS = {"arrest"}
ABSTRACT = ("tion", "ment", "ence", "ance", "ity", "ism", "ness")  # endings of abstract nouns


def _arrest_ok(doc, f: Reading, lex) -> bool:
    head = phrase_head(doc, f.trigger)
    if head.lemma_.lower() in UNAMBIGUOUS_ARRESTS:
        return True  # "arrested four people on charges of ...": no other sense to rule out
    w = _words()
    tokens = doc[f.trigger.start : f.trigger.end]
    for tok in (head, *tokens):
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "in" and any(
                    g.lemma_.lower() in w["not_arrest_objects"] for g in prep.children if g.dep_ == "pobj"):
                return False  # "taken in view of", "detained in hospital"
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "in" and nxt.i + 1 < len(doc) \
                and doc[nxt.i + 1 + (doc[nxt.i + 1].lower_ in ("the", "a"))].lemma_.lower() in w["not_arrest_objects"]:
            return False
    if head.lemma_.lower() == "apprehend":
        objs = [c for c in head.children if c.dep_ == "dobj"]
        if objs and objs[0].ent_type_ not in ("PERSON", "NORP", "ORG") and (
                lex.index.get(objs[0].lemma_.lower()) or objs[0].lower_.endswith(ABSTRACT)):
            return False  # "apprehends reprisal killings", "apprehending a complete alienation": to fear them
        if any(c.dep_ == "ccomp" for c in head.children):
            return False  # "the letter apprehended that ...": feared
    if head.dep_ in ("acl", "relcl") and head.head.lemma_.lower() in w["not_arrest_objects"]:
        return False  # "steps taken in the wake of", "the decision which had been taken"
    # "photographs taken in the restaurant"
    return not any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in w["not_arrest_objects"]
                   for c in head.children)


def keep(doc, readings, lex) -> list:
    """The readings (idx, sent, Reading, moods) whose trigger reports an act."""
    violent_sents = {idx for idx, _, f, _ in readings if lex.types[f.sub]["event_type"] in VIOLENT}
    out = []
    for idx, sent, f, moods in readings:
        if _furniture(sent):
            continue
        if f.sub == CHANGE and not _change_ok(doc, f, idx in violent_sents):
            continue
        if f.sub == "Arrests" and not _arrest_ok(doc, f, lex):
            continue
        out.append((idx, sent, f, moods))
    return out
