"""Meeting records as councils write them: every pattern of tests/fixtures/patterns,
shown on the site and in the open data, and each as bad input with a clear error."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar

from builder import pipeline
from builder.errors import ContentErrors

from .conftest import FIXTURES
from .pages import page

PATTERNS = FIXTURES / "patterns"


@pytest.fixture(scope="module")
def site(patterns_site) -> Path:
    return patterns_site


def test_a_moved_meeting_points_to_its_new_date(site):
    moved = page(site, "meetings/2024-07-18")
    assert "The meeting scheduled for 18 July 2024 was moved to 25 July 2024." in moved.text
    assert 'href="../2024-07-25/"' in moved.html
    assert page(site, "meetings/year-2024-25").row("18 July 2024")[1] == "Moved to 25 July 2024"


def test_special_online_meeting(site):
    special = page(site, "meetings/2024-07-25")
    assert "25 July 2024 (special meeting)" in special.text
    assert "Special meeting To consider the inspectorate's focused visit letter" in special.text
    assert "Held online Microsoft Teams; recording of the meeting" in special.text
    assert 'href="https://example.org/recordings/2024-07-25"' in special.html


def test_cancelled_and_inferred_dates(site):
    assert "This meeting was cancelled" in page(site, "meetings/2025-01-09").text
    inferred = page(site, "meetings/2024-11-21").text
    assert "The record of this meeting prints no date. The date is inferred:" in inferred


def test_order_taken_keeps_published_numbers(site):
    special = page(site, "meetings/2024-07-25")
    agenda, body = special.text.split(" Attendance ", 1)
    assert agenda.index("7. Exclusion") < agenda.index("8. Inspectorate")
    assert body.index("8. Inspectorate focused visit ") < body.index("7. Exclusion of the press")
    assert "Taken second at the meeting (the order of business was changed)." in body


def test_attendance_patterns(site):
    first = page(site, "meetings/2024-05-23").text
    assert "Substitutions Councillor Sam Clarke for Councillor Jo Clarke" in first
    assert "Appointed members invited Reverend Claire Evans" in first
    assert 'Councillor Davies (printed as "Councillor Davis")' in first
    special = page(site, "meetings/2024-07-25").text
    assert "Present for some items only Councillor Davies (item 6)" in special
    september = page(site, "meetings/2024-09-12").text
    assert "In the chair for this item Councillor Brooks" in september


def test_chair_terms_on_member_pages(site):
    brooks = page(site, "members/cllr-brooks")
    assert brooks.row("2024/25")[1:] == ["Vice-chair", "12 September 2024", "20 November 2024"]
    assert ["2024/25", "Chair", "21 November 2024", "–"] in brooks.rows
    assert page(site, "members/cllr-sam-clarke").row("23 May 2024")[1] == (
        "Present, Substitute for Councillor Jo Clarke"
    )
    assert page(site, "members/cllr-davies").row("25 July 2024")[1] == "Present for item 6"
    assert page(site, "members/rev-evans").row("23 May 2024")[1] == "Present, Invited"


def test_minutes_approved_link_both_ways(site):
    assert "Minutes Approved as a correct record at the meeting of 12 September 2024" in (
        page(site, "meetings/2024-05-23").text
    )
    assert (
        'Approved with amendments at the meeting of 12 September 2024: Item 8 - "supervision" '
        'should read "management oversight".' in page(site, "meetings/2024-07-25").text
    )
    september = page(site, "meetings/2024-09-12")
    assert "Approves the minutes of: 23 May 2024; 25 July 2024 (with amendments:" in september.text
    assert "Records disagree The agenda names the minutes of 18 July 2024" in september.text


def test_exempt_information(site):
    special = page(site, "meetings/2024-07-25").text
    assert (
        "Withheld: Appendix 2 - draft letter, exempt information under paragraph 3 of Part 1 of "
        "Schedule 12A to the Local Government Act 1972. The rest of the item is public." in special
    )
    box = re.search(
        r'<div class="admonition info">\s*<p class="admonition-title">Exclusion of the press and '
        r"public</p>\s*<p>(.*?)</p>\s*</div>",
        page(site, "meetings/2024-07-25").html,
        re.S,
    )
    assert box and box.group(1).startswith("Withheld: Appendix 2"), "the box holds its text"
    assert "Confidentiality lifted" in special
    assert "The letter found areas for improvement in supervision." in special
    september = page(site, "meetings/2024-09-12").text
    assert "Exempt appendices not discussed" in september
    assert "paragraph 7a" in september


def test_requests_are_tracked_to_fulfilment_or_overdue(site):
    first = page(site, "meetings/2024-05-23").text
    assert (
        "due at the meeting of 12 September 2024, answered by item 14 of 12 September 2024, "
        "completed" in first
    )
    assert "due by the end of July 2024, open" in first
    september = page(site, "meetings/2024-09-12").text
    assert "This item answers the request of 23 May 2024 (decision 2024-05-23/3/1)." in september
    monitoring = page(site, "meetings/2024-09-12")
    row = monitoring.row("That attendance data be added to the monthly performance dataset.")
    assert row[1:] == ["23 May 2024", "31 July 2024", "Overdue"]
    tracker = page(site, "recommendations/2024-25").text
    assert "due 31 July 2024 — overdue" in tracker
    assert "Completed on 12 September 2024 (meeting of 12 September 2024)" in tracker


def test_the_open_data_carries_every_pattern(site):
    meetings = {m["id"]: m for m in json.loads((site / "data/meetings.json").read_text())["data"]}
    moved = meetings["meetings/2024-07-18/"]
    assert moved["meetingState"] == "moved" and moved["movedTo"] == "meetings/2024-07-25/"
    special = meetings["meetings/2024-07-25/"]
    assert special["kind"] == "special" and special["online"]["platform"] == "Microsoft Teams"
    assert [i["order"] for i in special["agendaItem"]] == [1, 3, 2]
    assert special["agendaItem"][1]["exclusion"]["category"] == "3"
    assert special["partAttendance"][0]["items"] == [6]
    first = meetings["meetings/2024-05-23/"]
    assert first["spellings"][0]["asPublished"] == "Councillor Davis"
    request = first["agendaItem"][2]["decisions"][0]
    assert request["fulfilledBy"] == "2024-09-12/14" and request["currentStatus"] == "completed"
    assert meetings["meetings/2024-11-21/"]["dateInferred"].startswith("The minutes print no date")
    calendar = Calendar.from_ical((site / "meetings.ics").read_bytes())
    moved_event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("2024-07-18"))
    assert str(moved_event["STATUS"]) == "CANCELLED"


# --------------------------------------------------------------------------- bad input


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            "content/meetings/2024-05-23.yml",
            "  - member: cllr-jo-clarke\n    substitute",
            "  - member: cllr-sam-clarke\n    substitute",
            "'cllr-sam-clarke' is not a member of the panel at this meeting",
        ),
        (
            "content/meetings/2024-09-12.yml",
            "    chair: cllr-brooks",
            "    chair: cllr-sam-clarke",
            "field items[3].chair: 'cllr-sam-clarke' took the chair but is not listed as present",
        ),
        (
            "content/meetings/2024-05-23.yml",
            "due_meeting: 2024-09-12",
            "due_meeting: 2024-10-10",
            "field items[3].decisions[1].due_meeting: there is no meeting of 2024-10-10",
        ),
        (
            "content/people.yml",
            "  aliases: [Councillor Davis, Councillor Daviess]",
            "  aliases: [Councillor Davis, Councillor Brooks]",
            "the name 'Councillor Brooks' is claimed by both 'cllr-brooks' and 'cllr-davies'",
        ),
        (
            "content/meetings/2024-07-25.yml",
            "confidentiality_lifted: 2024-09-01",
            "confidentiality_lifted: 2024-07-01",
            "confidentiality cannot be lifted on 2024-07-01, before the meeting of 2024-07-25",
        ),
        (
            "content/meetings/2024-05-23.yml",
            "  cllr-davies: Councillor Davis",
            "  cllr-davies: Councillor Davids",
            "'Councillor Davids' is not a known spelling of Councillor Davies: add it to their "
            "aliases",
        ),
        (
            "content/meetings/2024-05-23.yml",
            "apologies: [cllr-jo-clarke]",
            "apologies: [cllr-jo-clark]",
            "'cllr-jo-clark' is not in the member register content/people.yml (did you mean "
            "'cllr-jo-clarke'?)",
        ),
        (
            "content/meetings/2024-07-18.yml",
            "moved_to: 2024-07-25",
            "moved_to: 2024-07-26",
            "there is no meeting of 2024-07-26 in content/meetings/ for this one to move to",
        ),
        (
            "content/meetings/2024-07-25.yml",
            "special_reason: To consider the inspectorate's focused visit letter before its "
            "publication.\n",
            "",
            "a special meeting needs its special_reason",
        ),
        (
            "content/meetings/2024-09-12.yml",
            "      - meeting: 2024-05-23\n",
            "      - meeting: 2024-12-05\n",
            "a meeting approves the minutes of earlier meetings only",
        ),
        (
            "content/meetings/2024-07-25.yml",
            "    items: [6]",
            "    items: [9]",
            "field part_attendance[1].items[1]: this meeting has no item 9",
        ),
        (
            "content/people.yml",
            "{role: chair, municipal_year: 2024/25, start: 2024-05-23, end: 2024-11-20}",
            "{role: chair, municipal_year: 2024/25, start: 2024-05-23, end: 2025-11-20}",
            "2025-11-20 is not in the municipal year 2024/25",
        ),
    ],
)
def test_each_pattern_mistake_is_reported(tmp_path, relative, old, new, expected):
    root = tmp_path / "root"
    shutil.copytree(PATTERNS, root)
    edit(root, relative, old, new)
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    reported = [str(e) for e in caught.value.errors]
    assert any(relative in r and expected in r for r in reported), reported
