"""The whole pipeline, stage by stage: load -> validate -> analyse -> render -> build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.analyse import analyse
from builder.build import (
    copy_site_assets,
    mkdocs_config_file,
    publish,
    run_mkdocs,
    staging_folder,
)
from builder.load import load_content
from builder.model import Analysis, Archive
from builder.render import render_site
from builder.validate import validate_content


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


def write_pages(archive: Archive, analysis: Analysis, root: Path, docs: Path) -> int:
    """Write the Markdown pages, charts and assets the site generator is fed."""
    pages = render_site(
        archive, analysis, docs, cache=root / "build" / "cache" / "charts", root=root
    )
    copy_site_assets(root, docs)
    return len(pages)


def build(root: Path, out: Path) -> BuildResult:
    """Validate, render and build the site into ``out``; on any failure ``out`` is untouched."""
    archive, analysis = check(root)
    with staging_folder(out) as staging:
        docs, html = staging / "docs", staging / "html"
        pages = write_pages(archive, analysis, root, docs)
        config = mkdocs_config_file(archive.site, root, docs, html, staging)
        run_mkdocs(config, source_date=archive.latest_date)
        publish(html, out)
    return BuildResult(archive=archive, analysis=analysis, pages=pages, out=out)
