"""Content records: the plain dataclasses authors' files are validated into.

Records that authors write (meetings, people, indicators, releases, glossary terms) are
validated straight into these classes by the validate stage; the field names here are the
field names of the content files, so this module is also the reference for the formats
described in README.md. What the analyse stage computes lives in ``analysis.py``.

``content_record`` marks a class whose fields an author writes: unknown fields in the
file are errors, and surrounding white space is stripped from text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar, dataclass_transform

from pydantic import AfterValidator, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from builder.slugs import slugify

_AUTHORED = ConfigDict(
    extra="forbid", str_strip_whitespace=True, str_min_length=1, allow_inf_nan=False
)


_Record = TypeVar("_Record")


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def content_record(cls: type[_Record]) -> type[_Record]:
    """Make ``cls`` a frozen keyword-only dataclass that rejects unknown fields.

    ``dataclass_transform`` tells type checkers that the result is such a dataclass.
    """
    cls.__pydantic_config__ = _AUTHORED  # type: ignore[attr-defined]
    return dataclass(frozen=True, kw_only=True)(cls)


def release_order(releases: list[Release]) -> dict[str, tuple[dt.date, str]]:
    """Publication order of releases, by date then id, so two on one day still compare."""
    return {release.id: (release.published, release.id) for release in releases}


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def municipal_year(day: dt.date) -> str:
    """The council year, May to April, that ``day`` falls in, written '2018/19'."""
    start = day.year if day.month >= 5 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


# --------------------------------------------------------------------------- people


PersonKind = Literal["councillor", "appointed_member"]


@content_record
class RoleTerm:
    """A term as chair or vice-chair within one municipal year (May to April)."""

    role: Literal["chair", "vice_chair"]
    municipal_year: str
    start: dt.date | None = None
    end: dt.date | None = None
    source: str | None = None


@content_record
class Person:
    """A member of the panel, from the register ``content/people.yml``."""

    id: str
    name: str
    kind: PersonKind
    family_name: str
    given_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[RoleTerm] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


AttendeeKind = Literal["officer", "cabinet_member", "councillor", "guest"]


@content_record
class OfficerRole:
    """A post held by someone in the register of officers, from ``start`` to ``end``."""

    role: str
    start: dt.date | None = None
    end: dt.date | None = None
    source: str | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls within the post's dates (an open end covers every day)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@content_record
class Officer:
    """Someone the records name who is not a member of the panel (an officer, a cabinet
    member, another councillor or a guest), from the register ``content/officers.yml``."""

    id: str
    name: str
    kind: AttendeeKind
    aliases: list[str] = field(default_factory=list)
    roles: list[OfficerRole] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def roles_on(self, day: dt.date) -> list[str]:
        """The posts the register says they held on ``day``."""
        return [term.role for term in self.roles if term.covers(day)]


@content_record
class Attendee:
    """Someone who is not a panel member and addressed the panel, with their role then.

    ``person`` is their id in the register of officers (``content/officers.yml``); the
    inline form gives ``name`` instead. ``role`` and ``kind`` are as the record gives them;
    for a registered person they default to the register's post on the day and kind, and
    for a name written inline ``kind`` defaults to ``officer``.
    """

    person: str | None = None
    name: str | None = None
    role: str | None = None
    kind: AttendeeKind | None = None


@content_record
class Contact:
    role: str
    name: str
    phone: str | None = None
    email: str | None = None


# --------------------------------------------------------------------------- meetings


_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?")


def _web_address(value: object) -> object:
    """A web address as the council published it: http(s), a host, no spaces."""
    if isinstance(value, str) and not _WEB_ADDRESS.fullmatch(value.strip()):
        raise PydanticCustomError(
            "web_address",
            "expected a web address starting https:// (or http://) with no spaces, as the "
            "council published it, e.g. https://www.example.gov.uk/documents/report.pdf",
        )
    return value


# Where the content records a document's web address; never guessed from its title.
WebAddress = Annotated[str, AfterValidator(_web_address)]


@content_record
class Source:
    """A published document a record was transcribed from; written as its title alone, or
    as its title and the web address where the council published it."""

    title: str
    url: WebAddress | None = None


def _source_by_title(value: object) -> object:
    return {"title": value} if isinstance(value, str) else value


# A list of sources: each one's title as text, or its title and url.
Sources = list[Annotated[Source, BeforeValidator(_source_by_title)]]


@content_record
class Document:
    title: str
    format: str | None = None
    size: str | None = None
    date: dt.date | None = None
    url: WebAddress | None = None


@content_record
class Report:
    """A report to the panel, transcribed from its cover sheet and body."""

    title: str
    report_of: str | None = None
    date: dt.date | None = None
    author: Contact | None = None
    director: Contact | None = None
    confidentiality: str | None = None
    summary: str | None = None
    recommendations: list[str] = field(default_factory=list)
    detail: str | None = None
    key_decision: bool | None = None
    wards_affected: str | None = None
    appendices: list[str] = field(default_factory=list)
    background_documents: list[str] = field(default_factory=list)


RecommendationStatus = Literal["open", "response_received", "completed", "not_accepted"]


@content_record
class ItemRef:
    """An agenda item of another meeting, by the meeting's date and the item's number."""

    meeting: dt.date
    item: int


@content_record
class StatusEvent:
    """A dated change in a recommendation's status, and where it was recorded."""

    date: dt.date
    status: RecommendationStatus
    meeting: dt.date | None = None
    document: str | None = None
    note: str | None = None


@content_record
class DueWindow:
    """A loose due time, as the record words it ("a 2020 meeting", "the autumn"), read as
    a window of days: ``as_written`` is the record's words, ``first_day`` and ``last_day``
    the first and last day of the window (both included). It is overdue only once
    ``last_day`` has passed."""

    as_written: str
    first_day: dt.date
    last_day: dt.date


class Tracked:
    """What recommendations and requests share: what was asked (``text``) and of whom
    (``asked_of``), a due time (``due_meeting``, ``due_month``
    or ``due_within``), dated ``status`` events and the item that answered it
    (``fulfilled_by``)."""

    if TYPE_CHECKING:
        text: str
        asked_of: str | None
        due_meeting: dt.date | None
        due_month: str | None
        due_within: DueWindow | None
        fulfilled_by: ItemRef | None
        status: list[StatusEvent]

    @property
    def history(self) -> list[StatusEvent]:
        """The status events, with the fulfilling meeting as a completion if not recorded."""
        events = list(self.status)
        fulfilled = self.fulfilled_by
        if fulfilled and not any(e.status == "completed" for e in events):
            events.append(
                StatusEvent(
                    date=fulfilled.meeting,
                    status="completed",
                    meeting=fulfilled.meeting,
                    note=f"Item {fulfilled.item} of that meeting answered the request.",
                )
            )
        return sorted(events, key=lambda e: e.date)

    @property
    def current_status(self) -> RecommendationStatus:
        return self.status_on(dt.date.max)

    def status_on(self, day: dt.date) -> RecommendationStatus:
        """The status as it stood on ``day``."""
        earlier = [event for event in self.history if event.date <= day]
        return earlier[-1].status if earlier else "open"

    def due_date(self) -> dt.date | None:
        """The meeting it is due at, the last day of the month it is due in, or the last
        day of the window it is due within."""
        if self.due_meeting:
            return self.due_meeting
        if self.due_month:
            year, month = int(self.due_month[:4]), int(self.due_month[5:7])
            first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
            return first_of_next - dt.timedelta(days=1)
        if self.due_within:
            return self.due_within.last_day
        return None


@content_record
class Decision(Tracked):
    """One RESOLVED decision; its number is its position in the item's list.

    A ``recommendation`` asks something of someone (a report, information, an action);
    its ``status`` events record what became of it. Other decisions are ``resolution``s.
    """

    text: str
    label: str | None = None
    kind: Literal["resolution", "recommendation"] = "resolution"
    asked_of: str | None = None
    due_meeting: dt.date | None = None
    due_month: str | None = None
    due_within: DueWindow | None = None
    fulfilled_by: ItemRef | None = None
    status: list[StatusEvent] = field(default_factory=list)


@content_record
class Request(Tracked):
    """Something the panel asked for that the minutes record in their own words, not as a
    RESOLVED decision (no resolution wording is published for it). ``text`` is what was
    asked, as the minutes word it; it is tracked like a recommendation. Its number is its
    position in the item's ``requests`` (counted from 1)."""

    text: str
    asked_of: str | None = None
    due_meeting: dt.date | None = None
    due_month: str | None = None
    due_within: DueWindow | None = None
    fulfilled_by: ItemRef | None = None
    status: list[StatusEvent] = field(default_factory=list)


@content_record
class Correction:
    """A dated correction of a meeting's minutes, e.g. when approved with amendments."""

    date: dt.date
    text: str
    source: str | None = None


@content_record
class Declaration:
    """A declaration of interest; ``interest`` is the kind (personal, pecuniary, ...) where
    the record states it, left out where it does not."""

    member: str
    text: str
    interest: str | None = None
    item: int | None = None


@content_record
class Approval:
    """Minutes of an earlier meeting approved as a correct record, perhaps with amendments."""

    meeting: dt.date
    amendments: str | None = None


ExemptionBasis = Literal["schedule_12a", "government_department", "court_order"]


@content_record
class ExemptAppendix:
    """An exempt appendix, with the category and reason the record gives for it, if any."""

    title: str
    category: str | None = None
    reason: str | None = None


def _appendix_by_title(value: object) -> object:
    """An appendix written as its title alone is an appendix with a title and nothing else."""
    if isinstance(value, str):
        return {"title": value}
    if not isinstance(value, dict):
        raise PydanticCustomError(
            "appendix_type",
            "expected the appendix's title as text (in quotes if it is a number), or its "
            "title, category and reason as 'field: value' lines",
        )
    return value


@content_record
class Exclusion:
    """Exclusion of the press and public for exempt appendices; the rest stays public.

    What makes the information exempt is stated only as the record states it: ``basis:
    schedule_12a`` where it cites Part 1 of Schedule 12A to the Local Government Act 1972,
    ``cites`` for any other rule or legislation as written (e.g. a council's Access to
    Information Procedure Rules), neither where the record names none. ``category`` and
    ``reason`` given here hold for every appendix; an appendix may instead give its own.
    ``not_needed`` records that members agreed not to discuss the exempt appendices.
    """

    appendices: list[Annotated[ExemptAppendix, BeforeValidator(_appendix_by_title)]] = field(
        default_factory=list
    )
    basis: ExemptionBasis | None = None
    cites: str | None = None
    category: str | None = None
    reason: str | None = None
    not_needed: bool = False
    note: str | None = None


@content_record
class AgendaItem:
    """An item of a meeting, in the order the agenda printed it.

    ``number`` is the agenda number (items and decisions are addressed by it);
    ``minute_number`` is the number the minutes give the item, where they print one of
    their own (agenda item 5 may be minute 23). ``order_taken`` is the item's position in
    the order the meeting took its items, counted from 1 (the first item taken is 1), given
    where the meeting changed the order of business. ``decisions`` are RESOLVED decisions;
    ``requests`` are requests the minutes record without resolution wording.
    """

    title: str
    number: int | None = None
    minute_number: int | None = None
    report_of: str | None = None
    pages: str | None = None
    summary: str | None = None
    chair: str | None = None
    confidential: bool = False
    exemption: str | None = None
    report: Report | None = None
    documents: list[Document] = field(default_factory=list)
    addressed: list[Attendee] = field(default_factory=list)
    minutes: str | None = None
    decisions: list[Decision] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    releases: list[str] = field(default_factory=list)  # datasets the item considered
    order_taken: int | None = None
    approves: list[Approval] = field(default_factory=list)
    exclusion: Exclusion | None = None
    confidentiality_lifted: dt.date | None = None
    monitoring: bool = False
    disagreements: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def confidential_on(self, day: dt.date) -> bool:
        """Whether the item's material is still confidential on ``day``."""
        lifted = self.confidentiality_lifted
        return self.confidential and (lifted is None or lifted > day)


@content_record
class PartAttendance:
    """A member present for some items only, by item number."""

    member: str
    items: list[int]


@content_record
class Online:
    platform: str
    recording: str | None = None


@content_record
class InferredDate:
    """The source prints no date: the date was inferred, and this is the evidence."""

    evidence: str


@content_record
class DateWindow:
    """The record gives no date and none can be inferred: the first and last day the
    meeting can have been held on (e.g. the days after and before the meetings either
    side of it), and the evidence for them."""

    earliest: dt.date
    latest: dt.date
    evidence: str


@content_record
class Appointment:
    """How a substitute came to sit for a meeting, as the record says: the member replaced
    resigned from the panel for the time being, and whoever appointed the substitute."""

    temporary_resignation: bool = False
    by: str | None = None
    delegated_powers: bool = False
    note: str | None = None


@content_record
class Substitution:
    """Substitutes standing in for members at one meeting.

    ``member`` and ``substitute`` pair one substitute with one member; ``members`` and
    ``substitutes`` record several that the record names together without pairing them.
    """

    member: str | None = None
    substitute: str | None = None
    members: list[str] = field(default_factory=list)
    substitutes: list[str] = field(default_factory=list)
    appointment: Appointment | None = None

    @property
    def replaced(self) -> list[str]:
        """The members replaced, whichever form the record took."""
        return [*([self.member] if self.member else []), *self.members]

    @property
    def standing_in(self) -> list[str]:
        """The substitutes, whichever form the record took."""
        return [*([self.substitute] if self.substitute else []), *self.substitutes]

    @property
    def paired(self) -> bool:
        """Whether the record says who stood in for whom: one member, one substitute."""
        return len(self.replaced) == 1 and len(self.standing_in) == 1


@content_record
class Programme:
    """Meeting dates of a municipal year as published in an agenda pack."""

    municipal_year: str
    dates: list[dt.date]


MeetingStatus = Literal["scheduled", "held", "cancelled", "moved"]
# What the archive can say of a meeting on a given day: a scheduled meeting whose day has
# passed without minutes in the archive has 'papers only'.
MeetingState = Literal["upcoming", "papers_only", "held", "cancelled", "moved"]
MeetingKind = Literal["ordinary", "special"]


@content_record
class Meeting:
    committee: str
    status: MeetingStatus
    sources: Sources
    kind: MeetingKind = "ordinary"
    special_reason: str | None = None
    moved_to: dt.date | None = None
    date: dt.date | None = None  # None only where date_unknown gives the window
    date_unknown: DateWindow | None = None
    date_inferred: InferredDate | None = None
    start_time: dt.time | None = None
    venue: str | None = None
    online: Online | None = None
    chair: str | None = None
    vice_chair: str | None = None
    members: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    part_attendance: list[PartAttendance] = field(default_factory=list)
    substitutions: list[Substitution] = field(default_factory=list)
    spellings: dict[str, str] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    programme: Programme | None = None
    corrections: list[Correction] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """Its name in addresses: the date, or for a meeting whose date is not known, its
        window (``between-2019-06-07-and-2019-09-11``), never a date it may not have had."""
        if self.date is not None:
            return self.date.isoformat()
        window = self.window
        return f"between-{window.earliest.isoformat()}-and-{window.latest.isoformat()}"

    @property
    def window(self) -> DateWindow:
        """The days the meeting can have been held on: one day where the date is known."""
        if self.date is not None:
            return DateWindow(earliest=self.date, latest=self.date, evidence="")
        assert self.date_unknown is not None, "validation requires date or date_unknown"
        return self.date_unknown

    @property
    def sort_date(self) -> dt.date:
        """Where it stands among meetings: its date, or the first day it can have been."""
        return self.window.earliest

    @property
    def municipal_year(self) -> str:
        return municipal_year(self.sort_date)

    @property
    def when(self) -> str:
        """Its date in words, or the window its date lies in."""
        if self.date is not None:
            return _long_date(self.date)
        window = self.window
        return (
            f"date not known, between {_long_date(window.earliest)} and {_long_date(window.latest)}"
        )

    @property
    def title(self) -> str:
        return f"{self.committee}, {self.when}"

    def state_on(self, day: dt.date) -> MeetingState:
        """The meeting's state as the archive knows it on ``day``."""
        if self.status == "scheduled":
            return "upcoming" if self.window.earliest > day else "papers_only"
        return self.status


# --------------------------------------------------------------------------- indicators


Unit = Literal["count", "percentage", "rate_per_10000"]
Polarity = Literal["higher_is_better", "lower_is_better", "neither"]
Frequency = Literal["monthly", "weekly"]
BenchmarkKind = Literal["statistical_neighbours", "england", "south_east"]
DirectionOfTravel = Literal["positive", "similar", "negative"]


@content_record
class Benchmark:
    """A comparator value; ``published_as`` keeps a non-numeric cell such as 'Local'."""

    kind: BenchmarkKind
    year: str
    value: float | None = None
    published_as: str | None = None


@content_record
class Target:
    year: str
    value: float | None = None
    published_as: str | None = None


@content_record
class PublishedFigures:
    """Figures a release printed beside an indicator's values, kept to check our own.

    One row of ``content/indicators/published_figures.csv``; changes are per cent.
    """

    indicator: str
    release: str
    change_previous_month: float | None = None
    change_previous_year: float | None = None
    direction_of_travel: DirectionOfTravel | None = None
    average_12_months: float | None = None
    max_12_months: float | None = None


@content_record
class Indicator:
    title: str
    service_area: str
    unit: Unit
    polarity: Polarity
    polarity_reasoning: str
    sources: Sources
    code: str | None = None
    outcome: str | None = None
    owner: str | None = None
    reporter: str | None = None
    frequency: Frequency = "monthly"
    decimals: int | None = None
    benchmarks: list[Benchmark] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # the same measure as a count, rate or %
    notes: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The URL slug: from the code, or from the title where there is no code."""
        return slugify(self.code or self.title)

    @property
    def label(self) -> str:
        """How the indicator is named in lists and headings: 'LAC1: Number of ...'."""
        return f"{self.code}: {self.title}" if self.code else self.title


@content_record
class Release:
    """A published dataset (or the report that carried a table of values)."""

    id: str
    title: str
    published: dt.date
    source: str
    benchmark_note: str | None = None
    url: WebAddress | None = None  # where the council published the dataset or its report
    file: str | None = None
    sha256: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def kept_file(self) -> str | None:
        """The name of the copy of the published file kept in content/datasets/: the
        release's id with the published file's extension (``2018-05.csv``)."""
        if self.file is None:
            return None
        return self.id + PurePosixPath(self.file).suffix.lower()


@content_record
class Observation:
    """One value of an indicator for one period, as one release published it.

    ``period`` is ``YYYY-MM`` for monthly series and ``YYYY-MM-DD`` (week commencing)
    for weekly ones.
    """

    indicator: str
    period: str
    value: float
    release: str


# --------------------------------------------------------------------------- glossary


@content_record
class GlossaryTerm:
    term: str
    definition: str
    source: str
    abbreviations: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.term)


# --------------------------------------------------------------------------- site


@content_record
class SiteConfig:
    site_name: str
    council: str
    committee: str
    description: str
    language: str = "en-GB"
    site_url: str | None = None
    repo_url: str | None = None
    service_areas: list[str] = field(default_factory=list)
    # Abbreviations the records use that no glossary term explains, with what each stands
    # for (``NHS: National Health Service``); every page explains them where they appear.
    abbreviations: dict[str, str] = field(default_factory=dict)
    data_licence: DataLicence | None = None
    accessibility_contact: AccessibilityContact | None = None
    small_numbers: SmallNumbers | None = None


@content_record
class SmallNumbers:
    """Statistical disclosure control: counts from 1 to ``threshold`` of the listed
    indicators are withheld from every page and download, shown as ``shown_as``."""

    threshold: int
    indicators: list[str]
    reason: str
    shown_as: str | None = None

    @property
    def words(self) -> str:
        """What a page shows in place of a withheld count: 'fewer than 6' by default."""
        return self.shown_as or f"fewer than {self.threshold + 1}"

    def withholds(self, slug: str, value: float) -> bool:
        """Whether ``value`` of the indicator ``slug`` is a small number to withhold (zero
        is not: it stays zero)."""
        return slug in self.indicators and 0 < value <= self.threshold


@content_record
class AccessibilityContact:
    """How a reader reports an accessibility problem or asks for another format, as the
    council states it; the statement gives only what is set here."""

    email: str | None = None
    phone: str | None = None
    web: WebAddress | None = None
    response_days: int | None = None


@content_record
class DataLicence:
    """The licence the council publishes its records and data under, as it states it."""

    name: str
    url: str | None = None


@content_record
class Committee:
    """The panel's standing description, from its agenda packs."""

    name: str
    role: str
    terms_of_reference: list[str] = field(default_factory=list)
    quorum: int | None = None
    sources: Sources = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Redirect:
    """An address of the site that moved (``site_config/redirects.yml``, ``old: new``):
    ``old`` keeps leading to ``new``. Both are paths from the site's root as a browser
    asks for them (``indicators/lac-1/``); ``line`` is where the entry stands."""

    old: str
    new: str
    line: int


@dataclass(frozen=True, kw_only=True)
class Archive:
    """Everything the content folder holds, validated and cross-checked."""

    site: SiteConfig
    committee: Committee | None
    people: list[Person]
    meetings: list[Meeting]
    indicators: list[Indicator]
    releases: list[Release]
    observations: list[Observation]
    published_figures: list[PublishedFigures]
    glossary: list[GlossaryTerm]
    officers: list[Officer] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)

    def person(self, person_id: str) -> Person:
        return next(p for p in self.people if p.id == person_id)

    # Both are read for every page: computed once per archive (a frozen dataclass keeps
    # them in its __dict__, outside its fields).
    @functools.cached_property
    def release_order(self) -> dict[str, tuple[dt.date, str]]:
        """Each release's place in publication order (by date, then id): later is newer."""
        return release_order(self.releases)

    @functools.cached_property
    def latest_date(self) -> dt.date:
        """The newest date the content records: 'now' for the archive, so builds repeat."""
        dates = [meeting.date for meeting in self.meetings if meeting.date is not None]
        dates += [release.published for release in self.releases]
        dates += [
            event.date
            for meeting in self.meetings
            for item in meeting.items
            for decision in item.decisions
            for event in decision.status
        ]
        dates += [
            event.date
            for meeting in self.meetings
            for item in meeting.items
            for request in item.requests
            for event in request.status
        ]
        return max(dates, default=dt.date(2000, 1, 1))
