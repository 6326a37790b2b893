import pickle
import shutil
from pathlib import Path

import pytest

from builder import load
from builder.errors import ContentError
from builder.load import (
    PARSE_CACHE,
    ParseCache,
    field_path,
    load_content,
    parse_yaml,
    split_front_matter,
)

from .test_fastyaml import difference


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


# --------------------------------------------------------------------------- parse cache

INDICATOR = "content/indicators/lac6-val.yml"


@pytest.fixture
def root(minimal_root: Path) -> Path:
    """The minimal fixture, without the cache a check of it in place may have left."""
    shutil.rmtree(minimal_root / "build", ignore_errors=True)
    return minimal_root


def parsed_files(root: Path, cache: bool = True) -> dict[str, object]:
    files = load_content(root, ParseCache(root / PARSE_CACHE) if cache else None)
    assert not files.problems
    sources = [
        files.site,
        files.people,
        *files.meetings,
        *files.indicators,
        *files.releases,
        *files.glossary,
    ]
    return {source.path.as_posix(): source.data for source in sources if source is not None}


def same_data(one: dict[str, object], other: dict[str, object]) -> bool:
    return list(one) == list(other) and all(
        difference(one[path], other[path], path) is None for path in one
    )


def not_parsed(*args):
    raise AssertionError("parsed instead of read from the cache")


def test_a_file_parsed_before_is_read_from_the_cache(root, monkeypatch):
    fresh = parsed_files(root)
    assert same_data(fresh, parsed_files(root, cache=False))
    assert (root / PARSE_CACHE / f"{INDICATOR}.pickle").is_file()
    assert (root / PARSE_CACHE / "glossary" / "looked-after-child.md.pickle").is_file()
    monkeypatch.setattr(load, "_parsed_yaml", not_parsed)
    assert same_data(parsed_files(root), fresh)


def test_a_changed_file_is_parsed_again(root, monkeypatch):
    parsed_files(root)
    indicator = root / INDICATOR
    indicator.write_text(indicator.read_text() + "\n# a comment\nchanged:\n  - Renamed.\n")
    again = parsed_files(root)
    assert again[INDICATOR]["changed"] == ["Renamed."]
    monkeypatch.setattr(load, "_parsed_yaml", not_parsed)  # its entry is the new text's
    assert same_data(parsed_files(root), again)


def test_entries_of_other_parsing_code_are_not_read(root, monkeypatch):
    parsed_files(root)
    monkeypatch.setattr(load, "_PARSING_CODE", b"another version of the parser")
    calls = []
    parse = load._parsed_yaml
    monkeypatch.setattr(load, "_parsed_yaml", lambda *args: calls.append(args) or parse(*args))
    parsed_files(root)
    assert len(calls) > 5


def test_a_file_with_a_problem_is_reported_with_its_line_every_time(root):
    meeting = root / "content" / "meetings" / "2019-01-24.yml"
    meeting.write_text(meeting.read_text() + "title: [unclosed\n")
    expected = len(meeting.read_text().splitlines())
    for _ in range(2):
        files = load_content(root, ParseCache(root / PARSE_CACHE))
        [problem] = files.problems
        assert (problem.path.name, problem.line) == ("2019-01-24.yml", expected)
    assert not (root / PARSE_CACHE / "content" / "meetings" / "2019-01-24.yml.pickle").exists()


ENTRIES = {
    "empty": lambda key: b"",
    "not a pickle": lambda key: key + b"not a pickle",
    "another text's": lambda key: load.parse_key("a: 1\n") + pickle.dumps({"a": 1}),
}


@pytest.mark.parametrize("kept", sorted(ENTRIES))
def test_an_entry_that_cannot_be_read_is_parsed_again_and_written_again(root, kept):
    fresh = parsed_files(root)
    key = load.parse_key((root / INDICATOR).read_text())
    (root / PARSE_CACHE / f"{INDICATOR}.pickle").write_bytes(ENTRIES[kept](key))
    assert same_data(parsed_files(root), fresh)
    found, data = ParseCache(root / PARSE_CACHE).data(Path(INDICATOR), key)
    assert found and difference(data, fresh[INDICATOR]) is None


def test_a_cache_that_cannot_be_written_changes_nothing(root):
    (root / "build").write_text("a file where the cache's folder would be")
    assert same_data(parsed_files(root), parsed_files(root, cache=False))


def test_the_entry_of_a_file_removed_is_removed_with_half_written_ones(root):
    parsed_files(root)
    term = PARSE_CACHE / "glossary" / "special-guardianship-order.md.pickle"
    assert (root / term).is_file()
    (root / PARSE_CACHE / "content" / "people.yml.pickle.99.tmp").write_bytes(b"stopped")
    entries = {p for p in (root / PARSE_CACHE).rglob("*") if p.is_file()}
    related = root / "glossary" / "looked-after-child.md"
    related.write_text(related.read_text().replace("special-guardianship-order", "x"))
    (root / "glossary" / "special-guardianship-order.md").unlink()
    load_content(root, ParseCache(root / PARSE_CACHE))
    left = {p for p in (root / PARSE_CACHE).rglob("*") if p.is_file()}
    assert left == entries - {
        root / term,
        root / PARSE_CACHE / "content" / "people.yml.pickle.99.tmp",
    }
