"""The files beside each indicator's page: its data and what a reuser needs to know of it.

``data.csv`` has one row per period with names a spreadsheet user understands, periods
written so spreadsheets leave them alone (``2017 APR``, as the Office for National
Statistics writes them) and the unit stated on every row; ``benchmarks.csv`` and
``targets.csv`` (where there are any) hold the comparators and targets the same way, years
written as GOV.UK writes them (``2018 to 2019``) since a spreadsheet reads ``2011-12`` as
December 2011; ``data.json`` holds the values; ``metadata.json`` the definition, unit,
polarity, benchmarks, targets, sources, publisher, licence, edition and the files beside
it; ``chart.vl.json`` the chart's Vega-Lite specification.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re

from builder import urls
from builder.disclosure import is_withheld
from builder.model import (
    Archive,
    Indicator,
    IndicatorAnalysis,
    Release,
    SeriesPoint,
    SmallNumbers,
    Source,
)
from builder.render.charts import Charts
from builder.render.format import period_start
from builder.render.opendata import json_text
from builder.render.views import (
    BENCHMARK_NAMES,
    DOWNLOAD_NAMES,
    UNIT_NAMES,
    indicator_download_names,
)

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


# The months as the Office for National Statistics abbreviates them, whatever the locale.
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def spreadsheet_period(period: str) -> str:
    """'2017-04' -> '2017 APR'; a weekly period, the day the week commences, stays a date."""
    if len(period) == len("YYYY-MM"):
        return f"{period[:4]} {_MONTHS[int(period[5:7]) - 1]}"
    return period


BENCHMARK_COLUMNS = [
    "indicator_code",
    "indicator",
    "comparator",
    "year",
    "value",
    "unit",
    "published_as",
]
TARGET_COLUMNS = [
    "indicator_code",
    "indicator",
    "financial_year",
    "period_start",
    "period_end",
    "value",
    "unit",
    "published_as",
]
Row = list[str]

_YEAR_SPAN = re.compile(r"(\d{4})-(\d{2})")


def spreadsheet_year(year: str) -> str:
    """'2018-19' -> '2018 to 2019' (GOV.UK's style, which no spreadsheet takes for a date);
    a year printed any other way stays as printed."""
    span = _year_span(year)
    return f"{span} to {span + 1}" if span is not None else year


def financial_year_dates(year: str) -> tuple[dt.date, dt.date] | None:
    """The days a financial year ('2018-19') covers: 1 April to 31 March; none for a year
    printed any other way."""
    span = _year_span(year)
    return (dt.date(span, 4, 1), dt.date(span + 1, 3, 31)) if span is not None else None


def _year_span(year: str) -> int | None:
    """The first calendar year of a year written 'YYYY-YY' over two years, else none."""
    match = _YEAR_SPAN.fullmatch(year)
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        return None
    return int(match[1])


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.10g}"


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """A cell no spreadsheet runs as a formula: text starting with =, +, -, @, a tab or a
    carriage return gets an apostrophe in front (as OWASP advises); a number such as -3
    stays a number, and so does '-', the mark of no value, which no spreadsheet runs."""
    if cell.startswith(_FORMULA_STARTS) and cell != "-" and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_text(columns: Row, rows: list[Row]) -> str:
    """The one writer of every CSV file the site publishes: cells made spreadsheet-safe.

    What ``csv.writer`` writes, made faster for tables of many cells and few distinct ones
    (every indicator's values): each distinct cell that is not written as it is (made
    safe, or quoted by ``csv.writer`` itself) is worked out once, and each line is its
    cells joined by commas. A carriage return, which ``csv.writer`` quotes or not by Python
    version, or a row of one empty cell, which it quotes, leaves the table to it.
    """
    table = [columns, *rows]
    cells: set[str] = set().union(*table)
    if "\r" in "".join(cells) or [""] in table:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows([spreadsheet_safe(cell) for cell in row] for row in table)
        return out.getvalue()
    written = _written_cells(cells)
    if not written:
        return "\n".join(map(",".join, table)) + "\n"
    return "\n".join(",".join(map(written.get, row, row)) for row in table) + "\n"


def _written_cells(cells: set[str]) -> dict[str, str]:
    """Each of ``cells`` that is not written as it is, with how it is: made safe, then
    quoted as ``csv.writer`` quotes it."""
    written = {}
    for cell in cells:
        safe = spreadsheet_safe(cell) if cell.startswith(_FORMULA_STARTS) else cell
        if "," in safe or '"' in safe or "\n" in safe:  # what csv.writer quotes
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerow([safe])
            safe = out.getvalue()[: -len("\n")]
        if safe != cell:
            written[cell] = safe
    return written


def data_rows(analysis: IndicatorAnalysis, releases: dict[str, Release]) -> list[Row]:
    """The current value of each period, oldest first: the rows of ``data.csv``."""
    indicator = analysis.indicator
    revised = {revision.period for revision in analysis.revisions}
    return [
        [
            indicator.code or "",
            indicator.title,
            *_period_cells(point.period),
            _number(point.value),
            UNIT_NAMES[indicator.unit],
            releases[point.release].title,
            releases[point.release].published.isoformat(),
            "yes" if point.period in revised else "no",
        ]
        for point in analysis.series
    ]


@functools.cache
def _period_cells(period: str) -> tuple[str, str]:
    """A period as ``data.csv`` writes it, and its first day: the same few hundred periods
    recur in every indicator, so each is worked out once."""
    return spreadsheet_period(period), period_start(period)


def data_csv(analysis: IndicatorAnalysis, releases: dict[str, Release]) -> str:
    return csv_text(CSV_COLUMNS, data_rows(analysis, releases))


def benchmark_rows(indicator: Indicator) -> list[Row]:
    """One row per comparator and year, in the order the page lists them; what the source
    printed where it gave no number ('Local')."""
    return [
        [
            indicator.code or "",
            indicator.title,
            BENCHMARK_NAMES[benchmark.kind],
            spreadsheet_year(benchmark.year),
            _number(benchmark.value),
            UNIT_NAMES[indicator.unit],
            benchmark.published_as or "",
        ]
        for benchmark in indicator.benchmarks
    ]


def benchmarks_csv(indicator: Indicator) -> str:
    return csv_text(BENCHMARK_COLUMNS, benchmark_rows(indicator))


def target_rows(indicator: Indicator) -> list[Row]:
    """One row per target year, with the days the year covers where it is a financial year."""
    rows = []
    for target in indicator.targets:
        dates = financial_year_dates(target.year)
        start, end = (day.isoformat() for day in dates) if dates else ("", "")
        rows.append(
            [
                indicator.code or "",
                indicator.title,
                spreadsheet_year(target.year),
                start,
                end,
                _number(target.value),
                UNIT_NAMES[indicator.unit],
                target.published_as or "",
            ]
        )
    return rows


def targets_csv(indicator: Indicator) -> str:
    return csv_text(TARGET_COLUMNS, target_rows(indicator))


def _point(point: SeriesPoint, releases: dict[str, Release]) -> dict:
    """A value as JSON; a withheld small number has no value, and says what it is."""
    withheld = {"withheld": str(point.value)} if is_withheld(point.value) else {}
    return {
        "period": point.period,
        "value": None if withheld else point.value,
        **withheld,
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
    return json_text(document)


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
        "sources": [_source_json(source) for source in indicator.sources],
        "publisher": site.council,
        "licence": {"name": licence.name, "url": licence.url} if licence else None,
        "edition": edition.isoformat(),
        "page": urls.absolute(urls.indicator(indicator.slug), site.site_url),
        "notes": indicator.notes,
        **_small_numbers(archive.site.small_numbers, indicator),
        "files": [
            {"name": name, "description": DOWNLOAD_NAMES[name]}
            for name in indicator_download_names(indicator)
        ],
    }
    return json_text(document)


def _small_numbers(setting: SmallNumbers | None, indicator: Indicator) -> dict:
    """Where small numbers of the indicator are withheld: how, and why."""
    if setting is None or indicator.slug not in setting.indicators:
        return {}
    return {
        "smallNumbers": {
            "withheld": f"counts from 1 to {setting.threshold}",
            "shownAs": setting.words,
            "reason": setting.reason,
        }
    }


def _source_json(source: Source) -> dict[str, str]:
    """A source as a reuser reads it: its title, and its web address where one is recorded."""
    return {"title": source.title, **({"url": source.url} if source.url else {})}


def chart_spec(analysis: IndicatorAnalysis, charts: Charts) -> str:
    return charts.spec(analysis)
