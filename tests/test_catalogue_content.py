"""The catalogue of mistakes in content files (``tests/catalogue/content/``): each case
is a folder of files laid over a copy of the minimal fixture (same paths), with
``expected.txt``, the report ``check`` must print for it (empty where the case is valid).

A refused case exits with status 2 and reports every problem in the one run; no message
shows a Python value or type.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.cli import EXIT_CONTENT_ERRORS, main
from builder.errors import MAX_FILE_BYTES

from .conftest import TESTS

CATALOGUE = TESTS / "catalogue" / "content"
CASES = sorted(p for p in CATALOGUE.iterdir() if p.is_dir())


def laid_over(root: Path, case: Path) -> Path:
    for source in sorted(case.rglob("*")):
        if source.is_file() and source.name != "expected.txt":
            target = root / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return root


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_each_mistake_is_reported_as_the_catalogue_says(minimal_root, case, capsys):
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    status = main(["check", "--root", str(laid_over(minimal_root, case))])
    report = capsys.readouterr().err
    assert report == expected
    assert status == (EXIT_CONTENT_ERRORS if expected else 0)
    for word in ("None", "dict", "NoneType", "Traceback", "<class"):
        assert word not in report


def test_a_file_too_big_is_refused_by_its_size_before_it_is_read(minimal_root, capsys):
    big = minimal_root / "content/meetings/2019-02-01.yml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: no 50 MB is written
    assert big.stat().st_size > MAX_FILE_BYTES
    assert main(["check", "--root", str(minimal_root)]) == EXIT_CONTENT_ERRORS
    assert capsys.readouterr().err == (
        "content/meetings/2019-02-01.yml: the file is 50.0 MB, more than the 10 MB any content "
        "file or dataset can be: check that it is the right file\n"
        "1 problem found; nothing was written.\n"
    )
