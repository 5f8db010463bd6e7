"""Reading one sentence: its lexicon matches grouped into trigger kinds and cues, the modality of each
trigger, named armed groups from the actor dictionary, and what the cues say of a phrase (whose side it
names, whether it is a place or a weapon). A `Reading` is one ACLED sub-type the rules find in it.
"""
from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from ...lexicon.actors import ActorBook
from .lexicon import PhraseMatch, drop_nested, match
from .modality import of as modality_of
from .syntax import antecedent_of, phrase_head

NONSTATE_INTERS = {2, 3, 4}  # ACLED rebels, political and identity militias
PLACE_ENTS = {"GPE", "LOC", "FAC"}
PERSON_ENTS = {"PERSON", "NORP", "ORG"}
CARRIES = {"carry", "contain", "transport", "load", "pack", "stuff", "ferry", "smuggle", "hold"}


@dataclass
class Sentence:
    """The matches of one sentence, grouped: kinds (trigger families) and cues (context words)."""

    kinds: dict[str, list[PhraseMatch]] = field(default_factory=dict)
    cues: dict[str, list[PhraseMatch]] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)  # every kind matched, before any was explained away

    def has(self, *cues: str) -> bool:
        return any(c in self.cues for c in cues)

    def best(self, *kinds: str) -> PhraseMatch | None:
        """The strongest trigger of these kinds, the earliest among equals."""
        ms = [m for k in kinds for m in self.kinds.get(k, ())]
        return min(ms, key=lambda m: (-m.weight, m.start)) if ms else None

    def strongest(self, *kinds: str) -> PhraseMatch:
        """`best` of kinds the sentence is known to hold (a kind held is never empty: see `keep_in`)."""
        m = self.best(*kinds)
        assert m is not None, kinds
        return m


@dataclass
class Reading:
    """One reading of a sentence: an ACLED sub-type, the trigger that says it, and how central it is."""

    sub: str
    trigger: PhraseMatch
    kind: str
    prominence: float = 1.0
    fought: bool = False  # its sentence tells of fighting, even as background ("after a night-long battle")
    forced: bool = False  # its trigger says the place was taken by force ("overran", "stormed")


def read_sentence(doc, sent, lex, book: ActorBook) -> tuple[Sentence, dict[int, str]]:
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
        keep_in(s.cues, name, lambda m: not _left_by_itself(doc, m))
    # a participle that describes a noun is no act of the police ("an already charged situation")
    keep_in(s.cues, "intervention", lambda m: phrase_head(doc, m).dep_ != "amod")
    return s, moods


def _left_by_itself(doc, m: PhraseMatch) -> bool:
    """A crowd that disperses or breaks up with nobody dispersing it ("the rally dispersed peacefully")."""
    head = phrase_head(doc, m)
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
    rebel_words = cue_tokens(s, "rebel_name")
    groups = []
    for span in _group_phrases(doc, sent, s):
        group = book.group(span.text)
        if group and group.get("inter") in NONSTATE_INTERS or _rebel_name(span, rebel_words):
            groups.append(span)
    if not groups:
        return
    inside = {i for span in groups for i in range(span.start, span.end)}
    # "Liberation" in "Oromo Liberation Army" names the group; the last word of the phrase may be what the
    # group did or sent ("Houthi reinforcements")
    last = {span.end - 1 for span in groups}
    for kind in list(s.kinds):
        keep(s, kind, lambda m: not inside.issuperset(range(m.start, m.end)) or m.end - 1 in last)
    keep_in(s.cues, "state", lambda m: not inside.issuperset(range(m.start, m.end)))
    s.cues.setdefault("nonstate", []).extend(
        PhraseMatch("cue", "nonstate", span.start, span.end, 1.0) for span in groups)


def cue_tokens(s: Sentence, *cues: str) -> set[int]:
    """Token indices covered by these cues."""
    return {i for c in cues for m in s.cues.get(c, ()) for i in range(m.start, m.end)}


def keep(s: Sentence, kind: str, ok) -> None:
    """Keep the triggers of a kind that pass `ok`; drop the kind when none does."""
    keep_in(s.kinds, kind, ok)


def keep_in(table: dict[str, list[PhraseMatch]], name: str, ok) -> None:
    kept = [m for m in table.get(name, ()) if ok(m)]
    if kept:
        table[name] = kept
    else:
        table.pop(name, None)


def side_of(tok, s: Sentence) -> str | None:
    if tok is None:
        return None
    tok = antecedent_of(tok)
    state, nonstate = cue_tokens(s, "state"), cue_tokens(s, "nonstate")
    clauses = {t.i for c in tok.children if c.dep_ in ("acl", "relcl") for t in c.subtree}  # not what they said
    sub = [t.i for t in tok.subtree if t.i not in clauses]
    n_state, n_non = sum(i in state for i in sub), sum(i in nonstate for i in sub)
    if n_state == n_non:
        return None
    return "state" if n_state > n_non else "nonstate"


def place_like(tok, s: Sentence, skip: AbstractSet[int] = frozenset()) -> bool:
    """A place: a place word or place entity in the phrase (but `skip`), or a proper name that is not a person's."""
    places = cue_tokens(s, "place")
    if tok.pos_ == "PROPN" and tok.ent_type_ not in PERSON_ENTS:
        return True
    return any(t.i in places or t.ent_type_ in PLACE_ENTS for t in tok.subtree if t.i not in skip)


def weapon_like(tok, s: Sentence) -> bool:
    """A weapon, or a thing made or full of them ("rocket launcher", "cache of ammunition")."""
    weapons = cue_tokens(s, "weapon")
    if tok.i in weapons:
        return True
    near = [c for c in tok.children if c.dep_ in ("compound", "conj", "nmod")]
    near += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "containing", "with")
             for g in c.children]
    near += [g for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in CARRIES for g in c.children
             if g.dep_ in ("dobj", "prep")]  # "a boat carrying weapons", "a truck loaded with explosives"
    return any(t.i in weapons for n in near for t in n.subtree)
