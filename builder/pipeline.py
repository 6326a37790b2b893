"""The whole pipeline, stage by stage: load -> validate -> analyse -> render -> build."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from builder import urls
from builder.analyse import analyse
from builder.build import (
    copy_site_assets,
    mkdocs_config_file,
    publish,
    recover_site,
    run_mkdocs,
    staging_folder,
)
from builder.errors import ContentErrors
from builder.load import load_content
from builder.model import Analysis, Archive
from builder.render import render_site
from builder.urls import Address
from builder.validate import validate_content
from builder.validate.redirects import resolve_redirects


@dataclass(frozen=True)
class BuildResult:
    archive: Archive
    analysis: Analysis
    pages: int
    out: Path


def check(root: Path) -> tuple[Archive, Analysis]:
    """Load and validate everything under ``root``; raise ``ContentErrors`` on any problem."""
    archive = validate_content(load_content(root))
    return archive, analyse(archive)


def write_pages(archive: Archive, analysis: Analysis, root: Path, docs: Path) -> list[Address]:
    """Write the Markdown pages, charts and assets the site generator is fed; return the
    addresses of the pages."""
    pages = render_site(
        archive, analysis, docs, cache=root / "build" / "cache" / "charts", root=root
    )
    copy_site_assets(root, docs)
    return [page.address for page in pages]


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
) -> BuildResult:
    """Validate, render and build the site into ``out``; on any failure ``out`` is untouched.

    ``edition`` names the edition the pages show; ``versioned`` builds it to be published
    as a version of a site with editions (``python -m builder deploy``)."""
    recover_site(out)
    archive, analysis = as_edition(*check(root), edition, versioned, default_site_url)
    with staging_folder(out) as staging:
        docs, html = staging / "docs", staging / "html"
        pages = write_pages(archive, analysis, root, docs)
        redirects, problems = resolve_redirects(archive.redirects, pages)
        if problems:
            raise ContentErrors(problems)
        config = mkdocs_config_file(
            archive.site, root, docs, html, staging, analysis.edition, redirects
        )
        run_mkdocs(config, source_date=archive.latest_date)
        publish(html, out)
    return BuildResult(archive=archive, analysis=analysis, pages=len(pages), out=out)
