"""What the accessibility audit checks: one list, read by the test suite that runs it
(``tests/test_accessibility.py``) and by the accessibility statement that reports it.

Nothing here depends on a run (no timings, no counts of a browser session): the same
content and the same pinned tools give the same statement, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

# The standard every page is held to.
STANDARD = "WCAG 2.2 level AA"
# The language of every page (``<html lang>``): the builder writes the pages' headings,
# labels and dates in British English.
LANGUAGE = "en-GB"


@dataclass(frozen=True)
class Check:
    """One automated check of the built site: its tool, the npm package pinned in
    ``package.json`` that provides it, and what it is run on."""

    tool: str
    package: str
    scope: str


# Every page (each HTML file of the built site) at a desktop width in the light scheme;
# one page of every type also in the dark scheme and at 320 CSS pixels.
EVERY_PAGE = "every page, light scheme at 1280 pixels wide"
EVERY_TYPE = "one page of every type, light and dark schemes, 1280 and 320 pixels wide"
CHECKS = (
    Check("axe-core (WCAG 2.0, 2.1 and 2.2, A and AA rules)", "axe-core", EVERY_PAGE),
    Check("axe-core (WCAG 2.0, 2.1 and 2.2, A and AA rules)", "axe-core", EVERY_TYPE),
    Check("HTML_CodeSniffer (WCAG2AA standard, errors)", "html_codesniffer", EVERY_PAGE),
    Check("HTML_CodeSniffer (WCAG2AA standard, errors)", "html_codesniffer", EVERY_TYPE),
    Check(
        "IBM Equal Access accessibility-checker-engine (WCAG_2_2 policy, violations)",
        "accessibility-checker-engine",
        "one page of every type, light scheme at 1280 pixels and dark scheme at 320 pixels",
    ),
    Check("Nu Html Checker (HTML conformance, errors)", "vnu-jar", "every page"),
)
# What else the suite checks in a browser (Debian's Chromium, driven by Playwright).
JOURNEYS = (
    "every link between pages leads to a page and, where it names one, to an anchor on it",
    "by keyboard: the citation's copy button and the edition selector",
    "by keyboard: a search for a decision, the arrow keys to its second result and Enter to "
    "open it, the focus visible at each stop with 3:1 contrast in the light and dark schemes",
    "the search with its results shown: axe-core and HTML_CodeSniffer, light and dark schemes",
    "without JavaScript: the citation is on the page and says where the access date goes; "
    "the search is replaced by links to the indexes",
    "at 320 pixels wide: the indicators index keeps the direction of travel on screen, and "
    "the charts' text is at least 11 pixels",
    "dark scheme and forced colours: the charts follow the scheme",
    # tests/test_journeys.py
    "by keyboard from the home page: the skip link, every navigation tab in order, the "
    "indicators index, an indicator, its table of values, its downloads and its citation "
    "(copied with Enter), and the colour scheme (switched with Enter or an arrow key, and "
    "kept on the next page)",
    "one page of every type but the embed: the first Tab stop is a skip link, and Enter on "
    "it leads into the main content",
    "every Tab stop of one page of every type (but the search's): shown on screen, not "
    "covered, with a focus indicator of at least 3:1 contrast; none hidden from assistive "
    "technology or leading where the one before it in the same block leads; Tab leaves the "
    "page and Shift+Tab retraces the way",
    "without JavaScript, one page of every type: the heading, the content and the tables "
    "are shown and no text is left hidden; an indicator's chart is an image with a name and "
    "a description, and its written summary is on the page",
    "one page of every type at 320 pixels wide and at 200% zoom of 1280 pixels: no sideways "
    "scrolling, nothing wider than the screen but a table that says it scrolls or a code "
    "block, and no text cut short (but the header's one-line title)",
    "an indicator page's accessibility tree: the page's title, the main landmark and "
    "heading, the chart as an image with its name and description, the written summary, "
    "and the table of values with its caption and column headers",
    "dark scheme and forced colours: the focus indicator, the text and the charts' lines "
    "stand out from their background",
)
# What ``python -m builder check`` refuses in the text officers write in Markdown (an
# item's summary and minutes, a report's summary and detail, a glossary definition), so
# that no edition is built with it (``builder/validate/accessibility.py``).
CONTENT_RULES = (
    "a level-1 heading (the page's title is its only one), or a heading that skips a level",
    'a link whose text alone does not say where it leads, such as "here", "PDF" or "read more"',
    "an image without alternative text",
    "a table without a caption (HTML, tables included, is refused altogether)",
    "an abbreviation in capitals that neither the glossary, the site's list of "
    "abbreviations nor the text itself writes out",
)
