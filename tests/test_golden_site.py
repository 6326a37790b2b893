"""The whole built site of a small, fixed sample archive, against a golden folder.

``tests/fixtures/sample/`` is an invented archive (the "Sample Scrutiny Panel" of the
"Sample Borough Council") that covers every page type and most content features in a
few files. It is built once, with the real pipeline, and every file of the site is
compared byte for byte with ``tests/golden/site/`` (as Pelican's functional tests do), so
adding meetings to the bundled archive never breaks this test, while any change to the
rendered output has to be reviewed.

Files that come verbatim from the Material theme package (its scripts, stylesheets and
images) or from Pagefind (the search index's script and WebAssembly), the binary
``sitemap.xml.gz``, the search index's compressed chunks and the charts' PNG images are
not compared: a PNG is the chart's ``chart.svg`` and ``chart.vl.json`` (both compared)
drawn as pixels, whose change cannot be reviewed as a diff (tests/test_downloads.py
checks it); what the search index holds is read back by tests/test_site.py, and its
entry file, which names the index and counts its pages, is compared. After an
intended change, review the differences and accept them with::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_site.py

which rewrites ``tests/golden/site/`` entirely from the build (stale files are deleted).
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, TESTS

SAMPLE = FIXTURES / "sample"
GOLDEN = TESTS / "golden" / "site"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

THEME_FOLDERS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "pagefind/")
SKIPPED_FILES = {"sitemap.xml.gz"}
KEPT_FILES = {"pagefind/pagefind-entry.json", "pagefind/parts.json"}
SKIPPED_SUFFIXES = ("/chart.png",)
DIFF_LINES = 40
DIFF_LINE_WIDTH = 160


def compared_files(folder: Path) -> dict[str, Path]:
    """The files of a built site that the golden folder holds, by path relative to it."""
    if not folder.is_dir():
        return {}
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not _skipped(relative):
            files[relative] = path
    return files


def _skipped(relative: str) -> bool:
    if relative in KEPT_FILES:
        return False
    return (
        relative in SKIPPED_FILES
        or relative.startswith(THEME_FOLDERS)
        or relative.endswith(SKIPPED_SUFFIXES)
    )


def rewrite_golden(site: Path) -> None:
    """Replace the golden folder by the compared files of ``site``."""
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for relative, path in compared_files(site).items():
        target = GOLDEN / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


@pytest.fixture(scope="module")
def built_site(sample_site: Path) -> Path:
    """The sample archive as the session built it (a copy, so no cache lands in tests/)."""
    out = sample_site
    if UPDATE:
        rewrite_golden(out)
    return out


@pytest.fixture(scope="module")
def built_files(built_site: Path) -> dict[str, Path]:
    return compared_files(built_site)


def test_the_site_has_the_golden_files(built_files):
    golden = set(compared_files(GOLDEN))
    built = set(built_files)
    missing, extra = sorted(golden - built), sorted(built - golden)
    if missing or extra:
        pytest.fail(
            f"the built site differs from {GOLDEN.relative_to(TESTS.parent)} in its files "
            "(review, then accept with UPDATE_GOLDEN=1):\n"
            + "".join(f"  missing from the build: {path}\n" for path in missing)
            + "".join(f"  not in the golden folder: {path}\n" for path in extra),
            pytrace=False,
        )


@pytest.mark.parametrize("relative", sorted(compared_files(GOLDEN)))
def test_each_file_matches_its_golden_file(built_files, relative):
    """A change to any rendered file must be reviewed: rerun with UPDATE_GOLDEN=1 to accept."""
    golden = GOLDEN / relative
    if UPDATE:
        # The golden folder was just rewritten from this build: a file it no longer holds
        # was removed on purpose, and the others are the build's own bytes.
        assert golden.is_file() == (relative in built_files)
        return
    assert relative in built_files, f"{relative} is in the golden folder but was not built"
    expected, actual = golden.read_bytes(), built_files[relative].read_bytes()
    if actual != expected:
        pytest.fail(
            f"{relative} differs from its golden file (review, then accept with "
            f"UPDATE_GOLDEN=1):\n{short_diff(expected, actual, relative)}",
            pytrace=False,
        )


def short_diff(expected: bytes, actual: bytes, name: str) -> str:
    """The first lines of a unified diff; long lines are cut around their first change."""
    try:
        before, after = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        return f"binary file: {len(expected)} bytes expected, {len(actual)} bytes built"
    lines = list(
        difflib.unified_diff(
            before.splitlines(),
            after.splitlines(),
            fromfile=f"golden/site/{name}",
            tofile=f"built/{name}",
            lineterm="",
        )
    )
    start = _first_change(lines)
    shown = [_cut(line, start) for line in lines[:DIFF_LINES]]
    if len(lines) > DIFF_LINES:
        shown.append(f"... ({len(lines) - DIFF_LINES} more lines of diff)")
    return "\n".join(shown) or "(the files differ only in line endings or a final newline)"


def _first_change(lines: list[str]) -> int:
    """Where the first removed line and the first added line part (a one-line JSON file)."""
    removed = next((line[1:] for line in lines if line.startswith("-") and line[:3] != "---"), "")
    added = next((line[1:] for line in lines if line.startswith("+") and line[:3] != "+++"), "")
    same = 0
    while same < min(len(removed), len(added)) and removed[same] == added[same]:
        same += 1
    return same


def _cut(line: str, start: int) -> str:
    if len(line) <= DIFF_LINE_WIDTH:
        return line
    begin = max(0, min(start - DIFF_LINE_WIDTH // 3, len(line) - DIFF_LINE_WIDTH))
    window = line[begin + 1 : begin + DIFF_LINE_WIDTH]
    end = "..." if begin + DIFF_LINE_WIDTH < len(line) else ""
    return line[0] + ("..." if begin else "") + window + end
