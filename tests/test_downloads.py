"""The files beside each indicator's page: they parse and agree with the page."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import struct
from pathlib import Path

import altair as alt
import pytest
import vl_convert

from builder import pipeline, urls
from builder.render.charts import PNG_SCALE
from builder.render.downloads import financial_year_dates, spreadsheet_period, spreadsheet_year
from builder.render.format import format_value

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
    for name in urls.INDICATOR_DOWNLOADS:
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


@pytest.mark.parametrize(
    "name", ["data.csv", "data.json", "metadata.json", "chart.png", "chart.vl.json"]
)
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


# --------------------------------------------------------------------------- chart.png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_png_chart_is_the_svg_chart_drawn_at_twice_its_size(bundled_site):
    folder = bundled_site / "indicators" / "lac1"
    png = (folder / "chart.png").read_bytes()
    width, height = png_size(png)
    svg = (folder / "chart.svg").read_text(encoding="utf-8")
    svg_width, svg_height = (
        float(re.search(rf'{name}="([\d.]+)"', svg)[1]) for name in ("width", "height")
    )
    assert (width, height) == (round(svg_width * PNG_SCALE), round(svg_height * PNG_SCALE))
    assert 20_000 < len(png) < 2_000_000, "a chart of this size, not an empty image"
    # Drawn from the specification offered beside it, which carries title, source and date.
    spec = json.loads((folder / "chart.vl.json").read_text(encoding="utf-8"))
    title = spec["title"]["text"]
    lines = title if isinstance(title, list) else [title]
    assert " ".join(lines) == "LAC1: Number of Looked after Children at end of period"
    assert spec["title"]["subtitle"][1].startswith("Archive edition of ")
    assert png == bytes(vl_convert.svg_to_png(svg, scale=PNG_SCALE))
    from_spec = bytes(vl_convert.vegalite_to_png(spec, scale=PNG_SCALE))
    assert png_size(from_spec) == (width, height)
    assert urls.indicator_chart_png("lac1").href_from(urls.indicator("lac1")) == ("lac1/chart.png")


def test_two_builds_give_the_same_png_and_zip_bytes(tmp_path):
    """Each build draws its charts afresh (each root has its own chart cache)."""
    built = []
    for name in ("first", "second"):
        root = tmp_path / name
        shutil.copytree(FIXTURES / "sample", root)
        built.append(pipeline.build(root, tmp_path / f"{name}-site").out)
    first, second = built
    pngs = sorted(p.relative_to(first) for p in first.glob("indicators/*/chart.png"))
    assert len(pngs) == 3
    for relative in [*pngs, Path(urls.indicators_zip().path)]:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


# --------------------------------------------------------------------------- companion CSVs


def test_years_are_written_so_spreadsheets_leave_them_alone():
    assert spreadsheet_year("2011-12") == "2011 to 2012"  # a spreadsheet reads December 2011
    assert spreadsheet_year("2099-00") == "2099 to 2100"
    assert spreadsheet_year("2016-18") == "2016-18", "not one year over two: as printed"
    assert spreadsheet_year("2016") == "2016"
    assert financial_year_dates("2018-19") == (dt.date(2018, 4, 1), dt.date(2019, 3, 31))
    assert financial_year_dates("2018") is None


def table_after(rows: list[list[str]], header: list[str]) -> list[list[str]]:
    """The body of the page's table whose header row is ``header``."""
    start = rows.index(header) + 1
    body = []
    for row in rows[start:]:
        if len(row) != len(header) or row[0] in ("Year", "Comparator", "Month"):
            break
        body.append(row)
    return body


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_companion_csvs_agree_with_every_page_benchmark_and_target_table(
    bundled_site, bundled_archive
):
    archive, _ = bundled_archive
    checked = {"benchmarks.csv": 0, "targets.csv": 0}
    for indicator in archive.indicators:
        folder = bundled_site / "indicators" / indicator.slug
        if not (folder / "data.csv").is_file():
            continue
        shown = page(bundled_site, f"indicators/{indicator.slug}")
        benchmarks = folder / "benchmarks.csv"
        assert benchmarks.is_file() == bool(indicator.benchmarks), "no empty files"
        assert ('href="benchmarks.csv"' in shown.html) == benchmarks.is_file()
        if benchmarks.is_file():
            rows = read_csv(benchmarks)
            table = table_after(shown.rows, ["Comparator", "Year", "Value"])
            assert [[r["comparator"], r["year"], _shown(r, indicator)] for r in rows] == [
                [name, spreadsheet_year(year), value] for name, year, value in table
            ]
            assert {(r["indicator_code"], r["indicator"]) for r in rows} == {
                (indicator.code or "", indicator.title)
            }
            checked["benchmarks.csv"] += 1
        targets = folder / "targets.csv"
        assert targets.is_file() == bool(indicator.targets), "no empty files"
        assert ('href="targets.csv"' in shown.html) == targets.is_file()
        if targets.is_file():
            rows = read_csv(targets)
            table = table_after(shown.rows, ["Year", "Target"])
            assert [[r["financial_year"], _shown(r, indicator)] for r in rows] == [
                [spreadsheet_year(year), value] for year, value in table
            ]
            checked["targets.csv"] += 1
    assert checked["benchmarks.csv"] >= 20 and checked["targets.csv"] >= 2, checked


def _shown(row: dict[str, str], indicator) -> str:
    """A CSV row's value as the page shows it: the number, or what the source printed."""
    if row["value"]:
        assert row["published_as"] == ""
        return format_value(float(row["value"]), indicator)
    return row["published_as"]


def test_lac1_targets_give_the_days_each_year_covers(bundled_site):
    rows = read_csv(bundled_site / "indicators" / "lac1" / "targets.csv")
    columns = ["financial_year", "period_start", "period_end", "value"]
    assert [tuple(r[c] for c in columns) for r in rows] == [
        ("2017 to 2018", "2017-04-01", "2018-03-31", "515"),
        ("2018 to 2019", "2018-04-01", "2019-03-31", "460"),
        ("2019 to 2020", "2019-04-01", "2020-03-31", "390"),
    ]
    assert {r["unit"] for r in rows} == {"count"}


def test_local_benchmarks_say_what_the_source_printed(bundled_site):
    printed = [
        row
        for path in sorted(bundled_site.glob("indicators/*/benchmarks.csv"))
        for row in read_csv(path)
        if not row["value"]
    ]
    assert "Local" in {row["published_as"] for row in printed}
    assert all(row["published_as"] for row in printed), "never an empty, unexplained row"


def test_metadata_lists_the_files_beside_the_page(bundled_site):
    for metadata in bundled_site.glob("indicators/*/metadata.json"):
        listed = [f["name"] for f in json.loads(metadata.read_text())["files"]]
        present = {p.name for p in metadata.parent.iterdir() if p.name != "index.html"}
        assert sorted(listed) == sorted(present), metadata.parent.name
