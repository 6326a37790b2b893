"""Journeys through the bundled archive in Debian's Chromium, driven by Playwright: what a
reader who uses the keyboard, no JavaScript, a magnified screen, a screen reader or forced
colours meets (WCAG 2.2 AA). What is checked here is listed in ``builder/accessibility.py``
(JOURNEYS), which the accessibility statement reports.

- A keyboard journey from the home page to an indicator, its data, downloads, citation
  and the colour scheme; and on every Tab stop of it and of one page of every type: the
  focus is seen (displayed, on screen, not covered, with an indicator), nothing traps it,
  Shift+Tab retraces it, and no stop is hidden or a needless repeat of the one before.
  (The edition selector exists only on a deployed edition: ``tests/test_publish.py``
  works it by keyboard.) The search's own stops are left to the search's tests.
- Without JavaScript: every page type readable, charts as named images with their
  written summary, tables present.
- Reflow at 320 CSS pixels and at 200% zoom of a 1280 pixel window.
- The accessibility tree of an indicator page.
- The focus and the chart in the dark scheme and in forced colours.

Each kind of check is shown once to fail on a fault planted in a real page. The state
measured at a Tab stop is the state after the page's transitions: they are finished at
once (``Animation.finish``) rather than waited for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from .test_accessibility import ONE_PAGE_OF_EACH_TYPE

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
# The most Tab stops a page may have before the walk is taken to be trapped.
MOST_STOPS = 400

# The focusable elements' styles before any has the focus, to compare with the focused.
SNAPSHOT = """() => {
  const styles = new Map();
  const keep = element => {
    if (!element || styles.has(element)) return;
    const s = getComputedStyle(element);
    styles.set(element, {boxShadow: s.boxShadow, backgroundColor: s.backgroundColor,
                         borderColor: s.borderColor, borderWidth: s.borderWidth});
  };
  document.querySelectorAll(
    "a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]"
  ).forEach(element => {
    keep(element);
    (element.labels || []).forEach(keep);
    keep(element.nextElementSibling);
  });
  window.__unfocused = styles;
  window.__stops = [];
  window.__blocks = 0;
}"""

# The element with the focus, and what a sighted keyboard user sees of it: null when the
# focus is on no element (it has left the page), {cycle: n} when it comes back to stop n.
# A control drawn by another element (a radio button hidden under its icon) shows its
# focus on its label or the element after it.
STOP = r"""() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return null;
  const seen = window.__stops.indexOf(element);
  if (seen >= 0) return {cycle: seen};
  window.__stops.push(element);
  for (const animation of document.getAnimations()) {
    try { animation.finish(); } catch (endless) { /* an endless animation */ }
  }
  const box = element.getBoundingClientRect();
  const drawn = [element, ...(element.labels || [])];
  if ((box.width === 0 || box.height === 0) && element.nextElementSibling) {
    drawn.push(element.nextElementSibling);
  }
  const shown = drawn.filter(candidate => {
    const r = candidate.getBoundingClientRect();
    return r.width > 0 && r.height > 0 &&
      candidate.checkVisibility({opacityProperty: true, visibilityProperty: true});
  });
  const onScreen = r => {
    const fits = r.width <= innerWidth && r.height <= innerHeight;
    return fits
      ? r.left >= -1 && r.top >= -1 && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1
      : r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  };
  // Not covered: at the middle of its part on screen, the first thing seen is it.
  const uncovered = candidate => {
    const r = candidate.getBoundingClientRect();
    const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
    for (const hit of document.elementsFromPoint((left + right) / 2, (top + bottom) / 2)) {
      if (candidate.contains(hit) || hit.contains(candidate)) return true;
      if (hit.checkVisibility({opacityProperty: true, visibilityProperty: true})) {
        window.__cover = hit.outerHTML.slice(0, 80);
        return false;
      }
    }
    return false;
  };
  const rgb = colour => (colour.match(/[\d.]+/g) || []).map(Number);
  const luminance = colour => {
    const [r, g, b] = rgb(colour).slice(0, 3).map(c => c / 255)
      .map(c => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  // The contrast of two colours (WCAG's ratio): 3 to 1 at least for a focus indicator,
  // as for any part of a control that must be seen (1.4.11).
  const contrast = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const clear = colour =>
    colour === "transparent" || (rgb(colour).length === 4 && rgb(colour)[3] === 0);
  const background = start => {
    for (let node = start; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (!clear(colour)) return colour;
    }
    return getComputedStyle(document.documentElement).backgroundColor;
  };
  const indicators = [];
  window.__faint = null;
  for (const candidate of shown) {
    const s = getComputedStyle(candidate);
    const before = window.__unfocused.get(candidate);
    const around = background(candidate.parentElement || candidate);
    if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !clear(s.outlineColor)) {
      const ratio = contrast(s.outlineColor, around);
      if (ratio >= 3) indicators.push(`outline ${s.outlineWidth} ${s.outlineColor} on ${around}`);
      else window.__faint = `outline ${s.outlineColor} on ${around}: ${ratio.toFixed(2)} to 1`;
    }
    if (!before) continue;
    if (s.boxShadow !== "none" && s.boxShadow !== before.boxShadow) indicators.push("box-shadow");
    if (s.backgroundColor !== before.backgroundColor) indicators.push("background");
    const border = ["Top", "Right", "Bottom", "Left"]
      .some(side => parseFloat(s[`border${side}Width`]) > 0);
    if (border && (s.borderColor !== before.borderColor || s.borderWidth !== before.borderWidth)) {
      indicators.push("border");
    }
  }
  window.__cover = null;
  const covered = !shown.some(uncovered);
  const block = element.closest(
    "p, li, tr, dt, dd, h1, h2, h3, h4, h5, h6, figcaption, caption, .md-header, .md-nav__title");
  if (block && !block.__journeyBlock) block.__journeyBlock = ++window.__blocks;
  return {
    what: element.outerHTML.slice(0, 100).replace(/\s+/g, " "),
    name: (element.getAttribute("aria-label") || element.innerText || "").trim().slice(0, 60),
    href: element.href || null,
    block: block ? block.__journeyBlock : 0,
    search: !!element.closest("[role=search], .md-search"),
    shown: shown.length > 0,
    on_screen: shown.some(candidate => onScreen(candidate.getBoundingClientRect())),
    covered: covered ? (window.__cover || "nothing seen") : null,
    hidden_from_assistive_technology: !!element.closest("[aria-hidden=true], [inert]"),
    indicators,
    faint: window.__faint,
  };
}"""

# Where the focus is among the stops of the forward walk: -1 for an element it never
# reached, null for none.
STOP_INDEX = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  return window.__stops.indexOf(element);
}"""


@dataclass
class Walk:
    """The Tab stops of a page, in order, and how the walk ended: "left" (the focus left
    the page, to the browser), "cycled" (it came back to the first stop) or "trapped"."""

    path: str
    stops: list[dict] = field(default_factory=list)
    end: str = ""

    def faults(self) -> list[str]:
        found = [f"{self.path}: the focus is {self.end}"] if self.end == "trapped" else []
        for number, stop in enumerate(self.stops):
            found += [f"{self.path} stop {number}: {fault}" for fault in stop_faults(stop)]
        for before, after in zip(self.stops, self.stops[1:], strict=False):
            same_address = before["href"] and before["href"] == after["href"]
            if same_address and before["block"] and before["block"] == after["block"]:
                found.append(
                    f"{self.path}: two stops side by side lead to {before['href']}: "
                    f"{before['what']} and {after['what']}"
                )
        return found


def stop_faults(stop: dict) -> list[str]:
    """What is wrong with what a sighted keyboard user sees of one Tab stop."""
    if stop["search"]:
        return []  # the search's stops are the search's tests' (tests/test_browser.py)
    what = f"{stop['name']!r} {stop['what']}"
    faults = []
    if not stop["shown"]:
        faults.append(f"not displayed: {what}")
    elif not stop["on_screen"]:
        faults.append(f"off the screen: {what}")
    elif stop["covered"]:
        faults.append(f"covered by {stop['covered']}: {what}")
    if stop["hidden_from_assistive_technology"]:
        faults.append(f"hidden from assistive technology: {what}")
    if stop["shown"] and not stop["indicators"]:
        faint = f" (a faint {stop['faint']})" if stop["faint"] else ""
        faults.append(f"no visible focus indicator{faint}: {what}")
    return faults


def walk(page, path: str) -> Walk:
    """Every Tab stop of the page open at ``path``, from its top; then Shift+Tab from the
    last stop must go back through the same stops in reverse."""
    page.evaluate(SNAPSHOT)
    result = Walk(path)
    for _ in range(MOST_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(STOP)
        if stop is None or "cycle" in stop:
            result.end = "left" if stop is None else f"cycled to stop {stop['cycle']}"
            break
        result.stops.append(stop)
    else:
        result.end = "trapped"
    if result.end.startswith("cycled") and result.end != "cycled to stop 0":
        result.end = "trapped"
    return result


def retrace(page, count: int) -> list[int | None]:
    """The stops Shift+Tab visits from the last of ``count`` (numbered as the forward
    walk found them) until the focus leaves the page."""
    page.evaluate("n => window.__stops[n - 1].focus()", count)
    visited: list[int | None] = []
    for _ in range(count + 1):
        page.keyboard.press("Shift+Tab")
        index = page.evaluate(STOP_INDEX)
        visited.append(index)
        if index is None or index == count - 1:
            break
    return visited


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


# ---------------------------------------------------------------- keyboard and focus


def tab_until(page, wanted, what: str, walk_so_far: Walk, most: int = 150) -> dict:
    """Tab until ``wanted(stop)``; each stop on the way is checked as in the walks."""
    for _ in range(most):
        page.keyboard.press("Tab")
        stop = page.evaluate(STOP)
        assert stop is not None and "cycle" not in stop, f"Tab never reached {what}"
        walk_so_far.stops.append(stop)
        if wanted(stop):
            return stop
    raise AssertionError(f"Tab never reached {what} in {most} stops")


def test_a_keyboard_journey_from_the_home_page_to_an_indicator(browser, served_site):
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site)
    page = context.new_page()
    journey = Walk("journey")

    # The first Tab: a visible "Skip to content"; Enter takes the focus into the page's
    # content (the next Tab is its first link).
    open_page(page, served_site + "/")
    page.evaluate(SNAPSHOT)
    page.keyboard.press("Tab")
    skip = page.evaluate(STOP)
    journey.stops.append(skip)
    assert skip["name"] == "Skip to content" and skip["shown"] and skip["on_screen"], skip
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('article.md-content__inner') !== null")
    assert page.evaluate("document.activeElement.textContent") == "MASH"

    # Every tab of the navigation, in order, then the indicators index by Enter.
    open_page(page, served_site + "/")
    page.evaluate(SNAPSHOT)
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert [t.strip() for t in tabs] == [
        "Home",
        "Meetings",
        "Recommendations",
        "Members",
        "Indicators",
        "Releases",
        "Glossary",
    ]
    reached = []
    for name in tabs:
        stop = tab_until(page, lambda s: "md-tabs__link" in s["what"], f"the tab {name}", journey)
        reached.append(stop["name"])
        if stop["name"] == "Indicators":
            index_tab = len(reached)
    assert reached == [t.strip() for t in tabs]
    open_page(page, served_site + "/")
    page.evaluate(SNAPSHOT)
    for _ in range(index_tab):
        tab_until(page, lambda s: "md-tabs__link" in s["what"], "a tab", journey)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == served_site + "/indicators/"

    # An indicator, by Tab and Enter from the index.
    page.wait_for_load_state("networkidle")
    page.evaluate(SNAPSHOT)
    tab_until(page, lambda s: s["name"].startswith("LAC1:"), "LAC1", journey)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == served_site + "/indicators/lac1/"

    # On it: the values of the chart (as a table, or the table's scrolling region), the
    # downloads, the citation's copy button; Enter copies.
    page.wait_for_load_state("networkidle")
    page.evaluate(SNAPSHOT)
    in_values = "document.activeElement.closest('h2#values + figure') !== null"
    for _ in range(150):
        tab_until(page, lambda s: True, "the values", journey)
        if page.evaluate(in_values):
            break
    assert page.evaluate(in_values), "Tab never reached the table of values"
    tab_until(page, lambda s: "(CSV)" in s["name"], "the downloads", journey)
    tab_until(page, lambda s: s["name"] == "Copy plain text", "the copy button", journey)
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").startswith("Southampton City Council (")

    # The colour scheme: Enter on the scheme's radio button switches it (and an arrow key
    # does too, as in any group of radio buttons); the next page keeps the choice.
    open_page(page, served_site + "/")
    page.evaluate(SNAPSHOT)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    tab_until(page, lambda s: s["name"].endswith("colour scheme"), "the colour scheme", journey)
    page.keyboard.press("Enter")
    assert page.evaluate(scheme) == "slate"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Dark colour scheme"
    )
    journey.stops.append(page.evaluate(STOP))  # the focus, on the radio button chosen
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(scheme) == "default"
    page.keyboard.press("ArrowRight")
    assert page.evaluate(scheme) == "slate"
    tab_until(page, lambda s: s["name"] == "Meetings", "the tab Meetings", journey)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate(scheme) == "slate"
    assert journey.faults() == []
    context.close()


def test_every_tab_stop_shows_its_focus_and_none_traps_it(browser, served_site, capsys):
    """One page of every type at a desktop width: every Tab stop displayed, on screen,
    uncovered, with a focus indicator, not hidden from assistive technology; no two stops
    side by side in one block to one address; Tab ends by leaving the page (or coming back
    to its first stop) and Shift+Tab retraces the way."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    faults, counts = [], {}
    for path in ONE_PAGE_OF_EACH_TYPE:
        open_page(page, served_site + path)
        walked = walk(page, path)
        counts[path] = len(walked.stops)
        faults += walked.faults()
        assert walked.stops and walked.end != "trapped", (path, walked.end)
        back = retrace(page, len(walked.stops))
        expected = list(range(len(walked.stops) - 2, -1, -1))
        assert back[: len(expected)] == expected, (path, "Shift+Tab", back)
    context.close()
    with capsys.disabled():
        print("\nTab stops per page type (1280 px):")
        for path, count in counts.items():
            print(f"  {count:4d}  {path}")
    assert faults == [], "\n".join(faults[:40])
    # Every page but the embed has its skip link as the first stop.
    assert all(count > 10 for path, count in counts.items() if not path.startswith("/embed/"))


def test_every_page_but_the_embed_starts_with_a_skip_link_to_its_content(browser, served_site):
    page = browser.new_page()
    for path in ONE_PAGE_OF_EACH_TYPE:
        if path.startswith("/embed/"):
            continue
        open_page(page, served_site + path)
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.textContent.trim()")
        assert name == "Skip to content", (path, name)
        page.keyboard.press("Enter")
        target = page.evaluate(
            "(() => { const id = decodeURIComponent(location.hash.slice(1));"
            " const t = document.getElementById(id);"
            " return t && !!t.closest('main') && t.getBoundingClientRect().top < innerHeight; })()"
        )
        assert target, (path, "the skip link leads into the main content, on screen")
    page.close()


# Faults planted in a real page, each of which the walk must report.
PLANTED = {
    "no outline": "<style>.md-typeset a:focus, .md-typeset a:focus-visible "
    "{outline: none !important}</style>",
    "transparent link": '<p><a href="#planted" style="opacity: 0">planted</a></p>',
    "hidden from assistive technology": '<p aria-hidden="true"><a href="#planted">planted</a></p>',
    "repeated link": '<p><a href="#planted">planted</a> <a href="#planted">again</a></p>',
}


@pytest.mark.parametrize("fault", list(PLANTED))
def test_the_walk_finds_a_planted_focus_fault(browser, served_site, fault):
    page = browser.new_page(viewport=DESKTOP)
    open_page(page, served_site + "/members/cllr-taggart/")
    page.evaluate(
        "html => document.querySelector('article').insertAdjacentHTML('afterbegin', html)",
        PLANTED[fault],
    )
    faults = walk(page, "planted").faults()
    expected = {
        "no outline": "no visible focus indicator",
        "transparent link": "not displayed",
        "hidden from assistive technology": "hidden from assistive technology",
        "repeated link": "two stops side by side",
    }[fault]
    assert any(expected in found for found in faults), faults
    page.close()


def test_the_walk_finds_a_focus_trap(browser, served_site):
    page = browser.new_page(viewport=DESKTOP)
    open_page(page, served_site + "/members/cllr-taggart/")
    page.evaluate(
        """() => {
          const a = document.querySelector('article a');
          const b = [...document.querySelectorAll('article a')][1];
          b.addEventListener('keydown', event => {
            if (event.key === 'Tab') { event.preventDefault(); a.focus(); }
          });
        }"""
    )
    walked = walk(page, "trap")
    assert walked.end == "trapped", walked.end
    page.close()


# ---------------------------------------------------------------- without JavaScript

# What a reader without JavaScript sees of the page's content: its heading, the length of
# its text, text that is not shown (beyond a chart's other drawings and its title and
# description, which name it, and what a closed <details> holds), its tables and charts.
READABLE = """() => {
  const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const content = document.querySelector("article") || document.body;
  const heading = content.querySelector("h1");
  const charts = [...content.querySelectorAll("figure.indicator-chart")];
  const unseen = [];
  const texts = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || parent.closest("script, style, template")) continue;
    // A closed disclosure opens without a script (its summary is shown, a Tab stop).
    const closed = parent.closest("details:not([open])");
    if (closed && !parent.closest("summary") && shown(closed.querySelector("summary"))) continue;
    const chart = parent.closest("figure.indicator-chart");
    if (chart && [...chart.querySelectorAll("svg")].some(shown)) continue;
    if (!shown(parent)) unseen.push(node.textContent.trim().slice(0, 60));
  }
  return {
    heading: heading && shown(heading) ? heading.innerText : null,
    text: content.innerText.length,
    unseen,
    tables: [...content.querySelectorAll("table")].map(shown),
    charts: charts.map(chart => [...chart.querySelectorAll("svg")].filter(shown).map(svg => ({
      role: svg.getAttribute("role"),
      name: (document.getElementById(svg.getAttribute("aria-labelledby")) || {}).textContent,
      description: (document.getElementById(svg.getAttribute("aria-describedby")) || {})
        .textContent,
      width: svg.getBoundingClientRect().width,
    }))),
    summary: [...content.querySelectorAll("h1 ~ p")].filter(shown).map(p => p.innerText)
      .find(text => text.includes(" was ")) || null,
  };
}"""
# The pages whose content is a table (at least one, shown).
WITH_TABLES = {
    "/meetings/",
    "/meetings/year-2018-19/",
    "/meetings/2018-03-22/",
    "/recommendations/",
    "/recommendations/2023-24/",
    "/members/",
    "/members/cllr-taggart/",
    "/data/",
    "/indicators/",
    "/indicators/lac1/",
    "/indicators/children-in-residential-care-placements/",
    "/releases/",
    "/guide/",
    "/guide/reference/",
}


def readable_faults(found: dict, path: str) -> list[str]:
    faults = []
    if not found["heading"]:
        faults.append(f"{path}: no main heading shown")
    if found["text"] < 150:
        faults.append(f"{path}: {found['text']} characters of content shown")
    if found["unseen"]:
        faults.append(f"{path}: text not shown: {found['unseen'][:5]}")
    if not all(found["tables"]):
        faults.append(f"{path}: a table not shown")
    for drawings in found["charts"]:
        if len(drawings) != 1:
            faults.append(f"{path}: {len(drawings)} drawings of a chart shown")
        for svg in drawings:
            if svg["role"] != "img" or not svg["name"] or not svg["description"]:
                faults.append(f"{path}: a chart without role img, name and description: {svg}")
    return faults


def test_without_javascript_every_page_type_is_readable(browser, served_site):
    """Every page type with JavaScript off: its heading and content shown, no text left
    hidden (nothing waits for a script to be revealed), its tables shown, and an
    indicator's chart an inline SVG image with a name, a description and the written
    summary above it."""
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    faults = []
    for path in ONE_PAGE_OF_EACH_TYPE:
        page.goto(served_site + path)
        found = page.evaluate(READABLE)
        faults += readable_faults(found, path)
        if path in WITH_TABLES:
            assert found["tables"], path
        if path.startswith(("/indicators/", "/embed/indicators/")) and path != "/indicators/":
            assert len(found["charts"]) == 1, path
            assert found["charts"][0][0]["width"] > 300, path
            assert found["charts"][0][0]["name"] == found["heading"] or path.startswith(
                "/indicators/children"
            ), (path, found["charts"])
            assert found["summary"], (path, "no written summary")
    context.close()
    assert faults == [], "\n".join(faults)


def test_the_readable_check_finds_hidden_text(browser, served_site):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(served_site + "/members/")
    page.evaluate(
        """() => {
          document.querySelector('article').insertAdjacentHTML('afterbegin',
            '<div hidden>Shown by a script</div>');
          document.querySelector('article table').style.display = 'none';
        }"""
    )
    faults = readable_faults(page.evaluate(READABLE), "planted")
    assert any("Shown by a script" in fault for fault in faults), faults
    assert any("a table not shown" in fault for fault in faults), faults
    context.close()


# ---------------------------------------------------------------- reflow

# What of the page is wider than the window or cut short: the document scrolling sideways,
# an element wider than the window (or content scrolling sideways in a box) that is not in
# a table's scrolling region that says it scrolls (builder/assets/tables.js) or a code
# block, and text cut by the edge of a box that hides what overflows it. Text wholly
# outside such a box is a pane slid out of sight (the drawer's levels), not cut; text of a
# box a pixel wide is for assistive technology only.
REFLOW = r"""() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const regions = [...document.querySelectorAll(".md-typeset__scrollwrap[role=region]")]
    .filter(region => /scrolls/.test(region.getAttribute("aria-label") || ""));
  // A code block's lines are its meaning (WCAG 1.4.10's two-dimensional content): it
  // scrolls, and is a Tab stop so that the keyboard scrolls it.
  const scrolls = el => regions.includes(el) || el.matches("pre > code[tabindex='0']");
  const inScroller = el => regions.some(region => region.contains(el)) ||
    el.closest("pre > code[tabindex='0']") !== null;
  const tiny = r => r.width <= 1 || r.height <= 1;
  const describe = el => el.outerHTML.slice(0, 90).replace(/\s+/g, " ");
  const hides = value => value === "hidden" || value === "clip";
  const wide = [], cut = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (tiny(r) || r.right <= 0 || r.left >= width) continue;  // a closed drawer
    const s = getComputedStyle(el);
    if (!inScroller(el) && !scrolls(el)) {
      if (r.width > width + 1) wide.push(`${Math.round(r.width)} px wide: ${describe(el)}`);
      if (["auto", "scroll"].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1) {
        wide.push(`scrolls ${el.scrollWidth} px in ${el.clientWidth}: ${describe(el)}`);
      }
    }
    if (scrolls(el) || el.matches(".md-header__topic .md-ellipsis")) continue;
    if (!(hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1) &&
        !(hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1)) continue;
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (!node.textContent.trim() || !shown(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const t = range.getBoundingClientRect();
      if (tiny(t)) continue;
      const inside = t.left >= r.left - 1 && t.right <= r.right + 1 &&
        t.top >= r.top - 1 && t.bottom <= r.bottom + 1;
      const apart = t.right <= r.left || t.left >= r.right ||
        t.bottom <= r.top || t.top >= r.bottom;
      if (!inside && !apart) {
        cut.push(`"${node.textContent.trim().slice(0, 50)}" cut by ${describe(el)}`);
        break;
      }
    }
  }
  return {scrollWidth: root.scrollWidth, width, wide, cut};
}"""

# 320 CSS pixels (WCAG 1.4.10's width); and a 1280 pixel window zoomed to 200%. The zoom is
# made as the browser makes it: a layout viewport of 640 CSS pixels drawn at two device
# pixels each (device_scale_factor 2), so media queries see 640 pixels as they do at 200%
# zoom. CSS ``zoom`` on the root would scale the drawing but leave the media queries at
# 1280 pixels, which is not what a reader who zooms gets.
REFLOWS = {
    "320 px": {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 1},
    "1280 px at 200%": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}


def reflow_faults(found: dict, label: str) -> list[str]:
    faults = []
    if found["scrollWidth"] > found["width"] + 1:
        faults.append(f"{label}: scrolls sideways ({found['scrollWidth']} > {found['width']})")
    faults += [f"{label}: {wide}" for wide in found["wide"]]
    faults += [f"{label}: {cut}" for cut in found["cut"]]
    return faults


@pytest.mark.parametrize("setting", list(REFLOWS))
def test_every_page_type_reflows_without_sideways_scrolling_or_cut_text(
    browser, served_site, setting
):
    """The page fits the width: no sideways scrolling, nothing wider than the window but a
    data table's scrolling region (which says it scrolls) or a code block, no text cut
    short. The drawer is opened on one page too. Material's header title is left out: it
    is cut to one line with an ellipsis by design, and says again what the page's
    heading and the drawer's title (wrapped, checked here) say in full."""
    context = browser.new_context(**REFLOWS[setting])
    page = context.new_page()
    faults = []
    for path in ONE_PAGE_OF_EACH_TYPE:
        open_page(page, served_site + path)
        faults += reflow_faults(page.evaluate(REFLOW), f"{setting} {path}")
    page.get_by_role("button", name="Menu").click()
    page.wait_for_timeout(400)
    faults += reflow_faults(page.evaluate(REFLOW), f"{setting} the drawer open")
    context.close()
    assert faults == [], "\n".join(faults[:40])


def test_the_reflow_check_finds_a_wide_element_and_cut_text(browser, served_site):
    context = browser.new_context(**REFLOWS["320 px"])
    page = context.new_page()
    open_page(page, served_site + "/members/")
    page.evaluate(
        """() => document.querySelector('article').insertAdjacentHTML('beforeend',
            '<div style="width: 600px">Wide</div>' +
            '<p style="overflow: hidden; white-space: nowrap; width: 80px">' +
            'A sentence cut short by its box</p>')"""
    )
    faults = reflow_faults(page.evaluate(REFLOW), "planted")
    assert any("scrolls sideways" in fault for fault in faults), faults
    assert any("600 px wide" in fault for fault in faults), faults
    assert any('"A sentence cut short' in fault for fault in faults), faults
    context.close()


# ---------------------------------------------------------------- accessibility tree


def test_an_indicator_page_in_the_accessibility_tree(browser, served_site):
    """What a screen reader is given: the page's title, a main landmark with the heading,
    the chart as an image with its name and description, the written summary, and the
    values as a table named by its caption, with column headers."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport=DESKTOP)
    open_page(page, served_site + "/indicators/lac1/")
    name = "LAC1: Number of Looked after Children at end of period"
    assert page.title().startswith(name)
    main = page.get_by_role("main")
    expect(main).to_have_count(1)
    expect(main.get_by_role("heading", level=1, name=name)).to_be_visible()
    chart = main.get_by_role("img", name=name, exact=True)
    expect(chart).to_have_count(1)
    expect(chart).to_have_accessible_description(
        re.compile(r"^Line chart of number of Looked after Children at end of period, April 2017")
    )
    tree = page.locator("body").aria_snapshot()
    assert re.search(r"- main:", tree)
    assert f'heading "{name}" [level=1]' in tree
    summary = "Number of Looked after Children at end of period was 521 in April 2018."
    assert re.search(r'- paragraph: "?' + re.escape(summary), tree), tree[:2000]
    caption = f"Values of {name}, oldest first, with the release that published each"
    values = main.get_by_role("figure", name=caption)
    expect(values).to_have_count(1)
    table = values.get_by_role("table")
    expect(table).to_have_count(1)
    headers = table.get_by_role("columnheader").all_inner_texts()
    assert headers == ["Month", "Value", "Published in"]
    expect(table.get_by_role("row")).to_have_count(14)  # the header row and 13 months
    page.close()


# ---------------------------------------------------------------- dark and forced colours

SCHEMES = {
    "dark": {"color_scheme": "dark"},
    "forced colours": {"color_scheme": "dark", "forced_colors": "active"},
}

# The colours painted: the page's text and background, the chart's background, series
# lines and title.
PAINTED = """() => {
  const svg = [...document.querySelectorAll("figure.indicator-chart svg")].find(
    s => getComputedStyle(s).display !== "none");
  const body = getComputedStyle(document.body);
  const article = getComputedStyle(document.querySelector("article"));
  return {
    text: article.color,
    page: body.backgroundColor,
    chart: getComputedStyle(svg.querySelector(":scope > rect")).fill,
    lines: [...svg.querySelectorAll(".series_marks path")].map(p => getComputedStyle(p).stroke),
    title: getComputedStyle(svg.querySelector(".role-title-text text")).fill,
  };
}"""


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_focus_text_and_chart_are_seen_in_dark_and_forced_colours(browser, served_site, scheme):
    """In the dark scheme and in forced colours: every Tab stop of the home page and of an
    indicator page has a focus indicator of a colour other than what is around it; the
    text, the chart's lines and its title differ from their background."""
    context = browser.new_context(viewport=DESKTOP, **SCHEMES[scheme])
    page = context.new_page()
    faults = []
    for path in ["/", "/indicators/lac1/"]:
        open_page(page, served_site + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        faults += walk(page, f"{scheme} {path}").faults()
    painted = page.evaluate(PAINTED)
    context.close()
    assert faults == [], "\n".join(faults[:40])
    assert painted["text"] != painted["page"], painted
    assert painted["lines"] and painted["chart"] not in painted["lines"], painted
    assert painted["title"] != painted["chart"], painted
