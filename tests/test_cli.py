import json
import subprocess
import sys

import pytest

from dateline.cli.main import main

STORY = ("Police detain protest leaders\n\nBy Kofi Mensah, July 9, 2021\n\n"
         "Police arrested four protest leaders in Accra on Thursday, a spokesman said.\n")


@pytest.fixture()
def batch(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": f"d{i}",
                         "text": f"Headline {i}\n\nTroops clashed with gunmen near Gao, killing {i + 2} people.",
                         "published": f"2019-02-0{i + 1}"}) for i in range(5)]
    lines.insert(2, "{not json")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_jsonl_batch_with_a_bad_line(batch, capsys):
    status = main(["extract", str(batch), "--format", "jsonl"])
    out, err = capsys.readouterr()
    records = [json.loads(l) for l in out.splitlines()]
    assert status == 1
    assert [r["id"] for r in records] == ["d0", "d1", "d2", "d3", "d4"]
    assert "batch.jsonl:3" in err and "not valid JSON" in err
    assert records[0]["article"]["published"] == "2019-02-01"


def test_workers_keep_input_order(batch, capsys):
    status = main(["extract", str(batch), "--format", "jsonl", "--workers", "2"])
    out, _ = capsys.readouterr()
    assert status == 1
    assert [json.loads(l)["id"] for l in out.splitlines()] == ["d0", "d1", "d2", "d3", "d4"]


def test_json_record_has_every_contract_key(tmp_path, capsys):
    path = tmp_path / "story.md"
    path.write_text(STORY)
    assert main(["extract", str(path), "--format", "json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert set(rec) >= {"id", "article", "text", "entities", "times", "places", "quantities", "quotes", "events"}
    assert rec["id"] == "story.md" and rec["article"]["author"] == "Kofi Mensah"
    assert rec["article"]["published"] == "2021-07-09"


def test_published_flag_overrides_byline(tmp_path, capsys):
    path = tmp_path / "story.md"
    path.write_text(STORY)
    main(["extract", str(path), "--format", "json", "--published", "2021-07-10"])
    assert json.loads(capsys.readouterr().out)["article"]["published"] == "2021-07-10"


def test_missing_file_fails_but_others_come_out(tmp_path, capsys):
    path = tmp_path / "story.md"
    path.write_text(STORY)
    status = main(["extract", str(tmp_path / "nope.txt"), str(path), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert status == 1 and len(out.splitlines()) == 1 and "nope.txt: no such file" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "x.txt", "--published", "yesterday"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main([]) == 2


def test_text_report_and_stdin():
    proc = subprocess.run([sys.executable, "-m", "dateline", "extract", "-"], input=STORY, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Police detain protest leaders" in proc.stdout and "Kofi Mensah" in proc.stdout


def test_actors_file_extends_the_dictionary(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DATELINE_ACTORS", "")  # restored after the test, whatever the CLI sets
    book = tmp_path / "mine.yaml"
    book.write_text('groups:\n  - {name: "Red Hand Brigade", inter: 2, country: Ruritania, aliases: ["Red Hand"]}\n')
    story = tmp_path / "story.txt"
    story.write_text("Fighters of the Red Hand attacked a police post in Kano on Monday, killing two officers.\n")
    assert main(["extract", str(story), "--format", "json", "--published", "2021-03-03", "--actors", str(book)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert any((e.get("actor1") or {}).get("name") == "Red Hand Brigade" for e in record["events"])


def test_bad_actors_file_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DATELINE_ACTORS", "")  # restored after the test, whatever the CLI sets
    book = tmp_path / "broken.yaml"
    book.write_text("groups: [unclosed\n")
    story = tmp_path / "story.txt"
    story.write_text("Police arrested two men in Lagos on Monday.\n")
    assert main(["extract", str(story), "--actors", str(book)]) == 2
    assert "broken.yaml" in capsys.readouterr().err


def test_worker_pool_keeps_input_order_across_batches(batch):
    from dateline.io.documents import Failure
    from dateline.io.files import read_path
    from dateline.run.local import run
    from dateline.settings import Settings

    results = list(run(read_path(str(batch)), Settings(workers=2, batch_size=2)))
    assert [r.source.rsplit(":", 1)[1] if isinstance(r, Failure) else r.id for r in results] == \
        ["d0", "d1", "3", "d2", "d3", "d4"]


def test_jsonl_output_keeps_one_record_a_line(tmp_path, capsys):
    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Troops\u0085 entered the town.\u2028 Talks followed."},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["extract", str(path), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and "\u0085" in json.loads(lines[0])["text"]
