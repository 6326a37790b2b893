"""Analyse stage: what readers need beyond the published values.

For each indicator: its current series (for each period, the value of the newest release
that published it), the change on the previous period and on the same month a year
earlier, the 12-month average and maximum, the direction of travel given the indicator's
polarity, and a check of every figure the dataset printed beside its values against the
same figure computed from those values. Disagreements are kept and shown, never hidden.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import statistics
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from builder import urls
from builder.model import (
    Analysis,
    Appearance,
    ApprovalRef,
    Archive,
    Attendance,
    Attendee,
    BenchmarkPosition,
    DecisionRef,
    Direction,
    Edition,
    FigureCheck,
    FigureSeen,
    Highlight,
    Indicator,
    IndicatorAnalysis,
    ItemPlace,
    Meeting,
    Observation,
    Officer,
    PublishedFigures,
    Relation,
    Release,
    ReleaseReport,
    ReleaseRevisions,
    RequestRef,
    RevisedValue,
    SeriesPoint,
    Speaker,
    SubstitutionRecord,
    Target,
    TrackedRef,
)

SIGNIFICANT_CHANGE = 10.0  # per cent, on the previous month or the same month a year earlier


def analyse(archive: Archive) -> Analysis:
    published_order = archive.release_order
    by_indicator: dict[str, list[Observation]] = defaultdict(list)
    for observation in archive.observations:
        by_indicator[observation.indicator].append(observation)
    figures: dict[str, list[PublishedFigures]] = defaultdict(list)
    for row in archive.published_figures:
        figures[row.indicator].append(row)
    analyses = {
        indicator.slug: analyse_indicator(
            indicator, by_indicator[indicator.slug], figures[indicator.slug], published_order
        )
        for indicator in archive.indicators
    }
    decisions = all_decisions(archive)
    tracked = all_tracked(archive)
    return Analysis(
        indicators=analyses,
        meetings_by_indicator=_meetings_by_indicator(archive),
        related=related_measures(archive.indicators),
        releases=release_reports(archive),
        decisions=decisions,
        attendance=attendance_by_person(archive),
        as_of=archive.latest_date,
        edition=default_edition(archive),
        approvals=approvals_by_meeting(archive),
        fulfilments=fulfilments_by_item(tracked),
        tracked=tracked,
        last_minuted=max(
            (m.window.latest for m in archive.meetings if m.status == "held"), default=None
        ),
        appearances=appearances_by_officer(archive),
    )


def default_edition(archive: Archive) -> Edition:
    """The edition a build publishes unless told otherwise: named after the latest data
    release (the archive's date where it has none), dated the archive's date."""
    order = archive.release_order
    latest = max(archive.releases, key=lambda release: order[release.id], default=None)
    name = latest.id if latest else archive.latest_date.isoformat()
    return Edition(name=name, date=archive.latest_date, site_url=archive.site.site_url)


def analyse_indicator(
    indicator: Indicator,
    observations: list[Observation],
    published: list[PublishedFigures],
    published_order: dict,
) -> IndicatorAnalysis:
    series = current_series(observations, published_order)
    latest = series[-1] if series else None
    previous = _previous_point(indicator, series)
    year_earlier = _point_at(series, shift_month(latest.period, -12)) if latest else None
    window = last_12_months(indicator, series)
    target = _target_for(indicator, latest.period) if latest else None
    return IndicatorAnalysis(
        indicator=indicator,
        series=series,
        latest=latest,
        previous=previous,
        year_earlier=year_earlier if indicator.frequency == "monthly" else None,
        change_on_previous=percent_change(previous, latest),
        change_on_year=percent_change(year_earlier, latest)
        if indicator.frequency == "monthly"
        else None,
        average_12_months=statistics.fmean(p.value for p in window) if window else None,
        max_12_months=max(p.value for p in window) if window else None,
        months_in_window=len(window),
        direction=direction_of_travel(indicator, previous, latest),
        direction_on_year=direction_of_travel(indicator, year_earlier, latest)
        if indicator.frequency == "monthly"
        else None,
        highest=max(series, key=lambda p: p.value) if series else None,
        lowest=min(series, key=lambda p: p.value) if series else None,
        target=target,
        off_target=_misses(indicator, latest.value, target.value)
        if latest and target and target.value is not None and indicator.polarity != "neither"
        else None,
        benchmarks=benchmark_positions(indicator, latest),
        checks=published_figure_checks(indicator, observations, published, published_order),
        revisions=revised_values(indicator, observations, published_order),
        history=sorted(observations, key=lambda o: (o.period, published_order[o.release])),
    )


def revised_values(
    indicator: Indicator, observations: list[Observation], published_order: dict
) -> list[RevisedValue]:
    """Periods that releases published with different values, each with its history."""
    by_period: dict[str, list[Observation]] = defaultdict(list)
    for observation in sorted(observations, key=lambda o: published_order[o.release]):
        by_period[observation.period].append(observation)
    revised = []
    for period, published in sorted(by_period.items()):
        history: list[SeriesPoint] = []
        for observation in published:
            if not history or history[-1].value != observation.value:
                history.append(
                    SeriesPoint(period=period, value=observation.value, release=observation.release)
                )
        if len(history) > 1:
            revised.append(RevisedValue(indicator=indicator, period=period, history=history))
    return revised


def current_series(observations: list[Observation], published_order: dict) -> list[SeriesPoint]:
    """One point per period: the value of the most recently published release."""
    newest: dict[str, Observation] = {}
    for observation in sorted(observations, key=lambda o: published_order[o.release]):
        newest[observation.period] = observation
    return [
        SeriesPoint(period=o.period, value=o.value, release=o.release)
        for o in sorted(newest.values(), key=lambda o: o.period)
    ]


@functools.cache
def shift_month(period: str, months: int) -> str:
    """``shift_month('2018-04', -12) == '2017-04'``; a weekly period keeps its month.
    Remembered: the release reports ask for the same few hundred months again and again."""
    year, month = int(period[:4]), int(period[5:7])
    index = year * 12 + (month - 1) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _point_at(series: list[SeriesPoint], period: str) -> SeriesPoint | None:
    return next((point for point in series if point.period == period), None)


def _previous_point(indicator: Indicator, series: list[SeriesPoint]) -> SeriesPoint | None:
    if len(series) < 2:
        return None
    if indicator.frequency == "weekly":
        return series[-2]
    return _point_at(series, shift_month(series[-1].period, -1))


def last_12_months(indicator: Indicator, series: list[SeriesPoint]) -> list[SeriesPoint]:
    """The points of the 12 months ending with the latest; a month with no value is skipped,
    as the council's own 12-month figures skip months published as '-'."""
    if indicator.frequency != "monthly" or not series:
        return []
    wanted = {shift_month(series[-1].period, -offset) for offset in range(12)}
    return [point for point in series if point.period in wanted]


def percent_change(before: SeriesPoint | None, after: SeriesPoint | None) -> float | None:
    if before is None or after is None or before.value == 0:
        return None
    return (after.value - before.value) / before.value * 100


def direction_of_travel(
    indicator: Indicator, before: SeriesPoint | None, after: SeriesPoint | None
) -> Direction | None:
    """The dataset's own key, the same on every page: a change of less than 10% is
    'similar'; one of 10% or more is improving or worsening by the indicator's polarity, or
    up or down where it has none. A change from nothing counts as 10% or more."""
    if before is None or after is None:
        return None
    change = percent_change(before, after)
    if after.value == before.value or (change is not None and abs(change) < SIGNIFICANT_CHANGE):
        return "similar"
    rising = after.value > before.value
    if indicator.polarity == "neither":
        return "up" if rising else "down"
    return "improving" if rising == (indicator.polarity == "higher_is_better") else "worsening"


def published_figure_checks(
    indicator: Indicator,
    observations: list[Observation],
    published: list[PublishedFigures],
    published_order: dict,
) -> list[FigureCheck]:
    """Recompute, from each release's own values, the figures it printed beside them."""
    checks = []
    for figures in sorted(published, key=lambda f: published_order[f.release]):
        own = [o for o in observations if o.release == figures.release]
        series = current_series(own, published_order)
        latest = series[-1] if series else None
        window = last_12_months(indicator, series)
        if len(window) < 12:
            window = []  # a month missing from the archive: the published figure can't be redone
        year_earlier = _point_at(series, shift_month(latest.period, -12)) if latest else None
        computed = {
            "Change on the previous month (%)": (
                figures.change_previous_month,
                percent_change(_previous_point(indicator, series), latest),
            ),
            "Change on the same month a year earlier (%)": (
                figures.change_previous_year,
                percent_change(year_earlier, latest),
            ),
            "12-month average": (
                figures.average_12_months,
                statistics.fmean(p.value for p in window) if window else None,
            ),
            "12-month maximum": (
                figures.max_12_months,
                max(p.value for p in window) if window else None,
            ),
        }
        checks += [
            FigureCheck(label=label, release=figures.release, published=pub, computed=comp)
            for label, (pub, comp) in computed.items()
            if pub is not None
        ]
    return checks


def all_decisions(archive: Archive) -> list[DecisionRef]:
    """Every decision of every meeting, oldest first, with its identifier."""
    return [
        DecisionRef(
            meeting=meeting,
            item=item,
            item_key=urls.item_key(item.number, position),
            number=number,
            decision=decision,
        )
        for meeting in archive.meetings
        for position, item in enumerate(meeting.items, start=1)
        for number, decision in enumerate(item.decisions, start=1)
    ]


def all_tracked(archive: Archive) -> list[TrackedRef]:
    """Every recommendation and request, oldest first: by meeting, then item, an item's
    recommendations before its requests."""
    tracked: list[TrackedRef] = []
    for meeting in archive.meetings:
        for position, item in enumerate(meeting.items, start=1):
            key = urls.item_key(item.number, position)
            tracked += [
                DecisionRef(meeting=meeting, item=item, item_key=key, number=n, decision=d)
                for n, d in enumerate(item.decisions, start=1)
                if d.kind == "recommendation"
            ]
            tracked += [
                RequestRef(meeting=meeting, item=item, item_key=key, number=n, request=r)
                for n, r in enumerate(item.requests, start=1)
            ]
    return tracked


def approvals_by_meeting(archive: Archive) -> dict[dt.date, list[ApprovalRef]]:
    """For each meeting date, the later items that approved its minutes."""
    approvals: dict[dt.date, list[ApprovalRef]] = defaultdict(list)
    for meeting in archive.meetings:
        for position, item in enumerate(meeting.items, start=1):
            place = ItemPlace(meeting=meeting, item=item, position=position)
            for approval in item.approves:
                approvals[approval.meeting].append(ApprovalRef(place=place, approval=approval))
    return dict(approvals)


def fulfilments_by_item(tracked: list[TrackedRef]) -> dict:
    """For each (meeting date, item number), the recommendations and requests it answered."""
    fulfilled: dict = defaultdict(list)
    for ref in tracked:
        target = ref.tracked.fulfilled_by
        if target is not None:
            fulfilled[(target.meeting, target.item)].append(ref)
    return dict(fulfilled)


def attendance_by_person(archive: Archive) -> dict[str, list[Attendance]]:
    """For each member, every meeting whose record names them, and in what capacity."""
    people = {person.id: person for person in archive.people}
    records: dict[str, list[Attendance]] = defaultdict(list)
    for meeting in archive.meetings:
        substitutions = [
            SubstitutionRecord(
                substitution=s,
                members=[people[p] for p in s.replaced],
                substitutes=[people[p] for p in s.standing_in],
            )
            for s in meeting.substitutions
        ]
        substitutes = {
            r.substitutes[0].id: r.members[0] for r in substitutions if r.substitution.paired
        }
        parts = {part.member: part.items for part in meeting.part_attendance}
        named = {
            *(p for s in meeting.substitutions for p in [*s.replaced, *s.standing_in]),
            *meeting.invited,
            *meeting.members,
            *meeting.present,
            *meeting.apologies,
            *(p for p in (meeting.chair, meeting.vice_chair) if p),
            *(item.chair for item in meeting.items if item.chair),
            *(d.member for d in meeting.declarations),
        }
        for person_id in sorted(named):
            records[person_id].append(
                Attendance(
                    meeting=meeting,
                    member_id=person_id,
                    listed=person_id in meeting.members,
                    invited=person_id in meeting.invited,
                    present=person_id in meeting.present,
                    present_for_items=parts.get(person_id, []),
                    apologies=person_id in meeting.apologies,
                    chaired=meeting.chair == person_id,
                    chaired_items=[item for item in meeting.items if item.chair == person_id],
                    vice_chair=meeting.vice_chair == person_id,
                    substitute_for=substitutes.get(person_id),
                    declarations=[d for d in meeting.declarations if d.member == person_id],
                    substituted=[r for r in substitutions if person_id in r.substitution.replaced],
                    substituting=[
                        r for r in substitutions if person_id in r.substitution.standing_in
                    ],
                )
            )
    return dict(records)


def speaker(attendee: Attendee, meeting: Meeting, officers: dict[str, Officer]) -> Speaker:
    """Who addressed the panel, as pages name them: for a registered person, their name in
    the register, the spelling this meeting printed, and the role the record gives or else
    the post the register says they held that day."""
    officer = officers.get(attendee.person) if attendee.person else None
    if officer is None:
        return Speaker(
            officer=None,
            name=attendee.name or "",
            printed_as=None,
            role=attendee.role,
            kind=attendee.kind or "officer",
        )
    printed = meeting.spellings.get(officer.id)
    return Speaker(
        officer=officer,
        name=officer.name,
        printed_as=printed if printed and printed != officer.name else None,
        role=attendee.role or "; ".join(_roles_throughout(officer, meeting)) or None,
        kind=attendee.kind or officer.kind,
    )


def appearances_by_officer(archive: Archive) -> dict[str, list[Appearance]]:
    """For each person of the register of officers, every item they addressed, oldest first."""
    officers = {officer.id: officer for officer in archive.officers}
    found: dict[str, list[Appearance]] = defaultdict(list)
    for meeting in archive.meetings:
        for position, item in enumerate(meeting.items, start=1):
            for attendee in item.addressed:
                if attendee.person in officers:
                    found[attendee.person].append(
                        Appearance(
                            meeting=meeting,
                            item=item,
                            item_key=urls.item_key(item.number, position),
                            speaker=speaker(attendee, meeting, officers),
                        )
                    )
    return dict(found)


# A dataset code names one measure; a suffix or marker names the form it is given in:
# 'LAC6 (val)' and 'LAC6 (%)', 'CP3-QL' and 'CP3-QL (val)', 'LAC10-QL' and 'LAC10 (%)'.
_CODE_FORM = re.compile(r"(\s*\((val|%)\))?$|-QL(?=\s*(\((val|%)\))?$)", re.IGNORECASE)


def measure_code(code: str) -> str:
    """The measure a dataset code names, without the form: 'LAC10-QL (%)' -> 'LAC10'."""
    return _CODE_FORM.sub("", code).strip().upper()


def related_measures(indicators: list[Indicator]) -> dict[str, list[str]]:
    """For each indicator, the others that give the same measure in another form: those its
    file or theirs lists under ``related``, and those whose code names the same measure in
    another unit. In the archive's order of indicators."""
    linked: dict[str, set[str]] = defaultdict(set)
    for indicator in indicators:
        for listed in indicator.related:
            linked[indicator.slug].add(listed)
            linked[listed].add(indicator.slug)
    by_measure: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        if indicator.code:
            by_measure[measure_code(indicator.code)].append(indicator)
    for family in by_measure.values():
        for one in family:
            for other in family:
                if one.unit != other.unit:
                    linked[one.slug].add(other.slug)
    order = [indicator.slug for indicator in indicators]
    return {
        slug: [other for other in order if other in linked[slug]] for slug in order if linked[slug]
    }


def _meetings_by_indicator(archive: Archive) -> dict:
    linked: dict[str, list] = defaultdict(list)
    for meeting in archive.meetings:
        slugs = {slug for item in meeting.items for slug in item.indicators}
        for slug in sorted(slugs):
            linked[slug].append(meeting)
    return dict(linked)


# --------------------------------------------------------------------------- releases


class _SeriesSoFar:
    """One indicator's current values while the releases are taken in the order they were
    published: each period's point, and the periods in order with their values beside them.
    A release's report then finds what stands before its latest period by bisection, where
    sorting the whole series again for every release made the reports grow with releases
    times values. The highest and lowest of the values before each position are kept as
    they are asked for, and forgotten from where a release inserts or revises a value: a
    release nearly always adds the latest period, so each is worked out about once."""

    def __init__(self) -> None:
        self.points: dict[str, SeriesPoint] = {}
        self.periods: list[str] = []
        self.values: list[float] = []
        self._highest: list[float] = []  # of values[: i + 1], for each i so far
        self._lowest: list[float] = []

    def publish(self, point: SeriesPoint) -> None:
        at = bisect_left(self.periods, point.period)
        if point.period in self.points:
            self.values[at] = point.value
        else:
            self.periods.insert(at, point.period)
            self.values.insert(at, point.value)
        self.points[point.period] = point
        del self._highest[at:], self._lowest[at:]

    def count_before(self, period: str) -> int:
        """How many periods with a value come before ``period``."""
        return bisect_left(self.periods, period)

    def extremes_before(self, count: int) -> tuple[float, float]:
        """The highest and lowest of the first ``count`` values (at least one), as
        ``max`` and ``min`` of them give."""
        highest, lowest, values = self._highest, self._lowest, self.values
        for index in range(len(highest), count):
            value = values[index]
            if index == 0:
                highest.append(value)
                lowest.append(value)
            else:
                highest.append(value if value > highest[-1] else highest[-1])
                lowest.append(value if value < lowest[-1] else lowest[-1])
        return highest[count - 1], lowest[count - 1]


def release_reports(archive: Archive) -> list[ReleaseReport]:
    """The highlight report of every release (in the archive's order), each from what was
    published up to and including it. One pass over the releases in the order they were
    published, keeping each indicator's current values and each month's history as it
    goes, so the cost grows with the values published, not with releases times values."""
    order = archive.release_order
    indicators = {indicator.slug: indicator for indicator in archive.indicators}
    own_by_release: dict[str, list[Observation]] = defaultdict(list)
    for observation in archive.observations:
        own_by_release[observation.release].append(observation)
    current: dict[str, _SeriesSoFar] = defaultdict(_SeriesSoFar)
    histories: dict[tuple[str, str], list[SeriesPoint]] = defaultdict(list)
    reports: dict[str, ReleaseReport] = {}
    for release in sorted(archive.releases, key=lambda r: order[r.id]):
        own = own_by_release[release.id]
        revised: dict[str, list[RevisedValue]] = defaultdict(list)
        for observation in own:
            point = SeriesPoint(
                period=observation.period, value=observation.value, release=observation.release
            )
            current[observation.indicator].publish(point)
            history = histories[(observation.indicator, observation.period)]
            if history and history[-1].value == observation.value:
                continue
            history.append(point)
            if len(history) > 1:
                indicator = indicators[observation.indicator]
                revised[indicator.slug].append(
                    RevisedValue(indicator=indicator, period=point.period, history=list(history))
                )
        reports[release.id] = _release_report(release, own, indicators, current, revised)
    return [reports[release.id] for release in archive.releases]


def _release_report(
    release: Release,
    own: list[Observation],
    indicators: dict[str, Indicator],
    current: dict[str, _SeriesSoFar],
    revised_by: dict[str, list[RevisedValue]],
) -> ReleaseReport:
    """The highlight report of ``release``, given each indicator's values as published up
    to and including it (``current``) and the values it revised (``revised_by``)."""
    report: dict[str, list[Highlight]] = defaultdict(list)
    revised: list[RevisedValue] = []
    latest_periods: dict[str, str] = {}
    for observation in own:
        if observation.period > latest_periods.get(observation.indicator, ""):
            latest_periods[observation.indicator] = observation.period
    slugs = sorted(latest_periods)
    for slug in slugs:
        indicator = indicators[slug]
        series = current[slug]
        latest = series.points.get(latest_periods[slug])
        if latest is None:
            continue
        _highlight_changes(report, indicator, series, latest)
        _highlight_extremes(report, indicator, series, latest)
        target = _target_for(indicator, latest.period)
        if target and target.value is not None and _misses(indicator, latest.value, target.value):
            report["off_target"].append(
                Highlight(indicator=indicator, latest=latest, target=target)
            )
        revised += sorted(revised_by[slug], key=lambda revision: revision.period)
    frequencies = {indicators[slug].frequency for slug in slugs}
    monthly = "monthly" in frequencies
    periods = sorted(
        {o.period for o in own if not monthly or indicators[o.indicator].frequency == "monthly"}
    )
    return ReleaseReport(
        release=release,
        indicators=len(slugs),
        monthly=monthly,
        first_period=periods[0] if periods else None,
        last_period=periods[-1] if periods else None,
        improving=report["improving"],
        worsening=report["worsening"],
        changed=report["changed"],
        new_highs=report["new_highs"],
        new_lows=report["new_lows"],
        off_target=report["off_target"],
        revised=revised,
    )


def _highlight_changes(
    report, indicator: Indicator, series: _SeriesSoFar, latest: SeriesPoint
) -> None:
    """A change of 10% or more on the previous month, else on the same month a year earlier."""
    if indicator.frequency == "monthly":
        candidates = [
            series.points.get(shift_month(latest.period, -1)),
            series.points.get(shift_month(latest.period, -12)),
        ]
    else:
        earlier = series.count_before(latest.period)
        candidates = [series.points[series.periods[earlier - 1]] if earlier else None]
    for before in candidates:
        change = percent_change(before, latest)
        direction = direction_of_travel(indicator, before, latest)
        if change is None or direction in (None, "similar"):
            continue
        key = direction if direction in ("improving", "worsening") else "changed"
        report[key].append(
            Highlight(indicator=indicator, latest=latest, compared_with=before, change=change)
        )
        return


def _highlight_extremes(
    report, indicator: Indicator, series: _SeriesSoFar, latest: SeriesPoint
) -> None:
    before = series.count_before(latest.period)
    if before < 2:
        return
    highest, lowest = series.extremes_before(before)
    if latest.value > highest:
        report["new_highs"].append(Highlight(indicator=indicator, latest=latest))
    elif latest.value < lowest:
        report["new_lows"].append(Highlight(indicator=indicator, latest=latest))


@functools.cache
def financial_year(period: str) -> str:
    """'2018-04' -> '2018-19'; '2018-03' -> '2017-18' (April to March). Remembered, as
    ``shift_month`` is."""
    year, month = int(period[:4]), int(period[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _target_for(indicator: Indicator, period: str) -> Target | None:
    year = financial_year(period)
    return next((t for t in indicator.targets if t.year == year and t.value is not None), None)


def _misses(indicator: Indicator, value: float, target: float) -> bool:
    if indicator.polarity == "higher_is_better":
        return value < target
    if indicator.polarity == "lower_is_better":
        return value > target
    return False


def _roles_throughout(officer: Officer, meeting: Meeting) -> list[str]:
    """The posts an officer held on the meeting's day, or on every day it can have been."""
    window = meeting.window
    at_end = set(officer.roles_on(window.latest))
    return [role for role in officer.roles_on(window.earliest) if role in at_end]


def benchmark_positions(
    indicator: Indicator, latest: SeriesPoint | None
) -> list[BenchmarkPosition]:
    """The latest value against each comparator the dataset gives a number for."""
    if latest is None:
        return []
    data_year = financial_year(latest.period)
    positions = []
    for benchmark in indicator.benchmarks:
        if benchmark.value is None:
            continue
        if latest.value > benchmark.value:
            relation: Relation = "above"
        elif latest.value < benchmark.value:
            relation = "below"
        else:
            relation = "level with"
        positions.append(
            BenchmarkPosition(
                benchmark=benchmark,
                relation=relation,
                older_than_data=_year_start(benchmark.year) < _year_start(data_year),
            )
        )
    return positions


def _year_start(year: str) -> int:
    """'2016-17' -> 2016; a year that does not start with four digits sorts first."""
    return int(year[:4]) if year[:4].isdigit() else 0


def figure_seen(
    analysis: IndicatorAnalysis, releases: dict[str, Release], day: dt.date
) -> FigureSeen:
    """The indicator's latest value published by ``day`` (by the latest release that gave
    that period a value), what the archive holds for that period now if a later release
    revised it, and the latest value now where it is for a later period."""
    return FiguresSeen(releases).at(analysis, day)


class FiguresSeen:
    """``figure_seen`` for the meetings of a whole archive: each indicator's values are put
    in the order they were published once, with the latest period's newest value so far
    at each step, and each meeting's day is looked up in that order. (Filtering the whole
    history again for every figure every meeting saw was a fifth of the time making the
    pages' views took at 4x the base.)"""

    def __init__(self, releases: dict[str, Release]) -> None:
        self._releases = releases
        # By the analysis's id, kept with it so that the id is not another's.
        self._orders: dict[int, tuple[IndicatorAnalysis, _PublishedOrder]] = {}

    def at(self, analysis: IndicatorAnalysis, day: dt.date) -> FigureSeen:
        """``figure_seen(analysis, releases, day)``."""
        order = self._order(analysis)
        published = bisect_right(order.days, day)
        indicator = analysis.indicator
        if not published:
            first = order.days[0] if order.days else None
            return FigureSeen(indicator=indicator, day=day, seen=None, first_published=first)
        newest = order.newest[published - 1]
        seen = SeriesPoint(period=newest.period, value=newest.value, release=newest.release)
        now = order.current.get(newest.period)
        latest = analysis.latest
        return FigureSeen(
            indicator=indicator,
            day=day,
            seen=seen,
            revised=now if now is not None and now.value != seen.value else None,
            latest=latest if latest is not None and latest.period != newest.period else None,
        )

    def _order(self, analysis: IndicatorAnalysis) -> _PublishedOrder:
        kept = self._orders.get(id(analysis))
        if kept is None:
            kept = self._orders[id(analysis)] = (analysis, self._published_order(analysis))
        return kept[1]

    def _published_order(self, analysis: IndicatorAnalysis) -> _PublishedOrder:
        releases = self._releases
        ordered = sorted(analysis.history, key=lambda o: releases[o.release].published)
        newest: list[Observation] = []
        best: tuple[str, dt.date, str] | None = None
        for observation in ordered:
            rank = (
                observation.period,
                releases[observation.release].published,
                observation.release,
            )
            if best is None or rank > best:
                best = rank
                newest.append(observation)
            else:
                newest.append(newest[-1])
        return _PublishedOrder(
            days=[releases[o.release].published for o in ordered],
            newest=newest,
            current={point.period: point for point in analysis.series},
        )


@dataclass(frozen=True)
class _PublishedOrder:
    """An indicator's values in the order they were published: the day of each, and the
    value a meeting on that day saw (the latest period's newest value until then)."""

    days: list[dt.date]
    newest: list[Observation]
    current: dict[str, SeriesPoint]  # the series now, by period


def release_revisions(release: Release, analyses: Iterable[IndicatorAnalysis]) -> ReleaseRevisions:
    """How many of the values ``release`` published a later release changed."""
    values = revised = 0
    for analysis in analyses:
        current = {point.period: point for point in analysis.series}
        for observation in analysis.history:
            if observation.release != release.id:
                continue
            values += 1
            now = current.get(observation.period)
            if now is not None and now.release != release.id and now.value != observation.value:
                revised += 1
    return ReleaseRevisions(release=release.id, values=values, revised=revised)
