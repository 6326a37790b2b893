"""What machines read of an indicator: schema.org Dataset, link previews and the embed page."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from builder.render.sharing import dataset_jsonld, indicator_sharing
from builder.render.views import chart_description, indicator_summary

from .pages import page, search_fragments

SITE_URL = "https://owner.github.io/archive/"


def _jsonld(page_html: str) -> dict:
    [text] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    return json.loads(text)


def _meta(page_html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', page_html)
    return found.group(1) if found else None


def test_every_indicator_page_describes_itself_as_a_dataset(bundled_site, bundled_archive):
    archive, analysis = bundled_archive
    for slug, indicator_analysis in analysis.indicators.items():
        html = (bundled_site / "indicators" / slug / "index.html").read_text()
        dataset = _jsonld(html)
        indicator = indicator_analysis.indicator
        assert dataset["@type"] == "Dataset" and dataset["name"] == indicator.label
        assert dataset["publisher"] == {"@type": "Organization", "name": archive.site.council}
        assert dataset["description"] == " ".join(indicator_summary(indicator_analysis)) or (
            indicator.title
        )
        if indicator_analysis.series:
            start, end = dataset["temporalCoverage"].split("/")
            assert start[:7] == indicator_analysis.series[0].period[:7]
            assert end[:7] == indicator_analysis.series[-1].period[:7]
        # No site address is set: nothing absolute is invented.
        assert "url" not in dataset and "distribution" not in dataset
        assert _meta(html, "og:title") == indicator.label.replace("'", "&#39;")
        assert _meta(html, "twitter:card") == "summary"


def test_with_a_site_address_the_dataset_links_its_page_and_downloads(bundled_archive):
    archive, analysis = bundled_archive
    site = dataclasses.replace(archive.site, site_url=SITE_URL)
    lac1 = analysis.indicators["lac1"]
    dataset = json.loads(dataset_jsonld(site, lac1, "LAC1 in words.", analysis.as_of))
    assert dataset["url"] == SITE_URL + "indicators/lac1/"
    downloads = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
    assert downloads["text/csv"] == SITE_URL + "indicators/lac1/data.csv"
    sharing = indicator_sharing(
        site, lac1, indicator_summary(lac1), chart_description(lac1), analysis.as_of
    )
    assert sharing.image == SITE_URL + "indicators/lac1/chart.png"
    assert sharing.image_alt == chart_description(lac1)


def test_json_ld_cannot_close_its_script_element(bundled_archive):
    archive, analysis = bundled_archive
    lac1 = analysis.indicators["lac1"]
    text = dataset_jsonld(archive.site, lac1, "</script><script>alert(1)</script> & more", EDITION)
    assert "</script" not in text and "<" not in text
    assert json.loads(text)["description"].startswith("</script>")


EDITION = __import__("datetime").date(2018, 6, 7)


@pytest.mark.parametrize("slug", ["lac1", "cp1"])
def test_the_embed_page_carries_chart_summary_source_and_a_link_back(
    bundled_site, bundled_archive, slug
):
    _, analysis = bundled_archive
    html = (bundled_site / "embed" / "indicators" / slug / "index.html").read_text()
    body = html.split("<body", 1)[1]
    assert 'class="md-header' not in body and 'class="md-tabs' not in body
    assert 'class="md-footer' not in body
    assert re.search(r'<svg role="img" aria-labelledby="[^"]+"', body)
    read = page(bundled_site, f"embed/indicators/{slug}/")
    assert "Source: " in read.text and "archive edition of" in read.text
    assert " ".join(indicator_summary(analysis.indicators[slug])) in read.text
    assert f'href="../../../indicators/{slug}/" target="_top"' in body


def test_embed_pages_stay_out_of_the_search_index(bundled_site):
    indexed = search_fragments(bundled_site)
    assert "/indicators/lac1/" in indexed
    assert not any(address.startswith("/embed/") for address in indexed)
