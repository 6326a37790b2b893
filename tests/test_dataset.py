import datetime as dt
from pathlib import Path

import pytest

from builder.dataset import parse_direction, parse_month, parse_number, read_dataset
from builder.errors import ContentErrors

from .conftest import REPOSITORY


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1,234", 1234.0),
        ("45%", 45.0),
        ("45.0%", 45.0),
        (" 12 ", 12.0),
        ("-9%", -9.0),
        ("−3", -3.0),
        ("↑ 20%", 20.0),
        ("⇒ 0%", 0.0),
        ("1,234,567.5", 1234567.5),
        ("-", None),
        ("n/a", None),
        ("N/A", None),
        ("x", None),
        ("", None),
        ("   ", None),
    ],
)
def test_cells_as_councils_write_them(cell, value):
    assert parse_number(cell) == value


@pytest.mark.parametrize("cell", ["12a", "1,23", "about 5", "5 %%", "TBC", "1.2.3", "--5"])
def test_other_cells_are_errors(cell):
    with pytest.raises(ValueError):
        parse_number(cell)


@pytest.mark.parametrize(
    ("header", "month"),
    [
        ("Apr-18", "2018-04"),
        ("April 2018", "2018-04"),
        ("Apr 2018", "2018-04"),
        ("2018-04", "2018-04"),
        ("Sept-17", "2017-09"),
        ("sep 17", "2017-09"),
        (dt.datetime(2018, 4, 1), "2018-04"),
        ("Target 18-19", None),
        ("2018-13", None),
        ("Indicator", None),
        ("Mayday 18", None),
    ],
)
def test_month_headers(header, month):
    assert parse_month(header) == month


def test_directions_of_travel():
    assert parse_direction("▲") == "positive"
    assert parse_direction(" Similar ") == "similar"
    assert parse_direction("▼") == "negative"
    assert parse_direction("") is None
    with pytest.raises(ValueError):
        parse_direction("better")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_the_bundled_dataset_reads_in_full():
    dataset = read_dataset(REPOSITORY / "content" / "datasets" / "2018-04.csv")
    assert len(dataset.rows) == 58
    assert dataset.latest_month == "2018-04"
    assert len(dataset.months) == 13
    lac1 = next(row for row in dataset.rows if row.code == "LAC1")
    assert lac1.values["2018-04"] == 521
    assert lac1.figures == {
        "change_previous_month": 0.0,
        "change_previous_year": -5.0,
        "direction_of_travel": "negative",
        "average_12_months": 521.0,
        "max_12_months": 536.0,
    }


def test_windows_1252_with_a_pound_sign_and_several_tables(tmp_path):
    text = (
        "Children's dataset – £ figures\r\n"
        ",Indicator,Apr-18,May-18,Jun-18,DoT\r\n"
        "A1,First,1,2,3,▲\r\n"
        "\r\n"
        "Code,Indicator,Jun-18,May-18,Apr-18,Notes\r\n"
        "B1,Second,30,20,10,ok\r\n"
    )
    dataset = read_dataset(write(tmp_path / "d.csv", text.replace("▲", "positive"), "cp1252"))
    assert [(row.code, row.values) for row in dataset.rows] == [
        ("A1", {"2018-04": 1.0, "2018-05": 2.0, "2018-06": 3.0}),
        ("B1", {"2018-06": 30.0, "2018-05": 20.0, "2018-04": 10.0}),
    ]
    assert dataset.ignored_columns == ["Notes"]


def test_utf8_with_byte_order_mark(tmp_path):
    path = write(tmp_path / "d.csv", "\ufeffCode,Indicator,Apr-18,May-18,Jun-18\nA1,First,1,2,3\n")
    assert read_dataset(path).rows[0].code == "A1"


def test_every_bad_cell_is_reported_with_row_and_column(tmp_path):
    text = ",Indicator,Apr-18,May-18,Jun-18,DoT\nA1,First,1,two,3,▲\nA2,Second,1,2,3 apples,up\n"
    with pytest.raises(ContentErrors) as caught:
        read_dataset(write(tmp_path / "d.csv", text))
    assert [str(e) for e in caught.value.errors] == [
        "d.csv, line 2, field column 'May-18': expected a number, got 'two'",
        "d.csv, line 3, field column 'DoT': expected a direction of travel (▲, ▼, ◄►, positive, "
        "similar or negative), got 'up'",
        "d.csv, line 3, field column 'Jun-18': expected a number, got '3 apples'",
    ]


def test_a_file_without_month_headers_is_refused(tmp_path):
    with pytest.raises(ContentErrors) as caught:
        read_dataset(write(tmp_path / "d.csv", "Code,Indicator,Value\nA1,First,3\n"))
    [error] = caught.value.errors
    assert error.message.startswith("no table found: expected a header row with an 'Indicator'")


def test_xlsx_with_percentage_formats_and_dates_as_headers(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Code",
            "Indicator",
            dt.datetime(2018, 2, 1),
            dt.datetime(2018, 3, 1),
            dt.datetime(2018, 4, 1),
            "12 month average",
        ]
    )
    sheet.append(["P1", "A percentage", 0.207, 0.226, 0.149, 0.2])
    for cell in sheet[2][2:]:
        cell.number_format = "0.0%"
    sheet.append(["C1", "A count", 1278, "1,605", "-", None])
    path = tmp_path / "d.xlsx"
    workbook.save(path)
    rows = read_dataset(path).rows
    assert rows[0].values == {"2018-02": 20.7, "2018-03": 22.6, "2018-04": 14.9}
    assert rows[0].figures == {"average_12_months": 20.0}
    assert rows[1].values == {"2018-02": 1278.0, "2018-03": 1605.0}


@pytest.mark.parametrize(
    ("header", "suggestion"),
    [
        ("Mya 2018", "did you mean 'May 2018'?"),
        ("Febuary 2018", "did you mean 'February 2018'?"),
        ("Aprl-18", "did you mean 'April-18'?"),
        ("Sept-18x", "has 'x' after the year"),
        ("Apr-018", "its year has 3 digits"),
        ("2018-13", "months run from 01 to 12"),
    ],
)
def test_headers_that_look_like_months_but_are_not(header, suggestion):
    from builder.dataset import not_a_month

    assert suggestion in (not_a_month(header) or "")


@pytest.mark.parametrize(
    "header", ["Apr-18", "Target 18-19", "Target 17-18", "Mayday 18", "Indicator", "DoT", ""]
)
def test_months_and_other_headers_are_not_mistaken_for_misspelt_months(header):
    from builder.dataset import not_a_month

    assert not_a_month(header) is None
