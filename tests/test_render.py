import datetime as dt
import os
from pathlib import Path

import pytest

from builder.analyse import analyse
from builder.load import load_content
from builder.render.format import format_change, format_period, format_time, plain
from builder.render.pages import site_pages, template_environment
from builder.render.views import meetings_by_year
from builder.validate import validate_content

from .conftest import FIXTURES, TESTS

GOLDEN = TESTS / "golden"


@pytest.fixture(scope="module")
def fixture_pages():
    archive = validate_content(load_content(FIXTURES / "minimal"))
    pages = site_pages(archive, analyse(archive), template_environment())
    return {page.path: page.text for page in pages}


def test_plain_text_cannot_inject_markup():
    assert plain("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert plain("a *b* [c](d) | e") == r"a \*b\* \[c\](d) \| e"


def test_formatting():
    assert format_period("2018-04") == "April 2018"
    assert format_period("2020-02-07") == "7 February 2020"
    assert format_time(dt.time(17, 30)) == "5.30 pm"
    assert format_time(dt.time(10, 0)) == "10 am"
    assert format_change(19.67) == "+20%"
    assert format_change(-9.26) == "−9%"
    assert format_change(-0.19) == "0%"
    # Either side of the source's 10% threshold stays on its side when rounded.
    assert format_change(-9.6) == "−9.6%"
    assert format_change(9.96) == "+9.9%"
    assert format_change(10.4) == "+10%"
    assert format_change(-10.0) == "−10%"
    assert format_change(0) == "no change"
    assert format_change(None) == "–"


def test_programme_dates_without_a_record_are_listed():
    archive = validate_content(load_content(FIXTURES / "minimal"))
    [(year, days)] = meetings_by_year(archive)
    assert year == "2018/19"
    assert [(day.isoformat(), meeting is not None) for day, meeting in days] == [
        ("2019-03-28", False),
        ("2019-01-24", True),
        ("2018-06-07", False),
    ]


@pytest.mark.parametrize(
    "page",
    [
        "meetings/2019-01-24.md",
        "indicators/lac6-val.md",
        "releases/2018-04.md",
        "glossary/looked-after-child.md",
    ],
)
def test_pages_match_their_golden_files(fixture_pages, page):
    """A change to a rendered page must be reviewed: rerun with UPDATE_GOLDEN=1 to accept."""
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(fixture_pages[page], encoding="utf-8")
    assert fixture_pages[page] == golden.read_text(encoding="utf-8")


def test_every_page_type_is_written(fixture_pages):
    assert set(fixture_pages) == {
        "index.md",
        "meetings/index.md",
        "meetings/year-2018-19.md",
        "meetings/2019-01-24.md",
        "indicators/index.md",
        "indicators/lac6-val.md",
        "indicators/lac6-pct.md",
        "embed/indicators/lac6-val.md",
        "embed/indicators/lac6-pct.md",
        "releases/index.md",
        "releases/2018-04.md",
        "recommendations/index.md",
        "recommendations/2018-19.md",
        "data/index.md",
        "accessibility.md",
        "members/index.md",
        "members/cllr-adams.md",
        "members/cllr-brown.md",
        "members/pat-green.md",
        "glossary/index.md",
        "glossary/looked-after-child.md",
        "glossary/special-guardianship-order.md",
    }


def test_decisions_have_identifiers_and_anchors(fixture_pages):
    page = fixture_pages["meetings/2019-01-24.md"]
    assert 'id="decision-23-2"' in page
    assert "[Decision 2019-01-24/23/2](#decision-23-2)" in page
    assert "Confidential item" in page


def test_pages_start_with_front_matter(fixture_pages):
    for path, text in fixture_pages.items():
        assert text.startswith("---\ntitle: "), path


def test_golden_files_exist():
    assert sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")) == [
        "glossary/looked-after-child.md",
        "indicators/lac6-val.md",
        "meetings/2019-01-24.md",
        "releases/2018-04.md",
    ]


def test_paths_are_posix(fixture_pages):
    assert all("\\" not in path and not Path(path).is_absolute() for path in fixture_pages)


def test_plain_text_stays_on_one_line_and_escapes_attribute_braces():
    assert plain("Item {\n  two lines") == r"Item \{ two lines"


def test_ordinals():
    from builder.render.format import ordinal

    assert [ordinal(n) for n in (1, 8, 9, 11, 12, 13, 21, 22, 23, 111, 112)] == [
        "first",
        "eighth",
        "9th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "111th",
        "112th",
    ]
