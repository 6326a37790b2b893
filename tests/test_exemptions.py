"""Exempt information, declarations and approved minutes as the records state them, and no
more: the fixture meetings of April and May 2025 in tests/fixtures/patterns, shown on the
site and in the open data, and each pattern as bad input with its message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder import pipeline
from builder.errors import ContentErrors
from builder.model import Declaration, Exclusion, ExemptAppendix
from builder.render import views

from .conftest import FIXTURES
from .pages import page
from .test_accessibility import axe_violations

PATTERNS = FIXTURES / "patterns"
APRIL = "content/meetings/2025-04-10.yml"
MAY = "content/meetings/2025-05-22.yml"
RULES = "paragraph 10.4 of the Council's Access to Information Procedure Rules"


@pytest.fixture(scope="module")
def site(patterns_site) -> Path:
    return patterns_site


@pytest.fixture(scope="module")
def meetings(site) -> dict[str, dict]:
    data = json.loads((site / "data/meetings.json").read_text(encoding="utf-8"))["data"]
    return {meeting["id"]: meeting for meeting in data}


# --------------------------------------------------------------------------- exempt information


def test_the_councils_own_rules_and_a_category_and_reason_for_each_appendix(site):
    april = page(site, "meetings/2025-04-10")
    assert (
        f"Exclusion of the press and public Exempt information under {RULES}. Withheld: "
        "Appendix 1 - case summaries (category 7a): The summaries are held under a duty of "
        "confidence to the children and families concerned. Appendix 2 - staffing structure "
        "with named officers (category 2): Publishing it would identify individual officers. "
        "Appendix 3 - placement costs by provider (category 7a): The providers gave their "
        "prices in confidence. The rest of the item is public." in april.text
    )
    assert "<li>Appendix 2 - staffing structure with named officers (category 2):" in april.html
    assert "Schedule 12A" not in april.text and "Local Government Act" not in april.text


def test_a_record_that_names_no_legislation_is_shown_naming_none(site):
    may = page(site, "meetings/2025-05-22").text
    assert (
        "Withheld: Appendix B - tender prices, exempt information (category 3); the record "
        "does not name the rule or legislation. Reason given: Disclosure would prejudice the "
        "Council's position while the tender is open. The rest of the item is public." in may
    )
    assert "Schedule 12A" not in may and "Local Government Act" not in may


def test_schedule_12a_is_stated_where_the_record_cites_it(site):
    special = page(site, "meetings/2024-07-25").text
    assert "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972" in special


def test_the_open_data_states_the_exclusion_as_the_record_does(meetings):
    april = meetings["meetings/2025-04-10/"]["agendaItem"][1]["exclusion"]
    assert april["basis"] is None and april["cites"] == RULES and april["category"] is None
    assert [(a["title"], a["category"]) for a in april["appendices"]] == [
        ("Appendix 1 - case summaries", "7a"),
        ("Appendix 2 - staffing structure with named officers", "2"),
        ("Appendix 3 - placement costs by provider", "7a"),
    ]
    assert april["appendices"][1]["reason"] == "Publishing it would identify individual officers."
    may = meetings["meetings/2025-05-22/"]["agendaItem"][1]["exclusion"]
    assert may["basis"] is None and may["cites"] is None
    assert may["category"] == "3" and may["reason"].startswith("Disclosure would prejudice")
    assert may["appendices"] == [
        {"title": "Appendix B - tender prices", "category": None, "reason": None}
    ]
    special = meetings["meetings/2024-07-25/"]["agendaItem"][1]["exclusion"]
    assert special["basis"] == "schedule_12a" and special["category"] == "3"


@pytest.mark.parametrize(
    ("exclusion", "statement"),
    [
        (
            Exclusion(basis="schedule_12a"),
            "exempt information under Part 1 of Schedule 12A to the Local Government Act 1972; "
            "the record does not state the paragraph",
        ),
        (
            Exclusion(basis="schedule_12a", appendices=[ExemptAppendix(title="A", category="3")]),
            "exempt information under Part 1 of Schedule 12A to the Local Government Act 1972",
        ),
        (Exclusion(cites=RULES, category="7a"), f"exempt information under {RULES} (category 7a)"),
        (
            Exclusion(basis="government_department", cites="section 100A(3)(a)"),
            "information supplied by a government department on terms that forbid its "
            "disclosure under section 100A(3)(a)",
        ),
        (Exclusion(), "exempt information; the record does not name the rule or legislation"),
    ],
)
def test_the_statement_names_only_what_the_record_names(exclusion, statement):
    assert views.exemption_statement(exclusion) == statement


def test_each_appendix_is_listed_with_the_paragraph_of_schedule_12a_where_that_is_cited():
    view = views._exclusion_view(
        Exclusion(
            basis="schedule_12a",
            appendices=[
                ExemptAppendix(title="Appendix 1", category="3", reason="Prices"),
                ExemptAppendix(title="Appendix 2"),
            ],
        )
    )
    assert view.opening == (
        "Exempt information under Part 1 of Schedule 12A to the Local Government Act 1972. "
        "Withheld:"
    )
    assert [(a.title, a.category, a.reason) for a in view.appendices] == [
        ("Appendix 1", "paragraph 3", "Prices"),
        ("Appendix 2", None, None),
    ]


# --------------------------------------------------------------------------- declarations


def test_a_declaration_whose_kind_is_not_stated_says_so(site):
    april = page(site, "meetings/2025-04-10").text
    assert (
        "Councillor Davies, interest of a kind the record does not state (item 22): Councillor "
        "Davies declared an interest in the item as a foster carer" in april
    )
    davies = page(site, "members/cllr-davies")
    assert davies.row("10 April 2025")[2] == "interest of a kind the record does not state, item 22"
    may = page(site, "meetings/2025-05-22").text
    assert "Councillor Ahmed, disclosable pecuniary interest (item 2):" in may
    assert page(site, "members/cllr-ahmed").row("22 May 2025")[2] == (
        "disclosable pecuniary interest, item 2"
    )


def test_the_open_data_gives_no_kind_where_the_record_states_none(meetings):
    [declaration] = meetings["meetings/2025-04-10/"]["declarations"]
    assert declaration["interest"] is None and declaration["item"] == 22
    assert meetings["meetings/2025-05-22/"]["declarations"][0]["interest"] == (
        "disclosable pecuniary"
    )


def test_interest_wording():
    stated = Declaration(member="m", text="t", interest="personal")
    assert views.interest_wording(stated) == "personal interest"
    assert views.interest_wording(Declaration(member="m", text="t")) == (
        "interest of a kind the record does not state"
    )


# --------------------------------------------------------------------------- approved minutes


def test_minutes_of_a_meeting_not_in_the_archive_link_nowhere(site):
    april = page(site, "meetings/2025-04-10")
    assert "Approves the minutes of: 27 March 2025 (not in this archive)." in april.text
    assert "2025-03-27" not in april.html
    assert not (site / "meetings/2025-03-27").exists()
    may = page(site, "meetings/2025-05-22")
    assert 'Approves the minutes of: <a href="../2025-04-10/">10 April 2025</a> (with' in may.html
    assert "not in this archive" not in may.text
    assert (
        'Approved with amendments at the meeting of 22 May 2025: Item 22 - "in private" should '
        'read "in private session".' in page(site, "meetings/2025-04-10").text
    )


def test_the_open_data_gives_the_date_and_no_id_for_a_meeting_not_in_the_archive(site, meetings):
    [approval] = meetings["meetings/2025-04-10/"]["agendaItem"][0]["approves"]
    assert approval == {"date": "2025-03-27", "meeting": None, "amendments": None}
    [approval] = meetings["meetings/2025-05-22/"]["agendaItem"][0]["approves"]
    assert approval["date"] == "2025-04-10" and approval["meeting"] == "meetings/2025-04-10/"
    own = json.loads((site / "data/meetings/2025-04-10.json").read_text(encoding="utf-8"))
    assert own["agendaItem"][0]["approves"][0]["meeting"] is None
    everything = (site / "data/meetings.json").read_text(encoding="utf-8")
    assert "meetings/2025-03-27" not in everything


# --------------------------------------------------------------------------- bad input


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            APRIL,
            "      cites: paragraph 10.4",
            "      basis: schedule_12a\n      cites: paragraph 10.4",
            "field items[2].exclusion.cites: basis: schedule_12a already cites Part 1 of "
            "Schedule 12A to the Local Government Act 1972; give basis or cites, not both",
        ),
        (
            APRIL,
            "      cites: paragraph 10.4",
            "      category: 7a\n      cites: paragraph 10.4",
            "field items[2].exclusion.appendices[1].category: the category is given for the "
            "whole exclusion (7a) and again for this appendix: give it once",
        ),
        (
            APRIL,
            "        - title: Appendix 3 - placement costs by provider\n",
            "        - 3\n        - title: Appendix 3 - placement costs by provider\n",
            "field items[2].exclusion.appendices[3]: expected the appendix's title as text (in "
            "quotes if it is a number), or its title, category and reason as 'field: value' "
            "lines, got 3",
        ),
        (
            APRIL,
            '          category: "2"',
            '          categry: "2"',
            "field items[2].exclusion.appendices[2].categry: unknown field 'categry' (did you "
            "mean 'category'?)",
        ),
        (
            APRIL,
            "        - title: Appendix 1 - case summaries\n",
            "        - titel: Appendix 1 - case summaries\n",
            "field items[2].exclusion.appendices[1].title: this field is required but missing",
        ),
        (
            APRIL,
            "    item: 22\n    text:",
            "    item: 22\n    interest: not stated\n    text:",
            "field declarations[1].interest: 'not stated' is not a kind of interest: where the "
            "record does not state the kind, leave interest out",
        ),
        (
            MAY,
            "    interest: disclosable pecuniary",
            "    interest: disclosable pecuniary interest",
            "field declarations[1].interest: write the kind of interest without the word "
            "'interest', which the page adds: 'disclosable pecuniary'",
        ),
        (
            MAY,
            "      - meeting: 2025-04-10",
            "      - meeting: 2024-07-18",
            "field items[1].approves[1].meeting: the meeting of 2024-07-18 moved to 2024-07-25, "
            "so it has no minutes: approve those of 2024-07-25",
        ),
        (
            APRIL,
            "      - meeting: 2025-03-27",
            "      - meeting: 2025-01-09",
            "field items[1].approves[1].meeting: the meeting of 2025-01-09 was cancelled, so it "
            "has no minutes to approve",
        ),
        (
            APRIL,
            "      - meeting: 2025-03-27",
            "      - meeting: 2025-05-22",
            "field items[1].approves[1].meeting: a meeting approves the minutes of earlier "
            "meetings only",
        ),
    ],
)
def test_each_mistake_is_reported(tmp_path, relative, old, new, expected):
    root = tmp_path / "root"
    shutil.copytree(PATTERNS, root)
    edit(root, relative, old, new)
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    reported = [str(e) for e in caught.value.errors]
    assert any(relative in r and expected in r for r in reported), reported


def test_the_fixture_meetings_check_clean():
    archive, _ = pipeline.check(PATTERNS)
    dates = {meeting.slug for meeting in archive.meetings}
    assert {"2025-04-10", "2025-05-22"} <= dates


# --------------------------------------------------------------------------- accessibility


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["/meetings/2025-04-10/", "/meetings/2025-05-22/", "/members/cllr-davies/"]
)
def test_the_new_boxes_and_lists_are_accessible(browser, served_patterns, path):
    assert axe_violations(browser, served_patterns + path) == []
