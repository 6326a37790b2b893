"""Requests, loose due times, the recommendations tracker and both numbers of an item.

The records are the June-July 2025 meetings of tests/fixtures/patterns: a request the
minutes word without a resolution, requests due at a loose time ("a 2026 meeting"), a
request made at the archive's last meeting, and items the minutes number apart from the
agenda. What depends on the edition's date (waiting times, "no later record") is asserted
on those two meetings built on their own, so that later meetings other patterns add to the
fixture cannot change it; the rest on the whole fixture.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from builder import pipeline, urls
from builder.errors import ContentErrors
from builder.model import AgendaItem, RequestRef
from builder.render import views

from .conftest import FIXTURES, serving
from .pages import page
from .test_accessibility import axe_violations

PATTERNS = FIXTURES / "patterns"
JUNE, JULY = dt.date(2025, 6, 12), dt.date(2025, 7, 10)
MEETINGS = [f"content/meetings/{day.isoformat()}.yml" for day in (JUNE, JULY)]


def _edition_root(folder: Path) -> Path:
    """The June and July 2025 meetings alone, with the fixture's register and settings."""
    root = folder / "root"
    (root / "content" / "meetings").mkdir(parents=True)
    shutil.copytree(PATTERNS / "site_config", root / "site_config")
    shutil.copy(PATTERNS / "content" / "people.yml", root / "content" / "people.yml")
    for relative in MEETINGS:
        shutil.copy(PATTERNS / relative, root / relative)
    return root


@pytest.fixture(scope="module")
def site(patterns_site) -> Path:
    return patterns_site


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """The June-July 2025 meetings built on their own: this edition's date is 10 July 2025."""
    folder = tmp_path_factory.mktemp("edition")
    root = _edition_root(folder)
    pipeline.build(root, folder / "site")
    return folder / "site"


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    return pipeline.check(_edition_root(tmp_path_factory.mktemp("checked")))


def _section(html: str, anchor: str) -> str:
    """The HTML of a heading's section, up to the next heading of any level."""
    start = html.index(f'id="{anchor}"')
    following = re.search(r"<h[1-6][ >]", html[start:])
    return html[start : start + following.start()] if following else html[start:]


# --------------------------------------------------------------------------- requests


def test_a_request_has_an_identifier_and_anchor_of_its_own():
    assert urls.request_identifier(JUNE, "5", 1) == "2025-06-12/5/r1"
    assert urls.request(JUNE, "5", 1).web_path == "meetings/2025-06-12/#request-5-1"
    assert urls.request(JUNE, "n2", 3).anchor == "request-n2-3"
    assert urls.item_part(JUNE, "5", "requests").anchor == "item-5-requests"


def test_a_request_is_shown_in_the_minutes_words_never_as_a_resolution(site):
    june = page(site, "meetings/2025-06-12")
    assert (
        "What the panel asked, in the words of the minutes: The Panel asked for a report on "
        "reoffending rates to come to its July meeting. Request 2025-06-12/5/r1 — request to "
        "Head of Youth Justice, due at the meeting of 10 July 2025, answered by item 2 of "
        "10 July 2025, completed" in june.text
    )
    requests = _section(june.html, urls.item_part(JUNE, "5", "requests").anchor)
    assert "RESOLVED" not in requests
    assert f'id="{urls.request_anchor("5", 1)}"' in requests
    assert 'href="#request-5-4"' in requests, "each request links to its own anchor"
    decisions = _section(june.html, urls.item_part(JUNE, "5", "decisions").anchor)
    assert "RESOLVED:" in decisions and "That the report be noted." in decisions
    july = page(site, "meetings/2025-07-10")
    workforce = _section(july.html, urls.item_anchor("4"))
    assert "RESOLVED" not in workforce, "an item with requests only prints no RESOLVED"


def test_resolved_stands_only_above_decisions_on_every_meeting_page(site):
    for built in sorted((site / "meetings").glob("*/index.html")):
        html = built.read_text(encoding="utf-8")
        decisions = len(re.findall(r'<h3 id="item-[^"]+-decisions"', html))
        assert html.count("RESOLVED:") == decisions, built


def test_the_answering_item_names_the_request(site):
    july = page(site, "meetings/2025-07-10")
    assert "This item answers the request of 12 June 2025 (request 2025-06-12/5/r1)." in july.text
    assert 'href="../2025-06-12/#request-5-1"' in july.html


def test_requests_are_in_the_open_data_apart_from_the_resolution_text(site):
    meeting = json.loads((site / "data/meetings/2025-06-12.json").read_text())
    youth = meeting["agendaItem"][1]
    assert youth["resolutionText"] == "That the report be noted."
    first, ward, recess, inspection = youth["requests"]
    assert first == {
        "identifier": "2025-06-12/5/r1",
        "text": "The Panel asked for a report on reoffending rates to come to its July meeting.",
        "askedOf": "Head of Youth Justice",
        "currentStatus": "completed",
        "dueMeeting": "2025-07-10",
        "dueMonth": None,
        "dueWithin": None,
        "fulfilledBy": "2025-07-10/2",
        "statusHistory": [
            {
                "date": "2025-07-10",
                "status": "completed",
                "meeting": "2025-07-10",
                "document": None,
                "note": "Item 2 of that meeting answered the request.",
            }
        ],
    }
    assert ward["dueWithin"] is None and ward["currentStatus"] == "open"
    assert inspection["dueWithin"] == {
        "asWritten": "a 2026 meeting",
        "firstDay": "2026-01-01",
        "lastDay": "2026-12-31",
    }
    assert recess["identifier"] == "2025-06-12/5/r3"
    [schools] = meeting["agendaItem"][2]["decisions"]
    assert schools["dueWithin"]["asWritten"] == "the new year"
    assert "requests" in (site / "data/index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- loose due times


def test_a_loose_due_time_is_shown_as_written_with_its_window(site):
    june = page(site, "meetings/2025-06-12").text
    assert (
        "Request 2025-06-12/5/r4 — request to Head of Youth Justice, due “a 2026 meeting” "
        "(between 1 January 2026 and 31 December 2026), open" in june
    )
    assert (
        "Decision 2025-06-12/6/1 — recommendation to Head of Education, due “the new year” "
        "(between 1 January 2026 and 31 January 2026), open" in june
    )


def test_a_loose_due_time_is_overdue_only_once_its_window_has_passed(site, checked):
    july = page(site, "meetings/2025-07-10")
    recess = july.row("Members asked that the ward figures be circulated before the summer recess.")
    assert recess[2:] == [
        "“before the summer recess” (between 13 June 2025 and 4 July 2025)",
        "Overdue",
    ]
    inspection = july.row(
        "The Panel asked that the findings of the inspection be brought to a 2026 meeting."
    )
    assert inspection[3] == "Open"
    assert july.row("Members requested a breakdown of first-time entrants by ward.")[2:] == [
        "–",
        "Open",
    ]
    _, analysis = checked
    [ref] = [r for r in analysis.tracked if r.identifier == "2025-06-12/5/r3"]
    assert not analysis.overdue(ref, on=dt.date(2025, 7, 4)), "the window's last day is in it"
    assert analysis.overdue(ref, on=dt.date(2025, 7, 5))


# --------------------------------------------------------------------------- the tracker


def test_the_tracker_counts_waiting_time_to_the_editions_date(edition):
    tracker = page(edition, "recommendations/2025-26")
    assert (
        "Waiting times are counted up to 10 July 2025, the date of this edition of the archive."
        in tracker.text
    )
    ward = next(r for r in tracker.rows if r and r[0].startswith("Members requested"))
    assert ward[0].endswith("Request 2025-06-12/5/r2")
    assert ward[3] == "Open: no response recorded; waiting 28 days"
    recess = next(r for r in tracker.rows if r and r[0].startswith("Members asked that"))
    assert recess[3].endswith(
        "due “before the summer recess” (between 13 June 2025 and 4 July 2025) — overdue"
    )
    inspection = next(r for r in tracker.rows if "a 2026 meeting" in r[0])
    assert inspection[3] == (
        "Open: no response recorded; waiting 28 days; due “a 2026 meeting” "
        "(between 1 January 2026 and 31 December 2026)"
    )


def test_the_tracker_says_when_the_archive_ends_after_the_meeting(edition):
    assert page(edition, "recommendations").row("2025/26")[1:] == ["4", "1", "0", "1", "0", "6"]
    tracker = page(edition, "recommendations/2025-26")
    assert "No later record in the archive (1)" in tracker.text
    assert "no later meeting is in the archive to have recorded a response" in tracker.text
    survey = next(r for r in tracker.rows if r and "staff survey" in r[0])
    assert survey[2:] == ["10 July 2025", "No later record in the archive"]
    assert "waiting 0 days" not in tracker.text
    july = page(edition, "meetings/2025-07-10").text
    assert "Request 2025-07-10/4/r1 — request to Head of Workforce, no later record" in july


def test_the_tracker_never_calls_a_request_without_a_due_time_overdue(site, edition):
    overdue = []
    for built in (site, edition):
        for year in sorted((built / "recommendations").glob("*-*/index.html")):
            for row in page(built, year.parent.relative_to(built).as_posix()).rows:
                if len(row) == 4 and row[3] != "Status" and "overdue" in row[3]:
                    assert "; due " in row[3], row
                    overdue.append(row)
    assert overdue, "the fixtures hold overdue requests"


def test_status_views_follow_the_rules(checked):
    archive, analysis = checked
    [page_view] = views.recommendations_year_pages(archive, analysis)
    assert page_view.as_of == archive.latest_date == JULY and page_view.year == "2025/26"
    groups = {group.label: group for group in page_view.groups}
    assert list(groups) == [
        "Open",
        views.NO_LATER_RECORD,
        "Response received",
        "Completed",
        "Not accepted",
    ]
    assert groups["Open"].note is None
    assert groups[views.NO_LATER_RECORD].note == views.NO_LATER_RECORD_NOTE
    [survey] = groups[views.NO_LATER_RECORD].rows
    assert (survey.status.waiting_days, survey.status.waiting, survey.status.overdue) == (
        None,
        None,
        False,
    )
    assert [row.identifier.text for row in groups["Completed"].rows] == ["Request 2025-06-12/5/r1"]
    assert views.waiting_words(0) is None
    assert views.waiting_words(1) == "waiting 1 day"
    assert all(isinstance(ref, RequestRef) for ref in analysis.tracked if "/r" in ref.identifier)


# --------------------------------------------------------------------------- item numbers


def test_both_numbers_of_an_item_are_shown_and_anchors_keep_the_agenda_number(site):
    july = page(site, "meetings/2025-07-10")
    assert "1. Minutes of the previous meeting (minute 30) 2. Reoffending rates (minute 32)" in (
        july.text
    )
    assert "Agenda item 2, minute 32. Taken third at the meeting" in july.text
    assert 'id="item-2"' in july.html and 'href="#item-2"' in july.html
    meeting = json.loads((site / "data/meetings/2025-07-10.json").read_text())
    numbers = [(i["number"], i["minuteNumber"], i["order"]) for i in meeting["agendaItem"]]
    assert numbers == [("1", "30", 1), ("2", "32", 3), ("3", "31", 2), ("4", "33", 4)]
    assert meeting["agendaItem"][1]["id"] == "meetings/2025-07-10/#item-2"


def test_item_numbers_in_words():
    assert views.item_numbers(AgendaItem(title="A", number=5, minute_number=23)) == (
        "Agenda item 5, minute 23"
    )
    assert views.item_numbers(AgendaItem(title="A", minute_number=23)) == "Minute 23"
    assert views.item_numbers(AgendaItem(title="A", number=5)) is None
    assert "counted from 1" in (AgendaItem.__doc__ or "")


# --------------------------------------------------------------------------- accessibility


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["/meetings/2025-06-12/", "/meetings/2025-07-10/", "/recommendations/"]
)
def test_pages_with_requests_have_no_wcag_violations(browser, edition, path):
    with serving(edition) as address:
        assert axe_violations(browser, address + path) == []


# --------------------------------------------------------------------------- bad input


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


JUNE_FILE, JULY_FILE = MEETINGS
_RECESS = "          as_written: before the summer recess\n          first_day: 2025-06-13\n"


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        pytest.param(
            JUNE_FILE,
            "fulfilled_by: {meeting: 2025-07-10, item: 2}",
            "fulfilled_by: {meeting: 2025-07-10, item: 9}",
            "field items[2].requests[1].fulfilled_by.item: the meeting of 2025-07-10 has no item 9",
            id="request answered by a missing item",
        ),
        pytest.param(
            JUNE_FILE,
            "        due_meeting: 2025-07-10\n",
            "        due_meeting: 2025-06-12\n",
            "field items[2].requests[1].due_meeting: a request is due at a later meeting",
            id="request due at its own meeting",
        ),
        pytest.param(
            JUNE_FILE,
            "      - text: Members requested a breakdown of first-time entrants by ward.\n",
            "      - text: Members requested a breakdown of first-time entrants by ward.\n"
            "        status:\n"
            "          - {date: 2025-06-30, status: response_received, document: Email}\n"
            "          - {date: 2025-06-20, status: completed, document: Email}\n",
            "field items[2].requests[2].status[2].date: 2025-06-20 is before 2025-06-30: "
            "status events are listed oldest first",
            id="request status events out of order",
        ),
        pytest.param(
            JUNE_FILE,
            "      - text: Members requested a breakdown of first-time entrants by ward.\n",
            "      - text: Members requested a breakdown of first-time entrants by ward.\n"
            "        kind: recommendation\n",
            "field items[2].requests[2].kind: unknown field 'kind'",
            id="request given a kind",
        ),
        pytest.param(
            JUNE_FILE,
            "      - text: Members requested a breakdown of first-time entrants by ward.\n"
            "        asked_of: Head of Youth Justice\n",
            "      - asked_of: Head of Youth Justice\n",
            "field items[2].requests[2].text: this field is required but missing",
            id="request without what was asked",
        ),
        pytest.param(
            JUNE_FILE,
            "          last_day: 2025-07-04",
            "          last_day: 2025-06-01",
            "field items[2].requests[3].due_within.last_day: the window ends (2025-06-01) "
            "before it starts (2025-06-13)",
            id="window ending before it starts",
        ),
        pytest.param(
            JUNE_FILE,
            "          first_day: 2025-06-13\n          last_day: 2025-07-04",
            "          first_day: 2025-06-01\n          last_day: 2025-06-12",
            "field items[2].requests[3].due_within.last_day: the window 'before the summer "
            "recess' ends on 2025-06-12, by the meeting of 2025-06-12 that made the request",
            id="window ending by the meeting",
        ),
        pytest.param(
            JUNE_FILE,
            _RECESS,
            _RECESS.replace("first_day", "first_dy"),
            "field items[2].requests[3].due_within.first_dy: unknown field 'first_dy' (did "
            "you mean 'first_day'?)",
            id="window field misspelt",
        ),
        pytest.param(
            JUNE_FILE,
            "        due_within:\n          as_written: the new year",
            "        due_month: 2026-01\n        due_within:\n          as_written: the new year",
            "field items[3].decisions[1].due_within: give one due time: due_meeting, due_month "
            "or due_within",
            id="two due times",
        ),
        pytest.param(
            JUNE_FILE,
            "        kind: recommendation\n        asked_of: Head of Education\n",
            "        asked_of: Head of Education\n",
            "field items[3].decisions[1]: a request with a due date is a recommendation",
            id="window on a resolution",
        ),
        pytest.param(
            JULY_FILE,
            "    minute_number: 33",
            "    minute_number: 32",
            "field items[4].minute_number: minute number 32 is used twice",
            id="minute number twice",
        ),
        pytest.param(
            JULY_FILE,
            "    minute_number: 33",
            "    minute_number: 0",
            "field items[4].minute_number: expected a minute number of 1 or more, got 0",
            id="minute number zero",
        ),
        pytest.param(
            JULY_FILE,
            "    order_taken: 2",
            "    order_taken: 0",
            "field items[3].order_taken: order_taken is the item's position in the order the "
            "meeting took its items, counted from 1: expected 1 to 4 (this meeting has 4 "
            "items), got 0",
            id="order taken counted from 0",
        ),
        pytest.param(
            JULY_FILE,
            "    order_taken: 3",
            "    order_taken: 5",
            "expected 1 to 4 (this meeting has 4 items), got 5",
            id="order taken beyond the items",
        ),
        pytest.param(
            JULY_FILE,
            "    order_taken: 2",
            "    order_taken: 1",
            "field items[3].order_taken: position 1 is also the agenda place of item 1, which "
            "has no order_taken: give order_taken to every item the meeting took out of its "
            "agenda place",
            id="order taken claiming another item's place",
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
