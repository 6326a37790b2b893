"""End to end: build the bundled archive and check what a reader would check."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from builder import urls

from .pages import page, search_fragments


def test_lac1_shows_521_for_april_2018(bundled_site):
    lac1 = page(bundled_site, "indicators/lac1")
    assert lac1.row("April 2018")[:2] == ["April 2018", "521"]
    assert "LAC1: Number of Looked after Children at end of period" in lac1.text
    assert (bundled_site / "indicators" / "charts" / "lac1.svg").is_file()


def test_7_june_2018_has_nine_agenda_items_and_taggart_in_the_chair(bundled_site):
    meeting = page(bundled_site, "meetings/2018-06-07")
    item_headings = re.findall(r'<h2 id="item-(\d+)"', meeting.html)
    assert item_headings == [str(n) for n in range(1, 10)]
    assert "Chair Councillor Taggart" in meeting.text


def test_20_july_2023_records_three_resolutions_under_item_9(bundled_site):
    meeting = page(bundled_site, "meetings/2023-07-20")
    assert re.findall(r'<li><span class="decision-anchor" id="decision-9-(\d+)"', meeting.html) == [
        "1",
        "2",
        "3",
    ]
    assert "Decision 2023-07-20/9/3" in meeting.text
    assert re.findall(r'id="decision-11-(\d+)"', meeting.html) == ["1", "2", "3"]
    assert "Confidential item" in meeting.text


def test_22_march_2018_apologies(bundled_site):
    meeting = page(bundled_site, "meetings/2018-03-22")
    assert "Apologies Councillor Burke, Catherine Hobbs, Rob Sanders" in meeting.text


def test_the_glossary_defines_section_47_enquiry(bundled_site):
    term = page(bundled_site, "glossary/section-47-enquiry")
    assert "Abbreviation: S47" in term.text
    assert "Under Section 47 of the Children Act 1989" in term.text
    index = page(bundled_site, "glossary")
    assert "Section 47 Enquiry (S47)" in index.text


def test_codes_differing_by_a_suffix_have_their_own_pages(bundled_site):
    for slug in ["lac6-val", "lac6-pct", "lac11-ql", "lac11-ql-pct", "cp3-ql", "cp3-ql-val"]:
        assert (bundled_site / "indicators" / slug / "index.html").is_file(), slug


def test_published_averages_agree_or_are_listed(bundled_archive, bundled_site):
    """Computed 12-month averages agree with the published ones within rounding; any that
    do not are listed on the indicators page rather than hidden."""
    _, analysis = bundled_archive
    averages = [
        (analysis_.indicator, check)
        for analysis_ in analysis.indicators.values()
        for check in analysis_.checks
        if check.label == "12-month average"
    ]
    assert len(averages) >= 40
    disagreeing = [(i, c) for i, c in averages if c.outcome == "differs"]
    index = page(bundled_site, "indicators")
    for indicator, check in analysis.disagreements:
        row = [r for r in index.rows if r and check.label in r]
        assert any(indicator.title in r[0] for r in row), indicator.slug
    assert len(disagreeing) <= 3, [(i.slug, c.published, c.computed) for i, c in disagreeing]


@pytest.mark.parametrize(
    "url",
    ["", "meetings", "meetings/2018-06-07", "indicators", "indicators/lac1", "glossary"],
)
def test_no_third_party_requests(bundled_site, url):
    for tag, address in page(bundled_site, url).resources:
        assert not re.match(r"^(https?:)?//", address), (url, tag, address)


def test_no_third_party_hosts_anywhere_in_the_assets(bundled_site):
    for path in bundled_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def test_navigation_stays_compact(bundled_site):
    """Sections link to their index pages; page size must not grow with the archive."""
    meeting = page(bundled_site, "meetings/2023-07-20")
    primary = re.findall(r'class="md-tabs__link', meeting.html)
    assert len(primary) == 7
    assert "2018-03-22" not in meeting.html.split('class="md-content"')[0]


def test_the_april_2018_highlight_report(bundled_site):
    report = page(bundled_site, "releases/2018-04")
    assert (
        "LAC1: Number of Looked after Children at end of period: 521 in April 2018 against a "
        "2018-19 target of 460 (lower is better)" in report.text
    )
    assert (
        "NI147: Percentage of Care Leavers in contact and in suitable accommodation: 90.4%"
        in report.text
    )
    improving = report.text.split("Improving significantly")[1].split("Worsening significantly")[0]
    assert "CP5-QL (val)" in improving and "−60% on 5 in March 2018" in improving
    assert "This release revised no value published before." in report.text
    index = page(bundled_site, "releases")
    assert index.row("Children and Families Monthly Dataset – April 2018")[1:4] == [
        "30 May 2018",
        "April 2017 to April 2018",
        "55",
    ]


@pytest.mark.parametrize(
    "url", ["meetings/2018-03-22", "meetings/2023-07-20", "indicators/lac1", "indicators", ""]
)
def test_every_glossary_abbreviation_on_a_page_has_an_expansion(bundled_archive, bundled_site, url):
    archive, _ = bundled_archive
    abbreviations = {a for term in archive.glossary for a in term.abbreviations}
    html = page(bundled_site, url).html
    article = re.split(r'<article class="md-content__inner md-typeset"[^>]*>', html)[1]
    article = article.split("</article>")[0]
    text_only = re.sub(r"<abbr title=\"[^\"]+\">[^<]*</abbr>", " ", article)
    text_only = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", text_only, flags=re.S)
    text_only = re.sub(r"<[^>]+>", " ", text_only)
    bare = sorted(
        a for a in abbreviations if re.search(rf"(?<![\w\-]){re.escape(a)}(?![\w\-])", text_only)
    )
    assert bare == [], f"abbreviations without <abbr> on /{url}: {bare}"
    assert "<abbr title=" in article


def test_first_mentions_link_to_the_glossary_and_codes_to_indicators(bundled_site):
    meeting = page(bundled_site, "meetings/2018-03-22")
    link = '<a href="../../glossary/looked-after-child/"><abbr title="Looked After Child">LAC'
    assert link in meeting.html
    assert meeting.html.count('href="../../glossary/looked-after-child/"') == 1


def test_search_index_holds_decisions_by_their_words(bundled_site):
    meeting = search_fragments(bundled_site)["/meetings/2023-07-20/"]
    assert "highlight report is attached to the monthly performance dataset" in meeting["content"]


def test_the_search_indexes_each_page_s_own_content_only(bundled_site):
    """Not the header, navigation and footer every page repeats; not the embeds, the page
    for an address not found or a redirect."""
    fragments = search_fragments(bundled_site)
    pages = {
        "/" + path.relative_to(bundled_site).as_posix().removesuffix("index.html")
        for path in bundled_site.rglob("*.html")
    }
    assert set(fragments) < pages
    left_out = pages - set(fragments)
    assert {"/404.html", "/embed/indicators/lac1/"} <= left_out
    assert all(path.startswith("/embed/") or path == "/404.html" for path in left_out), left_out
    lac1 = fragments["/indicators/lac1/"]
    assert lac1["meta"]["title"] == "LAC1: Number of Looked after Children at end of period"
    assert lac1["meta"]["name1"] == "LAC1"
    assert lac1["meta"]["name2"] == "Number of Looked after Children at end of period"
    assert "Accessibility statement" not in lac1["content"]  # the footer
    assert "Recommendations" not in lac1["content"]  # the navigation


def test_every_decision_is_on_its_meeting_page_with_its_identifier(bundled_archive, bundled_site):
    _, analysis = bundled_archive
    transcribed = [r for r in analysis.decisions if r.meeting.date <= dt.date(2023, 7, 20)]
    assert len(transcribed) == 11
    for ref in analysis.decisions:
        meeting = page(bundled_site, f"meetings/{ref.meeting.slug}")
        assert f'id="{ref.address.anchor}"' in meeting.html, ref.identifier
        assert f"Decision {ref.identifier}" in meeting.text
        assert ref.decision.text[:60] in meeting.text.replace("\\", "")


def test_member_pages_match_the_minutes(bundled_site):
    for member in ["cllr-burke", "catherine-hobbs", "rob-sanders"]:
        assert page(bundled_site, f"members/{member}").row("22 March 2018")[1] == "Apologies"
    keogh = page(bundled_site, "members/cllr-keogh").row("22 March 2018")
    assert keogh[1] == "Present, Chair"
    assert keogh[2] == "personal and pecuniary interest, item 31"
    oneill = page(bundled_site, "members/cllr-oneill").row("22 March 2018")
    assert oneill[1] == "Present, in the chair for item 31"
    assert page(bundled_site, "members").row("Councillor Keogh")[1] == "Councillor"


def test_recommendations_tracker_lists_the_panels_requests(bundled_site):
    """Statuses and waiting times change as later meetings are added; the sample archive's
    tracker (tests/test_views.py) pins them."""
    tracker = page(bundled_site, "recommendations/2023-24")
    row = next(r for r in tracker.rows if r and r[0].startswith("That, to enable key issues"))
    assert row[2] == "20 July 2023"
    assert "Decision 2023-07-20/9/" in row[0]
    older = page(bundled_site, "recommendations/2017-18")
    march = next(r for r in older.rows if r and r[0].startswith("That the LAC indicator"))
    assert march[2] == "22 March 2018"
    index = page(bundled_site, "recommendations")
    assert [row[0] for row in index.rows[1:]] == ["2023/24", "2017/18", "All years"]
    assert 'href="2023-24/"' in index.html and 'href="2017-18/"' in index.html


def test_the_meetings_index_lists_each_municipal_year_and_links_to_its_page(bundled_site):
    index = page(bundled_site, "meetings")
    years = [row[0] for row in index.rows[1:]]
    assert years == ["2023/24", "2022/23", "2020/21", "2018/19", "2017/18"]
    assert index.row("2018/19")[2:] == ["7 June 2018", "28 March 2019"]
    assert 'href="year-2018-19/"' in index.html
    year = page(bundled_site, "meetings/year-2018-19")
    assert [row[0] for row in year.rows[1:]][:1] == ["28 March 2019"]
    assert "Newer: 2020/21 · Older: 2017/18" in year.text


def test_programme_dates_without_records_are_marked_on_the_index(bundled_site):
    index = page(bundled_site, "meetings/year-2018-19")
    assert index.row("26 July 2018")[1] == (
        "Scheduled in the published programme; no record in the archive"
    )


def test_a_confidential_item_publishes_nothing_of_its_report(bundled_site):
    meeting = page(bundled_site, "meetings/2023-07-20")
    item = meeting.text.split("Ofsted ILACS Standard Inspection")[-1]
    assert "Confidential item" in meeting.text
    assert "Report:" not in item


@pytest.mark.slow
def test_the_bundled_archive_builds_byte_identically(bundled_site, tmp_path):
    """Charts, feeds, JSON and pages: the same content gives the same bytes."""
    from builder import pipeline

    from .conftest import REPOSITORY
    from .test_cli import tree_digest

    again = tmp_path / "again"
    pipeline.build(REPOSITORY, again)
    assert tree_digest(again) == tree_digest(bundled_site)


def test_direction_of_travel_follows_the_datasets_key_and_says_what_it_compares(bundled_site):
    """LAC1 went from 522 to 521 (0%): similar, as the dataset's key has it, not improving;
    the child protection plans count went from 326 to 325 but is 17% up on the year."""
    lac1 = page(bundled_site, "indicators/lac1").text
    assert "Direction of travel on the previous month Similar (a change of less than 10%)" in lac1
    plans = page(
        bundled_site,
        "indicators/number-of-children-with-a-child-protection-plan-cpp-at-the-end-of-the-month-"
        "excluding-temporary-registrations",
    ).text
    assert "Direction of travel on a year earlier Up (+17%;" in plans
    lac1_row = page(bundled_site, "indicators").row(
        "LAC1: Number of Looked after Children at end of period"
    )
    assert lac1_row[1:] == ["521 (April 2018)", "Similar (0%)"]


def test_an_indicator_page_says_in_words_what_its_chart_shows(bundled_site):
    """Computed from the series, the target and the benchmarks: LAC1 is off its 2018-19
    target on the release's highlight report, and its own page says so too."""
    lac1 = page(bundled_site, "indicators/lac1").text
    assert (
        "Number of Looked after Children at end of period was 521 in April 2018. That is "
        "similar to a year earlier (−5% on 546 in April 2017)." in lac1
    )
    assert "The target is 460 for 2018-19: off target (lower is better)." in lac1
    assert "Target 460 for 2018-19: off target (lower is better)" in lac1
    assert "above England's 478 (2016-17, older than the data)" in lac1
    release = page(bundled_site, "releases/2018-04").text
    assert "LAC1: Number of Looked after Children at end of period: 521 in April 2018 against" in (
        release
    )


def test_every_indicator_page_with_values_draws_its_chart_into_the_page(bundled_site):
    pages = sorted((bundled_site / "indicators").glob("*/index.html"))
    drawn = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "No values of this indicator are in the archive yet." in html:
            continue
        slug = path.parent.name
        for layout in ("wide", "narrow"):  # both drawings, each with its own name
            chart = urls.chart_id(slug, layout)
            assert f'<svg role="img" aria-labelledby="{chart}-title"' in html, slug
            assert f'<desc id="{chart}-desc">Line chart of' in html, slug
        drawn += 1
    assert drawn >= 50


def test_the_search_index_leaves_the_drawn_charts_and_citations_out(bundled_site):
    """The chart's text (axis labels, title) and the citation (the page's title again, the
    council's name) would otherwise weigh on every search."""
    lac1 = search_fragments(bundled_site)["/indicators/lac1/"]["content"]
    assert "Archive edition of" not in lac1
    assert "[date accessed]" not in lac1
    assert "Number of Looked after Children at end of period was 521 in April 2018" in lac1
