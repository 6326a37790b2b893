"""Every indicator at once: a Frictionless Data Package and a zip of all the downloads.

The package (Data Package v2) is a descriptor and four CSV tables beside it: one row per
indicator, every current value, every benchmark and every target. Its rows are those of
the files beside each indicator's page with the indicator's id in front, so the two never
disagree. The zip holds those files, the package and a README, with fixed timestamps (the
edition date), sorted entries and fixed permissions, so the same content gives the same
bytes. Nothing here reads the clock: the edition is the analysis' ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import textwrap
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from builder import urls
from builder.kept import remove_unused, write_whole
from builder.model import Analysis, Archive, IndicatorAnalysis, Release
from builder.render import downloads
from builder.render.downloads import Row
from builder.render.format import long_date
from builder.render.opendata import json_text
from builder.render.views import POLARITY_NAMES, UNIT_NAMES
from builder.slugs import slugify

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_SCHEMA = "https://datapackage.org/profiles/2.0/tableschema.json"

INDICATOR_COLUMNS = [
    "indicator_id",
    "indicator_code",
    "indicator",
    "service_area",
    "unit",
    "polarity",
    "frequency",
    "outcome",
    "page",
]
FREQUENCIES = ["monthly", "weekly"]


@dataclass(frozen=True)
class Column:
    """A column of the tables and CSV files: its type in Table Schema and what it holds."""

    type: str
    description: str
    format: str | None = None


COLUMNS = {
    "indicator_id": Column(
        "string", "The indicator's identifier: the last part of its page's address."
    ),
    "indicator_code": Column(
        "string", "The indicator's code as the dataset prints it; empty where it has none."
    ),
    "indicator": Column("string", "The indicator's title as the dataset prints it."),
    "service_area": Column("string", "The service area the indicator belongs to."),
    "unit": Column(
        "string",
        "What a value measures: a count, a percentage (out of 100) or a rate per 10,000 "
        "children aged 0-17.",
    ),
    "polarity": Column("string", "Which way is better: higher, lower, or neither in itself."),
    "frequency": Column("string", "How often a value is published: monthly or weekly."),
    "outcome": Column(
        "string", "The outcome the council seeks, as stated; empty where none is stated."
    ),
    "page": Column(
        "string",
        "The address of the indicator's page (from the site's root where the archive "
        "states no web address of its own).",
    ),
    "period": Column(
        "string",
        "The month a value is for, written '2017 APR' so spreadsheets leave it alone, or "
        "for a weekly figure the day the week commences (YYYY-MM-DD).",
    ),
    "period_start": Column("date", "The first day of the period (YYYY-MM-DD)."),
    "period_end": Column("date", "The last day of the period (YYYY-MM-DD)."),
    "value": Column(
        "number",
        "The value, in the unit of the row; empty where the source printed no number "
        "(see published_as).",
    ),
    "release": Column("string", "The dataset release the value was last published in."),
    "release_published": Column("date", "The day that release was published (YYYY-MM-DD)."),
    "revised": Column("boolean", "'yes' where a later release revised the value first published."),
    "comparator": Column(
        "string", "Who the benchmark is: England, the South East region or statistical neighbours."
    ),
    "year": Column(
        "string",
        "The year of the benchmark, written '2016 to 2017' (printed '2016-17') so "
        "spreadsheets do not read it as a date.",
    ),
    "financial_year": Column(
        "string",
        "The financial year of the target, April to March, written '2018 to 2019' "
        "(printed '2018-19') so spreadsheets do not read it as a date.",
    ),
    "published_as": Column(
        "string",
        "What the source printed where it gave no number, such as 'Local' (measured "
        "locally, no published comparator) or 'TBC'; empty where it gave a number.",
    ),
}


@dataclass(frozen=True)
class Table:
    """A table of the package: its columns, what it holds and its primary key."""

    title: str
    description: str
    columns: list[str]
    key: list[str]


TABLES = {
    "indicators": Table(
        "Indicators",
        "One row per indicator: what it measures and where its page is.",
        INDICATOR_COLUMNS,
        ["indicator_id"],
    ),
    "values": Table(
        "Values",
        "The current value of every indicator for each period, oldest first; the rows of "
        "each indicator's data.csv.",
        ["indicator_id", *downloads.CSV_COLUMNS],
        ["indicator_id", "period"],
    ),
    "benchmarks": Table(
        "Benchmarks",
        "One row per indicator, comparator and year; the rows of each indicator's benchmarks.csv.",
        ["indicator_id", *downloads.BENCHMARK_COLUMNS],
        ["indicator_id", "comparator", "year"],
    ),
    "targets": Table(
        "Targets",
        "One row per indicator and target year; the rows of each indicator's targets.csv.",
        ["indicator_id", *downloads.TARGET_COLUMNS],
        ["indicator_id", "financial_year"],
    ),
}
assert tuple(TABLES) == urls.DATA_TABLES


def table_rows(name: str, archive: Archive, analysis: Analysis) -> list[Row]:
    """The rows of one table of the package, indicators in the archive's order."""
    releases = {release.id: release for release in archive.releases}
    rows = []
    for slug, indicator_analysis in analysis.indicators.items():
        own = _rows(name, indicator_analysis, releases, archive.site.site_url)
        rows += [[slug, *row] for row in own]
    return rows


def _rows(
    name: str, a: IndicatorAnalysis, releases: dict[str, Release], site_url: str | None
) -> list[Row]:
    indicator = a.indicator
    if name == "values":
        return downloads.data_rows(a, releases)
    if name == "benchmarks":
        return downloads.benchmark_rows(indicator)
    if name == "targets":
        return downloads.target_rows(indicator)
    page = urls.absolute(urls.indicator(indicator.slug), site_url)
    return [
        [
            indicator.code or "",
            indicator.title,
            indicator.service_area,
            UNIT_NAMES[indicator.unit],
            POLARITY_NAMES[indicator.polarity],
            indicator.frequency,
            indicator.outcome or "",
            page,
        ]
    ]


def table_csv(name: str, archive: Archive, analysis: Analysis) -> str:
    return downloads.csv_text(TABLES[name].columns, table_rows(name, archive, analysis))


def values_csv(data_csvs: Mapping[str, tuple[str, int]]) -> str | None:
    """The table of values made of each indicator's ``data.csv`` (by indicator id, in the
    archive's order, with its number of rows): each of its rows with the id in front.

    The same bytes as ``table_csv("values", ...)``, as ``csv_text`` writes each cell the
    same in any row, without making the 20 years of rows of every indicator again. None
    where a file's lines are not its rows (a cell spanning lines) or an id is not written
    as it is; the table is then made from the rows.
    """
    parts = [downloads.csv_text(TABLES["values"].columns, [])]
    for indicator_id, (text, rows) in data_csvs.items():
        if text.count("\n") != rows + 1 or downloads.csv_text([indicator_id], []) != (
            indicator_id + "\n"
        ):
            return None
        prefix = indicator_id + ","
        rows_text = text.split("\n", 1)[1]  # each row ends in a line break
        if rows_text:
            parts.append(prefix + rows_text[:-1].replace("\n", "\n" + prefix) + "\n")
    return "".join(parts)


def _field(name: str) -> dict:
    column = COLUMNS[name]
    field: dict = {"name": name, "type": column.type, "description": column.description}
    if column.type == "boolean":
        field |= {"trueValues": ["yes"], "falseValues": ["no"]}
    constraints: dict = {}
    if name == "unit":
        constraints["enum"] = sorted(set(UNIT_NAMES.values()))
    if name == "polarity":
        constraints["enum"] = sorted(set(POLARITY_NAMES.values()))
    if name == "frequency":
        constraints["enum"] = FREQUENCIES
    if constraints:
        field["constraints"] = constraints
    return field


def _schema(name: str, archive: Archive) -> dict:
    table = TABLES[name]
    schema: dict = {
        "$schema": TABLE_SCHEMA,
        "fields": [_field(column) for column in table.columns],
        "primaryKey": table.key,
    }
    setting = archive.site.small_numbers
    if name == "values" and setting is not None and setting.indicators:
        # A withheld small number is written as its words, which stand for no value.
        schema["missingValues"] = ["", setting.words]
    if name != "indicators":
        schema["foreignKeys"] = [
            {
                "fields": ["indicator_id"],
                "reference": {"resource": "indicators", "fields": ["indicator_id"]},
            }
        ]
    return schema


def _resource(name: str, archive: Archive) -> dict:
    table = TABLES[name]
    return {
        "name": name,
        "type": "table",
        "path": urls.data_table(name).href_from(urls.data_package()),
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": table.title,
        "description": table.description,
        "schema": _schema(name, archive),
    }


def licence_words(archive: Archive) -> str:
    licence = archive.site.data_licence
    if licence is None:
        return "This archive gives no licence for the data: ask the council before reusing it."
    where = f" ({licence.url})" if licence.url else ""
    return f"The data is published under the {licence.name}{where}."


def descriptor(archive: Archive, edition: dt.date) -> str:
    """The package's ``datapackage.json``: its tables, publisher, licence and edition."""
    site = archive.site
    document: dict = {
        "$schema": PROFILE,
        "name": slugify(f"{site.council} {site.committee} indicators"),
        "title": f"{site.committee}: performance indicators",
        "description": (
            f"The performance indicators the {site.committee} of {site.council} receives: "
            f"every current value, benchmark and target, as of {long_date(edition)}. "
            + licence_words(archive)
        ),
        "version": edition.isoformat(),
        "created": f"{edition.isoformat()}T00:00:00Z",
        "contributors": [{"title": site.council, "roles": ["publisher"]}],
    }
    if site.site_url:
        document["homepage"] = urls.absolute(urls.open_data(), site.site_url)
    licence = site.data_licence
    if licence is not None and licence.url:
        # Data Package names a licence by an Open Definition id, which the content does not
        # give: the licence is its title and address, as the council states them.
        document["licenses"] = [{"title": licence.name, "path": licence.url}]
    document["resources"] = [_resource(name, archive) for name in urls.DATA_TABLES]
    return json_text(document)


# --------------------------------------------------------------------------- the zip

ZIPPED_DOWNLOADS = ("data.csv", "benchmarks.csv", "targets.csv", "metadata.json")
_FILE_MODE = 0o100644  # a regular file, readable by all, written by its owner
# zlib's default level: at 4x the base (48 MB of CSV and JSON) it compresses in half the time
# of level 9, for 3% more bytes.
_COMPRESS_LEVEL = 6


def readme(archive: Archive, edition: dt.date, indicators: int) -> str:
    """What the zip is, who publishes it, which edition, the licence, each column."""
    site = archive.site
    package, example = urls.data_package(), urls.indicator_download_pattern("data.csv")
    pages = urls.absolute(urls.indicators_index(), site.site_url)
    if not site.site_url:
        pages += " (from the site's root)"
    paragraphs = [
        f"{site.committee}: performance indicators",
        f"Every performance indicator the {site.committee} of {site.council} receives, "
        f"as of the archive edition of {long_date(edition)}: {indicators} indicators "
        "with values.",
        f"Publisher: {site.council}. Edition: {edition.isoformat()}. " + licence_words(archive),
        f"Each indicator's files are in a folder of their own, such as {example}; "
        "they are the files offered beside the indicator's page. benchmarks.csv and "
        "targets.csv are there only where the indicator has benchmarks or targets; "
        "metadata.json holds its definition, unit, polarity, sources and licence.",
        f"{urls.zip_member(package)} is a Frictionless Data Package (datapackage.org) of "
        "the tables beside it, which hold the same rows for every indicator at once, "
        "each with the indicator's id in front.",
        f"The indicators' pages, with charts and notes on each figure: {pages}",
        "The columns:",
    ]
    text = "\n\n".join(textwrap.fill(p, 88) for p in paragraphs) + "\n\n"
    for name, column in COLUMNS.items():
        text += textwrap.fill(f"{name}: {column.description}", 88, subsequent_indent="    ") + "\n"
    return text


def zip_bytes(members: Mapping[str, str | bytes], edition: dt.date) -> bytes:
    """A zip of ``members`` (path inside it -> content), sorted, each dated the edition
    and readable by all: the same members give the same bytes."""
    out = io.BytesIO()
    stamp = (edition.year, edition.month, edition.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(members):
            content = members[path]
            data = content.encode("utf-8") if isinstance(content, str) else content
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = _FILE_MODE << 16
            archive.writestr(info, data, compresslevel=_COMPRESS_LEVEL)
    return out.getvalue()


def kept_zip_bytes(folder: Path, members: Mapping[str, str | bytes], edition: dt.date) -> bytes:
    """``zip_bytes(members, edition)``, read back from ``folder`` where an earlier build
    zipped the same members for the same edition with the same code: compressing every
    indicator's files took 0.6 s of CPU at 4x the base, in every build, for the one file
    an edit of a meeting never changes. The zip just made is kept there instead of the
    earlier one (``kept.write_whole``)."""
    kept = folder / f"{_zip_key(members, edition)}.zip"
    try:
        return kept.read_bytes()
    except OSError:
        pass
    data = zip_bytes(members, edition)
    if write_whole(kept, data):
        remove_unused(folder, lambda path: path == kept)
    return data


def _zip_key(members: Mapping[str, str | bytes], edition: dt.date) -> str:
    """The digest of everything ``zip_bytes`` makes a zip of, with this module's code and
    the version of the compression library."""
    digest = hashlib.blake2b(_ZIP_CODE, digest_size=32)
    digest.update(f"{edition.isoformat()} {zlib.ZLIB_RUNTIME_VERSION}\0".encode())
    for path in sorted(members):
        content = members[path]
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest.update(f"{path}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


_ZIP_CODE = hashlib.sha256(Path(__file__).read_bytes()).digest()
