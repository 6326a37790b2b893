"""Open data on the bundled archive: JSON in OParl's terms, the Atom feed, the calendar,
and every indicator at once as a Frictionless Data Package and a zip."""

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import feedparser
import frictionless
from icalendar import Calendar

from builder import pipeline, urls
from builder.disclosure import public
from builder.render import datapackage, downloads, opendata

from .conftest import FIXTURES
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


def test_the_list_of_meetings_is_made_of_their_files_as_json_text_writes_it(bundled_archive):
    archive, _ = bundled_archive
    documents = list(opendata.meeting_documents(archive).values())
    documents += [{"text": 'a "quoted" line\nand €', "none": None, "empty": {}, "list": []}]
    for chosen in (documents, documents[:1], []):
        texts = [opendata.json_text(document) for document in chosen]
        listed = opendata.json_text(opendata.meetings_json(chosen))
        assert opendata.meetings_list_text(texts) == listed


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


# --------------------------------------------------------------------------- indicators


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _validate(descriptor: Path) -> frictionless.Report:
    report = frictionless.validate(descriptor)
    assert report.valid, [error.message for error in report.flatten(["note"])]
    return report


def test_the_data_package_validates_and_agrees_with_each_indicators_files(bundled_site):
    descriptor = bundled_site / urls.data_package().path
    report = _validate(descriptor)
    assert report.stats["errors"] == 0 and report.stats["tasks"] == len(urls.DATA_TABLES)
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(urls.DATA_TABLES)
    assert package["contributors"] == [
        {"title": "Southampton City Council", "roles": ["publisher"]}
    ]
    assert "licenses" not in package, "the bundled records state no licence"
    assert "gives no licence" in package["description"]
    folder = descriptor.parent
    tables = {name: _rows((folder / f"{name}.csv").read_text()) for name in urls.DATA_TABLES}
    indicators = tables["indicators"][1:]
    pages = sorted(p.parent.name for p in (bundled_site / "indicators").glob("*/index.html"))
    assert sorted(row[0] for row in indicators) == pages, "one row per indicator page"
    assert all(row[-1] == f"indicators/{row[0]}/" for row in indicators)
    with_values = 0
    for slug in pages:
        for name, table in [
            ("data.csv", "values"),
            ("benchmarks.csv", "benchmarks"),
            ("targets.csv", "targets"),
        ]:
            beside = bundled_site / "indicators" / slug / name
            if not beside.is_file():
                continue
            header, *own = _rows(beside.read_text(encoding="utf-8"))
            assert tables[table][0] == ["indicator_id", *header]
            assert [row[1:] for row in tables[table][1:] if row[0] == slug] == own, (slug, name)
            with_values += name == "data.csv"
    assert with_values >= 50
    assert len(tables["values"]) - 1 == sum(
        len(_rows(p.read_text())) - 1 for p in bundled_site.glob("indicators/*/data.csv")
    )


def test_the_table_of_values_made_of_the_data_csv_files_is_the_table_made_of_rows(
    bundled_archive,
):
    archive, analysis = public(*bundled_archive)
    releases = {release.id: release for release in archive.releases}
    data_csvs = {
        slug: (downloads.data_csv(a, releases), len(a.series))
        for slug, a in analysis.indicators.items()
        if a.series
    }
    made = datapackage.values_csv(data_csvs)
    assert made == datapackage.table_csv("values", archive, analysis)
    assert made.count("\n") > 500
    text = downloads.csv_text(["a", "b"], [["x", "two\nlines"], ["y", "z"]])
    assert datapackage.values_csv({"lac1": (text, 2)}) is None, "a line is not a row"
    assert datapackage.values_csv({"lac1": (text, 3)})  # read as 3 lines: the file's own
    assert datapackage.values_csv({"-1+1": ("a\nb\n", 1)}) is None, "an id made safe"


def test_the_data_package_describes_every_column(bundled_site):
    package = json.loads((bundled_site / urls.data_package().path).read_text())
    values = next(r for r in package["resources"] if r["name"] == "values")
    fields = {f["name"]: f for f in values["schema"]["fields"]}
    assert fields["value"]["type"] == "number"
    assert fields["period_start"]["type"] == "date"
    assert values["schema"]["primaryKey"] == ["indicator_id", "period"]
    assert values["schema"]["foreignKeys"][0]["reference"]["resource"] == "indicators"
    assert all(f["description"] for r in package["resources"] for f in r["schema"]["fields"])
    assert package["created"] == "2023-07-20T00:00:00Z", "the edition, not the clock"


def test_a_value_of_an_unlisted_indicator_is_refused_by_the_validator(bundled_site, tmp_path):
    """The validation above can fail: the foreign keys are checked."""
    folder = tmp_path / "data"
    shutil.copytree(bundled_site / "data", folder)
    values = folder / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    lines.append("no-such-indicator," + lines[1].split(",", 1)[1])
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = frictionless.validate(folder / "datapackage.json")
    assert [error for [error] in report.flatten(["type"])] == ["foreign-key"]


def test_a_licence_the_council_states_is_in_the_data_package(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    site_file = root / "site_config" / "site.yml"
    url = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    site_file.write_text(
        site_file.read_text()
        + f"data_licence:\n  name: Open Government Licence v3.0\n  url: {url}\n"
    )
    site = pipeline.build(root, tmp_path / "site").out
    descriptor = site / urls.data_package().path
    _validate(descriptor)
    package = json.loads(descriptor.read_text())
    assert package["licenses"] == [{"title": "Open Government Licence v3.0", "path": url}]
    with zipfile.ZipFile(site / urls.indicators_zip().path) as archive:
        readme = archive.read(urls.ZIP_README).decode("utf-8")
    assert "Open Government Licence v3.0" in readme


def test_the_zip_holds_every_indicators_files_as_served(bundled_site, bundled_archive):
    _, analysis = bundled_archive
    with zipfile.ZipFile(bundled_site / urls.indicators_zip().path) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        edition = analysis.as_of
        assert {info.date_time for info in infos} == {
            (edition.year, edition.month, edition.day, 0, 0, 0)
        }
        assert {info.external_attr >> 16 for info in infos} == {0o100644}
        for name in names:
            if name == urls.ZIP_README:
                continue
            served = bundled_site / name
            assert archive.read(name) == served.read_bytes(), name
        readme = archive.read(urls.ZIP_README).decode("utf-8")
    with_values = [slug for slug, a in analysis.indicators.items() if a.series]
    folders = {name.split("/")[1] for name in names if name.startswith("indicators/")}
    assert folders == set(with_values)
    for slug in with_values:
        assert f"indicators/{slug}/data.csv" in names
        assert f"indicators/{slug}/metadata.json" in names
    assert "data/datapackage.json" in names and "data/values.csv" in names
    assert "Publisher: Southampton City Council. Edition: 2023-07-20." in " ".join(readme.split())
    for column in ("period_start", "published_as", "financial_year", "release_published"):
        assert f"{column}: " in readme


def test_the_open_data_page_lists_the_indicator_files(bundled_site):
    data = page(bundled_site, "data")
    for address in [
        urls.data_package(),
        *(urls.data_table(name) for name in urls.DATA_TABLES),
        urls.indicators_zip(),
    ]:
        href = address.href_from(urls.open_data())
        assert f'href="{href}"' in data.html, href
        assert (bundled_site / address.path).is_file()
    for name in urls.INDICATOR_DOWNLOADS:
        assert urls.indicator_download_pattern(name) in data.text
    assert "Frictionless Data Package" in data.text
