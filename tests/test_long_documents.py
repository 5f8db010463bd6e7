"""Long documents cost time in proportion to their length: no step scans the whole document, or all its
events, once per sentence, event or quotation; and a long document does not keep short ones waiting."""
from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

from dateline.facets.arguments import fatalities, incidents, merging
from dateline.facets.quotes.cues import widen
from dateline.io.documents import Document
from dateline.record import Article, Event, EventDate, EventLocation, Evidence
from dateline.run.local import batches


def _doc(name: str, chars: int) -> Document:
    return Document(name, "x" * chars, Article(), f"{name}.txt")


def test_a_long_document_travels_alone():
    items = [_doc("a", 10), _doc("b", 10), _doc("long", 500), _doc("c", 10), _doc("d", 10)]
    assert [[d.id for d in b] for b in batches(items, size=10, chars=100)] == [["a", "b"], ["long"], ["c", "d"]]


def test_short_documents_share_batches_of_at_most_the_batch_length():
    items = [_doc(str(i), 30) for i in range(7)]
    assert [len(b) for b in batches(items, size=10, chars=100)] == [3, 3, 1]
    assert [len(b) for b in batches(items, size=2, chars=100)] == [2, 2, 2, 1]


class _Counted(Sequence):
    """A list that counts how many of its items are read."""

    def __init__(self, items: list):
        self.items, self.reads = items, 0

    def __getitem__(self, i):
        self.reads += 1
        return self.items[i]

    def __len__(self) -> int:
        return len(self.items)


def test_widening_a_content_reads_only_the_quotations_near_it():
    spans = [(i * 100, i * 100 + 40) for i in range(10_000)]  # a quotation in every paragraph
    quotes = _Counted(spans)
    t = SimpleNamespace(quotes=quotes, quote_ends=[e for _, e in spans])
    # a content from inside one quotation to inside the next, its cue between them
    assert widen(500_020, 500_120, 500_060, t) == (500_000, 500_140, False)
    assert quotes.reads <= 3
    assert widen(500_010, 500_030, 400_000, t) == (500_000, 500_040, True)


def _clash(n: int, town: str, day: str) -> Event:
    return Event(f"e{n}", "Battles", "Armed clash", "occurred", [Evidence(n * 10, n * 10 + 5, "clash")], 0.9,
                 date=EventDate(day, day, "day"), location=EventLocation(town, None, "Iraq", 33.0, 44.0, "town"))


def test_an_incident_is_looked_for_among_those_at_its_place(monkeypatch):
    calls = []
    real = incidents._takes_up
    monkeypatch.setattr(incidents, "_takes_up", lambda *args: calls.append(1) or real(*args))
    # a chronicle: 600 clashes at 300 towns, each town's told twice, with a day between
    events = [_clash(i, f"Town {i % 300}", "2008-04-01" if i < 300 else "2008-04-03") for i in range(600)]
    grouped = incidents.group(None, events, {})  # type: ignore[arg-type]  # no anchors: no view is read
    assert len(grouped) == 600  # another day is another incident
    assert len(calls) <= 2 * 600  # not one comparison with each incident found before (180,000)
    again = [_clash(i, f"Town {i % 3}", "2008-04-01") for i in range(9)]
    assert [len(e.evidence) for e in incidents.group(None, again, {})] == [3, 3, 3]  # type: ignore[arg-type]


def test_a_chronicle_of_one_town_compares_a_mention_with_its_latest_incidents_only(monkeypatch):
    calls = []
    real = incidents._takes_up
    monkeypatch.setattr(incidents, "_takes_up", lambda *args: calls.append(1) or real(*args))
    days = [f"20{y:02d}-{m:02d}-{d:02d}" for y in range(1, 5) for m in range(1, 13) for d in range(1, 13)]
    events = [_clash(i, "Ashgrove", day) for i, day in enumerate(days)]  # 576 days of clashes at one town
    assert len(incidents.group(None, events, {})) == len(days)  # type: ignore[arg-type]
    assert len(calls) <= 2 * incidents.LOOKBACK * len(days)  # not each earlier day (165,600)


def test_a_mention_is_merged_without_a_look_at_every_event_kept(monkeypatch):
    calls = []
    real = merging._undated
    monkeypatch.setattr(merging, "_undated", lambda ev: calls.append(1) or real(ev))
    events = [_clash(i, f"Town {i}", f"2008-0{1 + i % 9}-1{i % 10}") for i in range(600)]
    headline = _clash(600, "Town 7", "2008-04-04")
    headline.date = EventDate("2008-04-04", "2008-04-04", "publication")  # no day of its own
    kept = merging.merge(None, events + [headline], {}, frozenset(), frozenset())  # type: ignore[arg-type]
    assert len(kept) == 600 and len(kept[7].evidence) == 2  # the undated mention joins the one at its place
    assert len(calls) <= 5 * 601  # not one test of each event kept before (180,000)


class _Lookups:
    """A set of token indices that can only be asked about one index at a time, and counts the asking."""

    def __init__(self, items: set[int]):
        self.items, self.asked = items, 0

    def __contains__(self, i: object) -> bool:
        self.asked += 1
        return i in self.items


def test_a_sentence_toll_reads_only_its_own_dates_and_sums(nlp):
    doc = nlp("Police said 40 people died in 2008 in Kirkuk. Militants killed three men on Monday. " * 50)
    sents = list(doc.sents)
    not_counts = _Lookups({t.i for e in doc.ents if e.label_ in ("DATE", "MONEY", "PERCENT") for t in e})
    view = SimpleNamespace(doc=doc, sents=sents, times={}, quantities={}, not_counts=not_counts)
    tolls = [fatalities._sentence_deaths(view, i)[0] for i in range(len(sents))]  # type: ignore[arg-type]
    assert [t[0] for t in tolls[:2] if t] == [40, 3]
    assert not_counts.asked <= len(doc)  # each token asked about once, not the document's set per sentence


def test_nouns_that_take_up_an_act_look_only_near_them_for_it(nlp):
    import bisect

    from dateline.facets.arguments.references import take_up
    from dateline.record import Mention

    doc = nlp("A bomb exploded in Ashgrove. " + "The blast shook the town, where a march was held. " * 200)
    starts = [s.start_char for s in doc.sents]
    view = SimpleNamespace(doc=doc, sentence=lambda c: bisect.bisect_right(starts, c) - 1)
    bomb = Mention("Explosions/Remote violence", "Remote explosive/landmine/IED", 2, 6, "bomb", "occurred", "ev1")
    marches = [Mention("Protests", "Peaceful protest", t.idx, t.idx + 5, "march", "occurred", f"ev{n + 2}")
               for n, t in enumerate(t for t in doc if t.lower_ == "march")]
    mentions = _Counted([bomb, *marches])
    found = take_up(view, mentions)  # type: ignore[arg-type]
    assert len(found) == 200 and {target for target, _ in found} == {0}  # every blast is the bomb's
    assert mentions.reads <= 20 * len(mentions)  # not every mention once per noun (40,000)
