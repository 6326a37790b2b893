"""Open data on the bundled archive: JSON in OParl's terms, the Atom feed, the calendar."""

import json

import feedparser
from icalendar import Calendar

from .pages import page


def test_meetings_json_lists_every_meeting_with_oparl_fields(bundled_site, bundled_archive):
    archive, _ = bundled_archive
    document = json.loads((bundled_site / "data" / "meetings.json").read_text())
    assert document["pagination"]["totalElements"] == len(archive.meetings) >= 6
    starts = [meeting["start"] for meeting in document["data"]]
    assert starts == sorted(starts, reverse=True), "newest first"
    newest = next(m for m in document["data"] if m["id"] == "meetings/2023-07-20/")
    assert newest["type"] == "https://schema.oparl.org/1.1/Meeting"
    assert newest["id"] == "meetings/2023-07-20/"
    assert newest["meetingState"] == "held"
    assert newest["start"] == "2023-07-20T17:30:00+01:00"
    assert newest["location"]["description"] == "Conference Room 3 - Civic Centre"
    assert [p["familyName"] for p in newest["apologies"]] == ["Baillie"]
    ofsted = next(item for item in newest["agendaItem"] if item["number"] == "11")
    assert ofsted["public"] is False
    assert [d["identifier"] for d in ofsted["decisions"]] == [
        "2023-07-20/11/1",
        "2023-07-20/11/2",
        "2023-07-20/11/3",
    ]
    assert ofsted["decisions"][0]["kind"] == "recommendation"
    assert ofsted["decisions"][0]["currentStatus"] == "open"
    assert ofsted["resolutionText"].startswith("That the Panel requested that the Cabinet Member")


def test_one_json_file_per_meeting_equals_its_entry_in_the_list(bundled_site):
    listed = json.loads((bundled_site / "data" / "meetings.json").read_text())["data"]
    for meeting in listed:
        date = meeting["id"].split("/")[1]
        single = json.loads((bundled_site / "data" / "meetings" / f"{date}.json").read_text())
        assert single == meeting


def test_attendance_in_the_open_data_matches_the_minutes(bundled_site):
    march = json.loads((bundled_site / "data" / "meetings" / "2018-03-22.json").read_text())
    assert [p["name"] for p in march["apologies"]] == [
        "Councillor Burke",
        "Catherine Hobbs",
        "Rob Sanders",
    ]
    assert march["chair"]["name"] == "Councillor Keogh"
    item_31 = next(item for item in march["agendaItem"] if item["number"] == "31")
    assert item_31["chair"]["name"] == "Councillor O'Neill"
    assert len(march["declarations"]) == 2


def test_the_atom_feed_parses_and_lists_meetings_and_releases(bundled_site, bundled_archive):
    archive, _ = bundled_archive
    feed = feedparser.parse((bundled_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == len(archive.meetings) + len(archive.releases)
    assert feed.entries[0].title == "Children and Families Scrutiny Panel, 20 July 2023 (minutes)"
    assert "Data release: Children and Families Monthly Dataset – April 2018" in [
        e.title for e in feed.entries
    ]
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)


def test_the_calendar_parses_with_stable_uids(bundled_site):
    calendar = Calendar.from_ical((bundled_site / "meetings.ics").read_bytes())
    events = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert "2023-07-20@children-and-families-scrutiny-panel.southampton-city-council" in uids
    assert len(set(uids)) == len(uids)
    july = next(e for e in events if str(e["UID"]).startswith("2023-07-20"))
    assert july.decoded("DTSTART").isoformat() == "2023-07-20T16:30:00+00:00"
    assert str(july["STATUS"]) == "CONFIRMED"
    programme = next(e for e in events if str(e["UID"]).startswith("2018-07-26"))
    assert str(programme["STATUS"]) == "TENTATIVE"


def test_the_feed_is_announced_on_every_page(bundled_site):
    assert 'type="application/atom+xml"' in page(bundled_site, "meetings").html


def test_the_open_data_page_documents_the_extensions(bundled_site):
    text = page(bundled_site, "data").text
    assert "statusHistory" in text and "OParl 1.1" in text
