"""The document as the quotes facet reads it: paragraphs, quotation spans and tokens by character
(`Text`), and `Attribution`, what each way of finding speech yields before its speaker is resolved.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...record import Speaker

QUOTE_MARK = re.compile(r"[“”\"]|''")


@dataclass
class Attribution:
    """One attribution before its speaker is resolved."""

    start: int
    end: int
    direct: bool
    cue: Token | None
    cue_text: str
    speaker_head: Token | None = None
    speaker_span: Span | None = None
    frame: list[Token] = field(default_factory=list)  # the cue's modifiers, which name medium and date
    speaker: Speaker | None = None
    medium: str | None = None
    date: str | None = None


class Text:
    """Paragraphs, quotation spans and token lookup by character, computed once per document."""

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.tok_starts = [t.idx for t in doc]
        self.quotes = self._quote_spans()  # in order, none overlapping another
        self.quote_ends = [e for _, e in self.quotes]

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self.newlines, pos - 1) if pos else 0

    def paragraph_start(self, pos: int) -> int:
        i = self.paragraph_of(pos)
        return self.newlines[i - 1] + 1 if i else 0

    def _paragraph_end(self, para: int) -> int:
        start = self.newlines[para - 1] + 1 if para else 0
        end = self.newlines[para] if para < len(self.newlines) else len(self.text)
        return start + len(self.text[start:end].rstrip())

    def _quote_spans(self) -> list[tuple[int, int]]:
        """(start, end) of each quotation, marks included; an unclosed one runs to its paragraph's end.
        Curly marks say which way they face ("”" opens only where a word follows it, as some sites
        write); straight ones alternate."""
        spans, open_at, open_para = [], None, -1
        for m in QUOTE_MARK.finditer(self.text):
            para = self.paragraph_of(m.start())
            if open_at is not None and para != open_para:
                spans.append((open_at, self._paragraph_end(open_para)))
                open_at = None
            mark = m.group()
            if open_at is not None and mark != "“":
                spans.append((open_at, m.end()))
                open_at = None
            elif mark != "”" or self.text[m.end() : m.end() + 1].isalnum():
                open_at, open_para = m.start(), para
        if open_at is not None:
            spans.append((open_at, self._paragraph_end(open_para)))
        return spans

    def token_at(self, pos: int) -> int:
        """Index of the first token starting at or after `pos`."""
        return bisect.bisect_left(self.tok_starts, pos)

    def quote_of(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.quotes, (pos, len(self.text) + 1)) - 1
        if i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]:
            return self.quotes[i]
        return None
