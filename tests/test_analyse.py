import datetime as dt

import pytest

from builder.analyse import (
    analyse,
    current_series,
    direction_of_travel,
    percent_change,
    shift_month,
)
from builder.load import load_content
from builder.model import Observation, SeriesPoint
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
