"""Rules of meeting records: items, decisions, requests, attendance and kinds of meeting,
checked against the register, the indicators and the other meetings."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

from builder.errors import ContentError
from builder.load import SourceFile
from builder.model import Decision, Meeting, Person, municipal_year
from builder.validate.fields import MONTH, did_you_mean
from builder.validate.people import check_person_refs, substitution_refs

# The item numbers of each meeting; None for a meeting whose file has problems of its own.
ItemsByMeeting = dict[dt.date, set[int | None] | None]


def unreadable_meeting_dates(
    sources: list[SourceFile], meetings: list[tuple[SourceFile, Meeting]]
) -> set[dt.date]:
    """Dates of meeting files that did not validate, from their names (``2019-01-24.yml``)."""
    valid = {source.path for source, _ in meetings}
    dates = set()
    for source in sources:
        if source.path not in valid:
            try:
                dates.add(dt.date.fromisoformat(source.stem))
            except ValueError:
                continue
    return dates


def check_meeting(
    source: SourceFile, meeting: Meeting, people: dict[str, Person], slugs: set[str]
) -> Iterator[ContentError]:
    if source.stem != meeting.date.isoformat():
        yield source.error(
            f"the file of a meeting is named after its date: {meeting.date.isoformat()}.yml",
            ("date",),
        )
    yield from check_person_refs(source, meeting, people)
    both = sorted(set(meeting.present) & set(meeting.apologies))
    if both:
        yield source.error(
            f"listed both as present and as giving apologies: {', '.join(both)}", ("apologies",)
        )
    numbers = Counter(item.number for item in meeting.items if item.number is not None)
    for index, item in enumerate(meeting.items):
        if item.number is not None and numbers[item.number] > 1:
            yield source.error(
                f"item number {item.number} is used twice", ("items", index, "number")
            )
        if item.pages and not re.fullmatch(r"\d+(\s*-\s*\d+)?", item.pages):
            yield source.error(
                f"expected a page or page range such as 7-18, got {item.pages!r}",
                ("items", index, "pages"),
            )
        for position, slug in enumerate(item.indicators):
            if slug not in slugs:
                yield source.error(
                    f"no indicator has the slug {slug!r}{did_you_mean(slug, slugs)}",
                    ("items", index, "indicators", position),
                )
    for index, declaration in enumerate(meeting.declarations):
        if declaration.item is not None and declaration.item not in numbers:
            yield source.error(
                f"this meeting has no item {declaration.item}", ("declarations", index, "item")
            )
    if meeting.programme:
        for position, day in enumerate(meeting.programme.dates):
            if municipal_year(day) != meeting.programme.municipal_year:
                yield source.error(
                    f"{day.isoformat()} is not in the municipal year "
                    f"{meeting.programme.municipal_year} (May to April)",
                    ("programme", "dates", position),
                )


def check_status_events(
    source: SourceFile, meeting: Meeting, meeting_dates: set[dt.date]
) -> Iterator[ContentError]:
    """A recommendation's status events are dated, in order, and name meetings that exist."""
    for index, item in enumerate(meeting.items):
        for number, decision in enumerate(item.decisions):
            loc = ("items", index, "decisions", number)
            if decision.status and decision.kind != "recommendation":
                yield source.error(
                    "only a recommendation has a status: add 'kind: recommendation'", loc
                )
            previous = meeting.date
            for position, event in enumerate(decision.status):
                where = (*loc, "status", position)
                if event.date < previous:
                    yield source.error(
                        f"{event.date.isoformat()} is before {previous.isoformat()}: status "
                        "events are listed oldest first, after the meeting that made it",
                        (*where, "date"),
                    )
                previous = max(previous, event.date)
                if event.meeting is not None and event.meeting not in meeting_dates:
                    yield source.error(
                        f"there is no meeting of {event.meeting.isoformat()} in content/meetings/; "
                        "name the document that recorded the status instead",
                        (*where, "meeting"),
                    )


def check_meeting_kind(
    source: SourceFile, meeting: Meeting, meeting_dates: set[dt.date]
) -> Iterator[ContentError]:
    """Special meetings give their reason; moved ones name the meeting they moved to."""
    if meeting.kind == "special" and not meeting.special_reason:
        yield source.error("a special meeting needs its special_reason", ("kind",))
    if meeting.special_reason and meeting.kind != "special":
        yield source.error("special_reason goes with 'kind: special'", ("special_reason",))
    if meeting.status == "moved":
        if meeting.moved_to is None:
            yield source.error("a moved meeting needs moved_to: the date it moved to", ("status",))
        elif meeting.moved_to not in meeting_dates:
            yield source.error(
                f"there is no meeting of {meeting.moved_to.isoformat()} in content/meetings/ "
                "for this one to move to",
                ("moved_to",),
            )
    elif meeting.moved_to is not None:
        yield source.error("moved_to goes with 'status: moved'", ("moved_to",))
    recording = meeting.online.recording if meeting.online else None
    if recording and not re.match(r"^https?://", recording):
        yield source.error(
            "expected the recording's web address, starting https://", ("online", "recording")
        )


def check_attendance(
    source: SourceFile, meeting: Meeting, people: dict[str, Person]
) -> Iterator[ContentError]:
    """Substitutes, stand-in chairs and part attendance agree with who was there."""
    present = set(meeting.present)
    yield from check_substitutions(source, meeting)
    if present and meeting.status == "held":
        if meeting.chair and meeting.chair not in present:
            yield source.error(f"the chair {meeting.chair!r} is not listed as present", ("chair",))
        for index, item in enumerate(meeting.items):
            if item.chair and item.chair not in present:
                yield source.error(
                    f"{item.chair!r} took the chair but is not listed as present",
                    ("items", index, "chair"),
                )
    numbers = {item.number for item in meeting.items}
    for index, part in enumerate(meeting.part_attendance):
        if present and part.member not in present:
            yield source.error(
                f"{part.member!r} attended part of the meeting but is not listed as present",
                ("part_attendance", index, "member"),
            )
        for position, number in enumerate(part.items):
            if number not in numbers:
                yield source.error(
                    f"this meeting has no item {number}",
                    ("part_attendance", index, "items", position),
                )
    for index, person_id in enumerate(meeting.invited):
        if person_id in people and people[person_id].kind != "appointed_member":
            yield source.error(
                f"{person_id!r} is a councillor: invited lists appointed members",
                ("invited", index),
            )
    for person_id, spelling in meeting.spellings.items():
        person = people.get(person_id)
        if person is None:
            continue  # someone in the register of officers, or no one: check_officer_refs
        if spelling not in (person.name, *person.aliases):
            yield source.error(
                f"{spelling!r} is not a known spelling of {person.name}: add it to their "
                "aliases in content/people.yml",
                ("spellings", person_id),
            )


def check_substitutions(source: SourceFile, meeting: Meeting) -> Iterator[ContentError]:
    """Each substitution names whom it replaced and who stood in, one form of each; the
    members replaced were not present and the substitutes were; no one is named twice."""
    present = set(meeting.present)
    seen: set[str] = set()
    for index, substitution in enumerate(meeting.substitutions):
        loc = ("substitutions", index)
        for one, many, what in (
            ("member", "members", "whom the substitutes stood in for"),
            ("substitute", "substitutes", "who stood in"),
        ):
            if getattr(substitution, one) and getattr(substitution, many):
                yield source.error(f"give {one} (one) or {many} (several), not both", (*loc, many))
            elif not getattr(substitution, one) and not getattr(substitution, many):
                yield source.error(f"say {what}: {one} (one) or {many} (several)", loc)
        appointment = substitution.appointment
        resigned = appointment is not None and appointment.temporary_resignation
        for where, person_id, is_substitute in substitution_refs(substitution, loc):
            if person_id in seen:
                yield source.error(
                    f"{person_id!r} is named twice in this meeting's substitutions", where
                )
                continue
            seen.add(person_id)
            if is_substitute:
                if present and person_id not in present:
                    yield source.error(
                        f"the substitute {person_id!r} is not listed as present", where
                    )
                continue
            if person_id in present:
                yield source.error(f"{person_id!r} is present, so needs no substitute", where)
            if meeting.members and person_id not in meeting.members and not resigned:
                yield source.error(
                    f"{person_id!r} is not a member of the panel at this meeting "
                    "(see members), so no one can substitute for them",
                    where,
                )
        if appointment is not None and not (
            appointment.temporary_resignation
            or appointment.by
            or appointment.delegated_powers
            or appointment.note
        ):
            yield source.error(
                "say how the substitute was appointed: temporary_resignation, by, "
                "delegated_powers or note",
                (*loc, "appointment"),
            )


def check_items(
    source: SourceFile, meeting: Meeting, items_by_meeting: ItemsByMeeting
) -> Iterator[ContentError]:
    """Approvals, exclusions, lifted confidentiality and requests of each item."""
    taken = Counter(item.order_taken for item in meeting.items if item.order_taken is not None)
    for index, item in enumerate(meeting.items):
        loc = ("items", index)
        if item.order_taken is not None and taken[item.order_taken] > 1:
            yield source.error(
                f"two items were taken in position {item.order_taken}", (*loc, "order_taken")
            )
        for position, approval in enumerate(item.approves):
            if approval.meeting >= meeting.date:
                yield source.error(
                    "a meeting approves the minutes of earlier meetings only",
                    (*loc, "approves", position, "meeting"),
                )
        if item.confidentiality_lifted is not None:
            if not item.confidential:
                yield source.error(
                    "confidentiality_lifted goes with 'confidential: true'",
                    (*loc, "confidentiality_lifted"),
                )
            if item.confidentiality_lifted < meeting.date:
                yield source.error(
                    f"confidentiality cannot be lifted on "
                    f"{item.confidentiality_lifted.isoformat()}, before the meeting of "
                    f"{meeting.date.isoformat()}",
                    (*loc, "confidentiality_lifted"),
                )
        for number, decision in enumerate(item.decisions):
            yield from _check_request(
                source, meeting, (*loc, "decisions", number), decision, items_by_meeting
            )


def _check_request(
    source: SourceFile,
    meeting: Meeting,
    loc: tuple,
    decision: Decision,
    items_by_meeting: ItemsByMeeting,
) -> Iterator[ContentError]:
    if decision.due_meeting is not None:
        if decision.due_meeting not in items_by_meeting:
            yield source.error(
                f"there is no meeting of {decision.due_meeting.isoformat()} in "
                "content/meetings/: add it (status: scheduled) or give due_month",
                (*loc, "due_meeting"),
            )
        elif decision.due_meeting <= meeting.date:
            yield source.error("a request is due at a later meeting", (*loc, "due_meeting"))
    if decision.due_month is not None and not MONTH.match(decision.due_month):
        yield source.error(
            f"expected a month written YYYY-MM, got {decision.due_month!r}", (*loc, "due_month")
        )
    if decision.fulfilled_by is not None:
        ref = decision.fulfilled_by
        if ref.meeting not in items_by_meeting:
            yield source.error(
                f"there is no meeting of {ref.meeting.isoformat()} in content/meetings/",
                (*loc, "fulfilled_by", "meeting"),
            )
        elif (items := items_by_meeting[ref.meeting]) is not None and ref.item not in items:
            yield source.error(
                f"the meeting of {ref.meeting.isoformat()} has no item {ref.item}",
                (*loc, "fulfilled_by", "item"),
            )
    if (decision.due_meeting or decision.due_month or decision.fulfilled_by) and (
        decision.kind != "recommendation"
    ):
        yield source.error(
            "a request with a due date is a recommendation: add 'kind: recommendation'", loc
        )
