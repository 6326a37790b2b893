"""Every file the site carries beside its pages, listed once.

Each ``Output`` names a kind of file and yields, for an archive, the address of each file
of that kind (from ``builder.urls``) with a function that makes its text. ``write_outputs``
writes them all in one loop: adding a download is adding one entry to ``OUTPUTS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from builder import urls
from builder.model import Analysis, Archive, IndicatorAnalysis, Release
from builder.render import datapackage, downloads, oparl, opendata, views
from builder.render.charts import Charts


@dataclass(frozen=True)
class Sources:
    """What outputs are made from: the archive, its analysis and the chart cache."""

    archive: Archive
    analysis: Analysis
    charts: Charts
    root: Path | None = None  # the content root, for files published as they are
    # The files the zip carries, by address, as ``write_outputs`` made them for the site, so
    # the zip reuses them rather than making each again.
    made: dict[urls.Address, str | bytes] = field(default_factory=dict, compare=False, repr=False)


# Where the zip of every indicator's files is kept between builds, under the content root.
ZIP_CACHE = Path("build/cache/zip")

Files = Iterator[tuple[urls.Address, Callable[[], str | bytes]]]


@dataclass(frozen=True)
class Output:
    name: str
    files: Callable[[Sources], Files]


def indicator_charts(sources: Sources) -> Files:
    for slug, analysis in sources.analysis.indicators.items():
        if analysis.series:
            yield urls.indicator_chart(slug), partial(sources.charts.svg, analysis)


def indicator_downloads(sources: Sources, names: tuple[str, ...] | None = None) -> Files:
    """Beside each indicator's page: its data, metadata and chart, for reuse (or only the
    files of ``names``)."""
    archive, edition = sources.archive, sources.analysis.as_of
    releases = {release.id: release for release in archive.releases}
    for slug, analysis in sources.analysis.indicators.items():
        if not analysis.series:
            continue
        indicator = analysis.indicator
        files: dict[str, Callable[[], str | bytes]] = {
            "data.csv": partial(downloads.data_csv, analysis, releases),
            "data.json": partial(downloads.data_json, analysis, releases),
            "benchmarks.csv": partial(downloads.benchmarks_csv, indicator),
            "targets.csv": partial(downloads.targets_csv, indicator),
            "metadata.json": partial(downloads.metadata_json, archive, analysis, edition),
            "chart.svg": partial(sources.charts.svg, analysis),
            "chart.png": partial(sources.charts.png, analysis),
            "chart.vl.json": partial(downloads.chart_spec, analysis, sources.charts),
        }
        for name in views.indicator_download_names(indicator):
            if names is None or name in names:
                yield urls.indicator_download(slug, name), files[name]


def data_package(sources: Sources) -> Files:
    """Every indicator at once: the data package's descriptor and its tables."""
    archive, analysis = sources.archive, sources.analysis
    yield urls.data_package(), partial(datapackage.descriptor, archive, analysis.as_of)
    for name in urls.DATA_TABLES:
        if name == "values":
            yield urls.data_table(name), partial(values_table, sources)
        else:
            yield urls.data_table(name), partial(datapackage.table_csv, name, archive, analysis)


def values_table(sources: Sources) -> str:
    """The package's table of values, made of each indicator's ``data.csv`` as made for the
    site (else made here)."""
    releases = {release.id: release for release in sources.archive.releases}
    data_csvs = {}
    for slug, analysis in sources.analysis.indicators.items():
        if analysis.series:
            made = sources.made.get(urls.indicator_download(slug, "data.csv"))
            text = made if isinstance(made, str) else downloads.data_csv(analysis, releases)
            data_csvs[slug] = (text, len(analysis.series))
    from_files = datapackage.values_csv(data_csvs)
    if from_files is None:
        return datapackage.table_csv("values", sources.archive, sources.analysis)
    return from_files


def indicators_zip(sources: Sources) -> Files:
    yield urls.indicators_zip(), partial(indicators_zip_bytes, sources)


def zip_members(sources: Sources) -> Files:
    """The files the zip carries: each indicator's data and metadata, and the data package."""
    yield from indicator_downloads(sources, datapackage.ZIPPED_DOWNLOADS)
    yield from data_package(sources)


def indicators_zip_bytes(sources: Sources) -> bytes:
    """The zip of every indicator's files and the data package, as the site serves them:
    the bytes ``write_outputs`` made for the site where it did, else made here."""
    members = {
        urls.zip_member(address): sources.made[address] if address in sources.made else make()
        for address, make in zip_members(sources)
    }
    with_values = sum(1 for a in sources.analysis.indicators.values() if a.series)
    edition = sources.analysis.as_of
    members[urls.ZIP_README] = datapackage.readme(sources.archive, edition, with_values)
    if sources.root is None:
        return datapackage.zip_bytes(members, edition)
    return datapackage.kept_zip_bytes(sources.root / ZIP_CACHE, members, edition)


def release_datasets(sources: Sources) -> Files:
    """Each release's dataset file as the council published it, byte for byte."""
    if sources.root is None:
        return
    for release in sources.archive.releases:
        if release.kept_file is not None:
            path = sources.root / "content" / "datasets" / release.kept_file
            yield urls.release_dataset(release.id, release.kept_file), path.read_bytes


def indicator_csvs(sources: Sources) -> Files:
    releases = {release.id: release for release in sources.archive.releases}
    for slug, analysis in sources.analysis.indicators.items():
        if analysis.series:
            yield urls.indicator_csv(slug), partial(indicator_csv, analysis, releases)


def meetings_json(sources: Sources) -> Files:
    """Every meeting's file, and the list of them all (newest first) made of those files."""
    texts = {
        day: opendata.json_text(document)
        for day, document in opendata.meeting_documents(sources.archive).items()
    }
    yield urls.meetings_json(), partial(opendata.meetings_list_text, list(reversed(texts.values())))
    for day, text in texts.items():
        yield urls.meeting_json(day), partial(str, text)


def people_json(sources: Sources) -> Files:
    if sources.archive.officers:
        yield (
            urls.people_json(),
            partial(opendata.people_list_text, sources.archive, sources.analysis),
        )


def oparl_interface(sources: Sources) -> Files:
    """Every object and list page of the OParl interface, where the site has an address."""
    for address, document in oparl.interface(sources.archive, sources.analysis).items():
        yield address, partial(oparl.json_text, document)


def feed(sources: Sources) -> Files:
    yield urls.feed(), partial(opendata.atom_feed, sources.archive)


def calendar(sources: Sources) -> Files:
    yield urls.calendar(), partial(opendata.icalendar, sources.archive)


OUTPUTS = [
    Output("meetings as OParl JSON, all and one per meeting", meetings_json),
    Output("the register of officers as OParl JSON", people_json),
    Output("the OParl 1.1 interface, from its System object", oparl_interface),
    Output("Atom feed of meetings and releases", feed),
    Output("iCalendar of meetings", calendar),
    Output("indicator charts (SVG)", indicator_charts),
    Output("indicator values with revisions (CSV)", indicator_csvs),
    Output("indicator data, metadata and chart beside each page", indicator_downloads),
    Output("each release's dataset as published", release_datasets),
    Output("every indicator as a Frictionless Data Package", data_package),
    Output("every indicator's downloads and the data package in one zip", indicators_zip),
]


def write_outputs(sources: Sources, docs: Path) -> list[urls.Address]:
    """Write every output file under ``docs``; return their addresses."""
    zipped = {address for address, _ in zip_members(sources)}
    written = []
    for output in OUTPUTS:
        for address, make in output.files(sources):
            content = make()
            if address in zipped:
                sources.made[address] = content
            write_if_changed(docs / address.path, content)
            written.append(address)
    sources.made.clear()
    return written


def write_if_changed(path: Path, text: str | bytes) -> None:
    """Write only what differs, so a live preview watching the folder does not loop."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def indicator_csv(analysis: IndicatorAnalysis, releases: dict[str, Release]) -> str:
    """Every value every release published, with which one is current: the download."""
    current = {(point.period, point.release) for point in analysis.series}
    used = {observation.release for observation in analysis.history}
    published = {release: releases[release].published.isoformat() for release in used}
    slug, code = analysis.indicator.slug, analysis.indicator.code or ""  # slug slugifies each call
    columns = ["indicator", "code", "period", "value", "release", "release_published", "status"]
    rows = [
        [
            slug,
            code,
            observation.period,
            f"{observation.value:.10g}",
            observation.release,
            published[observation.release],
            "current" if (observation.period, observation.release) in current else "revised",
        ]
        for observation in analysis.history
    ]
    return downloads.csv_text(columns, rows)
