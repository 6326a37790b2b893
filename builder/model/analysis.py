"""Analysis results: what the analyse stage computes from the content records.

Plain frozen dataclasses the render stage reads; nothing here is written by authors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from builder import urls
from builder.model.content import (
    AgendaItem,
    Approval,
    AttendeeKind,
    Benchmark,
    Decision,
    Declaration,
    Indicator,
    Meeting,
    Observation,
    Officer,
    Person,
    Release,
    Request,
    Substitution,
    Target,
    Tracked,
)

# By the dataset's own key: a change of less than 10% is similar; one of 10% or more is
# improving or worsening by the indicator's polarity, or up or down where it has none.
Direction = Literal["improving", "worsening", "similar", "up", "down"]


@dataclass(frozen=True, kw_only=True)
class SeriesPoint:
    period: str
    value: float
    release: str


@dataclass(frozen=True, kw_only=True)
class FigureCheck:
    """A figure the source printed, beside the same figure computed from its values."""

    label: str
    release: str
    published: float | None
    computed: float | None

    @property
    def outcome(self) -> Literal["agrees", "differs", "not computable"]:
        """'not computable' where the archive lacks values the figure was computed from."""
        if self.published is None or self.computed is None:
            return "not computable"
        if abs(self.published - self.computed) <= _rounding_tolerance(self.published):
            return "agrees"
        return "differs"


def _rounding_tolerance(published: float) -> float:
    """Half a unit in the last place the published figure shows (1065 -> 0.5, 72.9 -> 0.05)."""
    text = f"{published:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10**-decimals + 1e-9


Relation = Literal["above", "below", "level with"]


@dataclass(frozen=True, kw_only=True)
class BenchmarkPosition:
    """Where the latest value stands against one comparator, and whether the comparator's
    year is older than the financial year of the latest value."""

    benchmark: Benchmark
    relation: Relation
    older_than_data: bool


@dataclass(frozen=True, kw_only=True)
class IndicatorAnalysis:
    """What a reader needs to know about one indicator, computed from its series."""

    indicator: Indicator
    series: list[SeriesPoint]
    latest: SeriesPoint | None
    previous: SeriesPoint | None
    year_earlier: SeriesPoint | None
    change_on_previous: float | None
    change_on_year: float | None
    average_12_months: float | None
    max_12_months: float | None
    months_in_window: int
    direction: Direction | None  # on the previous period
    direction_on_year: Direction | None  # on the same month a year earlier
    highest: SeriesPoint | None = None  # the first time the series reached its highest
    lowest: SeriesPoint | None = None
    target: Target | None = None  # for the financial year of the latest value
    off_target: bool | None = None  # None where the indicator has no polarity or no target
    benchmarks: list[BenchmarkPosition] = field(default_factory=list)
    checks: list[FigureCheck]
    revisions: list[RevisedValue]
    history: list[Observation]  # every value of every release, by period then publication

    @property
    def disagreements(self) -> list[FigureCheck]:
        return [check for check in self.checks if check.outcome == "differs"]


@dataclass(frozen=True, kw_only=True)
class FigureSeen:
    """An indicator's latest value as a meeting on ``day`` could have seen it, and what
    the archive holds for the same period and since."""

    indicator: Indicator
    day: dt.date
    seen: SeriesPoint | None  # the latest value published by the day; None if nothing was
    revised: SeriesPoint | None = None  # the period's value now, where a later release changed it
    latest: SeriesPoint | None = None  # the latest value now, where it is for a later period
    first_published: dt.date | None = None  # where nothing was published by the day


@dataclass(frozen=True, kw_only=True)
class ReleaseRevisions:
    """How many values a release published that later releases changed."""

    release: str
    values: int
    revised: int


@dataclass(frozen=True, kw_only=True)
class Edition:
    """The edition a build publishes: one per data release, named like ``2018-04``.

    ``date`` is the archive's date (its newest record); ``site_url`` the site's address
    from its configuration, if it has one. A ``versioned`` edition is published as a
    version of the site (``python -m builder deploy``), at ``<site_url>/<name>/``; a plain
    build is served at the site's root.
    """

    name: str
    date: dt.date
    site_url: str | None = None
    versioned: bool = False


@dataclass(frozen=True, kw_only=True)
class Analysis:
    indicators: dict[str, IndicatorAnalysis]
    meetings_by_indicator: dict[str, list[Meeting]]
    related: dict[str, list[str]]  # indicator slug -> the same measure in other forms
    releases: list[ReleaseReport]
    decisions: list[DecisionRef]
    attendance: dict[str, list[Attendance]]
    as_of: dt.date
    edition: Edition

    approvals: dict[dt.date, list[ApprovalRef]]
    fulfilments: dict[tuple[dt.date, int], list[TrackedRef]]
    # Recommendations and requests, by meeting, then item, decisions before requests.
    tracked: list[TrackedRef] = field(default_factory=list)
    # The latest meeting whose minutes the archive holds: a response can only have been
    # recorded at a meeting up to it.
    last_minuted: dt.date | None = None
    appearances: dict[str, list[Appearance]] = field(default_factory=dict)

    def days_waiting(self, ref: TrackedRef) -> int | None:
        """Days since an open recommendation or request was made, up to the edition's date
        (the archive's latest date); none where the meeting's date is not known."""
        if ref.tracked.current_status != "open" or ref.meeting.date is None:
            return None
        return (self.as_of - ref.meeting.date).days

    def overdue(self, ref: TrackedRef, on: dt.date | None = None) -> bool:
        """Still open after the meeting, month or window it was due."""
        day = on or self.as_of
        due = ref.tracked.due_date()
        return due is not None and due < day and ref.tracked.status_on(day) == "open"

    def no_later_record(self, made: dt.date, tracked: Tracked) -> bool:
        """The archive ends after the meeting that made it (on ``made``): no status is
        recorded, and no later meeting's minutes are in the archive to have recorded one."""
        later = self.last_minuted is not None and self.last_minuted > made
        return not later and not tracked.history

    def open_on(self, day: dt.date) -> list[TrackedRef]:
        """Recommendations and requests made before ``day`` and still open on it."""
        return [
            ref
            for ref in self.tracked
            if ref.meeting.window.latest < day and ref.tracked.status_on(day) == "open"
        ]

    @property
    def disagreements(self) -> list[tuple[Indicator, FigureCheck]]:
        return [
            (analysis.indicator, check)
            for analysis in self.indicators.values()
            for check in analysis.disagreements
        ]


@dataclass(frozen=True, kw_only=True)
class RevisedValue:
    """A month whose value one release changed from what an earlier release published."""

    indicator: Indicator
    period: str
    history: list[SeriesPoint]  # every distinct value, in order of publication

    @property
    def first(self) -> SeriesPoint:
        return self.history[0]

    @property
    def current(self) -> SeriesPoint:
        return self.history[-1]


@dataclass(frozen=True, kw_only=True)
class Highlight:
    """One line of a release's highlight report, about one indicator."""

    indicator: Indicator
    latest: SeriesPoint
    compared_with: SeriesPoint | None = None
    change: float | None = None
    target: Target | None = None


@dataclass(frozen=True, kw_only=True)
class ReleaseReport:
    """What a release says that readers should notice, as it stood when it was published."""

    release: Release
    indicators: int
    monthly: bool  # whether it holds monthly series (else weekly ones only)
    first_period: str | None  # of its monthly series, where it has any
    last_period: str | None
    improving: list[Highlight]
    worsening: list[Highlight]
    changed: list[Highlight]
    new_highs: list[Highlight]
    new_lows: list[Highlight]
    off_target: list[Highlight]
    revised: list[RevisedValue]

    @property
    def slug(self) -> str:
        return self.release.id


@dataclass(frozen=True, kw_only=True)
class ItemPlace:
    """An agenda item with where it stands: its meeting and its position on the agenda
    (counted from 1), which give its key where the agenda prints no number."""

    meeting: Meeting
    item: AgendaItem
    position: int

    @property
    def key(self) -> str:
        return urls.item_key(self.item.number, self.position)

    @property
    def address(self) -> urls.Address:
        return urls.item(self.meeting.slug, self.key)


@dataclass(frozen=True, kw_only=True)
class ApprovalRef:
    """Minutes of an earlier meeting approved by an item of a later one."""

    place: ItemPlace
    approval: Approval


@dataclass(frozen=True, kw_only=True)
class DecisionRef:
    """A decision with where it was made: meeting date, item and position give its id."""

    meeting: Meeting
    item: AgendaItem
    item_key: str
    number: int
    decision: Decision

    @property
    def identifier(self) -> str:
        return urls.decision_identifier(self.meeting.slug, self.item_key, self.number)

    @property
    def address(self) -> urls.Address:
        return urls.decision(self.meeting.slug, self.item_key, self.number)

    @property
    def tracked(self) -> Decision:
        """The decision, as a recommendation is tracked."""
        return self.decision


@dataclass(frozen=True, kw_only=True)
class RequestRef:
    """A request (asked without resolution wording) with where it was made: meeting date,
    item and position among the item's requests give its id."""

    meeting: Meeting
    item: AgendaItem
    item_key: str
    number: int
    request: Request

    @property
    def identifier(self) -> str:
        return urls.request_identifier(self.meeting.slug, self.item_key, self.number)

    @property
    def address(self) -> urls.Address:
        return urls.request(self.meeting.slug, self.item_key, self.number)

    @property
    def tracked(self) -> Request:
        return self.request


# What the recommendations tracker follows: a recommendation or a request.
TrackedRef = DecisionRef | RequestRef


@dataclass(frozen=True, kw_only=True)
class Attendance:
    """What the minutes record of one member at one meeting."""

    meeting: Meeting
    member_id: str
    listed: bool
    invited: bool
    present: bool
    present_for_items: list[int]
    apologies: bool
    chaired: bool
    chaired_items: list[AgendaItem]
    vice_chair: bool
    substitute_for: Person | None
    declarations: list[Declaration]
    substituted: list[SubstitutionRecord] = field(default_factory=list)  # this member replaced
    substituting: list[SubstitutionRecord] = field(default_factory=list)  # a substitute


@dataclass(frozen=True, kw_only=True)
class SubstitutionRecord:
    """A substitution of one meeting with the members it names, in the record's order."""

    substitution: Substitution
    members: list[Person]
    substitutes: list[Person]


@dataclass(frozen=True, kw_only=True)
class Speaker:
    """Someone who is not a member and addressed the panel on an item, as pages name them:
    a person of the register of officers (``officer``), or a name written inline.

    ``role`` is the role the record gives, or else the register's post on the day.
    """

    officer: Officer | None
    name: str
    printed_as: str | None
    role: str | None
    kind: AttendeeKind


@dataclass(frozen=True, kw_only=True)
class Appearance:
    """A registered person addressing the panel on one item of one meeting."""

    meeting: Meeting
    item: AgendaItem
    item_key: str
    speaker: Speaker

    @property
    def address(self) -> urls.Address:
        return urls.item(self.meeting.slug, self.item_key)
