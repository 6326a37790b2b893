"""Open data: the archive's meetings as static JSON, and its news as Atom and iCalendar.

The JSON follows OParl 1.1 (the standard of council information systems) where it has a
field for a fact: ``Meeting`` with ``name``, ``meetingState``, ``cancelled``, ``start``,
``location``, ``participant`` and ``agendaItem``; ``AgendaItem`` with ``number``, ``order``,
``name``, ``public`` and ``resolutionText``; ``Person`` with ``name``, ``familyName`` and
``givenName`` (members) or ``name`` and ``web`` (people of the register of officers, also
listed in ``data/people.json``); ``File`` with ``name``, ``mimeType`` and ``size``. What
OParl has no field for is added under plain English names, listed in ``EXTENSIONS`` and
documented on the site's open data page. Identifiers are the pages' addresses: absolute
when the site configuration gives ``site_url``, otherwise relative to the site root.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from builder import urls
from builder.analyse import speaker
from builder.model import (
    AgendaItem,
    Analysis,
    Approval,
    Archive,
    Attendee,
    Decision,
    Document,
    ItemRef,
    Meeting,
    Officer,
    Person,
    Request,
    StatusEvent,
    Substitution,
)

OPARL = "https://schema.oparl.org/1.1/"
LONDON = ZoneInfo("Europe/London")
MIME_TYPES = {
    "PDF": "application/pdf",
    "DOC": "application/msword",
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {
    "Meeting": {
        "committee": "the committee's name",
        "municipalYear": "the council year (May to April), e.g. 2018/19",
        "chair": "the member who chaired the meeting (Person)",
        "viceChair": "the vice-chair (Person)",
        "apologies": "members who gave apologies (Person list)",
        "substitutions": "substitutes for one meeting: members (replaced) and substitutes "
        "(Person lists) as the record groups them; paired is true where it names one of each, "
        "and then member and substitute give them; appointment says how, where the record "
        "does: temporaryResignation, by, delegatedPowers, note",
        "declarations": "declarations of interest: member, item number, interest (the kind, "
        "null where the record does not state it), text",
        "corrections": "dated corrections of the minutes",
        "kind": "ordinary or special; specialReason says why a special meeting was called",
        "movedTo": "for a meeting moved to another date, the meeting it moved to",
        "online": "for a meeting held online: platform and recording address",
        "dateInferred": "where the record prints no date: the evidence for the date given",
        "dateUnknown": "where the date is not known at all: the earliest and latest day the "
        "meeting can have been held, and the evidence; such a meeting has no start",
        "invited": "appointed (non-councillor) members invited to the meeting",
        "partAttendance": "members present for some items only, by item number",
        "spellings": "members' names as the record prints them, mapped to the member register "
        "(for people of the register of officers, see asPublished in addressedBy)",
        "disagreements": "where records of the meeting disagree, what each says",
        "sources": "the published documents the record was transcribed from",
        "notes": "transcription notes: what the sources leave uncertain",
    },
    "AgendaItem": {
        "reportOf": "whose report the item considered",
        "summary": "the agenda's description of the item (Markdown)",
        "minutes": "the minutes of the item (Markdown)",
        "exemption": "why a confidential item was exempt, where stated",
        "confidentialityLifted": "the date a confidential item's material became public",
        "exclusion": "exclusion of the press and public, as far as the record states it: "
        "appendices withheld (title, and the category and reason given for each), basis "
        "(schedule_12a where the record cites Part 1 of Schedule 12A to the Local Government "
        "Act 1972; null where it names no legislation), cites (any other rule or legislation "
        "cited, as written), category and reason (for every appendix), notNeeded when members "
        "agreed not to discuss them, note",
        "approves": "minutes of earlier meetings approved by this item: date, meeting (null "
        "where the meeting is not in this archive), amendments",
        "chair": "a member in the chair for this item only (Person)",
        "addressedBy": "people who addressed the panel on the item: person (a Person of the "
        "register of officers, or null for a name written inline), name, asPublished (the "
        "name as printed, where it differs), role (as the record gives it, or else their post "
        "in the register on the day), kind (officer, cabinet_member, councillor or guest)",
        "decisions": "each RESOLVED decision: identifier, label, text, kind "
        "(resolution or recommendation), askedOf, dueMeeting, dueMonth or dueWithin (a loose "
        "time: asWritten, the record's words such as a 2020 meeting, with the firstDay and "
        "lastDay of the window it is read as), fulfilledBy (meeting/item), currentStatus, "
        "statusHistory",
        "minuteNumber": "the number the minutes give the item, where they print one of their "
        "own beside the agenda number (number)",
        "requests": "each request the minutes record in their own words, with no resolution "
        "wording published (not part of resolutionText): identifier, text as the minutes word "
        "it, askedOf, dueMeeting, dueMonth or dueWithin, fulfilledBy, currentStatus, "
        "statusHistory",
        "indicators": "performance indicators the item discussed: their pages",
    },
    "Person": {
        "kind": "for people of the register of officers (not members of the panel): officer, "
        "cabinet_member, councillor or guest",
        "aliases": "other spellings of their name found in the records",
        "roles": "their posts over time: role, start, end, source",
        "addressed": "in data/people.json, each item they addressed: meeting, agendaItem, "
        "role at the time, asPublished",
        "notes": "transcription notes on the person",
    },
}


def _address(archive: Archive, address: urls.Address) -> str:
    return urls.absolute(address, archive.site.site_url)


def person_json(archive: Archive, person: Person) -> dict:
    return {
        "id": _address(archive, urls.member(person.id)),
        "type": OPARL + "Person",
        "name": person.name,
        "familyName": person.family_name,
        "givenName": person.given_name,
        "formOfAddress": "Councillor" if person.kind == "councillor" else None,
    }


def officer_json(archive: Archive, officer: Officer) -> dict:
    """A person of the register of officers, as an OParl ``Person`` with their posts."""
    return {
        "id": _address(archive, urls.person(officer.id)),
        "type": OPARL + "Person",
        "name": officer.name,
        "web": _address(archive, urls.person(officer.id)),
        "kind": officer.kind,
        "aliases": officer.aliases,
        "roles": [
            {
                "role": term.role,
                "start": term.start.isoformat() if term.start else None,
                "end": term.end.isoformat() if term.end else None,
                "source": term.source,
            }
            for term in officer.roles
        ],
        "notes": officer.notes,
    }


def people_list(archive: Archive, analysis: Analysis) -> dict:
    """The register of officers as an OParl list of ``Person``, with what each addressed."""
    people = []
    for officer in sorted(archive.officers, key=lambda o: o.id):
        document = officer_json(archive, officer)
        document["addressed"] = [
            {
                "meeting": _address(archive, urls.meeting(a.meeting.slug)),
                "agendaItem": _address(archive, a.address),
                "role": a.speaker.role,
                "kind": a.speaker.kind,
                "asPublished": a.speaker.printed_as,
            }
            for a in analysis.appearances.get(officer.id, [])
        ]
        people.append(document)
    return {"data": people, "pagination": {"totalElements": len(people)}, "links": {}}


def people_list_text(archive: Archive, analysis: Analysis) -> str:
    return json_text(people_list(archive, analysis))


@dataclass(frozen=True)
class _Lookups:
    """The archive's members (as JSON), officers and meeting dates by key, made once for
    all meetings."""

    people: dict[str, dict]
    officers: dict[str, Officer]
    dates: frozenset[dt.date | None]


def _lookups(archive: Archive) -> _Lookups:
    return _Lookups(
        people={person.id: person_json(archive, person) for person in archive.people},
        officers={officer.id: officer for officer in archive.officers},
        dates=frozenset(meeting.date for meeting in archive.meetings),
    )


def meeting_json(archive: Archive, meeting: Meeting, lookups: _Lookups | None = None) -> dict:
    found = lookups or _lookups(archive)
    people = found.people
    address = _address(archive, urls.meeting(meeting.slug))

    def person(person_id: str | None) -> dict | None:
        return dict(people[person_id]) if person_id else None  # a copy: its values are text

    return {
        "id": address,
        "type": OPARL + "Meeting",
        "name": meeting.title,
        "meetingState": meeting.status,
        "cancelled": meeting.status == "cancelled",
        "start": _start(meeting),
        "location": {"type": OPARL + "Location", "description": meeting.venue}
        if meeting.venue
        else None,
        "participant": [person(p) for p in meeting.present],
        "auxiliaryFile": [_file(document) for document in meeting.documents],
        "agendaItem": [
            _agenda_item(archive, meeting, address, item, position, person, found)
            for position, item in enumerate(meeting.items, start=1)
        ],
        "web": address,
        "committee": meeting.committee,
        "kind": meeting.kind,
        "specialReason": meeting.special_reason,
        "movedTo": _address(archive, urls.meeting(meeting.moved_to)) if meeting.moved_to else None,
        "online": {"platform": meeting.online.platform, "recording": meeting.online.recording}
        if meeting.online
        else None,
        "dateInferred": meeting.date_inferred.evidence if meeting.date_inferred else None,
        "dateUnknown": {
            "earliest": meeting.date_unknown.earliest.isoformat(),
            "latest": meeting.date_unknown.latest.isoformat(),
            "evidence": meeting.date_unknown.evidence,
        }
        if meeting.date_unknown
        else None,
        "municipalYear": meeting.municipal_year,
        "chair": person(meeting.chair),
        "viceChair": person(meeting.vice_chair),
        "apologies": [person(p) for p in meeting.apologies],
        "invited": [person(p) for p in meeting.invited],
        "partAttendance": [
            {"member": person(part.member), "items": part.items} for part in meeting.part_attendance
        ],
        "spellings": [
            {"member": person(person_id), "asPublished": spelling}
            for person_id, spelling in meeting.spellings.items()
            if person_id in people
        ],
        "disagreements": meeting.disagreements,
        "substitutions": [_substitution(s, person) for s in meeting.substitutions],
        "declarations": [
            {
                "member": person(d.member),
                "item": d.item,
                "interest": d.interest,
                "text": d.text,
            }
            for d in meeting.declarations
        ],
        "corrections": [
            {"date": c.date.isoformat(), "text": c.text, "source": c.source}
            for c in meeting.corrections
        ],
        "sources": [source.title for source in meeting.sources],
        "notes": meeting.notes,
    }


def _start(meeting: Meeting) -> str | None:
    """ISO 8601 with the UK offset of the day when the time is known, else the date; none
    where the date is not known (``dateUnknown`` gives the window)."""
    if meeting.date is None:
        return None
    if meeting.start_time is None:
        return meeting.date.isoformat()
    moment = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
    return moment.isoformat()


def _file(document: Document) -> dict:
    return {
        "type": OPARL + "File",
        "name": document.title,
        "mimeType": MIME_TYPES.get((document.format or "").upper()),
        "size": document.size,
        "date": document.date.isoformat() if document.date else None,
    }


def _agenda_item(
    archive, meeting, address, item: AgendaItem, position: int, person, lookups: _Lookups
) -> dict:
    key = urls.item_key(item.number, position)
    return {
        "id": _address(archive, urls.item(meeting.slug, key)),
        "type": OPARL + "AgendaItem",
        "meeting": address,
        "number": str(item.number) if item.number is not None else None,
        "minuteNumber": str(item.minute_number) if item.minute_number is not None else None,
        "order": item.order_taken or position,
        "name": item.title,
        "public": not item.confidential,
        "resolutionText": "\n".join(d.text for d in item.decisions) or None,
        "auxiliaryFile": [_file(document) for document in item.documents],
        "reportOf": item.report_of,
        "summary": item.summary,
        "minutes": item.minutes,
        "exemption": item.exemption,
        "confidentialityLifted": item.confidentiality_lifted.isoformat()
        if item.confidentiality_lifted
        else None,
        "exclusion": _exclusion(item),
        "approves": [_approval(archive, a, lookups.dates) for a in item.approves],
        "disagreements": item.disagreements,
        "chair": person(item.chair),
        "addressedBy": [_attendee(archive, meeting, a, lookups.officers) for a in item.addressed],
        "decisions": [
            _decision(meeting, key, number, decision)
            for number, decision in enumerate(item.decisions, start=1)
        ],
        "requests": [
            _request(meeting, key, number, request)
            for number, request in enumerate(item.requests, start=1)
        ],
        "indicators": [_address(archive, urls.indicator(slug)) for slug in item.indicators],
    }


def _exclusion(item: AgendaItem) -> dict | None:
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


def _approval(archive: Archive, approval: Approval, dates: frozenset[dt.date | None]) -> dict:
    """Approved minutes: the meeting's id only where the archive has a page for it."""
    in_archive = approval.meeting in dates
    return {
        "date": approval.meeting.isoformat(),
        "meeting": _address(archive, urls.meeting(approval.meeting)) if in_archive else None,
        "amendments": approval.amendments,
    }


def _attendee(
    archive: Archive, meeting: Meeting, attendee: Attendee, officers: dict[str, Officer]
) -> dict:
    spoken = speaker(attendee, meeting, officers)
    return {
        "person": officer_json(archive, spoken.officer) if spoken.officer else None,
        "name": spoken.name,
        "asPublished": spoken.printed_as,
        "role": spoken.role,
        "kind": spoken.kind,
    }


def _substitution(substitution: Substitution, person) -> dict:
    """Members replaced and substitutes as the record groups them; a pair only where it
    names one of each."""
    paired = substitution.paired
    appointment = substitution.appointment
    return {
        "member": person(substitution.replaced[0]) if paired else None,
        "substitute": person(substitution.standing_in[0]) if paired else None,
        "members": [person(p) for p in substitution.replaced],
        "substitutes": [person(p) for p in substitution.standing_in],
        "paired": paired,
        "appointment": {
            "temporaryResignation": appointment.temporary_resignation,
            "by": appointment.by,
            "delegatedPowers": appointment.delegated_powers,
            "note": appointment.note,
        }
        if appointment
        else None,
    }


def _decision(meeting: Meeting, key: str, number: int, decision: Decision) -> dict:
    status = decision.current_status if decision.kind == "recommendation" else None
    return {
        "identifier": urls.decision_identifier(meeting.slug, key, number),
        "label": decision.label,
        "text": decision.text,
        "kind": decision.kind,
        **_tracking(decision, status),
    }


def _request(meeting: Meeting, key: str, number: int, request: Request) -> dict:
    """A request asked without resolution wording: tracked like a recommendation."""
    return {
        "identifier": urls.request_identifier(meeting.slug, key, number),
        "text": request.text,
        **_tracking(request, request.current_status),
    }


def _tracking(tracked: Decision | Request, status: str | None) -> dict:
    """Whom a decision or request asks, when it is due, and what became of it."""
    return {
        "askedOf": tracked.asked_of,
        "currentStatus": status,
        "dueMeeting": tracked.due_meeting.isoformat() if tracked.due_meeting else None,
        "dueMonth": tracked.due_month,
        "dueWithin": _window(tracked),
        "fulfilledBy": _item_identifier(tracked.fulfilled_by) if tracked.fulfilled_by else None,
        "statusHistory": [_event(event) for event in tracked.history],
    }


def _event(event: StatusEvent) -> dict:
    return {
        "date": event.date.isoformat(),
        "status": event.status,
        "meeting": event.meeting.isoformat() if event.meeting else None,
        "document": event.document,
        "note": event.note,
    }


def _window(tracked: Decision | Request) -> dict | None:
    window = tracked.due_within
    if window is None:
        return None
    return {
        "asWritten": window.as_written,
        "firstDay": window.first_day.isoformat(),
        "lastDay": window.last_day.isoformat(),
    }


def _item_identifier(ref: ItemRef) -> str:
    return urls.item_identifier(ref.meeting, ref.item)


def meetings_json(meetings: list[dict]) -> dict:
    """The list object of the given meeting documents."""
    return {"data": meetings, "pagination": {"totalElements": len(meetings)}, "links": {}}


def meeting_documents(archive: Archive) -> dict[str, dict]:
    """Each meeting's JSON document, by slug, oldest first."""
    lookups = _lookups(archive)
    return {meeting.slug: meeting_json(archive, meeting, lookups) for meeting in archive.meetings}


def meetings_list_text(texts: list[str]) -> str:
    """The list object of the given meetings' files (``json_text`` of each), in that order.

    It is what ``json_text`` writes for ``meetings_json`` of their documents, made by
    joining the files already written rather than encoding every meeting a second time.
    """
    empty = json_text(meetings_json([]) | {"pagination": {"totalElements": len(texts)}})
    before, after = empty.split(_EMPTY_DATA, 1)
    items = _SEPARATORS[0].join(text.removesuffix("\n") for text in texts)
    return f"{before}{_EMPTY_DATA[:-1]}{items}]{after}"


_SEPARATORS = (",", ":")
_EMPTY_DATA = json.dumps({"data": []}, separators=_SEPARATORS)[1:-1]


def json_text(document: dict) -> str:
    """The one writer of the JSON files the site publishes: compact, keys in the order given.

    Compact because ``json.dumps`` writes it with its C encoder, where any ``indent`` takes
    the pure-Python one, several times slower over an archive's thousands of files; the
    files are read by programs, which any JSON viewer indents for a person.
    """
    return json.dumps(document, ensure_ascii=False, separators=_SEPARATORS) + "\n"


# --------------------------------------------------------------------------- feeds


def _entry_id(archive: Archive, address: urls.Address) -> str:
    return urls.feed_entry_id(archive.site.council, archive.site.committee, address)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def atom_feed(archive: Archive) -> str:
    """New meetings, minutes and data releases, newest first."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(urls.feed_id(archive.site.council, archive.site.committee))
    feed.title(archive.site.site_name)
    feed.subtitle(archive.site.description)
    feed.link(href=_address(archive, urls.home()) or "./", rel="alternate")
    feed.link(href=_address(archive, urls.feed()), rel="self")
    feed.language(archive.site.language)
    feed.author({"name": archive.site.council})
    feed.updated(_midnight(archive.latest_date))
    entries = [
        (
            meeting.window.latest,
            urls.meeting(meeting.slug),
            _meeting_title(meeting, archive.latest_date),
            _meeting_summary(meeting),
        )
        for meeting in archive.meetings
    ] + [
        (
            release.published,
            urls.release(release.id),
            f"Data release: {release.title}",
            f"Highlight report of the {release.title}, published {release.published.isoformat()}.",
        )
        for release in archive.releases
    ]
    for day, address, title, summary in sorted(entries, key=lambda e: (e[0], e[1].web_path)):
        entry = feed.add_entry(order="prepend")
        entry.id(_entry_id(archive, address))
        entry.title(title)
        entry.link(href=_address(archive, address))
        entry.updated(_midnight(day))
        entry.published(_midnight(day))
        entry.summary(summary)
    return feed.atom_str(pretty=True).decode("utf-8")


def _meeting_title(meeting: Meeting, as_of: dt.date) -> str:
    what = {"held": "minutes", "papers_only": "papers only", "upcoming": "scheduled"}.get(
        state := meeting.state_on(as_of), state
    )
    return f"{meeting.title} ({what})"


def _meeting_summary(meeting: Meeting) -> str:
    decisions = sum(len(item.decisions) for item in meeting.items)
    return f"{_count(len(meeting.items), 'agenda item')}, {_count(decisions, 'decision')}."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def icalendar(archive: Archive) -> str:
    """Every meeting, and every programme date with no record yet, with stable UIDs.

    A meeting whose date is not known is left out: a calendar event is a date."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//{archive.site.council}//{archive.site.committee}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", archive.site.committee)
    stamp = _midnight(archive.latest_date)
    days = {meeting.date: meeting for meeting in archive.meetings if meeting.date is not None}
    programme = sorted(
        {d for m in archive.meetings if m.programme for d in m.programme.dates} - set(days)
    )
    for day in sorted([*days, *programme]):
        meeting = days.get(day)
        event = Event()
        event.add("uid", urls.calendar_uid(day, archive.site.council, archive.site.committee))
        event.add("dtstamp", stamp)
        event.add("summary", archive.site.committee)
        if meeting and meeting.start_time:
            local = dt.datetime.combine(day, meeting.start_time, tzinfo=LONDON)
            event.add("dtstart", local.astimezone(dt.UTC))
        else:
            event.add("dtstart", day)
        if meeting and meeting.venue:
            event.add("location", meeting.venue)
        status = {"cancelled": "CANCELLED", "moved": "CANCELLED", "held": "CONFIRMED"}.get(
            meeting.status if meeting else "", "TENTATIVE"
        )
        event.add("status", status)
        if meeting and archive.site.site_url:
            event.add("url", _address(archive, urls.meeting(meeting.slug)))
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
