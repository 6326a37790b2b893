"""Small numbers (statistical disclosure control): the setting is checked like any content,
withheld counts and every figure derived from them are kept out of the analysis the site
is rendered from, and a count of a protected indicator appears in no published file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder import pipeline
from builder.disclosure import Withheld, is_withheld, public
from builder.errors import ContentErrors
from builder.render import downloads

from .pages import search_fragments
from .test_confidential import every_file

SETTING = """small_numbers:
  threshold: {threshold}
  indicators: [{indicators}]
  reason: Counts this small could identify a child.
"""


def protect(root: Path, indicators: str = "lac6-val", threshold: int = 5) -> None:
    site = root / "site_config/site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(
        text + SETTING.format(threshold=threshold, indicators=indicators), encoding="utf-8"
    )


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    return [str(error) for error in caught.value.errors]


def test_an_unknown_indicator_is_refused_with_its_place(minimal_root):
    protect(minimal_root, "lac6-va")
    assert problems(minimal_root) == [
        "site_config/site.yml, line 10, field small_numbers.indicators[1]: unknown indicator "
        "'lac6-va' (did you mean 'lac6-val'?); give the slug of an indicator, as in its web "
        "address"
    ]


def test_only_counts_are_protected(minimal_root):
    protect(minimal_root, "lac6-val, lac6-pct")
    assert problems(minimal_root) == [
        "site_config/site.yml, line 10, field small_numbers.indicators[2]: 'lac6-pct' is a "
        "percentage, not a count: only counts are withheld as small numbers"
    ]


def test_a_threshold_below_one_is_refused(minimal_root):
    protect(minimal_root, threshold=0)
    assert problems(minimal_root) == [
        "site_config/site.yml, line 9, field small_numbers.threshold: expected a threshold "
        "of 1 or more (counts from 1 to it are withheld), got 0"
    ]


def test_withheld_counts_and_what_they_would_reveal_are_withheld(minimal_root):
    protect(minimal_root)
    archive, analysis = pipeline.check(minimal_root)
    _, shown = public(archive, analysis)
    a = shown.indicators["lac6-val"]
    values = {point.period: point.value for point in a.series}
    # 0, 3, 10, 5, 8, 3, 2, 1, 5, 6, 3, 4, 2 from April 2017: 1 to 5 withheld, 0 stays 0.
    assert values["2017-04"] == 0 and not is_withheld(values["2017-04"])
    assert [p for p, v in values.items() if not is_withheld(v)] == [
        "2017-04",
        "2017-06",
        "2017-08",
        "2018-01",
    ]
    assert str(values["2017-05"]) == "fewer than 6" and f"{values['2017-05']:.0f}" == (
        "fewer than 6"
    )
    assert a.latest is not None and is_withheld(a.latest.value)
    assert a.change_on_previous is None and a.direction is None
    assert a.change_on_year is None and a.direction_on_year is None
    assert a.average_12_months is None and a.max_12_months is None
    assert a.off_target is None and a.benchmarks == []
    assert a.lowest is not None and a.lowest.value == 0  # zero reveals no one
    assert a.highest is not None and a.highest.value == 10
    assert [is_withheld(o.value) for o in a.history] == [
        0 < o.value <= 5 for o in analysis.indicators["lac6-val"].history
    ]
    assert all(not is_withheld(h.latest.value) for r in shown.releases for h in r.improving)
    # The indicator not listed is the analysis as it was.
    assert shown.indicators["lac6-pct"] == analysis.indicators["lac6-pct"]


def test_two_withheld_values_are_equal_and_no_number():
    assert Withheld("fewer than 6") == Withheld("fewer than 6")
    assert Withheld("fewer than 6") != 3.0 and not Withheld("fewer than 6") > 0
    assert json.dumps({"v": str(Withheld("fewer than 6"))}) == '{"v": "fewer than 6"}'


@pytest.mark.slow
def test_a_protected_count_is_in_no_published_file(minimal_root, tmp_path):
    """A marker count (87654, under a threshold set above it) of the protected indicator
    appears in no file; its words stand where it was; the other indicator is unchanged."""
    observations = minimal_root / "content/indicators/observations.csv"
    text = observations.read_text(encoding="utf-8")
    observations.write_text(
        text.replace("lac6-val,2018-02,3,", "lac6-val,2018-02,87654,"), encoding="utf-8"
    )
    protect(minimal_root, threshold=99999)
    archive, analysis = pipeline.check(minimal_root)
    site = pipeline.build(minimal_root, tmp_path / "site").out
    files = dict(every_file(site))
    assert [name for name, data in files.items() if b"87654" in data] == []
    # A withheld value is never written as a number (the theme's own scripts aside).
    ours = {name: data for name, data in files.items() if not name.startswith("assets/")}
    assert [name for name, data in ours.items() if re.search(rb"\bNaN\b", data)] == []
    words = b"fewer than 100000"
    assert b"2018 FEB,2018-02-01,fewer than 100000," in files["indicators/lac6-val/data.csv"]
    assert b"2017 APR,2017-04-01,0," in files["indicators/lac6-val/data.csv"]
    values = json.loads(files["indicators/lac6-val/data.json"])["values"]
    february = next(v for v in values if v["period"] == "2018-02")
    assert february["value"] is None and february["withheld"] == words.decode()
    metadata = json.loads(files["indicators/lac6-val/metadata.json"])
    assert metadata["smallNumbers"]["reason"] == "Counts this small could identify a child."
    assert words.decode() in search_fragments(site)["/indicators/lac6-val/"]["content"]
    assert words in files["indicators/lac6-val/index.html"]
    assert b"left out of the line" in files["indicators/lac6-val/index.html"]
    package = json.loads(files["data/datapackage.json"])
    schema = next(r["schema"] for r in package["resources"] if r["name"] == "values")
    assert schema["missingValues"] == ["", words.decode()]
    # The indicator not protected is published as without the setting.
    releases = {release.id: release for release in archive.releases}
    pct = analysis.indicators["lac6-pct"]
    assert files["indicators/lac6-pct/data.csv"] == downloads.data_csv(pct, releases).encode()
    assert files["indicators/lac6-pct/data.json"] == downloads.data_json(pct, releases).encode()
