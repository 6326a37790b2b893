"""Page views of the sample archive: the publishing rules, decided before any template."""

from __future__ import annotations

import datetime as dt

import pytest

from builder import pipeline, urls
from builder.model import Exclusion
from builder.render import pages, views

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def sample():
    return pipeline.check(FIXTURES / "sample")


def test_the_tracker_counts_waiting_days_up_to_the_archives_latest_date(sample):
    archive, analysis = sample
    page = views.recommendations_page(archive, analysis)
    assert page.as_of == dt.date(2024, 7, 18)
    years = views.recommendations_year_pages(archive, analysis)
    assert [year.year for year in years] == [year.link.text for year in page.years]
    groups: dict[str, list[views.RecommendationRow]] = {label: [] for label in page.statuses}
    for year in years:
        assert year.as_of == page.as_of
        for group in year.groups:
            groups[group.label] += group.rows
    assert [len(groups[label]) for label in views.RECOMMENDATION_STATUSES.values()] == [2, 0, 3, 1]
    assert page.totals == [len(groups[label]) for label in page.statuses]
    assert [sum(year.counts) for year in page.years] == [year.total for year in page.years]
    update, circulate = groups["Open"]
    assert (update.status.waiting_days, update.status.due, update.status.overdue) == (
        126,
        dt.date(2024, 7, 18),
        False,
    )
    assert (circulate.status.due, circulate.status.overdue) == (dt.date(2024, 5, 31), True)
    [refused] = groups["Not accepted"]
    assert refused.status.meeting is not None
    assert refused.status.meeting.address.web_path == "meetings/2024-06-06/"
    assert refused.status.waiting_days is None


def test_member_counts_come_from_the_minutes(sample):
    archive, analysis = sample
    rows = {row.link.text: row for row in views.members_index_page(archive, analysis).rows}
    ashworth = rows["Councillor Ashworth"]
    assert (ashworth.attended, ashworth.apologies, ashworth.chaired) == (3, 0, 3)
    bellamy = rows["Councillor Bellamy"]
    assert bellamy.chaired == 1, "in the chair for one item only"


def test_a_confidential_report_is_public_only_once_lifted(sample):
    archive, analysis = sample
    meetings = {meeting.date: meeting for meeting in archive.meetings}
    special = meetings[dt.date(2024, 6, 6)]
    page = views.meeting_page(views.catalogue(archive), analysis, special, None, None)
    [inspection] = [view for view in page.agenda if view.item.confidential]
    assert inspection.confidentiality is not None and inspection.confidentiality.lifted
    assert inspection.report_public
    item = inspection.item
    assert item.confidential_on(dt.date(2024, 6, 19))
    assert not item.confidential_on(dt.date(2024, 6, 20))


def test_an_unnumbered_item_is_keyed_by_its_position(sample):
    archive, analysis = sample
    special = next(m for m in archive.meetings if m.date == dt.date(2024, 6, 6))
    page = views.meeting_page(views.catalogue(archive), analysis, special, None, None)
    assert [view.anchor for view in page.agenda] == ["item-1", "item-n2", "item-3"]
    approved = next(m for m in archive.meetings if m.date == dt.date(2024, 3, 14))
    [approval] = views.meeting_page(
        views.catalogue(archive), analysis, approved, None, None
    ).approvals
    assert approval.approving.address.web_path == "meetings/2024-06-06/#item-n2"


@pytest.mark.parametrize(
    ("exclusion", "statement"),
    [
        (
            Exclusion(basis="schedule_12a", category="3"),
            "exempt information under paragraph 3 of Part 1 of Schedule 12A to the Local "
            "Government Act 1972",
        ),
        (
            Exclusion(basis="court_order"),
            "information whose disclosure is prohibited by an order of a court",
        ),
    ],
)
def test_exemption_statements(exclusion, statement):
    assert views.exemption_statement(exclusion) == statement


def test_significant_change_threshold_is_the_analysis_one(sample):
    archive, analysis = sample
    page = views.release_page(views.catalogue(archive), analysis.releases[-1])
    assert page.threshold == "10%"
    assert page.period_word == "month"


def test_a_meeting_has_one_status_worded_the_same_everywhere(sample):
    archive, analysis = sample
    scheduled = next(m for m in archive.meetings if m.date == dt.date(2024, 7, 18))
    assert views.meeting_state(scheduled, dt.date(2024, 7, 1)) == "Scheduled"
    papers_only = views.meeting_state(scheduled, analysis.as_of)
    assert papers_only == "Papers only (no minutes in the archive)"
    records = views.catalogue(archive)
    assert views.meeting_page(records, analysis, scheduled, None, None).status == papers_only
    rows = [row for year in views.meetings_year_pages(archive) for row in year.rows]
    assert next(row for row in rows if row.date == scheduled.date).status == papers_only
    [recent] = [r for r in views.home_page(archive).recent if r.link.text == "18 July 2024"]
    assert recent.state == papers_only.lower()


def test_an_indicator_is_found_exactly_by_its_code_and_title(bundled_archive):
    archive, _ = bundled_archive
    by_code = {indicator.code: indicator for indicator in archive.indicators if indicator.code}
    lac1 = by_code["LAC1"]
    assert views.search_names(lac1) == ["LAC1", "Number of Looked after Children at end of period"]
    untitled = [i for i in archive.indicators if not i.code]
    assert untitled and views.search_names(untitled[0]) == [untitled[0].title]


def test_the_exact_names_are_in_the_page_front_matter(bundled_archive):
    archive, analysis = bundled_archive
    environment, records = pages.template_environment(), views.catalogue(archive)
    page = views.indicator_page(records, analysis, analysis.indicators["lac9-val"], [])
    front_matter = pages.render_page(environment, page).text.split("---\n")[1]
    assert (
        'search:\n  names:\n    - "LAC9 (val)"\n'
        '    - "Number of Looked after Children (LAC) placed with IFAs at end of period"\n'
    ) in front_matter


def test_the_indicators_index_words_each_direction_as_the_analysis_finds_it(bundled_archive):
    archive, analysis = bundled_archive
    rows = [
        row for area in views.indicators_index_page(archive, analysis).areas for row in area.rows
    ]
    assert len(rows) == len(archive.indicators)
    for row in rows:
        a = row.analysis
        assert row.link.text == a.indicator.label  # the code with the title
        if a.direction is None:
            assert row.direction.startswith("No "), row.direction
        else:
            assert row.direction.startswith(views.DIRECTION_NAMES[a.direction] + " ("), (
                row.direction
            )
    lac1 = next(row for row in rows if row.analysis.indicator.code == "LAC1")
    assert lac1.direction == "Similar (0%)"  # 522 -> 521: under 10%, as the dataset's key says


def test_the_home_page_gives_the_latest_dataset_at_a_glance(bundled_archive):
    archive, analysis = bundled_archive
    glance = views.home_page(archive, analysis).glance
    assert glance is not None
    report = views.glance_release(analysis)
    assert report is not None and report.monthly
    assert glance.release.address == urls.release(report.release.id)
    # Every indicator of the release is counted once, by its direction on the previous month.
    assert glance.indicators == report.indicators
    assert sum(count.count for count in glance.counts) == report.indicators
    in_release = {o.indicator for o in archive.observations if o.release == report.release.id}
    analyses = [analysis.indicators[slug] for slug in in_release]
    improved = next(c.count for c in glance.counts if c.words == "improved")
    assert improved == sum(a.direction == "improving" for a in analyses)
    # The largest changes on a year earlier, largest first, none larger left out.
    by_label = {a.indicator.label: a for a in analyses}
    shown = [by_label[line.indicator.text] for line in glance.movements]
    assert len(shown) == min(views.LARGEST_MOVEMENTS, glance.compared_on_year)
    sizes = [abs(a.change_on_year) for a in shown if a.change_on_year is not None]
    assert len(sizes) == len(shown) and sizes == sorted(sizes, reverse=True)
    rest = [a for a in analyses if a not in shown and a.change_on_year is not None]
    assert all(abs(a.change_on_year or 0) <= sizes[-1] for a in rest)
    for line, a in zip(glance.movements, shown, strict=True):
        assert line.indicator.address == urls.indicator(a.indicator.slug)
        assert line.words.endswith(
            views.direction_words(a.direction_on_year, a.change_on_year, a.indicator) or ""
        )
    # Off target: exactly those the analysis finds off target, LAC1 among them.
    off = {line.indicator.text for line in glance.off_target}
    assert off == {a.indicator.label for a in analyses if a.off_target}
    assert "LAC1: Number of Looked after Children at end of period" in off
    assert glance.with_target == sum(a.off_target is not None for a in analyses)
    # The release after it holds weekly figures only, and is named.
    assert [link.text for link in glance.later] == [
        r.release.title for r in analysis.releases if r.release.published > report.release.published
    ]
