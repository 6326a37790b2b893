"""The files beside each indicator's page: its data and what a reuser needs to know of it.

``data.csv`` has one row per period with names a spreadsheet user understands, periods
written so spreadsheets leave them alone (``2017 APR``, as the Office for National
Statistics writes them) and the unit stated on every row; ``data.json`` holds the same
values; ``metadata.json`` the definition, unit, polarity, benchmarks, targets, sources,
publisher, licence and edition; ``chart.vl.json`` the chart's Vega-Lite specification.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from builder import urls
from builder.model import Archive, IndicatorAnalysis, Release, SeriesPoint
from builder.render.charts import Charts, series_chart
from builder.render.format import period_start
from builder.render.views import UNIT_NAMES

CSV_COLUMNS = [
    "indicator_code",
    "indicator",
    "period",
    "period_start",
    "value",
    "unit",
    "release",
    "release_published",
    "revised",
]


def spreadsheet_period(period: str) -> str:
    """'2017-04' -> '2017 APR'; a weekly period, the day the week commences, stays a date."""
    if len(period) == len("YYYY-MM"):
        return f"{period[:4]} {dt.date(2000, int(period[5:7]), 1):%b}".upper()
    return period


def data_csv(analysis: IndicatorAnalysis, releases: dict[str, Release]) -> str:
    """The current value of each period, oldest first."""
    indicator = analysis.indicator
    revised = {revision.period for revision in analysis.revisions}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for point in analysis.series:
        writer.writerow(
            [
                indicator.code or "",
                indicator.title,
                spreadsheet_period(point.period),
                period_start(point.period),
                f"{point.value:.10g}",
                UNIT_NAMES[indicator.unit],
                releases[point.release].title,
                releases[point.release].published.isoformat(),
                "yes" if point.period in revised else "no",
            ]
        )
    return out.getvalue()


def _point(point: SeriesPoint, releases: dict[str, Release]) -> dict:
    return {
        "period": point.period,
        "value": point.value,
        "release": point.release,
        "releasePublished": releases[point.release].published.isoformat(),
    }


def data_json(analysis: IndicatorAnalysis, releases: dict[str, Release]) -> str:
    indicator = analysis.indicator
    document = {
        "indicator": indicator.label,
        "unit": UNIT_NAMES[indicator.unit],
        "frequency": indicator.frequency,
        "values": [_point(point, releases) for point in analysis.series],
        "revisions": [
            {
                "period": revision.period,
                "published": [_point(point, releases) for point in revision.history],
            }
            for revision in analysis.revisions
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def metadata_json(archive: Archive, analysis: IndicatorAnalysis, edition: dt.date) -> str:
    """What a reuser needs beside the numbers; the licence only as the council states it."""
    indicator, site = analysis.indicator, archive.site
    licence = site.data_licence
    document = {
        "title": indicator.label,
        "code": indicator.code,
        "description": indicator.title,
        "outcomeSought": indicator.outcome,
        "serviceArea": indicator.service_area,
        "unit": UNIT_NAMES[indicator.unit],
        "frequency": indicator.frequency,
        "polarity": indicator.polarity,
        "polarityReasoning": indicator.polarity_reasoning,
        "benchmarks": [
            {"kind": b.kind, "year": b.year, "value": b.value, "publishedAs": b.published_as}
            for b in indicator.benchmarks
        ],
        "targets": [
            {"year": t.year, "value": t.value, "publishedAs": t.published_as}
            for t in indicator.targets
        ],
        "sources": indicator.sources,
        "publisher": site.council,
        "licence": {"name": licence.name, "url": licence.url} if licence else None,
        "edition": edition.isoformat(),
        "page": urls.absolute(urls.indicator(indicator.slug), site.site_url),
        "notes": indicator.notes,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def chart_spec(analysis: IndicatorAnalysis, charts: Charts) -> str:
    spec = series_chart(analysis, charts.labels(analysis)).to_dict()
    return json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
