"""The toll an analyst states in a coded note: "3 fatalities.", "Fatalities coded as 12 (including the
bomber).", "Unknown fatalities coded as 10 and spread across 3 locations.", "[1 fatality split among 4
events]". Such a statement is the coder's own figure for the note's event and overrides the deaths its
sentences tell ("a man was found dead ... 1 fatality"); a figure shared among several events is this event's
share of it ("48 fighters were killed. Fatalities split between 2 events." is 24), or the share the note
gives in brackets ("split across 4 events (2)").

A statement opens its sentence, clause or bracket with the fatality noun, before it only opening words and
the figure ("At least 6 fatalities", "Unclear reported fatalities coded as ..."), and either counts the
noun ("2 fatalities and 1 injured") or codes it ("coded as 10", "rounded down to 3", "split between").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .words import vocabulary

BOUNDARIES = {"[", "(", ",", ";", ":"}
SHARE = re.compile(r"\s*\((\d+)\)")  # "split across 4 events (2)": this event's share


@dataclass(frozen=True)
class CodedToll:
    """A statement's figure (None when it only shares out the note's own toll), the number of events it is
    shared among, the share the note gives itself, and the offsets of the statement."""

    total: int | None
    parts: int
    share: int | None
    start: int
    end: int

    def of(self, own: int | None) -> int | None:
        """This event's deaths, `own` being the toll the note's sentences tell."""
        if self.share is not None:
            return self.share
        total = self.total if self.total is not None else own
        if total is None:
            return None
        return int(total / self.parts + 0.5)  # ACLED shares a toll out evenly, the remainder to the first


def _value(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return vocabulary()["numbers"].get(text) if tok.lower_ not in ("a", "an") else None


def _opening(noun: Token, sent: Span) -> list[Token] | None:
    """The words between the statement's start and its noun, if they are all opening words or numbers."""
    words = vocabulary()
    before: list[Token] = []
    for tok in reversed(sent[: noun.i - sent.start]):
        if tok.text in BOUNDARIES:
            return before
        if tok.lower_ not in words["coded_toll_openers"] and _value(tok) is None:
            return None
        before.insert(0, tok)
    return before


def _end(noun: Token, sent: Span) -> int:
    """The token index where the statement ends: its sentence's end, or the bracket it opens in closing."""
    opener = noun.doc[noun.i - 1] if noun.i > sent.start else None
    first = next((t for t in reversed(sent[: noun.i - sent.start]) if t.text in BOUNDARIES), opener)
    closing = {"[": "]", "(": ")"}.get(first.text if first is not None else "")
    if closing is None:
        return sent.end
    return next((t.i for t in sent[noun.i - sent.start:] if t.text == closing), sent.end)


def coded_toll(sent: Span) -> CodedToll | None:
    """The analyst's statement of the toll in `sent`, if it holds one."""
    words = vocabulary()
    for noun in sent:
        if noun.lower_ not in words["coded_toll_nouns"]:
            continue
        opening = _opening(noun, sent)
        if opening is None:
            continue
        end = _end(noun, sent)
        after = list(noun.doc[noun.i + 1: end])
        counted = [v for v in (_value(t) for t in opening) if v is not None]
        coded = any(t.lemma_.lower() in words["coded_toll_verbs"] or t.lower_ in words["coded_toll_verbs"]
                    for t in after)
        total = counted[-1] if counted else None
        if total is None:
            total = _stated(after, noun)
        if total is None and not coded:
            continue
        parts, share = _shared(after) if coded else (1, None)
        if total is None and parts == 1 and share is None:
            continue
        start = opening[0].idx if opening else noun.idx
        words_of = [t for t in noun.doc[noun.i: end] if not t.is_space and not (t.is_punct and t.text not in ")]")]
        last = words_of[-1] if words_of else noun
        return CodedToll(total, parts, share, start, last.idx + len(last))
    return None


def _stated(after: list[Token], noun: Token) -> int | None:
    """The figure after the noun: "Total fatalities 2", "coded as 10", "rounded down to 3"."""
    for k, tok in enumerate(after):
        if tok.text in ("(", "["):
            return None
        value = _value(tok)
        if value is None:
            continue
        prev = after[k - 1] if k else noun
        if prev is noun or prev.lower_ in ("as", "to"):
            return value
    return None


def _shared(after: list[Token]) -> tuple[int, int | None]:
    """How many events the figure is shared among ("across three locations in two days": 6), and the share
    the note gives in brackets right after them ("split across 4 events (2)")."""
    words = vocabulary()
    parts, share = 1, None
    for k, tok in enumerate(after):
        if tok.lemma_.lower() not in words["coded_share_units"] or k == 0:
            continue
        count = after[k - 1]
        if _value(count) is None or count.lower_ in ("a", "an", "one"):
            continue
        lead = after[k - 2] if k >= 2 else None
        if lead is not None and lead.lower_ == "the" and k >= 3:
            lead = after[k - 3]
        if lead is None or lead.lower_ not in words["coded_share_preps"]:
            continue
        parts *= _value(count) or 1
        bracket = SHARE.match(tok.doc.text, tok.idx + len(tok))
        if bracket is not None:
            share = int(bracket.group(1))
    return parts, share
