import markdown
import pytest

from builder.load import load_content
from builder.model import GlossaryTerm, Indicator
from builder.render.crossrefs import Linker, indicators_using, names_term
from builder.urls import Address
from builder.validate import validate_content

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def archive():
    return validate_content(load_content(FIXTURES / "minimal"))


@pytest.fixture(scope="module")
def linker(archive):
    return Linker(archive)


def test_definitions_mark_up_every_abbreviation(linker):
    assert linker.definitions() == (
        "*[CLA]: Looked After Child\n\n"
        "*[LAC]: Looked After Child\n\n"
        "*[SGO]: Special Guardianship Order\n"
    )
    html = markdown.markdown("CLA, LAC and SGO.\n\n" + linker.definitions(), extensions=["abbr"])
    assert html == (
        '<p><abbr title="Looked After Child">CLA</abbr>, '
        '<abbr title="Looked After Child">LAC</abbr> and '
        '<abbr title="Special Guardianship Order">SGO</abbr>.</p>'
    )


def test_first_mention_links_to_the_glossary_relative_to_the_page(linker):
    text = "A LAC review. Another LAC.\n\nAn SGO."
    assert linker.link(text, Address("meetings/2019-01-24.md")) == (
        "A [LAC](../glossary/looked-after-child.md) review. Another LAC.\n\n"
        "An [SGO](../glossary/special-guardianship-order.md)."
    )
    assert linker.link("LAC", Address("index.md")) == "[LAC](glossary/looked-after-child.md)"


def test_one_link_per_entry_even_through_another_abbreviation(linker):
    assert (
        linker.link("CLA and LAC", Address("index.md"))
        == "[CLA](glossary/looked-after-child.md) and LAC"
    )


def test_a_mention_beside_a_link_to_the_same_page_is_not_linked_again(linker):
    """The glossary's "Looked After Child (LAC)": one link, not two Tab stops to one page
    side by side; a mention on the next line is still linked."""
    page = Address("glossary/index.md")
    text = "- [Looked After Child](looked-after-child.md) (LAC)\n- A LAC review."
    assert linker.link(text, page) == (
        "- [Looked After Child](looked-after-child.md) (LAC)\n"
        "- A [LAC](looked-after-child.md) review."
    )


def test_indicator_codes_link_longest_first(linker):
    text = "Minutes on LAC6 (val) and LAC6 (%) and LAC6."
    assert linker.link(text, Address("meetings/x.md")) == (
        "Minutes on [LAC6 (val)](../indicators/lac6-val.md) and "
        "[LAC6 (%)](../indicators/lac6-pct.md) and LAC6."
    )


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: LAC\n---",
        "# LAC heading",
        "```\nLAC in code\n```",
        "<p>LAC in raw HTML</p>",
        "A [link about LAC](somewhere.md)",
        "Some `LAC` code",
        "Escaped \\[LAC\\] stays",
        "Words like BLACK, LACE and LAC-style stay",
        '!!! note "LAC"',
    ],
)
def test_protected_text_is_left_alone(linker, text):
    result = linker.link(text, Address("index.md"))
    if text.startswith("Escaped"):
        assert result == "Escaped \\[[LAC](glossary/looked-after-child.md)\\] stays"
    else:
        assert result == text


def test_a_page_does_not_link_to_itself(linker):
    assert linker.link("LAC", Address("glossary/looked-after-child.md")) == "LAC"


def test_glossary_terms_list_the_indicators_that_use_them(bundled_archive):
    archive, _ = bundled_archive
    terms = {term.slug: term for term in archive.glossary}
    sgo = indicators_using(terms["special-guardianship-order"], archive)
    assert sorted(i.slug for i in sgo) == [
        "number-of-special-guardianship-orders-sgos-e43-e44",
        "percentage-of-special-guardianship-orders-sgos-e43-e44",
    ]
    uasc = indicators_using(terms["unaccompanied-asylum-seeking-child"], archive)
    assert sorted(i.code for i in uasc) == ["LAC13", "LAC14"]
    cp = indicators_using(terms["child-protection"], archive)
    assert "CP1" not in {i.code for i in cp}, "a code containing CP is not the abbreviation CP"


def _indicator(code: str, title: str) -> Indicator:
    return Indicator(
        code=code,
        title=title,
        service_area="-",
        unit="count",
        polarity="lower_is_better",
        polarity_reasoning="-",
        sources=["-"],
    )


@pytest.mark.parametrize(
    ("code", "title", "named"),
    [
        ("CP3", "Children subject to a Child Protection Plan", True),  # any case
        ("CP4", "Child protection plans started", True),  # the plural
        ("CP5", "Children subject to a CPP for two years", True),  # the abbreviation
        ("CP6", "Protection of children, plans", False),
        ("CP7", "Children with childprotection plans", False),  # not a word of its own
        ("CPP", "Children with a plan", True),  # the abbreviation as the code
        ("CPP1", "Children with a plan", False),
        ("CP8", "Children with a cpp", False),  # an abbreviation is in capitals
        # Not ASCII: the pattern decides, which takes a dotted capital I for an i (its
        # lower case is two letters, so comparing lower cases would miss it).
        ("CP9", "CHILD PROTECTİON PLAN reviews", True),
    ],
)
def test_a_term_is_named_by_its_name_in_any_case_or_its_abbreviation(code, title, named):
    term = GlossaryTerm(
        term="Child protection plan", definition="-", source="-", abbreviations=["CPP"]
    )
    assert names_term(_indicator(code, title), term) is named
