"""The authoring guide and its field reference, generated from the model.

Every field of the model must be described in ``docs/guide/fields.yml`` and no line there
may name a field the model no longer has, so the reference can never lag the code. The
guide's pages (``docs/guide/``) are pages of every built site. The messages officers read
when a file is wrong use their words: no 'None', no Python type, a hint for YAML slips.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
import shutil
from pathlib import Path
from typing import Literal

import pytest
from pydantic import ValidationError

from builder import reference, urls
from builder.errors import ContentError
from builder.load import parse_yaml, yaml_hint
from builder.model import AgendaItem, Attendee, Decision, Exclusion, Meeting, Officer, RoleTerm
from builder.render.guide import GuidePage, guide_sources, guide_views, index_page
from builder.render.pages import guide_pages, template_environment
from builder.render.views import Link
from builder.validate.fields import adapter, problem_message, record


@pytest.fixture(scope="module")
def descriptions() -> dict[str, str]:
    return reference.load_descriptions()


@pytest.fixture(scope="module")
def guide() -> dict[str, str]:
    """The guide's pages as the render stage writes them, by path."""
    return {page.path: page.text for page in guide_pages(template_environment())}


# --------------------------------------------------------------------------- descriptions


def test_every_field_of_the_model_is_described(descriptions):
    missing = reference.missing_descriptions(descriptions)
    assert missing == [], (
        f"describe these in {reference.FIELDS_FILE.relative_to(reference.GUIDE.parent.parent)}"
        f", one line each: {', '.join(missing)}"
    )


def test_no_description_names_a_field_that_no_longer_exists(descriptions):
    assert reference.unknown_descriptions(descriptions) == []


def test_a_missing_and_a_stale_description_are_both_found(descriptions):
    changed = dict(descriptions)
    del changed["Exclusion.note"]
    changed["Meeting.chiar"] = "A field that was renamed."
    before = set(reference.missing_descriptions(descriptions))
    assert set(reference.missing_descriptions(changed)) - before == {"Exclusion.note"}
    assert reference.unknown_descriptions(changed) == ["Meeting.chiar"]


@pytest.mark.parametrize("record, name", [(Exclusion, "note"), (RoleTerm, "source")])
def test_fields_once_found_only_through_error_messages_are_described(descriptions, record, name):
    assert f"{record.__name__}.{name}" in descriptions
    assert len(descriptions[f"{record.__name__}.{name}"]) > 20


def test_every_record_reachable_from_the_files_is_described():
    names = {cls.__name__ for cls in reference.records()}
    assert {"Meeting", "AgendaItem", "Decision", "StatusEvent", "ItemRef"} <= names
    assert {"Exclusion", "RoleTerm", "Observation", "PublishedFigures", "SiteConfig"} <= names
    assert len(reference.records()) == len(names)


# --------------------------------------------------------------------------- officer words


@pytest.mark.parametrize(
    "annotation, words",
    [
        (str, "text"),
        (dt.date | None, "date written YYYY-MM-DD"),
        (int, "whole number"),
        (bool, "true or false"),
        (Literal["held", "cancelled"], "one of `held`, `cancelled`"),
        (list[str], "a list of text entries"),
        (list[dt.date], "a list of dates written YYYY-MM-DD"),
        (dict[str, str], "a set of lines, each `name: text`"),
        (Exclusion | None, "a set of fields"),
        (list[AgendaItem], "a list of sets of fields"),
    ],
)
def test_types_are_said_in_officer_words(annotation, words):
    assert reference.field_type(annotation).words == words


def test_a_record_type_names_the_record_it_holds():
    assert reference.field_type(list[AgendaItem]).record is AgendaItem
    assert reference.record_title(AgendaItem) == "Agenda item"


def test_a_type_without_words_is_a_fault_for_the_developer():
    with pytest.raises(TypeError, match="no words"):
        reference.field_type(complex)


def test_required_fields_and_defaults():
    fields = {field.name: field for field in dataclasses.fields(Meeting)}
    assert reference.is_required(fields["committee"])
    assert reference.default_words(fields["committee"]) == "–"
    assert reference.default_words(fields["kind"]) == "`ordinary`"
    assert reference.default_words(fields["venue"]) == "none"
    assert reference.default_words(fields["present"]) == "none"
    not_needed = next(f for f in dataclasses.fields(Exclusion) if f.name == "not_needed")
    assert reference.default_words(not_needed) == "false"


# --------------------------------------------------------------------------- the reference page


def _section(text: str, title: str) -> str:
    """The Markdown of one record's section of the reference."""
    anchor = urls.guide_record(title).anchor
    start = text.index(f"## {title} {{ #{anchor} }}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_the_reference_lists_every_field_of_meeting(guide, descriptions):
    text = guide[urls.guide_reference().path]
    section = _section(text, "Meeting")
    for field in dataclasses.fields(Meeting):
        row = next(line for line in section.splitlines() if line.startswith(f"| `{field.name}` |"))
        description = descriptions.get(f"Meeting.{field.name}")
        assert description and description in row.replace("\\|", "|"), field.name
    assert "| `committee` | The committee's name as the agenda prints it. | required |" in section
    assert "[Agenda item](#agenda-item)" in section


def test_the_reference_has_a_section_for_every_record_and_row_for_every_field(guide):
    text = guide[urls.guide_reference().path]
    for cls in reference.records():
        section = _section(text, reference.record_title(cls))
        rows = [line for line in section.splitlines() if line.startswith("| `")]
        assert len(rows) == len(dataclasses.fields(cls)), cls.__name__


def test_the_reference_says_where_a_nested_record_is_written(guide):
    section = _section(guide[urls.guide_reference().path], "Exclusion")
    assert "Written under `exclusion` in [Agenda item](#agenda-item)." in section
    assert "| `note` |" in section
    columns = _section(guide[urls.guide_reference().path], "Observation")
    assert "| Column | What it holds |" in columns


def test_the_reference_uses_no_python_words(guide):
    text = guide[urls.guide_reference().path]
    for word in ("None", "NoneType", "str", "int", "float", "bool", "dict", "Literal", "<class"):
        assert not re.search(rf"\b{word}\b", text), word
    assert "Not described yet" not in text


# --------------------------------------------------------------------------- the guide's pages


def test_the_index_lists_every_page_of_the_patterns_folder():
    index = next(v for v in guide_views() if v.address == urls.guide_index())
    assert isinstance(index, GuidePage)
    files = sorted((reference.GUIDE / "patterns").glob("*.md"))
    assert len(files) >= 5
    assert [link.address for link in index.patterns] == [
        urls.guide_page(f"patterns/{path.name}") for path in files
    ]
    assert "patterns/)" not in index.before + index.after  # the folder link is replaced


def test_a_new_pattern_page_is_listed_without_editing_the_index(tmp_path):
    shutil.copytree(reference.GUIDE, tmp_path / "guide")
    (tmp_path / "guide" / "patterns" / "zz-new.md").write_text("# A new group\n\nText.\n")
    (tmp_path / "guide" / "patterns" / "untitled-page.md").write_text("No heading.\n")
    index = next(v for v in guide_views(tmp_path / "guide") if v.address == urls.guide_index())
    assert isinstance(index, GuidePage)
    titles = {link.text: link.address for link in index.patterns}
    assert titles["A new group"] == urls.guide_page("patterns/zz-new.md")
    assert titles["Untitled page"] == urls.guide_page("patterns/untitled-page.md")


def test_an_index_without_the_marker_lines_lists_the_patterns_at_its_end():
    link = Link("Meetings", urls.guide_page("patterns/meetings.md"))
    page = index_page(urls.guide_index(), "# Guide\n\nText.\n", [link])
    assert page.before == "# Guide\n\nText.\n\n" and page.patterns == [link] and page.after == ""


def test_a_guide_file_cannot_hide_the_generated_reference(tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "reference.md").write_text("# Mine\n")
    with pytest.raises(ValueError, match="hide the generated field reference"):
        list(guide_views(tmp_path))


def test_the_guide_pages_are_written_as_the_files_say(guide):
    for path in guide_sources():
        if path.name != "index.md":
            address = urls.guide_page(path.relative_to(reference.GUIDE).as_posix())
            assert guide[address.path] == path.read_text(encoding="utf-8")


def test_the_guide_links_only_to_its_own_pages():
    """Links in the guide's files resolve in every built site: to pages of the guide or
    to the generated reference, never to the archive's pages or the repository's files."""
    pages = {urls.guide_reference().path} | {_address(path).path for path in guide_sources()}
    for path in guide_sources():
        folder = posixpath.dirname(_address(path).path)
        for target in re.findall(r"\]\(([^)\s]+)\)", _without_code(path.read_text("utf-8"))):
            if target.startswith(("https://", "#")) or target == "patterns/":
                continue
            resolved = posixpath.normpath(posixpath.join(folder, target.split("#")[0]))
            assert resolved in pages, f"{path.name}: {target}"


def _without_code(markdown: str) -> str:
    """Markdown without its code blocks and inline code, where links are not links."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", markdown, flags=re.DOTALL))


def _address(path: Path) -> urls.Address:
    return urls.guide_page(path.relative_to(reference.GUIDE).as_posix())


def test_the_guide_pages_are_in_the_built_sample_site(sample_site):
    for path in guide_sources():
        address = urls.guide_page(path.relative_to(reference.GUIDE).as_posix())
        page = sample_site / address.web_path / "index.html"
        assert page.is_file(), address.web_path
    reference_page = (sample_site / urls.guide_reference().web_path / "index.html").read_text()
    assert 'id="agenda-item"' in reference_page
    index = (sample_site / urls.guide_index().web_path / "index.html").read_text()
    assert 'href="patterns/meetings/"' in index and 'href="reference/"' in index


def test_the_home_page_links_to_the_guide(sample_site):
    home = (sample_site / "index.html").read_text()
    assert 'For council officers: <a href="guide/">how this archive is written</a>' in home


# --------------------------------------------------------------------------- messages


BAD_VALUES = [None, True, False, 1.5, [], ["x"], {}, {"The panel": "agreed"}, "2018-13-01"]
PYTHON_WORDS = re.compile(r"\b(None|True|False|NoneType|dict|str|int|float|Input should)\b|<")


def _messages_for(cls: type, name: str, value) -> list[str]:
    try:
        adapter(cls).validate_python({name: value})
    except ValidationError as exc:
        return [problem_message(p, cls) for p in exc.errors() if p["loc"][:1] == (name,)]
    return []


@pytest.mark.parametrize("cls", reference.records(), ids=lambda cls: cls.__name__)
def test_no_message_about_a_field_prints_python(cls):
    """Every field of every record, given each kind of wrong value: the message says what
    was expected and what was found in an officer's words."""
    for field in dataclasses.fields(cls):
        for value in BAD_VALUES:
            for message in _messages_for(cls, field.name, value):
                assert not PYTHON_WORDS.search(message), (field.name, value, message)
                assert message.startswith(("expected", "unknown field", "this field")), message


def _check(text: str, cls: type = Attendee) -> list[str]:
    errors: list = []
    record(parse_yaml(Path("content/meetings/2024-05-23.yml"), text), cls, errors)
    return [str(error) for error in errors]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "name: true\n",
            "expected text, got true: text that looks like a number, a date or "
            'true/false must be in quotes, e.g. "1."',
        ),
        ("name: [Draft]\n", "expected text, got a list: text starting with '[' must be in quotes"),
        ("name: !important Jo\n", "got '!important Jo': text starting with '!' must be in quotes"),
    ],
)
def test_messages_about_values_speak_to_officers(text, expected):
    if "kind" not in text:
        text = "kind: officer\n" + text
    (message,) = _check(text)
    assert expected in message


def test_a_colon_in_a_list_entry_is_shown_as_written_with_a_quoting_hint():
    (message,) = _check("title: Item\nnotes:\n  - The panel: agreed\n", AgendaItem)
    assert message == (
        "content/meetings/2024-05-23.yml, line 3, field notes[1]: expected text, got "
        "'The panel: agreed', read as a field: put the text in quotes: text containing ': ' (a "
        "colon and a space) or starting with '{' must be in quotes"
    )


def test_a_list_where_a_set_of_lines_is_expected():
    text = "committee: C\ndate: 2024-05-23\nstatus: held\nsources: [a]\nspellings: [a]\n"
    (message,) = _check(text, Meeting)
    assert message.endswith("expected a set of 'name: text' lines, one per line, got a list")


def test_a_label_read_as_a_number_says_to_quote_it():
    (message,) = _check("text: That the report be noted.\nlabel: 1.\n", Decision)
    assert "field label: expected text, got 1.0: text that looks like a number" in message


@pytest.mark.parametrize(
    "text, line, hint",
    [
        ("title: Minute 9: the panel agreed\n", 1, "put the whole text in quotes"),
        ("minutes: The panel noted\n  - the increase: 5\n", 2, "write it on the lines under"),
        ("title: *important\n", 1, "text starting with '*' must be in quotes"),
        ("title: @someone\n", 1, "text starting with '@' or '`' must be in quotes"),
        ('title: "Hello" world\n', 1, "must be wholly in quotes"),
        ("title: [Draft] report\n", 1, "must be wholly in quotes"),
        ('title: "Hello world\nvenue: Room 1\n', 1, "a quote opened on this line is never closed"),
        ("apologies: [a, b\nvenue: Room 1\n", 1, "one entry per line"),
        ("items:\n\t- title: x\n", 2, "indent with spaces, not tabs"),
        ("items:\n  - title: x\n   number: 3\n", 3, "check the indentation"),
        ("title: x\ntitle: y\n", 2, "write each field once in a record"),
        ("minutes: | The panel\n", 1, "the text starts on the next line"),
    ],
)
def test_yaml_slips_say_how_to_mend_them(text, line, hint):
    with pytest.raises(ContentError) as caught:
        parse_yaml(Path("content/meetings/2024-05-23.yml"), text)
    assert caught.value.line == line
    assert caught.value.message.startswith("not valid YAML: ")
    assert hint in caught.value.message


def test_an_unknown_yaml_problem_keeps_its_own_words():
    assert yaml_hint("something new") == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "id: jo\nkind: officer\nname:\n",
            "field name: expected text, got nothing (the field is empty)",
        ),
        (
            "id: jo\nname: Jo\nkind:\n",
            "field kind: expected one of 'officer', 'cabinet_member', "
            "'councillor' or 'guest', got nothing (the field is empty)",
        ),
    ],
)
def test_an_empty_required_field_says_it_is_empty(text, expected):
    (message,) = _check(text, Officer)
    assert expected in message
