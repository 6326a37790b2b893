"""The accessibility statement: the UK public-sector form, filled from the settings and
from the checks the suite runs, linked from every page."""

from __future__ import annotations

import shutil

import pytest

from builder import accessibility, pipeline

from .conftest import FIXTURES
from .pages import page


def test_the_statement_lists_the_checks_the_suite_runs_and_says_when_no_contact_is_set(
    bundled_site, bundled_archive
):
    archive, analysis = bundled_archive
    assert archive.site.accessibility_contact is None
    read = page(bundled_site, "accessibility/")
    for check in accessibility.CHECKS:
        assert f"{check.tool}: {check.scope}" in read.text
    for journey in accessibility.JOURNEYS:
        assert journey in read.text
    for rule in accessibility.CONTENT_RULES:
        assert rule in read.text
    assert "This archive's settings give no contact for accessibility problems" in read.text
    assert "Equality Advisory and Support Service (EASS)" in read.text
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in (
        read.text
    )
    day = analysis.as_of
    assert f"prepared for the edition of {day.day} {day:%B %Y}." in read.text


def test_every_page_links_to_the_statement_and_offers_the_indexes_without_javascript(
    bundled_site,
):
    for path in ["", "meetings/2023-07-20/", "indicators/lac1/", "glossary/"]:
        html = page(bundled_site, path).html
        footer = html.split('class="md-copyright"')[1]
        assert "accessibility/" in footer and ">Accessibility statement</a>" in footer
        assert "Search needs JavaScript. Browse" in html


@pytest.mark.slow
def test_a_council_s_contact_is_given_as_it_states_it(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    settings = root / "site_config" / "site.yml"
    settings.write_text(
        settings.read_text() + "accessibility_contact:\n  email: accessibility@example.gov.uk\n"
        "  phone: 023 8000 0000\n  response_days: 10\n"
    )
    out = pipeline.build(root, tmp_path / "site").out
    read = page(out, "accessibility/")
    assert "email: accessibility@example.gov.uk" in read.text
    assert "telephone: 023 8000 0000" in read.text
    assert "within 10 working days" in read.text
    assert "give no contact" not in read.text
