"""The rules that turn a sentence's triggers into ACLED sub-event types, in order of precedence: each rule
removes the trigger kinds it explains before the next one looks. Protests first, then disrupted weapons,
territory, the weapon used, violence against people, fighting, and strategic developments. Across
sentences, a place taken where its holders left elsewhere changed hands without a fight.
"""
from __future__ import annotations

from dataclasses import replace

from .lexicon import PhraseMatch
from .readings import Reading, Sentence, cue_tokens, keep, place_like, side_of, weapon_like
from .syntax import describing_clauses, objects_of, phrase_head, subject_of, subtree_hits
from .triggers import crowd_act, usable

AIR_ACTS = ("attack", "explosion", "shelling", "ied", "property")  # what aircraft do in an air strike
ABSORBED_BY_PROTEST = {"arrest", "clash", "attack", "explosion", "property", "mob", "change", "hq", "disrupt",
                       "seize_weapons", "agreement", "shelling"}
ABSORBED_BY_TERRITORY = {"clash", "attack", "explosion", "change"}
ENDS = {"end", "suspend", "lift", "conclude", "abandon", "halt"}
MOTION = {"head", "go", "travel", "return", "come", "drive", "walk", "fly", "leave", "proceed", "move"}
# what a protest is about is not what happened at it ("protests over the killing of a student")
TOPIC_PREPS = {"over", "against", "about", "following", "for"}
TOPIC_VERBS = {"demand", "denounce", "condemn", "protest", "mourn", "honour", "honor", "commemorate", "decry",
               "oppose", "call", "urge", "seek", "allege", "express", "mark"}
PROTEST_KINDS = ("riot", "protest", "gathering")  # "gathering": people who gather with a grievance
# the cause of an act is not another act ("arrested over a speech at a rally"); not "for": "called for a march"
REASON_PREPS = {"over", "about"}
VIOLENT_KINDS = {"clash", "attack", "shelling", "air", "ied", "explosion", "grenade", "suicide", "chemical"}
NVTT = "Non-violent transfer of territory"
ASSAULTS = {"attack", "incursion", "offensive", "advance", "infiltration", "assault", "raid", "attempt"}
TAKEOVERS = {"Government regains territory", "Non-state actor overtakes territory"}


def _protests(doc, s: Sentence, lex, moods) -> list[Reading]:
    """A protest explains the arrests, clashes and fires around it, unless it is only expected."""
    for kind in PROTEST_KINDS:
        keep(s, kind, lambda m: not _reason(phrase_head(doc, m)) and not _on_the_way(phrase_head(doc, m))
              and not _ended(phrase_head(doc, m)))
    m = s.best(*PROTEST_KINDS) or _dispersed_crowd(s, lex)
    if m is None:
        return []
    protest = _protest(doc, s, m)
    if moods.get(protest.trigger.start) == "occurred":
        for name in ABSORBED_BY_PROTEST:
            s.kinds.pop(name, None)
    return [protest]


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


def _dispersed_crowd(s: Sentence, lex) -> PhraseMatch | None:
    """Tear gas or water cannon against a crowd is police intervention at a protest nobody named."""
    if not (s.has("dispersal") and s.has("demonstrators")) or s.has("crime"):
        return None
    if VIOLENT_KINDS & s.kinds.keys() - {"attack"}:
        return None
    return replace(s.cues["dispersal"][0], weight=lex.kinds["protest"]["weight"])


def _topic(doc, s: Sentence) -> set[int]:
    """Tokens that say what the protest is about, not what happened to it."""
    heads = [phrase_head(doc, m) for k in PROTEST_KINDS for m in s.kinds.get(k, ())]
    # "held a protest against the arrest of ...": the light verb carries what the protest is against
    heads += [h.head for h in heads if h.dep_ == "dobj"]
    spans = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS
             for g in c.subtree]
    sent = doc[heads[0].sent.start : heads[0].sent.end] if heads else []
    spans += [t for v in sent if v.pos_ == "VERB" and v.lemma_.lower() in TOPIC_VERBS for c in v.children
              if c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "advcl") for t in c.subtree]
    # what someone other than the forces is to do ("called on the governor to remove them", "a decision to
    # remove a quota") is a demand or a cause, not the police breaking up the protest
    spans += [t for v in sent if v.dep_ in ("xcomp", "advcl", "acl") and _infinitive(v)
              and side_of(subject_of(v), s) != "state" for t in v.subtree]
    return {t.i for t in spans}


def _infinitive(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _drop_topic_cues(doc, s: Sentence) -> None:
    topic = _topic(doc, s)
    for name in ("lethal", "harm", "intervention", "crowd_violence"):
        kept = [m for m in s.cues.get(name, ()) if m.start not in topic]
        if kept:
            s.cues[name] = kept
        else:
            s.cues.pop(name, None)


def _protest(doc, s: Sentence, m: PhraseMatch) -> Reading:
    _drop_topic_cues(doc, s)
    if s.has("disaster"):  # "students killed in a road accident": the protest is about the deaths
        s.cues.pop("lethal", None), s.cues.pop("harm", None)
    if "riot" in s.kinds:
        return Reading("Violent demonstration", m, "riot")
    if s.has("peaceful") and s.has("lethal", "harm"):
        return Reading("Excessive force against protesters", m, "protest")
    if s.has("crowd_violence"):
        return Reading("Violent demonstration", m, "protest")
    if s.has("lethal"):
        return Reading("Excessive force against protesters", m, "protest")
    policing = cue_tokens(s, "intervention", "dispersal")
    if cue_tokens(s, "harm") - policing and policing:  # a baton alone is policing
        return Reading("Excessive force against protesters", m, "protest")
    if s.has("intervention", "harm"):
        return Reading("Protest with intervention", m, "protest")
    return Reading("Violent demonstration" if _blocks_roads(doc, s) else "Peaceful protest", m, "protest")


def _blocks_roads(doc, s: Sentence) -> bool:
    """Protesters who block roads or railways disrupt by force (ACLED: a violent demonstration)."""
    roads = cue_tokens(s, "road")
    return any(subtree_hits(o, roads) for m in s.cues.get("obstruct", ()) for o in objects_of(phrase_head(doc, m)))


def _disrupted(doc, s: Sentence, lex, moods) -> list[Reading]:
    """A defused bomb or seized rifles: the weapon named was not used."""
    if "disrupt" not in s.kinds and "seize_weapons" not in s.kinds:
        return []
    m = s.strongest("disrupt", "seize_weapons")
    if _crowd_foiled(s, m):
        s.kinds.pop("disrupt", None)
        return []
    if _repelled(doc, s, m):  # "thwarted an attack of the rebels on the front": they fought it off
        s.kinds.pop("disrupt", None), s.kinds.pop("seize_weapons", None)
        s.kinds["clash"] = [m]
        return []
    for name in ("ied", "explosion", "shelling", "grenade", "air", "suicide", "attack"):
        s.kinds.pop(name, None)
    # "destroyed a bomb factory" destroyed weapons, not property
    taken = {w.start for w in s.kinds.get("seize_weapons", ())}
    keep(s, "property", lambda p: p.start not in taken)
    return [Reading("Disrupted weapons use", m, "disrupt")]


def _crowd_foiled(s: Sentence, m: PhraseMatch) -> bool:
    """A mob's attempt the police foiled ("a mob tried to set shops ablaze, which was foiled by the police")
    is the mob's violence, not a weapon kept from use: no bomb is named."""
    return m.name == "disrupt" and "mob" in s.kinds and "seize_weapons" not in s.kinds \
        and not s.kinds.keys() & {"ied", "explosion", "suicide", "grenade", "shelling", "air"}


def _repelled(doc, s: Sentence, m: PhraseMatch) -> bool:
    """An attack or an incursion foiled by those it was aimed at, with no bomb or weapon to seize: a fight."""
    if s.kinds.keys() & {"ied", "suicide", "seize_weapons"}:
        return False
    weapons = cue_tokens(s, "weapon")
    return any(o.lemma_.lower() in ASSAULTS and not subtree_hits(o, weapons) for o in objects_of(phrase_head(doc, m)))


def _territory(doc, s: Sentence, lex, moods) -> list[Reading]:
    """Who took a place: the state (regains), a non-state group (overtakes), or nobody had to fight."""
    cands = [m for k in ("regain", "seize") for m in s.kinds.pop(k, ()) if _territory_ok(doc, m, s)]
    entries = s.kinds.pop("enter", ())
    if not cands:
        return _entry(doc, s, entries)
    m = min(cands, key=lambda x: x.start)
    # taken over under a deal, or from forces that left without a fight (not "withdrew under bombardment")
    peaceful = "transfer" in s.kinds or "agreement" in s.kinds or (s.has("transfer") and not VIOLENT_KINDS & s.read)
    if peaceful:
        return [Reading("Non-violent transfer of territory", m, m.name)]
    if _posts_taken_in_fighting(doc, m, s):
        return [Reading("Armed clash", m, "clash")]
    for name in ABSORBED_BY_TERRITORY:
        s.kinds.pop(name, None)
    side = side_of(subject_of(phrase_head(doc, m)), s) or _taker_by_loser(doc, m, s)
    if side is None:
        n_state, n_non = len(s.cues.get("state", ())), len(s.cues.get("nonstate", ()))
        side = "state" if m.name == "regain" and n_state >= n_non else "nonstate" if n_non >= n_state else "state"
    sub = "Government regains territory" if side == "state" else "Non-state actor overtakes territory"
    return [Reading(sub, m, m.name)]


def _territory_ok(doc, m, s: Sentence) -> bool:
    """A place was taken. What is seized is the direct object ("seized four engineers on the road" took
    people); what is retaken may come with its former holders ("drove the rebels out of the town")."""
    head = phrase_head(doc, m)
    multiword = m.end - m.start > 1
    if m.name == "seize" and not multiword:  # "seized the town", not "seized on a claim about Chicago"
        objs = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        objs = objects_of(head) or ([head] if multiword else [])
    if any(weapon_like(o, s) for o in objs):
        return False
    people = cue_tokens(s, "civilian", "armed_target", "state", "nonstate") - cue_tokens(s, "place")
    return any(place_like(o, s, describing_clauses(o)) for o in objs if o.i not in people)


def _posts_taken_in_fighting(doc, m, s: Sentence) -> bool:
    """Checkpoints or bases overrun in an attack are the prize of a battle, not territory ("attacked and
    overran several checkpoints, killing ten")."""
    if not ({"clash", "attack"} & s.kinds.keys() or s.has("lethal")):
        return False
    posts = cue_tokens(s, "place") & cue_tokens(s, "armed_target")
    objs = objects_of(phrase_head(doc, m))
    taken = [o for o in objs if o.dep_ in ("dobj", "nsubjpass")] or [o for o in objs if place_like(o, s)]
    return bool(taken) and all(o.i in posts for o in taken)


def _taker_by_loser(doc, m, s: Sentence) -> str | None:
    """The other side from the one the place was taken from ("freed the village from the militants")."""
    head = phrase_head(doc, m)  # "freed the village from X", or "the liberation of the district from X"
    losers = [g for t in [head, *objects_of(head)] for c in t.children if c.dep_ == "prep" and c.lower_ == "from"
              for g in c.children]
    side = next(filter(None, (side_of(g, s) for g in losers)), None)
    return {"state": "nonstate", "nonstate": "state"}.get(side) if side is not None else None


def _entry(doc, s: Sentence, entries) -> list[Reading]:
    """Forces that move into a place where nobody fights them take it over without violence."""
    if VIOLENT_KINDS & s.kinds.keys() or s.has("air_actor"):  # aircraft entering airspace take nothing
        return []
    for m in entries:
        head = phrase_head(doc, m)
        if side_of(subject_of(head), s) and any(place_like(o, s) for o in objects_of(head)):
            return [Reading("Non-violent transfer of territory", m, "enter")]
    return []


def _weapons(doc, s: Sentence, lex, moods) -> list[Reading]:
    """The weapon decides the sub-type, from the most to the least specific; it explains the killing."""
    k = s.kinds
    if _ground_fight(doc, s):  # a battle: `_fighting` reads it as an armed clash
        fight = s.strongest("clash", "shelling", "explosion")
        for name in ("shelling", "explosion", "grenade", "attack"):
            k.pop(name, None)
        k["clash"] = [fight]
        return []
    out = _remote(doc, s, lex)
    if out:  # what a strike kills or destroys is part of the strike
        k.pop("attack", None), k.pop("clash", None), k.pop("property", None)
    return out


def _remote(doc, s: Sentence, lex) -> list[Reading]:
    k = s.kinds
    if "chemical" in k:
        chem = s.strongest("chemical")
        k.pop("chemical")
        background = _background(phrase_head(doc, chem))
        for name in ("air", "shelling", "ied", "explosion", "grenade"):  # "barrel bombs loaded with chlorine"
            if not background or any(_linked(doc, chem, m) for m in k.get(name, ())):
                k.pop(name, None)
        k.pop("attack", None), k.pop("clash", None)
        return [Reading("Chemical weapon", chem, "chemical")] + _remote(doc, s, lex)
    if "suicide" in k:
        return [Reading("Suicide bomb", s.strongest("suicide"), "suicide")]
    out = []
    air_actor = s.has("air_actor")
    if "air" in k:
        out.append(Reading("Air/drone strike", s.strongest("air"), "air"))
    elif air_actor and any(x in k for x in AIR_ACTS) and _aircraft_act(doc, s):
        out.append(Reading("Air/drone strike", _reweigh(s.strongest(*AIR_ACTS), lex, "air"), "air"))
    if "grenade" in k:
        out.append(Reading("Grenade", s.strongest("grenade"), "grenade"))
    if "ied" in k and not (air_actor and out):
        out.append(Reading("Remote explosive/landmine/IED", s.strongest("ied"), "ied"))
    if "shelling" in k and not air_actor:
        out.append(Reading("Shelling/artillery/missile attack", s.strongest("shelling"), "shelling"))
    if not out and "explosion" in k and not _amid_battle(doc, s):
        sub = "Shelling/artillery/missile attack" if _of_weapons(doc, s) else "Remote explosive/landmine/IED"
        out.append(Reading(sub, s.strongest("explosion"), "explosion"))
    return out


def _ground_fight(doc, s: Sentence) -> bool:
    """Heavy weapons fired alongside small arms or both ways, and shelling that only sets the scene of
    clashes ("clashes took place amid shelling"), are a battle: ACLED codes an armed clash."""
    if s.has("air_actor") or "suicide" in s.kinds or "ied" in s.kinds:
        return False
    remote = [phrase_head(doc, m) for k in ("shelling", "explosion") for m in s.kinds.get(k, ())]
    if not remote:
        return False
    if s.has("reciprocal") or ("shelling" in s.kinds and s.has("small_arms")):
        return True
    clashes = [phrase_head(doc, c) for c in s.kinds.get("clash", ())]
    return any(c.is_ancestor(h) or (c.head.is_ancestor(h) and _amid(h)) for c in clashes for h in remote)


def _amid(tok) -> bool:
    return any(a.dep_ == "prep" and a.lower_ in ("amid", "amidst", "during") for a in tok.ancestors)


def _of_weapons(doc, s: Sentence) -> bool:
    """Explosions told as coming from weapons ("explosions involving unknown weapons", "blasts from heavy
    weapons"), not from a bomb or a device: fire from a distance."""
    for m in s.kinds["explosion"]:
        head = phrase_head(doc, m)
        if head.dep_ in ("nmod", "compound", "conj", "appos"):  # "explosions/bursts of fire involving ..."
            head = head.head
        said = [t for c in head.children if c.dep_ in ("acl", "prep") for t in c.subtree]
        if any(t.lemma_.lower() == "weapon" for t in said):
            return True
    return False


def _reweigh(m: PhraseMatch, lex, kind: str) -> PhraseMatch:
    """A generic trigger read as a specific kind ("warplanes bombed") carries that kind's weight."""
    return replace(m, weight=lex.kinds[kind]["weight"])


def _aircraft_act(doc, s: Sentence) -> bool:
    """Aircraft that strike, not aircraft struck ("shot down a helicopter", "damaged planes")."""
    targets = {t.i for k in AIR_ACTS for m in s.kinds.get(k, ()) for o in objects_of(phrase_head(doc, m))
               for t in o.subtree}
    return bool(cue_tokens(s, "air_actor") - targets)


def _linked(doc, a: PhraseMatch, b: PhraseMatch) -> bool:
    """One trigger lies in the phrase of the other."""
    ha, hb = phrase_head(doc, a), phrase_head(doc, b)
    return ha.is_ancestor(hb) or hb.is_ancestor(ha)


def _background(tok) -> bool:
    """Inside a relative or noun clause: a description ("the town that was the scene of an attack")."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl"):
            return True
        cur = cur.head
    return False


def _amid_battle(doc, s: Sentence) -> bool:
    """Explosions heard in a battle are the battle, unless the battle is only their setting."""
    return any(not phrase_head(doc, e).is_ancestor(phrase_head(doc, c)) for e in s.kinds["explosion"]
               for c in s.kinds.get("clash", ()))


def _against_people(doc, s: Sentence, lex, moods) -> list[Reading]:
    """Rape, abduction and mob violence name what was done to people more precisely than 'attack'."""
    k, out = s.kinds, []
    if "sexual" in k:
        out.append(Reading("Sexual violence", s.strongest("sexual"), "sexual"))
        k.pop("attack", None), k.pop("abduct", None), k.pop("arrest", None)
    if "abduct" in k:
        out.append(Reading("Abduction/forced disappearance", s.strongest("abduct"), "abduct"))
        k.pop("attack", None)
    if "mob" in k:
        out.append(Reading("Mob violence", s.strongest("mob"), "mob"))
        k.pop("attack", None), k.pop("property", None), k.pop("clash", None)
    return out


def _fighting(doc, s: Sentence, lex, moods) -> list[Reading]:
    """Withdrawals, destruction, and fighting: a clash, or an attack when the victims are unarmed."""
    k, out = s.kinds, []
    # leaving is a change of posture; taking over what was left is the transfer
    if "withdraw" in k and "transfer" not in k:
        out.append(Reading("Change to group/activity", s.strongest("withdraw"), "withdraw"))
    crowd = crowd_act(doc, s)
    if crowd:  # the arrests that follow a lynching are its aftermath ("six were detained for the assault")
        k.pop("arrest", None)
        return out + [crowd]
    if "property" in k and not ("attack" in k and s.has("lethal")):
        # an attack that kills is coded as the attack, the houses it burned are part of it ("killed 15 and
        # burned 13 houses"); destruction alone is the destruction
        out.append(Reading("Looting/property destruction", s.strongest("property"), "property"))
        k.pop("attack", None)
    if "clash" in k and s.has("demonstrators") and s.has("crowd_violence") and not s.has("nonstate"):
        out.append(Reading("Violent demonstration", s.strongest("clash"), "clash"))  # "supporters clashed with police"
    elif "clash" in k and _brawl(doc, s):
        out.append(Reading("Mob violence", s.strongest("clash"), "clash"))
    elif "clash" in k and _one_sided(doc, s):
        out.append(Reading("Attack", s.strongest("clash"), "clash"))
    elif "clash" in k:
        out.append(Reading("Armed clash", s.strongest("clash"), "clash"))
    elif "attack" in k:
        sub = "Attack" if _victim_side(doc, s) == "civilian" else "Armed clash"
        out.append(Reading(sub, s.strongest("attack"), "attack"))
    return out


def _one_sided(doc, s: Sentence) -> bool:
    """Armed men who invade a village and kill farmers attack civilians; nobody fought them (ACLED: attack).
    Every clash word is a verb acting on a civilian place or people, and the killing falls on civilians."""
    if "attack" not in s.kinds or _victim_side(doc, s) != "civilian":
        return False
    armed, civ = cue_tokens(s, "armed_target", "nonstate", "state"), cue_tokens(s, "civilian")
    for m in s.kinds["clash"]:
        head = phrase_head(doc, m)
        objs = [c for c in head.children if c.dep_ == "dobj"]  # "repelled an IS attack" acts on no civilian
        if head.pos_ != "VERB" or not objs or not all(o.i in civ and not subtree_hits(o, armed) for o in objs):
            return False
    return True


def _brawl(doc, s: Sentence) -> bool:
    """Groups of villagers or families who fight with no armed force, gun or bomb in the sentence ("two groups
    clashed over a land dispute") are a mob, not armed actors (ACLED: mob violence)."""
    if s.has("state", "nonstate", "weapon", "air_actor"):
        return False
    crowd = cue_tokens(s, "crowd")
    for m in s.kinds["clash"]:
        head = phrase_head(doc, m)
        parties = [subject_of(head)] + [g for c in head.children if c.dep_ == "prep"
                                        and c.lower_ in ("between", "with", "among") for g in c.children]
        if any(subtree_hits(p, crowd) for p in parties):
            return True
    return False


def _victim_side(doc, s: Sentence) -> str | None:
    """Armed or civilian, from what the attack triggers act on."""
    armed, civ = cue_tokens(s, "armed_target"), cue_tokens(s, "civilian")
    for m in s.kinds.get("attack", ()):
        head = phrase_head(doc, m)
        for o in objects_of(head):
            if subtree_hits(o, armed):
                return "armed"
            if subtree_hits(o, civ):
                return "civilian"
    subj = {t.i for m in s.kinds.get("attack", ()) for t in (subject_of(phrase_head(doc, m)) or doc[0:0]).subtree} \
        if s.kinds.get("attack") else set()
    armed_rest, civ_rest = armed - subj, civ - subj
    if armed_rest:
        return "armed"
    if civ_rest:
        return "civilian"
    if any(_unarmed_person(o) for m in s.kinds.get("attack", ()) for o in objects_of(phrase_head(doc, m))):
        return "civilian"
    return None


def _unarmed_person(tok) -> bool:
    """Someone acted on who is named by no armed word ("beat a street hawker"): a civilian, as ACLED assumes."""
    if tok.dep_ not in ("dobj", "nsubjpass"):
        return False
    return tok.ent_type_ == "PERSON" or (tok.tag_ == "NN" and not tok.ent_type_)


def _strategic(doc, s: Sentence, lex, moods) -> list[Reading]:
    """Arrests (abductions when rebels take people), transfers, agreements, bases, changes of posture."""
    k, out = s.kinds, []
    if "arrest" in k:
        m = s.strongest("arrest")
        side = side_of(subject_of(phrase_head(doc, m)), s)
        out.append(Reading("Abduction/forced disappearance" if side == "nonstate" else "Arrests", m, "arrest"))
    for name, sub in (("transfer", "Non-violent transfer of territory"),
                      ("agreement", "Agreement"), ("hq", "Headquarters or base established"),
                      ("change", "Change to group/activity")):
        if name in k:
            out.append(Reading(sub, s.strongest(name), name))
    return out


# in order of precedence: each rule removes the trigger kinds it explains before the next one looks
RULES = (_protests, _disrupted, _territory, _weapons, _against_people, _fighting, _strategic)


def resolve(doc, s: Sentence, lex, moods: dict[int, str]) -> list[Reading]:
    """ACLED sub-types of one sentence, one event per sub-type: the most specific reading of a trigger wins."""
    usable(doc, s, lex, moods)
    out: list[Reading] = []
    for rule in RULES:
        out += rule(doc, s, lex, moods)
    seen, unique = set(), []
    for f in out:
        if f.sub not in seen:
            seen.add(f.sub)
            unique.append(f)
    return unique


def peaceful_takeovers(readings):
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
