"""The record round-trips through its dict and JSON form as the same dataclasses."""
from __future__ import annotations

import json

from dateline.record import EventLocation, Record, Speaker


def test_a_record_survives_json(extract):
    record = extract("Gunmen killed two guards at a bank in Mopti on Tuesday, police spokesman Ali Traore said.",
                     published="2019-03-13")
    again = Record.from_dict(json.loads(json.dumps(record.to_dict())))
    assert again == record
    assert isinstance(again.events[0].location, EventLocation)
    assert all(q.speaker is None or isinstance(q.speaker, Speaker) for q in again.quotes)


def test_unknown_keys_are_ignored_and_missing_ones_default():
    record = Record.from_dict({"id": "x", "article": {"title": "T", "extra": 1}, "text": "", "mentions": []})
    assert record.article.title == "T" and record.events == []
