from contextlib import contextmanager

import pytest

from dateline.cli.main import main
from dateline.io.documents import Failure
from dateline.io.formats import from_jsonl
from dateline.run import dask as cluster
from dateline.run.local import run
from dateline.settings import Settings

distributed = pytest.importorskip("distributed")

LINES = [
    '{"id": "a", "text": "Gunmen attacked a police post in Kano on Monday, killing two officers.", '
    '"published": "2021-03-03"}',
    "{broken",
    '{"id": "b", "text": "Protesters marched in Accra on Tuesday.", "published": "2021-03-03"}',
    '{"id": "c", "text": "Troops clashed with rebels near Goma, killing four.", "published": "2021-03-03"}',
]


@pytest.fixture()
def in_process(monkeypatch):
    """A real Dask scheduler and worker, inside this process: fast, yet the same submit/result path."""
    @contextmanager
    def client(address, workers):
        with distributed.Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as c:
            yield c

    monkeypatch.setattr(cluster, "_client", client)


def test_dask_results_come_back_in_input_order(in_process, monkeypatch):
    monkeypatch.setenv("DATELINE_ACTORS", "")
    results = list(run(from_jsonl(LINES, "batch.jsonl"), Settings(batch_size=1), dask="local"))
    assert [r.source if isinstance(r, Failure) else r.id for r in results] == ["a", "batch.jsonl:2", "b", "c"]
    assert results[0].events and results[0].events[0].sub_event_type


def test_unreachable_scheduler_is_a_usage_error(tmp_path, capsys, monkeypatch):
    def refuse(address, timeout):
        raise OSError("connection refused")

    monkeypatch.setattr(distributed, "Client", refuse)
    story = tmp_path / "story.txt"
    story.write_text("Police arrested two men in Lagos on Monday.\n")
    assert main(["extract", str(story), "--dask", "tcp://127.0.0.1:9"]) == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
