"""Pages kept between builds are read back only while all they are made of is the same:
what is read back is, byte for byte, what rendering them again writes."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from builder import pipeline, render
from builder.render import page_cache
from builder.render.page_cache import PAGE_CACHE, PageCache

from .test_cli import tree_digest


def _render(root: Path, docs: Path, cache: PageCache | None, workers: int = 1) -> int:
    """Render the root's pages into ``docs``; return how many were read back."""
    archive, analysis = pipeline.check(root)
    render.render_site(
        archive,
        analysis,
        docs,
        cache=root / "build" / "cache" / "charts",
        root=root,
        workers=workers,
        page_cache=cache,
    )
    return cache.reused if cache is not None else 0


@pytest.fixture
def root(minimal_root: Path) -> Path:
    shutil.rmtree(minimal_root / "build", ignore_errors=True)
    return minimal_root


def _pages(docs: Path) -> int:
    return sum(1 for _ in docs.rglob("*.md")) - sum(1 for _ in (docs / "guide").rglob("*.md"))


def test_unchanged_pages_are_read_back_as_rendered(root, tmp_path):
    assert _render(root, tmp_path / "first", PageCache(root / PAGE_CACHE)) == 0
    reused = _render(root, tmp_path / "again", PageCache(root / PAGE_CACHE))
    assert reused == _pages(tmp_path / "again") > 10
    _render(root, tmp_path / "uncached", None)
    first = tree_digest(tmp_path / "first")
    assert tree_digest(tmp_path / "again") == first == tree_digest(tmp_path / "uncached")


def test_a_changed_meeting_is_rendered_again_and_only_what_shows_it(root, tmp_path):
    _render(root, tmp_path / "before", PageCache(root / PAGE_CACHE))
    meeting = sorted((root / "content" / "meetings").glob("*.yml"))[0]
    text = meeting.read_text(encoding="utf-8")
    assert "venue: " in text
    meeting.write_text(text.replace("venue: ", "venue: Room 2, ", 1), encoding="utf-8")
    reused = _render(root, tmp_path / "after", PageCache(root / PAGE_CACHE))
    _render(root, tmp_path / "uncached", None)
    assert tree_digest(tmp_path / "after") == tree_digest(tmp_path / "uncached")
    before, after = tree_digest(tmp_path / "before"), tree_digest(tmp_path / "after")
    changed = {path for path in after if path.endswith(".md") and before.get(path) != after[path]}
    assert any("Room 2" in (tmp_path / "after" / path).read_text() for path in changed)
    assert reused == _pages(tmp_path / "after") - len(changed)


def test_a_change_to_the_glossary_renders_every_page_again(root, tmp_path):
    _render(root, tmp_path / "before", PageCache(root / PAGE_CACHE))
    term = root / "glossary" / "looked-after-child.md"
    term.write_text(
        term.read_text(encoding="utf-8").replace("[LAC, CLA]", "[LAC, CLA, CiC]"),
        encoding="utf-8",
    )
    assert _render(root, tmp_path / "after", PageCache(root / PAGE_CACHE)) == 0
    _render(root, tmp_path / "uncached", None)
    assert tree_digest(tmp_path / "after") == tree_digest(tmp_path / "uncached")


def test_other_code_or_a_damaged_entry_renders_the_page_again(root, tmp_path, monkeypatch):
    _render(root, tmp_path / "before", PageCache(root / PAGE_CACHE))
    entries = sorted((root / PAGE_CACHE).rglob("*.pickle"))
    entries[0].write_bytes(b"not an entry")
    entries[1].write_bytes(entries[1].read_bytes()[:-10])
    reused = _render(root, tmp_path / "damaged", PageCache(root / PAGE_CACHE))
    assert reused == _pages(tmp_path / "damaged") - 2
    assert tree_digest(tmp_path / "damaged") == tree_digest(tmp_path / "before")
    monkeypatch.setattr(page_cache, "_CODE", b"other templates")
    assert _render(root, tmp_path / "other-code", PageCache(root / PAGE_CACHE)) == 0


def test_pages_read_back_in_forked_processes_are_counted(root, tmp_path, monkeypatch):
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    _render(root, tmp_path / "first", PageCache(root / PAGE_CACHE), workers=2)
    reused = _render(root, tmp_path / "again", PageCache(root / PAGE_CACHE), workers=2)
    assert reused == _pages(tmp_path / "again")
    assert tree_digest(tmp_path / "again") == tree_digest(tmp_path / "first")


def test_pages_kept_by_one_process_are_read_back_by_processes_given_shared_digests(
    root, tmp_path, monkeypatch
):
    """Shared out, the records many views hold are digested before the pages are
    (``render._learn_shared_digests``): the keys are those one process works out."""
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    _render(root, tmp_path / "first", PageCache(root / PAGE_CACHE), workers=1)
    reused = _render(root, tmp_path / "again", PageCache(root / PAGE_CACHE), workers=2)
    assert reused == _pages(tmp_path / "again") > 10


def test_entries_of_pages_no_longer_built_and_half_written_files_are_removed(root, tmp_path):
    term = root / "glossary" / "kinship-care.md"
    term.write_text(
        "---\nterm: Kinship care\nsource: Test glossary\n---\nCare by relatives or friends.\n",
        encoding="utf-8",
    )
    archive, analysis = pipeline.check(root)
    pipeline.write_pages(archive, analysis, root, tmp_path / "first")
    cache = root / PAGE_CACHE
    built = {p.relative_to(cache) for p in cache.rglob("*") if p.is_file()}
    assert Path("glossary/kinship-care.md.pickle") in built and len(built) > 10
    (cache / "x.md.pickle.123.tmp").write_bytes(b"stopped part-way")
    term.unlink()
    archive, analysis = pipeline.check(root)
    pipeline.write_pages(archive, analysis, root, tmp_path / "second")
    left = {p.relative_to(cache) for p in cache.rglob("*") if p.is_file()}
    assert left == built - {Path("glossary/kinship-care.md.pickle")}


@dataclass(frozen=True)
class _Row:
    period: str
    value: float
    day: dt.date


@dataclass(frozen=True)
class _Other:
    period: str
    value: float
    day: dt.date


@dataclass(frozen=True)
class _View:
    title: str
    rows: list[Any]


def test_a_key_is_the_views_content_whatever_objects_it_shares(tmp_path):
    cache = PageCache(tmp_path / "pages")
    row = _Row("2024-01", 5.0, dt.date(2024, 2, 1))
    shared = _View("LAC1", [row, row, row])
    copied = _View("LAC1", [_Row("2024-01", 5.0, dt.date(2024, 2, 1)) for _ in range(3)])
    assert cache.key(shared) == cache.key(copied) is not None
    changed = _View("LAC1", [row, row, replace(row, day=dt.date(2024, 2, 2))])
    other_kind = _View("LAC1", [row, row, _Other("2024-01", 5.0, dt.date(2024, 2, 1))])
    keys = {cache.key(shared), cache.key(changed), cache.key(other_kind)}
    assert len(keys) == 3


def test_a_view_that_cannot_be_pickled_has_no_key(tmp_path):
    cache = PageCache(tmp_path / "pages")
    assert cache.key(_View("LAC1", [row for row in range(3)])) is not None
    assert cache.key(_View("LAC1", [(row for row in range(3))])) is None
