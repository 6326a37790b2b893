"""The authoring guide and its field reference, generated from the model.

Every field of the model must be described in ``docs/guide/fields.yml`` and no line there
may name a field the model no longer has, so the reference can never lag the code. The
guide's pages (``docs/guide/``) are pages of every built site.
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

from builder import pipeline, reference, urls
from builder.model import AgendaItem, Exclusion, Meeting, RoleTerm
from builder.render.guide import GuidePage, guide_sources, guide_views, index_page
from builder.render.pages import guide_pages, template_environment
from builder.render.views import Link

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def descriptions() -> dict[str, str]:
    return reference.load_descriptions()


@pytest.fixture(scope="module")
def guide() -> dict[str, str]:
    """The guide's pages as the render stage writes them, by path."""
    return {page.path: page.text for page in guide_pages(template_environment())}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("guide")
    shutil.copytree(FIXTURES / "sample", folder / "root")
    pipeline.build(folder / "root", folder / "site")
    return folder / "site"


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
    assert reference.missing_descriptions(changed) == ["Exclusion.note"]
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
    assert reference.is_required(fields["date"])
    assert reference.default_words(fields["date"]) == "–"
    assert reference.default_words(fields["kind"]) == "`ordinary`"
    assert reference.default_words(fields["venue"]) == "none"
    assert reference.default_words(fields["present"]) == "none"
    assert reference.default_words(dataclasses.fields(Exclusion)[3]) == "false"


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
        assert descriptions[f"Meeting.{field.name}"] in row.replace("\\|", "|")
    assert "| `date` | The date of the meeting; the file is named after it. | required |" in section
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
