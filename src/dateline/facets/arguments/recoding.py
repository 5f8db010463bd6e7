"""What follows an event can recode it: a missile intercepted is disrupted weapons use, and the
authorities' response to a protest or riot (dispersal, arrests, lethal force) is part of that event, a
peaceful protest broken up becoming a protest with intervention (or met with excessive force).

`recode` is handed the merged events and returns the ones that remain, a host absorbing the events it takes.
"""
from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Span, Token

from ...record import Event, Evidence
from .actors import verb_roles
from .anchoring import clause_of
from .document import DocView
from .merging import absorb
from .words import CONTINUATION_SENTENCES, DEFINITE, vocabulary

PROTEST_SEVERITY = ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"]
DETENTIONS = {"arrest", "detain"}  # of a protest against a detention, the next sentences tell that detention


def _said(sent: Span, words: set[str]) -> set[int]:
    """The tokens of a sentence that say one of `words`, as a lemma or as a lemma and the next word
    ("break up", "stun grenades")."""
    out: set[int] = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in words or tok.lower_ in words:
            out.add(tok.i)
        nxt = tok.nbor() if tok.i + 1 < sent.end else None
        if nxt is not None and (f"{lemma} {nxt.lower_}" in words or f"{tok.lower_} {nxt.lower_}" in words):
            out |= {tok.i, nxt.i}
    return out


def _following(view: DocView, anchor: Token) -> list[int]:
    """The anchor's sentence and the next few of its paragraph."""
    here, para = view.sentence(anchor.idx), view.paragraph(anchor.idx)
    last = min(len(view.sents) - 1, here + CONTINUATION_SENTENCES)
    return [i for i in range(here, last + 1) if view.paragraph(view.starts[i]) == para]


def _intervened(view: DocView, ev: Event, anchor: Token) -> tuple[int, set[int]] | None:
    """The sentence in which the authorities break up a peaceful protest ("Police dispersed them"), and
    the tokens that say how."""
    if ev.sub_event_type not in ("Peaceful protest", "Protest with intervention") or ev.modality != "occurred":
        return None
    words = vocabulary()["intervention"]
    here = view.sentence(anchor.idx)
    about_detention = bool(_said(view.sents[here], vocabulary()["detention_topics"]))
    for i in _following(view, anchor):
        said = {t for t in _said(view.sents[i], words) if _asserted(view.doc[t]) and _done_to(view.doc[t])
                and not (about_detention and i != here and view.doc[t].lemma_.lower() in DETENTIONS)}
        if said:
            return i, said
    return None


def _done_to(tok: Token) -> bool:
    """Force used on someone: "police dispersed them", "were arrested", not "the crowd dispersed
    peacefully", "demanded the arrest of" nor "protested against the arrest of"."""
    demands = vocabulary()["demands"]
    if tok.pos_ == "VERB":  # "demanding the authorities to arrest the traffickers" asks for it
        return any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "agent") for c in tok.children) \
            and not (tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in demands)
    if tok.head.dep_ == "prep" or tok.head.pos_ == "ADP":
        return tok.head.lower_ not in ("against", "over", "about", "for")
    return not (tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in demands)


def _asserted(tok: Token) -> bool:
    """A word of a clause that tells what happened, not of one that describes a noun ("the release of
    demonstrators detained at the rally")."""
    return clause_of(tok).dep_ not in ("acl", "relcl", "amod", "pcomp", "pobj", "csubj")


def _disrupted(view: DocView, strike: Event, ev: Event, anchors: Mapping[int, Token | None]) -> bool:
    """A disruption that stops the weapon of the strike just before it ("The missile was intercepted")."""
    a, b = anchors.get(id(strike)), anchors.get(id(ev))
    if a is None or b is None or strike.event_type != "Explosions/Remote violence" or strike.modality != ev.modality:
        return False
    if view.sentence(b.idx) not in _following(view, a) \
            or not _said(view.sents[view.sentence(b.idx)], vocabulary()["disruption"]):
        return False
    weapon = next(iter(verb_roles(b)[1]), None) if b.pos_ in ("VERB", "AUX") else None
    return weapon is not None and (weapon.pos_ == "PRON"
                                   or any(c.dep_ == "det" and c.lower_ in DEFINITE for c in weapon.children))


def recode(view: DocView, events: list[Event], anchors: Mapping[int, Token | None]) -> list[Event]:
    """What happened next changes what is coded: a missile intercepted is disrupted weapons use; the
    authorities' response to a protest or riot is part of it, and a protest broken up is a protest with
    intervention (or met with excessive force)."""
    out: list[Event] = []
    for ev in events:
        if out and ev.sub_event_type == "Disrupted weapons use" and _disrupted(view, out[-1], ev, anchors):
            absorb(ev, out[-1])
            out[-1] = ev
            continue
        out.append(ev)
    # a response is looked for in the few sentences after a protest only: indexed by sentence (in document
    # order, as `out` is), a long report costs no scan of all its events per protest
    by_sentence: dict[int, list[Event]] = {}
    for ev in out:
        if (anchor := anchors.get(id(ev))) is not None:
            by_sentence.setdefault(view.sentence(anchor.idx), []).append(ev)
    taken: set[int] = set()  # ids of the events another took
    for ev in out:
        anchor = anchors.get(id(ev))
        if id(ev) not in taken and anchor is not None and ev.event_type in ("Protests", "Riots") \
                and ev.modality == "occurred":
            _take_responses(view, ev, anchor, by_sentence, taken, anchors)
            _take_intervention(view, ev, anchor, by_sentence, taken, anchors)
    return [ev for ev in out if id(ev) not in taken]


def _left(by_sentence: Mapping[int, list[Event]], sentences: list[int], taken: set[int]) -> list[Event]:
    """The events of these sentences that no other took, in document order."""
    return [ev for i in sentences for ev in by_sentence.get(i, ()) if id(ev) not in taken]


def _responds(view: DocView, other: Event, host: Event, anchor: Token, anchors: Mapping[int, Token | None]) -> bool:
    """An intervention, excessive force or arrests by others just after a protest, at its place: the
    response to it."""
    a = anchors.get(id(other))
    if a is None or other is host or other.modality != "occurred" or a.i <= anchor.i:
        return False
    if not (other.event_type == "Protests" and other.sub_event_type != "Peaceful protest"
            or other.sub_event_type == "Arrests"):
        return False
    if other.actor1 is None or other.actor1.inter in (5, 6, 7):
        return False  # the crowd again ("residents took to the streets in protest"), not those who answer it
    if other.sub_event_type == "Arrests" and view.sentence(a.idx) != view.sentence(anchor.idx) \
            and _said(view.sents[view.sentence(anchor.idx)], vocabulary()["detention_topics"]):
        return False  # a protest against a detention: the arrest told next is the one protested against
    same_place = other.location is None or host.location is None or other.location.name == host.location.name
    return same_place and view.sentence(a.idx) in _following(view, anchor)


def _take_responses(view: DocView, host: Event, anchor: Token, by_sentence: Mapping[int, list[Event]],
                    taken: set[int], anchors: Mapping[int, Token | None]) -> None:
    near = _left(by_sentence, _following(view, anchor), taken)
    for other in [o for o in near if _responds(view, o, host, anchor, anchors)]:
        if host.event_type == "Protests":
            harsher = other.sub_event_type if other.event_type == "Protests" else "Protest with intervention"
            host.sub_event_type = max(host.sub_event_type, harsher, key=PROTEST_SEVERITY.index)
        host.actor2 = host.actor2 or other.actor1  # the police who responded, not the protesters again
        absorb(host, other)
        taken.add(id(other))


def _take_intervention(view: DocView, host: Event, anchor: Token, by_sentence: Mapping[int, list[Event]],
                       taken: set[int], anchors: Mapping[int, Token | None]) -> None:
    """A peaceful protest broken up ("Police dispersed them with tear gas") is a protest with intervention;
    the means of breaking it up (stun grenades, arrests) are part of it."""
    found = _intervened(view, host, anchor)
    if found is None:
        return
    i, said = found
    host.sub_event_type = max(host.sub_event_type, "Protest with intervention", key=PROTEST_SEVERITY.index)
    for other in [o for o in _left(by_sentence, [i], taken) if o is not host and (a := anchors.get(id(o))) is not None
                  and (i != view.sentence(anchor.idx) or a.i in said)]:
        absorb(host, other)
        taken.add(id(other))
    sent = view.sents[i]
    if all(e.start != sent.start_char for e in host.evidence):
        told = Evidence(sent.start_char, sent.end_char, view.text[sent.start_char:sent.end_char])
        host.evidence = sorted(host.evidence + [told], key=lambda e: e.start)



CROWDS = {5, 6}  # rioters, protesters: no organised armed group


def by_sides(ev: Event) -> None:
    """A fight between a crowd and the police is a riot, not a battle: ACLED's battles are between organised
    armed groups."""
    if ev.event_type == "Battles" and {a.inter for a in (ev.actor1, ev.actor2) if a is not None} & CROWDS:
        ev.event_type, ev.sub_event_type = "Riots", "Violent demonstration"
