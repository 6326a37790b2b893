"""The search index kept between builds (builder/search.py, ``index_for_search``): taken
again while nothing Pagefind reads has changed, written again as soon as anything has."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

from builder import pipeline, search, urls

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
    run = search._run_pagefind

    def counted(pages: Path, folder: Path) -> None:
        runs.append(folder)
        run(pages, folder)

    monkeypatch.setattr(search, "_run_pagefind", counted)
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


@pytest.mark.parametrize(
    "damage", ["a file changed", "a file lost", "its record lost", "a published file changed"]
)
def test_a_damaged_kept_index_is_not_taken(minimal_root, tmp_path, pagefind_runs, damage):
    """Nor one changed through the published site, whose files are links to the kept ones."""
    pipeline.build(minimal_root, tmp_path / "first")
    first = _index(tmp_path / "first")
    kept = minimal_root / search.SEARCH_CACHE
    fragment = sorted((kept / "index" / "first" / "fragment").iterdir())[0]
    published = tmp_path / "first" / urls.search_index().path / "fragment" / fragment.name
    if damage == "a file changed":
        fragment.write_bytes(b"damaged")
    elif damage == "a file lost":
        fragment.unlink()
    elif damage == "its record lost":
        (kept / "index.json").unlink()
    else:
        with published.open("r+b") as file:
            file.write(b"damaged")
    pipeline.build(minimal_root, tmp_path / "again")
    assert len(pagefind_runs) == 2
    assert _index(tmp_path / "again") == first
    # and kept afresh: the next build takes it
    pipeline.build(minimal_root, tmp_path / "third")
    assert len(pagefind_runs) == 2


@pytest.fixture
def in_parts(monkeypatch) -> None:
    """Any archive's index made in parts, as a large archive's is."""
    monkeypatch.setattr(search, "SEARCH_PARTS_FROM", 1)


def _part_of_run(folder: Path) -> str:
    return folder.name


def test_a_small_archive_s_index_is_one_part(minimal_root, tmp_path, pagefind_runs):
    pipeline.build(minimal_root, tmp_path / "site")
    index = tmp_path / "site" / urls.search_index().path
    assert [_part_of_run(folder) for folder in pagefind_runs] == ["first"]
    assert json.loads((tmp_path / "site" / urls.search_parts_list().path).read_text()) == {
        "parts": []
    }
    assert (index / "pagefind.js").is_file() and (index / "pagefind-entry.json").is_file()


def test_a_large_archive_s_index_is_in_parts_each_page_in_one(
    minimal_root, tmp_path, pagefind_runs, in_parts
):
    result = pipeline.build(minimal_root, tmp_path / "site")
    site = tmp_path / "site"
    listed = json.loads((site / urls.search_parts_list().path).read_text())["parts"]
    assert listed == ["indicators/", "meetings-2010s/"]
    assert sorted(_part_of_run(folder) for folder in pagefind_runs) == [
        "first",
        "indicators",
        "meetings-2010s",
    ]
    assert "in 3 parts" in result.timings.detail("search")
    by_part = {
        part: {
            fragment.url
            for fragment in [_Fragment.read(path) for path in sorted(folder.glob("fragment/*"))]
        }
        for part, folder in [("", site / urls.search_index().path)]
        + [(name, site / urls.search_index().path / name) for name in listed]
    }
    assert "/meetings/2019-01-24/" in by_part["meetings-2010s/"]
    assert all(url.startswith("/meetings/") for url in by_part["meetings-2010s/"])
    assert "/indicators/lac6-val/" in by_part["indicators/"]
    assert all(url.startswith("/indicators/") for url in by_part["indicators/"])
    assert "/" in by_part[""] and "/glossary/" in by_part[""] and "/meetings/" in by_part[""]
    assert not any(url.startswith("/indicators/") for url in by_part[""])
    every = [url for urls_of_part in by_part.values() for url in urls_of_part]
    assert len(every) == len(set(every)) == len(search_fragments(site))
    for name in listed:
        folder = site / urls.search_index().path / name
        assert (folder / "pagefind-entry.json").is_file()
        assert not list(folder.glob("pagefind*.js")) and not list(folder.glob("wasm.*"))


def test_an_edit_indexes_again_only_its_part_and_gives_the_whole_index(
    minimal_root, tmp_path, pagefind_runs, in_parts
):
    pipeline.build(minimal_root, tmp_path / "first")
    meeting = minimal_root / "content" / "meetings" / "2019-01-24.yml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("Committee Room 1", "Quayside Pavilion"), encoding="utf-8")
    edited = pipeline.build(minimal_root, tmp_path / "edited")
    assert [_part_of_run(folder) for folder in pagefind_runs[3:]] == ["meetings-2010s"]
    assert "1 of them again" in edited.timings.detail("search")
    assert (
        "Quayside Pavilion"
        in search_fragments(tmp_path / "edited")["/meetings/2019-01-24/"]["content"]
    )
    fresh = tmp_path / "fresh"
    shutil.copytree(minimal_root, fresh, ignore=shutil.ignore_patterns("build"))
    pipeline.build(fresh, tmp_path / "whole")
    assert _index(tmp_path / "edited") == _index(tmp_path / "whole")


def test_a_decade_s_first_meeting_adds_a_part_and_its_last_removes_it(
    minimal_root, tmp_path, pagefind_runs, in_parts
):
    pipeline.build(minimal_root, tmp_path / "first")
    first = _index(tmp_path / "first")
    meetings = minimal_root / "content" / "meetings"
    text = (meetings / "2019-01-24.yml").read_text(encoding="utf-8")
    older = meetings / "2009-01-22.yml"
    older.write_text(
        text.replace("date: 2019-01-24", "date: 2009-01-22")
        .replace("24 January 2019", "22 January 2009")
        .replace("- date: 2019-03-28", "- date: 2009-03-28"),
        encoding="utf-8",
    )
    pipeline.build(minimal_root, tmp_path / "added")
    listed = json.loads((tmp_path / "added" / urls.search_parts_list().path).read_text())
    assert listed["parts"] == ["indicators/", "meetings-2000s/", "meetings-2010s/"]
    assert "meetings-2000s" in [_part_of_run(folder) for folder in pagefind_runs[3:]]
    assert "/meetings/2009-01-22/" in search_fragments(tmp_path / "added")

    older.unlink()
    pipeline.build(minimal_root, tmp_path / "removed")
    kept = minimal_root / search.SEARCH_CACHE / "index"
    assert sorted(path.name for path in kept.iterdir()) == ["first", "indicators", "meetings-2010s"]
    assert not (tmp_path / "removed" / urls.search_part_index("meetings-2000s").path).exists()
    assert _index(tmp_path / "removed") == first


def test_a_damaged_part_alone_is_indexed_again(minimal_root, tmp_path, pagefind_runs, in_parts):
    pipeline.build(minimal_root, tmp_path / "first")
    first = _index(tmp_path / "first")
    kept = minimal_root / search.SEARCH_CACHE / "index" / "indicators"
    sorted((kept / "fragment").iterdir())[0].write_bytes(b"damaged")
    pipeline.build(minimal_root, tmp_path / "again")
    assert [_part_of_run(folder) for folder in pagefind_runs[3:]] == ["indicators"]
    assert _index(tmp_path / "again") == first


def test_an_index_kept_whole_before_parts_is_made_again_and_its_files_removed(
    minimal_root, tmp_path, pagefind_runs, in_parts
):
    kept = minimal_root / search.SEARCH_CACHE
    (kept / "index" / "fragment").mkdir(parents=True)
    (kept / "index" / "pagefind.js").write_text("// an index kept whole")
    (kept / "index.json").write_text('{"key": "0", "files": {}}')
    pipeline.build(minimal_root, tmp_path / "site")
    assert len(pagefind_runs) == 3
    assert sorted(path.name for path in (kept / "index").iterdir()) == [
        "first",
        "indicators",
        "meetings-2010s",
    ]


@dataclass(frozen=True)
class _Fragment:
    url: str

    @classmethod
    def read(cls, path: Path) -> _Fragment:
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        return cls(url=json.loads(data)["url"])


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
