"""Shared fixtures: one spaCy pipeline per test session, and `extract` over a text written in the test."""
from __future__ import annotations

import pytest

from dateline.io.formats import from_text
from dateline.lexicon.actors import load_actors
from dateline.nlp import language
from dateline.nlp.context import FacetInput
from dateline.run.pipeline import extract_one


@pytest.fixture(scope="session")
def nlp():
    return language.load()


@pytest.fixture(scope="session")
def extract(nlp):
    """extract(text, published="2019-03-13") -> Record (dataclasses), through the whole pipeline."""

    def run(text: str, published: str | None = None, doc_id: str = "t"):
        document = from_text(text, doc_id, "<test>", published=published)
        return extract_one(document)

    return run


@pytest.fixture(scope="session")
def facet_input(nlp):
    """facet_input(text or Doc, published=None, **outputs of earlier facets) -> what a facet is handed."""

    def make(text, published=None, **found):
        doc = nlp(text) if isinstance(text, str) else text
        return FacetInput(doc, doc.text, published, load_actors(), found)

    return make
