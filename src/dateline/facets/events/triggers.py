"""Which triggers of a sentence report the act their word names, before the precedence rules read them:
words that need armed context or a cue, kinds that a disaster, a crime or diplomacy explains better, and
triggers whose syntax shows a misreading (a description, a background act, the doers of another act).
"""
from __future__ import annotations

from .lexicon import PhraseMatch
from .readings import Reading, Sentence, cue_tokens, keep, place_like, side_of, weapon_like
from .syntax import describing_clauses, doer_of, objects_of, phrase_head, subject_of, subtree_hits

GENERIC = {"attack", "explosion", "clash", "change", "property", "arrest"}
# a disaster, a crime or diplomacy explains these triggers better than political violence does
DISASTER_BLOCKS = GENERIC | {"chemical", "shelling", "ied", "regain", "seize", "disrupt", "seize_weapons"}
CRIME_BLOCKS = {"attack", "arrest", "explosion", "clash", "seize", "regain", "disrupt", "property", "abduct"}
ARMED_CONTEXT = ("weapon", "lethal", "harm", "state", "nonstate", "armed_target", "air_actor")
TAKE_VERBS = {"capture", "seize", "intercept"}
PLACES_OF_DETENTION = {"jail", "prison"}  # nouns: where someone is held, not the act of taking them
# a participle that describes a noun reports a state, not the act ("the jailed cleric", "looted livestock")
DESCRIBED_KINDS = {"arrest", "property", "attack", "abduct"}
# an act before or after the one reported is its background ("arrested ahead of the anniversary of the uprising")
SEQUENCE_PREPS = {"after", "before", "ahead", "following", "since", "prior"}
AFTERMATH = {"attack", "explosion"}
NAMING_KINDS = {"shelling", "ied", "chemical", "grenade", "air", "protest", "attack", "arrest"}


def usable(doc, s: Sentence, lex, moods: dict[int, str]) -> None:
    """Drop kinds whose sentence lacks what they need, and generic ones that a disaster or crime explains."""
    if not s.has(*ARMED_CONTEXT):  # "Trump attacked Machado in tweets", "a trade deal", "a legal battle"
        for name in list(s.kinds):
            keep(s, name, lambda m: not m.contextual)
    for name in list(s.kinds):
        needs = lex.kinds[name].get("needs")
        if needs and not s.has(*needs):
            del s.kinds[name]
    if s.has("diplomacy"):  # sanctions, expelled diplomats, missile tests: not ACLED events
        rebels = cue_tokens(s, "nonstate")
        deals = [m for m in s.kinds.get("agreement", ()) if subtree_hits(subject_of(phrase_head(doc, m)), rebels)]
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
    named = cue_tokens(s, "nonstate") - cue_tokens(s, "anonymous")
    if not s.has("crime") or named or crowd_act(doc, s) is not None:
        return set()
    if _state_fights(doc, s):
        return CRIME_BLOCKS - {"attack", "clash"}
    if s.has("lethal", "harm") and _state_attacks(doc, s):
        return CRIME_BLOCKS - {"attack"}
    return CRIME_BLOCKS


def _state_attacks(doc, s: Sentence) -> bool:
    """State forces do the harm ("a police officer beat a suspect to death", "killed in a police raid"):
    violence, whatever the crime."""
    state = cue_tokens(s, "state")
    for m in s.kinds.get("attack", ()):
        head = phrase_head(doc, m)
        if side_of(subject_of(head), s) == "state" or any(c.i in state for c in head.children
                                                           if c.dep_ in ("compound", "amod")):
            return True
    return False


def _state_fights(doc, s: Sentence) -> bool:
    """A gang that fights the police or the army ("exchanged fire with police") fights the state."""
    state = cue_tokens(s, "state")
    for m in s.kinds.get("clash", ()):
        head = phrase_head(doc, m)
        parties = [subject_of(head)] + [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("with", "against")
                                        for g in c.children]
        if any(subtree_hits(p, state) for p in parties):
            return True
    return False


def crowd_act(doc, s: Sentence) -> Reading | None:
    """A crowd with no armed group in it: attacking people is mob violence, wrecking things a riot."""
    crowd = cue_tokens(s, "crowd", "demonstrators")
    # a crowd that also throws stones is rioting; one that only burns may be looters or a misparse
    rioters = crowd if s.has("thrown") else cue_tokens(s, "demonstrators")
    for kind, sub, who in (("attack", "Mob violence", crowd), ("clash", "Mob violence", crowd),
                           ("property", "Violent demonstration", rioters)):
        for m in s.kinds.get(kind, ()):
            subj = doer_of(phrase_head(doc, m))
            if subj is None or side_of(subj, s) or subtree_hits(subj, cue_tokens(s, "nonstate", "state")):
                continue
            if subtree_hits(subj, who):
                return Reading("Violent demonstration" if _fights_police(doc, m, s) else sub, m, kind)
    return None


def _fights_police(doc, m: PhraseMatch, s: Sentence) -> bool:
    """A crowd that clashes with the police or the army is rioting against the state, not a mob."""
    if m.name != "clash":
        return False
    state = cue_tokens(s, "state")
    return any(subtree_hits(c, state) for c in phrase_head(doc, m).children if c.dep_ in ("prep", "dobj"))


def _drop_misread(doc, s: Sentence, lex, moods: dict[int, str]) -> None:
    """Drop triggers whose syntax shows they do not report the act their word names."""
    # "troops marched into the town" is no demonstration
    for name in ("protest", "gathering"):
        keep(s, name, lambda m: side_of(subject_of(phrase_head(doc, m)), s) is None)
    keep(s, "seize_weapons", lambda m: _takes_weapons(doc, m, s))
    keep(s, "attack", lambda m: _aimed(phrase_head(doc, m), s))
    keep(s, "arrest", lambda m: _arrest_ok(doc, m, s))
    keep(s, "change", lambda m: _armed_party(doc, m, s))
    keep(s, "transfer", lambda m: _hands_over_a_place(doc, m, s))
    for name in DESCRIBED_KINDS:
        keep(s, name, lambda m: phrase_head(doc, m).dep_ != "amod")
    _drop_sequence(doc, s, moods)
    _drop_doers(doc, s)
    _drop_idle_police(s)
    for name in NAMING_KINDS:  # "a missile base", "chemical weapons facilities", "uprising forces"
        keep(s, name, lambda m: not _names_a_thing(doc, m, s, lex))


def _aimed(head, s: Sentence) -> bool:
    """A firing verb reports an attack when it is aimed ("fired mortars at the base", "fired on the convoy"),
    not "succumbed to the police firing", "the gun fired" nor "fired tear gas" (dispersal, not an attack)."""
    if head.lemma_.lower() != "fire" or head.pos_ != "VERB":
        return True
    if head.tag_ == "VBG" and head.dep_ in ("pobj", "pcomp") and head.head.lower_ in ("in", "during"):
        return True  # "killed in police firing": the firing is the means of the deaths
    dispersal = cue_tokens(s, "dispersal")
    if any(c.dep_ == "dobj" and subtree_hits(c, dispersal) for c in head.children):
        return False
    return any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in ("at", "on", "into", "upon", "towards"))
               for c in head.children)


def _takes_weapons(doc, m, s: Sentence) -> bool:
    """Its object is a weapon, or a pronoun for the weapon the sentence names ("intercepted it")."""
    head = phrase_head(doc, m)
    # "found no explosives" found nothing
    objs = [o for o in objects_of(head) if not any(c.dep_ == "det" and c.lower_ == "no" for c in o.children)]
    if weapon_like(head, s) or any(weapon_like(o, s) for o in objs):
        return True
    if s.has("weapon") and any(o.pos_ == "PRON" for o in objs):
        return True
    return not any(c.dep_ == "dobj" for c in head.children) and _weapon_hung_elsewhere(head, s)


def _weapon_hung_elsewhere(head, s: Sentence) -> bool:
    """A weapon after the trigger that the parse hung on another verb ("discovered a large amount of
    ammunition believed to be ..."); not its doer's, nor one in a reported clause ("found that chlorine was used")."""
    subj = subject_of(head)
    doer = {t.i for t in subj.subtree} if subj is not None else set()
    reported = {t.i for c in head.children if c.dep_ == "ccomp" and any(g.dep_ == "mark" for g in c.children)
                for t in c.subtree}
    weapons = cue_tokens(s, "weapon") - reported - doer
    return any(t.i in weapons and t.i > head.i for t in head.subtree)


def _arrest_ok(doc, m, s: Sentence) -> bool:
    """'capture' and 'seize' take people in an arrest, not a place or weapons; a jail named as a place is
    no arrest ("political prisoners are in jail", "faces 20 years in jail", "his jail cell")."""
    if m.end - m.start == 1 and doc[m.start].lemma_.lower() in PLACES_OF_DETENTION and doc[m.start].pos_ == "NOUN":
        return False
    if doc[m.start].lemma_.lower() not in TAKE_VERBS:
        return True
    people = cue_tokens(s, "civilian", "armed_target", "state", "nonstate")
    objs = [o for o in objects_of(phrase_head(doc, m))
            if not place_like(o, s, describing_clauses(o)) and not weapon_like(o, s)]
    return any(o.i in people or o.ent_type_ in ("PERSON", "NORP") or o.like_num
               or any(c.dep_ == "nummod" for c in o.children) for o in objs)


def _armed_party(doc, m, s: Sentence) -> bool:
    """Deployments and defections are done by or to armed forces: "troops were reinforced", not "comments"."""
    head = phrase_head(doc, m)
    passive = [c for c in head.children if c.dep_ == "nsubjpass"]
    if passive:
        return any(side_of(p, s) for p in passive)
    parties = [c for c in head.children if c.dep_ in ("dobj", "nsubj")]
    parties += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return not parties or any(side_of(p, s) for p in parties)


def _hands_over_a_place(doc, m, s: Sentence) -> bool:
    """What is handed over is a place ("handed over the town"), not weapons or prisoners."""
    head = phrase_head(doc, m)
    objs = [o for o in objects_of(head) if o.dep_ == "dobj"]
    return head.pos_ != "VERB" or not objs or any(place_like(o, s) for o in objs)


def _names_a_thing(doc, m, s: Sentence, lex) -> bool:
    """A trigger that only modifies the name of a facility or of a force describes it; nothing happened."""
    last = doc[m.end - 1]
    if last.dep_ not in ("compound", "amod", "nmod") or last.head.i < m.end:
        return False
    head = last.head
    named = cue_tokens(s, "state", "nonstate", "air_actor")  # "uprising forces", "attack helicopters"
    return head.lemma_.lower() in lex.facilities or head.i in named


def _drop_sequence(doc, s: Sentence, moods: dict[int, str]) -> None:
    """Triggers placed "after" or "ahead of" another act are its background, when the sentence reports one."""
    earlier = {m.start for ms in s.kinds.values() for m in ms if _in_sequence(phrase_head(doc, m))}
    # "children were hurt after a chemical attack": a bare killing or wounding is the aftermath, not the news
    if earlier and any(m.start not in earlier and moods.get(m.start) == "occurred"
                       for k, ms in s.kinds.items() if k not in AFTERMATH for m in ms):
        for name in list(s.kinds):
            keep(s, name, lambda m: m.start not in earlier)


def _in_sequence(tok) -> bool:
    """Under "after", "before", "ahead of": an act placed in time by another, not the one reported."""
    return any(a.dep_ == "prep" and (a.head if a.lower_ in ("of", "to") else a).lower_ in SEQUENCE_PREPS
               for a in tok.ancestors)


def _drop_idle_police(s: Sentence) -> None:
    """Riot police tell of a protest only when they do something to it ("riot police stood by" did not)."""
    units = {m.start for m in s.cues.get("intervention", ())} & {m.start for m in s.kinds.get("protest", ())}
    acts = [m for c in ("intervention", "dispersal", "harm") for m in s.cues.get(c, ()) if m.start not in units]
    if units and not acts:
        keep(s, "protest", lambda m: m.start not in units)


def _drop_doers(doc, s: Sentence) -> None:
    """Armed men named as the doers or the victims of another trigger take part in that act ("gunmen seized
    three engineers", "villagers beat two kidnappers to death"); they are no attack or abduction of their own."""
    heads = {phrase_head(doc, m).i for ms in s.kinds.values() for m in ms}
    armed = cue_tokens(s, "nonstate")
    for name in list(s.kinds):
        keep(s, name, lambda m: not (m.start in armed and phrase_head(doc, m).dep_ in ("nsubj", "dobj")
                                      and phrase_head(doc, m).head.i in heads))
