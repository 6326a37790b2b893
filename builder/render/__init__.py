"""Render stage: the site as plain Markdown pages and the files beside them.

``views`` decides what each page shows, ``pages`` lays the views out with the Jinja2
templates, ``crossrefs`` links glossary abbreviations and indicator codes in the text,
and ``outputs`` lists every other file (charts, CSV, JSON, feed, calendar). ``guide``
adds the authoring guide's pages, the same on every site. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from builder.disclosure import public
from builder.model import Analysis, Archive
from builder.render import inserts
from builder.render.charts import Charts, ChartTally
from builder.render.crossrefs import Linker
from builder.render.outputs import Sources, write_if_changed, write_outputs
from builder.render.pages import Page, guide_pages, site_pages, template_environment


def render_site(
    archive: Archive,
    analysis: Analysis,
    docs: Path,
    cache: Path | None = None,
    root: Path | None = None,
    tally: ChartTally | None = None,
    on_page: Callable[[int], None] | None = None,
) -> list[Page]:
    """Write every page and output file under ``docs``; return the pages written.

    ``cache`` is a folder where drawn charts are kept between builds; ``tally`` counts the
    charts drawn and reused; ``on_page`` is told how many pages are done as they are. What
    the site may not publish (small numbers, a confidential item's report and documents) is
    withheld first, so every page and file follows (``builder/disclosure.py``).
    """
    archive, analysis = public(archive, analysis)
    releases = {release.id: release for release in archive.releases}
    charts = Charts(releases, analysis.as_of, cache, tally)
    charts.prepare(analysis.indicators.values())
    linker = Linker(archive)
    definitions = linker.definitions()
    environment = template_environment()
    pages = []
    for page in site_pages(archive, analysis, environment, charts):
        pages.append(Page(page.address, linker.link(page.text, page.address) + "\n" + definitions))
        if on_page is not None:
            on_page(len(pages))
    # The guide is the builder's, not the archive's: its words are not linked to the glossary.
    pages += guide_pages(environment)
    for page in pages:
        text, charts_beside = inserts.detach(page.address, page.text)
        write_if_changed(docs / page.path, text)
        for address, markup in charts_beside.items():
            write_if_changed(docs / address.path, markup)
    write_outputs(Sources(archive, analysis, charts, root), docs)
    return pages
