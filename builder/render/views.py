"""Page views: what each page shows, decided in Python and read by the templates as is.

A view is a plain frozen dataclass. Building one applies the publishing rules (whether a
confidential report is public yet, how a status is worded, what counts as a significant
change) and takes every address from ``builder.urls``; the templates then only lay the
view out. Links are ``Address`` values: the ``href`` filter writes each one relative to
the page being rendered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from builder import urls
from builder.analyse import SIGNIFICANT_CHANGE, speaker
from builder.model import (
    AgendaItem,
    Analysis,
    Appearance,
    Appointment,
    Archive,
    Attendance,
    Benchmark,
    Committee,
    Decision,
    DecisionRef,
    Declaration,
    Exclusion,
    FigureCheck,
    GlossaryTerm,
    Highlight,
    Indicator,
    IndicatorAnalysis,
    Meeting,
    Officer,
    Person,
    PublishedFigures,
    Release,
    ReleaseReport,
    RevisedValue,
    SeriesPoint,
    SiteConfig,
    Speaker,
    SubstitutionRecord,
    Target,
    municipal_year,
)
from builder.render.format import format_period, format_value, long_date
from builder.urls import Address

UNIT_NAMES = {
    "count": "count",
    "percentage": "percentage",
    "rate_per_10000": "rate per 10,000 children aged 0-17",
}
POLARITY_NAMES = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "neither": "neither higher nor lower is better in itself",
}
BENCHMARK_NAMES = {
    "statistical_neighbours": "Statistical neighbours",
    "england": "England",
    "south_east": "South East region",
}
STATUS_NAMES = {
    "scheduled": "Scheduled",
    "held": "Held",
    "cancelled": "Cancelled",
    "moved": "Moved",
}
EXEMPTION_BASES = {
    "schedule_12a": "exempt information under paragraph {category} of Part 1 of Schedule 12A "
    "to the Local Government Act 1972",
    "government_department": "information supplied by a government department on terms that "
    "forbid its disclosure",
    "court_order": "information whose disclosure is prohibited by an order of a court",
}
PERSON_KINDS = {"councillor": "Councillor", "appointed_member": "Appointed member"}
OFFICER_KINDS = {
    "officer": "Officer",
    "cabinet_member": "Cabinet member",
    "councillor": "Councillor (not a member of the panel)",
    "guest": "Guest",
}
UNPAIRED = "the record does not pair them"
ROLE_NAMES = {"chair": "Chair", "vice_chair": "Vice-chair"}
RECOMMENDATION_STATUSES = {
    "open": "Open",
    "response_received": "Response received",
    "completed": "Completed",
    "not_accepted": "Not accepted",
}
CHECK_OUTCOMES = {
    "agrees": "Yes",
    "differs": "**No**",
    "not computable": "Cannot be checked: values missing from the archive",
}


@dataclass(frozen=True)
class Catalogue:
    """The archive's records by their ids, looked up once for every page."""

    people: dict[str, Person]
    indicators: dict[str, Indicator]
    releases: dict[str, Release]
    terms: dict[str, GlossaryTerm]
    meeting_dates: frozenset[dt.date]
    officers: dict[str, Officer] = field(default_factory=dict)


def catalogue(archive: Archive) -> Catalogue:
    return Catalogue(
        officers={officer.id: officer for officer in archive.officers},
        people={person.id: person for person in archive.people},
        indicators={indicator.slug: indicator for indicator in archive.indicators},
        releases={release.id: release for release in archive.releases},
        terms={term.slug: term for term in archive.glossary},
        meeting_dates=frozenset(meeting.date for meeting in archive.meetings),
    )


@dataclass(frozen=True)
class Link:
    text: str
    address: Address


@dataclass(frozen=True)
class Sections:
    """The site's sections and open data files, for pages that point to them all."""

    home: Address
    meetings: Address
    recommendations: Address
    members: Address
    indicators: Address
    releases: Address
    glossary: Address
    open_data: Address
    meetings_json: Address
    feed: Address
    calendar: Address


def sections() -> Sections:
    return Sections(
        home=urls.home(),
        meetings=urls.meetings_index(),
        recommendations=urls.recommendations(),
        members=urls.members_index(),
        indicators=urls.indicators_index(),
        releases=urls.releases_index(),
        glossary=urls.glossary_index(),
        open_data=urls.open_data(),
        meetings_json=urls.meetings_json(),
        feed=urls.feed(),
        calendar=urls.calendar(),
    )


# --------------------------------------------------------------------------- home


@dataclass(frozen=True)
class RecentMeeting:
    link: Link
    state: str
    items: int


@dataclass(frozen=True)
class HomePage:
    address: Address
    site: SiteConfig
    committee: Committee | None
    sections: Sections
    meetings: int
    indicators: int
    terms: int
    recent: list[RecentMeeting]


def home_page(archive: Archive) -> HomePage:
    recent = list(reversed(archive.meetings))[:5]
    return HomePage(
        address=urls.home(),
        site=archive.site,
        committee=archive.committee,
        sections=sections(),
        meetings=len(archive.meetings),
        indicators=len(archive.indicators),
        terms=len(archive.glossary),
        recent=[
            RecentMeeting(
                link=Link(long_date(meeting.date), urls.meeting(meeting.date)),
                state=meeting_state(meeting, archive.latest_date),
                items=len(meeting.items),
            )
            for meeting in recent
        ],
    )


def meeting_state(meeting: Meeting, as_of: dt.date) -> str:
    """A meeting's state in a list: 'held', 'cancelled', or 'papers only ...' when a
    meeting that should have taken place has no minutes in the archive."""
    if meeting.status == "scheduled" and meeting.date <= as_of:
        return "papers only, no minutes in the archive"
    return STATUS_NAMES[meeting.status].lower()


# --------------------------------------------------------------------------- meetings


@dataclass(frozen=True)
class MeetingRow:
    date: dt.date
    link: Link | None
    special: bool
    status: str
    moved_to: Link | None
    items: int | None
    decisions: int | None


@dataclass(frozen=True)
class MeetingYear:
    year: str
    anchor: str
    rows: list[MeetingRow]


@dataclass(frozen=True)
class MeetingsIndexPage:
    address: Address
    site: SiteConfig
    years: list[MeetingYear]


def meetings_index_page(archive: Archive) -> MeetingsIndexPage:
    return MeetingsIndexPage(
        address=urls.meetings_index(),
        site=archive.site,
        years=[
            MeetingYear(
                year=year,
                anchor=urls.municipal_year(year).anchor,
                rows=[_meeting_row(day, meeting, archive.latest_date) for day, meeting in days],
            )
            for year, days in meetings_by_year(archive)
        ],
    )


def _meeting_row(day: dt.date, meeting: Meeting | None, as_of: dt.date) -> MeetingRow:
    if meeting is None:
        status = (
            "Upcoming (date from the published programme)"
            if day > as_of
            else "Scheduled in the published programme; no record in the archive"
        )
        return MeetingRow(day, None, False, status, None, None, None)
    return MeetingRow(
        date=day,
        link=Link(long_date(day), urls.meeting(day)),
        special=meeting.kind == "special",
        status=STATUS_NAMES[meeting.status],
        moved_to=Link(long_date(meeting.moved_to), urls.meeting(meeting.moved_to))
        if meeting.moved_to
        else None,
        items=len(meeting.items),
        decisions=sum(len(item.decisions) for item in meeting.items),
    )


def meetings_by_year(archive: Archive) -> list[tuple[str, list[tuple[dt.date, Meeting | None]]]]:
    """Municipal years, newest first, each with its meetings and published dates.

    A date from a published programme with no meeting record is listed with ``None``.
    """
    days: dict[dt.date, Meeting | None] = {}
    for meeting in archive.meetings:
        if meeting.programme:
            for day in meeting.programme.dates:
                days.setdefault(day, None)
    for meeting in archive.meetings:
        days[meeting.date] = meeting
    years: dict[str, list] = defaultdict(list)
    for day in sorted(days, reverse=True):
        years[municipal_year(day)].append((day, days[day]))
    return sorted(years.items(), reverse=True)


@dataclass(frozen=True)
class Name:
    """A member's name as the register has it, and as the record printed it if otherwise."""

    name: str
    printed_as: str | None = None
    note: str | None = None  # e.g. 'Chair'


@dataclass(frozen=True)
class SpeakerView:
    """Someone who is not a member and addressed the panel: linked to their page where the
    register of officers has them, with the spelling printed and their role then."""

    name: str
    printed_as: str | None
    role: str | None
    page: Address | None


def speaker_view(spoken: Speaker) -> SpeakerView:
    officer = spoken.officer
    return SpeakerView(
        name=spoken.name,
        printed_as=spoken.printed_as,
        role=spoken.role,
        page=urls.person(officer.id) if officer else None,
    )


@dataclass(frozen=True)
class Spoke:
    speaker: SpeakerView
    items: list[int]


@dataclass(frozen=True)
class PartPresent:
    name: Name
    items: list[int]


@dataclass(frozen=True)
class Substituted:
    """Substitutes and the members they stood in for, as the record groups them."""

    substitutes: list[Name]
    members: list[Name]
    pairing: str | None  # says so where the record names several of each without pairing
    appointment: str | None  # how the substitutes were appointed, where the record says


@dataclass(frozen=True)
class DeclarationView:
    name: Name
    declaration: Declaration


@dataclass(frozen=True)
class Answer:
    """A request of an earlier meeting that an item answered."""

    request: Link
    identifier: str


@dataclass(frozen=True)
class ApprovalView:
    """An approval of this meeting's minutes, by a later meeting's item."""

    approving: Link
    amendments: str | None


@dataclass(frozen=True)
class ApprovedMinutes:
    """Minutes of an earlier meeting that an item approves: linked where the archive has it."""

    date: dt.date
    address: Address | None
    amendments: str | None


@dataclass(frozen=True)
class ExclusionView:
    title: str
    withheld: list[str]
    statement: str
    not_needed: bool
    note: str | None


@dataclass(frozen=True)
class RecommendationView:
    asked_of: str | None
    due_meeting: Link | None
    due_month: str | None
    answered_by: Link | None
    status: Link


@dataclass(frozen=True)
class DecisionView:
    decision: Decision
    anchor: str
    identifier: Link
    recommendation: RecommendationView | None


@dataclass(frozen=True)
class MonitoringRow:
    text: str
    made: Link
    due: dt.date | None
    status: str


@dataclass(frozen=True)
class Confidentiality:
    """What the page says of a confidential item: still private, or lifted."""

    lifted: bool
    exemption: str | None
    lifted_on: dt.date | None


@dataclass(frozen=True)
class ItemView:
    item: AgendaItem
    anchor: str
    heading: str
    address: Address
    taken: int | None  # the position it was taken in, where the order of business changed
    answers: list[Answer]
    approves: list[ApprovedMinutes]
    exclusion: ExclusionView | None
    confidentiality: Confidentiality | None
    report_public: bool
    chair: Name | None
    addressed: list[SpeakerView]
    minutes_anchor: str
    decisions_anchor: str
    decisions: list[DecisionView]
    monitoring_anchor: str | None
    monitoring: list[MonitoringRow]
    indicators: list[Link]


@dataclass(frozen=True)
class MeetingPage:
    address: Address
    meeting: Meeting
    index: Address
    year: Link
    moved_to: Link | None
    status: str
    chair: Name | None
    vice_chair: Name | None
    approvals: list[ApprovalView]
    agenda: list[ItemView]
    items_taken: list[ItemView]
    members: list[Name]
    present: list[Name]
    part_present: list[PartPresent]
    invited: list[Name]
    apologies: list[Name]
    substitutions: list[Substituted]
    addressed: list[Spoke]
    declarations: list[DeclarationView]
    previous: Link | None
    next: Link | None


def meeting_page(
    records: Catalogue,
    analysis: Analysis,
    meeting: Meeting,
    previous: Meeting | None,
    following: Meeting | None,
) -> MeetingPage:
    def name(person_id: str, note: str | None = None) -> Name:
        return _name(records.people[person_id], meeting, note)

    def role(person_id: str, with_vice_chair: bool) -> str | None:
        if person_id == meeting.chair:
            return "Chair"
        if with_vice_chair and person_id == meeting.vice_chair:
            return "Vice-chair"
        return None

    items = [
        _item_view(records, analysis, meeting, position, item, name)
        for position, item in enumerate(meeting.items, start=1)
    ]
    taken = sorted(
        range(len(items)),
        key=lambda i: (meeting.items[i].order_taken or i + 1, i + 1),
    )
    return MeetingPage(
        address=urls.meeting(meeting.date),
        meeting=meeting,
        index=urls.meetings_index(),
        year=Link(meeting.municipal_year, urls.municipal_year(meeting.municipal_year)),
        moved_to=Link(long_date(meeting.moved_to), urls.meeting(meeting.moved_to))
        if meeting.moved_to
        else None,
        status=STATUS_NAMES[meeting.status]
        + (
            " (the archive holds no minutes of this meeting)"
            if meeting.status == "scheduled"
            else ""
        ),
        chair=name(meeting.chair) if meeting.chair else None,
        vice_chair=name(meeting.vice_chair) if meeting.vice_chair else None,
        approvals=[
            ApprovalView(
                approving=Link(long_date(ref.place.meeting.date), ref.place.address),
                amendments=ref.approval.amendments,
            )
            for ref in analysis.approvals.get(meeting.date, [])
        ],
        agenda=items,
        items_taken=[items[i] for i in taken],
        members=[name(p, role(p, with_vice_chair=False)) for p in meeting.members],
        present=[name(p, role(p, with_vice_chair=True)) for p in meeting.present],
        part_present=[PartPresent(name(p.member), p.items) for p in meeting.part_attendance],
        invited=[name(p) for p in meeting.invited],
        apologies=[name(p) for p in meeting.apologies],
        substitutions=[
            Substituted(
                substitutes=[name(p) for p in s.standing_in],
                members=[name(p) for p in s.replaced],
                pairing=UNPAIRED if len(s.replaced) > 1 and len(s.standing_in) > 1 else None,
                appointment=appointment_text(
                    s.appointment,
                    [records.people[p] for p in s.replaced],
                    [records.people[p] for p in s.standing_in],
                ),
            )
            for s in meeting.substitutions
        ],
        addressed=addressed_by_person(meeting, records.officers),
        declarations=[DeclarationView(name(d.member), d) for d in meeting.declarations],
        previous=Link(long_date(previous.date), urls.meeting(previous.date)) if previous else None,
        next=Link(long_date(following.date), urls.meeting(following.date)) if following else None,
    )


def meeting_status(meeting: Meeting) -> str:
    """The status on a meeting's own page; a scheduled meeting says it has no minutes."""
    if meeting.status == "scheduled":
        return "Scheduled (the archive holds no minutes of this meeting)"
    return STATUS_NAMES[meeting.status]


def _name(person: Person, meeting: Meeting, note: str | None = None) -> Name:
    printed = meeting.spellings.get(person.id)
    return Name(person.name, printed if printed and printed != person.name else None, note)


def _item_view(
    records: Catalogue,
    analysis: Analysis,
    meeting: Meeting,
    position: int,
    item: AgendaItem,
    name: Callable[[str], Name],
) -> ItemView:
    key = urls.item_key(item.number, position)
    as_of = analysis.as_of
    return ItemView(
        item=item,
        anchor=urls.item_anchor(key),
        heading=(f"{item.number}. " if item.number is not None else "") + item.title,
        address=urls.item(meeting.date, key),
        taken=item.order_taken
        if item.order_taken is not None and item.order_taken != position
        else None,
        answers=[
            Answer(Link(long_date(ref.meeting.date), ref.address), ref.identifier)
            for ref in analysis.fulfilments.get((meeting.date, item.number), [])
        ]
        if item.number is not None
        else [],
        approves=[
            ApprovedMinutes(
                a.meeting,
                urls.meeting(a.meeting) if a.meeting in records.meeting_dates else None,
                a.amendments,
            )
            for a in item.approves
        ],
        exclusion=_exclusion_view(item.exclusion) if item.exclusion else None,
        confidentiality=Confidentiality(
            lifted=not item.confidential_on(as_of),
            exemption=item.exemption,
            lifted_on=item.confidentiality_lifted,
        )
        if item.confidential
        else None,
        report_public=item.report is not None and not item.confidential_on(as_of),
        chair=name(item.chair) if item.chair else None,
        addressed=[
            speaker_view(speaker(attendee, meeting, records.officers))
            for attendee in item.addressed
        ],
        minutes_anchor=urls.item_part(meeting.date, key, "minutes").anchor,
        decisions_anchor=urls.item_part(meeting.date, key, "decisions").anchor,
        decisions=[
            _decision_view(meeting, key, number, decision)
            for number, decision in enumerate(item.decisions, start=1)
        ],
        monitoring_anchor=urls.item_part(meeting.date, key, "monitoring").anchor
        if item.monitoring
        else None,
        monitoring=[
            MonitoringRow(
                text=ref.decision.text,
                made=Link(long_date(ref.meeting.date), ref.address),
                due=ref.decision.due_date(),
                status="Overdue" if analysis.overdue(ref, meeting.date) else "Open",
            )
            for ref in analysis.open_on(meeting.date)
        ]
        if item.monitoring
        else [],
        indicators=[
            Link(records.indicators[slug].label, urls.indicator(slug)) for slug in item.indicators
        ],
    )


def _decision_view(meeting: Meeting, key: str, number: int, decision: Decision) -> DecisionView:
    address = urls.decision(meeting.date, key, number)
    identifier = urls.decision_identifier(meeting.date, key, number)
    recommendation = None
    if decision.kind == "recommendation":
        fulfilled = decision.fulfilled_by
        recommendation = RecommendationView(
            asked_of=decision.asked_of,
            due_meeting=Link(long_date(decision.due_meeting), urls.meeting(decision.due_meeting))
            if decision.due_meeting
            else None,
            due_month=format_period(decision.due_month) if decision.due_month else None,
            answered_by=Link(
                f"item {fulfilled.item} of {long_date(fulfilled.meeting)}",
                urls.numbered_item(fulfilled.meeting, fulfilled.item),
            )
            if fulfilled
            else None,
            status=Link(
                RECOMMENDATION_STATUSES[decision.current_status].lower(), urls.recommendations()
            ),
        )
    return DecisionView(
        decision=decision,
        anchor=address.anchor,
        identifier=Link(f"Decision {identifier}", address),
        recommendation=recommendation,
    )


def _exclusion_view(exclusion: Exclusion) -> ExclusionView:
    return ExclusionView(
        title="Exempt appendices not discussed"
        if exclusion.not_needed
        else "Exclusion of the press and public",
        withheld=exclusion.appendices,
        statement=exemption_statement(exclusion),
        not_needed=exclusion.not_needed,
        note=exclusion.note,
    )


def exemption_statement(exclusion: Exclusion) -> str:
    text = EXEMPTION_BASES[exclusion.basis]
    if exclusion.basis == "schedule_12a":
        return text.format(category=exclusion.category or "(not stated)")
    return text


def addressed_by_person(meeting: Meeting, officers: dict[str, Officer]) -> list[Spoke]:
    """Everyone who addressed the meeting, once each, with the numbered items they spoke on."""
    spoke: dict[tuple, list[int]] = {}
    people: dict[tuple, SpeakerView] = {}
    for item in meeting.items:
        for attendee in item.addressed:
            view = speaker_view(speaker(attendee, meeting, officers))
            key = (attendee.person or view.name, view.role)
            people.setdefault(key, view)
            numbers = spoke.setdefault(key, [])
            if item.number is not None:
                numbers.append(item.number)
    return [Spoke(people[key], spoke[key]) for key in people]


def names_and(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def appointment_text(
    appointment: Appointment | None, members: list[Person], substitutes: list[Person]
) -> str | None:
    """How substitutes came to sit, in the record's terms: a member's temporary resignation,
    who appointed the substitute and under what power, and the record's own note."""
    if appointment is None:
        return None
    parts = []
    if appointment.temporary_resignation:
        parts.append(f"{names_and([p.name for p in members])} temporarily resigned from the panel")
    if appointment.by or appointment.delegated_powers:
        were = "was" if len(substitutes) == 1 else "were"
        parts.append(
            f"{names_and([p.name for p in substitutes])} {were} appointed"
            + (f" by {appointment.by}" if appointment.by else "")
            + (" under delegated powers" if appointment.delegated_powers else "")
        )
    sentences = [" and ".join(parts) + "."] if parts else []
    if appointment.note:
        sentences.append(appointment.note)
    return " ".join(sentences)


# --------------------------------------------------------------------------- recommendations


@dataclass(frozen=True)
class StatusView:
    """Where a recommendation stands: its last status, when and where it was recorded."""

    label: str
    on: dt.date | None
    meeting: Link | None
    document: str | None
    waiting_days: int | None
    due: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class RecommendationRow:
    text: str
    identifier: Link
    asked_of: str | None
    made: dt.date
    status: StatusView


@dataclass(frozen=True)
class StatusGroup:
    label: str
    rows: list[RecommendationRow]


@dataclass(frozen=True)
class RecommendationsPage:
    address: Address
    site: SiteConfig
    as_of: dt.date
    groups: list[StatusGroup]


def recommendations_page(archive: Archive, analysis: Analysis) -> RecommendationsPage:
    groups = []
    for status, label in RECOMMENDATION_STATUSES.items():
        refs = [r for r in analysis.recommendations if r.decision.current_status == status]
        groups.append(StatusGroup(label, [_recommendation_row(ref, analysis) for ref in refs]))
    return RecommendationsPage(
        address=urls.recommendations(), site=archive.site, as_of=analysis.as_of, groups=groups
    )


def _recommendation_row(ref: DecisionRef, analysis: Analysis) -> RecommendationRow:
    return RecommendationRow(
        text=ref.decision.text,
        identifier=Link(f"Decision {ref.identifier}", ref.address),
        asked_of=ref.decision.asked_of,
        made=ref.meeting.date,
        status=status_view(ref, analysis),
    )


def status_view(ref: DecisionRef, analysis: Analysis) -> StatusView:
    """The status of a recommendation, with when and where it last changed."""
    history = ref.decision.history
    event = history[-1] if history else None
    return StatusView(
        label=RECOMMENDATION_STATUSES[event.status] if event else "Open: no response recorded",
        on=event.date if event else None,
        meeting=Link(long_date(event.meeting), urls.meeting(event.meeting))
        if event and event.meeting
        else None,
        document=event.document if event else None,
        waiting_days=analysis.days_waiting(ref),
        due=ref.decision.due_date(),
        overdue=analysis.overdue(ref),
    )


# --------------------------------------------------------------------------- members


@dataclass(frozen=True)
class MemberRow:
    link: Link
    kind: str
    attended: int
    apologies: int
    chaired: int


@dataclass(frozen=True)
class MembersIndexPage:
    address: Address
    site: SiteConfig
    rows: list[MemberRow]
    people: Address | None = None  # the register of officers' list, where there is one


def members_index_page(archive: Archive, analysis: Analysis) -> MembersIndexPage:
    rows = []
    for person in people_in_order(archive):
        records = analysis.attendance.get(person.id, [])
        rows.append(
            MemberRow(
                link=Link(person.name, urls.member(person.id)),
                kind=PERSON_KINDS[person.kind],
                attended=sum(r.present for r in records),
                apologies=sum(r.apologies for r in records),
                chaired=sum(bool(r.chaired or r.chaired_items) for r in records),
            )
        )
    return MembersIndexPage(
        address=urls.members_index(),
        site=archive.site,
        rows=rows,
        people=urls.people_index() if archive.officers else None,
    )


def people_in_order(archive: Archive) -> list[Person]:
    return sorted(archive.people, key=lambda p: (p.family_name, p.id))


@dataclass(frozen=True)
class MemberMeetingRow:
    meeting: Link
    roles: str
    declarations: list[Declaration]


@dataclass(frozen=True)
class MemberPage:
    address: Address
    index: Address
    site: SiteConfig
    person: Person
    kind: str
    meetings: list[MemberMeetingRow]


def member_page(archive: Archive, analysis: Analysis, person: Person) -> MemberPage:
    records = analysis.attendance.get(person.id, [])
    return MemberPage(
        address=urls.member(person.id),
        index=urls.members_index(),
        site=archive.site,
        person=person,
        kind=PERSON_KINDS[person.kind],
        meetings=[
            MemberMeetingRow(
                meeting=Link(long_date(record.meeting.date), urls.meeting(record.meeting.date)),
                roles=attendance_roles(record),
                declarations=record.declarations,
            )
            for record in reversed(records)
        ],
    )


def attendance_roles(record: Attendance) -> str:
    """'Present (Chair)', 'Apologies', 'Listed as a member (Chair)', ... for one meeting."""
    roles = []
    if record.present_for_items:
        items = ", ".join(str(number) for number in record.present_for_items)
        roles.append(f"Present for item{'s' if len(record.present_for_items) > 1 else ''} {items}")
    elif record.present:
        roles.append("Present")
    if record.invited:
        roles.append("Invited")
    if record.apologies:
        roles.append("Apologies")
    for substitution in record.substituting:
        roles.append(_substitution_role(substitution, record, substitute=True))
    for substitution in record.substituted:
        roles.append(_substitution_role(substitution, record, substitute=False))
    if not roles and record.listed:
        roles.append("Listed as a member on the agenda")
    if record.chaired:
        roles.append("Chair")
    if record.vice_chair:
        roles.append("Vice-chair")
    for item in record.chaired_items:
        number = f"item {item.number}" if item.number is not None else item.title
        roles.append(f"in the chair for {number}")
    if record.declarations and not roles:
        roles.append("Declared an interest")
    return ", ".join(roles)


def _substitution_role(
    substitution: SubstitutionRecord, record: Attendance, substitute: bool
) -> str:
    """'Substitute for A', 'Substituted by C', or for a group the record does not pair,
    'Substitute, with D, for A and B (the record does not pair them)'."""
    own, other = (
        (substitution.substitutes, substitution.members)
        if substitute
        else (substitution.members, substitution.substitutes)
    )
    company = [p.name for p in own if p.id != record.member_id]
    text = "Substitute" if substitute else "Substituted"
    if company:
        text += f", with {names_and(company)},"
    text += f" {'for' if substitute else 'by'} {names_and([p.name for p in other])}"
    notes = []
    if len(substitution.members) > 1 and len(substitution.substitutes) > 1:
        notes.append(UNPAIRED)
    how = appointment_text(
        substitution.substitution.appointment, substitution.members, substitution.substitutes
    )
    if how:
        notes.append(how.removesuffix("."))
    return text + (f" ({'; '.join(notes)})" if notes else "")


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class PersonRow:
    link: Link
    kind: str
    roles: str
    meetings: int
    items: int


@dataclass(frozen=True)
class PeopleIndexPage:
    address: Address
    site: SiteConfig
    members: Address
    rows: list[PersonRow]


def people_index_page(archive: Archive, analysis: Analysis) -> PeopleIndexPage:
    """Everyone in the register of officers, by name, with how often they addressed the panel."""
    rows = []
    for officer in officers_in_order(archive):
        appearances = analysis.appearances.get(officer.id, [])
        rows.append(
            PersonRow(
                link=Link(officer.name, urls.person(officer.id)),
                kind=OFFICER_KINDS[officer.kind],
                roles="; ".join(term.role for term in officer.roles) or "–",
                meetings=len({a.meeting.date for a in appearances}),
                items=len(appearances),
            )
        )
    return PeopleIndexPage(
        address=urls.people_index(), site=archive.site, members=urls.members_index(), rows=rows
    )


def officers_in_order(archive: Archive) -> list[Officer]:
    return sorted(archive.officers, key=lambda o: (o.name.casefold(), o.id))


@dataclass(frozen=True)
class AppearanceRow:
    meeting: Link
    item: Link
    role: str
    printed_as: str | None


@dataclass(frozen=True)
class PersonPage:
    address: Address
    index: Address
    site: SiteConfig
    person: Officer
    kind: str
    appearances: list[AppearanceRow]


def person_page(archive: Archive, analysis: Analysis, officer: Officer) -> PersonPage:
    appearances = analysis.appearances.get(officer.id, [])
    return PersonPage(
        address=urls.person(officer.id),
        index=urls.people_index(),
        site=archive.site,
        person=officer,
        kind=OFFICER_KINDS[officer.kind],
        appearances=[_appearance_row(a) for a in newest_meeting_first(appearances)],
    )


def newest_meeting_first(appearances: list[Appearance]) -> list[Appearance]:
    """Meetings newest first, as on members' pages; items of one meeting in agenda order."""
    order = sorted(enumerate(appearances), key=lambda p: (-p[1].meeting.date.toordinal(), p[0]))
    return [appearance for _, appearance in order]


def _appearance_row(appearance: Appearance) -> AppearanceRow:
    item = appearance.item
    heading = (f"{item.number}. " if item.number is not None else "") + item.title
    return AppearanceRow(
        meeting=Link(long_date(appearance.meeting.date), urls.meeting(appearance.meeting.date)),
        item=Link(heading, appearance.address),
        role=appearance.speaker.role or "–",
        printed_as=appearance.speaker.printed_as,
    )


# --------------------------------------------------------------------------- indicators


@dataclass(frozen=True)
class IndicatorRow:
    analysis: IndicatorAnalysis
    link: Link
    direction: str


@dataclass(frozen=True)
class ServiceArea:
    name: str
    rows: list[IndicatorRow]


@dataclass(frozen=True)
class Disagreement:
    indicator: Link
    check: FigureCheck


@dataclass(frozen=True)
class IndicatorsIndexPage:
    address: Address
    site: SiteConfig
    areas: list[ServiceArea]
    disagreements: list[Disagreement]


def indicators_index_page(archive: Archive, analysis: Analysis) -> IndicatorsIndexPage:
    return IndicatorsIndexPage(
        address=urls.indicators_index(),
        site=archive.site,
        areas=[
            ServiceArea(
                name=area,
                rows=[
                    IndicatorRow(
                        analysis=a,
                        link=Link(a.indicator.title, urls.indicator(a.indicator.slug)),
                        direction=(a.direction or "–").capitalize(),
                    )
                    for a in analyses
                ],
            )
            for area, analyses in indicators_by_area(archive, analysis)
        ],
        disagreements=[
            Disagreement(Link(indicator.label, urls.indicator(indicator.slug)), check)
            for indicator, check in analysis.disagreements
        ],
    )


def indicators_by_area(
    archive: Archive, analysis: Analysis
) -> list[tuple[str, list[IndicatorAnalysis]]]:
    order = {area: index for index, area in enumerate(archive.site.service_areas)}
    areas: dict[str, list[IndicatorAnalysis]] = defaultdict(list)
    for indicator in archive.indicators:
        areas[indicator.service_area].append(analysis.indicators[indicator.slug])
    for members in areas.values():
        members.sort(key=_indicator_order)
    return sorted(areas.items(), key=lambda item: order.get(item[0], len(order)))


def _indicator_order(analysis: IndicatorAnalysis) -> tuple:
    """Coded indicators first, in code order (LAC2 before LAC10), then the rest by title."""
    indicator = analysis.indicator
    if indicator.code is None:
        return (1, [], indicator.title)
    parts = re.split(r"(\d+)", indicator.code)
    return (0, [int(p) if p.isdigit() else p for p in parts], "")


@dataclass(frozen=True)
class ValueRow:
    point: SeriesPoint
    revised: Address | None
    release: Link


@dataclass(frozen=True)
class RevisionView:
    period: str
    first: SeriesPoint
    first_release: Link
    later: list[tuple[SeriesPoint, Link]]


@dataclass(frozen=True)
class CheckRow:
    check: FigureCheck
    release: str
    outcome: str


@dataclass(frozen=True)
class PrintedDirection:
    release: str
    direction: str


@dataclass(frozen=True)
class IndicatorPage:
    address: Address
    index: Address
    a: IndicatorAnalysis
    indicator: Indicator
    period_word: str  # 'month' or 'figure'
    period_heading: str  # 'Month' or 'Week commencing'
    frequency: str
    direction: str | None
    window_note: str  # where the 12-month figures rest on fewer months
    chart: Address
    chart_alt: str
    values: list[ValueRow]
    download: Address
    download_name: str
    revisions_anchor: str
    revisions: list[RevisionView]
    benchmarks: list[tuple[str, Benchmark]]
    local_benchmarks: bool
    targets: list[Target]
    checks: list[CheckRow]
    printed_directions: list[PrintedDirection]
    unit: str
    polarity: str
    meetings: list[Link]


def indicator_page(
    records: Catalogue,
    analysis: Analysis,
    indicator_analysis: IndicatorAnalysis,
    published: list[PublishedFigures],
) -> IndicatorPage:
    a, indicator = indicator_analysis, indicator_analysis.indicator
    releases = records.releases
    monthly = indicator.frequency == "monthly"
    revised = {revision.period for revision in a.revisions}
    slug = indicator.slug
    download = urls.indicator_csv(slug)
    direction = None
    if a.direction:
        direction = a.direction.capitalize()
        if indicator.polarity != "neither":
            direction += f" ({POLARITY_NAMES[indicator.polarity]})"
    return IndicatorPage(
        address=urls.indicator(slug),
        index=urls.indicators_index(),
        a=a,
        indicator=indicator,
        period_word="month" if monthly else "figure",
        period_heading="Month" if monthly else "Week commencing",
        frequency="monthly" if monthly else "weekly",
        direction=direction,
        window_note=f" (the {a.months_in_window} months with a value)"
        if a.months_in_window < 12
        else "",
        chart=urls.indicator_chart(slug),
        chart_alt=chart_description(a),
        values=[
            ValueRow(
                point=point,
                revised=urls.indicator_revisions(slug) if point.period in revised else None,
                release=_release_link(releases[point.release]),
            )
            for point in a.series
        ],
        download=download,
        download_name=download.path.rsplit("/", 1)[-1],
        revisions_anchor=urls.indicator_revisions(slug).anchor,
        revisions=[
            RevisionView(
                period=revision.period,
                first=revision.first,
                first_release=_release_link(releases[revision.first.release]),
                later=[(p, _release_link(releases[p.release])) for p in revision.history[1:]],
            )
            for revision in a.revisions
        ],
        benchmarks=[(BENCHMARK_NAMES[b.kind], b) for b in indicator.benchmarks],
        local_benchmarks=any(b.published_as == "Local" for b in indicator.benchmarks),
        targets=indicator.targets,
        checks=[
            CheckRow(check, releases[check.release].title, CHECK_OUTCOMES[check.outcome])
            for check in a.checks
        ],
        printed_directions=[
            PrintedDirection(releases[f.release].title, f.direction_of_travel)
            for f in published
            if f.direction_of_travel
        ],
        unit=UNIT_NAMES[indicator.unit].capitalize(),
        polarity=POLARITY_NAMES[indicator.polarity].capitalize(),
        meetings=[
            Link(meeting.title, urls.meeting(meeting.date))
            for meeting in analysis.meetings_by_indicator.get(slug, [])
        ],
    )


def _release_link(release: Release) -> Link:
    return Link(release.title, urls.release(release.id))


def chart_description(analysis: IndicatorAnalysis) -> str:
    """The text alternative of an indicator's chart: what a sighted reader would take in."""
    series, indicator = analysis.series, analysis.indicator
    if not series:
        return ""
    highest = max(series, key=lambda p: p.value)
    lowest = min(series, key=lambda p: p.value)
    first, last = series[0], series[-1]
    return (
        f"Line chart of {indicator.title[0].lower() + indicator.title[1:]}, "
        f"{format_period(first.period)} to {format_period(last.period)}: "
        f"{format_value(first.value, indicator)} in {format_period(first.period)}, "
        f"{format_value(last.value, indicator)} in {format_period(last.period)}; "
        f"highest {format_value(highest.value, indicator)} ({format_period(highest.period)}), "
        f"lowest {format_value(lowest.value, indicator)} ({format_period(lowest.period)}). "
        "Every value is in the table below."
    )


# --------------------------------------------------------------------------- releases


@dataclass(frozen=True)
class ReleaseRow:
    report: ReleaseReport
    link: Link


@dataclass(frozen=True)
class ReleasesIndexPage:
    address: Address
    site: SiteConfig
    rows: list[ReleaseRow]


def releases_index_page(archive: Archive, analysis: Analysis) -> ReleasesIndexPage:
    return ReleasesIndexPage(
        address=urls.releases_index(),
        site=archive.site,
        rows=[
            ReleaseRow(report, _release_link(report.release))
            for report in reversed(analysis.releases)
        ],
    )


@dataclass(frozen=True)
class HighlightView:
    highlight: Highlight
    indicator: Link
    polarity: str


@dataclass(frozen=True)
class ReleaseRevision:
    revision: RevisedValue
    indicator: Link
    first_release: str


@dataclass(frozen=True)
class ReleasePage:
    address: Address
    index: Address
    report: ReleaseReport
    release: Release
    threshold: str
    period_word: str
    improving: list[HighlightView]
    worsening: list[HighlightView]
    changed: list[HighlightView]
    new_highs: list[HighlightView]
    new_lows: list[HighlightView]
    off_target: list[HighlightView]
    revised: list[ReleaseRevision]


def release_page(records: Catalogue, report: ReleaseReport) -> ReleasePage:
    releases = records.releases

    def views(highlights: list[Highlight]) -> list[HighlightView]:
        return [
            HighlightView(
                highlight=h,
                indicator=Link(h.indicator.label, urls.indicator(h.indicator.slug)),
                polarity=POLARITY_NAMES[h.indicator.polarity],
            )
            for h in highlights
        ]

    monthly = report.monthly
    return ReleasePage(
        address=urls.release(report.release.id),
        index=urls.releases_index(),
        report=report,
        release=report.release,
        threshold=f"{SIGNIFICANT_CHANGE:g}%",
        period_word="month" if monthly else "figure",
        improving=views(report.improving),
        worsening=views(report.worsening),
        changed=views(report.changed),
        new_highs=views(report.new_highs),
        new_lows=views(report.new_lows),
        off_target=views(report.off_target),
        revised=[
            ReleaseRevision(
                revision=revision,
                indicator=Link(revision.indicator.label, urls.indicator(revision.indicator.slug)),
                first_release=releases[revision.first.release].title,
            )
            for revision in report.revised
        ],
    )


# --------------------------------------------------------------------------- glossary


@dataclass(frozen=True)
class TermEntry:
    link: Link
    abbreviations: list[str]


@dataclass(frozen=True)
class Letter:
    letter: str
    anchor: str
    address: Address
    terms: list[TermEntry]


@dataclass(frozen=True)
class GlossaryIndexPage:
    address: Address
    letters: list[Letter]


def glossary_index_page(archive: Archive) -> GlossaryIndexPage:
    letters: dict[str, list[GlossaryTerm]] = defaultdict(list)
    for term in archive.glossary:
        first = term.term[0].upper()
        letters[first if first.isalpha() else "#"].append(term)
    return GlossaryIndexPage(
        address=urls.glossary_index(),
        letters=[
            Letter(
                letter=letter,
                anchor=urls.glossary_letter(letter).anchor,
                address=urls.glossary_letter(letter),
                terms=[
                    TermEntry(Link(term.term, urls.term(term.slug)), term.abbreviations)
                    for term in terms
                ],
            )
            for letter, terms in sorted(letters.items())
        ],
    )


@dataclass(frozen=True)
class TermPage:
    address: Address
    index: Address
    site: SiteConfig
    term: GlossaryTerm
    letter: str
    related: list[Link]
    indicators: list[Link]


def term_page(
    site: SiteConfig, records: Catalogue, term: GlossaryTerm, using: list[Indicator]
) -> TermPage:
    terms = records.terms
    return TermPage(
        address=urls.term(term.slug),
        index=urls.glossary_index(),
        site=site,
        term=term,
        letter=term.term[0].upper(),
        related=[Link(terms[slug].term, urls.term(slug)) for slug in term.related],
        indicators=[Link(i.label, urls.indicator(i.slug)) for i in using],
    )


# --------------------------------------------------------------------------- open data


@dataclass(frozen=True)
class OpenDataPage:
    address: Address
    site: SiteConfig
    sections: Sections
    meeting_json_pattern: str
    example: Link | None
    indicator_csv_pattern: str
    decision_example: str
    decision_anchor_example: str
    extensions: dict[str, dict[str, str]]
    people_json: Link | None = None  # where the archive has a register of officers


_EXAMPLE_DAY = dt.date(2023, 7, 20)


def open_data_page(archive: Archive, extensions: dict[str, dict[str, str]]) -> OpenDataPage:
    latest = archive.meetings[-1] if archive.meetings else None
    return OpenDataPage(
        address=urls.open_data(),
        site=archive.site,
        sections=sections(),
        meeting_json_pattern=urls.meeting_json_pattern(),
        example=Link(urls.meeting_json(latest.date).path, urls.meeting_json(latest.date))
        if latest
        else None,
        indicator_csv_pattern=urls.indicator_csv_pattern(),
        decision_example=urls.decision_identifier(_EXAMPLE_DAY, "9", 1),
        decision_anchor_example="#" + urls.decision_anchor("9", 1),
        extensions=extensions,
        people_json=Link(urls.people_json().path, urls.people_json()) if archive.officers else None,
    )
