import csv
import datetime as dt
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import importer
from builder.cli import main
from builder.errors import ContentErrors

from .conftest import FIXTURES, REPOSITORY

MONTHS = [f"2018-{m:02d}" for m in range(1, 13)]


def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "content").rglob("*"))
        if p.is_file()
    }


def wide_csv(path: Path, values: dict[str, dict[str, float | None]]) -> Path:
    """A dataset in the published shape for the fixture's two LAC6 indicators."""
    months = sorted({month for row in values.values() for month in row})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["", "Indicator", *(dt.date.fromisoformat(m + "-01").strftime("%b-%y") for m in months)]
        )
        for code, row in values.items():
            cells = [
                "-" if row.get(m) is None else (f"{row[m]:g}%" if "%" in code else f"{row[m]:g}")
                for m in months
            ]
            writer.writerow([code, "title", *cells])
    return path


def observations(root: Path) -> set[tuple[str, str, float, str]]:
    with (root / "content/indicators/observations.csv").open() as handle:
        return {
            (r["indicator"], r["period"], float(r["value"]), r["release"])
            for r in csv.DictReader(handle)
        }


def import_file(root: Path, file: Path, published: dt.date) -> importer.ImportPlan:
    plan = importer.plan_import(root, file, published)
    importer.write_plan(root, plan)
    return plan


def without_release(text: str, column: str, release: str) -> str:
    rows = list(csv.DictReader(text.splitlines()))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(row for row in rows if row[column] != release)
    return out.getvalue()


def test_importing_the_bundled_dataset_reproduces_the_bundled_values(tmp_path):
    """The bundled values of release 2018-04 are exactly what importing its file gives."""
    root = tmp_path / "root"
    for folder in ("content", "glossary", "site_config"):
        shutil.copytree(REPOSITORY / folder, root / folder)
    for name in ("observations.csv", "published_figures.csv"):
        table = root / "content/indicators" / name
        table.write_text(without_release(table.read_text(), "release", "2018-04"))
    release = root / "content/releases/2018-04.yml"
    lines = release.read_text().splitlines(keepends=True)
    release.write_text("".join(x for x in lines if not x.startswith(("file:", "sha256:"))))
    plan = import_file(root, REPOSITORY / "content/datasets/2018-04.csv", dt.date(2018, 5, 30))
    assert len(plan.added) == 691
    assert plan.revisions == []
    assert digest(root) == digest(REPOSITORY)


def test_dry_run_writes_nothing(minimal_root, tmp_path, capsys):
    before = digest(minimal_root)
    file = wide_csv(tmp_path / "may.csv", {"LAC6 (val)": {"2018-04": 3, "2018-05": 7}})
    code = main(
        [
            "import-release",
            str(file),
            "--published",
            "2018-06-20",
            "--root",
            str(minimal_root),
            "--dry-run",
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert (
        "2 values to add (1 for months not held before, 0 confirming a value already "
        "published, 1 revising one)" in printed
    )
    assert "revised: lac6-val 2018-04: 2 (2018-04) -> 3 (2018-05)" in printed
    assert "Dry run: nothing was written." in printed
    assert digest(minimal_root) == before


def test_a_revision_keeps_both_values_and_the_newer_is_current(minimal_root, tmp_path):
    file = wide_csv(tmp_path / "may.csv", {"LAC6 (val)": {"2018-04": 3, "2018-05": 7}})
    import_file(minimal_root, file, dt.date(2018, 6, 20))
    held = observations(minimal_root)
    assert ("lac6-val", "2018-04", 2.0, "2018-04") in held
    assert ("lac6-val", "2018-04", 3.0, "2018-05") in held
    release = (minimal_root / "content/releases/2018-05.yml").read_text()
    assert f"sha256: {hashlib.sha256(file.read_bytes()).hexdigest()}" in release
    assert (minimal_root / "content/datasets/2018-05.csv").read_bytes() == file.read_bytes()
    assert main(["check", "--root", str(minimal_root)]) == 0


def test_importing_the_same_file_twice_changes_nothing(minimal_root, tmp_path):
    file = wide_csv(tmp_path / "may.csv", {"LAC6 (val)": {"2018-05": 7}})
    import_file(minimal_root, file, dt.date(2018, 6, 20))
    before = digest(minimal_root)
    plan = import_file(minimal_root, file, dt.date(2018, 6, 20))
    assert not plan.changes_anything
    assert digest(minimal_root) == before


def test_unknown_indicators_stop_the_import_with_a_list(minimal_root, tmp_path):
    file = wide_csv(tmp_path / "may.csv", {"LAC99": {"2018-05": 1}, "XYZ": {"2018-05": 2}})
    before = digest(minimal_root)
    with pytest.raises(ContentErrors) as caught:
        importer.plan_import(minimal_root, file, dt.date(2018, 6, 20))
    messages = [str(e) for e in caught.value.errors]
    assert messages == [
        "may.csv, line 2: no indicator in content/indicators/ has the code 'LAC99': add its "
        "definition there first (see 'Adding an indicator' in README.md), then import again",
        "may.csv, line 3: no indicator in content/indicators/ has the code 'XYZ': add its "
        "definition there first (see 'Adding an indicator' in README.md), then import again",
    ]
    assert digest(minimal_root) == before


def test_a_different_file_for_a_release_already_held_is_refused(minimal_root, tmp_path):
    import_file(
        minimal_root,
        wide_csv(tmp_path / "a.csv", {"LAC6 (val)": {"2018-05": 7}}),
        dt.date(2018, 6, 20),
    )
    other = wide_csv(tmp_path / "b.csv", {"LAC6 (val)": {"2018-05": 8}})
    with pytest.raises(ContentErrors, match=r"1 problem"):
        importer.plan_import(minimal_root, other, dt.date(2018, 6, 20))


def test_an_interrupted_import_leaves_the_content_as_it_was(minimal_root, tmp_path, monkeypatch):
    file = wide_csv(tmp_path / "may.csv", {"LAC6 (val)": {"2018-05": 7}})
    plan = importer.plan_import(minimal_root, file, dt.date(2018, 6, 20))
    assert len(plan.files) >= 3
    before = digest(minimal_root)
    real_replace = importer.os.replace
    calls = []

    def interrupted(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(importer.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        importer.write_plan(minimal_root, plan)
    monkeypatch.setattr(importer.os, "replace", real_replace)
    assert digest(minimal_root) == before
    assert not [p for p in (minimal_root / "content").rglob(".*") if p.is_file()]


# --------------------------------------------------------------------------- properties

value = st.one_of(st.none(), st.integers(0, 40).map(float))
release_months = st.lists(st.sampled_from(MONTHS[4:]), min_size=1, max_size=4, unique=True)


@st.composite
def releases(draw):
    """Up to four releases, each covering the three months up to its own month."""
    result = []
    for month in sorted(draw(release_months)):
        index = MONTHS.index(month)
        row = {m: draw(value) for m in MONTHS[index - 2 : index + 1]}
        row[month] = draw(st.integers(0, 40).map(float))
        result.append((month, row))
    return result


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=releases(), order=st.randoms(use_true_random=False))
def test_any_order_gives_the_same_content_and_keeps_every_value(tmp_path_factory, data, order):
    work = tmp_path_factory.mktemp("prop")
    files = [
        (
            wide_csv(work / f"{month}.csv", {"LAC6 (val)": row}),
            dt.date.fromisoformat(month + "-15"),
            month,
            row,
        )
        for month, row in data
    ]
    results = []
    for attempt in range(2):
        root = work / f"root{attempt}"
        shutil.copytree(FIXTURES / "minimal", root)
        sequence = list(files)
        if attempt:
            order.shuffle(sequence)
        for file, published, _, _ in sequence:
            before = observations(root)
            import_file(root, file, published)
            assert before <= observations(root), "no observation is ever lost"
        for file, published, _, _ in sequence:
            assert not importer.plan_import(root, file, published).changes_anything
        results.append(digest(root))
        held = observations(root)
        for _, _, month, row in files:
            for period, number in row.items():
                if number is not None:
                    assert ("lac6-val", period, number, month) in held
    assert results[0] == results[1]


def test_revisions_are_shown_on_the_indicator_and_release_pages(minimal_root, tmp_path):
    from .pages import page

    file = wide_csv(tmp_path / "may.csv", {"LAC6 (val)": {"2018-04": 3, "2018-05": 7}})
    import_file(minimal_root, file, dt.date(2018, 6, 20))
    out = tmp_path / "site"
    assert main(["build", "--root", str(minimal_root), "--out", str(out)]) == 0
    adoptions = page(out, "indicators/lac6-val")
    assert (
        "April 2018: first published as 2 in the Test Dataset – April 2018, "
        "revised to 3 in the Monthly dataset – May 2018" in adoptions.text
    )
    assert adoptions.row("May 2018")[:2] == ["May 2018", "7"]
    assert adoptions.row("April 2018")[:2] == ["April 2018", "3 (revised)"]
    download = (out / "indicators/data/lac6-val.csv").read_text().splitlines()
    assert "lac6-val,LAC6 (val),2018-04,2,2018-04,2018-05-30,revised" in download
    assert "lac6-val,LAC6 (val),2018-04,3,2018-05,2018-06-20,current" in download
    report = page(out, "releases/2018-05")
    assert (
        "April 2018: first published as 2 in the Test Dataset – April 2018, revised to 3 in "
        "this release" in report.text
    )
    assert "LAC6 (val): Number of adoptions: 7 in May 2018, +133% on 3 in April 2018" in report.text
    index = page(out, "releases")
    assert index.row("Monthly dataset – May 2018")[1:] == [
        "20 June 2018",
        "April 2018 to May 2018",
        "1",
        "1",
    ]


def test_an_xlsx_release_imports_through_the_command_line(minimal_root, tmp_path, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["", "Indicator", "Apr-18", "May-18", "% change from previous month"])
    sheet.append(["LAC6 (%)", "Percentage of adoptions", 0.182, 0.25, "37%"])
    for cell in sheet[2][2:4]:
        cell.number_format = "0.0%"
    file = tmp_path / "May 2018 dataset.xlsx"
    workbook.save(file)
    arguments = ["import-release", str(file), "--published", "2018-06-20"]
    assert main([*arguments, "--root", str(minimal_root)]) == 0
    assert (
        "2 values to add (1 for months not held before, 1 confirming a value already "
        "published, 0 revising one)" in capsys.readouterr().out
    )
    assert ("lac6-pct", "2018-05", 25.0, "2018-05") in observations(minimal_root)
    figures = (minimal_root / "content/indicators/published_figures.csv").read_text()
    assert "lac6-pct,2018-05,37,,,," in figures
    assert (minimal_root / "content/datasets/2018-05.xlsx").read_bytes() == file.read_bytes()
    assert (
        'file: "May 2018 dataset.xlsx"'
        in (minimal_root / "content/releases/2018-05.yml").read_text()
    )
