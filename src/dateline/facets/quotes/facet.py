"""Who said what: direct and indirect speech with a resolved speaker.

Everything rides on the parse. An attribution is found by a cue and its content (`cues`: a speech
verb's clause or object, a speech noun's clause, "according to X", a paragraph opened by "NAME: ") or
by quotation marks (`quotations`: a quotation beside a speech tag, or one that continues an attribution
of its paragraph). One attribution is kept per content; speakers are resolved in reading order by
`speakers.SpeakerResolver` (pronouns look back), and medium and date are read around the cue.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...nlp.context import FacetInput
from ...nlp.spans import SpanIndex
from ...record import Quote
from ..base import facet
from .cues import from_according, from_clauses, from_colon_lines, from_nouns
from .quotations import continuations, from_quotations
from .speakers import SpeakerResolver, lexicon
from .text import Attribution, Text

DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
CLAUSES = ("advcl", "ccomp", "xcomp", "conj", "parataxis", "relcl", "acl")


def _dedupe(found: list[Attribution]) -> list[Attribution]:
    """One attribution per content: a second one covering nearly the same words is dropped."""
    kept: list[Attribution] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if any(min(k.end, f.end) - max(k.start, f.start) >= 0.9 * min(k.end - k.start, f.end - f.start)
               for k in kept[-3:]):
            continue
        kept.append(f)
    return kept


def _host_modifiers(cue: Token | None, subj: Token | None) -> list[Token]:
    """"issued a statement yesterday complaining that": a cue that borrows its subject from the verb it
    hangs from shares that verb's time and medium too."""
    if cue is None or subj is None or subj.head == cue or subj.dep_ != "nsubj":
        return []
    host = subj.head
    return [c for c in host.children
            if c != subj and c.dep_ not in CLAUSES and not c.left_edge.i <= cue.i <= c.right_edge.i]


def _same_occasion(found: list[Attribution], t: Text) -> None:
    """'"...," he explained.' after 'X told the media yesterday ...': a speaker's later words in the
    same paragraph were said when the first were, unless the text says otherwise."""
    last: dict[tuple[int, str], str] = {}
    for f in sorted(found, key=lambda f: f.start):
        if f.speaker is None:
            continue
        key = (t.paragraph_of(f.start), f.speaker.name)
        if f.date is None:
            f.date = last.get(key)
        elif f.date:
            last[key] = f.date


def _frame_details(f: Attribution, resolver: SpeakerResolver, times: SpanIndex, t: Text) -> None:
    """Medium and date named around the cue: "told the Los Angeles Times yesterday", "Speaking to the
    Los Angeles Times, an official estimated". A date must modify the cue itself, not a clause of its own."""
    floor = t.paragraph_start(f.cue.idx) if f.cue is not None else 0  # a byline may share the sentence
    frame = f.frame + _host_modifiers(f.cue, f.speaker_head)
    ranges = [(max(floor, c.left_edge.idx), c.right_edge.idx + len(c.right_edge), c.dep_ not in CLAUSES) for c in frame]
    if f.speaker_span is not None:
        ranges.append((f.speaker_span.start_char, f.speaker_span.end_char, True))  # "yesterday's Times"
    for s, e, dated in ranges:
        f.medium = f.medium or resolver.media_in(s, e)
        if f.date is None and dated:
            f.date = next((x.value for x in times.within(s, e) if DAY.match(str(x.value))), None)


def _speaker_span(f: Attribution) -> Span:
    """The speaker phrase of an attribution found with one (all but continuations)."""
    assert f.speaker_span is not None
    return f.speaker_span


def _speaker_start(f: Attribution) -> int:
    return _speaker_span(f).start_char


@facet("quotes", requires=("entities", "times"))
def FACET(inp: FacetInput) -> list[Quote]:
    """Direct and indirect speech, each with its cue, medium, date and resolved speaker."""
    lex = lexicon()
    verbs = lex["cue_verbs"]
    t = Text(inp.doc, inp.text)
    found = from_clauses(t, verbs) + from_nouns(t) + from_according(t) + from_colon_lines(t)
    tagged, untagged = from_quotations(t, verbs, [(f.start, f.end) for f in found])
    found = _dedupe(found + tagged)
    resolver = SpeakerResolver(inp.doc, inp["entities"], t.paragraph_of)
    times = SpanIndex(inp["times"])
    for f in sorted(found, key=_speaker_start):
        assert f.speaker_head is not None  # only a continuation lacks one, and those come below
        f.speaker = resolver.resolve(f.speaker_head, _speaker_span(f))
        _frame_details(f, resolver, times, t)
    found = found + continuations(untagged, found, t)
    _same_occasion(found, t)
    return [Quote(inp.text[f.start : f.end], f.start, f.end, f.direct, f.cue_text.lower(), f.medium, f.date, f.speaker)
            for f in sorted(found, key=lambda f: f.start)]
