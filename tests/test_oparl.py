"""The OParl 1.1 interface, crawled as a generic client crawls it.

The client knows one address, the ``System`` object's, and follows only what the
specification tells it to: the ids (URLs) in the properties the OParl 1.1 schemas mark as
references, the external lists they name, and ``links.next`` from page to page. A URL of
the site is read from the built site folder at the same path. Every object reached is
checked against the OParl 1.1 JSON schema of its type (vendored in ``tests/oparl_schema/``
from the specification's repository, tag v1.1.1): required properties, types, URL,
date and date-time formats; and against rules the schemas cannot say: no ``null``
anywhere, every object retrievable at its id, an embedded object the same as the object at
its id but for the reference back to its parent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT7

from builder import pipeline, urls
from builder.model import Archive, Document
from builder.render import oparl

from .conftest import FIXTURES, REPOSITORY

SCHEMAS = Path(__file__).parent / "oparl_schema"
TYPES = [path.stem for path in sorted(SCHEMAS.glob("*.json"))]
OPARL = "https://schema.oparl.org/1.1/"
BASE = "https://council.example.org/panel/2024-02/"


# --------------------------------------------------------------------------- the schemas


def _as_json_schema(node: Any) -> Any:
    """The schemas name an embedded object's schema with ``"schema": "File.json"``: read
    it as JSON Schema's ``$ref``, only where the property is an object."""
    if isinstance(node, dict):
        out = {k: _as_json_schema(v) for k, v in node.items()}
        if out.get("type") == "object" and "schema" in out:
            out["$ref"] = out.pop("schema")
        return out
    if isinstance(node, list):
        return [_as_json_schema(v) for v in node]
    return node


def _raw_schema(kind: str) -> dict:
    return json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# OParl 1.1, "Datums- und Zeitangaben": yyyy-mm-ddThh:mm:ss±hh:mm
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def _is_url(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(_DATE.match(value)) and bool(dt.date.fromisoformat(value))


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(_DATE_TIME.match(value)) and bool(dt.datetime.fromisoformat(value))


FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("url")(_is_url)
FORMATS.checks("date")(_is_date)
FORMATS.checks("date-time")(_is_date_time)
REGISTRY = Registry().with_resources(
    (f"{kind}.json", DRAFT7.create_resource(_as_json_schema(_raw_schema(kind)))) for kind in TYPES
)
VALIDATORS = {
    kind: jsonschema.Draft7Validator(
        _as_json_schema(_raw_schema(kind)), registry=REGISTRY, format_checker=FORMATS
    )
    for kind in TYPES
}


def nulls(value: Any, where: str = "") -> list[str]:
    """Where a value holds ``null``, at any depth."""
    if value is None:
        return [where or "(the document)"]
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in nulls(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [n for i, v in enumerate(value) for n in nulls(v, f"{where}[{i}]")]
    return []


def problems(document: dict, kind: str | None = None) -> list[str]:
    """What makes an object fail OParl 1.1: its schema, and no ``null`` anywhere."""
    found = [f"null at {where}" for where in nulls(document)]
    type_ = document.get("type", "")
    if not isinstance(type_, str) or not type_.startswith(OPARL):
        return [*found, f"type {type_!r} is not an OParl 1.1 type"]
    name = type_.removeprefix(OPARL)
    if kind is not None and name != kind:
        found.append(f"expected a {kind}, found a {name}")
    if name not in VALIDATORS:
        return [*found, f"unknown type {name}"]
    found += [
        f"{'/'.join(map(str, error.absolute_path)) or '(object)'}: {error.message}"
        for error in VALIDATORS[name].iter_errors(document)
    ]
    return found


# --------------------------------------------------------------------------- the client


@dataclasses.dataclass
class Crawl:
    """What a client reached: every object by id, each list's pages, the files read."""

    objects: dict[str, dict]
    lists: dict[str, list[dict]]
    embedded: list[tuple[str, dict]]
    files: set[Path]

    def of_type(self, kind: str) -> list[dict]:
        return [o for o in self.objects.values() if o["type"] == OPARL + kind]


def _references(schema: dict) -> Iterator[tuple[str, str, str]]:
    """Each property of a type that refers to other objects: (property, how, type), where
    how is 'object' (a URL), 'objects' (URLs), 'list' (an external list of that type),
    'embedded' or 'embedded-list'."""
    for name, spec in schema["properties"].items():
        if name in ("id", "type"):
            continue
        references = spec.get("references")
        items = spec.get("items", {})
        if references == "externalList":
            yield name, "list", items["schema"].removesuffix(".json")
        elif references and spec.get("type") == "array":
            yield name, "objects", references
        elif references:
            yield name, "object", references
        elif spec.get("type") == "object" and "schema" in spec:
            yield name, "embedded", spec["schema"].removesuffix(".json")
        elif spec.get("type") == "array" and "schema" in items:
            yield name, "embedded-list", items["schema"].removesuffix(".json")


REFERENCES = {kind: list(_references(_raw_schema(kind))) for kind in TYPES}


def crawl(site: Path, entry: str, base: str) -> Crawl:
    """Start at ``entry`` and follow ids and ``links.next`` until nothing new is reached."""
    crawled = Crawl(objects={}, lists={}, embedded=[], files=set())
    queue: list[tuple[str, str, str]] = [(entry, "object", "System")]

    def read(url: str) -> dict:
        assert url.startswith(base), f"{url} is not an address of the site"
        path = site / url.removeprefix(base)
        assert path.is_file(), f"{url} does not resolve to a file of the site"
        crawled.files.add(path)
        return json.loads(path.read_text(encoding="utf-8"))

    def visit(document: dict, kind: str) -> None:
        assert problems(document, kind) == [], (document.get("id"), problems(document, kind))
        for name, how, target in REFERENCES[kind]:
            if name not in document:
                continue
            value = document[name]
            if how == "list":
                queue.append((value, "list", target))
            elif how == "object":
                queue.append((value, "object", target))
            elif how == "objects":
                queue.extend((url, "object", target) for url in value)
            elif how == "embedded":
                crawled.embedded.append((target, value))
                queue.append((value["id"], "object", target))
                visit(value, target)
            else:
                for inner in value:
                    crawled.embedded.append((target, inner))
                    queue.append((inner["id"], "object", target))
                    visit(inner, target)

    seen: set[str] = set()
    while queue:
        url, how, kind = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if how == "object":
            document = read(url)
            assert document["id"] == url, f"{url} holds the object {document['id']}"
            crawled.objects[url] = document
            visit(document, kind)
            continue
        pages = crawled.lists.setdefault(url, [])
        page_url: str | None = url
        while page_url:
            page = read(page_url)
            assert set(page) >= {"data", "pagination", "links"}, page_url
            assert nulls(page) == [], page_url
            pages.append(page)
            for document in page["data"]:
                queue.append((document["id"], "object", kind))
                visit(document, kind)
            page_url = page["links"].get("next")
            assert len(pages) <= 10_000, "links.next goes round in circles"
    return crawled


def check_crawl(crawled: Crawl, site: Path, base: str, with_pages: bool = True) -> None:
    """What holds of any interface reached from its System object."""
    # an object in a list or embedded in another is the object at its id, but for the
    # reference back to its parent, which only the object at its id carries
    for url, pages in crawled.lists.items():
        listed = [document for page in pages for document in page["data"]]
        assert [p["pagination"]["currentPage"] for p in pages] == list(range(1, len(pages) + 1))
        assert {p["pagination"]["totalElements"] for p in pages} == {len(listed)}, url
        per_page = {p["pagination"]["elementsPerPage"] for p in pages}
        assert len(per_page) == 1 and all(len(p["data"]) <= min(per_page) for p in pages)
        assert all(len(p["data"]) == min(per_page) for p in pages[:-1]), url
        assert "next" not in pages[-1]["links"]
        ids = [document["id"] for document in listed]
        assert len(ids) == len(set(ids)), f"{url} lists an object twice"
        for document in listed:
            assert document == crawled.objects[document["id"]], document["id"]
    for _kind, inner in crawled.embedded:
        whole = crawled.objects[inner["id"]]
        assert {k: v for k, v in whole.items() if k in inner} == inner, inner["id"]
        assert set(whole) - set(inner) <= {"meeting", "agendaItem", "meetings", "person", "body"}
    # every reference, the extension namespace's included, resolves to an object reached
    for document in crawled.objects.values():
        for url in _urls_in(document):
            if url.startswith(base + "oparl/"):
                assert url in crawled.objects or url in crawled.lists, url
            elif url.startswith(base) and with_pages:
                path = urlsplit(url).path.removeprefix(urlsplit(base).path)
                assert (site / path / "index.html").is_file() or (site / path).is_file(), url
    # every file of the interface is reached
    written = set((site / "oparl").rglob("*.json"))
    assert written == crawled.files, sorted(map(str, written - crawled.files))[:5]


def _urls_in(value: Any) -> Iterator[str]:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        yield value.split("#")[0]
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _urls_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _urls_in(inner)


def check_archive_reached(crawled: Crawl, archive: Archive, base: str) -> None:
    """Every meeting, item, member, person of the register of officers and document."""
    ids = set(crawled.objects)
    for meeting in archive.meetings:
        assert base + urls.oparl_meeting(meeting.slug).path in ids, meeting.slug
    items = crawled.of_type("AgendaItem")
    assert len(items) == sum(len(m.items) for m in archive.meetings)
    for person in archive.people:
        assert base + urls.oparl_member(person.id).path in ids, person.id
    for officer in archive.officers:
        assert base + urls.oparl_officer(officer.id).path in ids, officer.id
    assert len(crawled.of_type("Person")) == len(archive.people) + len(archive.officers)
    recorded = sorted(
        d.title
        for m in archive.meetings
        for d in [*m.documents, *(d for item in m.items for d in item.documents)]
    )
    files = [f["name"] for f in crawled.of_type("File")]
    unlinked = [
        d["name"]
        for m in crawled.of_type("Meeting")
        for holder in [m, *m.get("agendaItem", [])]
        for d in holder.get("archive:documentsWithoutAddress", [])
    ]
    assert sorted(files + unlinked) == recorded
    (body,) = crawled.of_type("Body")
    assert body["name"] == archive.site.council
    (organization,) = crawled.of_type("Organization")
    assert organization["id"] in {m["organization"][0] for m in crawled.of_type("Meeting")}


# --------------------------------------------------------------------------- the sites


def _with_site_url(source: Path, root: Path, base: str = BASE) -> Path:
    """A copy of a content root whose site configuration gives ``site_url``."""
    for folder in ("content", "glossary", "site_config"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, root / folder)
    site_file = root / "site_config" / "site.yml"
    site_file.write_text(site_file.read_text(encoding="utf-8") + f"site_url: {base}\n")
    return root


def _built(tmp_path_factory, source: Path) -> tuple[Path, Archive]:
    folder = tmp_path_factory.mktemp("oparl")
    root = _with_site_url(source, folder / "root")
    result = pipeline.build(root, folder / "site")
    return result.out, result.archive


@pytest.fixture(scope="module")
def patterns(tmp_path_factory) -> tuple[Path, Archive, Crawl]:
    site, archive = _built(tmp_path_factory, FIXTURES / "patterns")
    return site, archive, crawl(site, BASE + urls.oparl_system().path, BASE)


ENTRY = BASE + urls.oparl_system().path


@pytest.mark.parametrize("fixture", ["minimal", "sample"])
def test_a_client_reaches_every_record_of_the_fixture_archives(tmp_path_factory, fixture):
    site, archive = _built(tmp_path_factory, FIXTURES / fixture)
    crawled = crawl(site, ENTRY, BASE)
    check_crawl(crawled, site, BASE)
    check_archive_reached(crawled, archive, BASE)


def test_a_client_reaches_every_record_of_the_patterns(patterns):
    site, archive, crawled = patterns
    check_crawl(crawled, site, BASE)
    check_archive_reached(crawled, archive, BASE)


@pytest.mark.slow
def test_a_client_reaches_every_record_of_the_bundled_archive(tmp_path_factory):
    site, archive = _built(tmp_path_factory, REPOSITORY)
    crawled = crawl(site, ENTRY, BASE)
    check_crawl(crawled, site, BASE)
    check_archive_reached(crawled, archive, BASE)
    assert len(crawled.of_type("Meeting")) == len(archive.meetings) >= 6
    (items,) = [pages for url, pages in crawled.lists.items() if "agenda-item" in url]
    assert len(items) > 1, "the agenda items take more than one page: links.next is followed"
    july = crawled.objects[BASE + urls.oparl_meeting(dt.date(2023, 7, 20)).path]
    assert july["start"] == "2023-07-20T17:30:00+01:00"
    assert july["location"]["description"] == "Conference Room 3 - Civic Centre"
    ofsted = next(item for item in july["agendaItem"] if item.get("number") == "11")
    assert ofsted["public"] is False
    assert [d["identifier"] for d in ofsted["archive:decisions"]] == [
        "2023-07-20/11/1",
        "2023-07-20/11/2",
        "2023-07-20/11/3",
    ]


# --------------------------------------------------------------------------- the patterns


def _meeting(crawled: Crawl, day: dt.date | str) -> dict:
    return crawled.objects[BASE + urls.oparl_meeting(day).path]


def test_special_moved_cancelled_and_undated_meetings(patterns):
    _, _, crawled = patterns
    special = _meeting(crawled, dt.date(2024, 7, 25))
    assert special["archive:kind"] == "special"
    assert special["archive:specialReason"].startswith("To consider the inspectorate")
    moved = _meeting(crawled, dt.date(2024, 7, 18))
    assert moved["meetingState"] == "moved" and moved["cancelled"] is False
    assert moved["archive:movedTo"] == special["id"]
    cancelled = _meeting(crawled, dt.date(2025, 1, 9))
    assert cancelled["meetingState"] == "cancelled" and cancelled["cancelled"] is True
    undated = _meeting(crawled, "between-2024-09-13-and-2024-11-20")
    assert "start" not in undated and "archive:date" not in undated
    assert undated["archive:dateUnknown"]["earliest"] == "2024-09-13"
    assert undated["archive:municipalYear"] == "2024/25"
    dated = _meeting(crawled, dt.date(2024, 9, 12))
    assert dated["start"] == "2024-09-12T18:00:00+01:00"
    assert dated["archive:date"] == "2024-09-12"


def test_substitutes_are_people_with_a_substitute_membership(patterns):
    _, archive, crawled = patterns
    may = _meeting(crawled, dt.date(2024, 5, 23))
    (substitution,) = may["archive:substitutions"]
    assert substitution["paired"] is True
    substitute = crawled.objects[substitution["substitute"]]
    assert substitute["type"] == OPARL + "Person"
    roles = {(m["role"], m["archive:municipalYear"]) for m in substitute["membership"]}
    assert ("Substitute", "2024/25") in roles
    unpaired = _meeting(crawled, dt.date(2025, 2, 13))["archive:substitutions"][0]
    assert unpaired["paired"] is False and "member" not in unpaired
    assert len(unpaired["substitutes"]) == 2
    organization = crawled.of_type("Organization")[0]
    memberships = crawled.of_type("Membership")
    assert sorted(organization["membership"]) == sorted(m["id"] for m in memberships)
    assert {m["person"] for m in memberships} <= {
        BASE + urls.oparl_member(p.id).path for p in archive.people
    }


def test_exempt_appendices_are_in_the_extension_and_the_item_stays_public(patterns):
    _, _, crawled = patterns
    items = {item["id"]: item for item in crawled.of_type("AgendaItem")}
    item = items[BASE + urls.oparl_agenda_item(dt.date(2024, 9, 12), "14").path]
    assert item["public"] is True
    assert item["archive:exclusion"]["appendices"] == [
        {"title": "Appendix A - exclusions by school"}
    ]
    assert item["archive:exclusion"]["notNeeded"] is True
    assert item["meeting"] == _meeting(crawled, dt.date(2024, 9, 12))["id"]
    assert [i["order"] for i in _meeting(crawled, dt.date(2024, 9, 12))["agendaItem"]] == [
        0,
        1,
        2,
        3,
    ]


def test_the_entry_point_and_the_body(patterns):
    _, archive, crawled = patterns
    system = crawled.objects[ENTRY]
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert system["website"] == BASE
    (body,) = crawled.of_type("Body")
    assert body["system"] == ENTRY
    years = sorted({m.municipal_year for m in archive.meetings})
    assert [t["archive:municipalYear"] for t in body["legislativeTerm"]] == years
    (papers,) = [pages for url, pages in crawled.lists.items() if url == body["paper"]]
    assert papers[0]["data"] == [], "the archive records no papers, and says so"


# --------------------------------------------------------------------------- documents


def _link_every_other(archive: Archive) -> Archive:
    """The archive with a web address on every other document."""
    counter = iter(range(1_000))

    def linked(documents: list[Document]) -> list[Document]:
        return [
            dataclasses.replace(d, url=f"https://www.example.gov.uk/documents/{n}.pdf")
            if (n := next(counter)) % 2 == 0
            else d
            for d in documents
        ]

    meetings = [
        dataclasses.replace(
            m,
            documents=linked(m.documents),
            items=[dataclasses.replace(i, documents=linked(i.documents)) for i in m.items],
        )
        for m in archive.meetings
    ]
    return dataclasses.replace(archive, meetings=meetings)


def test_a_document_with_a_web_address_is_a_file_and_one_without_is_listed(tmp_path):
    root = _with_site_url(FIXTURES / "sample", tmp_path / "root")
    archive, analysis = pipeline.check(root)
    archive = _link_every_other(archive)
    site = tmp_path / "site"
    for address, document in oparl.interface(archive, analysis).items():
        (site / address.path).parent.mkdir(parents=True, exist_ok=True)
        (site / address.path).write_text(oparl.json_text(document), encoding="utf-8")
    crawled = crawl(site, ENTRY, BASE)
    check_crawl(crawled, site, BASE, with_pages=False)
    check_archive_reached(crawled, archive, BASE)
    assert undocumented(crawled) == set()
    files = crawled.of_type("File")
    assert files and all(f["accessUrl"].startswith("https://www.example.gov.uk/") for f in files)
    pack = next(f for f in files if f["name"] == "Agenda pack")
    assert pack["mimeType"] == "application/pdf" and pack["archive:size"] == "1.2 MB"
    assert "size" not in pack, "OParl's size is in bytes; the record prints 1.2 MB"
    assert pack["meeting"] == [_meeting(crawled, dt.date(2023, 11, 16))["id"]]
    embedded = _meeting(crawled, dt.date(2023, 11, 16))["auxiliaryFile"]
    assert [f["id"] for f in embedded] == [pack["id"]] and "meeting" not in embedded[0]
    on_items = [f for f in files if "agendaItem" in f]
    assert on_items and all(crawled.objects[f["agendaItem"][0]] for f in on_items)


def test_without_a_site_url_no_interface_is_written_and_the_build_says_why(
    bundled_site, bundled_archive
):
    archive, _ = bundled_archive
    assert archive.site.site_url is None
    assert not (bundled_site / "oparl").exists()
    assert "site_url" in (oparl.unavailable(archive.site) or "")


# --------------------------------------------------------------------------- the checks fail


GOOD_MEETING = {
    "id": BASE + "oparl/meeting/2024-09-12.json",
    "type": OPARL + "Meeting",
    "start": "2024-09-12T18:00:00+01:00",
    "participant": [BASE + "oparl/person/member/a.json"],
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"location": None}, "null at .location"),
        ({"id": "meetings/2024-09-12/"}, "id: 'meetings/2024-09-12/' is not a 'url'"),
        ({"participant": [{"name": "A"}]}, "participant/0: {'name': 'A'} is not of type 'string'"),
        ({"start": "2024-09-12"}, "start: '2024-09-12' is not a 'date-time'"),
        ({"auxiliaryFile": [{"id": BASE + "f.json", "type": OPARL + "File"}]}, "accessUrl"),
        ({"location": {"type": OPARL + "Location"}}, "'id' is a required property"),
        ({"type": OPARL + "Paper"}, "expected a Meeting, found a Paper"),
    ],
)
def test_the_checks_refuse_what_the_issue_found(change, expected):
    assert problems(GOOD_MEETING, "Meeting") == []
    found = problems({**GOOD_MEETING, **change}, "Meeting")
    assert any(expected in problem for problem in found), found


def undocumented(crawled: Crawl) -> set[str]:
    """Extension properties of the objects reached that the open data page does not list."""
    found = set()
    for document in [*crawled.objects.values(), *(inner for _, inner in crawled.embedded)]:
        kind = document["type"].removeprefix(OPARL)
        for name in document:
            if ":" in name:
                prefix, _, field = name.partition(":")
                if prefix != oparl.EXTENSION_PREFIX or field not in oparl.EXTENSIONS[kind]:
                    found.add(f"{kind}.{name}")
    return found


def test_every_extension_is_in_the_namespace_and_documented(patterns, tmp_path):
    _, _, crawled = patterns
    assert undocumented(crawled) == set()
    used = {name for o in crawled.objects.values() for name in o if ":" in name}
    assert {"archive:substitutions", "archive:dateUnknown", "archive:exclusion"} <= used
    decisions = oparl.EXTENSIONS["AgendaItem"]["decisions"]
    assert "fulfilledBy (the AgendaItem that answered it)" in decisions
    stray = dataclasses.replace(crawled, objects={"x": {"type": OPARL + "Meeting", "x:y": 1}})
    assert undocumented(stray) == {"Meeting.x:y"}


def test_check_names_the_entry_point_or_says_why_there_is_none(tmp_path, capsys):
    from builder.cli import main

    assert main(["check", "--root", str(FIXTURES / "minimal")]) == 0
    assert "OParl interface (oparl/) is not written" in capsys.readouterr().out
    root = _with_site_url(FIXTURES / "minimal", tmp_path / "root")
    assert main(["check", "--root", str(root)]) == 0
    assert f"OParl 1.1 interface: {ENTRY}\n" in capsys.readouterr().out


def test_the_open_data_page_gives_the_entry_point_and_the_namespace(patterns):
    site, _, _ = patterns
    from .pages import page

    data = page(site, "data")
    assert ENTRY in data.text
    for kind, fields in oparl.EXTENSIONS.items():
        assert f"archive: on {kind}" in data.text
        assert all(f"archive:{name}" in data.text for name in fields)
    assert "publishes no OParl interface" not in data.text
