"""What happened: event detection and ACLED coding with evidence.

Each sentence is read as a whole: the trigger phrases it holds (data/events/lexicon.json, by lemma),
the cues around them (weapons, victims, protesters, disasters, crime; named armed groups from the actor
dictionary count as non-state even when their names say "Army" or "Forces") and the syntax of the trigger
(its subject and object, the verbs that govern it). Precedence rules turn the triggers of a sentence
into ACLED sub-event types, one event per sub-type and sentence; modality comes from the governing
verbs ("vowed to attack", "called for a march", "did not attack"). Merging mentions across sentences
and filling actors, places, dates and fatalities is the next facet's work (`facets.arguments`), which
reads these events and their syntax from this facet's `Readings`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ...lexicon.actors import ActorBook
from ...nlp.context import FacetInput
from ...record import Event, Evidence
from ..base import facet
from .lexicon import Match, drop_nested, load as load_lexicon, match
from .modality import of as modality_of

AIR_ACTS = ("attack", "explosion", "shelling", "ied", "property")  # what aircraft do in an air strike
GENERIC = {"attack", "explosion", "clash", "change", "property", "arrest"}
# a disaster, a crime or diplomacy explains these triggers better than political violence does
DISASTER_BLOCKS = GENERIC | {"chemical", "shelling", "ied", "regain", "seize", "disrupt", "seize_weapons"}
CRIME_BLOCKS = {"attack", "arrest", "explosion", "clash", "seize", "regain", "disrupt", "property", "abduct"}
ABSORBED_BY_PROTEST = {"arrest", "clash", "attack", "explosion", "property", "mob", "change", "hq", "disrupt",
                       "seize_weapons", "agreement", "shelling"}
ABSORBED_BY_TERRITORY = {"clash", "attack", "explosion", "change"}
ARMED_CONTEXT = ("weapon", "lethal", "harm", "state", "nonstate", "armed_target", "air_actor")
TAKE_VERBS = {"capture", "seize", "intercept"}
ENDS = {"end", "suspend", "lift", "conclude", "abandon", "halt"}
MOTION = {"head", "go", "travel", "return", "come", "drive", "walk", "fly", "leave", "proceed", "move"}
CARRIES = {"carry", "contain", "transport", "load", "pack", "stuff", "ferry", "smuggle", "hold"}
# what a protest is about is not what happened at it ("protests over the killing of a student")
TOPIC_PREPS = {"over", "against", "about", "following", "for"}
TOPIC_VERBS = {"demand", "denounce", "condemn", "protest", "mourn", "honour", "honor", "commemorate", "decry",
               "oppose", "call", "urge", "seek", "allege", "express", "mark"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
PROTEST_KINDS = ("riot", "protest", "gathering")  # "gathering": people who gather with a grievance
# a participle that describes a noun reports a state, not the act ("the jailed cleric", "looted livestock")
DESCRIBED_KINDS = {"arrest", "property", "attack", "abduct"}
# the cause of an act is not another act ("arrested over a speech at a rally"); not "for": "called for a march"
REASON_PREPS = {"over", "about"}
# an act before or after the one reported is its background ("arrested ahead of the anniversary of the uprising")
SEQUENCE_PREPS = {"after", "before", "ahead", "following", "since", "prior"}
AFTERMATH = {"attack", "explosion"}
NAMING_KINDS = {"shelling", "ied", "chemical", "grenade", "air", "protest", "attack"}
VIOLENT_KINDS = {"clash", "attack", "shelling", "air", "ied", "explosion", "grenade", "suicide", "chemical"}
PERSON_ENTS = {"PERSON", "NORP", "ORG"}
# sub-types that tell how a fight or an attack reported earlier was done: a detail of the lead, not an aside
REFINES = {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
           "Remote explosive/landmine/IED", "Grenade", "Government regains territory",
           "Non-state actor overtakes territory", "Sexual violence", "Abduction/forced disappearance"}
# how far a protest went: several sentences about one protest are coded by the furthest
SEVERITY = {"Peaceful protest": 0, "Protest with intervention": 1, "Violent demonstration": 2,
            "Excessive force against protesters": 2}
NVTT = "Non-violent transfer of territory"
TAKEOVERS = {"Government regains territory", "Non-state actor overtakes territory"}
FORCEFUL = {"overrun", "overran", "storm", "assault", "conquer", "wrest"}
NONSTATE_INTERS = {2, 3, 4}  # ACLED rebels, political and identity militias


@dataclass
class Sentence:
    """The matches of one sentence, grouped: kinds (trigger families) and cues (context words)."""

    kinds: dict[str, list[Match]] = field(default_factory=dict)
    cues: dict[str, list[Match]] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)  # every kind matched, before any was explained away

    def has(self, *cues: str) -> bool:
        return any(c in self.cues for c in cues)

    def best(self, *kinds: str) -> Match | None:
        """The strongest trigger of these kinds, the earliest among equals."""
        ms = [m for k in kinds for m in self.kinds.get(k, ())]
        return min(ms, key=lambda m: (-m.weight, m.start)) if ms else None


@dataclass
class Found:
    """One reading of a sentence: an ACLED sub-type, the trigger that says it, and how central it is."""

    sub: str
    trigger: Match
    kind: str
    prominence: float = 1.0
    fought: bool = False  # its sentence tells of fighting, even as background ("after a night-long battle")
    forced: bool = False  # its trigger says the place was taken by force ("overran", "stormed")


def _read(doc, sent, lex, book: ActorBook) -> tuple[Sentence, dict[int, str]]:
    """The sentence's matches and the modality of each trigger; attributed triggers are left out."""
    s, moods = Sentence(), {}
    for m in drop_nested(match(doc, sent.start, sent.end, lex)):
        if m.group == "kind":
            s.read.add(m.name)
            mood = modality_of(doc[m.start : m.end].root, lex)
            if mood is None:  # "claimed responsibility for the attack": the report of the act is elsewhere
                continue
            moods[m.start] = mood
        (s.kinds if m.group == "kind" else s.cues).setdefault(m.name, []).append(m)
    if s.kinds:
        _named_groups(doc, sent, s, book)
    for name in ("dispersal", "intervention"):
        _keep_in(s.cues, name, lambda m: not _left_by_itself(doc, m))
    # a participle that describes a noun is no act of the police ("an already charged situation")
    _keep_in(s.cues, "intervention", lambda m: _head(doc, m).dep_ != "amod")
    return s, moods


def _left_by_itself(doc, m: Match) -> bool:
    """A crowd that disperses or breaks up with nobody dispersing it ("the rally dispersed peacefully")."""
    head = _head(doc, m)
    if head.pos_ != "VERB" or head.lemma_.lower() not in ("disperse", "break"):
        return False
    return not any(c.dep_ in ("dobj", "nsubjpass", "agent", "auxpass") for c in head.children)


def _entities(doc, sent):
    """The named entities of one sentence, read off its tokens (`sent.ents` scans the whole document)."""
    for tok in sent:
        if tok.ent_iob_ == "B":
            end = tok.i + 1
            while end < sent.end and doc[end].ent_iob_ == "I":
                end += 1
            yield doc[tok.i : end]


def _group_phrases(doc, sent, s: Sentence):
    """Phrases that may name an armed group: the sentence's entities, and each state word with the words
    before it ("Kachin Independence Army", "Rapid Support Forces")."""
    yield from _entities(doc, sent)
    for m in s.cues.get("state", ()):
        left = min(doc[i].left_edge.i for i in range(m.start, m.end))
        yield doc[max(left, sent.start) : m.end]


def _rebel_name(span, rebel_words: set[int]) -> bool:
    """A proper name that says it fights the state ("Sudan People's Liberation Army-In Opposition")."""
    return any(t.i in rebel_words and t.pos_ == "PROPN" for t in span)


def _named_groups(doc, sent, s: Sentence, book: ActorBook) -> None:
    """A named non-state group is a non-state side even when its name holds a state word: its span becomes a
    `nonstate` cue and the state words inside it stop counting for the state."""
    rebel_words = _cue_tokens(s, "rebel_name")
    groups = []
    for span in _group_phrases(doc, sent, s):
        group = book.group(span.text)
        if group and group.get("inter") in NONSTATE_INTERS or _rebel_name(span, rebel_words):
            groups.append(span)
    if not groups:
        return
    inside = {i for span in groups for i in range(span.start, span.end)}
    for kind in list(s.kinds):  # "Liberation" in "Oromo Liberation Army" names the group
        _keep(s, kind, lambda m: not inside.issuperset(range(m.start, m.end)))
    _keep_in(s.cues, "state", lambda m: not inside.issuperset(range(m.start, m.end)))
    s.cues.setdefault("nonstate", []).extend(
        Match("cue", "nonstate", span.start, span.end, 1.0) for span in groups)


def _cue_tokens(s: Sentence, *cues: str) -> set[int]:
    """Token indices covered by these cues."""
    return {i for c in cues for m in s.cues.get(c, ()) for i in range(m.start, m.end)}


def _head(doc, m: Match):
    """The syntactic head of a matched phrase: the token its sentence hangs it on."""
    return doc[m.start : m.end].root


def _objects(tok):
    """The tokens a trigger acts on: direct/passive objects, 'X of/on/against Y', 'control of Y'."""
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "at", "in", "into", "from", "over", "near"):
            out += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in ("prt", "prep") and c.lower_ in ("out", "away", "off"):  # "drove them out of the town"
            out += _objects(c)
    if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN"):
        out.append(tok.head)
    return out


def _subject(tok):
    """The doer: nominal subject, or the agent of a passive ("was seized by rebels")."""
    for c in tok.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head.i != tok.i:
        return _subject(tok.head)
    return None


def _subtree_hits(tok, marks: set[int]) -> bool:
    return tok is not None and any(t.i in marks for t in tok.subtree)


def _place_like(tok, s: Sentence, skip: set[int] = frozenset()) -> bool:
    """A place: a place word or place entity in the phrase (but `skip`), or a proper name that is not a person's."""
    places = _cue_tokens(s, "place")
    if tok.pos_ == "PROPN" and tok.ent_type_ not in PERSON_ENTS:
        return True
    return any(t.i in places or t.ent_type_ in PLACE_ENTS for t in tok.subtree if t.i not in skip)


def _weapon_like(tok, s: Sentence) -> bool:
    """A weapon, or a thing made or full of them ("rocket launcher", "cache of ammunition")."""
    weapons = _cue_tokens(s, "weapon")
    if tok.i in weapons:
        return True
    near = [c for c in tok.children if c.dep_ in ("compound", "conj", "nmod")]
    near += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "containing", "with")
             for g in c.children]
    near += [g for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in CARRIES for g in c.children
             if g.dep_ in ("dobj", "prep")]  # "a boat carrying weapons", "a truck loaded with explosives"
    return any(t.i in weapons for n in near for t in n.subtree)


def _territory_ok(doc, m, s: Sentence) -> bool:
    """A place was taken. What is seized is the direct object ("seized four engineers on the road" took
    people); what is retaken may come with its former holders ("drove the rebels out of the town")."""
    head = _head(doc, m)
    multiword = m.end - m.start > 1
    if m.name == "seize" and not multiword:  # "seized the town", not "seized on a claim about Chicago"
        objs = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        objs = _objects(head) or ([head] if multiword else [])
    if any(_weapon_like(o, s) for o in objs):
        return False
    people = _cue_tokens(s, "civilian", "armed_target", "state", "nonstate") - _cue_tokens(s, "place")
    return any(_place_like(o, s, _clauses(o)) for o in objs if o.i not in people)


def _clauses(tok) -> set[int]:
    """The clauses that describe a noun: "engineers working in the Tillaberi region" are people, wherever
    they were."""
    return {t.i for c in tok.children if c.dep_ in ("acl", "relcl") for t in c.subtree}


def _takes_weapons(doc, m, s: Sentence) -> bool:
    """Its object is a weapon, or a pronoun for the weapon the sentence names ("intercepted it")."""
    head = _head(doc, m)
    # "found no explosives" found nothing
    objs = [o for o in _objects(head) if not any(c.dep_ == "det" and c.lower_ == "no" for c in o.children)]
    if _weapon_like(head, s) or any(_weapon_like(o, s) for o in objs):
        return True
    if s.has("weapon") and any(o.pos_ == "PRON" for o in objs):
        return True
    return not any(c.dep_ == "dobj" for c in head.children) and _weapon_hung_elsewhere(head, s)


def _weapon_hung_elsewhere(head, s: Sentence) -> bool:
    """A weapon after the trigger that the parse hung on another verb ("discovered a large amount of
    ammunition believed to be ..."); not its doer's, nor one in a reported clause ("found that chlorine was used")."""
    subj = _subject(head)
    doer = {t.i for t in subj.subtree} if subj is not None else set()
    reported = {t.i for c in head.children if c.dep_ == "ccomp" and any(g.dep_ == "mark" for g in c.children)
                for t in c.subtree}
    weapons = _cue_tokens(s, "weapon") - reported - doer
    return any(t.i in weapons and t.i > head.i for t in head.subtree)


def _arrest_ok(doc, m, s: Sentence) -> bool:
    """'capture' and 'seize' take people in an arrest, not a place or weapons."""
    if doc[m.start].lemma_.lower() not in TAKE_VERBS:
        return True
    people = _cue_tokens(s, "civilian", "armed_target", "state", "nonstate")
    objs = [o for o in _objects(_head(doc, m)) if not _place_like(o, s, _clauses(o)) and not _weapon_like(o, s)]
    return any(o.i in people or o.ent_type_ in ("PERSON", "NORP") or o.like_num
               or any(c.dep_ == "nummod" for c in o.children) for o in objs)


def _armed_party(doc, m, s: Sentence) -> bool:
    """Deployments and defections are done by or to armed forces: "troops were reinforced", not "comments"."""
    head = _head(doc, m)
    passive = [c for c in head.children if c.dep_ == "nsubjpass"]
    if passive:
        return any(_side(p, s) for p in passive)
    parties = [c for c in head.children if c.dep_ in ("dobj", "nsubj")]
    parties += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return not parties or any(_side(p, s) for p in parties)


def _antecedent(tok):
    """A pronoun stands for the subject of a clause above it ("the army said it had cleared the area")."""
    cur = tok
    while tok.pos_ == "PRON" and cur.head.i != cur.i:
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):  # "fighters announced that they ..."
            return cur.head
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        if subj is not None:
            return subj
    return tok


def _side(tok, s: Sentence) -> str | None:
    if tok is None:
        return None
    tok = _antecedent(tok)
    state, nonstate = _cue_tokens(s, "state"), _cue_tokens(s, "nonstate")
    clauses = {t.i for c in tok.children if c.dep_ in ("acl", "relcl") for t in c.subtree}  # not what they said
    sub = [t.i for t in tok.subtree if t.i not in clauses]
    n_state, n_non = sum(i in state for i in sub), sum(i in nonstate for i in sub)
    if n_state == n_non:
        return None
    return "state" if n_state > n_non else "nonstate"


def _territory(doc, s: Sentence, lex, moods) -> list[Found]:
    """Who took a place: the state (regains), a non-state group (overtakes), or nobody had to fight."""
    cands = [m for k in ("regain", "seize") for m in s.kinds.pop(k, ()) if _territory_ok(doc, m, s)]
    entries = s.kinds.pop("enter", ())
    if not cands:
        return _entry(doc, s, entries)
    m = min(cands, key=lambda x: x.start)
    # taken over under a deal, or from forces that left without a fight (not "withdrew under bombardment")
    peaceful = "transfer" in s.kinds or "agreement" in s.kinds or (s.has("transfer") and not VIOLENT_KINDS & s.read)
    if peaceful:
        return [Found("Non-violent transfer of territory", m, m.name)]
    if _posts_taken_in_fighting(doc, m, s):
        return [Found("Armed clash", m, "clash")]
    for name in ABSORBED_BY_TERRITORY:
        s.kinds.pop(name, None)
    side = _side(_subject(_head(doc, m)), s) or _taker_by_loser(doc, m, s)
    if side is None:
        n_state, n_non = len(s.cues.get("state", ())), len(s.cues.get("nonstate", ()))
        side = "state" if m.name == "regain" and n_state >= n_non else "nonstate" if n_non >= n_state else "state"
    sub = "Government regains territory" if side == "state" else "Non-state actor overtakes territory"
    return [Found(sub, m, m.name)]


def _posts_taken_in_fighting(doc, m, s: Sentence) -> bool:
    """Checkpoints or bases overrun in an attack are the prize of a battle, not territory ("attacked and
    overran several checkpoints, killing ten")."""
    if not ({"clash", "attack"} & s.kinds.keys() or s.has("lethal")):
        return False
    posts = _cue_tokens(s, "place") & _cue_tokens(s, "armed_target")
    objs = _objects(_head(doc, m))
    taken = [o for o in objs if o.dep_ in ("dobj", "nsubjpass")] or [o for o in objs if _place_like(o, s)]
    return bool(taken) and all(o.i in posts for o in taken)


def _taker_by_loser(doc, m, s: Sentence) -> str | None:
    """The other side from the one the place was taken from ("freed the village from the militants")."""
    head = _head(doc, m)  # "freed the village from X", or "the liberation of the district from X"
    losers = [g for t in [head, *_objects(head)] for c in t.children if c.dep_ == "prep" and c.lower_ == "from"
              for g in c.children]
    side = next(filter(None, (_side(g, s) for g in losers)), None)
    return {"state": "nonstate", "nonstate": "state"}.get(side)


def _entry(doc, s: Sentence, entries) -> list[Found]:
    """Forces that move into a place where nobody fights them take it over without violence."""
    if VIOLENT_KINDS & s.kinds.keys() or s.has("air_actor"):  # aircraft entering airspace take nothing
        return []
    for m in entries:
        head = _head(doc, m)
        if _side(_subject(head), s) and any(_place_like(o, s) for o in _objects(head)):
            return [Found("Non-violent transfer of territory", m, "enter")]
    return []


def _reason(tok) -> bool:
    """Under "over" or "about": the cause of another act ("arrested over his speech at a rally")."""
    return any(a.dep_ == "prep" and a.lower_ in REASON_PREPS for a in tok.ancestors)


def _on_the_way(tok) -> bool:
    """Where someone was going when something else happened to them ("detained as he was heading to a
    rally", "on his way to the protest"): the setting of the act, not a protest the sentence reports."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("to", "for", "towards", "toward"):
        return False
    motion = prep.head
    if prep.i > 0 and prep.doc[prep.i - 1].lower_ == "way":  # the parse may hang "to" on the main verb
        return True
    verb = motion.lemma_.lower()
    return verb == "way" or (verb in MOTION and motion.dep_ in ("advcl", "relcl", "acl"))


def _ended(tok) -> bool:
    """A protest that something ends or calls off ("a deal ending the 12-day blockade") is the background of
    that act, not the news."""
    verb = tok.head
    if tok.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
        return False
    called_off = verb.lemma_.lower() == "call" and any(c.lower_ == "off" for c in verb.children)
    return called_off or verb.lemma_.lower() in ENDS


def _protests(doc, s: Sentence, lex, moods) -> list[Found]:
    """A protest explains the arrests, clashes and fires around it, unless it is only expected."""
    for kind in PROTEST_KINDS:
        _keep(s, kind, lambda m: not _reason(_head(doc, m)) and not _on_the_way(_head(doc, m))
              and not _ended(_head(doc, m)))
    m = s.best(*PROTEST_KINDS) or _dispersed_crowd(s, lex)
    if m is None:
        return []
    protest = _protest(doc, s, m)
    if moods.get(protest.trigger.start) == "occurred":
        for name in ABSORBED_BY_PROTEST:
            s.kinds.pop(name, None)
    return [protest]


def _disrupted(doc, s: Sentence, lex, moods) -> list[Found]:
    """A defused bomb or seized rifles: the weapon named was not used."""
    if "disrupt" not in s.kinds and "seize_weapons" not in s.kinds:
        return []
    m = s.best("disrupt", "seize_weapons")
    for name in ("ied", "explosion", "shelling", "grenade", "air", "suicide", "attack"):
        s.kinds.pop(name, None)
    # "destroyed a bomb factory" destroyed weapons, not property
    taken = {w.start for w in s.kinds.get("seize_weapons", ())}
    _keep(s, "property", lambda p: p.start not in taken)
    return [Found("Disrupted weapons use", m, "disrupt")]


def _in_sequence(tok) -> bool:
    """Under "after", "before", "ahead of": an act placed in time by another, not the one reported."""
    return any(a.dep_ == "prep" and (a.head if a.lower_ in ("of", "to") else a).lower_ in SEQUENCE_PREPS
               for a in tok.ancestors)


def _dispersed_crowd(s: Sentence, lex) -> Match | None:
    """Tear gas or water cannon against a crowd is police intervention at a protest nobody named."""
    if not (s.has("dispersal") and s.has("demonstrators")) or s.has("crime"):
        return None
    if VIOLENT_KINDS & s.kinds.keys() - {"attack"}:
        return None
    return replace(s.cues["dispersal"][0], weight=lex.kinds["protest"]["weight"])


def _topic(doc, s: Sentence) -> set[int]:
    """Tokens that say what the protest is about, not what happened to it."""
    heads = [_head(doc, m) for k in PROTEST_KINDS for m in s.kinds.get(k, ())]
    spans = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS
             for g in c.subtree]
    sent = doc[heads[0].sent.start : heads[0].sent.end] if heads else []
    spans += [t for v in sent if v.pos_ == "VERB" and v.lemma_.lower() in TOPIC_VERBS for c in v.children
              if c.dep_ in ("dobj", "ccomp", "xcomp", "prep") for t in c.subtree]
    return {t.i for t in spans}


def _drop_topic_cues(doc, s: Sentence) -> None:
    topic = _topic(doc, s)
    for name in ("lethal", "harm", "intervention", "crowd_violence"):
        kept = [m for m in s.cues.get(name, ()) if m.start not in topic]
        if kept:
            s.cues[name] = kept
        else:
            s.cues.pop(name, None)


def _protest(doc, s: Sentence, m: Match) -> Found:
    _drop_topic_cues(doc, s)
    if s.has("disaster"):  # "students killed in a road accident": the protest is about the deaths
        s.cues.pop("lethal", None), s.cues.pop("harm", None)
    if "riot" in s.kinds:
        return Found("Violent demonstration", m, "riot")
    if s.has("peaceful") and s.has("lethal", "harm"):
        return Found("Excessive force against protesters", m, "protest")
    if s.has("crowd_violence"):
        return Found("Violent demonstration", m, "protest")
    if s.has("lethal"):
        return Found("Excessive force against protesters", m, "protest")
    policing = _cue_tokens(s, "intervention", "dispersal")
    if _cue_tokens(s, "harm") - policing and policing:  # a baton alone is policing
        return Found("Excessive force against protesters", m, "protest")
    if s.has("intervention", "harm"):
        return Found("Protest with intervention", m, "protest")
    return Found("Violent demonstration" if _blocks_roads(doc, s) else "Peaceful protest", m, "protest")


def _blocks_roads(doc, s: Sentence) -> bool:
    """Protesters who block roads or railways disrupt by force (ACLED: a violent demonstration)."""
    roads = _cue_tokens(s, "road")
    return any(_subtree_hits(o, roads) for m in s.cues.get("obstruct", ()) for o in _objects(_head(doc, m)))


def _victim_side(doc, s: Sentence) -> str | None:
    """Armed or civilian, from what the attack triggers act on."""
    armed, civ = _cue_tokens(s, "armed_target"), _cue_tokens(s, "civilian")
    for m in s.kinds.get("attack", ()):
        head = _head(doc, m)
        for o in _objects(head):
            if _subtree_hits(o, armed):
                return "armed"
            if _subtree_hits(o, civ):
                return "civilian"
    subj = {t.i for m in s.kinds.get("attack", ()) for t in (_subject(_head(doc, m)) or doc[0:0]).subtree} \
        if s.kinds.get("attack") else set()
    armed_rest, civ_rest = armed - subj, civ - subj
    if armed_rest:
        return "armed"
    if civ_rest:
        return "civilian"
    if any(_unarmed_person(o) for m in s.kinds.get("attack", ()) for o in _objects(_head(doc, m))):
        return "civilian"
    return None


def _unarmed_person(tok) -> bool:
    """Someone acted on who is named by no armed word ("beat a street hawker"): a civilian, as ACLED assumes."""
    if tok.dep_ not in ("dobj", "nsubjpass"):
        return False
    return tok.ent_type_ == "PERSON" or (tok.tag_ == "NN" and not tok.ent_type_)


def _linked(doc, a: Match, b: Match) -> bool:
    """One trigger lies in the phrase of the other."""
    ha, hb = _head(doc, a), _head(doc, b)
    return ha.is_ancestor(hb) or hb.is_ancestor(ha)


def _aircraft_act(doc, s: Sentence) -> bool:
    """Aircraft that strike, not aircraft struck ("shot down a helicopter", "damaged planes")."""
    targets = {t.i for k in AIR_ACTS for m in s.kinds.get(k, ()) for o in _objects(_head(doc, m)) for t in o.subtree}
    return bool(_cue_tokens(s, "air_actor") - targets)


def _background(tok) -> bool:
    """Inside a relative or noun clause: a description ("the town that was the scene of an attack")."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl"):
            return True
        cur = cur.head
    return False


def _reweigh(m: Match, lex, kind: str) -> Match:
    """A generic trigger read as a specific kind ("warplanes bombed") carries that kind's weight."""
    return replace(m, weight=lex.kinds[kind]["weight"])


def _weapons(doc, s: Sentence, lex, moods) -> list[Found]:
    """The weapon decides the sub-type, from the most to the least specific; it explains the killing."""
    k = s.kinds
    out = _remote(doc, s, lex)
    if out:  # what a strike kills or destroys is part of the strike
        k.pop("attack", None), k.pop("clash", None), k.pop("property", None)
    return out


def _remote(doc, s: Sentence, lex) -> list[Found]:
    k = s.kinds
    if "chemical" in k:
        chem = s.best("chemical")
        k.pop("chemical")
        background = _background(_head(doc, chem))
        for name in ("air", "shelling", "ied", "explosion", "grenade"):  # "barrel bombs loaded with chlorine"
            if not background or any(_linked(doc, chem, m) for m in k.get(name, ())):
                k.pop(name, None)
        k.pop("attack", None), k.pop("clash", None)
        return [Found("Chemical weapon", chem, "chemical")] + _remote(doc, s, lex)
    if "suicide" in k:
        return [Found("Suicide bomb", s.best("suicide"), "suicide")]
    out = []
    air_actor = s.has("air_actor")
    if "air" in k:
        out.append(Found("Air/drone strike", s.best("air"), "air"))
    elif air_actor and any(x in k for x in AIR_ACTS) and _aircraft_act(doc, s):
        out.append(Found("Air/drone strike", _reweigh(s.best(*AIR_ACTS), lex, "air"), "air"))
    if "grenade" in k:
        out.append(Found("Grenade", s.best("grenade"), "grenade"))
    if "ied" in k and not (air_actor and out):
        out.append(Found("Remote explosive/landmine/IED", s.best("ied"), "ied"))
    if "shelling" in k and not air_actor:
        out.append(Found("Shelling/artillery/missile attack", s.best("shelling"), "shelling"))
    if not out and "explosion" in k and not _amid_battle(doc, s):
        out.append(Found("Remote explosive/landmine/IED", s.best("explosion"), "explosion"))
    return out


def _state_attacks(doc, s: Sentence) -> bool:
    """State forces do the harm ("a police officer beat a suspect to death"): violence, whatever the crime."""
    return any(_side(_subject(_head(doc, m)), s) == "state" for m in s.kinds.get("attack", ()))


def _amid_battle(doc, s: Sentence) -> bool:
    """Explosions heard in a battle are the battle, unless the battle is only their setting."""
    return any(not _head(doc, e).is_ancestor(_head(doc, c)) for e in s.kinds["explosion"]
               for c in s.kinds.get("clash", ()))


def _usable(doc, s: Sentence, lex, moods: dict[int, str]) -> None:
    """Drop kinds whose sentence lacks what they need, and generic ones that a disaster or crime explains."""
    if not s.has(*ARMED_CONTEXT):  # "Trump attacked Machado in tweets", "a trade deal", "a legal battle"
        for name in list(s.kinds):
            _keep(s, name, lambda m: not m.contextual)
    for name in list(s.kinds):
        needs = lex.kinds[name].get("needs")
        if needs and not s.has(*needs):
            del s.kinds[name]
    if s.has("diplomacy"):  # sanctions, expelled diplomats, missile tests: not ACLED events
        rebels = _cue_tokens(s, "nonstate")
        deals = [m for m in s.kinds.get("agreement", ()) if _subtree_hits(_subject(_head(doc, m)), rebels)]
        s.kinds.clear()
        if not deals:  # but a deal that rebels sign is not diplomacy between states
            return
        s.kinds["agreement"] = deals
    for name in _explained(doc, s):
        s.kinds.pop(name, None)
    _drop_misread(doc, s, lex, moods)


def _explained(doc, s: Sentence) -> set[str]:
    """The kinds a disaster or a crime explains better than political violence does."""
    if s.has("disaster"):
        return DISASTER_BLOCKS
    # an armed group's violence is political even when it robs or smuggles, but "gunmen of a cartel" name no
    # group of their own; a mob punishing a thief is mob violence
    named = _cue_tokens(s, "nonstate") - _cue_tokens(s, "anonymous")
    if not s.has("crime") or named or _crowd_act(doc, s) is not None:
        return set()
    if s.has("lethal", "harm") and _state_attacks(doc, s):
        return CRIME_BLOCKS - {"attack"}
    return CRIME_BLOCKS


def _drop_misread(doc, s: Sentence, lex, moods: dict[int, str]) -> None:
    """Drop triggers whose syntax shows they do not report the act their word names."""
    # "troops marched into the town" is no demonstration
    for name in ("protest", "gathering"):
        _keep(s, name, lambda m: _side(_subject(_head(doc, m)), s) is None)
    _keep(s, "seize_weapons", lambda m: _takes_weapons(doc, m, s))
    _keep(s, "arrest", lambda m: _arrest_ok(doc, m, s))
    _keep(s, "change", lambda m: _armed_party(doc, m, s))
    _keep(s, "transfer", lambda m: _hands_over_a_place(doc, m, s))
    for name in DESCRIBED_KINDS:
        _keep(s, name, lambda m: _head(doc, m).dep_ != "amod")
    _drop_sequence(doc, s, moods)
    _drop_doers(doc, s)
    _drop_idle_police(s)
    for name in NAMING_KINDS:  # "a missile base", "chemical weapons facilities", "uprising forces"
        _keep(s, name, lambda m: not _names_a_thing(doc, m, s, lex))


def _drop_idle_police(s: Sentence) -> None:
    """Riot police tell of a protest only when they do something to it ("riot police stood by" did not)."""
    units = {m.start for m in s.cues.get("intervention", ())} & {m.start for m in s.kinds.get("protest", ())}
    acts = [m for c in ("intervention", "dispersal", "harm") for m in s.cues.get(c, ()) if m.start not in units]
    if units and not acts:
        _keep(s, "protest", lambda m: m.start not in units)


def _drop_doers(doc, s: Sentence) -> None:
    """Armed men named as the doers or the victims of another trigger take part in that act ("gunmen seized
    three engineers", "villagers beat two kidnappers to death"); they are no attack or abduction of their own."""
    heads = {_head(doc, m).i for ms in s.kinds.values() for m in ms}
    armed = _cue_tokens(s, "nonstate")
    for name in list(s.kinds):
        _keep(s, name, lambda m: not (m.start in armed and _head(doc, m).dep_ in ("nsubj", "dobj")
                                      and _head(doc, m).head.i in heads))


def _hands_over_a_place(doc, m, s: Sentence) -> bool:
    """What is handed over is a place ("handed over the town"), not weapons or prisoners."""
    head = _head(doc, m)
    objs = [o for o in _objects(head) if o.dep_ == "dobj"]
    return head.pos_ != "VERB" or not objs or any(_place_like(o, s) for o in objs)


def _names_a_thing(doc, m, s: Sentence, lex) -> bool:
    """A trigger that only modifies the name of a facility or of a force describes it; nothing happened."""
    last = doc[m.end - 1]
    if last.dep_ not in ("compound", "amod", "nmod") or last.head.i < m.end:
        return False
    head = last.head
    named = _cue_tokens(s, "state", "nonstate", "air_actor")  # "uprising forces", "attack helicopters"
    return head.lemma_.lower() in lex.facilities or head.i in named


def _drop_sequence(doc, s: Sentence, moods: dict[int, str]) -> None:
    """Triggers placed "after" or "ahead of" another act are its background, when the sentence reports one."""
    earlier = {m.start for ms in s.kinds.values() for m in ms if _in_sequence(_head(doc, m))}
    # "children were hurt after a chemical attack": a bare killing or wounding is the aftermath, not the news
    if earlier and any(m.start not in earlier and moods.get(m.start) == "occurred"
                       for k, ms in s.kinds.items() if k not in AFTERMATH for m in ms):
        for name in list(s.kinds):
            _keep(s, name, lambda m: m.start not in earlier)


def _keep(s: Sentence, kind: str, ok) -> None:
    """Keep the triggers of a kind that pass `ok`; drop the kind when none does."""
    _keep_in(s.kinds, kind, ok)


def _keep_in(table: dict[str, list[Match]], name: str, ok) -> None:
    kept = [m for m in table.get(name, ()) if ok(m)]
    if kept:
        table[name] = kept
    else:
        table.pop(name, None)


def _against_people(doc, s: Sentence, lex, moods) -> list[Found]:
    """Rape, abduction and mob violence name what was done to people more precisely than 'attack'."""
    k, out = s.kinds, []
    if "sexual" in k:
        out.append(Found("Sexual violence", s.best("sexual"), "sexual"))
        k.pop("attack", None), k.pop("abduct", None), k.pop("arrest", None)
    if "abduct" in k:
        out.append(Found("Abduction/forced disappearance", s.best("abduct"), "abduct"))
        k.pop("attack", None)
    if "mob" in k:
        out.append(Found("Mob violence", s.best("mob"), "mob"))
        k.pop("attack", None), k.pop("property", None), k.pop("clash", None)
    return out


def _fighting(doc, s: Sentence, lex, moods) -> list[Found]:
    """Withdrawals, destruction, and fighting: a clash, or an attack when the victims are unarmed."""
    k, out = s.kinds, []
    # leaving is a change of posture; taking over what was left is the transfer
    if "withdraw" in k and "transfer" not in k:
        out.append(Found("Change to group/activity", s.best("withdraw"), "withdraw"))
    crowd = _crowd_act(doc, s)
    if crowd:  # the arrests that follow a lynching are its aftermath ("six were detained for the assault")
        k.pop("arrest", None)
        return out + [crowd]
    if "property" in k:
        out.append(Found("Looting/property destruction", s.best("property"), "property"))
        k.pop("attack", None)
    if "clash" in k and s.has("demonstrators") and s.has("crowd_violence") and not s.has("nonstate"):
        out.append(Found("Violent demonstration", s.best("clash"), "clash"))  # "supporters clashed with police"
    elif "clash" in k:
        out.append(Found("Armed clash", s.best("clash"), "clash"))
    elif "attack" in k:
        sub = "Attack" if _victim_side(doc, s) == "civilian" else "Armed clash"
        out.append(Found(sub, s.best("attack"), "attack"))
    return out


def _doer(tok):
    """The subject of this verb or of the verb it is coordinated with, not of a clause above it."""
    while tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        tok = tok.head
    return next((c for c in tok.children if c.dep_ == "nsubj"), None)


def _crowd_act(doc, s: Sentence) -> Found | None:
    """A crowd with no armed group in it: attacking people is mob violence, wrecking things a riot."""
    crowd = _cue_tokens(s, "crowd", "demonstrators")
    # a crowd that also throws stones is rioting; one that only burns may be looters or a misparse
    rioters = crowd if s.has("thrown") else _cue_tokens(s, "demonstrators")
    for kind, sub, who in (("attack", "Mob violence", crowd), ("clash", "Mob violence", crowd),
                           ("property", "Violent demonstration", rioters)):
        for m in s.kinds.get(kind, ()):
            subj = _doer(_head(doc, m))
            if subj is None or _side(subj, s) or _subtree_hits(subj, _cue_tokens(s, "nonstate", "state")):
                continue
            if _subtree_hits(subj, who):
                return Found("Violent demonstration" if _fights_police(doc, m, s) else sub, m, kind)
    return None


def _fights_police(doc, m: Match, s: Sentence) -> bool:
    """A crowd that clashes with the police or the army is rioting against the state, not a mob."""
    if m.name != "clash":
        return False
    state = _cue_tokens(s, "state")
    return any(_subtree_hits(c, state) for c in _head(doc, m).children if c.dep_ in ("prep", "dobj"))


def _strategic(doc, s: Sentence, lex, moods) -> list[Found]:
    """Arrests (abductions when rebels take people), transfers, agreements, bases, changes of posture."""
    k, out = s.kinds, []
    if "arrest" in k:
        m = s.best("arrest")
        side = _side(_subject(_head(doc, m)), s)
        out.append(Found("Abduction/forced disappearance" if side == "nonstate" else "Arrests", m, "arrest"))
    for name, sub in (("transfer", "Non-violent transfer of territory"),
                      ("agreement", "Agreement"), ("hq", "Headquarters or base established"),
                      ("change", "Change to group/activity")):
        if name in k:
            out.append(Found(sub, s.best(name), name))
    return out


# in order of precedence: each reading removes the trigger kinds it explains before the next one looks
READINGS = (_protests, _disrupted, _territory, _weapons, _against_people, _fighting, _strategic)


def resolve(doc, s: Sentence, lex, moods: dict[int, str]) -> list[Found]:
    """ACLED sub-types of one sentence, one event per sub-type: the most specific reading of a trigger wins."""
    _usable(doc, s, lex, moods)
    out: list[Found] = []
    for read in READINGS:
        out += read(doc, s, lex, moods)
    seen, unique = set(), []
    for f in out:
        if f.sub not in seen:
            seen.add(f.sub)
            unique.append(f)
    return unique


def prominence(tok) -> float:
    """1 for the main clause, less for each step down: the main verb says what the sentence reports."""
    depth, cur = 0, tok
    while cur.head.i != cur.i and depth < 8:
        if cur.dep_ not in ("conj", "compound", "amod", "prt"):
            depth += 1
        cur = cur.head
    return max(0.6, 1.0 - 0.07 * max(0, depth - 1))


def _event(doc, f: Found, sent, n: int, weight: float, mod: str, lex) -> Event:
    """`weight`: how specific the trigger is, how central in its sentence, how early in the text."""
    spec = lex.types[f.sub]
    trig = doc[f.trigger.start : f.trigger.end]
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    plover = spec["plover"]
    weight *= 1.0 if mod == "occurred" else 0.6
    return Event(
        id=f"ev{n}",
        event_type=spec["event_type"],
        sub_event_type=f.sub,
        modality=mod,
        evidence=[Evidence(start, start + len(text), text)],
        confidence=round(min(0.99, weight), 3),
        plover={"type": plover[0], "mode": plover[1]} if plover else None,
        cameo=spec["cameo"],
        trigger=Evidence(trig.start_char, trig.end_char, trig.text),
    )


def _syntax(doc, f: Found, sent) -> dict:
    head = _head(doc, f.trigger)
    subj = _subject(head)
    return {
        "kind": f.kind,
        "trigger_token": head.i,
        "sentence_tokens": [sent.start, sent.end],
        "subject_token": subj.i if subj is not None else None,
        "object_tokens": [o.i for o in _objects(head)],
    }


def sentence_events(doc, sent, lex, book: ActorBook) -> tuple[list[Found], dict[int, str], bool]:
    """The rules' readings of one sentence, the modality of each trigger, and whether it tells of a disaster."""
    s, moods = _read(doc, sent, lex, book)
    if not s.kinds and not s.has("dispersal"):
        return [], moods, s.has("disaster")
    found = resolve(doc, s, lex, moods)
    fought = bool(VIOLENT_KINDS & s.read)
    for f in found:
        f.prominence = prominence(_head(doc, f.trigger))
        f.fought = fought
        f.forced = _head(doc, f.trigger).lemma_.lower() in FORCEFUL
    return found, moods, s.has("disaster")


def _peaceful_takeovers(readings):
    """A place taken in one sentence and left by its holders in another ("the militants took the town.
    They moved in after the troops withdrew") changed hands without a fight, unless the snippet tells of one."""
    if any(f.fought for _, _, f, _ in readings):
        return readings
    taken = {idx for idx, _, f, _ in readings if f.sub in TAKEOVERS}  # whose sentence judged it taken by force
    # forces that moved in elsewhere ("troops deploy along the highway") tell of no one leaving
    left = {idx for idx, _, f, _ in readings if (f.sub == NVTT and f.kind != "enter") or f.kind == "withdraw"}
    left -= taken
    return [(idx, sent, replace(f, sub=NVTT) if f.sub in TAKEOVERS and left - {idx} and not f.forced else f, moods)
            for idx, sent, f, moods in readings]


def _escalate(readings, weights: list[float]) -> list[float]:
    """Mentions of a protest in several sentences tell of one protest, coded by the worst that happened at
    it ("Thousands marched through Orvik. Some of them later clashed with police"): that reading ranks first."""
    told = [i for i, (_, _, f, moods) in enumerate(readings)
            if f.sub in SEVERITY and moods.get(f.trigger.start, "occurred") == "occurred"]
    if len({readings[i][0] for i in told}) < 2:
        return weights
    worst = max(told, key=lambda i: (SEVERITY[readings[i][2].sub], weights[i]))
    out = list(weights)
    out[worst] = max(weights[i] for i in told) + 0.01
    return out


def _lead_index(readings) -> int | None:
    """The first sentence that reports something that happened: the news the snippet is about."""
    return next((idx for idx, _, f, moods in readings if moods.get(f.trigger.start, "occurred") == "occurred"), None)


def _refines(sub: str, told: set[str]) -> bool:
    """A sub-type that tells how the lead's act was done: its weapon, its prize, or how a protest went."""
    return sub in REFINES or (sub in SEVERITY and bool(told & SEVERITY.keys()))


def _position(idx: int, lead: int | None, detail: bool) -> float:
    """The lead reports the news; a later sentence tells its details ("the attackers used grenades") or its
    aftermath and background ("houses were also burned", "rifles were recovered"), which rank lower."""
    decay = 0.12 if lead is None or idx <= lead or detail else 0.2
    return max(0.4, 1.0 - decay * idx)


@dataclass(frozen=True)
class Readings:
    """The events each sentence reports, before their arguments are filled and their mentions merged,
    with each event's syntax (trigger, subject and object tokens) by event id."""

    events: list[Event]
    syntax: dict[str, dict[str, Any]]


@facet("events", assigns="readings")
def FACET(inp: FacetInput) -> Readings:
    """ACLED-coded events per sentence, with modality, evidence and confidence."""
    doc = inp.doc
    lex = load_lexicon()
    per_sentence = [(idx, sent, *sentence_events(doc, sent, lex, inp.actors)) for idx, sent in enumerate(doc.sents)]
    # a bare blast in a snippet about a fire or a gas leak is that accident ("the blasts killed 50 workers")
    disaster = any(d for *_, d in per_sentence)
    readings = [(idx, sent, f, moods) for idx, sent, found, moods, _ in per_sentence for f in found
                if not (disaster and f.kind == "explosion")]
    readings = _peaceful_takeovers(readings)
    if any(f.sub == NVTT for _, _, f, _ in readings):
        # the withdrawal that let others take over is that transfer, told in another sentence
        readings = [r for r in readings if r[2].kind != "withdraw"]
    events: list[Event] = []
    syntax: dict[str, dict] = {}
    lead = _lead_index(readings)
    told = {f.sub for idx, _, f, _ in readings if idx == lead}
    weights = _escalate(readings, [f.trigger.weight * f.prominence * _position(idx, lead, _refines(f.sub, told))
                                   for idx, _, f, _ in readings])
    for (idx, sent, f, moods), weight in zip(readings, weights):
        mood = moods.get(f.trigger.start) or modality_of(_head(doc, f.trigger), lex) or "occurred"  # cue-led
        ev = _event(doc, f, sent, len(events) + 1, weight, mood, lex)
        events.append(ev)
        syntax[ev.id] = _syntax(doc, f, sent)
    return Readings(events, syntax)
