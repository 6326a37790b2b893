"""The whole pipeline, stage by stage: load -> validate -> analyse -> render -> build
(the site generator, then the search index)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder import incremental, urls
from builder.analyse import analyse
from builder.build import (
    WHOLE_SITE_OUTPUTS,
    copy_site_assets,
    edition_stamp,
    mkdocs_config_file,
    publish,
    recover_site,
    run_mkdocs,
    site_fingerprint,
    staging_folder,
)
from builder.errors import ContentErrors
from builder.folders import folder_bytes
from builder.kept import remove_unused
from builder.load import PARSE_CACHE, ParseCache, load_content
from builder.model import Analysis, Archive
from builder.progress import Progress, Stopwatch, Timings
from builder.render import render_site
from builder.render.charts import ChartTally, prune_cache
from builder.render.page_cache import PAGE_CACHE, PageCache
from builder.search import SEARCH_CACHE, index_for_search
from builder.stamp import stamp_pages
from builder.urls import Address
from builder.validate import validate_content
from builder.validate.redirects import resolve_redirects


@dataclass(frozen=True)
class BuildResult:
    archive: Archive
    analysis: Analysis
    pages: int
    out: Path
    timings: Timings = field(default_factory=Timings)
    charts_drawn: int = 0
    charts_reused: int = 0
    output_bytes: int = 0
    whole: bool = True  # every page converted, not only those changed since the last build

    def summary(self) -> str:
        """One line: pages, charts, time and size."""
        return (
            f"{self.pages:,} pages, charts {self.charts_drawn:,} drawn and "
            f"{self.charts_reused:,} reused, "
            + ("" if self.whole else "only changed pages converted, ")
            + f"{self.timings.total:.1f} s, {self.output_bytes / 1e6:.1f} MB"
        )


def check(root: Path, stopwatch: Stopwatch | None = None) -> tuple[Archive, Analysis]:
    """Load and validate everything under ``root``; raise ``ContentErrors`` on any problem."""
    stopwatch = stopwatch or Stopwatch()
    with _collector_paused():
        with stopwatch.stage("load"):
            loaded = load_content(root, ParseCache(root / PARSE_CACHE))
        with stopwatch.stage("validate") as note:
            archive = validate_content(loaded)
            note.detail = (
                f"{len(archive.meetings):,} meetings, {len(archive.indicators):,} indicators"
            )
        with stopwatch.stage("analyse"):
            analysis = analyse(archive)
    return archive, analysis


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the block runs. Loading, validating
    and analysing make millions of objects that all live on, and each full collection
    walked every one of them again: a third of the stages' time at 4x. What they leave
    in cycles is little (13 MB more at the most at 4x), collected once the block ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _checked_and_frozen(root: Path, stopwatch: Stopwatch) -> Iterator[tuple[Archive, Analysis]]:
    """``check``'s archive and analysis, with everything alive then set aside from the
    cyclic garbage collector while the block runs: the later stages make and drop many
    objects, and each collection would otherwise walk the whole archive again; a process
    forked to render pages then leaves the archive's memory unwritten instead of copying
    it. They are set aside before the collector runs again: its first collection would
    otherwise walk every object ``check`` made (0.9 s at 4x the base)."""
    with _collector_paused():
        checked = check(root, stopwatch)
        gc.freeze()
    try:
        yield checked
    finally:
        gc.unfreeze()


def write_pages(
    archive: Archive,
    analysis: Analysis,
    root: Path,
    docs: Path,
    stopwatch: Stopwatch | None = None,
    tally: ChartTally | None = None,
    workers: int | None = None,
) -> list[Address]:
    """Write the Markdown pages, charts and assets the site generator is fed into ``docs``,
    and remove every other file there (a page gone from the archive leaves nothing behind);
    return the addresses of the pages. A file whose text is there already is left as it
    is, with its time, which is how the site generator tells the pages that changed
    (``builder/incremental.py``). ``workers`` processes render the pages (default: one per
    core; the live preview renders in its own process, whose server threads a fork would
    copy half-way through their work)."""
    stopwatch = stopwatch or Stopwatch()
    tally = tally if tally is not None else ChartTally()
    page_cache = PageCache(root / PAGE_CACHE)
    chart_cache = root / "build" / "cache" / "charts"
    with stopwatch.stage("pages") as note:
        site = render_site(
            archive,
            analysis,
            docs,
            cache=chart_cache,
            root=root,
            tally=tally,
            on_page=note.advance,
            workers=workers,
            page_cache=page_cache,
        )
        assets = copy_site_assets(root, docs)
        written = site.files | set(assets)
        remove_unused(docs, lambda path: path.relative_to(docs).as_posix() in written)
        prune_cache(chart_cache, tally)
        page_cache.prune(address.path for address in site.pages)
        note.detail = (
            f"{len(site.pages):,} pages ({page_cache.reused:,} unchanged), "
            f"charts {tally.drawn:,} drawn, {tally.reused:,} reused"
        )
    stopwatch.record("charts", tally.seconds)
    return site.pages


def as_edition(
    archive: Archive,
    analysis: Analysis,
    name: str | None,
    versioned: bool,
    default_site_url: str | None = None,
) -> tuple[Archive, Analysis]:
    """The archive and its analysis as the edition ``name`` (default: named after the
    latest data release). An edition published as a version (``deploy``) is served at
    ``<site_url>/<name>/``, and its addresses that are not permanent (open data, feed,
    canonical) are those of the latest edition, ``<site_url>/latest/``. The site's address
    is ``site_url`` of the site configuration, else ``default_site_url`` (the address the
    publishing workflow knows, such as GitHub Pages' for the repository)."""
    site = archive.site
    if not site.site_url and default_site_url:
        site = replace(site, site_url=default_site_url)
    edition = replace(
        analysis.edition,
        name=name or analysis.edition.name,
        versioned=versioned,
        site_url=site.site_url,
    )
    if versioned and site.site_url:
        site = replace(site, site_url=urls.edition_root(site.site_url, urls.LATEST))
    return replace(archive, site=site), replace(analysis, edition=edition)


def build(
    root: Path,
    out: Path,
    edition: str | None = None,
    versioned: bool = False,
    default_site_url: str | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Validate, render and build the site into ``out``; on any failure ``out`` is untouched.

    ``edition`` names the edition the pages show; ``versioned`` builds it to be published
    as a version of a site with editions (``python -m builder deploy``); ``progress`` is
    told as each stage starts and ends."""
    root, out = root.resolve(), out.resolve()  # the site generator's settings hold them
    recover_site(out)
    stopwatch, tally = Stopwatch(progress), ChartTally()
    with (
        _checked_and_frozen(root, stopwatch) as checked,
        staging_folder(out) as staging,
        incremental.locked(root),
    ):
        archive, analysis = as_edition(*checked, edition, versioned, default_site_url)
        docs, html = incremental.kept_docs(root), staging / "html"
        pages = write_pages(archive, analysis, root, docs, stopwatch, tally)
        redirects, problems = resolve_redirects(archive.redirects, pages)
        if problems:
            raise ContentErrors(problems)
        with stopwatch.stage("site generator") as note:
            config = mkdocs_config_file(
                archive.site, root, docs, html, staging, analysis.edition, redirects
            )
            key = site_fingerprint(config, staging)
            previous = incremental.previous(root, out, key)
            if previous is not None:
                incremental.start_from(previous, html, WHOLE_SITE_OUTPUTS)
            run_mkdocs(config, source_date=archive.latest_date, dirty=previous is not None)
            stamp = edition_stamp(analysis.edition)
            if previous is not None and incremental.stamped(root, out) != stamp.text:
                stamp_pages(html, stamp)  # the pages kept from the last build
            whole = previous is None
            note.detail = "every page" if whole else "only the pages changed since the last build"
        with stopwatch.stage("search") as note:
            index = index_for_search(html, root / SEARCH_CACHE)
            note.detail = index.summary()
        with stopwatch.stage("publish"):
            incremental.forget(root, out)
            publish(html, out)
            incremental.record(root, out, key, stamp.text)
    return BuildResult(
        archive=archive,
        analysis=analysis,
        pages=len(pages),
        out=out,
        timings=stopwatch.timings(),
        charts_drawn=tally.drawn,
        charts_reused=tally.reused,
        output_bytes=folder_bytes(out),
        whole=whole,
    )
