"""The files beside each indicator's page: they parse and agree with the page."""

from __future__ import annotations

import csv
import json
import shutil

import altair as alt
import pytest

from builder import pipeline
from builder.render.downloads import spreadsheet_period

from .conftest import FIXTURES
from .pages import page


def test_periods_are_written_so_spreadsheets_leave_them_alone():
    assert spreadsheet_period("2017-04") == "2017 APR"
    assert spreadsheet_period("2020-02-07") == "2020-02-07"


def test_lac1_downloads_agree_with_its_page(bundled_site):
    folder = bundled_site / "indicators" / "lac1"
    rows = list(csv.DictReader((folder / "data.csv").open(encoding="utf-8")))
    lac1 = page(bundled_site, "indicators/lac1")
    april = next(row for row in rows if row["period"] == "2018 APR")
    assert (april["value"], april["unit"], april["period_start"]) == ("521", "count", "2018-04-01")
    assert lac1.row("April 2018")[1] == april["value"]
    assert len(rows) == len([r for r in lac1.rows if r and r[0].endswith(("2017", "2018"))])
    data = json.loads((folder / "data.json").read_text(encoding="utf-8"))
    assert data["values"][-1] == {
        "period": "2018-04",
        "value": 521,
        "release": "2018-04",
        "releasePublished": "2018-05-30",
    }
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["title"] == "LAC1: Number of Looked after Children at end of period"
    assert [t["value"] for t in metadata["targets"]] == [515, 460, 390]
    assert metadata["licence"] is None, "the bundled records state no licence"
    assert metadata["publisher"] == "Southampton City Council"
    assert (folder / "chart.svg").read_text(encoding="utf-8").startswith("<svg")
    for name in ["data.csv", "data.json", "metadata.json", "chart.svg", "chart.vl.json"]:
        assert f'href="{name}"' in lac1.html, name


def test_the_chart_specification_is_valid_vega_lite(bundled_site):
    spec = json.loads((bundled_site / "indicators/lac1/chart.vl.json").read_text())
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    alt.Chart.from_dict(spec, validate=True)  # raises on a specification the schema refuses


def test_a_licence_the_council_states_is_on_the_page_and_in_the_metadata(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    site_file = root / "site_config" / "site.yml"
    site_file.write_text(
        site_file.read_text()
        + "data_licence:\n  name: Open Government Licence v3.0\n"
        + "  url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n"
    )
    site = pipeline.build(root, tmp_path / "site").out
    metadata = json.loads((site / "indicators/lac6-val/metadata.json").read_text())
    assert metadata["licence"]["name"] == "Open Government Licence v3.0"
    text = page(site, "indicators/lac6-val").text
    assert "The data is published under the Open Government Licence v3.0." in text


@pytest.mark.parametrize("name", ["data.csv", "data.json", "metadata.json", "chart.vl.json"])
def test_every_indicator_with_values_has_its_downloads(bundled_site, name):
    pages = [p.parent for p in (bundled_site / "indicators").glob("*/index.html")]
    with_values = [p for p in pages if (p / "chart.svg").is_file()]
    assert len(with_values) >= 50
    assert all((p / name).is_file() for p in with_values)


def test_the_release_page_offers_its_dataset_as_published(bundled_site):
    from .conftest import REPOSITORY

    offered = bundled_site / "releases" / "2018-04" / "2018-04.csv"
    assert offered.read_bytes() == (REPOSITORY / "content/datasets/2018-04.csv").read_bytes()
    assert 'href="2018-04.csv"' in page(bundled_site, "releases/2018-04").html


def test_a_release_naming_a_dataset_that_is_not_kept_is_refused(tmp_path):
    from builder.errors import ContentErrors

    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    release = root / "content" / "releases" / "2018-04.yml"
    release.write_text(release.read_text() + "file: 2018-04.xlsx\n")
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    [error] = caught.value.errors
    assert (str(error.path), error.field) == ("content/releases/2018-04.yml", "file")
    assert (
        "there is no copy of 2018-04.xlsx in content/datasets/ (expected 2018-04.xlsx)"
        in error.message
    )
