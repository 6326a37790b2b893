"""The embeddable view of an indicator: its chart, summary and source, with a link back.

Other sites show it in a frame (``/embed/indicators/<slug>/``); the page carries none of
the archive's navigation, and everything a reader needs to judge the figure travels with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from builder import urls
from builder.model import DataLicence, IndicatorAnalysis, Release, SiteConfig
from builder.render.format import long_date
from builder.urls import Address

EMBED_HEIGHT = 640  # px: the wide chart, the summary and the source line without scrolling


@dataclass(frozen=True)
class EmbedPage:
    address: Address
    title: str
    description: str
    chart_markup: str | None
    summary: list[str]
    source: str | None  # the release of the latest value, as the chart's own source line
    council: str
    edition: str
    licence: DataLicence | None
    page: Address  # the indicator's own page


def embed_page(
    site: SiteConfig,
    analysis: IndicatorAnalysis,
    releases: dict[str, Release],
    summary: list[str],
    chart_markup: str | None,
    edition: dt.date,
) -> EmbedPage:
    indicator = analysis.indicator
    source = None
    if analysis.latest is not None:
        release = releases[analysis.latest.release]
        source = f"{release.title}, published {long_date(release.published)}"
    return EmbedPage(
        address=urls.indicator_embed(indicator.slug),
        title=indicator.label,
        description=f"Chart and summary of {indicator.label}, for showing on other sites.",
        chart_markup=chart_markup,
        summary=summary,
        source=source,
        council=site.council,
        edition=long_date(edition),
        licence=site.data_licence,
        page=urls.indicator(indicator.slug),
    )


def embed_snippet(site: SiteConfig, analysis: IndicatorAnalysis) -> str | None:
    """The HTML another site pastes to show the indicator; none without a public address."""
    if not site.site_url:
        return None
    source = urls.absolute(urls.indicator_embed(analysis.indicator.slug), site.site_url)
    title = escape(f"{analysis.indicator.label}: chart and summary ({site.council})")
    return (
        f'<iframe src="{escape(source)}" title="{title}" width="100%" '
        f'height="{EMBED_HEIGHT}" style="border: 0" loading="lazy"></iframe>'
    )
