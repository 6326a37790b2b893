"""Render stage: the site as plain Markdown pages and the files beside them.

``views`` decides what each page shows, ``pages`` lays the views out with the Jinja2
templates, ``crossrefs`` links glossary abbreviations and indicator codes in the text,
and ``outputs`` lists every other file (charts, CSV, JSON, feed, calendar). ``guide``
adds the authoring guide's pages, the same on every site. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from builder import urls
from builder.disclosure import public
from builder.model import Analysis, Archive
from builder.render import inserts
from builder.render.charts import Charts, ChartTally
from builder.render.crossrefs import Linker
from builder.render.outputs import Sources, write_if_changed, write_outputs
from builder.render.page_cache import PageCache, shared_records
from builder.render.pages import (
    TEMPLATES,
    Page,
    guide_pages,
    render_page,
    site_view_makers,
    template_environment,
)

# Pages to render before a second process pays for itself (a process is forked from this
# one, so it starts with the archive, the templates and the charts in memory).
PARALLEL_FROM = 200


def render_site(
    archive: Archive,
    analysis: Analysis,
    docs: Path,
    cache: Path | None = None,
    root: Path | None = None,
    tally: ChartTally | None = None,
    on_page: Callable[[int], None] | None = None,
    workers: int | None = None,
    page_cache: PageCache | None = None,
) -> RenderedSite:
    """Write every page and output file under ``docs`` (a file whose text is there already
    is left as it is); return the pages' addresses and the files of this site.

    ``cache`` is a folder where drawn charts are kept between builds; ``tally`` counts the
    charts drawn and reused; ``on_page`` is told how many pages are done as they are. What
    the site may not publish (small numbers, a confidential item's report and documents) is
    withheld first, so every page and file follows (``builder/disclosure.py``). With many
    pages and a chart cache, the pages are shared out among ``workers`` processes (default:
    the machine's cores). ``page_cache`` keeps rendered pages between builds and
    counts those read back (``page_cache.py``).
    """
    archive, analysis = public(archive, analysis)
    releases = {release.id: release for release in archive.releases}
    charts = Charts(releases, analysis.as_of, cache, tally)
    charts.prepare(analysis.indicators.values())
    linker = Linker(archive)
    environment = template_environment()
    definitions = linker.definitions()
    if page_cache is not None:
        page_cache.linking_with((linker.state, definitions))
    job = _PageJob(
        makers=site_view_makers(archive, analysis, charts),
        environment=environment,
        linker=linker,
        definitions=definitions,
        docs=docs,
        charts=charts,
        cache=page_cache,
        shared=shared_records(archive, analysis),
    )
    workers = workers if workers is not None else (os.cpu_count() or 1)

    def guide_and_outputs() -> RenderedSite:
        # The guide is the builder's, not the archive's: its words are not linked to the
        # glossary.
        guide = [(page.address, _write_page(docs, page)) for page in guide_pages(environment)]
        outputs = write_outputs(Sources(archive, analysis, charts, root), docs)
        return RenderedSite.of(guide, extra=[output.path for output in outputs])

    # Charts drawn as the pages ask for them (no cache) are drawn in this process only.
    if workers > 1 and cache is not None and len(job.makers) >= PARALLEL_FROM:
        pages, others = _render_in_processes(job, workers, on_page, guide_and_outputs)
    else:
        pages, others = _render_in_turn(job, on_page), guide_and_outputs()
    return RenderedSite(pages=pages.pages + others.pages, files=pages.files | others.files)


@dataclass(frozen=True)
class RenderedSite:
    """What the render stage wrote: the pages' addresses, in the site's order, and the path
    of every file (relative to the folder written into: pages, the HTML beside them and
    the output files)."""

    pages: list[urls.Address]
    files: frozenset[str]

    @classmethod
    def of(
        cls, written: Sequence[tuple[urls.Address, list[str]]], extra: Sequence[str] = ()
    ) -> RenderedSite:
        """The pages written, each with its files, and ``extra`` files."""
        files = {path for _, paths in written for path in paths}
        return cls(pages=[address for address, _ in written], files=frozenset(files | set(extra)))


@dataclass(frozen=True)
class _PageJob:
    """Everything rendering a page needs: what makes each view, in the site's order, and
    how it is laid out, linked to the glossary and written."""

    makers: Sequence[Callable[[], Any]]
    environment: Environment
    linker: Linker
    definitions: str
    docs: Path
    charts: Charts
    cache: PageCache | None = None
    shared: Sequence[Any] = ()  # records many views hold (``page_cache.SHARED``)

    def render(self, index: int) -> tuple[urls.Address, list[str]]:
        """Render and write the ``index``-th page (or read it back from the cache); return
        its address and its files' paths."""
        view = self.makers[index]()
        address: urls.Address = view.address
        cache = self.cache
        key = cache.key(view) if cache is not None else None
        files = cache.files(address.path, key) if cache is not None and key is not None else None
        if files is None:
            page = render_page(self.environment, view)
            linked = self.linker.link(page.text, page.address) + "\n" + self.definitions
            files = _page_files(Page(page.address, linked))
            if cache is not None and key is not None:
                cache.keep(address.path, key, files)
        for path, text in files.items():
            write_if_changed(self.docs / path, text)
        return address, list(files)


def _page_files(page: Page) -> dict[str, str]:
    """The page's Markdown and the HTML kept beside it (``inserts.py``), by path."""
    text, beside = inserts.detach(page.address, page.text)
    return {page.path: text, **{address.path: markup for address, markup in beside.items()}}


def _write_page(docs: Path, page: Page) -> list[str]:
    files = _page_files(page)
    for path, text in files.items():
        write_if_changed(docs / path, text)
    return list(files)


def _render_in_turn(job: _PageJob, on_page: Callable[[int], None] | None) -> RenderedSite:
    written = []
    for index in range(len(job.makers)):
        written.append(job.render(index))
        if on_page is not None:
            on_page(len(written))
    return RenderedSite.of(written)


# The job of the processes being forked: a forked process starts with it in memory, where
# sending it to them would copy the whole archive.
_JOB: _PageJob | None = None


def _render_in_processes(
    job: _PageJob,
    workers: int,
    on_page: Callable[[int], None] | None,
    meanwhile: Callable[[], RenderedSite],
) -> tuple[RenderedSite, RenderedSite]:
    """Render the pages in ``workers`` forked processes, in small interleaved shares (so
    each process gets its part of every kind of page, and progress is told as each share
    is done), with ``meanwhile`` (the files beside the pages) the first job given out: it
    is the longest (at 4x the base, 3.4 s of CPU, a share about 0.4 s), and run in this
    process it shared the two cores with the processes and finished last. The chart
    cache's counts of each job are added to this build's. Return the pages written and
    what ``meanwhile`` returned."""
    global _JOB, _MEANWHILE
    for template in sorted(set(TEMPLATES.values())):
        job.environment.get_template(f"pages/{template}")  # compiled once, before forking
    if job.cache is not None:
        _learn_shared_digests(job.cache, job.shared, workers)
    shares = workers * 8
    written: list[tuple[urls.Address, list[str]] | None] = [None] * len(job.makers)
    done = 0
    _JOB, _MEANWHILE = job, meanwhile
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            also_future = pool.submit(_run_meanwhile)
            futures = [pool.submit(_render_share, share, shares) for share in range(shares)]
            for future in as_completed(futures):
                share, rendered, charts_read, pages_reused = future.result()
                written[share::shares] = rendered
                _count_charts_read(job, charts_read)
                if job.cache is not None:
                    job.cache.reused += pages_reused
                done += len(rendered)
                if on_page is not None:
                    on_page(done)
            also, charts_read = also_future.result()
            _count_charts_read(job, charts_read)
    finally:
        _JOB, _MEANWHILE = None, None
    return RenderedSite.of([page for page in written if page is not None]), also


def _count_charts_read(job: _PageJob, charts_read: tuple[set[str], float]) -> None:
    """Add the chart files a forked process read back, and the time it took, to this
    build's counts."""
    reused, seconds = charts_read
    job.charts.tally.reused_names |= reused
    job.charts.tally.seconds += seconds


# What the first process forked by ``_render_in_processes`` runs besides pages.
_MEANWHILE: Callable[[], RenderedSite] | None = None


def _run_meanwhile() -> tuple[RenderedSite, tuple[set[str], float]]:
    """In a forked process: ``_MEANWHILE``'s files, with the chart files read back from the
    cache and the time that took."""
    assert _JOB is not None and _MEANWHILE is not None
    tally = _JOB.charts.tally
    seconds = tally.seconds
    also = _MEANWHILE()
    return also, (tally.reused_names, tally.seconds - seconds)


# The page cache and records whose digests the processes being forked work out.
_SHARED: tuple[PageCache, Sequence[Any]] | None = None


def _learn_shared_digests(cache: PageCache, records: Sequence[Any], workers: int) -> None:
    """Work out the digests of the records many views hold once each, shared out among
    ``workers`` forked processes, before the pages are: each page's process would
    otherwise work out nearly all of them itself (at 4x the base, half of the keys'
    cost, 2.4 s of CPU in each process)."""
    global _SHARED
    _SHARED = (cache, records)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            digests = list(pool.map(_shared_digests, range(workers), [workers] * workers))
    finally:
        _SHARED = None
    for share, part in enumerate(digests):
        cache.learn_shared(records[share::workers], part)


def _shared_digests(share: int, shares: int) -> list[bytes]:
    """In a forked process: the digest of every ``shares``-th shared record from the
    ``share``-th."""
    assert _SHARED is not None
    cache, records = _SHARED
    return [cache.shared_digest(record) for record in records[share::shares]]


def _render_share(
    share: int, shares: int
) -> tuple[int, list[tuple[urls.Address, list[str]]], tuple[set[str], float], int]:
    """In a forked process: render every ``shares``-th page from the ``share``-th; return
    them (each with its files) with the chart files read back from the cache and the time
    that took, and how many pages were read back from the page cache."""
    assert _JOB is not None
    tally, cache = _JOB.charts.tally, _JOB.cache
    seconds, pages_reused = tally.seconds, cache.reused if cache is not None else 0
    rendered = [_JOB.render(index) for index in range(share, len(_JOB.makers), shares)]
    pages_reused = (cache.reused if cache is not None else 0) - pages_reused
    return share, rendered, (tally.reused_names, tally.seconds - seconds), pages_reused
