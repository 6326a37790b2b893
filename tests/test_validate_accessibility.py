"""The accessibility rules of authored text (``builder/validate/accessibility.py``): the
outline of headings, link text, images' alternative text, tables' captions, explained
abbreviations and the site's language. The catalogue (``tests/catalogue/content/``) shows
each rule's report as ``check`` prints it; these tests pin the rules' edges."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.accessibility import CONTENT_RULES, LANGUAGE
from builder.load import parse_yaml, split_front_matter
from builder.mkdocs_markup import repair
from builder.model import SiteConfig
from builder.render.crossrefs import Linker
from builder.validate.accessibility import (
    MARKDOWN_FIELDS,
    NOT_ABBREVIATIONS,
    VAGUE_LINK_TEXT,
    AuthoredText,
    _html_of,
    _may_link,
    check_site,
    check_text,
    term_text,
)

from .archives import markdown_text
from .conftest import REPOSITORY

MINUTES_LINE = 3  # the first line of the minutes in ``minutes_of``'s file


def minutes_of(text: str, top: int = 4) -> AuthoredText:
    """Minutes written under '|' in a meeting file, as the validate stage finds them."""
    indented = "".join(f"      {line}\n" if line else "\n" for line in text.split("\n"))
    source = parse_yaml(Path("m.yml"), f"items:\n  - minutes: |\n{indented}")
    return AuthoredText(source, ("items", 0, "minutes"), text, MINUTES_LINE, True, top, "minutes")


def problems(text: str, known: set[str] | None = None, top: int = 4) -> list[str]:
    return [e.message for e in check_text(minutes_of(text, top), known or set())]


def lines(text: str, known: set[str] | None = None) -> list[int | None]:
    return [e.line for e in check_text(minutes_of(text), known or set())]


# --------------------------------------------------------------------------- headings


def test_headings_continue_the_page_s_outline_one_level_at_a_time():
    assert problems("#### Placements\n\n##### Residential\n\n#### Costs\n\n##### Fees") == []
    assert problems("Text.\n\n#### Placements\n\nMore.") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("# Minutes", "level-1 heading"),
        ("#3 priority was placements", "level-1 heading"),
        ("- Placements\n\n    # Residential", "level-1 heading"),
        ("Minutes\n=======", "level-1 heading"),
        ("## Placements", "at level 2, above the page's own level-3 heading"),
        ("Placements\n----------", "at level 2, above"),
        ("##### Placements", "skipping a level below the page's own level-3 heading"),
        ("#### A\n\n###### B", "skipping a level below the level-4 heading before it"),
    ],
)
def test_a_heading_out_of_the_outline_is_refused(text, words):
    (message,) = problems(text)
    assert words in message


def test_each_fault_of_the_outline_is_reported_once():
    """A heading too high is judged as if written at the text's top level: the headings
    after it are not reported again."""
    assert len(problems("# Minutes\n\n##### Placements\n\n###### Costs")) == 1


def test_what_is_not_a_heading_is_not_taken_for_one():
    text = "\\#3 priority\n\n  # 3\n\n---\n\nA line\nthen text\n---\n\n```\n# code\n```"
    assert problems(text) == []


def test_the_top_level_is_the_field_s():
    assert problems("### Findings", top=3) == []
    assert problems("## Effect", top=2) == []
    assert problems("### Findings", top=4)
    assert MARKDOWN_FIELDS == {
        "summary": 3,
        "minutes": 4,
        "report.summary": 3,
        "report.detail": 3,
        "definition": 2,
    }


def test_every_markdown_field_the_templates_write_unescaped_is_checked():
    """An authored record's field a template writes as it is (not through ``plain``) is
    Markdown: each must be one the rules know."""
    templates = (REPOSITORY / "builder" / "templates").rglob("*.j2")
    raw = {
        f"{record}.{name}"
        for path in templates
        for record, name in re.findall(
            r"\{\{\s*(item|report|term)\.(\w+)\s*\}\}", path.read_text(encoding="utf-8")
        )
    }
    # An item's pages are a page range ("5-12"), not text; a release's highlight report
    # and a chair's term of office are not authored records.
    assert raw - {"item.pages", "report.indicators", "term.municipal_year"} == {
        "item.summary",
        "item.minutes",
        "report.summary",
        "report.detail",
        "term.definition",
    }


# --------------------------------------------------------------------------- links, images


@pytest.mark.parametrize("said", sorted(VAGUE_LINK_TEXT))
def test_link_text_that_says_nothing_alone_is_refused(said):
    (message,) = problems(f"See [{said.title()}.](https://www.example.gov.uk/a)", {"PDF"})
    assert "name what the link leads to" in message


def test_link_text_that_names_its_target_is_accepted_and_a_bare_address_too():
    text = (
        "[Minutes of 22 March 2018 (PDF)](https://www.example.gov.uk/m.pdf), "
        "<https://www.example.gov.uk/plan.pdf> and [the PDF of the plan][plan].\n\n"
        "[plan]: https://www.example.gov.uk/plan.pdf"
    )
    assert problems(text) == []


def test_a_link_without_text_is_refused_on_its_line():
    assert lines("Text.\n\n[](https://www.example.gov.uk/a)") == [MINUTES_LINE + 2]


def test_an_image_needs_alternative_text():
    assert lines("Text.\n\n![ ](https://www.example.gov.uk/chart.png)") == [MINUTES_LINE + 2]
    assert problems("![Referrals by month](https://www.example.gov.uk/chart.png)") == []


def test_html_is_left_to_the_rule_that_refuses_it():
    assert problems('<img src="https://www.example.gov.uk/chart.png">') == []


def test_a_reference_defined_in_one_text_is_not_known_in_the_next():
    assert problems("[The plan][plan].\n\n[plan]: https://www.example.gov.uk/plan.pdf") == []
    assert problems("[Here][plan] is the plan.") == []  # no definition: not a link


@given(st.text(alphabet="[]()<>!#|*_:-`\\\n hts/.@&;{}", max_size=60) | markdown_text())
def test_links_are_read_from_what_markdown_makes_of_each_text_alone(text):
    html = markdown.markdown(text, extensions=["tables", "attr_list", "def_list"])
    assert _html_of(text) == html
    if not _may_link(text):
        assert "<a" not in html and "<img" not in html


# --------------------------------------------------------------------------- tables

TABLE = "| Month | Children |\n| --- | --- |\n| April 2018 | 33 |"
CAPTION = "/// table-caption\nChildren in care by month\n///"


def test_a_table_needs_a_caption_right_after_it():
    assert problems(f"Text.\n\n{TABLE}\n\n{CAPTION}") == []
    assert problems(f"{TABLE}\n{CAPTION}") == []
    assert lines(f"Text.\n\n{TABLE}\n\nMore text.\n\n{CAPTION}") == [MINUTES_LINE + 2]
    (message,) = problems(f"{TABLE}\n\n/// table-caption\n///")
    assert "has no text or is not closed" in message
    (message,) = problems(f"{TABLE}\n\n/// table-caption\nChildren in care")
    assert "has no text or is not closed" in message


def test_what_markdown_does_not_make_a_table_needs_no_caption():
    assert problems("Text.\nA | B\n--- | ---") == []  # not at a paragraph's start
    assert problems("Text | with a pipe\n| --- |") == []  # two cells over one
    assert problems("A | B\n--- | ---")  # a table
    assert problems("| A |\n| --- |")  # a table of one column
    assert problems(f"```\n{TABLE}\n```") == []


# --------------------------------------------------------------------------- abbreviations


def test_an_abbreviation_must_be_explained():
    (message,) = problems("The Panel asked CAMHS, and CAMHS answered.")
    assert "'CAMHS' is not explained" in message
    assert problems("The Panel asked CAMHS.", {"CAMHS"}) == []


@pytest.mark.parametrize(
    "text",
    [
        "Child and Adolescent Mental Health Services (CAMHS) answered; CAMHS will report.",
        "CAMHS (Child and Adolescent Mental Health Services) answered.",
        "Children and Adolescent Mental Health Services' (CAMHS') answer.",
        "Not in Education, Employment or Training (NEET) figures; NEET fell.",
        "Southampton City Council (SCC) and SCC's plan.",
        "Universal Help Assessments (UHAs) rose.",
        "Multi-Agency Safeguarding Hub (MASH).",
    ],
)
def test_an_abbreviation_written_out_on_its_first_use_is_explained(text):
    assert problems(text) == []


def test_written_out_means_on_its_first_use_and_with_its_initials():
    assert problems("CAMHS answered. Child and Adolescent Mental Health Services (CAMHS).")
    assert problems("Southampton Council (SCC) answered.")


def test_plural_and_possessive_forms_are_the_abbreviation():
    assert problems("Two UHAs and the UHA's outcome.", {"UHA"}) == []
    (message,) = problems("Two UHAs.")
    assert "abbreviations: [UHA]" in message


@pytest.mark.parametrize(
    "text",
    [
        "LAC1, CP3-QL, NI147, SSDA903 and S47 rose; COVID-19 was noted.",
        "Appendices II, IV and XIV.",
        "COUNCILLOR O'NEILL IN THE CHAIR",
        "NOTE: the Panel RESOLVED that it had NOTED and AGREED the report.",
        "The Mixed forms DfE and CiN are not checked.",
        "`CAMHS` in code, https://www.example.gov.uk/CAMHS and cs@example.gov.uk.",
    ],
)
def test_codes_numerals_formats_and_words_in_capitals_are_not_abbreviations(text):
    assert problems(text) == []


def test_the_formats_and_units_left_out_are_those_the_pages_use():
    assert problems(" ".join(sorted(NOT_ABBREVIATIONS))) == []
    assert {"PDF", "CSV", "KB", "MB"} <= NOT_ABBREVIATIONS


def test_an_abbreviation_joined_to_a_word_is_still_one():
    assert problems("The SEND-related work.")


def test_each_abbreviation_is_reported_once_a_text_on_its_first_line():
    assert lines("Text.\n\nCAMHS answered.\n\nCAMHS again, and SEND.") == [
        MINUTES_LINE + 2,
        MINUTES_LINE + 4,
    ]


# --------------------------------------------------------------------------- where


def test_text_not_written_under_a_bar_is_reported_on_its_field_s_line():
    source = parse_yaml(Path("m.yml"), "items:\n  - minutes: >\n      # Folded\n")
    text = AuthoredText(source, ("items", 0, "minutes"), "# Folded\n", 2, False, 4, "minutes")
    (error,) = check_text(text, set())
    assert (error.line, error.field) == (2, "items[1].minutes")


def test_a_glossary_definition_is_reported_on_the_line_of_its_file():
    text = "---\nterm: Special Guardianship Order\nsource: Test\n---\n\n\nIntro.\n\n# Effect\n"
    source = split_front_matter(Path("glossary/sgo.md"), text)
    (error,) = check_text(term_text(source, None), set())  # type: ignore[arg-type]
    assert (str(error.path), error.line, error.field) == ("glossary/sgo.md", 9, "definition")


# --------------------------------------------------------------------------- the site


def site_of(text: str):
    source = parse_yaml(Path("site_config/site.yml"), text)
    return source, SiteConfig(**dict(source.data))


BASE_SITE = "site_name: A\ncouncil: B\ncommittee: C\ndescription: D\n"


def test_the_site_is_in_british_english():
    source, site = site_of(BASE_SITE)
    assert site.language == LANGUAGE == "en-GB"
    assert list(check_site(source, site, {})) == []
    source, site = site_of(BASE_SITE + "language: en\n")
    (error,) = check_site(source, site, {})
    assert (error.line, error.field) == (5, "language")


def test_the_site_s_abbreviations_are_abbreviations_with_an_expansion_of_their_own():
    source, site = site_of(
        BASE_SITE + "abbreviations:\n  NHS: National Health Service\n  DfE: Department for "
        "Education\n  Nhs: x\n  LAC: Looked After Child\n  SCC: S C C\n"
    )
    errors = list(check_site(source, site, {"LAC": "looked-after-child"}))
    assert [(e.line, e.field) for e in errors] == [
        (8, "abbreviations.Nhs"),
        (9, "abbreviations.LAC"),
        (10, "abbreviations.SCC"),
    ]


def test_the_site_s_abbreviations_are_explained_on_every_page(bundled_archive):
    """The bundled archive passes every rule (the fixture checks it), and explains the
    abbreviations of its site's list on every page."""
    archive, _ = bundled_archive
    definitions = Linker(archive).definitions()
    assert "*[SCC]: Southampton City Council\n" in definitions
    assert "*[LAC]: Looked After Child\n" in definitions  # the glossary's, as before


def test_every_page_says_it_is_in_british_english():
    page = '<!doctype html>\n<html lang="en" class="no-js">\n<head>'
    assert '<html lang="en-GB" class="no-js">' in repair(page)


def test_the_statement_and_the_guide_name_the_rules():
    guide = (REPOSITORY / "docs" / "guide" / "index.md").read_text(encoding="utf-8")
    assert "## Writing accessible text" in guide
    assert len(CONTENT_RULES) == 5
