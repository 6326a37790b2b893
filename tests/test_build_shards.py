"""The site generator's pages shared out among processes give the one-process site, byte
for byte, and a link into another group's page is still checked."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import yaml

from builder import build, pipeline
from builder.synth import Shape, synthesise

from .test_cli import tree_digest

pytestmark = pytest.mark.slow

SHAPE = Shape(meetings=6, indicators=2, years=1, terms=3)


def _site(root: Path, out: Path, shard_from: int, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(build, "SHARD_FROM", shard_from)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    pipeline.build(root, out)
    return out


def test_pages_converted_by_two_processes_give_the_one_process_site(tmp_path, monkeypatch):
    root = synthesise(SHAPE, tmp_path / "root")
    pages = len(list(root.glob("content/meetings/*.yml")))
    assert pages == SHAPE.meetings
    alone = tree_digest(_site(root, tmp_path / "alone", 10**9, monkeypatch))
    shutil.rmtree(root / "build")
    shared = tree_digest(_site(root, tmp_path / "shared", 4, monkeypatch))
    assert shared == alone
    assert not list(tmp_path.glob("*shard*")), "a group's folder was left behind"


def test_an_incremental_build_shared_out_gives_the_whole_builds_site(tmp_path, monkeypatch):
    root = synthesise(SHAPE, tmp_path / "root")
    _site(root, root / "site", 4, monkeypatch)
    for meeting in sorted((root / "content" / "meetings").glob("*.yml"))[:3]:
        text = meeting.read_text(encoding="utf-8")
        meeting.write_text(text.replace("venue: Council Chamber", "venue: Room 2"), "utf-8")
    monkeypatch.setattr(build, "SHARD_FROM", 2)
    assert not pipeline.build(root, root / "site").whole
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("build", "site"))
    monkeypatch.setattr(build, "SHARD_FROM", 10**9)
    assert pipeline.build(fresh, fresh / "site").whole
    assert tree_digest(root / "site") == tree_digest(fresh / "site")


def _docs_site(tmp_path: Path, anchor: str) -> Path:
    """A small MkDocs site: the two largest pages (so each goes to a group of its own)
    are the one linking and the one linked to, at ``anchor``."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    filler = "Words. " * 400
    (docs / "from.md").write_text(f"# From\n\n[There](to.md#{anchor})\n\n{filler}\n", "utf-8")
    (docs / "to.md").write_text(f"# To\n\n## A section\n\n{filler}\n", encoding="utf-8")
    for number in range(6):
        (docs / f"page-{number}.md").write_text(f"# Page {number}\n", encoding="utf-8")
    config = {
        "site_name": "Shards",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "html"),
        "strict": True,
        "theme": {"name": "mkdocs"},
        "markdown_extensions": ["toc"],
        "validation": {"links": {"anchors": "warn"}},
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def test_a_link_into_another_groups_page_to_a_missing_anchor_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "SHARD_FROM", 4)
    config = _docs_site(tmp_path, "no-such-section")
    with pytest.raises(build.SiteBuildError) as failure:
        build.run_mkdocs(config, dt.date(2024, 1, 1), workers=2)
    assert (
        "Doc file 'from.md' contains a link 'to.md#no-such-section', but the doc 'to.md' "
        "does not contain an anchor '#no-such-section'."
    ) in str(failure.value)


def test_a_link_into_another_groups_page_to_its_anchor_builds(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "SHARD_FROM", 4)
    config = _docs_site(tmp_path, "a-section")
    build.run_mkdocs(config, dt.date(2024, 1, 1), workers=2)
    html = tmp_path / "html"
    assert 'href="../to/#a-section"' in (html / "from" / "index.html").read_text("utf-8")
    pages = sorted(p.parent.name for p in html.glob("*/index.html"))
    assert pages == ["from", *(f"page-{n}" for n in range(6)), "to"]
