"""The built site in Debian's Chromium, driven by Playwright: what a visitor's browser does."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


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


def test_a_citation_is_copied_by_keyboard_with_todays_date(browser, served_site):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site)
    page = context.new_page()
    page.goto(served_site + "/indicators/lac1/", wait_until="networkidle")
    today = page.evaluate(
        "new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})"
    )
    button = page.get_by_role("button", name="Copy plain text")
    page.locator("#cite-this a.headerlink").focus()
    for _ in range(6):
        if page.evaluate("document.activeElement.textContent") == "Copy plain text":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Copy plain text"
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Southampton City Council (")
    assert copied.endswith(f"Accessed {today}.") and "[date accessed]" not in copied
    assert button.is_visible()
    context.close()


def test_without_javascript_the_citation_says_where_the_date_goes(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "/indicators/lac1/")
    assert "[date accessed]" in page.locator("#citation-text").inner_text()
    assert page.get_by_role("button", name="Copy plain text").count() == 0
    assert page.get_by_text(
        "Replace “[date accessed]” with the date you read the page."
    ).is_visible()
    context.close()
