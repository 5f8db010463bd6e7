"""Shared fixtures: one spaCy pipeline per test session, and `extract` over a text written in the test."""
from __future__ import annotations

import pytest

from dateline import language, pipeline
from dateline.ingest import from_text


@pytest.fixture(scope="session")
def nlp():
    return language.load()


@pytest.fixture(scope="session")
def extract(nlp):
    """extract(text, published="2019-03-13") -> Record (dataclasses), through the whole pipeline."""

    def run(text: str, published: str | None = None, doc_id: str = "t"):
        document = from_text(text, doc_id, "<test>", published=published)
        return pipeline.extract_one(document, nlp)

    return run
