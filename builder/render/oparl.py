"""A static OParl 1.1 interface: the archive as a council information system's API.

OParl 1.1 (https://oparl.org/) is the standard interface of council information systems.
A client starts at one address, the ``System`` object, and follows ids and ``links.next``:

    System -> Body (the council) -> lists of Organization (the committee), Person (the
    member register and the register of officers), Meeting (with AgendaItem, File and
    Location inside), AgendaItem, File, Location, Membership (members' roles by municipal
    year), LegislativeTerm (municipal years) and Paper (none: the archive records none).

Every object is a JSON file of its own at its id, and embedded where the specification
embeds it (an ``AgendaItem`` in its ``Meeting``, a ``Membership`` in its ``Person``, ...),
there without the reference back to its parent. The rules the specification sets are kept
here, not left to the content: a property without a value is left out (never ``null``,
never an empty list unless the property is required); references between objects are
absolute URLs; what OParl has no property for is written under the extension namespace
``archive:`` (``EXTENSION_PREFIX``), documented on the open data page. Lists are split into
pages of ``ELEMENTS_PER_PAGE`` objects, oldest first, so a new meeting adds to the last page
and earlier pages keep their objects from one edition to the next.

OParl ids must be absolute URLs, so the interface is written only where the site
configuration gives ``site_url``; ``unavailable`` says why it is not, for ``check`` and
``build`` to report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from builder import urls
from builder.analyse import speaker
from builder.model import (
    AgendaItem,
    Analysis,
    Archive,
    Attendance,
    Document,
    Meeting,
    Officer,
    Person,
    SiteConfig,
    Source,
)
from builder.render import opendata
from builder.render.opendata import EXTENSIONS as OPEN_DATA_EXTENSIONS
from builder.render.opendata import LONDON, MIME_TYPES, OPARL
from builder.slugs import slugify

JSON = dict[str, Any]

OPARL_VERSION = OPARL
EXTENSION_PREFIX = "archive"
ELEMENTS_PER_PAGE = 20
# OParl's coarse kind of an organization ('Gremium': a committee), from the specification's
# list of values, which are German.
COMMITTEE_TYPE = "Gremium"
# What a member's role in a municipal year is called: OParl ``Membership.role``.
ROLE_NAMES = {
    "councillor": "Member",
    "appointed_member": "Appointed member",
    "substitute": "Substitute",
    "chair": "Chair",
    "vice_chair": "Vice-chair",
}
# The reference back to the parent that an object leaves out when embedded in it.
_BACK_REFERENCES = {
    "AgendaItem": ("meeting",),
    "File": ("meeting", "agendaItem"),
    "Location": ("meetings",),
    "Membership": ("person",),
    "LegislativeTerm": ("body",),
}
# Properties the specification requires even where they are empty lists.
_REQUIRED_LISTS = frozenset({"legislativeTerm", "data"})


# What each object of the interface carries, for the open data page, in a client's order.
OBJECTS: dict[str, str] = {
    "System": "the entry point: oparlVersion, name, website, license (where the council states "
    "one) and the list of bodies",
    "Body": "the council: name, its municipal years (legislativeTerm) and a list of each kind "
    "of object below; the list of papers is empty, as the archive records none",
    "Organization": "the committee: name, organizationType Gremium, the ids of its "
    "memberships, the list of its meetings",
    "Person": "each member of the panel (name, familyName, givenName, formOfAddress and their "
    "memberships inside) and each person of the register of officers (name)",
    "Membership": "a member's role in one municipal year: Member or Appointed member, "
    "Substitute, Chair or Vice-chair (startDate and endDate where the register gives them)",
    "LegislativeTerm": "a municipal year (May to April)",
    "Meeting": "name, meetingState, cancelled, start (where the record gives a time), "
    "location, organization, participant (the members present), its agenda items and "
    "documents inside",
    "AgendaItem": "number as the agenda printed it, order (its place on the agenda, from 0), "
    "name, public, resolutionText, its documents inside",
    "File": "a document with a web address: name, mimeType, date, accessUrl",
    "Location": "a venue: description, and the meetings held there",
}


def _as_in(kind: str, *names: str) -> dict[str, str]:
    """Extensions that mean in the interface what they mean in ``data/meetings.json``."""
    return {name: OPEN_DATA_EXTENSIONS[kind][name] for name in names}


# What each extension of the interface means, by OParl type, for the open data page; each
# is written ``archive:<name>``. A person, meeting or agenda item in an extension is given
# by its id in the interface.
EXTENSIONS: dict[str, dict[str, str]] = {
    "Body": {"licence": "the name of the licence the council publishes its records under"},
    "Organization": {
        "role": "the committee's role, from its agenda packs",
        "termsOfReference": "its terms of reference",
        "quorum": "its quorum",
        "sources": "the documents these were transcribed from",
    },
    "Person": {
        "kind": "councillor or appointed_member for a member of the panel; officer, "
        "cabinet_member, councillor or guest for a person of the register of officers",
        **_as_in("Person", "aliases", "roles"),
        "addressed": "for a person of the register of officers, each item they addressed: "
        "meeting and agendaItem, their role then, kind, asPublished",
        "notes": "transcription notes on the person",
    },
    "Membership": {
        "municipalYear": "the council year of the role, e.g. 2018/19",
        "legislativeTerm": "the LegislativeTerm of that year",
        "source": "for a chair or vice-chair, where the register records the term",
    },
    "LegislativeTerm": {
        "municipalYear": "the council year, e.g. 2018/19; its first and last days are left "
        "out, as the year begins at the council's annual meeting in May, a date the records "
        "do not give",
    },
    "Meeting": {
        "date": "the meeting's date (start gives the time as well, where the record does)",
        **_as_in(
            "Meeting",
            "kind",
        ),
        "specialReason": "why a special meeting was called",
        **_as_in(
            "Meeting",
            "movedTo",
            "online",
            "dateInferred",
            "dateUnknown",
            "municipalYear",
        ),
        "legislativeTerm": "the LegislativeTerm of its municipal year",
        "chair": "the member who chaired the meeting",
        "viceChair": "the vice-chair",
        "members": "the members the agenda lists",
        "apologies": "members who gave apologies",
        "invited": OPEN_DATA_EXTENSIONS["Meeting"]["invited"],
        **_as_in("Meeting", "partAttendance", "spellings", "substitutions"),
        "declarations": "declarations of interest: member, item number, interest (the kind, "
        "where the record states it), text",
        **_as_in("Meeting", "corrections", "disagreements", "sources", "notes"),
        "documentsWithoutAddress": "documents the record lists with no web address (so no "
        "File can stand for them, as OParl requires a File's accessUrl): name, format, size "
        "as printed, date",
    },
    "AgendaItem": {
        **_as_in("AgendaItem", "minuteNumber"),
        "orderTaken": "the item's position in the order the meeting took its items, counted "
        "from 1, where the meeting changed the order of business (order is its place on the "
        "agenda, counted from 0 as OParl counts)",
        **_as_in(
            "AgendaItem", "reportOf", "summary", "minutes", "exemption", "confidentialityLifted"
        ),
        "exclusion": "exclusion of the press and public, as far as the record states it: "
        "appendices withheld (title, and the category and reason given for each), basis "
        "(schedule_12a where the record cites Part 1 of Schedule 12A to the Local Government "
        "Act 1972), cites (any other rule or legislation cited, as written), category and "
        "reason (for every appendix), notNeeded when members agreed not to discuss them, note",
        "approves": "minutes of earlier meetings approved by this item: date, meeting (where "
        "the meeting is in this archive), amendments",
        "disagreements": "where records of the item disagree, what each says",
        "chair": "a member in the chair for this item only",
        "addressedBy": "people who addressed the panel on the item: person (for a person of "
        "the register of officers), name, asPublished (the name as printed, where it "
        "differs), role (as the record gives it, or else their post in the register on the "
        "day), kind (officer, cabinet_member, councillor or guest)",
        "decisions": OPEN_DATA_EXTENSIONS["AgendaItem"]["decisions"].replace(
            "fulfilledBy (meeting/item)", "fulfilledBy (the AgendaItem that answered it)"
        ),
        "requests": OPEN_DATA_EXTENSIONS["AgendaItem"]["requests"],
        "indicators": OPEN_DATA_EXTENSIONS["AgendaItem"]["indicators"],
        "documentsWithoutAddress": "documents of the item with no web address: name, "
        "format, size as printed, date",
    },
    "File": {
        "size": "the size as the record prints it (e.g. 280 KB); OParl's size counts bytes",
        "format": "the format as the record writes it, where it has no known media type",
    },
}


def unavailable(site: SiteConfig) -> str | None:
    """Why the site has no OParl interface, or None where it has one."""
    if site.site_url:
        return None
    return (
        "The OParl interface (oparl/) is not written: OParl ids must be absolute web "
        "addresses, and site_config/site.yml gives no site_url."
    )


def status(site: SiteConfig) -> str:
    """What ``check`` and ``build`` say of the interface: its entry point, or why none."""
    reason = unavailable(site)
    if reason:
        return reason
    return "OParl 1.1 interface: " + urls.absolute(urls.oparl_system(), site.site_url)


def document_url(document: Document) -> str | None:
    """The web address where a document can be fetched, where the content gives one."""
    return document.url


def ext(name: str) -> str:
    """A property of the extension namespace: ``archive:municipalYear``."""
    return f"{EXTENSION_PREFIX}:{name}"


def json_text(document: JSON) -> str:
    return opendata.json_text(document)


# --------------------------------------------------------------------------- the interface


def interface(archive: Archive, analysis: Analysis) -> dict[urls.Address, JSON]:
    """Every file of the interface, by its address; none where the site has no address."""
    if unavailable(archive.site):
        return {}
    return _Interface(archive, analysis).files()


@dataclass(frozen=True)
class _DocumentPlace:
    """A document of a meeting, where it is recorded, and its name in the File's id."""

    meeting: Meeting
    item: AgendaItem | None
    item_key: str | None
    document: Document
    name: str


class _Interface:
    """The objects of one archive. Standalone objects carry back-references; ``_embedded``
    strips them where an object is written inside its parent."""

    def __init__(self, archive: Archive, analysis: Analysis) -> None:
        self.archive = archive
        self.analysis = analysis
        self.site_url = archive.site.site_url
        self.people = {person.id: person for person in archive.people}
        self.officers = {officer.id: officer for officer in archive.officers}
        self.meetings = sorted(archive.meetings, key=lambda m: (m.sort_date, m.slug))
        self.documents = [place for m in self.meetings for place in _documents(m)]
        self.venues = _venue_keys(self.meetings)
        # Looked up once per object rather than by going through every meeting or document
        # each time, which grew with the square of the archive.
        self.meeting_urls = {m.slug: self.url(urls.oparl_meeting(m.slug)) for m in self.meetings}
        self.meeting_dates = {m.date for m in self.meetings}
        self.venue_meetings: dict[str, list[str]] = {}
        for m in self.meetings:
            if m.venue:
                self.venue_meetings.setdefault(m.venue, []).append(self.meeting_urls[m.slug])
        self.places: dict[tuple[int, int], list[_DocumentPlace]] = {}
        for place in self.documents:
            self.places.setdefault((id(place.meeting), id(place.item)), []).append(place)
        self.roles: dict[str, list[tuple[urls.Address, JSON]]] = {}
        self.member_urls: dict[str, str] = {}
        self.items: dict[tuple[str, str], JSON] = {}

    # ------------------------------------------------------------------ addresses

    def url(self, address: urls.Address) -> str:
        return urls.absolute(address, self.site_url)

    def list_url(self, kind: str) -> str:
        return self.url(urls.oparl_list(kind))

    def member_url(self, person_id: str) -> str:
        if person_id not in self.member_urls:
            self.member_urls[person_id] = self.url(urls.oparl_member(person_id))
        return self.member_urls[person_id]

    def meeting_url(self, meeting: Meeting) -> str:
        return self.meeting_urls[meeting.slug]

    def item_url(self, meeting: Meeting, key: str) -> str:
        return self.url(urls.oparl_agenda_item(meeting.slug, key))

    @property
    def body_url(self) -> str:
        return self.url(urls.oparl_body(self.archive.site.council))

    @property
    def organization_url(self) -> str:
        return self.url(urls.oparl_organization(self.archive.site.committee))

    # ------------------------------------------------------------------ files

    def files(self) -> dict[urls.Address, JSON]:
        archive = self.archive
        files: dict[urls.Address, JSON] = {urls.oparl_system(): _compact(self.system())}
        body = self.body()
        objects: dict[str, list[tuple[urls.Address, JSON]]] = {
            "body": [(urls.oparl_body(self.archive.site.council), body)],
            "organization": [
                (urls.oparl_organization(self.archive.site.committee), self.organization())
            ],
            "person": [
                *((urls.oparl_member(p.id), self.member(p)) for p in _by_id(archive.people)),
                *((urls.oparl_officer(o.id), self.officer(o)) for o in _by_id(archive.officers)),
            ],
            "meeting": [(urls.oparl_meeting(m.slug), self.meeting(m)) for m in self.meetings],
            "agenda-item": [
                (urls.oparl_agenda_item(m.slug, key), self.agenda_item(m, item, key, position))
                for m in self.meetings
                for position, (item, key) in enumerate(_keyed(m), start=0)
            ],
            "file": [
                (urls.oparl_file(p.meeting.slug, p.name), self.file(p))
                for p in self.documents
                if document_url(p.document)
            ],
            "location": [
                (urls.oparl_location(key), self.location(venue))
                for venue, key in self.venues.items()
            ],
            "membership": [
                (address, membership)
                for person in _by_id(self.archive.people)
                for address, membership in self.memberships(person)
            ],
            "legislative-term": [
                (urls.oparl_legislative_term(year), self.legislative_term(year))
                for year in self.years()
            ],
            "paper": [],
        }
        assert set(objects) == set(urls.OPARL_LISTS)
        for kind in urls.OPARL_LISTS:
            listed = [(address, _compact(document)) for address, document in objects[kind]]
            files.update(listed)
            files.update(self.list_pages(kind, [document for _, document in listed]))
        return files

    def list_pages(self, kind: str, documents: list[JSON]) -> Iterator[tuple[urls.Address, JSON]]:
        """An external object list in pages: ``data``, ``pagination`` and ``links``, with
        ``next`` on every page but the last. The objects come compacted, each once; a page
        itself has no property without a value (``data``, even empty, is required)."""
        per_page = ELEMENTS_PER_PAGE
        pages = max(1, -(-len(documents) // per_page))
        for page in range(1, pages + 1):
            links = {
                "first": self.url(urls.oparl_list(kind, 1)),
                "self": self.url(urls.oparl_list(kind, page)),
                "last": self.url(urls.oparl_list(kind, pages)),
            }
            if page > 1:
                links["prev"] = self.url(urls.oparl_list(kind, page - 1))
            if page < pages:
                links["next"] = self.url(urls.oparl_list(kind, page + 1))
            yield (
                urls.oparl_list(kind, page),
                {
                    "data": documents[(page - 1) * per_page : page * per_page],
                    "pagination": {
                        "totalElements": len(documents),
                        "elementsPerPage": per_page,
                        "currentPage": page,
                        "totalPages": pages,
                    },
                    "links": links,
                },
            )

    # ------------------------------------------------------------------ system and body

    def system(self) -> JSON:
        site = self.archive.site
        licence = site.data_licence
        return {
            "id": self.url(urls.oparl_system()),
            "type": OPARL + "System",
            "oparlVersion": OPARL_VERSION,
            "license": licence.url if licence else None,
            "body": self.list_url("body"),
            "name": site.site_name,
            "website": self.url(urls.home()),
            "web": self.url(urls.open_data()),
        }

    def body(self) -> JSON:
        site = self.archive.site
        licence = site.data_licence
        return {
            "id": self.body_url,
            "type": OPARL + "Body",
            "system": self.url(urls.oparl_system()),
            "name": site.council,
            "license": licence.url if licence else None,
            "organization": self.list_url("organization"),
            "person": self.list_url("person"),
            "meeting": self.list_url("meeting"),
            "paper": self.list_url("paper"),
            "legislativeTerm": [
                _embedded(self.legislative_term(year), "LegislativeTerm") for year in self.years()
            ],
            "agendaItem": self.list_url("agenda-item"),
            "file": self.list_url("file"),
            "locationList": self.list_url("location"),
            "legislativeTermList": self.list_url("legislative-term"),
            "membership": self.list_url("membership"),
            "web": self.url(urls.home()),
            ext("licence"): licence.name if licence else None,
        }

    def organization(self) -> JSON:
        site, committee = self.archive.site, self.archive.committee
        return {
            "id": self.organization_url,
            "type": OPARL + "Organization",
            "body": self.body_url,
            "name": committee.name if committee else site.committee,
            "membership": [
                self.url(address)
                for person in _by_id(self.archive.people)
                for address, _ in self.memberships(person)
            ],
            "meeting": self.list_url("meeting"),
            "organizationType": COMMITTEE_TYPE,
            "web": self.url(urls.home()),
            ext("role"): committee.role if committee else None,
            ext("termsOfReference"): committee.terms_of_reference if committee else None,
            ext("quorum"): committee.quorum if committee else None,
            ext("sources"): _sources(committee.sources) if committee else None,
        }

    def years(self) -> list[str]:
        """The municipal years the archive holds meetings or members' roles in."""
        years = {m.municipal_year for m in self.meetings}
        years |= {term.municipal_year for p in self.archive.people for term in p.roles}
        return sorted(years)

    def legislative_term(self, year: str) -> JSON:
        """A municipal year. Its first and last days are left out: the year runs from the
        council's annual meeting in May, a date the content does not record."""
        with_meetings = any(m.municipal_year == year for m in self.meetings)
        return {
            "id": self.url(urls.oparl_legislative_term(year)),
            "type": OPARL + "LegislativeTerm",
            "body": self.body_url,
            "name": f"Municipal year {year}",
            "web": self.url(urls.municipal_year(year)) if with_meetings else None,
            ext("municipalYear"): year,
        }

    # ------------------------------------------------------------------ people

    def member(self, person: Person) -> JSON:
        return {
            "id": self.member_url(person.id),
            "type": OPARL + "Person",
            "body": self.body_url,
            "name": person.name,
            "familyName": person.family_name,
            "givenName": person.given_name,
            "formOfAddress": "Councillor" if person.kind == "councillor" else None,
            "membership": [
                _embedded(membership, "Membership") for _, membership in self.memberships(person)
            ],
            "web": self.url(urls.member(person.id)),
            ext("kind"): person.kind,
            ext("aliases"): person.aliases,
            ext("notes"): person.notes,
        }

    def officer(self, officer: Officer) -> JSON:
        return {
            "id": self.url(urls.oparl_officer(officer.id)),
            "type": OPARL + "Person",
            "body": self.body_url,
            "name": officer.name,
            "web": self.url(urls.person(officer.id)),
            ext("kind"): officer.kind,
            ext("aliases"): officer.aliases,
            ext("roles"): [
                {
                    "role": term.role,
                    "start": _date(term.start),
                    "end": _date(term.end),
                    "source": term.source,
                }
                for term in officer.roles
            ],
            ext("addressed"): [
                {
                    "meeting": self.meeting_url(a.meeting),
                    "agendaItem": self.item_url(a.meeting, a.item_key),
                    "role": a.speaker.role,
                    "kind": a.speaker.kind,
                    "asPublished": a.speaker.printed_as,
                }
                for a in self.analysis.appearances.get(officer.id, [])
            ],
            ext("notes"): officer.notes,
        }

    def memberships(self, person: Person) -> list[tuple[urls.Address, JSON]]:
        """A member's roles by municipal year (made once per member: the member, the
        committee and the list of memberships each carry them)."""
        if person.id not in self.roles:
            self.roles[person.id] = self._memberships(person)
        return self.roles[person.id]

    def _memberships(self, person: Person) -> list[tuple[urls.Address, JSON]]:
        """A member's roles by municipal year: member (or appointed member) in each year the
        records name them other than as a substitute, substitute in each year they stood
        in, and chair or vice-chair in each year the register gives them that role."""
        by_year: dict[str, list[Attendance]] = {}
        for record in self.analysis.attendance.get(person.id, []):
            by_year.setdefault(record.meeting.municipal_year, []).append(record)
        roles: list[tuple[str, str, JSON]] = []
        for year in sorted(by_year):
            in_year = by_year[year]
            if any(_as_member(r) for r in in_year):
                roles.append((year, person.kind, {}))
            if any(r.substituting for r in in_year):
                roles.append((year, "substitute", {}))
        for term in person.roles:
            dates = {
                "startDate": _date(term.start),
                "endDate": _date(term.end),
                ext("source"): term.source,
            }
            roles.append((term.municipal_year, term.role, dates))
        memberships = []
        for year, role, extra in sorted(roles, key=lambda r: (r[0], list(ROLE_NAMES).index(r[1]))):
            address = urls.oparl_membership(person.id, year, ROLE_NAMES[role])
            memberships.append(
                (
                    address,
                    {
                        "id": self.url(address),
                        "type": OPARL + "Membership",
                        "person": self.member_url(person.id),
                        "organization": self.organization_url,
                        "role": ROLE_NAMES[role],
                        **extra,
                        ext("municipalYear"): year,
                        ext("legislativeTerm"): self.url(urls.oparl_legislative_term(year)),
                    },
                )
            )
        return memberships

    # ------------------------------------------------------------------ meetings

    def location(self, venue: str) -> JSON:
        return {
            "id": self.url(urls.oparl_location(self.venues[venue])),
            "type": OPARL + "Location",
            "description": venue,
            "meetings": self.venue_meetings[venue],
        }

    def meeting(self, meeting: Meeting) -> JSON:
        member = self.member_url
        return {
            "id": self.meeting_url(meeting),
            "type": OPARL + "Meeting",
            "name": meeting.title,
            "meetingState": meeting.status,
            "cancelled": meeting.status == "cancelled",
            "start": _start(meeting),
            "location": _embedded(self.location(meeting.venue), "Location")
            if meeting.venue
            else None,
            "organization": [self.organization_url],
            "participant": [member(p) for p in meeting.present],
            "auxiliaryFile": self.files_of(meeting, None),
            "agendaItem": [
                _embedded(self.agenda_item(meeting, item, key, position), "AgendaItem")
                for position, (item, key) in enumerate(_keyed(meeting))
            ],
            "web": self.url(urls.meeting(meeting.slug)),
            ext("date"): _date(meeting.date),
            ext("kind"): meeting.kind,
            ext("specialReason"): meeting.special_reason,
            ext("movedTo"): self.url(urls.oparl_meeting(meeting.moved_to))
            if meeting.moved_to
            else None,
            ext("online"): {
                "platform": meeting.online.platform,
                "recording": meeting.online.recording,
            }
            if meeting.online
            else None,
            ext("dateInferred"): meeting.date_inferred.evidence if meeting.date_inferred else None,
            ext("dateUnknown"): {
                "earliest": meeting.date_unknown.earliest.isoformat(),
                "latest": meeting.date_unknown.latest.isoformat(),
                "evidence": meeting.date_unknown.evidence,
            }
            if meeting.date_unknown
            else None,
            ext("municipalYear"): meeting.municipal_year,
            ext("legislativeTerm"): self.url(urls.oparl_legislative_term(meeting.municipal_year)),
            ext("chair"): member(meeting.chair) if meeting.chair else None,
            ext("viceChair"): member(meeting.vice_chair) if meeting.vice_chair else None,
            ext("members"): [member(p) for p in meeting.members],
            ext("apologies"): [member(p) for p in meeting.apologies],
            ext("invited"): [member(p) for p in meeting.invited],
            ext("partAttendance"): [
                {"member": member(part.member), "items": part.items}
                for part in meeting.part_attendance
            ],
            ext("spellings"): [
                {"member": member(person_id), "asPublished": spelling}
                for person_id, spelling in meeting.spellings.items()
                if person_id in self.people
            ],
            ext("disagreements"): meeting.disagreements,
            ext("substitutions"): [
                {
                    "member": member(s.replaced[0]) if s.paired else None,
                    "substitute": member(s.standing_in[0]) if s.paired else None,
                    "members": [member(p) for p in s.replaced],
                    "substitutes": [member(p) for p in s.standing_in],
                    "paired": s.paired,
                    "appointment": {
                        "temporaryResignation": s.appointment.temporary_resignation,
                        "by": s.appointment.by,
                        "delegatedPowers": s.appointment.delegated_powers,
                        "note": s.appointment.note,
                    }
                    if s.appointment
                    else None,
                }
                for s in meeting.substitutions
            ],
            ext("declarations"): [
                {"member": member(d.member), "item": d.item, "interest": d.interest, "text": d.text}
                for d in meeting.declarations
            ],
            ext("corrections"): [
                {"date": c.date.isoformat(), "text": c.text, "source": c.source}
                for c in meeting.corrections
            ],
            ext("documentsWithoutAddress"): self.unlinked_documents(meeting, None),
            ext("sources"): _sources(meeting.sources),
            ext("notes"): meeting.notes,
        }

    def agenda_item(self, meeting: Meeting, item: AgendaItem, key: str, position: int) -> JSON:
        """An agenda item, made once for its own file and its place in its meeting."""
        if (meeting.slug, key) not in self.items:
            self.items[meeting.slug, key] = self._agenda_item(meeting, item, key, position)
        return self.items[meeting.slug, key]

    def _agenda_item(self, meeting: Meeting, item: AgendaItem, key: str, position: int) -> JSON:
        """``order`` is the item's position on the agenda counted from 0, as OParl counts;
        ``archive:orderTaken`` the order the meeting took it in, where that differed."""
        member = self.member_url
        return {
            "id": self.item_url(meeting, key),
            "type": OPARL + "AgendaItem",
            "meeting": self.meeting_url(meeting),
            "number": str(item.number) if item.number is not None else None,
            "order": position,
            "name": item.title,
            "public": not item.confidential,
            "resolutionText": "\n".join(d.text for d in item.decisions) or None,
            "auxiliaryFile": self.files_of(meeting, item),
            "web": self.url(urls.item(meeting.slug, key)),
            ext("minuteNumber"): str(item.minute_number)
            if item.minute_number is not None
            else None,
            ext("orderTaken"): item.order_taken,
            ext("reportOf"): item.report_of,
            ext("summary"): item.summary,
            ext("minutes"): item.minutes,
            ext("exemption"): item.exemption,
            ext("confidentialityLifted"): _date(item.confidentiality_lifted),
            ext("exclusion"): _exclusion(item),
            ext("approves"): [
                {
                    "date": a.meeting.isoformat(),
                    "meeting": self.url(urls.oparl_meeting(a.meeting))
                    if a.meeting in self.meeting_dates
                    else None,
                    "amendments": a.amendments,
                }
                for a in item.approves
            ],
            ext("disagreements"): item.disagreements,
            ext("chair"): member(item.chair) if item.chair else None,
            ext("addressedBy"): [self.attendee(meeting, a) for a in item.addressed],
            ext("decisions"): [
                {
                    "identifier": urls.decision_identifier(meeting.slug, key, number),
                    "label": d.label,
                    "text": d.text,
                    "kind": d.kind,
                    **self.tracking(d, d.current_status if d.kind == "recommendation" else None),
                }
                for number, d in enumerate(item.decisions, start=1)
            ],
            ext("requests"): [
                {
                    "identifier": urls.request_identifier(meeting.slug, key, number),
                    "text": r.text,
                    **self.tracking(r, r.current_status),
                }
                for number, r in enumerate(item.requests, start=1)
            ],
            ext("indicators"): [self.url(urls.indicator(slug)) for slug in item.indicators],
            ext("documentsWithoutAddress"): self.unlinked_documents(meeting, item),
        }

    def attendee(self, meeting: Meeting, attendee: Any) -> JSON:
        spoken = speaker(attendee, meeting, self.officers)
        return {
            "person": self.url(urls.oparl_officer(spoken.officer.id)) if spoken.officer else None,
            "name": spoken.name,
            "asPublished": spoken.printed_as,
            "role": spoken.role,
            "kind": spoken.kind,
        }

    def tracking(self, tracked: Any, status: str | None) -> JSON:
        """Whom a recommendation or request asks, when it is due, and what became of it."""
        window = tracked.due_within
        fulfilled = tracked.fulfilled_by
        return {
            "askedOf": tracked.asked_of,
            "currentStatus": status,
            "dueMeeting": _date(tracked.due_meeting),
            "dueMonth": tracked.due_month,
            "dueWithin": {
                "asWritten": window.as_written,
                "firstDay": window.first_day.isoformat(),
                "lastDay": window.last_day.isoformat(),
            }
            if window
            else None,
            "fulfilledBy": self.url(
                urls.oparl_agenda_item(fulfilled.meeting, urls.item_key(fulfilled.item, 0))
            )
            if fulfilled
            else None,
            "statusHistory": [
                {
                    "date": e.date.isoformat(),
                    "status": e.status,
                    "meeting": _date(e.meeting),
                    "document": e.document,
                    "note": e.note,
                }
                for e in tracked.history
            ],
        }

    # ------------------------------------------------------------------ documents

    def file(self, place: _DocumentPlace) -> JSON:
        document = place.document
        mime_type = MIME_TYPES.get((document.format or "").upper())
        return {
            "id": self.url(urls.oparl_file(place.meeting.slug, place.name)),
            "type": OPARL + "File",
            "name": document.title,
            "mimeType": mime_type,
            "date": _date(document.date),
            "accessUrl": document_url(document),
            "meeting": [self.meeting_url(place.meeting)] if place.item is None else None,
            "agendaItem": [self.item_url(place.meeting, place.item_key)]
            if place.item_key is not None
            else None,
            ext("format"): None if mime_type else document.format,
            ext("size"): document.size,
        }

    def files_of(self, meeting: Meeting, item: AgendaItem | None) -> list[JSON]:
        return [
            _embedded(self.file(p), "File")
            for p in self.places.get((id(meeting), id(item)), [])
            if document_url(p.document)
        ]

    def unlinked_documents(self, meeting: Meeting, item: AgendaItem | None) -> list[JSON]:
        """Documents the record lists without a web address: no ``File`` can stand for them,
        since OParl requires a File's ``accessUrl``."""
        return [
            {
                "name": p.document.title,
                "format": p.document.format,
                "size": p.document.size,
                "date": _date(p.document.date),
            }
            for p in self.places.get((id(meeting), id(item)), [])
            if not document_url(p.document)
        ]


# --------------------------------------------------------------------------- helpers


def _by_id(records: list[Any]) -> list[Any]:
    return sorted(records, key=lambda record: record.id)


def _keyed(meeting: Meeting) -> list[tuple[AgendaItem, str]]:
    """Each item of a meeting with its key in addresses, in the agenda's order."""
    return [
        (item, urls.item_key(item.number, position))
        for position, item in enumerate(meeting.items, start=1)
    ]


def _documents(meeting: Meeting) -> list[_DocumentPlace]:
    """Every document of a meeting, the meeting's own first, each named uniquely within the
    meeting by its title (``-2``, ``-3`` after a title seen before)."""
    places: list[_DocumentPlace] = []
    seen: dict[str, int] = {}

    def name(title: str) -> str:
        base = slugify(title) or "document"
        seen[base] = seen.get(base, 0) + 1
        return base if seen[base] == 1 else f"{base}-{seen[base]}"

    for document in meeting.documents:
        places.append(_DocumentPlace(meeting, None, None, document, name(document.title)))
    for item, key in _keyed(meeting):
        for document in item.documents:
            places.append(_DocumentPlace(meeting, item, key, document, name(document.title)))
    return places


def _venue_keys(meetings: list[Meeting]) -> dict[str, str]:
    """Each venue as written, with its key in addresses (``-2`` where two spellings share
    one), in the order of the meetings."""
    keys: dict[str, str] = {}
    for meeting in meetings:
        if meeting.venue and meeting.venue not in keys:
            base = slugify(meeting.venue) or "location"
            taken = set(keys.values())
            key, number = base, 1
            while key in taken:
                number += 1
                key = f"{base}-{number}"
            keys[meeting.venue] = key
    return keys


def _as_member(record: Attendance) -> bool:
    """Whether a meeting's record names a member other than as a substitute."""
    return not record.substituting


def _embedded(document: JSON, kind: str) -> JSON:
    """An object as written inside its parent: without the reference back to it."""
    return {k: v for k, v in document.items() if k not in _BACK_REFERENCES.get(kind, ())}


def _start(meeting: Meeting) -> str | None:
    """``yyyy-mm-ddThh:mm:ss±hh:mm`` with the UK offset of the day, where the record gives
    the date and the time; the date alone is ``archive:date``."""
    if meeting.date is None or meeting.start_time is None:
        return None
    moment = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
    return moment.isoformat(timespec="seconds")


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _exclusion(item: AgendaItem) -> JSON | None:
    exclusion = item.exclusion
    if exclusion is None:
        return None
    return {
        "appendices": [
            {"title": a.title, "category": a.category, "reason": a.reason}
            for a in exclusion.appendices
        ],
        "basis": exclusion.basis,
        "cites": exclusion.cites,
        "category": exclusion.category,
        "reason": exclusion.reason,
        "notNeeded": exclusion.not_needed,
        "note": exclusion.note,
    }


def _compact(value: Any, key: str = "") -> Any:
    """Leave out what has no value: ``None``, and empty lists, objects and text, except
    the lists the specification requires (``data``, ``Body.legislativeTerm``)."""
    if isinstance(value, dict):
        compacted = {k: _compact(v, k) for k, v in value.items()}
        return {
            k: v
            for k, v in compacted.items()
            if v is not None and (k in _REQUIRED_LISTS or v not in ([], {}, ""))
        }
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _sources(sources: list[Source]) -> list[JSON]:
    """Each source as its title, and its web address where the record gives one."""
    return [
        {"title": source.title, **({"url": source.url} if source.url else {})} for source in sources
    ]
