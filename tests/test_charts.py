import dataclasses

from builder.analyse import analyse
from builder.load import load_content
from builder.render.charts import chart_svg
from builder.validate import validate_content

from .conftest import FIXTURES


def test_charts_are_svg_and_kept_in_the_cache(tmp_path):
    analysis = analyse(validate_content(load_content(FIXTURES / "minimal")))
    adoptions = analysis.indicators["lac6-val"]
    svg = chart_svg(adoptions, tmp_path)
    assert svg.startswith("<svg") and "Number" in svg
    [cached] = list(tmp_path.glob("*.svg"))
    assert cached.read_text() == svg
    cached.write_text("<svg>from the cache</svg>")
    assert chart_svg(adoptions, tmp_path) == "<svg>from the cache</svg>"
    changed = dataclasses.replace(adoptions, series=adoptions.series[:-1])
    assert chart_svg(changed, tmp_path).startswith("<svg xmlns")
    assert len(list(tmp_path.glob("*.svg"))) == 2
