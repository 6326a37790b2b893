import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.analyse import (
    analyse,
    current_series,
    direction_of_travel,
    percent_change,
    release_reports,
    shift_month,
)
from builder.load import load_content
from builder.model import Archive, Observation, Release, SeriesPoint
from builder.validate import validate_content

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def fixture_analysis():
    return analyse(validate_content(load_content(FIXTURES / "minimal")))


def point(period: str, value: float) -> SeriesPoint:
    return SeriesPoint(period=period, value=value, release="r")


def test_shift_month_crosses_years():
    assert shift_month("2018-04", -12) == "2017-04"
    assert shift_month("2018-01", -1) == "2017-12"
    assert shift_month("2017-12", 1) == "2018-01"


def test_percent_change():
    assert percent_change(point("2018-03", 270), point("2018-04", 245)) == pytest.approx(
        -9.259, 1e-3
    )
    assert percent_change(point("2018-03", 0), point("2018-04", 5)) is None
    assert percent_change(None, point("2018-04", 5)) is None


def test_the_newest_release_gives_the_current_value():
    order = {"old": dt.date(2018, 5, 1), "new": dt.date(2018, 6, 1)}
    observations = [
        Observation(indicator="x", period="2018-04", value=10, release="new"),
        Observation(indicator="x", period="2018-04", value=9, release="old"),
        Observation(indicator="x", period="2018-03", value=8, release="old"),
    ]
    series = current_series(observations, order)
    assert [(p.period, p.value, p.release) for p in series] == [
        ("2018-03", 8, "old"),
        ("2018-04", 10, "new"),
    ]


def test_direction_of_travel_follows_polarity(fixture_analysis):
    lac6_pct = fixture_analysis.indicators["lac6-pct"].indicator
    lac6_val = fixture_analysis.indicators["lac6-val"].indicator
    up = (point("2018-03", 10), point("2018-04", 12))
    down = (point("2018-03", 12), point("2018-04", 10))
    assert direction_of_travel(lac6_pct, *up) == "improving"
    assert direction_of_travel(lac6_pct, *down) == "worsening"
    assert direction_of_travel(lac6_val, *up) == "up"
    assert direction_of_travel(lac6_pct, *(point("2018-03", 5), point("2018-04", 5))) == "similar"


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (522, 521, "similar"),  # LAC1, March to April 2018: the dataset's key says similar
        (100, 109.9, "similar"),
        (100, 110, "worsening"),  # 10% or more, and lower is better
        (100, 90, "improving"),
        (0, 3, "worsening"),  # from nothing: any change counts
    ],
)
def test_direction_of_travel_follows_the_datasets_key(fixture_analysis, before, after, expected):
    """The key printed in the dataset: less than 10% is similar, 10% or more is judged by
    the indicator's polarity (here lower is better)."""
    import dataclasses

    lower_is_better = dataclasses.replace(
        fixture_analysis.indicators["lac6-pct"].indicator, polarity="lower_is_better"
    )
    pair = (point("2018-03", before), point("2018-04", after))
    assert direction_of_travel(lower_is_better, *pair) == expected


def test_figures_of_an_indicator(fixture_analysis):
    adoptions = fixture_analysis.indicators["lac6-val"]
    assert adoptions.latest.value == 2
    assert adoptions.previous.period == "2018-03"
    assert adoptions.change_on_previous == pytest.approx(-50)
    assert adoptions.change_on_year is None  # April 2017 was 0: no percentage change
    assert adoptions.average_12_months == pytest.approx(52 / 12)
    assert adoptions.max_12_months == 10
    assert adoptions.months_in_window == 12


def test_published_figures_are_checked_and_disagreements_kept(fixture_analysis):
    adoptions = fixture_analysis.indicators["lac6-val"]
    assert [(c.label, c.outcome) for c in adoptions.checks] == [
        ("Change on the previous month (%)", "agrees"),
        ("12-month average", "agrees"),
        ("12-month maximum", "agrees"),
    ]
    [(indicator, check)] = fixture_analysis.disagreements
    assert indicator.slug == "lac6-pct"
    assert check.published == 30.0
    assert check.computed == pytest.approx(28.4667, 1e-4)


def test_meetings_are_linked_to_the_indicators_they_discussed(fixture_analysis):
    linked = fixture_analysis.meetings_by_indicator
    assert [m.date.isoformat() for m in linked["lac6-val"]] == ["2019-01-24"]


def test_benchmark_positions_say_when_the_comparator_is_older_than_the_data(fixture_analysis):
    lac6_val = fixture_analysis.indicators["lac6-val"]
    [england] = [p for p in lac6_val.benchmarks if p.benchmark.kind == "england"]
    assert (england.benchmark.value, lac6_val.latest.value) == (2, 2)
    assert england.relation == "level with"
    assert england.older_than_data  # 2016-17 against data for April 2018 (2018-19)
    assert [p.benchmark.kind for p in lac6_val.benchmarks] == ["england"]  # 'Local' has no value


@pytest.fixture(scope="module")
def fixture_archive() -> Archive:
    return validate_content(load_content(FIXTURES / "minimal"))


def _period(frequency: str, index: int) -> str:
    if frequency == "weekly":
        return (dt.date(2018, 1, 1) + dt.timedelta(weeks=index)).isoformat()
    return shift_month("2018-01", index)


@st.composite
def _published_values(draw, archive: Archive) -> Archive:
    """The fixture's indicators, weekly or monthly, with values from a few releases that
    revise each other, the archive's order of releases not their order of publication."""
    indicators = [
        replace(
            indicator,
            frequency=draw(st.sampled_from(["monthly", "weekly"])),
            polarity=draw(st.sampled_from(["higher_is_better", "lower_is_better", "neither"])),
        )
        for indicator in archive.indicators
    ]
    releases = [
        Release(
            id=f"r{number}",
            title=f"Release {number}",
            published=dt.date(2019, 1, 1) + dt.timedelta(days=draw(st.integers(0, 3))),
            source="Council",
        )
        for number in range(draw(st.integers(1, 6)))
    ]
    observations = [
        Observation(
            indicator=indicator.slug,
            period=_period(indicator.frequency, index),
            value=draw(st.integers(0, 12)),
            release=release.id,
        )
        for release in releases
        for indicator in indicators
        for index in sorted(draw(st.sets(st.integers(0, 30), max_size=8)))
    ]
    return replace(archive, indicators=indicators, releases=releases, observations=observations)


def _highlights_the_plain_way(archive: Archive, release: Release) -> dict[str, list]:
    """The highlights of ``release`` from the whole series published up to it, sorted
    afresh: what the report must say however it is computed."""
    order = archive.release_order
    so_far = [o for o in archive.observations if order[o.release] <= order[release.id]]
    own = [o for o in archive.observations if o.release == release.id]
    found: dict[str, list] = {key: [] for key in ("changes", "new_highs", "new_lows")}
    for indicator in sorted(archive.indicators, key=lambda indicator: indicator.slug):
        periods = [o.period for o in own if o.indicator == indicator.slug]
        if not periods:
            continue
        series = current_series([o for o in so_far if o.indicator == indicator.slug], order)
        [latest] = [point for point in series if point.period == max(periods)]
        earlier = [point for point in series if point.period < latest.period]
        if indicator.frequency == "monthly":
            by_period = {point.period: point for point in series}
            candidates = [by_period.get(shift_month(latest.period, -n)) for n in (1, 12)]
        else:
            candidates = [earlier[-1] if earlier else None]
        for before in candidates:
            change = percent_change(before, latest)
            if change is not None and direction_of_travel(indicator, before, latest) != "similar":
                found["changes"].append((indicator.slug, latest, before, change))
                break
        values = [point.value for point in earlier]
        if len(values) >= 2 and latest.value > max(values):
            found["new_highs"].append((indicator.slug, latest))
        elif len(values) >= 2 and latest.value < min(values):
            found["new_lows"].append((indicator.slug, latest))
    return found


@given(data=st.data())
def test_each_release_report_compares_with_everything_published_up_to_it(fixture_archive, data):
    archive = data.draw(_published_values(fixture_archive))
    for report in release_reports(archive):
        changes = sorted(
            (h.indicator.slug, h.latest, h.compared_with, h.change)
            for h in [*report.improving, *report.worsening, *report.changed]
        )
        expected = _highlights_the_plain_way(archive, report.release)
        assert changes == sorted(expected["changes"])
        assert [(h.indicator.slug, h.latest) for h in report.new_highs] == expected["new_highs"]
        assert [(h.indicator.slug, h.latest) for h in report.new_lows] == expected["new_lows"]


def test_a_new_high_is_judged_against_the_values_as_revised_since(fixture_archive):
    """A release that revises an earlier value down changes what a later value must beat:
    April's 15 is the highest once February's 20 is revised to 5 (10, 5 and 12 before it)."""
    indicator = replace(fixture_archive.indicators[0], frequency="monthly", targets=[])
    releases = [
        Release(id=f"r{n}", title=f"Release {n}", published=dt.date(2019, 1, 1 + n), source="C")
        for n in range(2)
    ]
    values = {"r0": [("2018-01", 10), ("2018-02", 20), ("2018-03", 12)]}
    values["r1"] = [("2018-02", 5), ("2018-04", 15)]
    archive = replace(
        fixture_archive,
        indicators=[indicator],
        releases=releases,
        observations=[
            Observation(indicator=indicator.slug, period=period, value=value, release=release)
            for release, rows in values.items()
            for period, value in rows
        ],
    )
    first, second = release_reports(archive)
    assert first.new_highs == [] and first.new_lows == []
    assert [(h.latest.period, h.latest.value) for h in second.new_highs] == [("2018-04", 15)]
    expected = _highlights_the_plain_way(archive, releases[1])["new_highs"]
    assert [(indicator.slug, h.latest) for h in second.new_highs] == expected
