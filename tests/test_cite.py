"""'Cite this': the three forms agree, escape what they must, and every indicator page has them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re

import pytest

from builder import urls
from builder.model import Edition
from builder.render.cite import ACCESSED, cite

PAGES_ROOT = "https://owner.github.io/archive/"
EDITION = Edition(name="2018-04", date=dt.date(2018, 6, 7), site_url=PAGES_ROOT)


@pytest.fixture
def site(bundled_archive):
    archive, _ = bundled_archive
    return dataclasses.replace(archive.site, site_url=PAGES_ROOT)


def test_each_form_names_the_council_the_edition_and_the_permanent_address(site):
    citation = cite(site, "LAC1: Number of looked after children", urls.indicator("lac1"), EDITION)
    address = "https://owner.github.io/archive/indicators/lac1/"
    assert citation.url == address
    assert citation.text.startswith(f"{site.council} (2018). LAC1: Number of looked after")
    assert "edition of 7 June 2018" in citation.text and address in citation.text
    assert f"url = {{{address}}}" in citation.bibtex
    assert f"publisher = {{{site.council}}}" in citation.bibtex
    [item] = json.loads(citation.csl_json)
    assert item["type"] == "dataset" and item["URL"] == address
    assert item["author"] == [{"literal": site.council}] and item["publisher"] == site.council
    assert item["issued"] == {"date-parts": [[2018, 6, 7]]}
    assert item["accessed"] == {"raw": ACCESSED}
    assert ACCESSED in citation.text and f"urldate = {{{ACCESSED}}}" in citation.bibtex


def test_an_edition_published_as_a_version_is_cited_at_its_permanent_address(site):
    """Deployed as the version '2018-04' of the site, the page is cited under that
    edition's own root, which later editions never replace (not under 'latest')."""
    deployed = dataclasses.replace(EDITION, site_url=PAGES_ROOT, versioned=True)
    citation = cite(site, "LAC1", urls.indicator("lac1"), deployed)
    address = "https://owner.github.io/archive/2018-04/indicators/lac1/"
    assert citation.url == address
    assert address in citation.text and f"url = {{{address}}}" in citation.bibtex
    assert json.loads(citation.csl_json)[0]["URL"] == address
    assert urls.LATEST not in citation.text


def test_without_a_site_address_no_citation_invents_one(bundled_archive):
    archive, analysis = bundled_archive
    assert archive.site.site_url is None and analysis.edition.site_url is None
    citation = cite(archive.site, "LAC1", urls.indicator("lac1"), analysis.edition)
    assert citation.url is None
    assert "http" not in citation.text + citation.bibtex
    assert "URL" not in json.loads(citation.csl_json)[0]


def test_bibtex_escapes_what_it_would_read_as_commands(site):
    citation = cite(site, "Rate of A & B: 50% of {x}_y #1", urls.indicator("x"), EDITION)
    title = next(line for line in citation.bibtex.splitlines() if "title =" in line)
    assert r"A \& B: 50\% of \{x\}\_y \#1" in title
    assert citation.bibtex.count("{") - citation.bibtex.count(r"\{") == citation.bibtex.count(
        "}"
    ) - citation.bibtex.count(r"\}")
    assert json.loads(citation.csl_json)[0]["title"] == "Rate of A & B: 50% of {x}_y #1"


def test_citation_keys_differ_between_pages_and_editions(site):
    def key(address, edition):
        return json.loads(cite(site, "T", address, edition).csl_json)[0]["id"]

    keys = {
        key(urls.indicator("lac1"), EDITION),
        key(urls.indicator("lac16"), EDITION),
        key(urls.indicator("lac1"), Edition(name="2018-05", date=dt.date(2018, 6, 8))),
    }
    assert len(keys) == 3
    assert all(re.fullmatch(r"[a-z0-9-]+", k) for k in keys)


def _citation_blocks(page_html: str) -> dict[str, str]:
    blocks = re.findall(
        r'<pre data-citation-form="([a-z-]+)"[^>]*><code>(.*?)</code></pre>', page_html, re.S
    )
    return {form: html.unescape(text) for form, text in blocks}


def test_every_indicator_page_offers_its_citation_in_three_forms(bundled_site, bundled_archive):
    archive, analysis = bundled_archive
    for indicator in archive.indicators:
        page = (bundled_site / "indicators" / indicator.slug / "index.html").read_text()
        assert 'id="cite-this"' in page, indicator.slug
        blocks = _citation_blocks(page)
        assert set(blocks) == set(urls.CITATION_FORMS), indicator.slug
        assert indicator.label in blocks["text"] and archive.site.council in blocks["text"]
        [item] = json.loads(blocks["csl-json"])
        assert item["title"] == indicator.label
        edition = analysis.as_of
        assert item["issued"] == {"date-parts": [[edition.year, edition.month, edition.day]]}
        # Without JavaScript the reader is told where the date they read the page goes.
        assert "Replace “[date accessed]” with the date you read the page." in page
