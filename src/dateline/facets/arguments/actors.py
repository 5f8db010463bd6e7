"""Who acted and against whom: the agent and patient of the trigger (a verb's subject and object, an event
noun's modifiers and "by" phrase, "fighting between X and Y"), normalised by the actor dictionary
(`lexicon.actors`, with the user's file). When the text names no actor1, the one a coder would name
(protesters, rioters, an unidentified armed group); when it names no target of a bomb or an attack, the
people it killed.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from ...lexicon.actors import ActorBook
from ...record import Actor, Event
from .anchoring import child_of, clause_of, prep_object
from .document import DocView
from .fatalities import is_death_verb
from .words import vocabulary

# The class of actor1 when the text names none, by event type or sub-type: bombs and attacks on civilians
# by unnamed perpetrators are an unidentified armed group's; air strikes and shelling are nobody's guess.
DEFAULT_ACTOR = {"Protests": "protesters", "Riots": "rioters", "Violence against civilians": "gunmen",
                 "Remote explosive/landmine/IED": "gunmen", "Suicide bomb": "gunmen", "Grenade": "gunmen"}


def _phrase(tok: Token) -> Span:
    """The words of a noun phrase up to its head and a few after it ("soldiers of the Iraqi army")."""
    end = tok.i + 1
    for w in tok.doc[tok.i + 1 : min(tok.right_edge.i + 1, tok.i + 5)]:
        if w.is_punct or w.dep_ in ("relcl", "acl", "cc", "conj") or w.pos_ in ("VERB", "AUX"):
            break
        end = w.i + 1
    return tok.doc[tok.left_edge.i if tok.left_edge.i >= tok.i - 6 else tok.i : end]


# The words that tie a named group to the noun that heads its phrase: "New People's Army (NPA) rebels",
# "a group of dissidents from the FARC", "the IRA's Belfast brigade", "the spokesman for the Taliban".
MODIFIER_DEPS = {"compound", "amod", "poss", "case", "nmod", "appos", "det", "nummod", "punct", "prep", "pobj"}
MODIFIER_PREPS = {"of", "from", "for"}


def _modifiers(tok: Token, limit: int = 20) -> list[Token]:
    """The token and the words that modify it as a name or an owner, through "of/from/for" phrases; no
    clause (relative clauses and verbs name other parties)."""
    out, todo = [], [tok]
    while todo and len(out) < limit:
        cur = todo.pop()
        out.append(cur)
        todo += [c for c in cur.children if c.dep_ in MODIFIER_DEPS
                 and (c.dep_ != "prep" or c.lower_ in MODIFIER_PREPS)]
    return out


def _group_in(book: ActorBook, tok: Token, where: str | None) -> Actor | None:
    """A named group among the modifiers of a noun, with the span of its name."""
    words = _modifiers(tok)
    start, end = min(w.idx for w in words), max(w.idx + len(w) for w in words)
    text = tok.doc.text[start:end]
    found = book.group_match(text)
    if found is None:
        return None
    m, _group = found
    match = book.normalise(m.group(0), None, where)
    if match is None:
        return None
    return Actor(match.name, match.inter, m.group(0), start + m.start(), start + m.end())


def _actor(book: ActorBook, tok: Token | None, where: str | None, crowd: str | None = None) -> Actor | None:
    """The actor a noun (or one of its conjuncts) names; people who protest or riot are that crowd; a named
    group among its modifiers wins over a class ("NPA rebels", "dissidents from the FARC")."""
    if tok is None:
        return None
    shared = book.nationality(_phrase(tok).text)
    for cand in [tok, *tok.conjuncts]:
        span = _phrase(cand)
        match = (book.normalise(span.text, cand.lemma_, where, shared)
                 or book.normalise(span.text, cand.text, where, shared))
        if match is None and cand.dep_ in ("compound", "amod", "nmod", "poss") and book.nationality(cand.text):
            match = book.normalise(f"{cand.text} forces", "forces", where)
        if match is not None and match.kind == "civilians" and crowd:
            match = book.normalise(span.text + f" {crowd}", crowd, where)
        if (match is None or match.kind in ("unidentified", "military", "police")) and cand.pos_ != "PRON":
            named = _group_in(book, cand, where)
            if named is not None and (match is None or match.kind == "unidentified" or named.inter != 1):
                return named
        if match is not None:
            return Actor(match.name, match.inter, span.text, span.start_char, span.end_char)
    return None


def verb_roles(verb: Token) -> tuple[Token | None, list[Token]]:
    """The agent and the candidate patients of a verb, passives included; a subjectless verb borrows its
    head's subject."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children)
    if passive:
        agent = prep_object(verb, ("by",))
        patients = [child_of(verb, "nsubjpass")]
    else:
        agent = child_of(verb, "nsubj")
        patients = [child_of(verb, "dobj"), prep_object(verb, ("on", "against", "with", "at"))]
        patients += [child_of(c, "dobj") for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    cur = verb
    for _ in range(4):  # "police and troops use the opportunity to ... and round up militants"
        if agent is not None or cur.dep_ not in ("conj", "xcomp", "advcl") or cur.head is cur:
            break
        cur = cur.head
        agent = child_of(cur, "nsubj")
    if agent is None and verb.dep_ == "relcl":
        agent = verb.head
    if passive and patients == [None] and verb.dep_ == "acl":
        patients = [verb.head]
    return agent, [p for p in patients if p is not None]


def _noun_roles(noun: Token) -> tuple[list[Token], Token | None]:
    """Candidate agents (modifiers, "by", the governing verb's subject) and the patient of an event noun."""
    head = noun.head
    governs = head.pos_ in ("VERB", "AUX") and noun.dep_ in ("nsubj", "nsubjpass")  # "clashes erupted between"
    between = prep_object(noun, ("between",)) or (prep_object(head, ("between",)) if governs else None)
    if between is not None:
        return [between], next(iter(between.conjuncts), None)
    agents = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    by = prep_object(noun, ("by", "from"))
    agents = ([by] if by is not None else []) + agents
    patient = prep_object(noun, ("on", "against", "with", "at", "of"))
    if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        agents.append(child_of(head, "nsubj"))
    elif noun.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        patient = patient or child_of(head, "dobj")
    elif noun.dep_ == "pobj" and head.dep_ == "agent":
        patient = patient or child_of(head.head, "nsubjpass")
    elif noun.dep_ == "pobj":  # "killed 14 bandits in an exchange of fire": the clause's parties
        agent, patients = verb_roles(clause_of(noun))
        agents.append(agent)
        patient = patient or next(iter(patients), None)
    return [a for a in agents if a is not None and a.i != noun.i], patient


def default_actor(book: ActorBook, ev: Event, where: str | None) -> Actor | None:
    """actor1 as a coder names it when the text does not: protesters, rioters, an unidentified armed group."""
    kind = DEFAULT_ACTOR.get(ev.event_type) or DEFAULT_ACTOR.get(ev.sub_event_type)
    match = book.normalise(kind, kind, where) if kind else None
    return Actor(match.name, match.inter) if match else None


def agent_token(anchor: Token) -> Token | None:
    """The syntactic agent of the trigger (a verb's subject, "by" object), which may be another event."""
    return verb_roles(anchor)[0] if anchor.pos_ in ("VERB", "AUX") else None


def parties(book: ActorBook, ev: Event, anchor: Token, where: str | None) -> tuple[Actor | None, Actor | None]:
    crowd = DEFAULT_ACTOR.get(ev.event_type) if ev.event_type in ("Protests", "Riots") else None
    while anchor.dep_ == "compound" and anchor.head is not anchor:  # "ceasefire" in "ceasefire agreement"
        anchor = anchor.head
    itself = _actor(book, anchor, where, crowd) if anchor.pos_ in ("NOUN", "PROPN") else None
    if itself is not None:  # the trigger names a party ("dispersed the protesters", "protesters marched")
        if anchor.dep_ in ("nsubj", "ROOT"):
            victims = verb_roles(anchor.head)[1] if anchor.dep_ == "nsubj" else []
            return itself, next(filter(None, (_actor(book, p, where) for p in victims)), None)
        other = _actor(book, verb_roles(clause_of(anchor))[0], where, crowd)
        return (other, itself) if other is not None and other.name != itself.name else (itself, None)
    between = prep_object(anchor, ("between",))
    if between is not None:  # "fighting between the army and Al Shabaab"
        return _actor(book, between, where), _actor(book, next(iter(between.conjuncts), None), where)
    if anchor.pos_ in ("VERB", "AUX"):
        agent_tok, patient_toks = verb_roles(anchor)
        agent = _actor(book, agent_tok, where, crowd)
    else:
        agent_toks, patient_tok = _noun_roles(anchor)
        agent = next(filter(None, (_actor(book, a, where, crowd) for a in agent_toks)), None)
        patient_toks = [patient_tok]
    patient = next(filter(None, (_actor(book, p, where) for p in patient_toks)), None)
    if patient is not None and agent is not None and patient.name == agent.name:
        patient = None
    return agent, patient


def the_dead(view: DocView, book: ActorBook, ev: Event) -> Actor | None:
    """Who a bomb or an attack killed, when the syntax named no target: "..., killing four civilians"."""
    where = event_country(view, ev)
    for index in sorted({view.sentence(e.start) for e in ev.evidence}):
        for tok in view.sents[index]:
            if tok.pos_ not in ("VERB", "AUX") or not is_death_verb(tok):
                continue
            for victim in (_actor(book, c, where) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
                if victim is not None and (ev.actor1 is None or victim.name != ev.actor1.name):
                    return victim
    return None


def event_country(view: DocView, ev: Event) -> str | None:
    """The country actors are normalised in: the event's, else the article's."""
    return (ev.location.country if ev.location else None) or view.country
