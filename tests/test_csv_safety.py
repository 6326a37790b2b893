"""Every CSV file the site publishes is safe to open in a spreadsheet: a text cell that
would run as a formula (starting =, +, -, @, a tab or a carriage return) is neutralised
with an apostrophe, and numbers, negative ones included, stay numbers."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import pipeline
from builder.render.charts import Charts
from builder.render.downloads import csv_text, spreadsheet_safe
from builder.render.outputs import OUTPUTS, Sources

HOSTILE = '=HYPERLINK("https://evil.example/","Click")'


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 23 8083 4000", "'+44 23 8083 4000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-", "-"),
        ("--", "'--"),
        ("-3", "-3"),
        ("-0.25", "-0.25"),
        ("+12.5", "+12.5"),
        ("1e+10", "1e+10"),
        ("1278", "1278"),
        ("Local", "Local"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_formulas_are_neutralised_and_numbers_kept(cell, safe):
    assert spreadsheet_safe(cell) == safe


def test_the_csv_writer_neutralises_every_cell():
    text = csv_text(["name", "value"], [[HOSTILE, "-3"], ["@x", "12"]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["name", "value"],
        ["'" + HOSTILE, "-3"],
        ["'@x", "12"],
    ]


def test_the_csv_writer_gives_each_cell_what_spreadsheet_safe_gives_it():
    """Rows are rewritten only where a distinct cell changes: every other cell, a number or
    text, a repeated cell or one alone, is written as it is."""
    cells = ["=1", "-3", "-", "--", "", "Local", "2018 APR", "\tx", "a,=b", "x\n=y", "@"]
    rows = [[cells[(i * 7 + j) % len(cells)] for j in range(5)] for i in range(40)]
    expected = [[spreadsheet_safe(cell) for cell in row] for row in [["=h", "v"], *rows]]
    assert list(csv.reader(io.StringIO(csv_text(["=h", "v"], rows)))) == expected
    safe_rows = [["-3", "-", "", "Local"], ["2018 APR", "a,=b", "-3", "x\n=y"]]
    assert list(csv.reader(io.StringIO(csv_text(["h"], safe_rows))))[1:] == safe_rows


def written_by_csv_writer(columns: list[str], rows: list[list[str]]) -> str:
    """What csv.writer makes of the table, each cell made spreadsheet-safe first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in [columns, *rows]])
    return out.getvalue()


CELLS = st.one_of(
    st.sampled_from(["", "-", "-3", "=1", "a,b", 'a"b', "a\nb", "a\rb", "\tx", "@", "2018 APR"]),
    st.text(alphabet=st.sampled_from("ab1 ,\"\n\r=+-@\t.'"), max_size=6),
)


@settings(max_examples=300)  # cheap: no build
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda width: st.tuples(
            st.lists(CELLS, min_size=width, max_size=width),
            st.lists(st.lists(CELLS, min_size=width, max_size=width), max_size=8),
        )
    )
)
def test_the_csv_writer_writes_what_csv_writer_writes(table):
    columns, rows = table
    assert csv_text(columns, rows) == written_by_csv_writer(columns, rows)


def hostile_root(root):
    """The minimal fixture with text fields written as formulas."""
    indicator = root / "content/indicators/lac6-val.yml"
    text = indicator.read_text(encoding="utf-8")
    text = text.replace("title: Number of adoptions", f"title: '{HOSTILE}'")
    text = text.replace("published_as: Local", "published_as: '@Local'")
    indicator.write_text(text, encoding="utf-8")
    release = root / "content/releases/2018-04.yml"
    release.write_text(
        release.read_text(encoding="utf-8").replace(
            "title: Test Dataset – April 2018", "title: '-Test Dataset'"
        ),
        encoding="utf-8",
    )
    return root


def published_csvs(root) -> dict[str, str]:
    """Every CSV file the site would publish, the zip's members included."""
    archive, analysis = pipeline.check(root)
    releases = {release.id: release for release in archive.releases}
    sources = Sources(archive, analysis, Charts(releases, analysis.as_of, None), root)
    found = {}
    for output in OUTPUTS:
        for address, make in output.files(sources):
            if address.path.endswith(".csv"):
                found[address.path] = make()
            elif address.path.endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(make())) as zipped:
                    for name in zipped.namelist():
                        if name.endswith(".csv"):
                            found[f"{address.path}/{name}"] = zipped.read(name).decode("utf-8")
    return found


NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def test_no_published_csv_holds_a_formula(minimal_root):
    csvs = published_csvs(hostile_root(minimal_root))
    names = {name.rsplit("/", 1)[-1] for name in csvs}
    assert {"data.csv", "benchmarks.csv", "targets.csv", "lac6-val.csv"} <= names
    neutralised = 0
    for name, text in csvs.items():
        if name.endswith("2018-04.csv"):
            continue  # the council's dataset, published byte for byte as it published it
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert (
                    not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
                    or cell == "-"
                    or NUMBER.fullmatch(cell)
                ), f"{name}: {cell!r}"
                neutralised += cell.startswith("'=HYPERLINK")
    assert neutralised >= 4  # data.csv, benchmarks.csv, targets.csv, the package's tables
