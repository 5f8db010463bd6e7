"""Shared fixtures: one spaCy pipeline per test session, and `extract` over a text written in the test."""
from __future__ import annotations

import json

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


# Invented reports: two outlets on one clash (different figures), a protest with a quote, and a report
# whose text carries markup that must come out as text.
REPORTS = [
    {"id": "wire-1", "outlet": "Harbor Post", "published": "2021-06-15",
     "title": "Soldiers and gunmen clash near Maiduguri",
     "text": "Soldiers and gunmen clash near Maiduguri\n\n"
             "MAIDUGURI, June 15 (Harbor Post) - Nigerian soldiers clashed with Boko Haram fighters near "
             "Maiduguri on Monday, killing nine militants, the army said.\n\n"
             '"Our troops repelled the attack," said army spokesman Musa Danladi. Residents said the '
             "fighting lasted three hours.\n"},
    {"id": "wire-2", "outlet": "Valley Herald", "published": "2021-06-15",
     "title": "Army repels attack outside Maiduguri",
     "text": "Army repels attack outside Maiduguri\n\n"
             "Nigerian soldiers clashed with Boko Haram fighters near Maiduguri on Monday, killing seven "
             "militants, a military source told the Valley Herald.\n\n"
             "The source said two soldiers were wounded in the fighting.\n"},
    {"id": "wire-3", "outlet": "Evening Ledger", "published": "2021-07-02",
     "title": "Traders march in Kano over market fees <script>alert('x')</script>",
     "text": "Traders march in Kano over market fees\n\n"
             "Hundreds of traders marched through Kano on Thursday to protest against new market fees, "
             "witnesses said. One banner read <script>alert('x')</script> in large letters.\n\n"
             '"We cannot pay twice for the same stall," said Amina Bello, who heads the traders\' union.\n'},
]


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, nlp):
    """A corpus database of the invented REPORTS, ingested once per session (for the web tests)."""
    from dateline.cli.main import main

    folder = tmp_path_factory.mktemp("web")
    batch = folder / "reports.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in REPORTS))
    db = folder / "web.db"
    assert main(["ingest", str(batch), "--db", str(db)]) == 0
    return db


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
