import dataclasses

from builder.analyse import analyse
from builder.load import load_content
from builder.render.charts import ChartLabels, chart_svg, series_chart
from builder.validate import validate_content

from .conftest import FIXTURES

LABELS = ChartLabels(title="LAC6 (val): Number of adoptions", source="Test", edition="1 May 2018")


def test_charts_are_svg_and_kept_in_the_cache(tmp_path):
    analysis = analyse(validate_content(load_content(FIXTURES / "minimal")))
    adoptions = analysis.indicators["lac6-val"]
    svg = chart_svg(adoptions, LABELS, tmp_path)
    assert svg.startswith("<svg") and "Number" in svg
    [cached] = list(tmp_path.glob("*.svg"))
    assert cached.read_text() == svg
    cached.write_text("<svg>from the cache</svg>")
    assert chart_svg(adoptions, LABELS, tmp_path) == "<svg>from the cache</svg>"
    changed = dataclasses.replace(adoptions, series=adoptions.series[:-1])
    assert chart_svg(changed, LABELS, tmp_path).startswith("<svg xmlns")
    assert len(list(tmp_path.glob("*.svg"))) == 2


def test_the_chart_carries_its_title_source_edition_targets_and_benchmarks():
    analysis = analyse(validate_content(load_content(FIXTURES / "minimal")))
    adoptions = analysis.indicators["lac6-val"]
    spec = series_chart(adoptions, LABELS).to_dict()
    assert spec["title"]["text"] == "LAC6 (val): Number of adoptions"
    assert spec["title"]["subtitle"] == ["Source: Test", "Archive edition of 1 May 2018"]
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "line", "text", "rule", "text"]  # series, target, benchmark
    datasets = list(spec["datasets"].values())
    labels = {row["label"] for rows in datasets for row in rows if "label" in row}
    assert labels == {"Target 2017-18: 50", "England 2016-17: 2"}
    svg = chart_svg(adoptions, LABELS)
    assert "Target 2017-18: 50" in svg and "England 2016-17: 2" in svg
