"""The built site in Debian's Chromium, driven by Playwright: what a visitor's browser does."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .test_charts import contrast

pytestmark = pytest.mark.browser

MEDIA_BOX = re.compile(rb"/MediaBox\s*\[([^\]]*)\]")


def visit(browser, url: str):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, requested


def test_a_page_does_not_fetch_the_sitemap_which_grows_with_the_archive(browser, served_site):
    """Material fetches the sitemap beside every link[rel=alternate], taking it for another
    language of the site; the feed's link must not be one of those."""
    for path in ["/", "/indicators/lac1/"]:
        page, requested = visit(browser, served_site + path)
        assert not [url for url in requested if url.endswith("sitemap.xml")], path
        assert page.locator('link[type="application/atom+xml"]').count() == 1
        page.close()


def test_pages_request_nothing_from_other_hosts(browser, served_site):
    for path in ["/", "/meetings/2023-07-20/", "/indicators/lac1/", "/glossary/"]:
        page, requested = visit(browser, served_site + path)
        outside = [url for url in requested if not url.startswith(served_site)]
        assert outside == [], (path, outside)
        page.close()


def test_the_indicator_chart_is_in_the_page_with_a_name_and_description(browser, served_site):
    page, _ = visit(browser, served_site + "/indicators/lac1/")
    chart = page.locator("figure.indicator-chart svg[role=img]:visible")
    assert chart.evaluate("svg => svg.getBoundingClientRect().width > 300")
    name = page.locator("#" + chart.get_attribute("aria-labelledby")).text_content()
    assert name == "LAC1: Number of Looked after Children at end of period"
    description = page.locator("#" + chart.get_attribute("aria-describedby")).text_content()
    assert description.startswith(
        "Line chart of number of Looked after Children at end of period, April 2017 to April 2018"
    )
    page.close()


# The rendered size of the smallest text of the one chart shown, and how many are shown.
CHART_TEXT = """figure => {
  const shown = [...figure.querySelectorAll('svg')].filter(
    svg => getComputedStyle(svg).display !== 'none');
  const svg = shown[0];
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(
    text => parseFloat(getComputedStyle(text).fontSize) * scale);
  return {shown: shown.length, smallest: Math.min(...sizes), texts: sizes.length};
}"""


@pytest.mark.parametrize("width", [320, 375, 600, 800, 1024, 1280])
def test_one_chart_is_shown_with_text_of_at_least_11_pixels(browser, served_site, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    for slug in ["lac1", "cp1", "children-in-residential-care-placements"]:
        page.goto(f"{served_site}/indicators/{slug}/")
        measured = page.locator("figure.indicator-chart").evaluate(CHART_TEXT)
        assert measured["shown"] == 1 and measured["texts"] > 10, (slug, width)
        assert measured["smallest"] >= 11, (slug, width, measured)
        # Nothing wider than the page: no sideways scrolling at 320 px (WCAG reflow).
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


# The chart's background and its title's colour as painted, and the page's background.
CHART_COLOURS = """figure => {
  const svg = [...figure.querySelectorAll('svg')].find(
    s => getComputedStyle(s).display !== 'none');
  const title = svg.querySelector('.role-title-text text');
  const series = svg.querySelector('.series_marks path');
  return {
    background: getComputedStyle(svg.querySelector(':scope > rect')).fill,
    text: getComputedStyle(title).fill,
    series: getComputedStyle(series).stroke,
    page: getComputedStyle(document.body).backgroundColor,
  };
}"""


def _rgb(colour: str) -> str:
    channels = [int(float(c)) for c in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    return "#" + "".join(f"{c:02x}" for c in channels)


@pytest.mark.parametrize("scheme", ["slate", "forced-colours"])
def test_the_chart_follows_the_dark_and_forced_colour_schemes(browser, served_site, scheme):
    from .test_charts import contrast

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    if scheme == "forced-colours":
        page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(served_site + "/indicators/lac1/")
    if scheme == "slate":
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    colours = page.locator("figure.indicator-chart").evaluate(CHART_COLOURS)
    background = _rgb(colours["background"])
    assert background != "#ffffff", colours
    assert background == _rgb(colours["page"]) or scheme == "forced-colours", colours
    assert contrast(_rgb(colours["text"]), background) >= 4.5, colours
    assert contrast(_rgb(colours["series"]), background) >= 3, colours
    page.close()


SEARCH_BOX = "input[name=q]"
SEARCH_STATUS = ".md-search-result__meta"
SEARCH_RESULT = ".md-search-result__link"


def search(page, query: str) -> None:
    """Type ``query`` into the header's search box and wait for its results."""
    page.focus(SEARCH_BOX)
    page.keyboard.type(query)
    wait_for_results(page, query)


def wait_for_results(page, query: str) -> None:
    """The status line names the query once its results are shown (they are redrawn as
    each key is typed)."""
    expect(page.locator(SEARCH_STATUS)).to_contain_text(f"for ‘{query}’", timeout=15000)


def test_search_finds_a_glossary_term(browser, served_site):
    page, _ = visit(browser, served_site + "/")
    search(page, "Section 47 Enquiry")
    assert "Section 47" in page.locator(".md-search-result").inner_text()
    first = page.locator(SEARCH_RESULT).first.get_attribute("href")
    assert first == "/glossary/section-47-enquiry/"
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
    # From the top of the page, by Tab alone (the headings carry no permalink stops).
    for _ in range(120):
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


def first_search_result(browser, served_site: str, query: str) -> str:
    """The address of the first page the site's search box offers for ``query``."""
    page, _ = visit(browser, served_site + "/")
    try:
        search(page, query)
        href = page.locator(SEARCH_RESULT).first.get_attribute("href")
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
        ("lac9 (val)", "/indicators/lac9-val/"),  # in any case
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
    assert page.locator("h2#off-target + div li", has_text="LAC1").is_visible()
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


def test_without_javascript_search_gives_way_to_the_indexes(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "/")
    alternative = page.locator(".archive-search-alternative")
    assert alternative.is_visible()
    link = alternative.get_by_role("link", name="the indicators")
    assert link.is_visible()
    link.click()
    assert page.url == served_site + "/indicators/"
    assert page.locator("button.archive-search-open").is_hidden()
    context.close()
    with_script, _ = visit(browser, served_site + "/")
    assert with_script.locator(".archive-search-alternative").is_hidden()
    with_script.close()


def compressed_bytes(site: Path, urls: list[str], served: str) -> int:
    """What the files at ``urls`` weigh as a server sends them: gzip-compressed, unless
    they are smaller as they are (the search index's chunks are compressed already)."""
    total = 0
    for url in urls:
        path = site / url.removeprefix(served).split("?")[0].lstrip("/")
        data = (path / "index.html" if path.is_dir() else path).read_bytes()
        total += min(len(data), len(gzip.compress(data, 9)))
    return total


def test_a_page_downloads_nothing_for_search_until_the_box_is_used(
    browser, served_site, bundled_site
):
    """An indicator page loads neither the search box's script nor the search index;
    focusing the box loads both, and a query the chunks for its words and the excerpts
    shown, under 300 KB."""
    page, requested = visit(browser, served_site + "/indicators/lac1/")
    page.wait_for_timeout(500)
    for_search = [
        url
        for url in requested
        if "/pagefind/" in url or "/search/" in url or url.endswith("/assets/search.min.js")
    ]
    assert for_search == []
    assert any(url.endswith("/assets/archive.min.js") for url in requested)
    before = compressed_bytes(bundled_site, requested, served_site)
    assert before < 80_000, before
    with page.expect_request(lambda request: request.url.endswith("/pagefind/pagefind.js")):
        page.focus(SEARCH_BOX)
    assert any(url.endswith("/assets/search.min.js") for url in requested)
    loaded = len(requested)
    page.keyboard.type("LAC1")
    wait_for_results(page, "LAC1")
    page.wait_for_load_state("networkidle")
    search = [url for url in requested[loaded - 1 :] if "/pagefind/" in url]
    assert any(url.endswith(".pf_fragment") for url in search)
    assert compressed_bytes(bundled_site, search, served_site) < 300_000
    page.close()


# The focused element's outline, and the colour it stands on (its own background over
# those of the elements around it, to the first opaque one).
FOCUS = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const layers = [];
  for (let node = element; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    const parts = colour.match(/[\\d.]+/g).map(Number);
    if (parts.length === 4 && parts[3] === 0) continue;
    layers.push(parts);
    if (parts.length === 3 || parts[3] === 1) break;
  }
  let [r, g, b] = [255, 255, 255];
  for (const [lr, lg, lb, la = 1] of layers.reverse()) {
    [r, g, b] = [lr * la + r * (1 - la), lg * la + g * (1 - la), lb * la + b * (1 - la)];
  }
  return {
    href: element.getAttribute("href"),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    outline: style.outlineColor,
    background: `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`,
  };
}"""


def assert_focus_is_visible(page) -> dict:
    focus = page.evaluate(FOCUS)
    assert focus["style"] != "none" and focus["width"] >= 2, focus
    assert contrast(_rgb(focus["outline"]), _rgb(focus["background"])) >= 3, focus
    return focus


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_decision_is_found_and_opened_by_keyboard_alone(browser, served_site, scheme):
    """From the top of the page: Tab to the search box, type a decision's words, the arrow
    key to the second result (the focus plainly visible at each stop), Enter to open it."""
    page, _ = visit(browser, served_site + "/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    for _ in range(20):
        if page.evaluate("document.activeElement.name") == "q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "q"
    query = "highlight report is attached to the monthly performance dataset"  # 2023-07-20
    page.keyboard.type(query)
    wait_for_results(page, query)
    found = page.locator(SEARCH_RESULT).evaluate_all("links => links.map(a => a.pathname)")
    assert "/meetings/2023-07-20/" in found
    page.keyboard.press("ArrowDown")
    first = assert_focus_is_visible(page)
    page.keyboard.press("ArrowDown")
    second = assert_focus_is_visible(page)
    assert second["href"] != first["href"]
    page.keyboard.press("ArrowUp")
    assert assert_focus_is_visible(page)["href"] == first["href"]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + second["href"])
    assert "highlight report is attached" in page.locator("article").inner_text()
    page.close()


def test_escape_closes_the_search_and_the_box_keeps_the_focus(browser, served_site):
    page, _ = visit(browser, served_site + "/")
    search(page, "LAC16")
    assert page.locator(SEARCH_RESULT).first.is_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert not page.locator(SEARCH_RESULT).first.is_visible()
    assert page.evaluate("document.activeElement.name") == "q"
    assert page.evaluate("document.getElementById('__search').checked") is False
    page.close()


def test_enter_in_the_search_box_opens_the_first_result(browser, served_site):
    page, _ = visit(browser, served_site + "/meetings/")
    page.focus(SEARCH_BOX)
    page.keyboard.type("CP3-QL")
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + "/indicators/cp3-ql/")
    page.close()


def test_one_character_typed_is_not_searched_but_enter_searches_it(browser, served_site):
    """One character begins words all over the index: typed, whether before the box's
    script comes or after, it downloads none of the index's chunks and the status says
    what to do (until the box is emptied); a second character searches; Enter searches
    for one character."""
    page = browser.new_page()
    held, chunks = [], []
    page.route("**/assets/search.min.js", lambda route: held.append(route))
    page.on("request", lambda r: chunks.append(r.url) if r.url.endswith(".pf_index") else None)
    page.goto(served_site + "/meetings/", wait_until="networkidle")
    page.focus(SEARCH_BOX)
    page.keyboard.type("L")
    page.wait_for_timeout(300)
    held[0].continue_()
    status = page.locator(SEARCH_STATUS)
    expect(status).to_contain_text("Type at least two characters")
    expect(status).to_contain_text("press Enter to search for ‘L’")
    page.wait_for_timeout(600)
    assert chunks == [] and page.locator(SEARCH_RESULT).count() == 0
    page.keyboard.type("A")
    wait_for_results(page, "LA")
    assert chunks and page.locator(SEARCH_RESULT).count() > 0
    page.keyboard.press("Backspace")
    expect(status).to_contain_text("Type at least two characters")
    assert page.locator(SEARCH_RESULT).count() == 0
    page.keyboard.press("Backspace")
    expect(status).not_to_contain_text("Type at least two characters")
    page.keyboard.type("L")
    expect(status).to_contain_text("press Enter to search for ‘L’")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: not url.endswith("/meetings/"))
    page.close()


def test_a_query_typed_and_sent_before_the_box_script_comes_opens_its_first_result(
    browser, served_site
):
    """The box's script is loaded as the box is first used: what the reader typed and
    Enter pressed before it came are acted on once it has."""
    page = browser.new_page()
    held = []
    page.route("**/assets/search.min.js", lambda route: held.append(route))
    page.goto(served_site + "/meetings/", wait_until="networkidle")
    page.focus(SEARCH_BOX)
    page.keyboard.type("CP3-QL")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert len(held) == 1 and page.url == served_site + "/meetings/"
    held[0].continue_()
    page.wait_for_url(served_site + "/indicators/cp3-ql/")
    page.close()


def test_on_a_small_screen_the_header_button_opens_a_search_that_takes_what_is_typed(
    browser, served_site
):
    """At 320 px the box is hidden behind the header's button: pressed, it opens the
    search with the focus in the box (the box's script not yet loaded), and a query typed
    at once is searched."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(served_site + "/indicators/lac1/", wait_until="networkidle")
    page.focus("button.archive-search-open")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("LAC16")
    wait_for_results(page, "LAC16")
    assert page.locator(SEARCH_RESULT).first.get_attribute("href") == "/indicators/lac16/"
    context.close()


def test_a_query_in_the_address_is_searched_at_once(browser, served_site):
    """The form of the page for an address not found sends its query to the home page."""
    page, _ = visit(browser, served_site + "/?q=LAC16")
    wait_for_results(page, "LAC16")
    assert page.locator(SEARCH_RESULT).first.get_attribute("href") == "/indicators/lac16/"
    page.close()
