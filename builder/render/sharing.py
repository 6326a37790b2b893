"""What an indicator page tells the machines that share and index it.

schema.org ``Dataset`` JSON-LD lets dataset search engines index each indicator; Open
Graph and Twitter card fields give a link shared on social media its title, summary and
chart. Addresses in both must be absolute, so they are given only where the site has a
public address (``site_url``); without one the page says what it can without them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from builder import urls
from builder.model import IndicatorAnalysis, SiteConfig
from builder.render.format import period_start

ENCODINGS = {
    "data.csv": "text/csv",
    "data.json": "application/json",
    "metadata.json": "application/json",
    "chart.svg": "image/svg+xml",
    "chart.png": "image/png",
    "chart.vl.json": "application/json",
}


@dataclass(frozen=True)
class Sharing:
    """The page's metadata for link previews and dataset search."""

    description: str
    image: str | None  # absolute address of the chart's PNG, where the site has one
    image_alt: str
    jsonld: str


def indicator_sharing(
    site: SiteConfig,
    analysis: IndicatorAnalysis,
    summary: list[str],
    chart_alt: str,
    edition: dt.date,
) -> Sharing:
    indicator = analysis.indicator
    slug = indicator.slug
    description = " ".join(summary) or indicator.title
    image = None
    if site.site_url and analysis.series:
        image = urls.absolute(urls.indicator_chart_png(slug), site.site_url)
    return Sharing(
        description=description,
        image=image,
        image_alt=chart_alt,
        jsonld=dataset_jsonld(site, analysis, description, edition),
    )


def dataset_jsonld(
    site: SiteConfig, analysis: IndicatorAnalysis, description: str, edition: dt.date
) -> str:
    """schema.org ``Dataset`` for one indicator, safe to place inside a ``<script>``."""
    indicator = analysis.indicator
    council = {"@type": "Organization", "name": site.council}
    document: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": indicator.label,
        "description": description,
        "creator": council,
        "publisher": council,
        "isAccessibleForFree": True,
        "version": edition.isoformat(),
        "dateModified": edition.isoformat(),
        "keywords": [indicator.service_area, site.committee],
        "variableMeasured": indicator.title,
    }
    if indicator.code:
        document["identifier"] = indicator.code
    if analysis.series:
        first, last = analysis.series[0].period, analysis.series[-1].period
        document["temporalCoverage"] = f"{period_start(first)}/{period_start(last)}"
    licence = site.data_licence
    if licence is not None:
        document["license"] = licence.url or licence.name
    if site.site_url:
        document["url"] = urls.absolute(urls.indicator(indicator.slug), site.site_url)
        if analysis.series:
            document["distribution"] = [
                {
                    "@type": "DataDownload",
                    "name": name,
                    "encodingFormat": ENCODINGS[name],
                    "contentUrl": urls.absolute(
                        urls.indicator_download(indicator.slug, name), site.site_url
                    ),
                }
                for name in urls.INDICATOR_DOWNLOADS
                if name in ("data.csv", "data.json")
            ]
    text = json.dumps(document, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
