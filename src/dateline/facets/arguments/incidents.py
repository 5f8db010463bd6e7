"""One incident, one event: the occurred mentions a report makes of one incident grouped by coreference.

After `merging` has joined the mentions of one sentence and their continuations, an event takes up an earlier
one when they are of one family (the same ACLED type; an attack's facets — a bombing inside an assault, the
damage done in it — count as one family of violence; one crowd is one event, coded at its worst; forces moved
around a violent incident or a riot are part of it; the police's own acts at a riot stay events of their own),
at the same place or one containing the other or an unspecified one, on the same or an unspecified day, and
nothing in its clause opens an incident of its own ("another clash", "in a separate attack", "also attacked").
A host told at a coarser place or without a day (a headline, a lead) takes the finer place and the day of the
first mention it takes up, so that a second incident at another town stays apart. The toll of an incident is
the largest of its mentions' (`merging.absorb`), never their sum.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import islice

from spacy.tokens import Token

from ...record import Event, EventLocation
from .document import DocView
from .factuality import opens_incident
from .merging import absorb
from .references import refers
from .words import DEFINITE, RANK, vocabulary

VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
DAMAGE = "Looting/property destruction"
STRATEGIC = "Strategic developments"
# what forces do around an incident (deploy, withdraw, impose a curfew) is part of it; a weapon disrupted
# is not (an intercepted rocket is coded as the interception)
AROUND = {"Change to group/activity"}


def _family(ev: Event) -> str:
    if ev.event_type in VIOLENCE or ev.sub_event_type == DAMAGE:
        return "violence"
    if ev.event_type in ("Protests", "Riots"):
        return "crowds"
    return ev.sub_event_type  # strategic developments: an arrest is one with arrests only


def _rank(loc: EventLocation | None) -> int:
    return RANK.get(loc.precision, 3) if loc is not None else 4


def _contains(big: EventLocation, small: EventLocation) -> bool:
    if big.precision == "country":
        return big.country is not None and big.country == small.country
    if big.precision == "region":
        return big.name in (small.admin1, small.name) or (small.admin1 is not None and small.admin1 == big.admin1
                                                          and small.name != big.name and _rank(small) < 2)
    return False


def _other_place(story: EventLocation, headline: EventLocation | None) -> bool:
    """The story's place is not the headline's, nor a province or country that holds it."""
    if headline is None or story.name.lower() == headline.name.lower() or story.precision == "country":
        return False
    province = story.precision == "region" and story.name == story.admin1
    return not (province and _contains(story, headline))


def _same_place(a: EventLocation | None, b: EventLocation | None) -> bool:
    if a is None or b is None:
        return True
    if a.name.lower() == b.name.lower():
        return True
    if a.precision == b.precision:
        return False
    return _contains(a, b) if _rank(a) > _rank(b) else _contains(b, a)


def _undated(ev: Event, reported: AbstractSet[int] = frozenset()) -> bool:
    """No day of its own: none, the report's, or one that hangs on another clause of its sentence ("seven
    were killed in a shootout, officials said Tuesday": Tuesday is when they said it)."""
    return ev.date is None or ev.date.precision == "publication" or id(ev) in reported


def _same_day(a: Event, b: Event, reported: AbstractSet[int]) -> bool:
    if _undated(a, reported) or _undated(b, reported):
        return True
    return not (a.date.end < b.date.start or b.date.end < a.date.start)  # type: ignore[union-attr]


def _definite(anchor: Token | None) -> bool:
    """"the attack", "the blast", "this bombing": a mention that takes up an act told before."""
    return anchor is not None and any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in anchor.children)


def _named_back(anchor: Token | None) -> frozenset[str]:
    """The event types an act is named by a definite noun in the mention's sentence ("The soldiers killed in
    the attack were hit by explosive devices and rifle fire"): the sentence tells more of an act told
    before, so its other sub-type is a facet of that act, and whom it takes as actor does not make it
    another's act. A mention told with an indefinite article is an act of its own ("The failed attack came a
    day after a major assault")."""
    if anchor is None or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in anchor.children):
        return frozenset()
    words = vocabulary()
    nouns, blocked = words["reference_nouns"], words["not_reference_words"]
    kinds: set[str] = set()
    for tok in anchor.sent:
        named = nouns.get(tok.lemma_.lower())
        if named and tok is not anchor and refers(tok, blocked) and _definite(tok):
            kinds |= named
    return frozenset(kinds)


def _referred(anchor: Token | None, view: DocView) -> bool:
    """A mention that names an incident as one already known ("the bombing", "Saturday's attack", "the riots"),
    below the headline: a report tells a new incident first by what happened, not by a definite name."""
    # a proper noun too: a lower-cased archive's "the godhra massacre" is tagged one
    if anchor is None or anchor.pos_ not in ("NOUN", "PROPN") or view.sentence(anchor.idx) == 0:
        return False
    if anchor.lower_.endswith(tuple(vocabulary()["people_suffixes"])):
        return False  # "the police dispersed the demonstrators": who took part, not a known incident
    if anchor.dep_ in ("nsubj", "nsubjpass") and anchor.head.pos_ == "VERB":
        return False  # "the clashes spread to Baghdad", "the attack was condemned": the act as a subject is told
    return any(c.dep_ == "det" and c.lower_ in DEFINITE or c.dep_ == "poss" for c in anchor.children)


def known_only(view: DocView, ev: Event, anchors: Sequence[Token | None]) -> bool:
    """The incident is told only by definite names ("arrested in connection with the attack", "three days
    after the bombing"): an incident the report takes as known and never tells, an earlier one (its news, if
    any, was told before the report); `anchors`: the anchor of each mention, by mention index. Not a
    strategic development: "confirmed the arrest of five suspects" is how arrests are told as news."""
    return ev.event_type != STRATEGIC and bool(ev.mentions) and all(_referred(anchors[i], view) for i in ev.mentions)


def _facet_of(host: Event, ev: Event, anchor: Token | None, summary: bool, named: AbstractSet[str]) -> bool:
    """Of one incident though of another sub-type: the damage done in it, a definite mention of it ("the
    attack"), or a summary (headline, lead) told of it; otherwise another sub-type is another event, as
    ACLED codes a battle and the air strikes that back it apart."""
    if host.sub_event_type == ev.sub_event_type:
        return True
    if _around(ev, host) or _around(host, ev):
        return True
    if _family(host) != _family(ev):
        return False
    if _family(host) == "crowds":
        return True  # one crowd at one place on one day is one event, coded by what it did at its worst
    return DAMAGE in (host.sub_event_type, ev.sub_event_type) or _definite(anchor) or summary \
        or host.event_type in named


def _around(aside: Event, incident: Event) -> bool:
    """A move of forces told beside a violent incident or a riot ("troops were deployed", "a curfew was
    imposed", "the attackers retreated"): ACLED codes the incident, not the move. The police's arrests at a
    riot or their firing on it are not taken in: folded into the riot they would leave the record with no
    act of the police's own, the question studies of police action ask of it."""
    return aside.sub_event_type in AROUND and _family(incident) in ("violence", "crowds")


def _other_hands(host: Event, ev: Event, anchor: Token | None, named: AbstractSet[str]) -> bool:
    """Acts of other named perpetrators are other incidents ("Soldiers later killed three villagers")."""
    return (host.actor1 is not None and ev.actor1 is not None and host.actor1.name != ev.actor1.name
            and not _definite(anchor) and host.event_type not in named and not _around(ev, host)
            and not _around(host, ev)
            and not _family(host) == _family(ev) == "crowds")


def _takes_up(host: Event, ev: Event, anchor: Token | None, summary: bool, reported: AbstractSet[int],
              named: AbstractSet[str] = frozenset(), anywhere: bool = False) -> bool:
    return (host.modality == ev.modality and not _other_hands(host, ev, anchor, named)
            and _facet_of(host, ev, anchor, summary, named)
            and (anywhere or _same_place(host.location, ev.location))
            and _same_day(host, ev, reported))


def _refine(host: Event, ev: Event, reported: set[int], headline: bool = False) -> None:
    """A host told coarsely takes the finer place and the day of what it takes up. A headline's host takes
    the place the story's sentence gives, unless that is a province or a country holding the headline's:
    a headline names the story's big town ("... near Kirkuk market; police detain two suspects"), the
    story where each act happened ("detained two suspects in the Hawija district")."""
    if ev.location is not None and (_rank(ev.location) < _rank(host.location) or headline and _other_place(
            ev.location, host.location)):
        host.location = ev.location
    if _undated(host, reported) and not _undated(ev, reported):
        host.date = ev.date
        reported.discard(id(host))
    if _family(host) == _family(ev) == "crowds":
        return  # a crowd is coded at its worst (`merging.absorb`)
    if host.sub_event_type != ev.sub_event_type and ev.sub_event_type != DAMAGE and not _around(ev, host) \
            and (ev.confidence > host.confidence or _around(host, ev)):
        # the likelier reading tells the act: a headline's "clash" is the bombing the story tells
        host.event_type, host.sub_event_type = ev.event_type, ev.sub_event_type
        host.plover, host.cameo = ev.plover, ev.cameo


Entry = tuple[int, Event]  # an incident and its place in the report's order

# A mention takes up one of the last incidents of its kind at its place, not one told a hundred incidents
# before: a day-by-day chronicle of one town would otherwise compare each mention with every earlier day.
LOOKBACK = 64


class _Hosts:
    """The incidents found so far, indexed for those that may take a mention up, so that a long report
    costs no scan of all its incidents per mention: only one of the mention's modality can (it does not
    change when it takes one up; the family can, when a move of forces takes up the riot it surrounds), and
    of those, for a mention placed at a town or a district, only one at the same place, at a broader one, or
    at none (a place only grows finer)."""

    def __init__(self, reported: set[int], filed: Mapping[int, EventLocation]) -> None:
        self.reported = reported
        self.filed = filed  # the dateline's place of the events placed by it alone, their place left open
        self.events: list[Event] = []
        self.kin: dict[str, list[Entry]] = {}
        self.broad: dict[str, list[Entry]] = {}  # those placed at no town nor district
        self.named: dict[tuple[str, str], list[Entry]] = {}  # those at a town or a district, by name
        self.order: dict[int, int] = {}

    def add(self, ev: Event) -> None:
        self.order[id(ev)] = len(self.events)
        self.events.append(ev)
        self.kin.setdefault(ev.modality, []).append((self.order[id(ev)], ev))
        if _fine(ev.location):
            self.placed(ev)
        else:
            self.broad.setdefault(ev.modality, []).append((self.order[id(ev)], ev))

    def placed(self, ev: Event) -> None:
        """`ev` is (now) at a town or a district."""
        assert ev.location is not None
        named = self.named.setdefault((ev.modality, ev.location.name.lower()), [])
        bisect.insort(named, (self.order[id(ev)], ev), key=lambda entry: entry[0])

    def host_of(self, ev: Event, anchor: Token | None, summaries: set[int]) -> Event | None:
        """The latest incident of the same sub-type that takes `ev` up, else the latest of any."""
        if _fine(ev.location):
            assert ev.location is not None
            lists = [self.named.get((ev.modality, ev.location.name.lower()), []), self.broad.get(ev.modality, [])]
        else:
            lists = [self.kin.get(ev.modality, [])]

        def last(takes_up: Callable[[Event], bool]) -> Event | None:
            found = [f for f in (next((e for e in islice(reversed(entries), LOOKBACK) if takes_up(e[1])), None)
                                 for entries in lists)
                     if f is not None]
            return max(found, key=lambda entry: entry[0])[1] if found else None

        named = _named_back(anchor)
        return (last(lambda k: k.sub_event_type == ev.sub_event_type
                     and _takes_up(k, ev, anchor, False, self.reported, named) and self.near_dateline(k, ev))
                or last(lambda k: _takes_up(k, ev, anchor, id(k) in summaries, self.reported, named)
                        and self.near_dateline(k, ev)))

    def summarised(self, view: DocView, ev: Event, anchor: Token | None, summaries: set[int]) -> Event | None:
        """The incident just told by a summary (a headline, a lead) that a definite mention in the next
        sentence goes on to tell, wherever the summary placed it ("A shootout killed seven, officials in the
        state said. The confrontation occurred Monday near the town of X")."""
        entries = self.kin.get(ev.modality)
        if anchor is None or not entries or not _definite(anchor):
            return None
        host = entries[-1][1]
        if id(host) not in summaries or not host.evidence \
                or view.sentence(anchor.idx) - view.sentence(host.evidence[-1].start) > 1:
            return None
        return host if _takes_up(host, ev, anchor, True, self.reported, anywhere=True) else None

    def headlined(self, view: DocView, ev: Event, anchor: Token | None, headlines: set[int]) -> Event | None:
        """The incident a headline told at a place it names that the story's first mention of it places
        elsewhere in the same province ("Gunmen abduct five in NW Nigeria village" over "... raided a village
        in Kaduna state"): a headline names the region its reader knows, the story the place."""
        if ev.location is None or ev.location.admin1 is None:
            return None
        for _, host in reversed(self.kin.get(ev.modality, [])[-LOOKBACK:]):
            if id(host) in headlines and host.location is not None and host.location.text_start is not None \
                    and view.paragraph(host.location.text_start) == 0 \
                    and host.location.admin1 == ev.location.admin1 \
                    and _takes_up(host, ev, anchor, True, self.reported, anywhere=True):
                return host
        return None

    def near_dateline(self, a: Event, b: Event) -> bool:
        """A mention placed by the dateline alone is of an incident in the dateline's province, not anywhere."""
        for x, y in ((a, b), (b, a)):
            home = self.filed.get(id(x))
            if home is not None and x.location is None and y.location is not None \
                    and home.name != y.location.name and (home.admin1 is None or home.admin1 != y.location.admin1):
                return False
        return True


TITLE_MAX = 200  # characters: a first line longer than this is the story's lead, not its title


def _titled(view: DocView) -> bool:
    """Whether the report opens with a title: a short first line, unpunctuated, with a story after it."""
    if len(view.paragraphs) < 2:
        return False
    title = view.text[: view.paragraphs[1]].strip()
    return 0 < len(title) <= TITLE_MAX and title[-1] not in ".!?\"”:;)"


def _in_headline(view: DocView, anchor: Token | None, titled: bool) -> bool:
    return titled and anchor is not None and view.paragraph(anchor.idx) == 0


def _fine(loc: EventLocation | None) -> bool:
    return loc is not None and loc.precision in ("district", "town")


DATELINE_HEAD = 400  # characters at the start where a dateline stands
# what follows a dateline's place: "KABUL -", "Kabul, Afghanistan (Reuters) -", "ahmedabad:"
AFTER_DATELINE = re.compile(r"\s*(?:,\s*[A-Za-z .]{2,30})?\s*(?:\([^()\n]{0,30}\))?\s*[-–—:]\s")


def _dateline_start(view: DocView) -> int | None:
    """Where the place of the report's wire dateline starts, if it has one: the first place the places facet
    read by its dateline, near the top and followed by a dateline's dash or colon."""
    read = [p for ps in view.places.values() for p in ps if p.basis == "dateline"]
    place = min(read, key=lambda p: p.start) if read else None
    if place is None or place.start >= DATELINE_HEAD:
        return None
    return place.start if AFTER_DATELINE.match(view.text, place.end) else None


def group(view: DocView, events: list[Event], anchors: Mapping[int, Token | None],
          reported: set[int] | None = None) -> list[Event]:
    """The events that remain when the mentions of one incident are one event (in document order).
    `reported`: the ids of the events dated by the day something was said of them, updated in place."""
    reported = set() if reported is None else reported
    # a place read off the wire dateline ("MANILA -", "ahmedabad:") is where the report was filed: the lead it
    # places takes up the story's mention of its incident at the place the story names in the dateline's
    # province, and keeps the dateline's place only when no mention names another
    filed = _dateline_start(view) if view is not None else None  # (a bare list of events, as a test hands)
    by_dateline = {id(ev): ev.location for ev in events if filed is not None and ev.location is not None
                   and ev.location.text_start == filed}
    for ev in events:
        if id(ev) in by_dateline:
            ev.location = None
    hosts = _Hosts(reported, by_dateline)
    summaries: set[int] = set()  # the hosts told as a headline or lead: coarsely placed, or undated
    headlines: set[int] = set()  # the hosts told in the report's title, not yet placed by its story
    titled = view is not None and _titled(view)
    for ev in events:
        anchor = anchors.get(id(ev))
        host: Event | None = None
        moved = False  # the story's definite mention places the summary's incident elsewhere
        if not opens_incident(anchor):
            host = hosts.host_of(ev, anchor, summaries)
            if host is None and view is not None:
                host = hosts.summarised(view, ev, anchor, summaries)
                moved = host is not None and ev.location is not None and _rank(ev.location) <= _rank(host.location)
            if host is None and not _in_headline(view, anchor, titled):
                host = hosts.headlined(view, ev, anchor, headlines)
        if host is None:
            hosts.add(ev)
            if anchor is not None and view.sentence(anchor.idx) == 0 or _rank(ev.location) >= 2 \
                    or _undated(ev, reported):
                summaries.add(id(ev))
            if _in_headline(view, anchor, titled):
                headlines.add(id(ev))
            continue
        was = host.location
        story = not _in_headline(view, anchor, titled)
        if moved:
            host.location = ev.location
        _refine(host, ev, reported, story and id(host) in headlines)
        if story:
            headlines.discard(id(host))
        if host.location is not was and _fine(host.location):
            hosts.placed(host)
        had = host.date
        absorb(host, ev)
        if host.date is not had and id(ev) in reported:
            reported.add(id(host))  # a headline dated by its lead's "officials said on Tuesday"
    for ev in hosts.events:
        if ev.location is None and id(ev) in by_dateline:
            ev.location = by_dateline[id(ev)]
    _chain_days(hosts.events, reported)
    return hosts.events


CHAINED = ("day", "range")  # the precisions of a day an incident told after it may take up


def _chain_days(events: list[Event], reported: AbstractSet[int]) -> None:
    """An incident told with no day of its own after one told with its day ("Herdsmen invaded two villages
    on Tuesday night ... Similarly, three others were attacked in a third") happened then, as a coder reads
    the report, not on the day it was published."""
    last = None
    for ev in events:
        if ev.date is not None and ev.date.precision in CHAINED and id(ev) not in reported:
            last = ev.date
        elif last is not None and (ev.date is None or ev.date.precision == "publication") \
                and id(ev) not in reported:
            ev.date = last
