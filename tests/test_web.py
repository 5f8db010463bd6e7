"""The workbench (`dateline serve`) through Starlette's TestClient: pages, API, errors, safety.

The store is built once per session (conftest.web_store) from invented reports; the app opens it read-only.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import warnings

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # Starlette 1.10 suggests httpx2 for its TestClient; httpx is what it runs on
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from dateline.cli import main as cli  # noqa: E402
from dateline.cli.serve import host_warning  # noqa: E402
from dateline.web import palette  # noqa: E402
from dateline.web.app import CSP, create_app  # noqa: E402


@pytest.fixture(scope="session")
def client(web_store):
    with TestClient(create_app(str(web_store))) as c:
        yield c


@pytest.fixture(scope="session")
def ids(client):
    items = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert items, "the invented reports gave no events"
    return items


def _clash(ids):
    return next(e for e in ids if e["event_type"] == "Battles" and (e["location"] or "") == "Maiduguri")


# ---------------------------------------------------------------- pages and API

def test_events_page_lists_counts_and_links(client, ids):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "Battles" in html and 'class="badge type-battles"' in html
    assert f'href="/events/{ids[0]["id"]}"' in html
    assert 'id="map"' in html and 'id="timeline"' in html
    assert "/export/events.csv" in html and "/export/events.geojson" in html


def test_filters_narrow_the_selection_and_stay_in_the_links(client, ids):
    total = client.get("/api/events").json()["total"]
    battles = client.get("/api/events", params={"type": "Battles"}).json()
    assert 0 < battles["total"] < total and all(e["event_type"] == "Battles" for e in battles["items"])
    html = client.get("/", params={"country": "Nigeria", "actor": "Boko", "from": "2021-06-01"}).text
    assert "actor=Boko" in html and "country=Nigeria" in html  # filter state in every sort/export link
    assert client.get("/api/events", params={"actor": "Boko Haram"}).json()["total"] >= 1
    assert client.get("/api/events", params={"from": "2030-01-01"}).json()["total"] == 0
    assert client.get("/api/events", params={"to": "2021-06-30", "from": "2021-06-01"}).json()["total"] >= 2
    near = client.get("/api/events", params={"near": "11.85,13.16,30"}).json()
    assert near["total"] >= 2 and all(e["country"] == "Nigeria" for e in near["items"])
    assert client.get("/api/events", params={"near": "-33.9,18.4,10"}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "clashed"}).json()["total"] >= 2
    bad = client.get("/api/events", params={"q": '"unbalanced'})  # never re-run as other words: say why
    assert bad.status_code == 400 and "quote is not closed" in bad.json()["error"]
    clash = _clash(ids)
    sub = client.get("/api/events", params={"sub_type": clash["sub_event_type"]}).json()
    assert all(e["sub_event_type"] == clash["sub_event_type"] for e in sub["items"])


def test_sorting_and_paging(client):
    asc = client.get("/api/events", params={"sort": "id", "dir": "asc"}).json()["items"]
    assert [e["id"] for e in asc] == sorted(e["id"] for e in asc)
    first = client.get("/api/events", params={"sort": "id", "dir": "asc", "limit": 1}).json()
    second = client.get("/api/events", params={"sort": "id", "dir": "asc", "limit": 1, "offset": 1}).json()
    assert first["items"][0]["id"] == asc[0]["id"] and second["items"][0]["id"] == asc[1]["id"]
    assert "next →" in client.get("/", params={"limit": 1}).text


def test_api_items_carry_ids(client, ids):
    assert all({"id", "article_id", "cluster_id", "event_type"} <= set(e) for e in ids)
    one = client.get(f"/api/events/{ids[0]['id']}").json()
    assert one["id"] == ids[0]["id"] and one["article_id"] == ids[0]["article_id"]
    art = client.get(f"/api/articles/{ids[0]['article_id']}").json()
    assert art["text"] and art["record"]["events"] and any(e["id"] == ids[0]["id"] for e in art["events"])


def test_cluster_event_page_shows_every_report_side_by_side(client, ids):
    clash = _clash(ids)
    api = client.get(f"/api/events/{clash['id']}").json()
    assert len(api["reports"]) == 2, "the two outlets' reports of the clash form one cluster"
    assert {r["outlet"] for r in api["reports"]} == {"Harbor Post", "Valley Herald"}
    html = client.get(f"/events/{clash['id']}").text
    assert "side-by-side" in html and "Harbor Post" in html and "Valley Herald" in html
    assert "9 dead" in html and "7 dead" in html  # each report's own figure
    for cls in ("f-trigger", "f-place", "f-date", "f-fatalities", "f-evidence"):
        assert f'class="hl {cls}' in html or f" {cls}" in html, cls
    assert 'href="#r' in html  # each field links to its words


def test_article_page_highlights_every_facet(client, ids):
    clash = _clash(ids)
    html = client.get(f"/articles/{clash['article_id']}").text
    for cls in ("f-entity", "f-time", "f-place", "f-quote", "f-quantity", "f-trigger"):
        assert cls in html, cls
    assert "place: Maiduguri" in html and "(11.8" in html  # coordinates on hover
    assert "DATE: 2021-06-14" in html  # "Monday" resolved against the publication date
    assert "Musa Danladi" in html and f'href="/events/{clash["id"]}"' in html


def test_quotes_search_docs_and_openapi(client):
    html = client.get("/quotes").text
    assert "Amina Bello" in html and "We cannot pay twice" in html and "/articles/" in html
    assert "Amina" in client.get("/quotes", params={"speaker": "Amina"}).text
    quotes = client.get("/api/quotes").json()
    assert quotes["total"] >= 2 and all("article_id" in q for q in quotes["items"])
    hits = client.get("/api/search", params={"q": "traders"}).json()["items"]
    assert hits and all("article_id" in h for h in hits)
    assert "traders" in client.get("/search", params={"q": "traders"}).text.lower()
    schema = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/events.geojson", "/api/timeline",
                 "/api/articles/{article_id}", "/api/quotes", "/api/search"):
        assert path in schema["paths"], path
    names = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"country", "sub_type", "actor", "from", "to", "near", "q", "limit", "offset"} <= names
    docs = client.get("/docs").text
    assert "/api/events.geojson" in docs and "cdn" not in docs.lower()


def test_map_geojson_and_timeline(client, monkeypatch):
    geo = client.get("/api/events.geojson").json()
    assert geo["type"] == "FeatureCollection" and geo["features"] and geo["bounds"]
    f = geo["features"][0]
    assert f["geometry"]["type"] == "Point" and f["properties"]["url"].startswith("/events/")
    inside = client.get("/api/events.geojson", params={"bbox": "12,10,15,13"}).json()
    assert inside["features"] and all(12 <= ft["geometry"]["coordinates"][0] <= 15 for ft in inside["features"])
    assert client.get("/api/events.geojson", params={"bbox": "100,-40,120,-20"}).json()["features"] == []
    from dateline.web import queries

    monkeypatch.setattr(queries, "MAX_POINTS", 1)  # dense: a grid of counts instead of points
    grid = client.get("/api/events.geojson", params={"bbox": "-180,-85,180,85"}).json()
    assert grid["aggregated"] and sum(ft["properties"]["count"] for ft in grid["features"]) == grid["total"] >= 2
    tl = client.get("/api/timeline").json()
    assert tl["bucket"] == "day" and tl["bins"] and tl["total"] >= 3
    assert sum(sum(b["counts"].values()) for b in tl["bins"]) == tl["total"]
    assert client.get("/api/timeline", params={"type": "Battles"}).json()["types"] == ["Battles"]


def test_export_of_the_selection(client):
    r = client.get("/export/events.csv", params={"country": "Nigeria"})
    assert r.status_code == 200 and r.text.splitlines()[0].startswith("event_id_cnty,event_date,year")
    assert "NGA" in r.text
    geo = client.get("/export/events.geojson", params={"type": "Battles"}).json()
    assert geo["type"] == "FeatureCollection"
    assert all(ft["properties"]["event_type"] == "Battles" for ft in geo["features"])


def test_palette_is_defined_once_and_served_as_css(client):
    css = client.get("/palette.css").text
    for event_type, colour in palette.EVENT_TYPES.items():
        assert f"--type-{palette.slug(event_type)}: {colour}" in css
    assert json.loads(palette.as_json())["types"] == palette.EVENT_TYPES


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("path", ["/events/999999", "/articles/999999", "/events/abc", "/nowhere"])
def test_unknown_ids_are_404_pages(client, path):
    r = client.get(path)
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "Traceback" not in r.text


@pytest.mark.parametrize("path", ["/api/events/999999", "/api/articles/999999", "/api/nothing"])
def test_unknown_ids_are_404_json(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.json()["status"] == 404


@pytest.mark.parametrize("params, word", [({"near": "abc"}, "near"), ({"limit": "-1"}, "limit"),
                                          ({"from": "2008-13-45"}, "from"), ({"to": "yesterday"}, "to"),
                                          ({"near": "95,10,5"}, "latitude"), ({"offset": "x"}, "offset"),
                                          ({"sort": "evil;drop"}, "sort"), ({"dir": "up"}, "dir"),
                                          ({"from": "2021-02-01", "to": "2021-01-01"}, "after"),
                                          ({"modality": "maybe"}, "modality"), ({"limit": "100000"}, "limit")])
def test_bad_parameters_are_400_with_a_message(client, params, word):
    api = client.get("/api/events", params=params)
    assert api.status_code == 400 and word in api.json()["error"]
    page = client.get("/", params=params)
    assert page.status_code == 400 and "text/html" in page.headers["content-type"] and word in page.text


def test_other_bad_parameters(client):
    assert client.get("/api/events.geojson", params={"bbox": "1,2,3"}).status_code == 400
    assert client.get("/api/events.geojson", params={"bbox": "0,50,10,40"}).status_code == 400
    assert client.get("/api/search").status_code == 400
    assert client.get("/api/search", params={"q": "x", "limit": "0"}).status_code == 400
    assert client.get("/api/events", params={"country": "x" * 5000}).status_code == 400
    assert client.get("/quotes", params={"limit": "-5"}).status_code == 400


# ---------------------------------------------------------------- safety

def test_article_text_is_escaped(client, ids):
    art_id = next(e["article_id"] for e in ids if e["country"] == "Nigeria" and "Kano" in (e["location"] or ""))
    html = client.get(f"/articles/{art_id}").text
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert" not in html
    for path in ("/", "/quotes", "/search?q=banner"):
        assert "<script>alert" not in client.get(path).text


@pytest.mark.parametrize("path", ["/", "/quotes", "/docs", "/api/events", "/static/app.css", "/events/999999",
                                  "/api/events?limit=-1", "/palette.css"])
def test_every_response_has_a_strict_policy(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert csp == CSP
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp and "*" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_and_no_outside_origin(client, ids):
    import re

    for path in ("/", f"/events/{ids[0]['id']}", f"/articles/{ids[0]['article_id']}", "/quotes", "/docs"):
        html = client.get(path).text
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'src="/static/' in tag, tag
        assert not re.search(r"<script[^>]*>(?!</script>)", html), path  # every script element is empty
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), path
        assert " style=" not in html and "<style" not in html


@pytest.mark.parametrize("path", ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                                  "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2fapp.py",
                                  "/static/vendor/../../queries.py", "/static//etc/passwd"])
def test_no_path_traversal(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404)
    assert "root:" not in r.text and "import" not in r.text


def test_vendored_files_and_licences_are_served(client):
    for path in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/LICENSE",
                 "/static/vendor/markercluster/MIT-LICENCE.txt", "/static/vendor/topojson-client/LICENSE",
                 "/static/vendor/world-atlas/countries-110m.json", "/static/vendor/world-atlas/LICENSE"):
        assert client.get(path).status_code == 200, path


def test_the_database_is_never_written(web_store, ids):
    store = web_store
    before = (hashlib.sha256(store.read_bytes()).hexdigest(), os.stat(store).st_mtime_ns)
    with TestClient(create_app(str(store))) as c:
        for path in ("/", f"/events/{ids[0]['id']}", f"/articles/{ids[0]['article_id']}", "/quotes", "/api/events",
                     "/api/events.geojson", "/api/timeline", "/api/search?q=soldiers", "/export/events.csv"):
            assert c.get(path).status_code == 200
        for method in ("post", "put", "delete", "patch"):
            assert getattr(c, method)("/api/events").status_code == 405
        conn = c.app.state.db.conn
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("DELETE FROM events")
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("PRAGMA query_only=OFF").fetchall()
            conn.execute("CREATE TABLE intruder (x)")
    assert (hashlib.sha256(store.read_bytes()).hexdigest(), os.stat(store).st_mtime_ns) == before


def test_a_missing_or_foreign_database_is_refused(tmp_path):
    from dateline.web.queries import DatabaseError

    with pytest.raises(DatabaseError, match="no database"):
        create_app(str(tmp_path / "none.db"))
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(DatabaseError, match="not a dateline database"):
        create_app(str(other))


def test_serve_binds_loopback_and_warns_for_other_hosts(web_store, capsys, monkeypatch):
    store = web_store
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    assert cli.main(["serve", "--db", str(store)]) == 0
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8000
    assert "warning" not in capsys.readouterr().err
    assert cli.main(["serve", "--db", str(store), "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert calls[-1]["host"] == "0.0.0.0" and calls[-1]["port"] == 8123
    assert "warning: listening on 0.0.0.0" in capsys.readouterr().err
    assert host_warning("127.0.0.2") is None and host_warning("::1") is None and host_warning("192.0.2.1")
    assert cli.main(["serve", "--db", str(store.parent / "missing.db")]) == 2
    assert "no database" in capsys.readouterr().err


def test_an_actor_filter_matches_percent_and_underscore_literally(client):
    assert client.get("/api/events", params={"actor": "%"}).json()["total"] == 0
    assert client.get("/api/events", params={"actor": "Boko_Haram"}).json()["total"] == 0
