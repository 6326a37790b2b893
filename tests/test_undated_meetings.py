"""A meeting whose date is not known: recorded by its window, never given a placeholder date.

tests/fixtures/patterns holds one (an item page that prints no meeting date, between the
meetings of 12 September and 21 November 2024).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar

from builder import pipeline
from builder.errors import ContentErrors

from .conftest import FIXTURES
from .pages import page

SLUG = "between-2024-09-13-and-2024-11-20"
WHEN = "between 13 September 2024 and 20 November 2024"


@pytest.fixture(scope="module")
def site(patterns_site) -> Path:
    return patterns_site


def test_it_has_an_address_that_is_not_a_date_and_says_the_date_is_unknown(site):
    meeting = page(site, f"meetings/{SLUG}")
    assert f"Example Scrutiny Panel, date not known, {WHEN}" in meeting.text
    assert "The record of this meeting gives no date, and none can be inferred." in meeting.text
    assert f"Date Not known: {WHEN}" in meeting.text
    assert f"Decision {SLUG}/n1/2" in meeting.text


def test_it_is_listed_by_its_window_between_the_meetings_either_side(site):
    rows = [row[0] for row in page(site, "meetings/year-2024-25").rows]
    position = rows.index(f"Date not known, {WHEN}")
    assert rows[position - 1 : position + 2] == [
        "21 November 2024",
        f"Date not known, {WHEN}",
        "12 September 2024",
    ]
    assert page(site, "members/cllr-brooks").row(f"Date not known, {WHEN}")[1] == "Present"
    tracker = page(site, "recommendations/2024-25")
    row = next(r for r in tracker.rows if r and r[0].startswith("That the partnership report"))
    assert row[2] == f"Date not known, {WHEN}"
    assert "waiting" not in row[3], "no waiting time is counted from an unknown date"


def test_it_stays_out_of_the_calendar_and_says_so_in_the_feed_and_open_data(site):
    calendar = Calendar.from_ical((site / "meetings.ics").read_bytes())
    uids = [str(event["uid"]) for event in calendar.walk("VEVENT")]
    assert not any("2024-09-13" in uid or "between" in uid for uid in uids)
    assert f"date not known, {WHEN} (minutes)" in (site / "feed.xml").read_text()
    document = json.loads((site / "data" / "meetings" / f"{SLUG}.json").read_text())
    assert document["start"] is None
    assert document["dateUnknown"]["earliest"] == "2024-09-13"
    assert document["id"] == f"meetings/{SLUG}/"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("earliest: 2024-09-13", "earliest: 2024-11-30"),
            "the latest day (2024-11-20) must come after the earliest (2024-11-30)",
        ),
        (
            ("status: held", "status: held\ndate: 2024-10-01"),
            "give either the date or date_unknown, not both",
        ),
        (
            ("latest: 2024-11-20", "latest: 2024-11-21"),
            "the file of this meeting is named after the window its date lies in: "
            "between-2024-09-13-and-2024-11-21.yml",
        ),
    ],
)
def test_bad_windows_are_refused_with_their_file_and_field(tmp_path, change, message):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "patterns", root)
    path = root / "content" / "meetings" / f"{SLUG}.yml"
    path.write_text(path.read_text().replace(*change, 1))
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    [error] = caught.value.errors
    assert str(error.path) == f"content/meetings/{SLUG}.yml"
    assert error.field and error.field.startswith("date")
    assert message in error.message


def test_a_meeting_needs_a_date_or_its_window(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "patterns", root)
    path = root / "content" / "meetings" / "2024-11-21.yml"
    path.write_text(path.read_text().replace("date: 2024-11-21\n", "", 1))
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    assert any(
        e.field == "date" and "give the meeting's date, or where the record gives none" in e.message
        for e in caught.value.errors
    )
