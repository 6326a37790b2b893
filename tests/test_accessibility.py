"""WCAG 2.2 AA checks by axe-core in Chromium, on one page of every type.

The full audit of every page is a later piece of work; this keeps each page template
accessible from the start.
"""

from __future__ import annotations

import pytest

from .conftest import REPOSITORY

pytestmark = pytest.mark.browser

AXE = REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ONE_PAGE_OF_EACH_TYPE = [
    "/",
    "/meetings/",
    "/meetings/2018-03-22/",
    "/meetings/2023-07-20/",
    "/recommendations/",
    "/members/",
    "/members/cllr-taggart/",
    "/data/",
    "/indicators/",
    "/indicators/lac1/",
    "/indicators/children-in-residential-care-placements/",
    "/embed/indicators/lac1/",
    "/releases/",
    "/releases/2018-04/",
    "/glossary/",
    "/glossary/section-47-enquiry/",
    "/guide/patterns/meetings/",
    "/guide/reference/",
]


def axe_violations(browser, url: str) -> list[dict]:
    """What axe-core finds against WCAG 2.2 A and AA on the page at ``url``."""
    assert AXE.is_file(), "make test installs axe-core from the npm registry (npm ci)"
    page = browser.new_page()
    try:
        page.goto(url, wait_until="load")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        return page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
                return result.violations.map(v => ({
                    rule: v.id, help: v.help, where: v.nodes.map(n => n.target.join(" ")),
                }));
            }""",
            WCAG_TAGS,
        )
    finally:
        page.close()


@pytest.mark.parametrize("path", ONE_PAGE_OF_EACH_TYPE)
def test_no_wcag_violations(browser, served_site, path):
    assert axe_violations(browser, served_site + path) == []
