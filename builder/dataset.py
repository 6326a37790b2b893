"""Read a monthly dataset in the wide shape councils publish it.

One row per indicator, one column per month, then the figures printed beside the values
(% changes, direction of travel, 12-month average and maximum) and benchmark and target
columns; a file may hold several tables, each under its own header row. CSV (UTF-8 or
the Windows-1252 that Excel writes, with or without a byte-order mark) and XLSX are read.

Every cell that is neither a number nor one of the ways councils write "no value" is an
error naming the file, row, column and cell text; all of them are reported at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import ContentError, ContentErrors

NO_VALUE = {"", "-", "–", "—", "n/a", "na", "x", "..", ":", "*"}
NUMBER = re.compile(r"^[+\-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
ARROWS = "↑↓→←⇒⇐⇑⇓⬆⬇➡⬅↗↘"
MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
DIRECTIONS = {
    "positive": "positive",
    "▲": "positive",
    "similar": "similar",
    "◄►": "similar",
    "►": "similar",
    "◄": "similar",
    "•": "similar",
    "●": "similar",
    "=": "similar",
    "negative": "negative",
    "▼": "negative",
}

# Columns read for matching rows, and columns published for readers that are not imported.
CODE_HEADERS = {"", "code", "indicator code", "ref"}
TITLE_HEADERS = {"indicator", "indicator title", "title", "measure"}
KNOWN_OTHER_HEADERS = (
    "owner",
    "reporter",
    "outcome",
    "percentage",
    "stat",
    "england",
    "region",
    "target",
    "polarity",
    "unit",
)


@dataclass(frozen=True)
class DatasetRow:
    """One indicator's row: where it is, how it names the indicator, and what it says."""

    line: int
    code: str | None
    title: str | None
    values: dict[str, float]
    figures: dict[str, float | str]


@dataclass
class Dataset:
    path: Path
    sha256: str
    months: list[str] = field(default_factory=list)
    rows: list[DatasetRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def latest_month(self) -> str:
        return max(self.months)


# --------------------------------------------------------------------------- cells


def parse_number(text: str) -> float | None:
    """A number as councils write it ('1,234', '45%', '45.0%', ' 12 '), or None for no value.

    Raises ``ValueError`` for anything else.
    """
    cleaned = text.strip().strip(ARROWS).strip()
    if cleaned.lower() in NO_VALUE:
        return None
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
    if not NUMBER.match(cleaned):
        raise ValueError(text)
    return float(cleaned.replace(",", "").replace("−", "-"))


def parse_month(header: object) -> str | None:
    """'Apr-18', 'April 2018', 'Apr 2018', '2018-04' (or an Excel date) -> '2018-04'."""
    if isinstance(header, dt.datetime | dt.date):
        return f"{header.year:04d}-{header.month:02d}"
    text = str(header or "").strip()
    iso = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if iso and 1 <= int(iso.group(2)) <= 12:
        return text
    named = re.fullmatch(r"([A-Za-z]{3,9})\.?[\s\-/']*(\d{2}|\d{4})", text)
    if named and named.group(1).lower() in MONTH_NAMES:
        year = int(named.group(2))
        year = year + 2000 if year < 100 else year
        return f"{year:04d}-{MONTH_NAMES[named.group(1).lower()]:02d}"
    return None


def parse_direction(text: str) -> str | None:
    cleaned = " ".join(text.split()).lower()
    if cleaned in NO_VALUE:
        return None
    if cleaned in DIRECTIONS:
        return DIRECTIONS[cleaned]
    raise ValueError(text)


# --------------------------------------------------------------------------- files


def read_dataset(path: Path) -> Dataset:
    """Read and check a dataset file; raise ``ContentErrors`` listing every bad cell."""
    data = path.read_bytes()
    grid = _xlsx_grid(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_grid(data)
    dataset = Dataset(path=path, sha256=hashlib.sha256(data).hexdigest())
    errors = _read_tables(path, grid, dataset)
    if not dataset.rows and not errors:
        errors.append(
            ContentError(
                Path(path.name),
                "no table found: expected a header row with an 'Indicator' column and a column "
                "per month (headed e.g. Apr-18, April 2018 or 2018-04)",
            )
        )
    if errors:
        raise ContentErrors(errors)
    return dataset


def _csv_grid(data: bytes) -> list[list[object]]:
    text = _decode(data)
    return [list(row) for row in csv.reader(io.StringIO(text))]


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the Windows-1252 that Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def _xlsx_grid(path: Path) -> list[list[object]]:
    """Cell values of the first worksheet; percentage-formatted numbers as per cent."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        grid = []
        for row in sheet.iter_rows():
            values: list[object] = []
            for cell in row:
                value = cell.value
                if isinstance(value, int | float) and "%" in (cell.number_format or ""):
                    value = f"{value * 100:.10g}%"
                values.append(value)
            grid.append(values)
        return grid
    finally:
        workbook.close()


# --------------------------------------------------------------------------- tables


@dataclass
class _Columns:
    code: int | None = None
    title: int | None = None
    months: dict[int, str] = field(default_factory=dict)
    figures: dict[int, str] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)


def _read_tables(path: Path, grid: list[list[object]], dataset: Dataset) -> list[ContentError]:
    errors: list[ContentError] = []
    columns: _Columns | None = None
    for index, row in enumerate(grid):
        line = index + 1
        cells = ["" if cell is None else cell for cell in row]
        if _is_header(cells):
            columns = _header_columns(cells, dataset, errors, path, line)
            continue
        if columns is None or not any(str(cell).strip() for cell in cells):
            continue
        parsed = _data_row(path, line, cells, columns, errors)
        if parsed is not None:
            dataset.rows.append(parsed)
    return errors


def _is_header(cells: list[object]) -> bool:
    """A header row names months: three or more, or at least one beside an 'Indicator'."""
    months = sum(parse_month(cell) is not None for cell in cells)
    titled = any(" ".join(str(cell).split()).lower() in TITLE_HEADERS for cell in cells)
    return months >= 3 or (months >= 1 and titled)


def _header_columns(
    cells: list[object], dataset: Dataset, errors: list[ContentError], path: Path, line: int
) -> _Columns:
    columns = _Columns(headers=[str(cell).strip() for cell in cells])
    for position, cell in enumerate(cells):
        header = " ".join(str(cell).split())
        lowered = header.lower()
        month = parse_month(cell)
        if month:
            if month in columns.months.values():
                errors.append(_error(path, line, header, f"the month {month} appears twice"))
            columns.months[position] = month
        elif lowered in TITLE_HEADERS and columns.title is None:
            columns.title = position
        elif lowered in CODE_HEADERS and columns.code is None and columns.title is None:
            columns.code = position
        elif name := _figure_column(lowered):
            columns.figures[position] = name
        elif _is_unknown(lowered) and header not in dataset.ignored_columns:
            dataset.ignored_columns.append(header)
    if columns.title is None:
        errors.append(_error(path, line, None, "the header row has no 'Indicator' column"))
    for month in columns.months.values():
        if month not in dataset.months:
            dataset.months.append(month)
    return columns


def _is_unknown(lowered: str) -> bool:
    return bool(lowered) and not any(word in lowered for word in KNOWN_OTHER_HEADERS)


def _figure_column(lowered: str) -> str | None:
    """Which printed figure a header names, if any ('12-mnth max value' -> max_12_months)."""
    if lowered in ("dot", "direction of travel"):
        return "direction_of_travel"
    if "previous month" in lowered or "prev. month" in lowered:
        return "change_previous_month"
    if "same month" in lowered or "prev. yr" in lowered or "previous year" in lowered:
        return "change_previous_year"
    if "average" in lowered:
        return "average_12_months"
    if "max" in lowered:
        return "max_12_months"
    return None


def _data_row(
    path: Path, line: int, cells: list[object], columns: _Columns, errors: list[ContentError]
) -> DatasetRow | None:
    def cell(position: int | None) -> str:
        if position is None or position >= len(cells):
            return ""
        return str(cells[position]).strip()

    code = " ".join(cell(columns.code).split()) or None
    title = " ".join(cell(columns.title).split()) or None
    values: dict[str, float] = {}
    figures: dict[str, float | str] = {}
    problems = len(errors)
    for position, month in columns.months.items():
        try:
            value = parse_number(cell(position))
        except ValueError:
            errors.append(_bad_cell(path, line, columns, position, cell(position), "a number"))
            continue
        if value is not None:
            values[month] = value
    for position, name in columns.figures.items():
        try:
            parsed = (
                parse_direction(cell(position))
                if name == "direction_of_travel"
                else parse_number(cell(position))
            )
        except ValueError:
            expected = (
                "a direction of travel (▲, ▼, ◄►, positive, similar or negative)"
                if name == "direction_of_travel"
                else "a number"
            )
            errors.append(_bad_cell(path, line, columns, position, cell(position), expected))
            continue
        if parsed is not None:
            figures[name] = parsed
    if code is None and title is None:
        if values or figures:
            errors.append(_error(path, line, None, "this row has values but no code or title"))
        return None
    if len(errors) > problems:
        return None
    return DatasetRow(line=line, code=code, title=title, values=values, figures=figures)


def _bad_cell(
    path: Path, line: int, columns: _Columns, position: int, text: str, expected: str
) -> ContentError:
    header = columns.headers[position] if position < len(columns.headers) else ""
    return _error(path, line, header, f"expected {expected}, got {text!r}")


def _error(path: Path, line: int, header: str | None, message: str) -> ContentError:
    column = f"column '{header}'" if header else None
    return ContentError(Path(path.name), message, line=line, field=column)
