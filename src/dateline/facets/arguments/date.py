"""When an event happened: the time attached to its trigger's clause, else its sentence's. A time of
another sentence dates the event only when its sentence takes up an incident told before ("The attack
...", "the blast"): then the paragraph's running date, or one told just after about the same incident.
Otherwise the event stays undated here (the publication date, flagged), for the incident it joins to
date it. A time of the report ("said on Sunday") dates the event only when its sentence has no other;
a year that names a thing ("the 2011 tsunami") dates nothing. A date that hangs on
another clause of the event's sentence (mostly the report's) is told apart, for merging to override it."""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from ...record import EventDate, Time
from .anchoring import clause_of, is_attached, paragraph_before, pick, targets_of, untriggered_neighbours
from .document import DocView
from .fatalities import is_death_verb
from .words import DEFINITE, vocabulary


def _interval(value: str, published: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
    """A TIMEX3 value as (start, end, precision); durations end at the publication date."""
    value = value or ""
    try:
        if re.match(r"\d{4}-\d\d-\d\d", value):
            d = dt.date.fromisoformat(value[:10])
            return d, d, "day"
        m = re.match(r"(\d{4})-W(\d\d)", value)
        if m:
            start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return start, start + dt.timedelta(days=6), "week"
        m = re.match(r"(\d{4})-(\d\d)$", value)
        if m:
            start = dt.date(int(m.group(1)), int(m.group(2)), 1)
            nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, nxt - dt.timedelta(days=1), "month"
        m = re.match(r"(\d{4})$", value)
        if m:
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31), "year"
        m = re.match(r"P(\d+)([DW])$", value)
        if m and published is not None:
            days = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
            return published - dt.timedelta(days=days), published - dt.timedelta(days=1), "range"
    except ValueError:
        return None
    return None


def date_of(view: DocView, anchor: Token, triggers: frozenset[int]) -> EventDate | None:
    """The date of the event read from `anchor`; `triggers`: the sentences that hold an event."""
    def usable(t: Time) -> bool:
        return t.type != "SET" and _interval(t.value, view.published) is not None and not names_a_thing(view, t)

    here = [t for t in view.times.get(view.sentence(anchor.idx), []) if usable(t)]
    best = pick(here, view, anchor, lambda t: t.type == "DURATION")
    if best is None or not _attached_time(view, best, anchor):
        # a time of another clause: the report's ("officials said on Tuesday") stands in last; one that
        # frames another event ("after MPs travelled on Friday") dates nothing here. A sentence that takes
        # up an incident told before has the paragraph's running date; a sentence told just after that
        # takes this one up has its own ("... said on Tuesday. The attack took place on Monday.")
        here_index = view.sentence(anchor.idx)
        own = best if best is not None and not _framing(view, best) else None
        if own is not None and not _of_speech(view, own) and re.match(r"\d{4}-\d\d-\d\d", own.value or ""):
            best = own  # the sentence's own day, only parsed apart from the trigger
        else:
            takes_up = _takes_up(view.sents[here_index], anchor)
            before = paragraph_before(view.times, view, anchor, lambda t: usable(t) and _borrowable(view, t)
                                      and (takes_up or _sets_the_scene(view, t)))
            after = [t for i in sorted(untriggered_neighbours(view, triggers, here_index))
                     if i > here_index and _takes_up(view.sents[i])
                     for t in view.times.get(i, []) if usable(t) and t.type == "DATE"]
            best = before[-1] if before else after[0] if after else own
    if best is not None:
        interval = _interval(best.value, view.published)
        assert interval is not None, "every candidate time passed usable(), which requires an interval"
        start, end, precision = interval
        return EventDate(start.isoformat(), end.isoformat(), precision, best.text, best.start, best.end)
    if view.published is not None:
        day = view.published.isoformat()
        return EventDate(day, day, "publication")
    return None


def _takes_up(sent: Span, anchor: Token | None = None) -> bool:
    """A sentence that continues the incident told before it: a definite event noun ("the attack"), the
    trigger itself definite, a definite or pronoun subject ("The victim was", "They fired"), or an
    opening that says so ("During the day, ...")."""
    words = vocabulary()
    nouns = words["attack_nouns"]
    if any(t.lower_ in nouns and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in t.children) for t in sent):
        return True
    if anchor is not None and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in anchor.children):
        return True
    if anchor is not None and (anchor.lemma_.lower() in words["victim_verbs"] or is_death_verb(anchor)):
        return True  # a victim or damage report: "A civilian woman was wounded."
    first = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")), None)  # the sentence's first
    subjects: list[Token] = [first] if first is not None else []
    if anchor is not None:  # and the event's own: "X said the soldiers had faced roadside bombs"
        subjects += [c for c in clause_of(anchor).children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(t.lower_ in words["continuation_adverbs"] and t.dep_ in ("advmod", "det", "amod") for t in sent):
        return True
    if any(s.lower_ in words["pronoun_subjects"] or any(c.dep_ == "det" and c.lower_ in DEFINITE
                                                          for c in s.children) for s in subjects):
        return True
    opening = sent.text[:40].lower()
    return any(opening.startswith(w) for w in words["continuation_words"])


SCENE = re.compile(r"^(?:[^.:\n]{0,40}:)?\s*(?:(?:on|around|in|early|late|at|by)\s+)*$", re.IGNORECASE)


def _sets_the_scene(view: DocView, time: Time) -> bool:
    """A day that opens its sentence ("On 8 May 2020, in Lakeside, ...", "Patrols: On 7 May,")
    sets the scene for the paragraph told after it, until another time takes over."""
    sent = view.sents[view.sentence(time.start)]
    return bool(SCENE.match(view.text[sent.start_char : time.start]))


def _borrowable(view: DocView, time: Time) -> bool:
    """A time another sentence may take: a day or a week of the incident, never a report's time nor a
    month or a year of background ("In September, the UN said ...", "last year")."""
    return time.type != "DURATION" and bool(re.match(r"\d{4}-(\d\d-\d\d|W\d\d)", time.value or "")) \
        and not _of_speech(view, time)


def _of_speech(view: DocView, time: Time) -> bool:
    """A time of a report ("In September, the UN said ..."): it dates no act of another sentence."""
    return _spoken_at(view, time.start, time.end)


def is_said(view: DocView, date: EventDate | None) -> bool:
    """The event's date is the day something was said of it ("seven were killed in a shootout, officials
    said Tuesday"), not the day of the act."""
    return date is not None and date.text_start is not None and date.text_end is not None \
        and _spoken_at(view, date.text_start, date.text_end)


def _spoken_at(view: DocView, start: int, end: int) -> bool:
    tok = view.token(start, end)
    for _ in range(6):
        if tok is None or tok.head is tok:
            return tok is not None and tok.lemma_.lower() in vocabulary()["speech_verbs"]
        if tok.pos_ in ("VERB", "AUX"):
            return tok.lemma_.lower() in vocabulary()["speech_verbs"]
        tok = tok.head
    return False


def _framing(view: DocView, time: Time) -> bool:
    """A time in a clause that frames the event by another one: "after MPs travelled on Friday",
    "since fighting began in March"."""
    tok = view.token(time.start, time.end)
    marks = vocabulary()["frame_marks"]
    cur = tok
    for _ in range(6):
        if cur is None or cur.head is cur:
            return False
        if cur.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "mark" and c.lower_ in marks for c in cur.children) \
                or (cur.dep_ == "pcomp" and cur.head.lower_ in marks)
        cur = cur.head
    return False


def names_a_thing(view: DocView, time: Time) -> bool:
    """A bare year that names a thing, never a date of the news: "the 2011 tsunami", "the 2011 memorial"
    (a year is a year only before the nouns the times facet knows for it)."""
    if not re.fullmatch(r"\d{4}", time.value or "") or not re.fullmatch(r"\d{4}", time.text):
        return False
    tok = view.token(time.start, time.end)
    return tok is not None and tok.dep_ in ("nummod", "compound", "amod") and tok.head.pos_ == "NOUN" \
        and tok.head.i > tok.i and tok.head.lemma_.lower() not in ("year", "month", "season")


def _attached_time(view: DocView, time: Time, anchor: Token) -> bool:
    tok = view.token(time.start, time.end)
    return tok is not None and is_attached(tok, anchor, targets_of(anchor))


def is_reported(view: DocView, date: EventDate | None, anchor: Token) -> bool:
    """A date of the event's sentence that hangs on another clause, mostly the report's ("officials said
    on Tuesday"): a later mention that dates the event itself overrides it."""
    if date is None or date.text_start is None or date.text_end is None:
        return False
    if view.sentence(date.text_start) != view.sentence(anchor.idx):
        return False
    tok = view.token(date.text_start, date.text_end)
    return tok is not None and not is_attached(tok, anchor, targets_of(anchor))
