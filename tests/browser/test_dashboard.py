"""The dashboard in headless Chromium: map markers, filters, event card, safety, offline."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

READY = "body[data-ready=true]"


def open_page(page, url: str) -> None:
    """Go to url and wait until the page's script says its data is drawn."""
    page.goto(url)
    page.wait_for_selector(READY, timeout=20000)


def n_markers(page) -> int:
    return int(page.get_attribute("#map", "data-n-markers"))


def reload_after(page, action) -> None:
    """Run an action that changes the filters and wait for the page to redraw."""
    page.evaluate("document.body.dataset.ready = 'false'")
    action()
    page.wait_for_selector(READY, timeout=20000)


def visible_marks(page) -> int:
    """Event markers and clusters actually drawn on the map."""
    return page.locator("path.event-marker").count() + page.locator(".marker-cluster").count()


@pytest.fixture(params=["sample", "fake"])
def server(request):
    return request.getfixturevalue(f"{request.param}_server")


def test_map_shows_markers_and_base_map(browser_page, server, watch):
    open_page(browser_page, server.url + "/")
    assert n_markers(browser_page) > 0
    # a selector wait, not wait_for_function: polling a string predicate needs eval, which
    # the dashboard's CSP (rightly) forbids, so that wait failed whenever the canvas was late
    browser_page.wait_for_selector(".leaflet-base-pane canvas, .leaflet-pane canvas",
                                   state="attached")
    assert visible_marks(browser_page) > 0
    rows = browser_page.locator(".event-row").count()
    total = int(re.search(r"\d+", browser_page.text_content("#list-count")).group())
    assert rows == total > 0
    assert watch.outside == [] and watch.errors == []


def test_type_filter_changes_count_and_url(browser_page, server):
    open_page(browser_page, server.url + "/")
    before = browser_page.locator(".event-row").count()
    types = browser_page.eval_on_selector_all("#f-type option", "os => os.map(o => o.value)")
    chosen = next(t for t in types[1:])
    reload_after(browser_page, lambda: browser_page.select_option("#f-type", chosen))
    after = browser_page.locator(".event-row").count()
    assert 0 < after < before
    assert f"type={chosen}" in browser_page.url
    row_types = browser_page.locator(".event-row .row-type").all_text_contents()
    assert set(row_types) == {chosen}
    # the URL is the state: a reload restores the same filter and result
    open_page(browser_page, browser_page.url)
    assert browser_page.input_value("#f-type") == chosen
    assert browser_page.locator(".event-row").count() == after


def test_clicking_disputed_event_shows_sources_and_contradiction(browser_page, server):
    open_page(browser_page, server.url + "/?has_contradiction=true")
    assert browser_page.is_checked("#f-contra")
    browser_page.locator(".event-row").first.click()
    browser_page.wait_for_selector("#card:not([hidden]) .source")
    sentences = browser_page.locator("#card .source .sentence").all_text_contents()
    assert sentences and all(len(s) > 20 for s in sentences)
    assert browser_page.locator("#card .source-meta").count() >= len(sentences)
    contradiction = browser_page.locator("#card .contradiction").first
    assert "Sources disagree on" in contradiction.text_content()
    assert contradiction.locator(".claim").count() >= 2
    assert "event=" in browser_page.url
    # evidence in context: the article opens with the sentence highlighted
    browser_page.locator("#card .source button").first.click()
    mark = browser_page.locator("#card .article-box mark.evidence").first
    mark.wait_for()
    assert mark.text_content().strip() == sentences[0].strip("“”").strip()


def test_clicking_a_marker_opens_its_card(browser_page, server):
    open_page(browser_page, server.url + "/")
    marker = browser_page.locator("path.event-marker").first
    if marker.count() == 0:  # everything clustered: zoom into the first cluster
        browser_page.locator(".marker-cluster").first.click()
        browser_page.wait_for_selector("path.event-marker")
    # a marker not hidden under a map control: the topmost element at its centre is itself
    index = browser_page.evaluate("""() => [...document.querySelectorAll('path.event-marker')]
        .findIndex((p) => { const b = p.getBoundingClientRect();
          return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === p; })""")
    assert index >= 0
    browser_page.locator("path.event-marker").nth(index).click()
    browser_page.wait_for_selector("#card:not([hidden]) .source")
    assert browser_page.locator("#card h3").text_content().strip()


def test_timeline_brush_sets_dates(browser_page, server):
    open_page(browser_page, server.url + "/timeline")
    assert browser_page.locator(".summary-sentence").count() > 0
    refs = browser_page.locator("#references li").count()
    assert refs > 0
    before = browser_page.locator(".event-row").count()
    box = browser_page.locator("#histogram .brush-overlay").bounding_box()
    y = box["y"] + box["height"] / 2

    def drag():
        browser_page.mouse.move(box["x"] + 2, y)
        browser_page.mouse.down()
        browser_page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
        browser_page.mouse.up()

    reload_after(browser_page, drag)
    assert "since=" in browser_page.url and "until=" in browser_page.url
    assert browser_page.input_value("#f-since") != ""
    assert browser_page.locator(".event-row").count() < before


def test_script_in_article_does_not_run(browser_page, fake_server, fake_store_module):
    open_page(browser_page, fake_server.url + "/?event=evt_clash")
    browser_page.wait_for_selector("#card:not([hidden]) .source")
    browser_page.locator("#card .source button").first.click()
    browser_page.wait_for_selector("#card .article-box mark.evidence")
    browser_page.wait_for_timeout(300)
    assert browser_page.evaluate("window.__xss") is None
    assert browser_page.locator("#card script, #card img").count() == 0
    assert fake_store_module.EVIL in browser_page.text_content("#card .article-box")
    assert fake_store_module.EVIL in browser_page.text_content("#card .sentence")
    open_page(browser_page, fake_server.url + "/timeline")
    assert browser_page.evaluate("window.__xss") is None
    assert fake_store_module.EVIL in browser_page.text_content("#summary-body")


def test_map_view_filter_round_trips_through_url(browser_page, fake_server):
    open_page(browser_page, fake_server.url + "/?bbox=36.7,35.8,36.9,35.9")
    assert browser_page.is_checked("#f-bbox")
    places = browser_page.locator(".event-row .row-place").all_text_contents()
    assert sorted(p.split(",")[0] for p in places) == ["Nayrab", "Saraqib"]
    reload_after(browser_page, lambda: browser_page.uncheck("#f-bbox"))
    assert "bbox=" not in browser_page.url
    assert browser_page.locator(".event-row").count() == 4


@pytest.mark.parametrize("fixture", ["sample_server", "fake_server"])
def test_ceasefire_monitor_draws_bars_patrols_and_start_line(browser_page, request, fixture):
    server = request.getfixturevalue(fixture)
    open_page(browser_page, server.url + "/timeline")
    browser_page.wait_for_selector("#ceasefire[data-ready=true]", timeout=20000)
    assert browser_page.locator("#cf-charts .error").count() == 0
    assert browser_page.locator("#cf-charts svg.cf-chart").count() >= 1
    heights = browser_page.eval_on_selector_all(
        "#cf-charts rect.cf-bar", "rs => rs.map(r => r.getBBox().height)")
    assert heights and all(h > 0 for h in heights)
    assert browser_page.locator("#cf-charts line.cf-start").count() >= 1
    assert browser_page.locator("#cf-patrols tr.cf-patrol").count() >= 1
    assert re.search(r"\(\d+ potential violations\)", browser_page.text_content("#cf-violations"))
    if fixture == "fake_server":  # one week before the start: its bars are drawn distinctly
        assert browser_page.locator("#cf-charts rect.cf-before").count() == 2
        assert browser_page.locator("#cf-charts rect.cf-after").count() == 2
        assert "completed" in browser_page.text_content("#cf-patrols")
