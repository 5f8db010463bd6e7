"""Who a speech cue's subject is: a named person or body, a pronoun, or a description.

"he absurdly claimed" names the last person who spoke (or was named) before it, "the article explained"
the last outlet named, "US ambassador to Iraq Ryan Crocker" gives name "Ryan Crocker" and role
"US ambassador to Iraq"; an unnamed source ("a Western security official") keeps its description.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ... import lexicon as data
from ...nlp.spans import SpanIndex
from ...record import Speaker

NAMED = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    raw = data.load("quotes/lexicon.yaml")
    lex = {k: set(v) if isinstance(v, list) else v for k, v in raw.items()}
    lex["outlet_canonical"] = {_key(n): name for name, aliases in data.outlets().items() for n in [name, *aliases]}
    return lex


def _key(name: str) -> str:
    words = WORD.findall(name.lower())
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _last_word(name: str) -> str:
    words = WORD.findall(name.lower())
    return words[-1] if words else ""


@dataclass
class NameMention:
    """A person or an outlet named in the text: its character range and the name it resolves to."""

    start: int
    end: int
    name: str
    label: str
    subject: bool = False


def _strip_name(text: str) -> str:
    """'Maliki's' → 'Maliki'; 'the New York Times' → 'New York Times'."""
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"^(?i:the)\s+", "", text)


class SpeakerResolver:
    """Resolves speaker phrases of one document, in reading order (pronouns look back)."""

    def __init__(self, doc, entities, paragraph_of):
        lex = lexicon()
        self.lex = lex
        self.doc = doc
        self.text = doc.text  # once: spaCy rebuilds Doc.text from every token on each access
        self.paragraph_of = paragraph_of
        self.ents = sorted((e for e in entities if e.label in NAMED), key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.ents]
        self.person_spans = SpanIndex(e for e in self.ents if e.label == "PERSON")
        self.full = self._full_names()
        self.people = [NameMention(e.start, e.end, self._name(e), e.label, self._is_subject(e))
                       for e in self.ents if e.label == "PERSON"]
        self.media = [NameMention(e.start, e.end, self._name(e), e.label) for e in self.ents if self._is_media(e.text)]
        self.people_starts = [m.start for m in self.people]
        self.media_starts = [m.start for m in self.media]
        self.history: list[tuple[int, Speaker, str]] = []  # (position, speaker, gender) of resolved speakers
        self.gender: dict[str, str] = {}
        self.roles: dict[str, str] = {}  # name → the first role the article gives
        for tok in doc:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex["publication_nouns"]:
                self._outlet_of(tok)

    # ------------------------------------------------------------ names
    def _full_names(self) -> dict[str, str]:
        """Last word → the longest person name ending with it ("maliki" → "Nouri al-Maliki")."""
        full: dict[str, str] = {}
        for e in self.ents:
            if e.label != "PERSON":
                continue
            name = _strip_name(e.canonical or e.text)
            last = _last_word(name)
            if last and len(name) > len(full.get(last, "")):
                full[last] = name
        return full

    def _name(self, ent) -> str:
        name = _strip_name(ent.canonical or ent.text)
        if ent.label == "PERSON":
            return self.full.get(_last_word(name), name)
        return lexicon()["outlet_canonical"].get(_key(name), name) if self._is_media(name) else name

    def _is_subject(self, ent) -> bool:
        span = self.doc.char_span(ent.start, ent.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    @staticmethod
    def _is_media(name: str) -> bool:
        lex = lexicon()
        key = _key(name)
        return key in lex["outlet_canonical"] or (_last_word(name) in lex["media_words"] and name[:1].isupper())

    def entity_at(self, start: int, end: int):
        """The named entity overlapping [start, end) that covers the most of it, or None."""
        i = bisect.bisect_right(self.ent_starts, end) - 1
        best, best_ov = None, 0
        while i >= 0 and self.ents[i].end > start - 200:
            e = self.ents[i]
            ov = min(e.end, end) - max(e.start, start)
            if ov > best_ov:
                best, best_ov = e, ov
            i -= 1
        return best

    def media_in(self, start: int, end: int) -> str | None:
        """The outlet named inside [start, end), e.g. in "told the Los Angeles Times"."""
        i = bisect.bisect_left(self.media_starts, start)
        if i < len(self.media) and self.media[i].end <= end:
            return self.media[i].name
        span = self.doc.char_span(start, end, alignment_mode="contract")
        for tok in span if span is not None else ():
            if tok.pos_ == "PROPN" and tok.lower_ in self.lex["media_words"] and tok.dep_ != "compound":
                return self._propn_run(tok)
        return None

    # ------------------------------------------------------------ resolution
    def resolve(self, head: Token, span: Span) -> Speaker:
        """The speaker named by the phrase `span` whose syntactic head is `head`."""
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl" and head.head.head.pos_ in ("NOUN", "PROPN"):
            return self._relative(head)
        lower = head.lower_
        pron = self.lex["pronouns"].get(lower)
        if head.pos_ == "PRON" and pron is not None:
            found = self._antecedent(head.idx, pron)
            speaker = Speaker(found[0] if found else head.text, head.text, head.idx, head.idx + len(head),
                              found[1] if found else None)
            self._remember(head.idx, speaker, pron if pron != "any" else self.gender.get(speaker.name, "any"))
            return speaker
        start, end = span.start_char, span.end_char
        if head.lemma_.lower() in self.lex["publication_nouns"] and head.ent_type_ == "":
            outlet = (self._outlet_of(head) or self.media_in(start, end)
                      or self._before(self.media, self.media_starts, start))
            if outlet:
                speaker = Speaker(outlet, span.text, start, end, None)
                self._remember(start, speaker, "none")
                return speaker
        ent = self.entity_at(head.idx, head.idx + len(head))
        if ent is None:
            ent = next(self.person_spans.within(start, end), None)
        if ent is not None and start <= ent.start + 1 and ent.end <= end + 1:
            name = self._name(ent)
            role = self._role(span, ent.start, head)
        elif head.pos_ == "PROPN":
            name, role = self._propn_run(head), self._role(span, self._propn_run_start(head), head)
        else:
            name, role = span.text, None
        if role:
            self.roles.setdefault(name, role)
        speaker = Speaker(name, span.text, start, end, role or self.roles.get(name))
        gender = self._gender_of(span)
        if gender != "any":
            self.gender.setdefault(name, gender)
        self._remember(start, speaker, self.gender.get(name, "any") if ent is None or ent.label == "PERSON" else "none")
        return speaker

    def _relative(self, who: Token) -> Speaker:
        """"officials who insisted that": the speaker is the officials, named where "who" stands."""
        noun = who.head.head
        left = noun.left_edge
        right = max((t for t in noun.subtree if t.i < who.i and not t.is_punct), key=lambda t: t.i, default=noun)
        found = self.resolve(noun, self.doc[left.i : right.i + 1])
        self.history.pop()  # remembered once, at the relative pronoun
        speaker = Speaker(found.name, who.text, who.idx, who.idx + len(who), found.role)
        self._remember(who.idx, speaker, self.gender.get(found.name, "any"))
        return speaker

    def _remember(self, pos: int, speaker: Speaker, gender: str) -> None:
        self.history.append((pos, speaker, gender))

    def _antecedent(self, pos: int, want: str) -> tuple[str, str | None] | None:
        """(name, role) for a pronoun at `pos`: the last compatible speaker of this paragraph, else the
        last compatible person named before it, else the last compatible speaker anywhere before."""
        para = self.paragraph_of(pos)

        def ok(g: str) -> bool:
            return want == "any" or g in ("any", want)

        for p, sp, g in reversed(self.history):
            if p < pos and self.paragraph_of(p) == para and g != "none" and ok(g):
                return sp.name, sp.role
        if want != "any":
            found = self._person_before(pos, ok, subject=True, since=self._paragraph_start(pos))
            found = found or self._person_before(pos, ok, subject=False, since=pos - 1500)
            if found:
                return found, self.roles.get(found)
        for p, sp, g in reversed(self.history):
            if p < pos and g != "none" and ok(g):
                return sp.name, sp.role
        return None

    def _person_before(self, pos: int, ok, subject: bool, since: int) -> str | None:
        """The last person named between `since` and `pos` (as a subject of a clause, if asked)."""
        i = bisect.bisect_left(self.people_starts, pos) - 1
        while i >= 0 and self.people[i].start >= since:
            m = self.people[i]
            if (m.subject or not subject) and ok(self.gender.get(m.name, "any")):
                return m.name
            i -= 1
        return None

    def _paragraph_start(self, pos: int) -> int:
        para = self.paragraph_of(pos)
        lo, hi = 0, pos
        while lo < hi:  # the first position of the same paragraph
            mid = (lo + hi) // 2
            if self.paragraph_of(mid) < para:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _outlet_of(self, head: Token) -> str | None:
        """"an article in the Northern Ledger": the named publisher of a publication noun, which
        later bare descriptions ("the article") then refer to."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "by", "from", "of"):
                obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
                if obj is not None:
                    name = self._propn_run(obj)
                    name = self.lex["outlet_canonical"].get(_key(name), name)
                    i = bisect.bisect_left(self.media_starts, obj.idx)
                    if i == len(self.media_starts) or self.media_starts[i] != obj.idx:
                        self.media.insert(i, NameMention(obj.idx, obj.idx + len(obj), name, "ORG"))
                        self.media_starts.insert(i, obj.idx)
                    return name
        return None

    @staticmethod
    def _before(mentions: list[NameMention], starts: list[int], pos: int) -> str | None:
        i = bisect.bisect_left(starts, pos) - 1
        return mentions[i].name if i >= 0 else None

    def _gender_of(self, span: Span) -> str:
        words = {t.lower_.rstrip(".") for t in span}
        if words & self.lex["female_words"]:
            return "female"
        if words & self.lex["male_words"]:
            return "male"
        return "any"

    def _role(self, span: Span, name_start: int, head: Token) -> str | None:
        """Description before the name ("US ambassador to Iraq Ryan Crocker") or in apposition."""
        words = [t for t in span if t.idx < name_start and t.dep_ not in ("det", "punct", "case", "poss")]
        while words and (words[-1].lower_.rstrip(".") in self.lex["honorifics"] or words[-1].dep_ in ("punct", "cc")):
            words.pop()
        while words and words[0].dep_ in ("punct", "det"):
            words.pop(0)
        if not any(t.pos_ == "NOUN" for t in words):
            appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
            if appos is None:
                return None
            words = [t for t in appos.subtree if t.dep_ != "punct"]
            if words and words[0].dep_ == "det":
                words.pop(0)
        if not words:
            return None
        return self.text[words[0].idx : words[-1].idx + len(words[-1])]

    @staticmethod
    def _propn_run_start(head: Token) -> int:
        left = head
        while left.i > 0 and left.nbor(-1).pos_ == "PROPN" and left.nbor(-1).dep_ in ("compound", "flat"):
            left = left.nbor(-1)
        return left.idx

    def _propn_run(self, head: Token) -> str:
        start = self._propn_run_start(head)
        return _strip_name(self.text[start : head.idx + len(head)])
