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
from builder.analyse import SIGNIFICANT_CHANGE, FiguresSeen, release_revisions, speaker
from builder.disclosure import is_withheld
from builder.model import (
    AgendaItem,
    Analysis,
    Appearance,
    Appointment,
    Archive,
    Attendance,
    Benchmark,
    BenchmarkPosition,
    Committee,
    DataLicence,
    Decision,
    Declaration,
    Direction,
    Exclusion,
    FigureCheck,
    FigureSeen,
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
    ReleaseRevisions,
    Request,
    RequestRef,
    RevisedValue,
    SeriesPoint,
    SiteConfig,
    Speaker,
    SubstitutionRecord,
    Target,
    Tracked,
    TrackedRef,
    municipal_year,
)
from builder.render.cite import CiteView, cite_view
from builder.render.crossrefs import TermUse, term_use
from builder.render.embed import embed_snippet
from builder.render.format import (
    format_change,
    format_period,
    format_value,
    in_period,
    long_date,
)
from builder.render.sharing import Sharing, indicator_sharing
from builder.urls import Address

UNIT_NAMES = {
    "count": "count",
    "percentage": "percentage",
    "rate_per_10000": "rate per 10,000 children aged 0-17",
}
UNIT_ARTICLES = {
    "count": "a count",
    "percentage": "a percentage",
    "rate_per_10000": "a rate per 10,000",
}
POLARITY_NAMES = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "neither": "neither higher nor lower is better in itself",
}
BENCHMARK_POSSESSIVES = {
    "statistical_neighbours": "statistical neighbours'",
    "england": "England's",
    "south_east": "the South East region's",
}
BENCHMARK_NAMES = {
    "statistical_neighbours": "Statistical neighbours",
    "england": "England",
    "south_east": "South East region",
}
STATE_NAMES = {
    "upcoming": "Scheduled",
    "papers_only": "Papers only (no minutes in the archive)",
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
SCHEDULE_12A = "Part 1 of Schedule 12A to the Local Government Act 1972"
NO_LEGISLATION = "the record does not name the rule or legislation"
INTEREST_NOT_STATED = "interest of a kind the record does not state"
NOT_IN_ARCHIVE = "not in this archive"
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
# An open recommendation or request made at the latest meeting whose minutes the archive
# holds: no later record could have said what became of it.
NO_LATER_RECORD = "No later record in the archive"
NO_LATER_RECORD_NOTE = (
    "Made at the latest meeting whose minutes are in this archive: no later meeting is in "
    "the archive to have recorded a response."
)
EDITION_DATE = "the date of this edition of the archive"
DIRECTION_NAMES = {
    "improving": "Improving",
    "worsening": "Worsening",
    "similar": "Similar",
    "up": "Up",
    "down": "Down",
}
DOWNLOAD_NAMES = {
    "data.csv": "The values, one row per period, for a spreadsheet",
    "data.json": "The values and their revisions as JSON",
    "benchmarks.csv": "The benchmarks, one row per comparator and year, for a spreadsheet",
    "targets.csv": "The targets, one row per year with the dates it covers, for a spreadsheet",
    "metadata.json": "Definition, unit, polarity, benchmarks, targets, sources and licence",
    "chart.svg": "The chart, with its title, source and edition",
    "chart.png": "The chart as a PNG image, with its title, source and edition",
    "chart.vl.json": "The chart's Vega-Lite specification",
}
CHECK_OUTCOMES = {
    "agrees": "Yes",
    "differs": "**No**",
    "not computable": "Cannot be checked: values missing from the archive",
}


@dataclass(frozen=True)
class Catalogue:
    """The archive's records by their ids, and what many pages look up in them, worked out
    once for every page."""

    site: SiteConfig
    people: dict[str, Person]
    indicators: dict[str, Indicator]
    releases: dict[str, Release]
    terms: dict[str, GlossaryTerm]
    meeting_dates: frozenset[dt.date]
    figures: FiguresSeen  # what a meeting on a day saw of an indicator
    term_use: TermUse  # which glossary terms each indicator names
    release_links: dict[str, Link]  # each release's title, linked to its page, by its id
    licence: DataLicence | None = None
    officers: dict[str, Officer] = field(default_factory=dict)


def catalogue(archive: Archive) -> Catalogue:
    releases = {release.id: release for release in archive.releases}
    return Catalogue(
        site=archive.site,
        officers={officer.id: officer for officer in archive.officers},
        people={person.id: person for person in archive.people},
        indicators={indicator.slug: indicator for indicator in archive.indicators},
        releases=releases,
        figures=FiguresSeen(releases),
        term_use=term_use(archive),
        release_links={key: _release_link(release) for key, release in releases.items()},
        terms={term.slug: term for term in archive.glossary},
        meeting_dates=frozenset(m.date for m in archive.meetings if m.date is not None),
        licence=archive.site.data_licence,
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
    guide: Address


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
        guide=urls.guide_index(),
    )


# --------------------------------------------------------------------------- home


@dataclass(frozen=True)
class RecentMeeting:
    link: Link
    state: str
    items: int


@dataclass(frozen=True)
class DirectionCount:
    count: int
    words: str  # 'improved', after the count


@dataclass(frozen=True)
class IndicatorLine:
    indicator: Link
    words: str


@dataclass(frozen=True)
class AtAGlance:
    """The latest monthly dataset in a few lines: how its indicators moved on the previous
    month, by the same rule as every page, the largest changes on a year earlier, and the
    indicators off their target for the year."""

    release: Link
    published: str
    indicators: int
    threshold: str
    counts: list[DirectionCount]  # adding up to ``indicators``
    movements: list[IndicatorLine]  # the largest changes on a year earlier, largest first
    compared_on_year: int  # how many indicators had a value a year earlier
    off_target: list[IndicatorLine]
    with_target: int  # how many have a target for the year and a polarity
    later: list[Link]  # newer releases, with weekly figures only


# How the home page counts the indicators of a release by their direction of travel.
GLANCE_WORDS: dict[Direction | None, str] = {
    "improving": "improved",
    "similar": "stayed similar",
    "worsening": "worsened",
    "up": f"changed by {SIGNIFICANT_CHANGE:g}% or more where neither higher nor lower is better",
    "down": f"changed by {SIGNIFICANT_CHANGE:g}% or more where neither higher nor lower is better",
    None: "have no value for the previous month to compare with",
}
LARGEST_MOVEMENTS = 5


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
    glance: AtAGlance | None = None


def home_page(archive: Archive, analysis: Analysis | None = None) -> HomePage:
    recent = list(reversed(archive.meetings))[:5]
    return HomePage(
        glance=at_a_glance(archive, analysis) if analysis else None,
        address=urls.home(),
        site=archive.site,
        committee=archive.committee,
        sections=sections(),
        meetings=len(archive.meetings),
        indicators=len(archive.indicators),
        terms=len(archive.glossary),
        recent=[
            RecentMeeting(
                link=Link(meeting.when, urls.meeting(meeting.slug)),
                state=meeting_state(meeting, archive.latest_date).lower(),
                items=len(meeting.items),
            )
            for meeting in recent
        ],
    )


def glance_release(analysis: Analysis) -> ReleaseReport | None:
    """The latest release holding the monthly dataset, or else the latest release."""
    monthly = [report for report in analysis.releases if report.monthly]
    latest = monthly or analysis.releases
    return latest[-1] if latest else None


def at_a_glance(archive: Archive, analysis: Analysis) -> AtAGlance | None:
    report = glance_release(analysis)
    if report is None:
        return None
    release = report.release
    slugs = sorted({o.indicator for o in archive.observations if o.release == release.id})
    analyses = sorted((analysis.indicators[slug] for slug in slugs), key=_indicator_order)
    counted: dict[str, int] = defaultdict(int)
    for a in analyses:
        counted[GLANCE_WORDS[a.direction]] += 1
    on_year = [a for a in analyses if a.change_on_year is not None]
    largest = sorted(on_year, key=lambda a: -abs(a.change_on_year or 0))[:LARGEST_MOVEMENTS]
    with_target = [a for a in analyses if a.off_target is not None]
    order = archive.release_order
    return AtAGlance(
        release=_release_link(release),
        published=long_date(release.published),
        indicators=len(analyses),
        threshold=f"{SIGNIFICANT_CHANGE:g}%",
        counts=[
            DirectionCount(counted[words], words)
            for words in dict.fromkeys(GLANCE_WORDS.values())
            if counted[words]
        ],
        movements=[IndicatorLine(_indicator_link(a), movement_words(a)) for a in largest],
        compared_on_year=len(on_year),
        off_target=[
            IndicatorLine(_indicator_link(a), f"{_latest_words(a)}; target {target_words(a)}")
            for a in with_target
            if a.off_target
        ],
        with_target=len(with_target),
        later=[
            _release_link(r.release)
            for r in analysis.releases
            if order[r.release.id] > order[release.id]
        ],
    )


def movement_words(a: IndicatorAnalysis) -> str:
    """'521 in April 2018 against 546 in April 2017: Similar (a change of less than 10%)'."""
    before = a.year_earlier
    assert before is not None
    compared = f"{value_words(before.value, a.indicator)} in {format_period(before.period)}"
    direction = direction_words(a.direction_on_year, a.change_on_year, a.indicator)
    return f"{_latest_words(a)} against {compared}: {direction}"


def _latest_words(a: IndicatorAnalysis) -> str:
    assert a.latest is not None
    return f"{value_words(a.latest.value, a.indicator)} in {format_period(a.latest.period)}"


def _indicator_link(a: IndicatorAnalysis) -> Link:
    return Link(a.indicator.label, urls.indicator(a.indicator.slug))


def meeting_state(meeting: Meeting, as_of: dt.date) -> str:
    """How a meeting's state is worded on every page: one status, one wording."""
    return STATE_NAMES[meeting.state_on(as_of)]


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
    """A municipal year on the index of meetings: its page and what it holds."""

    link: Link
    meetings: int  # with a record in the archive
    upcoming: int  # dates of the published programme still to come
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class MeetingsIndexPage:
    address: Address
    site: SiteConfig
    years: list[MeetingYear]


@dataclass(frozen=True)
class MeetingsYearPage:
    """The meetings of one municipal year, newest first, with the years either side."""

    address: Address
    site: SiteConfig
    year: str
    index: Address
    rows: list[MeetingRow]
    newer: Link | None
    older: Link | None


def meetings_index_page(archive: Archive) -> MeetingsIndexPage:
    """The municipal years, newest first, each linking to its page of meetings."""
    years = []
    for year, days in meetings_by_year(archive):
        held = [day for day, meeting in days if meeting is not None]
        years.append(
            MeetingYear(
                link=Link(year, urls.municipal_year(year)),
                meetings=len(held),
                upcoming=sum(
                    1 for day, meeting in days if meeting is None and day > archive.latest_date
                ),
                first=min(day for day, _ in days),
                last=max(day for day, _ in days),
            )
        )
    return MeetingsIndexPage(address=urls.meetings_index(), site=archive.site, years=years)


def meetings_year_pages(archive: Archive) -> list[MeetingsYearPage]:
    """A page for each municipal year with a meeting or a date of the programme."""
    years = meetings_by_year(archive)
    links = [Link(year, urls.municipal_year(year)) for year, _ in years]
    return [
        MeetingsYearPage(
            address=links[index].address,
            site=archive.site,
            year=year,
            index=urls.meetings_index(),
            rows=[_meeting_row(day, meeting, archive.latest_date) for day, meeting in days],
            newer=links[index - 1] if index > 0 else None,
            older=links[index + 1] if index + 1 < len(links) else None,
        )
        for index, (year, days) in enumerate(years)
    ]


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
        link=Link(_capitalised(meeting.when), urls.meeting(meeting.slug)),
        special=meeting.kind == "special",
        status=meeting_state(meeting, as_of),
        moved_to=Link(long_date(meeting.moved_to), urls.meeting(meeting.moved_to))
        if meeting.moved_to
        else None,
        items=len(meeting.items),
        decisions=sum(len(item.decisions) for item in meeting.items),
    )


def meetings_by_year(archive: Archive) -> list[tuple[str, list[tuple[dt.date, Meeting | None]]]]:
    """Municipal years, newest first, each with its meetings and published dates.

    A date from a published programme with no meeting record is listed with ``None``; a
    meeting whose date is not known stands at the first day it can have been held.
    """
    recorded = {meeting.date for meeting in archive.meetings if meeting.date is not None}
    programme = {
        day
        for meeting in archive.meetings
        if meeting.programme
        for day in meeting.programme.dates
        if day not in recorded
    }
    entries: list[tuple[dt.date, str, Meeting | None]] = [
        (meeting.sort_date, meeting.slug, meeting) for meeting in archive.meetings
    ]
    entries += [(day, day.isoformat(), None) for day in programme]
    years: dict[str, list[tuple[dt.date, Meeting | None]]] = defaultdict(list)
    for day, _, meeting in sorted(entries, key=lambda entry: entry[:2], reverse=True):
        years[municipal_year(day)].append((day, meeting))
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

    @property
    def interest(self) -> str:
        """'personal interest', or that the record does not state the kind."""
        return interest_wording(self.declaration)


@dataclass(frozen=True)
class Answer:
    """A request of an earlier meeting that an item answered."""

    request: Link
    identifier: str
    what: str = "decision"  # 'decision', or 'request' for one asked without resolution wording


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
    remark: str | None = None  # "not in this archive" where there is no page to link to


@dataclass(frozen=True)
class WithheldAppendix:
    """An exempt appendix with the category ("paragraph 3", "category 7a") and reason the
    record gives for it."""

    title: str
    category: str | None
    reason: str | None


@dataclass(frozen=True)
class ExclusionView:
    title: str
    statement: str  # why the information is exempt, as far as the record says
    opening: str  # the first sentence of the box: what is withheld, and why it is exempt
    appendices: list[WithheldAppendix]  # listed one by one where any has its own category
    closing: str  # the reason given, whether the public were excluded, the note


@dataclass(frozen=True)
class RecommendationView:
    asked_of: str | None
    due_meeting: Link | None
    due_month: str | None
    answered_by: Link | None
    status: Link
    due_within: str | None = None  # a loose time as written, with its window


@dataclass(frozen=True)
class DecisionView:
    decision: Decision
    anchor: str
    identifier: Link
    recommendation: RecommendationView | None


@dataclass(frozen=True)
class RequestView:
    """A request the minutes record in their own words: never shown as a resolution."""

    request: Request
    anchor: str
    identifier: Link
    tracking: RecommendationView


@dataclass(frozen=True)
class MonitoringRow:
    text: str
    made: Link
    due: dt.date | None
    status: str
    due_text: str = "–"


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
    requests_anchor: str | None
    requests: list[RequestView]
    numbers: str | None  # 'Agenda item 5, minute 23' where the minutes number it too
    minute: str | None  # 'minute 23'
    monitoring_anchor: str | None
    monitoring: list[MonitoringRow]
    indicators: list[Link]
    seen_on: str | None  # the meeting's date in words, where figures as seen are given
    figures: list[FigureRow]  # each indicator discussed, as the panel could have seen it
    datasets: list[DatasetSeen]  # the releases the item considered


@dataclass(frozen=True)
class FigureRow:
    indicator: Link
    seen: str | None  # '521 in April 2018'; None where nothing was published by the day
    release: Link | None
    since: str  # what the archive holds for that period and since, in words


@dataclass(frozen=True)
class DatasetSeen:
    release: Link
    revisions: str  # 'Since then, 3 of its 705 values have been revised.'


def figure_row(seen: FigureSeen, releases: dict[str, Release]) -> FigureRow:
    """The row of an indicator a meeting discussed: the value the panel could have seen
    and what became of that value since. The row does not give the indicator's latest
    value (its page, linked from the row, does): a meeting's page would otherwise change
    with every month's data, long after the meeting, and every meeting's page be rebuilt
    and republished each month."""
    indicator = seen.indicator
    link = Link(indicator.label, urls.indicator(indicator.slug))
    if seen.seen is None:
        first = (
            f"the first in this archive was published on {long_date(seen.first_published)}"
            if seen.first_published
            else "the archive holds none"
        )
        return FigureRow(link, None, None, f"No value had been published by then; {first}.")
    if seen.revised is not None:
        since = (
            f"Revised to {format_value(seen.revised.value, indicator)} in the "
            f"{releases[seen.revised.release].title}."
        )
    elif seen.latest is None:
        since = "Not revised since; it is still the latest value in this archive."
    else:
        since = "Not revised since."
    return FigureRow(
        link,
        f"{format_value(seen.seen.value, indicator)} {in_period(seen.seen.period)}",
        _release_link(releases[seen.seen.release]),
        since,
    )


def dataset_seen(release: Release, revisions: ReleaseRevisions) -> DatasetSeen:
    if revisions.revised:
        words = (
            f"Since then, {revisions.revised} of its {revisions.values} values "
            f"{'has' if revisions.revised == 1 else 'have'} been revised by later releases."
        )
    else:
        words = "None of its values has been revised by a later release in this archive."
    return DatasetSeen(_release_link(release), words)


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
        address=urls.meeting(meeting.slug),
        meeting=meeting,
        index=urls.meetings_index(),
        year=Link(meeting.municipal_year, urls.municipal_year(meeting.municipal_year)),
        moved_to=Link(long_date(meeting.moved_to), urls.meeting(meeting.moved_to))
        if meeting.moved_to
        else None,
        status=meeting_state(meeting, analysis.as_of),
        chair=name(meeting.chair) if meeting.chair else None,
        vice_chair=name(meeting.vice_chair) if meeting.vice_chair else None,
        approvals=[
            ApprovalView(
                approving=Link(ref.place.meeting.when, ref.place.address),
                amendments=ref.approval.amendments,
            )
            for ref in (analysis.approvals.get(meeting.date, []) if meeting.date else [])
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
        previous=Link(previous.when, urls.meeting(previous.slug)) if previous else None,
        next=Link(following.when, urls.meeting(following.slug)) if following else None,
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


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
        address=urls.item(meeting.slug, key),
        taken=item.order_taken
        if item.order_taken is not None and item.order_taken != position
        else None,
        answers=[
            Answer(Link(ref.meeting.when, ref.address), ref.identifier, _what(ref))
            for ref in analysis.fulfilments.get((meeting.date, item.number), [])
        ]
        if item.number is not None and meeting.date is not None
        else [],
        approves=[
            ApprovedMinutes(
                a.meeting,
                urls.meeting(a.meeting) if a.meeting in records.meeting_dates else None,
                a.amendments,
                None if a.meeting in records.meeting_dates else NOT_IN_ARCHIVE,
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
        minutes_anchor=urls.item_part(meeting.slug, key, "minutes").anchor,
        decisions_anchor=urls.item_part(meeting.slug, key, "decisions").anchor,
        decisions=[
            _decision_view(meeting, key, number, decision, analysis)
            for number, decision in enumerate(item.decisions, start=1)
        ],
        requests_anchor=urls.item_part(meeting.slug, key, "requests").anchor
        if item.requests
        else None,
        requests=[
            _request_view(meeting, key, number, request, analysis)
            for number, request in enumerate(item.requests, start=1)
        ],
        numbers=item_numbers(item),
        minute=f"minute {item.minute_number}" if item.minute_number is not None else None,
        monitoring_anchor=urls.item_part(meeting.slug, key, "monitoring").anchor
        if item.monitoring
        else None,
        monitoring=[
            MonitoringRow(
                text=ref.tracked.text,
                made=Link(ref.meeting.when, ref.address),
                due=ref.tracked.due_date(),
                status="Overdue" if analysis.overdue(ref, meeting.sort_date) else "Open",
                due_text=due_text(ref.tracked) or "–",
            )
            for ref in analysis.open_on(meeting.sort_date)
        ]
        if item.monitoring
        else [],
        indicators=[
            Link(records.indicators[slug].label, urls.indicator(slug)) for slug in item.indicators
        ],
        seen_on=long_date(meeting.date) if _figures_apply(meeting, as_of) else None,
        figures=[
            figure_row(
                records.figures.at(analysis.indicators[slug], meeting.date), records.releases
            )
            for slug in item.indicators
        ]
        if meeting.date is not None and _figures_apply(meeting, as_of)
        else [],
        datasets=[
            dataset_seen(
                records.releases[release_id],
                release_revisions(records.releases[release_id], analysis.indicators.values()),
            )
            for release_id in item.releases
        ],
    )


def _figures_apply(meeting: Meeting, as_of: dt.date) -> bool:
    """Figures as the panel saw them are given for a meeting of known date up to the edition."""
    return meeting.date is not None and meeting.date <= as_of


def item_numbers(item: AgendaItem) -> str | None:
    """Both numbers of an item where the minutes print one of their own: 'Agenda item 5,
    minute 23' ('Minute 23' where the agenda prints no number)."""
    if item.minute_number is None:
        return None
    if item.number is None:
        return f"Minute {item.minute_number}"
    return f"Agenda item {item.number}, minute {item.minute_number}"


def _decision_view(
    meeting: Meeting, key: str, number: int, decision: Decision, analysis: Analysis
) -> DecisionView:
    address = urls.decision(meeting.slug, key, number)
    identifier = urls.decision_identifier(meeting.slug, key, number)
    recommendation = None
    if decision.kind == "recommendation":
        recommendation = _tracking_view(meeting, decision, analysis)
    return DecisionView(
        decision=decision,
        anchor=address.anchor,
        identifier=Link(f"Decision {identifier}", address),
        recommendation=recommendation,
    )


def _request_view(
    meeting: Meeting, key: str, number: int, request: Request, analysis: Analysis
) -> RequestView:
    address = urls.request(meeting.slug, key, number)
    identifier = urls.request_identifier(meeting.slug, key, number)
    return RequestView(
        request=request,
        anchor=address.anchor,
        identifier=Link(f"Request {identifier}", address),
        tracking=_tracking_view(meeting, request, analysis),
    )


def _tracking_view(meeting: Meeting, tracked: Tracked, analysis: Analysis) -> RecommendationView:
    """Whom a recommendation or request asks, when it is due, what answered it, its status."""
    fulfilled = tracked.fulfilled_by
    status = RECOMMENDATION_STATUSES[tracked.current_status]
    if analysis.no_later_record(meeting.window.latest, tracked):
        status = NO_LATER_RECORD
    return RecommendationView(
        asked_of=tracked.asked_of,
        due_meeting=Link(long_date(tracked.due_meeting), urls.meeting(tracked.due_meeting))
        if tracked.due_meeting
        else None,
        due_month=format_period(tracked.due_month) if tracked.due_month else None,
        answered_by=Link(
            f"item {fulfilled.item} of {long_date(fulfilled.meeting)}",
            urls.numbered_item(fulfilled.meeting, fulfilled.item),
        )
        if fulfilled
        else None,
        status=Link(status.lower(), urls.recommendations_year(meeting.municipal_year)),
        due_within=window_text(tracked) if tracked.due_within else None,
    )


def window_text(tracked: Tracked) -> str | None:
    """A loose due time as the record words it, with the window it is read as."""
    window = tracked.due_within
    if window is None:
        return None
    return (
        f"“{window.as_written}” (between {long_date(window.first_day)} and "
        f"{long_date(window.last_day)})"
    )


def due_text(tracked: Tracked) -> str | None:
    """When a recommendation or request is due, in words: a date, or a loose time as
    written with its window; None where the record gives no due time."""
    if tracked.due_meeting is None and tracked.due_month is None and tracked.due_within:
        return window_text(tracked)
    due = tracked.due_date()
    return long_date(due) if due else None


def _what(ref: TrackedRef) -> str:
    return "request" if isinstance(ref, RequestRef) else "decision"


def _exclusion_view(exclusion: Exclusion) -> ExclusionView:
    statement = exemption_statement(exclusion)
    titles = [appendix.title for appendix in exclusion.appendices]
    detailed = any(a.category is not None or a.reason for a in exclusion.appendices)
    if detailed:
        opening = f"{statement[0].upper()}{statement[1:]}. Withheld:"
    elif titles:
        opening = f"Withheld: {'; '.join(titles)}, {statement}."
    else:
        opening = f"{statement[0].upper()}{statement[1:]}."
    term = "paragraph" if exclusion.basis == "schedule_12a" else "category"
    closing = [f"Reason given: {_sentence(exclusion.reason)}"] if exclusion.reason else []
    if exclusion.not_needed:
        closing.append(
            "Members agreed not to discuss the exempt information, so the press and public "
            "were not excluded."
        )
    if exclusion.note:
        closing.append(_sentence(exclusion.note))
    closing.append("The rest of the item is public.")
    return ExclusionView(
        title="Exempt appendices not discussed"
        if exclusion.not_needed
        else "Exclusion of the press and public",
        statement=statement,
        opening=opening,
        appendices=[
            WithheldAppendix(
                title=appendix.title,
                category=f"{term} {appendix.category}" if appendix.category is not None else None,
                reason=appendix.reason,
            )
            for appendix in exclusion.appendices
        ]
        if detailed
        else [],
        closing=" ".join(closing),
    )


def exemption_statement(exclusion: Exclusion) -> str:
    """Why the information is exempt, saying no more than the record: the legislation only
    where the record cites it (``basis`` or ``cites``), the category only where it gives one."""
    category = exclusion.category
    own_categories = any(a.category is not None for a in exclusion.appendices)
    if exclusion.basis == "schedule_12a":
        if category is not None:
            return EXEMPTION_BASES["schedule_12a"].format(category=category)
        text = f"exempt information under {SCHEDULE_12A}"
        return text if own_categories else f"{text}; the record does not state the paragraph"
    text = EXEMPTION_BASES[exclusion.basis] if exclusion.basis else "exempt information"
    if exclusion.cites:
        text += f" under {exclusion.cites}"
    if category is not None:
        text += f" (category {category})"
    if exclusion.basis is None and not exclusion.cites:
        text += f"; {NO_LEGISLATION}"
    return text


def _sentence(text: str) -> str:
    """Author text as a sentence of the page: with a full stop where it has no end mark."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


def interest_wording(declaration: Declaration) -> str:
    """'personal interest', or that the record does not state the kind: never a guess."""
    if declaration.interest:
        return f"{declaration.interest} interest"
    return INTEREST_NOT_STATED


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
    waiting: str | None = None  # 'waiting 126 days', counted up to the edition's date
    due_text: str | None = None  # the due date, or a loose time as written with its window


@dataclass(frozen=True)
class RecommendationRow:
    text: str
    identifier: Link
    asked_of: str | None
    made: str
    status: StatusView


@dataclass(frozen=True)
class StatusGroup:
    label: str
    rows: list[RecommendationRow]
    note: str | None = None


@dataclass(frozen=True)
class TrackerYear:
    """A municipal year on the tracker: its page and how many of its recommendations and
    requests stand at each status (in the order of ``RecommendationsPage.statuses``)."""

    link: Link
    counts: list[int]
    total: int


@dataclass(frozen=True)
class RecommendationsPage:
    """The tracker: every municipal year's count by status, each year a page of its own,
    so the tracker stays short however many years the archive holds."""

    address: Address
    site: SiteConfig
    as_of: dt.date
    statuses: list[str]
    years: list[TrackerYear]
    totals: list[int]
    edition: str = EDITION_DATE


@dataclass(frozen=True)
class RecommendationsYearPage:
    """The recommendations and requests made in one municipal year, grouped by status."""

    address: Address
    site: SiteConfig
    as_of: dt.date
    year: str
    index: Address
    groups: list[StatusGroup]
    newer: Link | None
    older: Link | None
    edition: str = EDITION_DATE


def tracker_statuses() -> list[str]:
    """The tracker's groups, in order: open, then open with no later record, then the rest."""
    labels = list(RECOMMENDATION_STATUSES.values())
    labels.insert(1, NO_LATER_RECORD)
    return labels


def _refs_by_year_and_status(analysis: Analysis) -> dict[str, dict[str, list[TrackedRef]]]:
    """Each municipal year's recommendations and requests by status, newest year first.
    Open ones made at the latest meeting with minutes in the archive have a status of their
    own: nothing later could have recorded a response, so they are not said to be waiting."""
    years: dict[str, dict[str, list[TrackedRef]]] = defaultdict(lambda: defaultdict(list))
    for ref in analysis.tracked:
        status = ref.tracked.current_status
        if status == "open" and analysis.no_later_record(ref.meeting.window.latest, ref.tracked):
            label = NO_LATER_RECORD
        else:
            label = RECOMMENDATION_STATUSES[status]
        years[ref.meeting.municipal_year][label].append(ref)
    return dict(sorted(years.items(), reverse=True))


def recommendations_page(archive: Archive, analysis: Analysis) -> RecommendationsPage:
    statuses = tracker_statuses()
    years = [
        TrackerYear(
            link=Link(year, urls.recommendations_year(year)),
            counts=[len(refs[label]) for label in statuses],
            total=sum(len(group) for group in refs.values()),
        )
        for year, refs in _refs_by_year_and_status(analysis).items()
    ]
    return RecommendationsPage(
        address=urls.recommendations(),
        site=archive.site,
        as_of=analysis.as_of,
        statuses=statuses,
        years=years,
        totals=[sum(year.counts[index] for year in years) for index in range(len(statuses))],
    )


def recommendations_year_pages(
    archive: Archive, analysis: Analysis
) -> list[RecommendationsYearPage]:
    """A page for each municipal year in which the panel made a recommendation or request."""
    by_year = _refs_by_year_and_status(analysis)
    links = [Link(year, urls.recommendations_year(year)) for year in by_year]
    return [
        RecommendationsYearPage(
            address=links[index].address,
            site=archive.site,
            as_of=analysis.as_of,
            year=year,
            index=urls.recommendations(),
            groups=[
                StatusGroup(
                    label,
                    [_recommendation_row(ref, analysis) for ref in refs[label]],
                    NO_LATER_RECORD_NOTE if label == NO_LATER_RECORD and refs[label] else None,
                )
                for label in tracker_statuses()
            ],
            newer=links[index - 1] if index > 0 else None,
            older=links[index + 1] if index + 1 < len(links) else None,
        )
        for index, (year, refs) in enumerate(by_year.items())
    ]


def _recommendation_row(ref: TrackedRef, analysis: Analysis) -> RecommendationRow:
    what = "Request" if isinstance(ref, RequestRef) else "Decision"
    return RecommendationRow(
        text=ref.tracked.text,
        identifier=Link(f"{what} {ref.identifier}", ref.address),
        asked_of=ref.tracked.asked_of,
        made=_capitalised(ref.meeting.when),
        status=status_view(ref, analysis),
    )


def status_view(ref: TrackedRef, analysis: Analysis) -> StatusView:
    """The status of a recommendation or request, with when and where it last changed.

    Where the archive ends after the meeting that made it, it says so and neither counts
    waiting time nor calls it overdue: no later record could have said what became of it.
    Waiting time is counted up to the edition's date; a request with no due time is never
    overdue.
    """
    history = ref.tracked.history
    event = history[-1] if history else None
    no_later = analysis.no_later_record(ref.meeting.window.latest, ref.tracked)
    days = None if no_later else analysis.days_waiting(ref)
    if event:
        label = RECOMMENDATION_STATUSES[event.status]
    else:
        label = NO_LATER_RECORD if no_later else "Open: no response recorded"
    return StatusView(
        label=label,
        on=event.date if event else None,
        meeting=Link(long_date(event.meeting), urls.meeting(event.meeting))
        if event and event.meeting
        else None,
        document=event.document if event else None,
        waiting_days=days,
        due=ref.tracked.due_date(),
        overdue=analysis.overdue(ref) and not no_later,
        waiting=waiting_words(days),
        due_text=due_text(ref.tracked),
    )


def waiting_words(days: int | None) -> str | None:
    """'waiting 126 days'; nothing for no time at all (made on the edition's date)."""
    if not days:
        return None
    return f"waiting {days} day{'' if days == 1 else 's'}"


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

    @property
    def declared(self) -> list[str]:
        """Each declaration as the page words it: 'personal interest, item 31'."""
        return [declared_interest(d) for d in self.declarations]


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
                meeting=Link(_capitalised(record.meeting.when), urls.meeting(record.meeting.slug)),
                roles=attendance_roles(record),
                declarations=record.declarations,
            )
            for record in reversed(records)
        ],
    )


def declared_interest(declaration: Declaration) -> str:
    """One declaration on a member's page: the kind of interest and the item, if any."""
    text = interest_wording(declaration)
    return text if declaration.item is None else f"{text}, item {declaration.item}"


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
    order = sorted(
        enumerate(appearances), key=lambda p: (-p[1].meeting.sort_date.toordinal(), p[0])
    )
    return [appearance for _, appearance in order]


def _appearance_row(appearance: Appearance) -> AppearanceRow:
    item = appearance.item
    heading = (f"{item.number}. " if item.number is not None else "") + item.title
    return AppearanceRow(
        meeting=Link(_capitalised(appearance.meeting.when), urls.meeting(appearance.meeting.slug)),
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
    threshold: str


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
                        link=Link(a.indicator.label, urls.indicator(a.indicator.slug)),
                        direction=direction_brief(a),
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
        threshold=f"{SIGNIFICANT_CHANGE:g}%",
    )


def direction_brief(a: IndicatorAnalysis) -> str:
    """The direction of travel on the previous value, in a word and the change it rests on:
    'Worsening (+12%)', 'Similar (0%)'; where there is no previous value, that it has none."""
    if a.latest is None:
        return "No values"
    if a.direction is None:
        if is_withheld(a.latest.value) or (a.previous and is_withheld(a.previous.value)):
            return "Withheld: it would reveal a small number"
        monthly = a.indicator.frequency == "monthly"
        return "No value for the previous month" if monthly else "No earlier figure"
    amount = format_change(a.change_on_previous) if a.change_on_previous is not None else None
    return f"{DIRECTION_NAMES[a.direction]} ({amount or 'from nothing'})"


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
    direction: str | None  # on the previous period, in words
    direction_on_year: str | None
    target: str | None  # position against the target of the latest value's year
    benchmarks_now: str  # position against each comparator with a value
    summary: list[str]  # sentences a reader could quote, computed from the series
    window_note: str  # where the 12-month figures rest on fewer months
    chart: Address
    chart_alt: str
    chart_markup: str | None  # the chart drawn into the page: an SVG image with its name
    values: list[ValueRow]
    download: Address
    download_name: str
    downloads: list[Link]  # the files beside the page, each with what it holds
    licence: DataLicence | None
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
    related: list[Link]  # the same measure as a count, rate or percentage
    terms: list[Link]  # glossary terms the indicator's name uses
    cite: CiteView
    embed: Address
    embed_snippet: str | None  # the iframe another site pastes; none without a site address
    sharing: Sharing
    search_names: list[str] = field(default_factory=list)  # see ``search_names``


def indicator_page(
    records: Catalogue,
    analysis: Analysis,
    indicator_analysis: IndicatorAnalysis,
    published: list[PublishedFigures],
    chart: str | None = None,
) -> IndicatorPage:
    a, indicator = indicator_analysis, indicator_analysis.indicator
    releases = records.releases
    monthly = indicator.frequency == "monthly"
    revised = {revision.period for revision in a.revisions}
    slug = indicator.slug
    download = urls.indicator_csv(slug)
    return IndicatorPage(
        address=urls.indicator(slug),
        index=urls.indicators_index(),
        a=a,
        indicator=indicator,
        period_word="month" if monthly else "figure",
        period_heading="Month" if monthly else "Week commencing",
        frequency="monthly" if monthly else "weekly",
        direction=direction_words(a.direction, a.change_on_previous, indicator),
        direction_on_year=direction_words(a.direction_on_year, a.change_on_year, indicator),
        target=target_words(a),
        benchmarks_now=_capitalised(
            "; ".join(_lower_first(benchmark_words(a, p)) for p in a.benchmarks)
        ),
        summary=indicator_summary(a),
        window_note=f" (the {a.months_in_window} months with a value)"
        if a.months_in_window < 12
        else "",
        chart=urls.indicator_chart(slug),
        chart_alt=chart_description(a),
        chart_markup=chart,
        values=[
            ValueRow(
                point=point,
                revised=urls.indicator_revisions(slug) if point.period in revised else None,
                release=records.release_links[point.release],
            )
            for point in a.series
        ],
        download=download,
        download_name=download.path.rsplit("/", 1)[-1],
        downloads=[
            Link(f"{DOWNLOAD_NAMES[name]} ({name})", urls.indicator_download(slug, name))
            for name in indicator_download_names(indicator)
        ],
        licence=records.licence,
        revisions_anchor=urls.indicator_revisions(slug).anchor,
        revisions=[
            RevisionView(
                period=revision.period,
                first=revision.first,
                first_release=records.release_links[revision.first.release],
                later=[(p, records.release_links[p.release]) for p in revision.history[1:]],
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
            Link(meeting.title, urls.meeting(meeting.slug))
            for meeting in analysis.meetings_by_indicator.get(slug, [])
        ],
        related=[
            Link(related_label(records.indicators[other]), urls.indicator(other))
            for other in analysis.related.get(slug, [])
        ],
        terms=[Link(term.term, urls.term(term.slug)) for term in records.term_use.terms[slug]],
        cite=cite_view(
            records.site, indicator.label, urls.indicator(slug), analysis.edition, "indicator"
        ),
        embed=urls.indicator_embed(slug),
        embed_snippet=embed_snippet(records.site, a),
        sharing=indicator_sharing(
            records.site, a, indicator_summary(a), chart_description(a), analysis.as_of
        ),
        search_names=search_names(indicator),
    )


def indicator_download_names(indicator: Indicator) -> list[str]:
    """The files beside an indicator's page (one with values), in the order it lists them:
    every one of ``urls.INDICATOR_DOWNLOADS`` but a benchmarks or targets file it would
    leave empty."""
    absent = {
        "benchmarks.csv": not indicator.benchmarks,
        "targets.csv": not indicator.targets,
    }
    return [name for name in urls.INDICATOR_DOWNLOADS if not absent.get(name, False)]


def related_label(indicator: Indicator) -> str:
    """'LAC6 (%): Percentage of adoptions (a percentage)': the name and the form it takes."""
    return f"{indicator.label} ({UNIT_ARTICLES[indicator.unit]})"


def search_names(indicator: Indicator) -> list[str]:
    """The names an indicator is known by exactly, its code and its title: the site's
    search puts its page first for a query that is one of them ('LAC1' before LAC16,
    which it begins), as it does a glossary term's page for the term or an abbreviation
    of it."""
    return [name for name in (indicator.code, indicator.title) if name]


def value_words(value: float, indicator: Indicator) -> str:
    """A value with its unit where the number alone would not say it: '65 per 10,000'."""
    text = format_value(value, indicator)
    return f"{text} per 10,000" if indicator.unit == "rate_per_10000" else text


def target_words(a: IndicatorAnalysis) -> str | None:
    """'460 for 2018-19: off target (lower is better)'; none without a target."""
    target, indicator = a.target, a.indicator
    if target is None or target.value is None:
        return None
    words = f"{value_words(target.value, indicator)} for {target.year}"
    if a.off_target is None:
        return words
    state = "off target" if a.off_target else "on target"
    return f"{words}: {state} ({POLARITY_NAMES[indicator.polarity]})"


def benchmark_words(a: IndicatorAnalysis, position: BenchmarkPosition) -> str:
    """'Above England's 478 (2016-17, older than the data)'."""
    benchmark = position.benchmark
    assert benchmark.value is not None
    name = BENCHMARK_POSSESSIVES[benchmark.kind]
    age = ", older than the data" if position.older_than_data else ""
    value = value_words(benchmark.value, a.indicator)
    return f"{position.relation.capitalize()} {name} {value} ({benchmark.year}{age})"


def indicator_summary(a: IndicatorAnalysis) -> list[str]:
    """What the chart and table show, in sentences a journalist could quote: computed from
    the series, the target and the benchmarks, never written by hand."""
    indicator, latest = a.indicator, a.latest
    if latest is None:
        return []
    sentences = [
        f"{indicator.title} was {value_words(latest.value, indicator)} {in_period(latest.period)}."
    ]
    if a.year_earlier and a.direction_on_year:
        before = a.year_earlier
        compared = f"{value_words(before.value, indicator)} {in_period(before.period)}"
        change = (
            f"{format_change(a.change_on_year)} on {compared}"
            if a.change_on_year is not None
            else f"from {compared}"
        )
        if a.direction_on_year == "similar":
            sentences.append(f"That is similar to a year earlier ({change}).")
        else:
            word = DIRECTION_NAMES[a.direction_on_year].lower()
            polarity = POLARITY_NAMES[indicator.polarity]
            sentences.append(f"That is {word} on a year earlier ({change}; {polarity}).")
    if a.highest and a.lowest and len(a.series) > 1:
        sentences.append(
            f"The highest value in this archive, {value_words(a.highest.value, indicator)}, "
            f"was {in_period(a.highest.period)}; the lowest, "
            f"{value_words(a.lowest.value, indicator)}, {in_period(a.lowest.period)}."
        )
    target = target_words(a)
    if target:
        sentences.append(f"The target is {target}.")
    if a.benchmarks:
        positions = "; ".join(
            _lower_first(benchmark_words(a, position)) for position in a.benchmarks
        )
        sentences.append(f"The latest value is {positions}.")
    return sentences


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def direction_words(
    direction: Direction | None, change: float | None, indicator: Indicator
) -> str | None:
    """The direction of travel in words, with what it rests on: 'Similar (a change of less
    than 10%)', 'Worsening (+12%; lower is better)'."""
    if direction is None:
        return None
    name = DIRECTION_NAMES[direction]
    if direction == "similar":
        return f"{name} (a change of less than {SIGNIFICANT_CHANGE:g}%)"
    amount = format_change(change) if change is not None else "from nothing"
    return f"{name} ({amount}; {POLARITY_NAMES[indicator.polarity]})"


def _release_link(release: Release) -> Link:
    return Link(release.title, urls.release(release.id))


def chart_description(analysis: IndicatorAnalysis) -> str:
    """The text alternative of an indicator's chart: what a sighted reader would take in."""
    series, indicator = analysis.series, analysis.indicator
    if not series:
        return ""
    first, last = series[0], series[-1]
    text = (
        f"Line chart of {indicator.title[0].lower() + indicator.title[1:]}, "
        f"{format_period(first.period)} to {format_period(last.period)}: "
        f"{format_value(first.value, indicator)} in {format_period(first.period)}, "
        f"{format_value(last.value, indicator)} in {format_period(last.period)}"
    )
    drawn = [point for point in series if not is_withheld(point.value)]
    withheld = [point for point in series if is_withheld(point.value)]
    if drawn and not withheld:
        highest = max(drawn, key=lambda p: p.value)
        lowest = min(drawn, key=lambda p: p.value)
        text += (
            f"; highest {format_value(highest.value, indicator)} "
            f"({format_period(highest.period)}), "
            f"lowest {format_value(lowest.value, indicator)} ({format_period(lowest.period)})"
        )
    text += ". "
    if withheld:
        # The highest and lowest drawn would bound the withheld ones: they are not given.
        months = ", ".join(format_period(point.period) for point in withheld)
        text += (
            f"Small numbers are withheld ({withheld[0].value}) and left out of the line: {months}. "
        )
    return text + "Every value is in the table below."


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
    dataset: Link | None  # the file as published, offered for download
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
        dataset=Link(
            report.release.file, urls.release_dataset(report.release.id, report.release.kept_file)
        )
        if report.release.file and report.release.kept_file
        else None,
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
    search_names: list[str] = field(default_factory=list)  # see ``search_names``


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
        search_names=[term.term, *term.abbreviations],
    )


# --------------------------------------------------------------------------- open data


@dataclass(frozen=True)
class DataFile:
    """A file of the open data page: its name, where it is (none for a name pattern) and
    what it holds."""

    name: str
    address: Address | None
    holds: str


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
    request_example: str = ""
    request_anchor_example: str = ""
    people_json: Link | None = None  # where the archive has a register of officers
    indicator_files: list[DataFile] = field(default_factory=list)  # where it has values
    licence: DataLicence | None = None
    oparl: OParlInterface | None = None


@dataclass(frozen=True)
class OParlInterface:
    """The OParl interface as the open data page documents it: its entry point (none where
    the site has no address, ``entry_path`` saying where it would be), its objects and its
    extension namespace."""

    entry: str | None
    entry_path: str
    objects: dict[str, str]
    prefix: str
    extensions: dict[str, dict[str, str]]
    per_page: int


_EXAMPLE_DAY = dt.date(2023, 7, 20)


def open_data_page(
    archive: Archive,
    analysis: Analysis,
    extensions: dict[str, dict[str, str]],
    tables: dict[str, str],
    oparl: OParlInterface | None = None,
) -> OpenDataPage:
    """``tables``: what each table of the indicators' data package holds."""
    latest = archive.meetings[-1] if archive.meetings else None
    return OpenDataPage(
        address=urls.open_data(),
        site=archive.site,
        sections=sections(),
        meeting_json_pattern=urls.meeting_json_pattern(),
        example=Link(urls.meeting_json(latest.slug).path, urls.meeting_json(latest.slug))
        if latest
        else None,
        indicator_csv_pattern=urls.indicator_csv_pattern(),
        decision_example=urls.decision_identifier(_EXAMPLE_DAY, "9", 1),
        decision_anchor_example="#" + urls.decision_anchor("9", 1),
        extensions=extensions,
        request_example=urls.request_identifier(_EXAMPLE_DAY, "9", 1),
        request_anchor_example="#" + urls.request_anchor("9", 1),
        people_json=Link(urls.people_json().path, urls.people_json()) if archive.officers else None,
        indicator_files=indicator_files(tables)
        if any(a.series for a in analysis.indicators.values())
        else [],
        licence=archive.site.data_licence,
        oparl=oparl,
    )


def oparl_interface(
    site: SiteConfig,
    objects: dict[str, str],
    prefix: str,
    extensions: dict[str, dict[str, str]],
    per_page: int,
) -> OParlInterface:
    """The OParl interface of a site: its entry point where the site has an address."""
    entry = urls.oparl_system()
    return OParlInterface(
        entry=urls.absolute(entry, site.site_url) if site.site_url else None,
        entry_path=entry.path,
        objects=objects,
        prefix=prefix,
        extensions=extensions,
        per_page=per_page,
    )


def indicator_files(tables: dict[str, str]) -> list[DataFile]:
    """The indicators' open data: the package, its tables, the zip, and the files beside
    each indicator's page."""
    package, archive_zip = urls.data_package(), urls.indicators_zip()
    files = [
        DataFile(
            package.path,
            package,
            "A Frictionless Data Package (datapackage.org) describing the tables below: "
            "each column's type and meaning, their keys, the publisher, licence and edition",
        ),
        *(
            DataFile(urls.data_table(name).path, urls.data_table(name), holds.removesuffix("."))
            for name, holds in tables.items()
        ),
        DataFile(
            archive_zip.path,
            archive_zip,
            "All of it in one file: each indicator's data.csv, benchmarks.csv, targets.csv "
            "and metadata.json in a folder of its own, the data package, and a README "
            "saying what each column means",
        ),
    ]
    only_some = {"benchmarks.csv": "benchmarks", "targets.csv": "targets"}
    for name in urls.INDICATOR_DOWNLOADS:
        where = f", where the indicator has {only_some[name]}" if name in only_some else ""
        holds = f"{DOWNLOAD_NAMES[name]}{where}; linked from each indicator's page"
        files.append(DataFile(urls.indicator_download_pattern(name), None, holds))
    return files
