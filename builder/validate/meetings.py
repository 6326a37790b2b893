"""Rules of meeting records: items, decisions, requests, attendance and kinds of meeting,
checked against the register, the indicators and the other meetings."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

from builder.errors import ContentError
from builder.load import SourceFile
from builder.model import Decision, Meeting, Person, Request, StatusEvent, municipal_year
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


def placed_in_time(
    meetings: list[tuple[SourceFile, Meeting]], errors: list[ContentError]
) -> list[tuple[SourceFile, Meeting]]:
    """The meetings that give a date or a window; each that gives neither is a problem,
    and is left out of the checks between records, which need to place it in time."""
    placed = []
    for source, meeting in meetings:
        if meeting.date is None and meeting.date_unknown is None:
            errors.append(
                source.error(
                    "give the meeting's date, or where the record gives none, date_unknown "
                    "with the earliest and latest day it can have been held and the evidence "
                    "for them",
                    ("date",),
                )
            )
        else:
            placed.append((source, meeting))
    return placed


def _check_date(source: SourceFile, meeting: Meeting) -> Iterator[ContentError]:
    """A meeting has a date or, where the record gives none, the window it lies in; its
    file is named after one or the other."""
    unknown = meeting.date_unknown
    if meeting.date is not None and unknown is not None:
        yield source.error("give either the date or date_unknown, not both", ("date_unknown",))
        return
    if unknown is not None:
        if unknown.latest <= unknown.earliest:
            yield source.error(
                f"the latest day ({unknown.latest.isoformat()}) must come after the earliest "
                f"({unknown.earliest.isoformat()}); a meeting whose day is known has a date",
                ("date_unknown", "latest"),
            )
            return
        if meeting.date_inferred is not None:
            yield source.error(
                "date_inferred goes with a date; a meeting whose date is not known has "
                "date_unknown only",
                ("date_inferred",),
            )
    if source.stem != meeting.slug:
        what = "its date" if meeting.date else "the window its date lies in"
        yield source.error(
            f"the file of this meeting is named after {what}: {meeting.slug}.yml",
            ("date",) if meeting.date else ("date_unknown",),
        )


def check_meeting(
    source: SourceFile,
    meeting: Meeting,
    people: dict[str, Person],
    slugs: set[str],
    release_ids: set[str],
) -> Iterator[ContentError]:
    yield from _check_date(source, meeting)
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
        for position, release_id in enumerate(item.releases):
            if release_id not in release_ids:
                yield source.error(
                    f"no release has the id {release_id!r}{did_you_mean(release_id, release_ids)}",
                    ("items", index, "releases", position),
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
            yield from _check_events(source, meeting, loc, decision.status, meeting_dates)
        for number, request in enumerate(item.requests):
            loc = ("items", index, "requests", number)
            yield from _check_events(source, meeting, loc, request.status, meeting_dates)


def _check_events(
    source: SourceFile,
    meeting: Meeting,
    loc: tuple,
    events: list[StatusEvent],
    meeting_dates: set[dt.date],
) -> Iterator[ContentError]:
    previous = meeting.window.earliest
    for position, event in enumerate(events):
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
            if approval.meeting >= meeting.window.latest:
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
            if item.confidentiality_lifted < meeting.window.earliest:
                yield source.error(
                    f"confidentiality cannot be lifted on "
                    f"{item.confidentiality_lifted.isoformat()}, before the meeting of "
                    f"{meeting.window.earliest.isoformat()}",
                    (*loc, "confidentiality_lifted"),
                )
        for number, decision in enumerate(item.decisions):
            yield from _check_request(
                source, meeting, (*loc, "decisions", number), decision, items_by_meeting
            )
        for number, request in enumerate(item.requests):
            yield from _check_request(
                source, meeting, (*loc, "requests", number), request, items_by_meeting
            )


def _check_request(
    source: SourceFile,
    meeting: Meeting,
    loc: tuple,
    decision: Decision | Request,
    items_by_meeting: ItemsByMeeting,
) -> Iterator[ContentError]:
    if decision.due_meeting is not None:
        if decision.due_meeting not in items_by_meeting:
            yield source.error(
                f"there is no meeting of {decision.due_meeting.isoformat()} in "
                "content/meetings/: add it (status: scheduled) or give due_month",
                (*loc, "due_meeting"),
            )
        elif decision.due_meeting <= meeting.window.earliest:
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
    yield from _check_window(source, meeting, loc, decision)
    due = decision.due_meeting or decision.due_month or decision.due_within
    if (
        isinstance(decision, Decision)
        and (due or decision.fulfilled_by)
        and decision.kind != "recommendation"
    ):
        yield source.error(
            "a request with a due date is a recommendation: add 'kind: recommendation'", loc
        )


def _check_window(
    source: SourceFile, meeting: Meeting, loc: tuple, tracked: Decision | Request
) -> Iterator[ContentError]:
    """A loose due time is one window, ending after the meeting; it is the only due time."""
    window = tracked.due_within
    if window is None:
        return
    if tracked.due_meeting is not None or tracked.due_month is not None:
        yield source.error(
            "give one due time: due_meeting, due_month or due_within (a loose time such as "
            "'a 2020 meeting', as written, with the first and last day it could mean)",
            (*loc, "due_within"),
        )
    if window.last_day < window.first_day:
        yield source.error(
            f"the window ends ({window.last_day.isoformat()}) before it starts "
            f"({window.first_day.isoformat()}): last_day is the last day the record's "
            f"{window.as_written!r} can mean",
            (*loc, "due_within", "last_day"),
        )
    elif window.last_day <= meeting.window.earliest:
        yield source.error(
            f"the window {window.as_written!r} ends on {window.last_day.isoformat()}, by the "
            f"meeting of {meeting.window.earliest.isoformat()} that made the request: it is "
            "due after it",
            (*loc, "due_within", "last_day"),
        )


def check_item_numbers(source: SourceFile, meeting: Meeting) -> Iterator[ContentError]:
    """Minute numbers are used once each; ``order_taken`` is a position in the order the
    meeting took its items, counted from 1, and claims no other item's agenda place."""
    count = len(meeting.items)
    minutes = Counter(i.minute_number for i in meeting.items if i.minute_number is not None)
    for index, item in enumerate(meeting.items):
        loc = ("items", index)
        if item.minute_number is not None and item.minute_number < 1:
            yield source.error(
                f"expected a minute number of 1 or more, got {item.minute_number}",
                (*loc, "minute_number"),
            )
        elif item.minute_number is not None and minutes[item.minute_number] > 1:
            yield source.error(
                f"minute number {item.minute_number} is used twice", (*loc, "minute_number")
            )
        taken = item.order_taken
        if taken is None:
            continue
        if not 1 <= taken <= count:
            yield source.error(
                "order_taken is the item's position in the order the meeting took its items, "
                f"counted from 1: expected 1 to {count} (this meeting has "
                f"{count} item{'' if count == 1 else 's'}), got {taken}",
                (*loc, "order_taken"),
            )
            continue
        other = meeting.items[taken - 1]
        if other is not item and other.order_taken is None:
            name = f"item {other.number}" if other.number is not None else repr(other.title)
            yield source.error(
                f"position {taken} is also the agenda place of {name}, which has no "
                "order_taken: give order_taken to every item the meeting took out of its "
                "agenda place",
                (*loc, "order_taken"),
            )


# Written where the record does not state the kind of interest; the field is left out instead.
_NOT_STATED = {"", "unknown", "not known", "not stated", "unstated", "none", "n/a", "na", "tbc"}


def check_declarations(source: SourceFile, meeting: Meeting) -> Iterator[ContentError]:
    """A declaration's kind of interest is as the record states it, or left out."""
    for index, declaration in enumerate(meeting.declarations):
        interest = declaration.interest
        if interest is None:
            continue
        loc = ("declarations", index, "interest")
        words = interest.strip(" .?-").lower()
        if words in _NOT_STATED:
            yield source.error(
                f"{interest!r} is not a kind of interest: where the record does not state the "
                "kind, leave interest out and the page says the kind is not stated",
                loc,
            )
        elif words == "interest":
            yield source.error(
                "write the kind of interest the record states (e.g. personal), or leave "
                "interest out where it states none",
                loc,
            )
        elif words.endswith(" interest"):
            kind = interest.strip(" .")[: -len("interest")].strip()
            yield source.error(
                f"write the kind of interest without the word 'interest', which the page "
                f"adds: {kind!r}",
                loc,
            )


def check_exclusions(source: SourceFile, meeting: Meeting) -> Iterator[ContentError]:
    """What makes information exempt is stated once and as the record states it."""
    for index, item in enumerate(meeting.items):
        exclusion = item.exclusion
        if exclusion is None:
            continue
        loc = ("items", index, "exclusion")
        if exclusion.basis == "schedule_12a" and exclusion.cites:
            yield source.error(
                "basis: schedule_12a already cites Part 1 of Schedule 12A to the Local "
                "Government Act 1972; give basis or cites, not both (cites is the rule or "
                "legislation as the record writes it)",
                (*loc, "cites"),
            )
        if exclusion.category is None:
            continue
        for position, appendix in enumerate(exclusion.appendices):
            if appendix.category is not None:
                yield source.error(
                    f"the category is given for the whole exclusion ({exclusion.category}) "
                    "and again for this appendix: give it once, either for the whole "
                    "exclusion or for each appendix",
                    (*loc, "appendices", position, "category"),
                )


def check_approvals(
    source: SourceFile, meeting: Meeting, meetings_by_date: dict[dt.date, Meeting]
) -> Iterator[ContentError]:
    """Approved minutes are of a meeting that was held; one not in the archive is allowed."""
    for index, item in enumerate(meeting.items):
        for position, approval in enumerate(item.approves):
            approved = meetings_by_date.get(approval.meeting)
            if approved is None:
                continue
            loc = ("items", index, "approves", position, "meeting")
            day = approval.meeting.isoformat()
            if approved.status == "moved" and approved.moved_to is not None:
                moved_to = approved.moved_to.isoformat()
                yield source.error(
                    f"the meeting of {day} moved to {moved_to}, so it has no minutes: "
                    f"approve those of {moved_to} (if the record names {day}, say so under "
                    "disagreements)",
                    loc,
                )
            elif approved.status == "cancelled":
                yield source.error(
                    f"the meeting of {day} was cancelled, so it has no minutes to approve", loc
                )
