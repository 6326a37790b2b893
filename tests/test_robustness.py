"""Whatever an officer's files hold, the loaders and the dataset reader answer with a
result or with content errors (file, message), never with a traceback."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.dataset import read_dataset_problems
from builder.errors import ContentError, ContentErrors
from builder.load import load_content, parse_yaml, split_front_matter
from builder.validate import validate_content

from .conftest import FIXTURES

# Text built from what breaks files: YAML's punctuation, line breaks, quotes, tabs,
# control and non-ASCII characters, dates and numbers.
PIECES = st.sampled_from(
    [": ", "- ", "---", "\n", "  ", "\t", '"', "'", "[", "]", "{", "}", "*", "&", "!", "|",
     ">", "#", "%", "@", "`", "2019-02-30", "2019-01-24", "17:30", "1e9", "-3", "é", "£",
     "\x00", "\x0c", "\ufeff", "\r", "date", "items", "title", "number", "committee"]
)  # fmt: skip
HOSTILE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=30).map("".join)
FILE_BYTES = st.one_of(
    st.binary(max_size=200),
    HOSTILE_TEXT.map(lambda text: text.encode("utf-8")),
    HOSTILE_TEXT.map(lambda text: text.encode("utf-16")),
)
settings_for_files = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(HOSTILE_TEXT)
def test_yaml_text_parses_or_is_a_content_error(text):
    try:
        parse_yaml(Path("content/meetings/2019-01-24.yml"), text)
    except ContentError as error:
        assert error.path == Path("content/meetings/2019-01-24.yml")
        assert error.message


@given(HOSTILE_TEXT)
def test_front_matter_parses_or_is_a_content_error(text):
    try:
        split_front_matter(Path("glossary/term.md"), "---\n" + text + "\n---\nBody\n")
    except ContentError as error:
        assert error.message


@settings_for_files
@given(
    data=FILE_BYTES,
    relative=st.sampled_from(
        [
            "content/meetings/2019-01-24.yml",
            "content/people.yml",
            "content/indicators/lac6-val.yml",
            "content/indicators/observations.csv",
            "content/releases/2018-04.yml",
            "glossary/looked-after-child.md",
            "site_config/site.yml",
        ]
    ),
)
def test_any_bytes_in_a_content_file_give_an_archive_or_content_errors(tmp_path, data, relative):
    root = tmp_path / "root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(FIXTURES / "minimal", root)
    (root / relative).write_bytes(data)
    try:
        validate_content(load_content(root))
    except ContentErrors as errors:
        assert errors.errors
        assert all(str(error.path) for error in errors.errors)


CELLS = st.one_of(
    st.sampled_from(["Apr-18", "May 2018", "Mya 2018", "2018-13", "Indicator", "", "-", "n/a"]),
    st.sampled_from(["12", "45%", "1,234", "191.2%", "-3", "▲", "DoT", "12 month average"]),
    st.text(max_size=6),
)


@settings_for_files
@given(
    rows=st.lists(st.lists(CELLS, max_size=8), max_size=8),
    header=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_any_table_gives_a_dataset_or_content_errors(tmp_path, rows, header, encoding):
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(["Code", "Indicator", "Mar-18", "Apr-18", "May-18"])
    writer.writerows(rows)
    path = tmp_path / "dataset.csv"
    path.write_bytes(out.getvalue().encode(encoding, errors="replace"))
    dataset, errors = read_dataset_problems(path)
    assert errors or dataset.rows
    assert all(error.path == Path("dataset.csv") for error in errors)


@settings_for_files
@given(data=FILE_BYTES, suffix=st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_as_a_dataset_give_a_dataset_or_content_errors(tmp_path, data, suffix):
    path = tmp_path / f"dataset{suffix}"
    path.write_bytes(data)
    dataset, errors = read_dataset_problems(path)
    assert errors or dataset.rows
