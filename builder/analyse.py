"""Analyse stage: what readers need beyond the published values.

For each indicator: its current series (for each period, the value of the newest release
that published it), the change on the previous period and on the same month a year
earlier, the 12-month average and maximum, the direction of travel given the indicator's
polarity, and a check of every figure the dataset printed beside its values against the
same figure computed from those values. Disagreements are kept and shown, never hidden.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from builder.model import (
    Analysis,
    Archive,
    Direction,
    FigureCheck,
    Indicator,
    IndicatorAnalysis,
    Observation,
    PublishedFigures,
    SeriesPoint,
)


def analyse(archive: Archive) -> Analysis:
    published_order = {release.id: release.published for release in archive.releases}
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
    return Analysis(indicators=analyses, meetings_by_indicator=_meetings_by_indicator(archive))


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
        checks=published_figure_checks(indicator, observations, published, published_order),
    )


def current_series(observations: list[Observation], published_order: dict) -> list[SeriesPoint]:
    """One point per period: the value of the most recently published release."""
    newest: dict[str, Observation] = {}
    for observation in sorted(observations, key=lambda o: published_order[o.release]):
        newest[observation.period] = observation
    return [
        SeriesPoint(period=o.period, value=o.value, release=o.release)
        for o in sorted(newest.values(), key=lambda o: o.period)
    ]


def shift_month(period: str, months: int) -> str:
    """``shift_month('2018-04', -12) == '2017-04'``; a weekly period keeps its month."""
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
    """Improving or worsening by the indicator's polarity; up or down where it has none."""
    if before is None or after is None:
        return None
    if after.value == before.value:
        return "no change"
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


def _meetings_by_indicator(archive: Archive) -> dict:
    linked: dict[str, list] = defaultdict(list)
    for meeting in archive.meetings:
        slugs = {slug for item in meeting.items for slug in item.indicators}
        for slug in sorted(slugs):
            linked[slug].append(meeting)
    return dict(linked)
