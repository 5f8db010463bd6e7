"""Quotation marks: a quotation beside a speech tag ('"...," he said.', 'X told AP: "..."', a colon
after a clause, '"..." ― Name'), and a quotation with no tag of its own that continues one already
attributed in its paragraph. A quotation split by its tag ('"A," he said. "B."') is one quote each side of
the tag, both the speaker's, the tag the writer's; short quoted words (scare quotes, titles) are none on
their own unless they open a sentence and close with their own punctuation ('"I would," she said.').
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from ...nlp.spans import SpanIndex
from .cues import is_cue, phrase, subject_of
from .text import QUOTE_MARK, Attribution, Text

MIN_WORDS = 4  # a shorter quotation is a scare quote, a title or a fragment inside someone's words
TAG_AFTER_TOKENS = 10
TAG_BEFORE_TOKENS = 25
STOP_TEXT = {".", "!", "?", ";"}
SPOKEN_END = (",", ".", "!", "?", "…")
STOP_SOURCE = re.compile(r"[,;“”\"(]|''")
DASHES = ("―", "—", "--", "–")


def from_quotations(t: Text, verbs: set[str],
                    taken: list[tuple[int, int]]) -> tuple[list[Attribution], list[tuple[int, int]]]:
    """Quotations not yet inside a content: attributed by a tag beside them; the rest are returned
    for continuation."""
    found, untagged = [], []
    contents = SpanIndex(taken)
    for qs, qe in t.quotes:
        if contents.overlaps(qs, qe):
            continue
        span = t.doc.char_span(qs, qe, alignment_mode="expand")
        if span is None or (sum(1 for x in span if x.is_alpha) < MIN_WORDS and not _stands_alone(qs, qe, t)):
            continue
        cue = _tag_after(qe, t, verbs) or _tag_before(qs, t, verbs) or _colon_lead(qs, t)
        if cue is not None:
            subj = subject_of(cue)
            assert subj is not None  # every cue found has a subject (`_first_cue`, `_colon_lead`)
            frame = [c for c in cue.children if c != subj and c.dep_ != "ccomp"]
            found.append(Attribution(qs, qe, True, cue, cue.text, subj, phrase(subj, t), frame))
            continue
        dash = _dash_source(qe, t)
        if dash is not None:
            found.append(Attribution(qs, qe, True, None, t.text[qe : dash.start_char].strip(), dash.root, dash))
            continue
        untagged.append((qs, qe))
    return found, untagged


def _tag_after(qe: int, t: Text, verbs: set[str]) -> Token | None:
    """'"...," he said.': a cue among the few words after the quotation, before the sentence ends."""
    start = t.token_at(qe)
    return _first_cue(t.doc, range(start, min(len(t.doc), start + TAG_AFTER_TOKENS)), verbs)


def _tag_before(qs: int, t: Text, verbs: set[str]) -> Token | None:
    """'X told AP: "..."': the nearest cue before the quotation, the two joined by a colon, a comma
    or nothing at all."""
    doc = t.doc
    before = t.text[max(0, qs - 80) : qs].rstrip()
    if not (before[-1:] in (":", ",") or before.split(" ")[-1].isalpha()):
        return None
    first = t.token_at(qs) - 1
    return _first_cue(doc, range(first, max(-1, first - TAG_BEFORE_TOKENS), -1), verbs)


def _first_cue(doc: Doc, indexes: range, verbs: set[str]) -> Token | None:
    """The first cue with a subject among `indexes`, unless a sentence end, quote mark or line break comes first."""
    for i in indexes:
        tok = doc[i]
        if tok.text in STOP_TEXT or QUOTE_MARK.fullmatch(tok.text) or "\n" in tok.text:
            return None
        if is_cue(tok, verbs) and subject_of(tok) is not None:
            return tok
    return None


def _colon_lead(qs: int, t: Text) -> Token | None:
    """'Obama rolled out a new message: "It's about me."': a quotation the writer introduces with a
    colon is said by the subject of the clause before it."""
    before = t.text[t.paragraph_start(qs) : qs].rstrip()
    if not before.endswith(":"):
        return None
    verb = t.doc[t.token_at(qs) - 1].head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:  # "... a new message:" hangs from a noun
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb.idx < qs and subject_of(verb) is not None else None


def _dash_source(qe: int, t: Text) -> Span | None:
    """'"..." ― Jane Doe, a nurse': the words after a dash that follows a quotation."""
    window = t.text[qe : qe + 4]
    rest = window.lstrip(" \u00a0")
    if not rest.startswith(DASHES):
        return None
    begin = qe + len(window) - len(rest) + (2 if rest.startswith("--") else 1)
    line_end = t.text.find("\n", begin)
    line_end = len(t.text) if line_end < 0 else line_end
    stop_at = STOP_SOURCE.search(t.text, begin, line_end)
    stop = stop_at.start() if stop_at else line_end
    span = t.doc.char_span(begin, stop, alignment_mode="contract")
    if span is None or not span.text.strip() or not any(x.pos_ == "PROPN" for x in span) or len(span) > 8:
        return None
    return span


def _stands_alone(qs: int, qe: int, t: Text) -> bool:
    """'"I would," she said.': a short quotation that opens its sentence and closes with its own
    punctuation is someone's utterance, not a scare quote or a title inside a sentence."""
    inner = t.text[qs:qe].rstrip("“”\"'")
    before = t.text[t.paragraph_start(qs) : qs].rstrip()
    return inner[-1:] in SPOKEN_END and (not before or before[-1] in ".!?:")


def continuations(untagged: list[tuple[int, int]], found: list[Attribution], t: Text) -> list[Attribution]:
    """A quotation with no tag continues the last attribution of its paragraph, or the previous
    paragraph's closing quotation when it opens its own paragraph."""
    out = []
    done = sorted((f for f in found if f.speaker is not None), key=lambda f: f.end)
    ends = [f.end for f in done]
    for qs, qe in untagged:
        i = bisect.bisect_right(ends, qs) - 1
        if i < 0:
            continue
        prev = done[i]
        same = t.paragraph_of(prev.start) == t.paragraph_of(qs)
        opens = not t.text[t.paragraph_start(qs) : qs].strip()
        follows = prev.direct and t.paragraph_of(prev.end) == t.paragraph_of(qs) - 1 and opens
        if not (same or follows):
            continue
        f = Attribution(qs, qe, True, None, prev.cue_text, speaker=prev.speaker, medium=prev.medium, date=prev.date)
        out.append(f)
        done.insert(i + 1, f)
        ends.insert(i + 1, qe)
    return out
