"""Meeting pages give the figures as the panel could have seen them, and what changed since."""

from __future__ import annotations

import datetime as dt
import shutil

from builder.analyse import FiguresSeen, analyse_indicator, figure_seen, release_revisions
from builder.model import Indicator, Observation, Release
from builder.render.views import dataset_seen, figure_row

from .conftest import FIXTURES
from .pages import page
from .test_validate import problems

INDICATOR = Indicator(
    code="LAC1",
    title="Number of looked after children",
    service_area="Looked after children",
    unit="count",
    polarity="lower_is_better",
    polarity_reasoning="-",
    sources=["-"],
)
RELEASES = {
    "2018-04": Release(
        id="2018-04", title="April 2018 dataset", published=dt.date(2018, 5, 30), source="-"
    ),
    "2018-05": Release(
        id="2018-05", title="May 2018 dataset", published=dt.date(2018, 6, 27), source="-"
    ),
}


def _analysis():
    observations = [
        Observation(indicator="lac1", period="2018-03", value=520, release="2018-04"),
        Observation(indicator="lac1", period="2018-04", value=521, release="2018-04"),
        Observation(indicator="lac1", period="2018-04", value=519, release="2018-05"),
        Observation(indicator="lac1", period="2018-05", value=515, release="2018-05"),
    ]
    return analyse_indicator(INDICATOR, observations, [], {"2018-04": 0, "2018-05": 1})


def test_a_meeting_sees_the_latest_value_published_by_its_date_and_what_was_revised_since():
    seen = figure_seen(_analysis(), RELEASES, dt.date(2018, 6, 7))
    assert (seen.seen.period, seen.seen.value, seen.seen.release) == ("2018-04", 521, "2018-04")
    assert (seen.revised.value, seen.revised.release) == (519, "2018-05")
    assert (seen.latest.period, seen.latest.value) == ("2018-05", 515)
    row = figure_row(seen, RELEASES)
    assert row.seen == "521 in April 2018"
    assert row.release.text == "April 2018 dataset"
    assert row.since == "Revised to 519 in the May 2018 dataset."


def test_a_meetings_figures_do_not_change_when_a_later_month_is_published():
    """Its row tells what became of the value the panel saw, not the indicator's latest
    value, so a meeting's page stays as it is when the next month's data comes."""
    observations = [
        Observation(indicator="lac1", period="2018-03", value=520, release="2018-04"),
        Observation(indicator="lac1", period="2018-04", value=521, release="2018-04"),
    ]
    order = {"2018-04": 0, "2018-05": 1}
    before = analyse_indicator(INDICATOR, observations, [], order)
    later = Observation(indicator="lac1", period="2018-05", value=515, release="2018-05")
    after = analyse_indicator(INDICATOR, [*observations, later], [], order)
    day = dt.date(2018, 6, 7)
    first = figure_row(figure_seen(before, RELEASES, day), RELEASES)
    second = figure_row(figure_seen(after, RELEASES, day), RELEASES)
    assert first.since == "Not revised since; it is still the latest value in this archive."
    assert second.since == "Not revised since."
    assert (first.seen, first.release) == (second.seen, second.release)


def test_a_meeting_on_the_day_of_a_release_sees_it():
    seen = figure_seen(_analysis(), RELEASES, dt.date(2018, 6, 27))
    assert (seen.seen.period, seen.seen.value) == ("2018-05", 515)
    assert seen.revised is None and seen.latest is None
    assert figure_row(seen, RELEASES).since == (
        "Not revised since; it is still the latest value in this archive."
    )


def test_a_meeting_before_any_release_is_told_so_not_given_a_later_figure():
    seen = figure_seen(_analysis(), RELEASES, dt.date(2018, 3, 22))
    assert seen.seen is None and seen.first_published == dt.date(2018, 5, 30)
    row = figure_row(seen, RELEASES)
    assert row.seen is None and row.release is None
    assert row.since == (
        "No value had been published by then; the first in this archive was published on "
        "30 May 2018."
    )


def test_a_release_counts_the_values_later_releases_revised():
    revisions = release_revisions(RELEASES["2018-04"], [_analysis()])
    assert (revisions.values, revisions.revised) == (2, 1)
    assert dataset_seen(RELEASES["2018-04"], revisions).revisions == (
        "Since then, 1 of its 2 values has been revised by later releases."
    )
    assert release_revisions(RELEASES["2018-05"], [_analysis()]).revised == 0


def test_the_bundled_meetings_show_their_figures_and_datasets(bundled_site, bundled_archive):
    _, analysis = bundled_archive
    before = page(bundled_site, "meetings/2018-03-22/")
    assert before.row("LAC1: Number of Looked after Children at end of period")[1:] == [
        "None",
        "–",
        "No value had been published by then; the first in this archive was published on "
        "30 May 2018.",
    ]
    weekly = page(bundled_site, "meetings/2020-12-03/")
    latest = analysis.indicators["children-in-residential-care-placements"].latest
    row = weekly.row("Children in Residential Care Placements")
    assert row[1] == f"{latest.value:.0f} in the period starting 8 November 2020"
    received = page(bundled_site, "meetings/2018-06-07/")
    assert "Dataset considered: Children and Families Monthly Dataset – April 2018." in (
        received.text
    )


def test_an_item_naming_an_unknown_release_is_refused(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    path = root / "content" / "meetings" / "2019-01-24.yml"
    text = path.read_text()
    assert "    indicators:" in text
    path.write_text(text.replace("    indicators:", "    releases: [2018-4]\n    indicators:", 1))
    [problem] = problems(root)
    assert "field items[1].releases[1]: no release has the id '2018-4'" in problem
    assert "(did you mean '2018-04'?)" in problem


def test_one_lookup_answers_every_day_as_a_lookup_of_its_own_would():
    figures, analysis = FiguresSeen(RELEASES), _analysis()
    days = [dt.date(2018, 6, 27), dt.date(2018, 3, 22), dt.date(2018, 6, 7), dt.date(2018, 5, 30)]
    seen = [figures.at(analysis, day) for day in days]
    assert [s.seen.value if s.seen else None for s in seen] == [515, None, 521, 521]
    assert seen == [figure_seen(_analysis(), RELEASES, day) for day in days]
