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


# ---------------------------------------------------------------- the command line, without tracebacks
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import dateline  # noqa: E402

SRC = str(Path(dateline.__file__).resolve().parent.parent)  # the tree under test, for child processes


def assert_no_traceback(err: str) -> None:
    assert "Traceback" not in err, err
    assert "Exception ignored" not in err, err


@pytest.fixture
def cli(capsys):
    """cli(*argv) -> (exit code, stdout, stderr) of `dateline ARGV` in this process; never a traceback.
    A usage error (argparse's SystemExit) is its exit code, as the shell sees it."""
    from dateline.cli import main as cli_main

    def run(*argv):
        try:
            code = cli_main.main([str(a) for a in argv])
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        assert_no_traceback(out.err)
        return code, out.out, out.err

    return run


def run_dateline(*argv, stdin=None, stdout=subprocess.PIPE, timeout=120, **kw) -> subprocess.CompletedProcess:
    """`python -m dateline ARGV` in a child process (this tree's source); stderr is checked for tracebacks."""
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.run([sys.executable, "-m", "dateline", *map(str, argv)], input=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, env=env, timeout=timeout, **kw)
    assert_no_traceback(proc.stderr.decode("utf-8", "replace"))
    return proc
