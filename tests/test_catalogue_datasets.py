"""The catalogue of published datasets an officer might try to import
(``tests/catalogue/datasets/``): each refused file sits beside the report the command
line must print for it; each accepted one beside the values it must add.

A refused file leaves the content exactly as it was and exits with status 2; every
problem of a file is reported in the one run.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from builder.cli import EXIT_CONTENT_ERRORS, main

from .conftest import TESTS
from .test_importer import digest

CATALOGUE = TESTS / "catalogue" / "datasets"
PUBLISHED = "2018-06-20"


def cases(folder: str) -> list[Path]:
    return sorted(p for p in (CATALOGUE / folder).iterdir() if p.suffix != ".expected")


def expected(case: Path) -> str:
    return case.with_name(case.name + ".expected").read_text(encoding="utf-8")


def run_import(root: Path, case: Path) -> int:
    return main(["import-release", str(case), "--published", PUBLISHED, "--root", str(root)])


@pytest.mark.parametrize("case", cases("refused"), ids=lambda p: p.name)
def test_a_refused_dataset_is_reported_and_changes_nothing(minimal_root, case, capsys):
    before = digest(minimal_root)
    assert run_import(minimal_root, case) == EXIT_CONTENT_ERRORS
    report = capsys.readouterr().err
    assert report == expected(case)
    assert digest(minimal_root) == before
    for word in ("None", "dict", "str", "float", "Traceback"):
        assert word not in report.replace(case.name, "")


@pytest.mark.parametrize("case", cases("accepted"), ids=lambda p: p.name)
def test_an_awkward_but_valid_dataset_imports(minimal_root, case, capsys):
    assert run_import(minimal_root, case) == 0, capsys.readouterr().err
    with (minimal_root / "content/indicators/observations.csv").open(encoding="utf-8") as handle:
        added = [
            f"{row['indicator']} {row['period']} {row['value']}"
            for row in csv.DictReader(handle)
            if row["release"] == "2018-05"
        ]
    assert "\n".join(added) + "\n" == expected(case)


def test_every_case_has_its_expected_report():
    files = {p.name for p in CATALOGUE.rglob("*") if p.is_file()}
    for name in files:
        if not name.endswith(".expected"):
            assert name + ".expected" in files, f"{name} has no .expected file"


def test_a_dataset_too_big_is_refused_by_its_size(minimal_root, tmp_path, capsys):
    big = tmp_path / "dataset.csv"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is read before the size is known
    assert run_import(minimal_root, big) == EXIT_CONTENT_ERRORS
    assert capsys.readouterr().err.startswith(
        "dataset.csv: the file is 50.0 MB, more than the 10 MB any content file or dataset can be"
    )
