"""The accessibility statement: the form UK public-sector bodies publish under the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018,
filled from the site configuration and from the list of checks the test suite runs
(``builder/accessibility.py``). Nothing in it depends on a run, so it is reproducible."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder import accessibility, urls
from builder.model import AccessibilityContact, SiteConfig
from builder.render.format import long_date
from builder.urls import Address

# What the archive knows it does not yet do; each is said on the statement until it is done.
KNOWN_ISSUES = (
    "Search needs JavaScript. Without it the search box is replaced by links to the "
    "meetings, indicators, releases and glossary indexes.",
    "At 320 pixels wide the header shows the site's name cut short on one line; the full "
    "name is in the menu and in each page's heading.",
)


@dataclass(frozen=True)
class AccessibilityPage:
    address: Address
    site: SiteConfig
    standard: str
    contact: AccessibilityContact | None
    checks: list[accessibility.Check]
    journeys: list[str]
    content_rules: list[str]
    known_issues: list[str]
    prepared: str  # the edition's date, in words


def accessibility_page(site: SiteConfig, edition: dt.date) -> AccessibilityPage:
    return AccessibilityPage(
        address=urls.accessibility_statement(),
        site=site,
        standard=accessibility.STANDARD,
        contact=site.accessibility_contact,
        checks=list(accessibility.CHECKS),
        journeys=list(accessibility.JOURNEYS),
        content_rules=list(accessibility.CONTENT_RULES),
        known_issues=list(KNOWN_ISSUES),
        prepared=long_date(edition),
    )
