"""The workbench application: HTML pages and a JSON API over a corpus database, read-only.

Pages: / (events: filters, map, timeline, table, export), /events/{id}, /articles/{id}, /quotes, /search,
/docs (the API, from /openapi.json). API: /api/events, /api/events/{id}, /api/events.geojson,
/api/timeline, /api/articles/{id}, /api/quotes, /api/search.

The JSON routes hand their rows to JSONResponse as they come from SQLite (strings, numbers, None):
FastAPI's generic encoder would walk every value again, for most of a page's time.

Safety: no route writes (the database is opened read-only); every text is escaped by Jinja; every
response carries a strict Content-Security-Policy (no inline script, nothing from another origin);
bad parameters give 400 with a message, unknown ids 404, and an unexpected error a plain 500 page.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import QueryError
from . import palette, queries
from .highlight import Span, offsets, render, spans_ok
from .queries import Database, Filters

log = logging.getLogger("dateline.web")
HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
MODALITIES = ("occurred", "planned", "threatened", "negated", "hypothetical")
MAX_TEXT = 300
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FILTER_KEYS = ("country", "type", "sub_type", "actor", "modality", "from", "to", "near", "q")


class BadRequest(Exception):
    """A parameter the workbench cannot use; the message says which and what it wants."""


class NotFound(Exception):
    pass


# ---------------------------------------------------------------- parameters

def _text(params, name: str, limit: int = MAX_TEXT) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise BadRequest(f"{name}: at most {limit} characters")
    if "\x00" in value:
        raise BadRequest(f"{name}: contains a NUL character")
    return value or None


def _date(params, name: str) -> str | None:
    value = _text(params, name, 20)
    if value is None:
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"{name}={value!r} is not a date: use YYYY-MM-DD, e.g. 2008-04-04") from None


def _floats(value: str, name: str, n: int, example: str) -> list[float]:
    try:
        parts = [float(x) for x in value.split(",")]
        if len(parts) != n or not all(abs(p) < 1e9 and p == p for p in parts):
            raise ValueError
        return parts
    except ValueError:
        raise BadRequest(f"{name}={value!r}: give {n} comma-separated numbers, e.g. {example}") from None


def parse_filters(params) -> Filters:
    modality = _text(params, "modality")
    if modality and modality not in MODALITIES:
        raise BadRequest(f"modality={modality!r}: one of {', '.join(MODALITIES)}")
    date_from, date_to = _date(params, "from"), _date(params, "to")
    if date_from and date_to and date_from > date_to:
        raise BadRequest(f"from={date_from} is after to={date_to}")
    near_at: tuple[float, float, float] | None = None
    near = _text(params, "near", 80)
    if near:
        lat, lon, km = _floats(near, "near", 3, "30.5,47.8,25 (lat,lon,km)")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20000):
            raise BadRequest(f"near={near!r}: latitude -90..90, longitude -180..180, km above 0")
        near_at = (lat, lon, km)
    box: tuple[float, float, float, float] | None = None
    bbox = _text(params, "bbox", 120)
    if bbox:
        w, s, e, n = _floats(bbox, "bbox", 4, "40,29,48,37 (west,south,east,north)")
        if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
            raise BadRequest(f"bbox={bbox!r}: west,south,east,north with longitudes -180..180, "
                             f"latitudes -90..90 and south <= north")
        box = (w, s, e, n)
    return Filters(country=_text(params, "country"), event_type=_text(params, "type"),
                   sub_event_type=_text(params, "sub_type"), actor=_text(params, "actor"), modality=modality,
                   date_from=date_from, date_to=date_to, near=near_at, q=_text(params, "q", 500), bbox=box)


def _int(params, name: str, default: int, lo: int, hi: int) -> int:
    value = _text(params, name, 12)
    if value is None:
        return default
    try:
        n = int(value)
    except ValueError:
        raise BadRequest(f"{name}={value!r} is not a whole number") from None
    if not lo <= n <= hi:
        raise BadRequest(f"{name}={n}: between {lo} and {hi}")
    return n


def parse_paging(params, default_limit: int = 50, max_limit: int = 500) -> dict[str, Any]:
    sort = _text(params, "sort", 20) or "date"
    if sort not in queries.SORTS:
        raise BadRequest(f"sort={sort!r}: one of {', '.join(queries.SORTS)}")
    direction = _text(params, "dir", 4) or "desc"
    if direction not in ("asc", "desc"):
        raise BadRequest(f"dir={direction!r}: asc or desc")
    return {"sort": sort, "desc": direction == "desc", "dir": direction,
            "limit": _int(params, "limit", default_limit, 1, max_limit),
            "offset": _int(params, "offset", 0, 0, 10_000_000)}


def _id(value: str) -> int:
    if not value.isdigit() or len(value) > 18:
        raise NotFound(f"no such id: {value!r}")
    return int(value)


# The API's query parameters, declared once so /openapi.json documents them.
def api_filters(
    request: Request,
    country: str | None = Query(None, description="country name, e.g. Iraq (case-insensitive)"),
    type: str | None = Query(None, description="ACLED event type, e.g. Battles"),
    sub_type: str | None = Query(None, description="ACLED sub-event type, e.g. Armed clash"),
    actor: str | None = Query(None, description="actor 1 or 2 contains this (case-insensitive)"),
    modality: str | None = Query(None, description="occurred, planned, threatened, negated or hypothetical"),
    date_from: str | None = Query(None, alias="from", description="on or after YYYY-MM-DD"),
    date_to: str | None = Query(None, alias="to", description="on or before YYYY-MM-DD"),
    near: str | None = Query(None, description="lat,lon,km: within km kilometres of a point"),
    q: str | None = Query(None, description="FTS5 query over the events' evidence sentences"),
) -> Filters:
    return parse_filters(request.query_params)


def api_paging(
    request: Request,
    limit: str | None = Query(None, description="rows per page, 1..500 (default 50)"),
    offset: str | None = Query(None, description="rows to skip (default 0)"),
    sort: str | None = Query(None, description="date, id, type, sub_type, country, location, actor, fatalities"),
    dir: str | None = Query(None, description="asc or desc (default desc)"),
) -> dict[str, Any]:
    return parse_paging(request.query_params)


# ---------------------------------------------------------------- highlights

FIELD_CLASSES = {"trigger": "f-trigger", "date": "f-date", "place": "f-place", "actor1": "f-actor1",
                 "actor2": "f-actor2", "fatalities": "f-fatalities", "evidence": "f-evidence"}


def event_fields(ev: dict | None, text: str, prefix: str) -> tuple[list[Span], dict[str, str]]:
    """The spans of one event of a record, and for each field the anchor of its words."""
    spans: list[Span] = []
    anchors: dict[str, str] = {}
    if not ev:
        return spans, anchors

    def add(name: str, start: object, end: object, title: str) -> None:
        where = offsets(text, start, end)
        if where:
            anchor = None if name in anchors else f"{prefix}-{name}"
            if anchor:
                anchors[name] = anchor
            spans.append(Span(*where, FIELD_CLASSES[name], title, anchor))

    for e in ev.get("evidence") or []:
        add("evidence", e.get("start"), e.get("end"), "evidence")
    trig = ev.get("trigger") or {}
    add("trigger", trig.get("start"), trig.get("end"), f"trigger: {ev.get('sub_event_type')}")
    date = ev.get("date") or {}
    add("date", date.get("text_start"), date.get("text_end"),
        f"date: {date.get('start')}" + (f" to {date['end']}" if date.get("end") != date.get("start") else "")
        + f" ({date.get('precision')})")
    loc = ev.get("location") or {}
    placed = loc.get("lat") is not None and loc.get("lon") is not None
    coords = f" ({loc['lat']:.4f}, {loc['lon']:.4f})" if placed else ""
    add("place", loc.get("text_start"), loc.get("text_end"), f"place: {loc.get('name')}{coords}")
    for key in ("actor1", "actor2"):
        a = ev.get(key) or {}
        add(key, a.get("start"), a.get("end"), f"{key[:5]} {key[-1]}: {a.get('name')} (inter {a.get('inter')})")
    fat = ev.get("fatalities") or {}
    add("fatalities", fat.get("start"), fat.get("end"), f"fatalities: {fat.get('count')}")
    return spans, anchors


def article_spans(record: dict, text: str, event_ids: dict[str, int]) -> list[Span]:
    """Every facet of a record: entities, times, places, quantities, quotes and speakers, event triggers;
    those without offsets into `text` are left out (they could not be drawn)."""
    spans: list[Span] = []

    def add(start: object, end: object, cls: str, title: str, anchor: str | None = None) -> None:
        where = offsets(text, start, end)
        if where:
            spans.append(Span(*where, cls, title, anchor))

    for e in record.get("entities") or []:
        title = f"{e.get('label')}: {e.get('canonical')}" + (f" ({e['title']})" if e.get("title") else "")
        add(e.get("start"), e.get("end"), f"f-entity ent-{_slug(e.get('label'))}", title)
    for t in record.get("times") or []:
        add(t.get("start"), t.get("end"), "f-time", f"{t.get('type')}: {t.get('value')}")
    for p in record.get("places") or []:
        where = ", ".join(x for x in (p.get("name"), p.get("admin1"), p.get("country")) if x)
        coords = f" ({p['lat']:.4f}, {p['lon']:.4f})" if p.get("lat") is not None and p.get("lon") is not None else ""
        add(p.get("start"), p.get("end"), "f-place", f"place: {where}{coords} [{p.get('feature')}]")
    for q in record.get("quantities") or []:
        unit = f" {q['unit']}" if q.get("unit") else ""
        add(q.get("start"), q.get("end"), "f-quantity", f"{q.get('kind')}: {q.get('value')}{unit} ({q.get('bound')})")
    for n, q in enumerate(record.get("quotes") or []):
        sp = q.get("speaker") or {}
        who = sp.get("name") or "unknown speaker"
        if sp.get("role"):
            who += f", {sp['role']}"
        kind = "direct quote" if q.get("direct") else "reported speech"
        add(q.get("start"), q.get("end"), "f-quote", f"{kind} by {who}", f"quote-{n}")
        if sp:
            add(sp.get("start"), sp.get("end"), "f-speaker", f"speaker: {who}")
    for ev in record.get("events") or []:
        trig = ev.get("trigger") or {}
        eid = event_ids.get(ev.get("id"))
        add(trig.get("start"), trig.get("end"), f"f-trigger type-{palette.slug(ev.get('event_type'))}",
            f"event: {ev.get('sub_event_type')} ({ev.get('modality')})", f"event-{eid}" if eid else None)
    return spans


def _slug(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value or "x").lower()).strip("-") or "x"


def _passage(text: str, spans: list[Span], pad: int = 240) -> tuple[int, int]:
    good = [s for s in spans if spans_ok(text, s.start, s.end)]
    if not good:
        return 0, min(len(text), 600)
    lo = max(0, min(s.start for s in good) - pad)
    hi = min(len(text), max(s.end for s in good) + pad)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return lo, hi


# ---------------------------------------------------------------- the application

def create_app(db_path: str) -> FastAPI:
    db = Database(db_path)
    app = FastAPI(title="dateline workbench", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Read-only JSON API over a dateline corpus database: events (one row per report, "
                              "with its cluster), articles with their stored records, quotes, full-text search.")
    app.state.db = db
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True)
    env.globals.update(slug=palette.slug, palette_json=palette.as_json(), version=__version__,
                       event_types=palette.EVENT_TYPES)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(request: Request, template: str, code: int = 200, **context) -> HTMLResponse:
        def url_with(**changes) -> str:
            params = dict(request.query_params)
            for key, value in changes.items():
                if value is None:
                    params.pop(key, None)
                else:
                    params[key] = str(value)
            return request.url.path + ("?" + urlencode(params) if params else "")

        html = env.get_template(template).render(request=request, url_with=url_with, **context)
        return HTMLResponse(html, status_code=code)

    def is_api(request: Request) -> bool:
        return request.url.path.startswith(("/api/", "/export/", "/openapi"))

    def error(request: Request, status: int, message: str) -> Response:
        if is_api(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return page(request, "error.html", status, status=status, message=message)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(BadRequest)
    @app.exception_handler(QueryError)
    async def bad_request(request: Request, exc: Exception):
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        msgs = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors())
        return error(request, 400, msgs or "bad request")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return error(request, 404, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = "not found" if exc.status_code == 404 else str(exc.detail)
        return error(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):  # never a traceback to the browser
        log.exception("unexpected error on %s", request.url.path)
        return Response("500 internal error: the workbench could not answer; the server log says why.\n",
                        status_code=500, media_type="text/plain", headers=SECURITY_HEADERS)

    # ------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request):
        params = request.query_params
        f = parse_filters(params)
        paging = parse_paging(params)
        result = queries.events(db, f, paging["sort"], paging["desc"], paging["limit"], paging["offset"])
        filter_qs = urlencode({k: v for k, v in params.items() if k in FILTER_KEYS and v})
        return page(request, "events.html", f=f, raw={k: params.get(k, "") for k in FILTER_KEYS}, result=result,
                    paging=paging, options=queries.options(db), filter_qs=filter_qs, modalities=MODALITIES,
                    columns=[("id", "#"), ("date", "date"), ("type", "type"), ("sub_type", "sub-type"),
                             ("location", "place"), ("country", "country"), ("actor", "actors"),
                             ("fatalities", "dead")])

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str):
        row = queries.report(db, _id(event_id))
        if row is None:
            raise NotFound(f"no event {event_id}: the events page lists them")
        reports = queries.cluster(db, row["cluster_id"])
        views = []
        for r in reports:
            art = queries.article_of(db, r["article_id"])
            ev = next((e for e in art["record"].get("events") or [] if e.get("id") == r["local_id"]), None)
            prefix = f"r{r['id']}"
            spans, anchors = event_fields(ev, art["text"], prefix)
            if r["id"] == row["id"]:
                html = render(art["text"], spans)
            else:
                html = render(art["text"], spans, *_passage(art["text"], spans))
            views.append({"row": r, "article": art, "event": ev, "anchors": anchors, "html": html,
                          "main": r["id"] == row["id"]})
        main = next(v for v in views if v["main"])
        views.sort(key=lambda v: not v["main"])
        return page(request, "event.html", row=row, main=main, views=views, summary=queries.summary(reports))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str):
        art = queries.article(db, _id(article_id))
        if art is None:
            raise NotFound(f"no article {article_id}")
        evs = queries.article_events(db, art["id"])
        ids = {e["local_id"]: e["id"] for e in evs if e["local_id"]}
        spans = article_spans(art["record"], art["text"], ids)
        counts = {cls: sum(1 for s in spans if cls in s.cls.split() and spans_ok(art["text"], s.start, s.end))
                  for cls in ("f-entity", "f-time", "f-place", "f-quantity", "f-quote", "f-trigger")}
        return page(request, "article.html", art=art, events=evs, html=render(art["text"], spans), counts=counts)

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(request: Request):
        params = request.query_params
        speaker = _text(params, "speaker")
        paging = parse_paging(params, 100)
        result = queries.quotes(db, speaker, paging["limit"], paging["offset"])
        return page(request, "quotes.html", result=result, speaker=speaker or "", paging=paging,
                    speakers=queries.speakers(db))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request):
        q = _text(request.query_params, "q", 500)
        hits = queries.search(db, q, 50) if q else []
        return page(request, "search.html", q=q or "", hits=hits)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request):
        return page(request, "docs.html", schema=app.openapi())

    @app.get("/palette.css", include_in_schema=False)
    def palette_css():
        return Response(palette.css(), media_type="text/css")

    @app.get("/export/events.csv", include_in_schema=False)
    def export_csv(f: Filters = Depends(api_filters)):
        out = io.StringIO()
        queries.export.write_acled_csv(queries.export_events(db, f), out)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="dateline-events.csv"'})

    @app.get("/export/events.geojson", include_in_schema=False)
    def export_geojson(f: Filters = Depends(api_filters)):
        out = io.StringIO()
        queries.export.write_geojson(queries.export_events(db, f), out)
        return Response(out.getvalue(), media_type="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="dateline-events.geojson"'})

    # ------------------------------------------------------------ API

    @app.get("/api/events", tags=["events"], summary="Reports of events matching the filters, one page")
    def api_events(f: Filters = Depends(api_filters), paging: dict = Depends(api_paging)):
        result = queries.events(db, f, paging["sort"], paging["desc"], paging["limit"], paging["offset"])
        return JSONResponse({"total": result.total, "limit": paging["limit"], "offset": paging["offset"],
                             "by_type": result.by_type, "items": result.rows})

    @app.get("/api/events.geojson", tags=["events"], summary="Map points (or a grid of counts when dense)")
    def api_geojson(f: Filters = Depends(api_filters),
                    bbox: str | None = Query(None, description="west,south,east,north in degrees")):
        body = queries.geojson(db, f)
        if f.bbox is None:  # the map's first request: where to look
            body["bounds"] = queries.bounds(db, f)
        return JSONResponse(body, media_type="application/geo+json")

    @app.get("/api/timeline", tags=["events"], summary="Events per day, week or month, by event type")
    def api_timeline(f: Filters = Depends(api_filters)):
        return JSONResponse(queries.timeline(db, f))

    @app.get("/api/events/{event_id}", tags=["events"], summary="One report, its event and its cluster's reports")
    def api_event(event_id: str):
        row = queries.report(db, _id(event_id))
        if row is None:
            raise NotFound(f"no event {event_id}")
        reports = queries.cluster(db, row["cluster_id"])
        art = queries.article_of(db, row["article_id"])
        ev = next((e for e in art["record"].get("events") or [] if e.get("id") == row["local_id"]), None)
        return {**row, "record_event": ev, "cluster": queries.summary(reports),
                "reports": [{"id": r["id"], "article_id": r["article_id"], "outlet": r["outlet"],
                             "published": r["published"], "fatalities": r["fatalities"]} for r in reports]}

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="An article with its stored record")
    def api_article(article_id: str):
        art = queries.article(db, _id(article_id))
        if art is None:
            raise NotFound(f"no article {article_id}")
        return {**art, "events": [{"id": e["id"], "article_id": e["article_id"], "cluster_id": e["cluster_id"],
                                   "local_id": e["local_id"], "event_type": e["event_type"],
                                   "sub_event_type": e["sub_event_type"]}
                                  for e in queries.article_events(db, art["id"])]}

    @app.get("/api/quotes", tags=["quotes"], summary="Quotes with their speakers, by speaker")
    def api_quotes(request: Request, speaker: str | None = Query(None, description="speaker's name contains this"),
                   limit: str | None = Query(None, description="1..500 (default 100)"),
                   offset: str | None = Query(None)):
        params = request.query_params
        paging = parse_paging(params, 100)
        result = queries.quotes(db, _text(params, "speaker"), paging["limit"], paging["offset"])
        return {"total": result.total, "limit": paging["limit"], "offset": paging["offset"], "items": result.rows}

    @app.get("/api/search", tags=["search"], summary="FTS5 search over articles, quotes and event evidence")
    def api_search(request: Request, q: str | None = Query(None, description="FTS5 query: words, \"phrases\", "
                                                                            "AND/OR/NOT, prefix*"),
                   limit: str | None = Query(None, description="1..200 (default 20)")):
        params = request.query_params
        text = _text(params, "q", 500)
        if not text:
            raise BadRequest("q: give the words to search for, e.g. q=ceasefire")
        n = _int(params, "limit", 20, 1, 200)
        return {"q": text, "items": queries.search(db, text, n)}

    return app


def json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
