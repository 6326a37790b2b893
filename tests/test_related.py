"""The same measure in other forms: a count, its rate per 10,000, its percentage."""

from __future__ import annotations

import shutil

import pytest

from builder.analyse import measure_code, related_measures
from builder.model import Indicator

from .conftest import FIXTURES
from .pages import page
from .test_validate import problems


@pytest.mark.parametrize(
    ("code", "measure"),
    [
        ("LAC6 (val)", "LAC6"),
        ("LAC6 (%)", "LAC6"),
        ("CP3-QL", "CP3"),
        ("CP3-QL (val)", "CP3"),
        ("LAC10-QL", "LAC10"),
        ("LAC11-QL (%)", "LAC11"),
        ("LAC1", "LAC1"),
        ("LAC16", "LAC16"),
        ("CP2b", "CP2B"),
    ],
)
def test_a_code_names_its_measure_without_the_form(code, measure):
    assert measure_code(code) == measure


def _indicator(code: str | None, unit: str, title: str, related: list[str] = ()) -> Indicator:
    return Indicator(
        code=code,
        title=title,
        service_area="Area",
        unit=unit,
        polarity="neither",
        polarity_reasoning="-",
        sources=["-"],
        related=list(related),
    )


def test_listed_pairs_link_both_ways_and_code_families_link_across_units():
    count = _indicator(None, "count", "Number of plans", ["rate-of-plans"])
    rate = _indicator(None, "rate_per_10000", "Rate of plans")
    value = _indicator("LAC6 (val)", "count", "Number of adoptions")
    share = _indicator("LAC6 (%)", "percentage", "Percentage of adoptions")
    one, another = _indicator("LAC1", "count", "A"), _indicator("LAC16", "count", "B")
    related = related_measures([count, rate, value, share, one, another])
    assert related == {
        "number-of-plans": ["rate-of-plans"],
        "rate-of-plans": ["number-of-plans"],
        "lac6-val": ["lac6-pct"],
        "lac6-pct": ["lac6-val"],
    }


def test_codes_of_one_measure_in_the_same_unit_are_not_linked():
    first = _indicator("CP3-QL", "count", "A")
    second = _indicator("CP3-QL (val)", "count", "B")
    assert related_measures([first, second]) == {}


def test_related_indicators_must_exist_and_differ(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    path = root / "content" / "indicators" / "lac6-val.yml"
    path.write_text(path.read_text() + "related: [lac6-val, lac6-pct, lac6-pt, lac6-pct]\n")
    assert problems(root) == [
        "content/indicators/lac6-val.yml, line 13, field related[1]: an indicator cannot be "
        "related to itself",
        "content/indicators/lac6-val.yml, line 13, field related[3]: no indicator has the slug "
        "'lac6-pt' (did you mean 'lac6-pct'?)",
        "content/indicators/lac6-val.yml, line 13, field related[4]: 'lac6-pct' is listed twice",
    ]


def test_the_count_and_the_rate_of_child_protection_plans_link_to_each_other(
    bundled_site, bundled_archive
):
    archive, analysis = bundled_archive
    count = next(i for i in archive.indicators if i.title.startswith("Number of children with a"))
    rate = next(i for i in archive.indicators if i.title.startswith("Rate of children with"))
    assert analysis.related[count.slug] == [rate.slug]
    assert analysis.related[rate.slug] == [count.slug]
    for one, other in [(count, rate), (rate, count)]:
        html = page(bundled_site, f"indicators/{one.slug}/").html
        assert f'href="../{other.slug}/"' in html.split('id="related"')[1].split("<h2")[0]


def test_every_link_between_forms_is_mutual_in_the_bundled_archive(bundled_archive):
    archive, analysis = bundled_archive
    units = {indicator.slug: indicator.unit for indicator in archive.indicators}
    for slug, others in analysis.related.items():
        for other in others:
            assert slug in analysis.related[other]
            assert units[other] != units[slug]
