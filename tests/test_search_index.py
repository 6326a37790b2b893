"""The search index kept between builds (builder/build.py, ``index_for_search``): taken
again while nothing Pagefind reads has changed, written again as soon as anything has."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from builder import build, pipeline, urls

from .pages import search_fragments


def _index(site: Path) -> dict[str, bytes]:
    folder = site / urls.search_index().path
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def pagefind_runs(monkeypatch) -> list[Path]:
    """The folders Pagefind is run into, as it is."""
    runs: list[Path] = []
    run = build._run_pagefind

    def counted(pages: Path, folder: Path) -> None:
        runs.append(folder)
        run(pages, folder)

    monkeypatch.setattr(build, "_run_pagefind", counted)
    return runs


def test_an_unchanged_archive_takes_the_last_index_byte_for_byte(
    minimal_root, tmp_path, pagefind_runs
):
    pipeline.build(minimal_root, tmp_path / "first")
    assert len(pagefind_runs) == 1
    again = pipeline.build(minimal_root, tmp_path / "again")
    assert len(pagefind_runs) == 1
    assert "nothing it reads changed" in again.timings.detail("search")
    first = _index(tmp_path / "first")
    assert len(first) > 5 and _index(tmp_path / "again") == first
    assert "/meetings/2019-01-24/" in search_fragments(tmp_path / "again")


def test_an_edit_is_indexed_again_and_found(minimal_root, tmp_path, pagefind_runs):
    pipeline.build(minimal_root, tmp_path / "first")
    meeting = minimal_root / "content" / "meetings" / "2019-01-24.yml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("Committee Room 1", "Quayside Pavilion"), encoding="utf-8")
    edited = pipeline.build(minimal_root, tmp_path / "edited")
    assert len(pagefind_runs) == 2
    assert "nothing it reads changed" not in edited.timings.detail("search")
    page = search_fragments(tmp_path / "edited")["/meetings/2019-01-24/"]
    assert "Quayside Pavilion" in page["content"]
    assert "Quayside" not in str(search_fragments(tmp_path / "first"))


@pytest.mark.parametrize("damage", ["a file changed", "a file lost", "its record lost"])
def test_a_damaged_kept_index_is_not_taken(minimal_root, tmp_path, pagefind_runs, damage):
    pipeline.build(minimal_root, tmp_path / "first")
    kept = minimal_root / build.SEARCH_CACHE
    fragment = sorted((kept / "index" / "fragment").iterdir())[0]
    if damage == "a file changed":
        fragment.write_bytes(b"damaged")
    elif damage == "a file lost":
        fragment.unlink()
    else:
        (kept / "index.json").unlink()
    pipeline.build(minimal_root, tmp_path / "again")
    assert len(pagefind_runs) == 2
    assert _index(tmp_path / "again") == _index(tmp_path / "first")
    # and kept afresh: the next build takes it
    pipeline.build(minimal_root, tmp_path / "third")
    assert len(pagefind_runs) == 2


# A release's lists of the indicators it moved, and a meeting's table of the figures the
# panel saw, as the built pages mark them for the search to leave out.
_FIGURES = re.compile(r'<(div|figure) data-search-exclude="[^"]*">(.*?)</\1>', re.DOTALL)
_ITEM = re.compile(r"<(li|td)\b[^>]*>(.*?)</\1>", re.DOTALL)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)


def _figures_left_out(html: str) -> list[str]:
    """The text of each list item and table cell of the page's lists and tables of figures."""
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", item)).split())
        for _, block in _FIGURES.findall(html)
        for _, item in _ITEM.findall(block)
    ]


@pytest.mark.parametrize("section", ["releases", "meetings"])
def test_lists_and_tables_of_figures_are_left_out_of_the_index(bundled_site, section):
    """The figures a release moved, and those a meeting saw, name indicator after indicator
    on page after page: the index leaves them out, as it does an indicator's table of
    values (an indicator is found on its own page), and keeps the rest of the page."""
    indexed = search_fragments(bundled_site)
    checked = 0
    for path in sorted((bundled_site / section).glob("*/index.html")):
        url = "/" + path.parent.relative_to(bundled_site).as_posix() + "/"
        html = path.read_text(encoding="utf-8")
        content = " ".join(indexed[url]["content"].split())
        heading = " ".join(unescape(re.sub(r"<[^>]+>", "", _H1.search(html)[1])).split())
        assert heading and heading in content
        elsewhere = " ".join(unescape(re.sub(r"<[^>]+>", " ", _FIGURES.sub("", html))).split())
        for text in _figures_left_out(html):
            if len(text) > 20 and text not in elsewhere:  # only in the figures
                assert text not in content, (url, text)
                checked += 1
    assert checked >= 2
