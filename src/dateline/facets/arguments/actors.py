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
# Arrests are made by the police unless the text names another arm of the state.
DEFAULT_ACTOR = {"Protests": "protesters", "Riots": "rioters", "Violence against civilians": "gunmen",
                 "Remote explosive/landmine/IED": "gunmen", "Suicide bomb": "gunmen", "Grenade": "gunmen",
                 "Arrests": "police"}


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
    out: list[Token] = []
    todo = [tok]
    while todo and len(out) < limit:
        cur = todo.pop()
        out.append(cur)
        todo += [c for c in cur.children if c.dep_ in MODIFIER_DEPS
                 and (c.dep_ != "prep" or c.lower_ in MODIFIER_PREPS)]
    return out


def _group_in(book: ActorBook, tok: Token, where: str | None) -> Actor | None:
    """A named group among the modifiers of a noun, with the span of its name."""
    words = _modifiers(tok)
    first, last = min(w.i for w in words), max(w.i for w in words)
    phrase = tok.doc[first : last + 1]  # not Doc.text, which spaCy rebuilds from every token of the document
    start, text = phrase.start_char, phrase.text
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
    if not passive and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "dobj", "aux") for c in verb.children):
        passive = True  # a headline's "one person killed in police firing"
    if verb.lemma_.lower() in vocabulary()["dying_verbs"] and not passive:  # "97 died in police firing"
        return _acting_in(verb), [p for p in [child_of(verb, "nsubj")] if p is not None]
    if passive:
        agent = prep_object(verb, ("by",)) or _acting_in(verb)
        patients = [child_of(verb, "nsubjpass")]
    else:
        agent = child_of(verb, "nsubj")
        patients = [child_of(verb, "dobj"), prep_object(verb, ("on", "against", "with", "at"))]
        patients += [child_of(c, "dobj") for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    cur = verb
    for _ in range(4):  # "police and troops use the opportunity to ... and round up militants", "police
        # opened fire and were able to arrest 39"
        if agent is not None or cur.dep_ not in ("conj", "xcomp", "advcl", "acomp") or cur.head is cur:
            break
        if passive and cur.dep_ == "advcl":
            break  # "73 died while 2,500 have been arrested": the dead did not arrest anyone
        cur = cur.head
        agent = child_of(cur, "nsubj")
    if agent is None and verb.dep_ == "relcl":
        agent = verb.head
    if passive and patients == [None] and verb.dep_ == "acl":
        patients = [verb.head]
    return agent, [p for p in patients if p is not None]


def _acting_in(verb: Token) -> Token | None:
    """Who acted in the act a passive verb happened in: "killed in police firing", "died in a Taliban
    attack" (the act's modifier)."""
    act = prep_object(verb, ("in", "during"))
    if act is None or not (act.pos_ == "NOUN" or act.tag_ == "VBG"):  # "in police firing", firing a gerund
        return None
    if any(c.dep_ == "acl" and c.tag_ == "VBG" for c in act.children):
        return act  # "in police firing", parsed as "police" with "firing" hanging on it
    return next((c for c in act.children if c.dep_ in ("compound", "poss", "amod") and c.pos_ in ("NOUN", "PROPN")),
                None)


def _noun_roles(noun: Token) -> tuple[list[Token], Token | None]:
    """Candidate agents (modifiers, "by", the governing verb's subject) and the patient of an event noun."""
    head = noun.head
    governs = head.pos_ in ("VERB", "AUX") and noun.dep_ in ("nsubj", "nsubjpass")  # "clashes erupted between"
    between = prep_object(noun, ("between",)) or (prep_object(head, ("between",)) if governs else None)
    if between is not None:
        return [between], next(iter(between.conjuncts), None)
    agents: list[Token | None] = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    by = prep_object(noun, ("by", "from"))
    if by is not None:
        agents.insert(0, by)
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
    """actor1 and actor2 of an event read at its trigger: the syntax first, then a claim of responsibility
    for it; the government acting is its forces."""
    agent, patient = _syntax_parties(book, ev, anchor, where)
    if ev.event_type in CLAIMABLE_TYPES and (agent is None or _is_class(book, agent, "unidentified")):
        claimant = claimant_of(book, anchor, where)
        if claimant is not None and (patient is None or patient.name != claimant.name):
            agent = claimant
    return by_act(book, ev, agent, where), patient


# Events whose perpetrator a claim of responsibility names.
CLAIMABLE_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
CLAIM_REACH = 5  # how many sentences after an event a claim may still refer to it
STATE_CLASSES = ("military", "police")


def _class_name(book: ActorBook, kind: str) -> str:
    return book.classes.get(kind, {}).get("name", "").split("{")[0].strip()


def _is_class(book: ActorBook, actor: Actor, kind: str) -> bool:
    prefix = _class_name(book, kind)
    return bool(prefix) and actor.name.startswith(prefix)


def by_act(book: ActorBook, ev: Event, actor: Actor | None, where: str | None) -> Actor | None:
    """"The government/authorities" that strike or arrest are the state's forces: police for arrests and
    a protest's intervention, the military for violence."""
    if actor is None or not _is_class(book, actor, "government"):
        return actor
    policing = ev.sub_event_type in ("Arrests", "Protest with intervention") or ev.event_type == "Protests"
    violent = ev.event_type in CLAIMABLE_TYPES
    if not (policing or violent):
        return actor
    word = "police" if policing else "forces"
    match = book.normalise(word, word, where, book.nationality(actor.text or ""))
    return actor if match is None else Actor(match.name, match.inter, actor.text, actor.start, actor.end)


def protest_sides(book: ActorBook, ev: Event, actor1: Actor | None, actor2: Actor | None,
                  where: str | None) -> tuple[Actor | None, Actor | None]:
    """A protest's actor1 is the protesters; the force that intervened is actor2 ("Police arrested 10
    protesters": Protesters, then Police Forces). For the end of the facet, after recoding, which reads
    the responding force as actor1 of a response."""
    if ev.event_type != "Protests" or actor1 is None:
        return actor1, actor2
    if not any(_is_class(book, actor1, kind) for kind in STATE_CLASSES):
        return actor1, actor2
    if actor2 is not None and not any(_is_class(book, actor2, kind) for kind in STATE_CLASSES):
        return actor2, actor1
    crowd = book.normalise("protesters", "protesters", where)
    return (Actor(crowd.name, crowd.inter) if crowd else None), actor1


def _syntax_parties(book: ActorBook, ev: Event, anchor: Token,
                    where: str | None) -> tuple[Actor | None, Actor | None]:
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
    if anchor.pos_ in ("VERB", "AUX") and not (anchor.tag_ == "VBG" and anchor.dep_ == "pobj"):
        # a gerund after a preposition names an act like a noun: "died in police firing"
        agent_tok, patient_toks = verb_roles(anchor)
        agent = _actor(book, agent_tok, where, crowd)
    else:
        agent_toks, patient_tok = _noun_roles(anchor)
        agent = next(filter(None, (_actor(book, a, where, crowd) for a in agent_toks)), None)
        patient_toks = [patient_tok] if patient_tok is not None else []  # _actor() finds no one in None
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


def claimant_of(book: ActorBook, anchor: Token, where: str | None) -> Actor | None:
    """The group that claims (or is blamed for) the event at `anchor`: a claim in its sentence, else the
    nearest one in the few sentences after it ("Al-Shabab claimed responsibility for the attack")."""
    doc = anchor.doc
    starts, claims = _claims(doc, book, where)
    here = bisect.bisect_right(starts, anchor.sent.start_char) - 1
    first = bisect.bisect_left(claims, here, key=lambda claim: claim[0])  # claims are in document order
    if first < len(claims) and claims[first][0] <= here + CLAIM_REACH:
        return claims[first][1]
    return None


def _claims(doc: Doc, book: ActorBook, where: str | None) -> tuple[list[int], list[tuple[int, Actor]]]:
    """The sentence starts of a document and its claims of responsibility (sentence index, claimant), read
    once per document and country and kept on the Doc."""
    key = ("dateline.claims", id(book), where)
    if key not in doc.user_data:
        starts = [s.start_char for s in doc.sents]
        found = []
        for tok in doc:
            claimant = _claimant(tok)
            actor = _group_in(book, claimant, where) or _actor(book, claimant, where) if claimant is not None else None
            if actor is not None and actor.inter != 7 and not _is_class(book, actor, "unidentified"):
                found.append((bisect.bisect_right(starts, tok.sent.start_char) - 1, actor))
        # spaCy's stub types Doc.user_data as dict[str, Any], yet any hashable key works (spaCy's own
        # extension attributes are stored under tuple keys)
        doc.user_data[key] = (starts, found)  # type: ignore[index]
    return doc.user_data[key]  # type: ignore[index]


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or verb.lemma_.lower() in vocabulary()["denial_verbs"]


def _speaker(verb: Token) -> Token | None:
    """Who a claim is made by: the subject of the claim, or the group a spokesman speaks for."""
    agent = verb_roles(verb)[0]
    if agent is None:
        return None
    if agent.lower_ in vocabulary()["spokesman_nouns"] or agent.lemma_.lower() in vocabulary()["spokesman_nouns"]:
        return prep_object(agent, ("for", "of", "by")) or agent
    return agent


def _claimant(tok: Token) -> Token | None:
    """The token naming who claims or is blamed, when `tok` is the verb of a claim; None otherwise."""
    words = vocabulary()
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or _negated(tok):
        return None
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if lemma in words["claim_verbs"] and any(o.lemma_.lower() in words["responsibility_nouns"] for o in objects):
        return _speaker(tok)  # "X claimed responsibility for the attack"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or tok.dep_ == "acl"
    if lemma in words["claimed_verbs"]:
        if passive and (tok.dep_ == "acl" and tok.head.lower_ in words["attack_nouns"]
                        or any(c.dep_ == "nsubjpass" and c.lower_ in words["attack_nouns"] for c in tok.children)):
            return prep_object(tok, ("by",))  # "an attack claimed by X"
        if any(o.lower_ in words["attack_nouns"] for o in objects):
            return _speaker(tok)  # "X claimed the attack"
    if lemma in words["blame_verbs"]:
        on = prep_object(tok, ("on",))  # "the attack was blamed on X", "police blamed the attack on X"
        if on is not None:
            return on
        if objects and not passive and objects[0].lower_ not in words["attack_nouns"]:
            return objects[0]  # "police blamed X for the attack"
    if lemma in words["speech_verbs"]:
        for clause in (c for c in tok.children if c.dep_ in ("ccomp", "xcomp")):
            if any(w.lower_ in words["responsible_words"] and w.dep_ in ("acomp", "prep", "advmod")
                   for w in clause.children) and not _negated(clause):
                return _speaker(tok)  # "the spokesman for X said they were responsible"
    return None
