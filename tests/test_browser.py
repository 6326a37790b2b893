"""The built site in Debian's Chromium, driven by Playwright: what a visitor's browser does."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

MEDIA_BOX = re.compile(rb"/MediaBox\s*\[([^\]]*)\]")


def visit(browser, url: str):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, requested


def test_pages_request_nothing_from_other_hosts(browser, served_site):
    for path in ["/", "/meetings/2023-07-20/", "/indicators/lac1/", "/glossary/"]:
        page, requested = visit(browser, served_site + path)
        outside = [url for url in requested if not url.startswith(served_site)]
        assert outside == [], (path, outside)
        page.close()


def test_the_indicator_chart_is_in_the_page_with_a_name_and_description(browser, served_site):
    page, _ = visit(browser, served_site + "/indicators/lac1/")
    chart = page.locator("figure.indicator-chart svg[role=img]")
    assert chart.evaluate("svg => svg.getBoundingClientRect().width > 300")
    name = page.locator("#" + chart.get_attribute("aria-labelledby")).text_content()
    assert name == "LAC1: Number of Looked after Children at end of period"
    description = page.locator("#" + chart.get_attribute("aria-describedby")).text_content()
    assert description.startswith(
        "Line chart of number of Looked after Children at end of period, April 2017 to April 2018"
    )
    page.close()


def test_search_finds_a_glossary_term(browser, served_site):
    page, _ = visit(browser, served_site + "/")
    page.keyboard.press("s")  # Material's shortcut that focuses the search box
    page.keyboard.type("Section 47 Enquiry")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=15000)
    assert "Section 47" in page.locator(".md-search-result").inner_text()
    page.close()


def first_search_result(browser, served_site: str, query: str) -> str:
    """The address of the first page the site's search box offers for ``query``."""
    page, _ = visit(browser, served_site + "/")
    try:
        page.keyboard.press("s")
        page.keyboard.type(query)
        first = page.locator(".md-search-result__item > a").first
        first.wait_for(timeout=15000)
        # Results are redrawn as each key is typed: wait until they settle.
        seen = [first.get_attribute("href"), None]
        while seen[-1] != seen[-2]:
            page.wait_for_timeout(300)
            seen.append(first.get_attribute("href"))
        href = seen[-1]
        assert href is not None
        return href.removeprefix(served_site).split("?")[0]
    finally:
        page.close()


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("LAC1", "/indicators/lac1/"),  # not LAC16 or LAC11-QL, which it begins
        ("LAC16", "/indicators/lac16/"),
        ("LAC9", "/indicators/lac9/"),  # not LAC9 (val)
        ("CP3-QL", "/indicators/cp3-ql/"),
        ("CP1", "/indicators/cp1/"),
        ("Number of in-house foster carers at the end of period", "/indicators/lac16/"),
    ],
)
def test_search_for_a_code_or_title_opens_its_page_first(browser, served_site, query, path):
    assert first_search_result(browser, served_site, query) == path


def test_the_indicators_index_shows_the_direction_of_travel_at_320_px(browser, served_site):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(served_site + "/indicators/", wait_until="networkidle")
    tables = page.locator(".indicators-table table")
    assert tables.count() >= 5
    headers = page.locator(".indicators-table th:nth-child(3)")
    assert set(headers.all_inner_texts()) == {"Direction of travel"}
    # Every cell of the column lies inside the screen: nothing scrolled out of sight.
    outside = page.evaluate(
        """() => [...document.querySelectorAll(".indicators-table :is(th, td):nth-child(3)")]
            .filter(cell => {
                const box = cell.getBoundingClientRect();
                return box.width === 0 || box.left < 0 || box.right > window.innerWidth;
            }).map(cell => cell.innerText)"""
    )
    assert outside == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    lac1 = page.locator(".indicators-table tr", has_text="LAC1: Number of Looked after Children")
    assert lac1.locator("td").nth(2).inner_text().startswith("Similar")
    page.close()


def test_the_highlight_report_prints_on_a4_without_the_sites_furniture(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "/releases/2018-04/", wait_until="networkidle")
    page.emulate_media(media="print")
    for furniture in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".md-footer"]:
        assert not page.locator(furniture).first.is_visible(), furniture
    assert page.locator("h1", has_text="Highlight report").is_visible()
    assert page.locator("h2#off-target + ul li", has_text="LAC1").is_visible()
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).color")
    assert colour == "rgb(0, 0, 0)"
    pdf = page.pdf(prefer_css_page_size=True)  # the page size print.css asks for
    boxes = {tuple(round(float(n)) for n in box.split()) for box in MEDIA_BOX.findall(pdf)}
    assert boxes == {(0, 0, 595, 842)}  # A4 in points, on every page
    page.close()


def test_a_printed_table_keeps_its_rows_whole(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "/indicators/", wait_until="networkidle")
    page.emulate_media(media="print")
    table = page.locator(".indicators-table table").first
    assert table.is_visible()
    row = table.locator("tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).breakInside") == "avoid"
    assert not page.locator(".md-tabs").is_visible()
    page.close()
