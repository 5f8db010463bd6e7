"""The workbench in a real browser: Playwright driving Debian's chromium against a server on loopback.

Skipped, with one reason line, when Playwright or a `chromium` executable is missing (CI installs it
with apt-get). Screenshots go to tests/screenshots/; with DATELINE_SCREENSHOTS=docs the three README
pictures in docs/img/ are refreshed too.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "screenshots"
DOCS_IMG = ROOT / "docs" / "img"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need playwright (pip install 'dateline[test]')")
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.skip("browser tests need Debian's chromium: apt-get install -y chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(browser, web_store):
    import uvicorn

    from dateline.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(str(web_store)), host="127.0.0.1", port=port,
                                        log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        assert time.time() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    pg = ctx.new_page()
    pg.problems = []  # CSP violations, script errors, requests leaving the machine
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("request", lambda r: urlparse(r.url).hostname not in ("127.0.0.1", None)
          and pg.problems.append(f"outside request: {r.url}"))
    yield pg
    ctx.close()


def shot(page, name: str, docs: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    if docs and os.environ.get("DATELINE_SCREENSHOTS") == "docs":
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_IMG / f"{name}.png"))


def test_map_and_timeline_load_points_and_bars(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#map[data-loaded]")
    page.wait_for_selector(".leaflet-overlay-pane path.ev-point, .marker-cluster", timeout=10_000)
    page.wait_for_selector("path.country", state="attached")  # country outlines from the vendored world-atlas
    page.wait_for_selector("#timeline rect.bar")
    assert page.locator("#timeline rect.bar").count() >= 2
    assert page.locator("table.events tbody tr").count() >= 3
    page.wait_for_timeout(400)  # let the map finish its fit-to-bounds animation
    shot(page, "workbench-events", docs=True)
    assert page.problems == []


def test_a_filter_narrows_the_table_and_sets_the_url(page, server):
    page.goto(server + "/")
    page.select_option("select[name=type]", "Battles")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert parse_qs(urlparse(page.url).query)["type"] == ["Battles"]
    badges = page.locator("table.events tbody .badge").all_inner_texts()
    assert badges and all(b.strip() == "Battles" for b in badges)
    assert page.problems == []


def test_brushing_the_timeline_sets_the_date_filter(page, server):
    page.goto(server + "/")
    svg = page.wait_for_selector("#timeline svg")
    page.wait_for_selector("#timeline rect.bar")
    box = svg.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 40, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    with page.expect_navigation():
        page.mouse.up()
    query = parse_qs(urlparse(page.url).query)
    assert query["from"][0] <= query["to"][0]
    assert page.problems == []


def test_clicking_a_map_point_opens_its_event_with_highlighted_words(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#map[data-loaded]")
    for _ in range(4):  # open clusters until single points show
        if page.locator("path.ev-point").count():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)
    page.locator("path.ev-point").first.click(force=True)
    link = page.wait_for_selector(".leaflet-popup a.popup-link")
    with page.expect_navigation():
        link.click()
    assert "/events/" in page.url
    assert page.locator("mark.f-trigger").count() >= 1
    assert page.locator("mark.f-place").count() >= 1
    assert page.locator("mark.f-evidence").count() >= 1
    assert page.problems == []


def test_event_page_of_a_cluster_and_its_field_links(page, server):
    import httpx

    items = httpx.get(server + "/api/events", params={"type": "Battles"}).json()["items"]
    clash = next(e for e in items if e["reports"] > 1)
    page.goto(f"{server}/events/{clash['id']}")
    assert page.locator("article.report").count() == 2
    assert page.locator("mark.f-fatalities").count() >= 2  # each report's own figure, highlighted
    page.click("a.f-place-key")
    assert "#r" in page.url and page.locator(".anchor:target").count() == 1
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "workbench-event", docs=True)
    assert page.problems == []


def test_article_page_highlights_every_facet(page, server):
    import httpx

    items = httpx.get(server + "/api/events", params={"type": "Battles", "sort": "id", "dir": "asc"}).json()["items"]
    page.goto(f"{server}/articles/{items[0]['article_id']}")
    counts = {cls: page.locator(f"mark.{cls}").count()
              for cls in ("f-entity", "f-time", "f-place", "f-quote", "f-quantity", "f-trigger")}
    assert all(n >= 1 for n in counts.values()), counts
    assert "DATE:" in page.locator("mark.f-time").first.get_attribute("title")
    assert "(" in page.locator("mark.f-place").first.get_attribute("title")  # coordinates on hover
    shot(page, "workbench-article", docs=True)
    assert page.problems == []


def test_script_in_a_report_stays_text(page, server):
    page.goto(server + "/search?q=banner")
    page.click("ol.hits a")
    page.wait_for_load_state()
    assert "<script>alert('x')</script>" in page.locator(".article-text").inner_text()
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    assert page.problems == []
