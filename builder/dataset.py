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
import difflib
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import MAX_FILE_BYTES, ContentError, ContentErrors, size_problem

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
    """One indicator's row: where it is, how it names the indicator, and what it says;
    ``headers`` gives the header of each month's column, to name it in a message."""

    line: int
    code: str | None
    title: str | None
    values: dict[str, float]
    figures: dict[str, float | str]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Dataset:
    path: Path
    sha256: str
    months: list[str] = field(default_factory=list)
    rows: list[DatasetRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # of a workbook: the first one is read

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


# A header written like a month ('Mya 2018', 'Sept-18x', 'Apr-018', '2018-13').
_MONTH_LIKE = re.compile(r"([A-Za-z]{3,9})\.?[\s\-/']*(\d{2,4})(\S*)")
_ISO_LIKE = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_EXAMPLES = "month columns are headed like Apr-18, April 2018 or 2018-04"


def not_a_month(header: object) -> str | None:
    """Why a header that looks like a month is not one, with a suggestion; None for a
    month or for a header that does not look like one ('Target 18-19', 'Indicator')."""
    text = " ".join(str(header or "").split())
    if not text or parse_month(text) is not None:
        return None
    if _ISO_LIKE.fullmatch(text):
        return f"{text!r} is not a month (months run from 01 to 12): {_MONTH_EXAMPLES}"
    match = _MONTH_LIKE.fullmatch(text)
    if match is None:
        return None
    word, year, rest = match.group(1), match.group(2), match.group(3)
    name = word.lower()
    if name in MONTH_NAMES:
        if rest:
            return (
                f"{text!r} looks like a month but has {rest!r} after the year: delete it; "
                f"{_MONTH_EXAMPLES}"
            )
        return f"{text!r} looks like a month but its year has {len(year)} digits: {_MONTH_EXAMPLES}"
    guess = _month_name_like(name)
    if guess is None:
        return None
    suggestion = guess.capitalize() + text[len(word) :]
    return f"{text!r} is not a month (did you mean {suggestion!r}?): {_MONTH_EXAMPLES}"


def _month_name_like(word: str) -> str | None:
    """The month name ``word`` is a slip of: its letters swapped round, or one letter off."""
    for name in MONTH_NAMES:
        if len(word) == len(name) and sorted(word) == sorted(name):
            return name
    close = difflib.get_close_matches(word, list(MONTH_NAMES), n=1, cutoff=0.8)
    return close[0] if close else None


def parse_direction(text: str) -> str | None:
    cleaned = " ".join(text.split()).lower()
    if cleaned in NO_VALUE:
        return None
    if cleaned in DIRECTIONS:
        return DIRECTIONS[cleaned]
    raise ValueError(text)


# --------------------------------------------------------------------------- files


XLSX_SUFFIXES = (".xlsx", ".xlsm")
_NO_TABLE = (
    "no table found: expected a header row with an 'Indicator' column and a column per month "
    "(headed e.g. Apr-18, April 2018 or 2018-04); is this the monthly dataset?"
)


def read_dataset(path: Path) -> Dataset:
    """Read and check a dataset file; raise ``ContentErrors`` listing every bad cell."""
    dataset, errors = read_dataset_problems(path)
    if errors:
        raise ContentErrors(errors)
    return dataset


def read_dataset_problems(path: Path) -> tuple[Dataset, list[ContentError]]:
    """The dataset as far as it can be read, and every problem found in it."""
    name = Path(path.name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Dataset(path=path, sha256=""), [ContentError(name, size_problem(size))]
    data = path.read_bytes()
    dataset = Dataset(path=path, sha256=hashlib.sha256(data).hexdigest())
    if not data.strip():
        return dataset, [
            ContentError(name, "the file is empty: export the dataset again from the spreadsheet")
        ]
    try:
        if path.suffix.lower() in XLSX_SUFFIXES:
            grid = _xlsx_grid(path, dataset.sheets)
        else:
            grid = _csv_grid(data, name)
    except ContentError as error:
        return dataset, [error]
    errors = _read_tables(path, grid, dataset)
    if not dataset.rows and not errors:
        errors.append(ContentError(name, _NO_TABLE + _sheet_hint(dataset.sheets)))
    return dataset, errors


def _sheet_hint(sheets: list[str]) -> str:
    if len(sheets) < 2:
        return ""
    return (
        f" Only the first sheet of a workbook is read, here {sheets[0]!r} of "
        f"{len(sheets)} sheets: move the dataset's sheet first, or save it as CSV."
    )


def _csv_grid(data: bytes, name: Path = Path("dataset.csv")) -> list[list[object]]:
    text = _decode(data)
    if text is None or "\x00" in text:
        raise ContentError(
            name,
            "the file is not text: expected a CSV file (saved from the spreadsheet as 'CSV "
            "UTF-8') or an Excel workbook named .xlsx",
        )
    try:
        return [list(row) for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise ContentError(
            name, f"the file cannot be read as CSV ({exc}): save it from the spreadsheet again"
        ) from None


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), else the Windows-1252 that Excel writes; else None."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252", errors="strict")
    except UnicodeDecodeError:
        return None


def _xlsx_grid(path: Path, sheets: list[str]) -> list[list[object]]:
    """Cell values of the first worksheet (the names of every sheet go in ``sheets``);
    percentage-formatted numbers as per cent."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheets.extend(sheet.title for sheet in workbook.worksheets)
            if not workbook.worksheets:
                raise ContentError(Path(path.name), _NO_TABLE)
            return [
                [_xlsx_value(cell) for cell in row] for row in workbook.worksheets[0].iter_rows()
            ]
        finally:
            workbook.close()
    except ContentError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error for a broken workbook
        raise ContentError(
            Path(path.name),
            "the file is not a readable Excel workbook: open it in the spreadsheet and save it "
            "again as .xlsx, or save the sheet as CSV",
        ) from exc


def _xlsx_value(cell: object) -> object:
    """A cell's value; a number under a percentage format (0.207 shown as 20.7%) in per cent."""
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", None) or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return f"{value * 100:.10g}%"
    return value


# --------------------------------------------------------------------------- tables


@dataclass
class _Columns:
    line: int = 0
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
        width = _width_problem(cells, columns)
        if width is not None:
            errors.append(_error(path, line, None, width))
            continue
        parsed = _data_row(path, line, cells, columns, errors)
        if parsed is not None:
            dataset.rows.append(parsed)
    return errors


def _width_problem(cells: list[object], columns: _Columns) -> str | None:
    """A row cut off part-way, or with more cells than its header has columns."""
    width, header = len(cells), len(columns.headers)
    if width < header:
        return (
            f"this row has {width} cells but the header on row {columns.line} has {header} "
            f"columns: the row looks cut off after column {column_letter(width - 1)}; check "
            "that the file was saved or copied completely, and export it again"
        )
    if width > header and any(str(cell).strip() for cell in cells[header:]):
        return (
            f"this row has {width} cells but the header on row {columns.line} has {header} "
            f"columns: a value may hold a comma (write 1,234 in quotes, or as 1234) or a "
            "column has no header"
        )
    return None


def column_letter(position: int) -> str:
    """The spreadsheet's name of a column counted from 0: 0 -> A, 26 -> AA."""
    letters = ""
    number = position + 1
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _is_header(cells: list[object]) -> bool:
    """A header row names months: three or more, or at least one beside an 'Indicator'."""
    months = sum(parse_month(cell) is not None for cell in cells)
    titled = any(" ".join(str(cell).split()).lower() in TITLE_HEADERS for cell in cells)
    return months >= 3 or (months >= 1 and titled)


def _header_columns(
    cells: list[object], dataset: Dataset, errors: list[ContentError], path: Path, line: int
) -> _Columns:
    columns = _Columns(line=line, headers=[str(cell).strip() for cell in cells])
    for position, cell in enumerate(cells):
        header = " ".join(str(cell).split())
        lowered = header.lower()
        month = parse_month(cell)
        if month:
            first = next((p for p, m in columns.months.items() if m == month), None)
            if first is not None:
                errors.append(
                    _error(
                        path,
                        line,
                        header,
                        f"two columns are headed with the month {month}: column "
                        f"{column_letter(first)} ({columns.headers[first]!r}) and column "
                        f"{column_letter(position)}; delete one, or correct its header",
                    )
                )
                continue
            columns.months[position] = month
        elif (problem := not_a_month(cell)) is not None:
            errors.append(_error(path, line, header, problem))
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
    headers = {month: columns.headers[position] for position, month in columns.months.items()}
    return DatasetRow(
        line=line, code=code, title=title, values=values, figures=figures, headers=headers
    )


def _bad_cell(
    path: Path, line: int, columns: _Columns, position: int, text: str, expected: str
) -> ContentError:
    header = columns.headers[position] if position < len(columns.headers) else ""
    return _error(path, line, header, f"expected {expected}, got {text!r}")


def _error(path: Path, line: int, header: str | None, message: str) -> ContentError:
    column = f"column '{header}'" if header else None
    return ContentError(Path(path.name), message, line=line, field=column)
