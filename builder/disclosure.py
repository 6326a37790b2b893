"""What the site may publish: the analysis with small numbers withheld, and the archive
with what a confidential item keeps private left out.

``public(archive, analysis)`` is applied once, before anything is rendered, so every page,
chart, search entry and download follows it; nothing after it sees a withheld value.

**Small numbers** (statistical disclosure control, ``small_numbers`` in
``site_config/site.yml``): for the indicators it lists, a count from 1 to the threshold
becomes a ``Withheld`` value, and every figure derived from one (a change, a direction, a
12-month average or maximum, a highest or lowest value, a position against a target or a
benchmark, a figure the source printed for that release) is withheld too. Zero stays zero.

**Confidential items**: while an item is confidential (``confidential: true`` until its
``confidentiality_lifted``), its report and its documents are left out; what transcribes
the council's public record (title, summary, minutes, decisions, speakers) stays.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from builder.analyse import last_12_months
from builder.model import (
    AgendaItem,
    Analysis,
    Archive,
    Highlight,
    IndicatorAnalysis,
    Meeting,
    ReleaseReport,
    RevisedValue,
    SeriesPoint,
    SmallNumbers,
)


class Withheld(float):
    """A value withheld as a small number, in its words ('fewer than 6').

    It is a float so records keep their types, but not a number: it is NaN to arithmetic
    and comparison, and formats, prints and converts to text as its words, so a path that
    forgot to ask ``is_withheld`` can only ever print the words, never the count. Two
    withheld values are equal (neither says more than the other)."""

    words: str

    def __new__(cls, words: str) -> Withheld:
        value = super().__new__(cls, math.nan)
        value.words = words
        return value

    def __format__(self, spec: str) -> str:
        return self.words

    def __str__(self) -> str:
        return self.words

    def __repr__(self) -> str:
        return self.words

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Withheld)

    def __ne__(self, other: object) -> bool:
        return not isinstance(other, Withheld)

    def __hash__(self) -> int:
        return hash(Withheld)


def is_withheld(value: float | None) -> bool:
    return isinstance(value, Withheld)


def public(archive: Archive, analysis: Analysis) -> tuple[Archive, Analysis]:
    """The archive and its analysis as the site may publish them."""
    archive = replace(archive, meetings=[_public_meeting(m, analysis) for m in archive.meetings])
    setting = archive.site.small_numbers
    if setting is None or not setting.indicators:
        return archive, analysis
    return archive, replace(
        analysis,
        indicators={
            slug: _protect_indicator(a, setting) for slug, a in analysis.indicators.items()
        },
        releases=[_protect_release(report, setting) for report in analysis.releases],
    )


# --------------------------------------------------------------------------- confidential


def _public_meeting(meeting: Meeting, analysis: Analysis) -> Meeting:
    if not any(item.confidential_on(analysis.as_of) for item in meeting.items):
        return meeting
    return replace(meeting, items=[_public_item(item, analysis) for item in meeting.items])


def _public_item(item: AgendaItem, analysis: Analysis) -> AgendaItem:
    if not item.confidential_on(analysis.as_of):
        return item
    return replace(item, report=None, documents=[])


# --------------------------------------------------------------------------- small numbers


def _point(point: SeriesPoint, slug: str, setting: SmallNumbers) -> SeriesPoint:
    if setting.withholds(slug, point.value):
        return replace(point, value=Withheld(setting.words))
    return point


def _maybe(point: SeriesPoint | None, slug: str, setting: SmallNumbers) -> SeriesPoint | None:
    return None if point is None else _point(point, slug, setting)


def _protect_indicator(a: IndicatorAnalysis, setting: SmallNumbers) -> IndicatorAnalysis:
    slug = a.indicator.slug
    if slug not in setting.indicators:
        return a
    withheld_releases = {o.release for o in a.history if setting.withholds(slug, o.value)}
    if not withheld_releases:
        return a
    latest = _maybe(a.latest, slug, setting)
    previous = _maybe(a.previous, slug, setting)
    year_earlier = _maybe(a.year_earlier, slug, setting)
    window = last_12_months(a.indicator, a.series)
    window_withheld = any(setting.withholds(slug, p.value) for p in window)
    latest_withheld = latest is not None and is_withheld(latest.value)
    on_previous = latest_withheld or (previous is not None and is_withheld(previous.value))
    on_year = latest_withheld or (year_earlier is not None and is_withheld(year_earlier.value))
    changes: dict[str, Any] = {}
    if on_previous:
        changes.update(change_on_previous=None, direction=None)
    if on_year:
        changes.update(change_on_year=None, direction_on_year=None)
    if window_withheld:
        changes.update(average_12_months=None, max_12_months=None)
    if latest_withheld:
        changes.update(off_target=None, benchmarks=[])
    return replace(
        a,
        series=[_point(p, slug, setting) for p in a.series],
        latest=latest,
        previous=previous,
        year_earlier=year_earlier,
        highest=_unless_withheld(a.highest, slug, setting),
        lowest=_unless_withheld(a.lowest, slug, setting),
        # A figure the source printed for a release with a withheld value may reveal it.
        checks=[check for check in a.checks if check.release not in withheld_releases],
        revisions=_protect_revisions(a.revisions, setting),
        history=[
            replace(o, value=Withheld(setting.words)) if setting.withholds(slug, o.value) else o
            for o in a.history
        ],
        **changes,
    )


def _unless_withheld(
    point: SeriesPoint | None, slug: str, setting: SmallNumbers
) -> SeriesPoint | None:
    return None if point is None or setting.withholds(slug, point.value) else point


def _protect_revisions(revisions: list[RevisedValue], setting: SmallNumbers) -> list[RevisedValue]:
    """Revisions with withheld values in their words; a revision from one small number to
    another says nothing a reader may know, and is left out."""
    kept = []
    for revision in revisions:
        slug = revision.indicator.slug
        history: list[SeriesPoint] = []
        for point in revision.history:
            point = _point(point, slug, setting)
            if not history or history[-1].value != point.value:
                history.append(point)
        if len(history) > 1:
            kept.append(replace(revision, history=history))
    return kept


def _protect_release(report: ReleaseReport, setting: SmallNumbers) -> ReleaseReport:
    """A release's highlights, without those whose value, or the value compared with,
    is withheld: its change, direction or place against the target would reveal it."""

    def shown(highlights: list[Highlight]) -> list[Highlight]:
        return [
            h
            for h in highlights
            if not setting.withholds(h.indicator.slug, h.latest.value)
            and not (
                h.compared_with is not None
                and setting.withholds(h.indicator.slug, h.compared_with.value)
            )
        ]

    return replace(
        report,
        improving=shown(report.improving),
        worsening=shown(report.worsening),
        changed=shown(report.changed),
        new_highs=shown(report.new_highs),
        new_lows=shown(report.new_lows),
        off_target=shown(report.off_target),
        revised=_protect_revisions(report.revised, setting),
    )
