from pathlib import Path

import pytest

from builder.errors import ContentError
from builder.load import field_path, load_content, parse_yaml, split_front_matter


def test_line_of_finds_nested_values():
    text = "a: 1\nitems:\n  - title: x\n    decisions:\n      - text: y\n"
    source = parse_yaml(Path("m.yml"), text)
    assert source.line_of(("a",)) == 1
    assert source.line_of(("items", 0, "decisions", 0, "text")) == 5
    assert source.line_of(("items", 0, "missing")) == 3


def test_yaml_syntax_error_names_its_line():
    with pytest.raises(ContentError) as caught:
        parse_yaml(Path("m.yml"), "a: 1\nb: [unclosed\nc: 2\n")
    assert caught.value.line is not None and caught.value.line >= 2
    assert "not valid YAML" in caught.value.message


def test_duplicate_keys_are_errors():
    with pytest.raises(ContentError):
        parse_yaml(Path("m.yml"), "title: a\ntitle: b\n")


def test_front_matter_lines_count_from_the_file_start():
    text = "---\nterm: X\nsource: Y\n---\nThe body.\n"
    source = split_front_matter(Path("g.md"), text)
    assert source.data["term"] == "X"
    assert source.line_of(("source",)) == 3
    assert source.body == "The body."
    assert source.body_line == 5


def test_unclosed_front_matter_is_an_error():
    with pytest.raises(ContentError, match="not closed"):
        split_front_matter(Path("g.md"), "---\nterm: X\n")


def test_field_path_counts_entries_from_one():
    assert field_path(("items", 2, "decisions", 0, "text")) == "items[3].decisions[1].text"


def test_stray_files_are_reported(minimal_root):
    (minimal_root / "content" / "meetings" / "2019-02-01.yaml").write_text("date: x\n")
    files = load_content(minimal_root)
    assert any("unexpected file" in e.message for e in files.problems)


def test_csv_rows_with_the_wrong_number_of_cells(minimal_root):
    table = minimal_root / "content" / "indicators" / "observations.csv"
    table.write_text(table.read_text() + "lac6-val,2018-05,3\n")
    files = load_content(minimal_root)
    [problem] = files.problems
    assert problem.line == 28
    assert "expected 4 comma-separated cells" in problem.message
