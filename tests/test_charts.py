import colorsys
import dataclasses
import itertools
import json
import re
import subprocess
import sys

import altair as alt
import pytest
import vl_convert

from builder import pipeline, urls
from builder.analyse import analyse
from builder.load import load_content
from builder.render import chart_layout, charts
from builder.render.chart_layout import Label
from builder.render.charts import (
    LAYOUTS,
    LIGHT,
    NARROW,
    WIDE,
    ChartLabels,
    Charts,
    ChartTally,
    chart_svg,
    series_chart,
)
from builder.render.format import format_period, format_value
from builder.synth import Shape, synthesise
from builder.validate import validate_content

from .conftest import FIXTURES, REPOSITORY

LABELS = ChartLabels(title="LAC6 (val): Number of adoptions", source="Test", edition="1 May 2018")
CHARTS_CSS = REPOSITORY / "builder" / "assets" / "charts.css"


@pytest.fixture(scope="module")
def minimal():
    return analyse(validate_content(load_content(FIXTURES / "minimal")))


def test_charts_are_svg_and_kept_in_the_cache(tmp_path, minimal):
    adoptions = minimal.indicators["lac6-val"]
    svg = chart_svg(adoptions, LABELS, tmp_path)
    assert svg.startswith("<svg") and "Number" in svg
    names = charts.chart_files(adoptions, LABELS)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names.values())
    cached = tmp_path / names[WIDE.name]
    assert cached.read_text() == svg
    cached.write_text("<svg>from the cache</svg>")
    assert chart_svg(adoptions, LABELS, tmp_path) == "<svg>from the cache</svg>"
    changed = dataclasses.replace(adoptions, series=adoptions.series[:-1])
    assert chart_svg(changed, LABELS, tmp_path).startswith("<svg xmlns")
    assert chart_svg(adoptions, LABELS, tmp_path, NARROW).startswith("<svg xmlns")
    assert len(list(tmp_path.glob("*.svg"))) == 4


def test_the_png_is_the_wide_drawing_rasterised(minimal):
    adoptions = minimal.indicators["lac6-val"]
    files = charts.draw_chart(adoptions, LABELS)
    spec = series_chart(adoptions, LABELS)
    wide = files[WIDE.name].decode()
    assert files[charts.PNG] == bytes(vl_convert.svg_to_png(wide, scale=charts.PNG_SCALE))
    from_spec = vl_convert.vegalite_to_png(spec, scale=charts.PNG_SCALE)
    assert len(files[charts.PNG]) == pytest.approx(len(from_spec), rel=0.05)
    assert json.loads(files[charts.SPEC]) == json.loads(json.dumps(spec))


# Draws a root's charts into a cache across two processes, in a process of its own that
# has not started the renderer (so its workers are forked), and says how they started.
DRAW_IN_FORKED_WORKERS = """
import sys
from pathlib import Path
from builder import pipeline
from builder.render import charts
archive, analysis = pipeline.check(Path(sys.argv[1]))
releases = {release.id: release for release in archive.releases}
print(charts._worker_context().get_start_method())
charts.Charts(releases, analysis.as_of, Path(sys.argv[2]), workers=2).prepare(
    analysis.indicators.values()
)
"""


def test_charts_drawn_across_processes_are_those_drawn_in_one(tmp_path):
    root = synthesise(
        Shape(meetings=2, indicators=charts.PARALLEL_FROM, years=1, terms=1), tmp_path
    )
    forked = subprocess.run(
        [sys.executable, "-c", DRAW_IN_FORKED_WORKERS, str(root), str(tmp_path / "cache-fork")],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPOSITORY,
    )
    assert forked.stdout.split() == ["fork"]
    archive, analysis = pipeline.check(root)
    releases = {release.id: release for release in archive.releases}
    drawn = {"fork": {path.name: path.read_bytes() for path in (tmp_path / "cache-fork").iterdir()}}
    for workers in (1, 2):
        tally = ChartTally()
        cache = tmp_path / f"cache-{workers}"
        Charts(releases, analysis.as_of, cache, tally, workers=workers).prepare(
            analysis.indicators.values()
        )
        assert tally.drawn == 4 * len(analysis.indicators) == len(tally.fresh)
        drawn[workers] = {path.name: path.read_bytes() for path in cache.iterdir()}
    # This process has drawn (workers=1): the workers of workers=2 were started afresh.
    assert charts._worker_context().get_start_method() == "spawn"
    assert drawn[1] == drawn[2] == drawn["fork"]
    assert not any(name.endswith(".tmp") for name in [*drawn[2], *drawn["fork"]])
    tally = ChartTally()
    again = Charts(releases, analysis.as_of, tmp_path / "cache-2", tally, workers=2)
    again.prepare(analysis.indicators.values())
    for analysis_of_one in analysis.indicators.values():
        again.png(analysis_of_one)
    assert (tally.drawn, tally.reused) == (0, len(analysis.indicators))


def test_the_cache_key_changes_with_the_drawing_code(monkeypatch, minimal):
    adoptions = minimal.indicators["lac6-val"]
    before = charts._cache_key(adoptions, LABELS, WIDE)
    assert charts._cache_key(adoptions, LABELS, NARROW) != before
    monkeypatch.setattr(charts, "_CODE", "another drawing")
    assert charts._cache_key(adoptions, LABELS, WIDE) != before


def test_the_chart_carries_its_title_source_edition_targets_and_benchmarks(minimal):
    adoptions = minimal.indicators["lac6-val"]
    spec = series_chart(adoptions, LABELS)
    alt.Chart.from_dict(spec, validate=True)  # raises on a specification the schema refuses
    assert spec["title"]["text"] == ["LAC6 (val): Number of adoptions"]
    assert spec["title"]["subtitle"] == ["Source: Test", "Archive edition of 1 May 2018"]
    names = [layer["name"] for layer in spec["layer"]]
    assert names == [
        "benchmark",
        "target",
        "target_points",
        "series",
        "series_points",
        "label_halo",
        "series_label",
        "target_label",
        "benchmark_label",
    ]
    assert set(names) <= set(charts.LAYERS)
    datasets = list(spec["datasets"].values())
    labels = {row["label"] for rows in datasets for row in rows if "label" in row}
    assert {"Target 2017-18: 50", "England 2016-17: 2"} <= labels
    svg = chart_svg(adoptions, LABELS)
    assert "Target 2017-18: 50" in svg and "England 2016-17: 2" in svg
    # Lines differ by dash and marker, not only by colour.
    marks = {layer["name"]: layer["mark"] for layer in spec["layer"]}
    assert "strokeDash" not in marks["series"]
    assert marks["target"]["strokeDash"] != marks["benchmark"]["strokeDash"]
    assert marks["series_points"]["shape"] != marks["target_points"]["shape"]


def test_a_long_title_is_broken_into_lines_that_fit_the_narrow_chart(minimal):
    long = dataclasses.replace(LABELS, title="A title " * 12)
    spec = series_chart(minimal.indicators["lac6-val"], long, NARROW)
    lines = spec["title"]["text"]
    assert len(lines) > 2 and " ".join(lines) == long.title.strip()
    for line in lines:
        width = chart_layout.text_width(line, charts.TITLE_SIZE)
        assert width <= NARROW.width - 2 * charts.PADDING


def test_every_point_has_a_tooltip_with_its_period_and_value(minimal):
    adoptions = minimal.indicators["lac6-val"]
    svg = chart_svg(adoptions, LABELS)
    titles = re.findall(r"<path [^>]*><title>([^<]*)</title></path>", svg)
    series = [t for t in titles if not t.startswith("Target")]
    assert len(series) == len(adoptions.series)
    indicator = adoptions.indicator
    expected = [
        f"{format_period(p.period)}: {format_value(p.value, indicator)}" for p in adoptions.series
    ]
    assert series == expected and expected[-1].startswith("April 2018: ")
    assert any(t.startswith("Target 2017-18") for t in titles)


# ------------------------------------------------------------------ the bundled archive


@pytest.fixture(scope="module")
def bundled(bundled_archive):
    archive, analysis = bundled_archive
    drawn = Charts({r.id: r for r in archive.releases}, analysis.as_of, None)
    return analysis, drawn


SOME = ["lac1", "cp1", "cp3-ql", "children-in-residential-care-placements"]


@pytest.mark.parametrize("slug", SOME)
def test_each_layout_is_drawn_at_its_width_with_text_of_twelve_pixels_or_more(bundled, slug):
    analysis, drawn = bundled
    for layout in LAYOUTS:
        svg = drawn.svg(analysis.indicators[slug], layout)
        width = float(re.search(r'<svg [^>]*width="([\d.]+)"', svg)[1])
        assert layout.width - 10 <= width <= layout.width
        sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)px"', svg)]
        assert sizes and min(sizes) >= 12


def test_the_narrow_chart_has_fewer_ticks(bundled):
    analysis, drawn = bundled
    lac1 = analysis.indicators["lac1"]
    ticks = {layout.name: series_chart(lac1, drawn.labels(lac1), layout) for layout in LAYOUTS}
    x_values = {
        name: next(
            layer["encoding"]["x"]["axis"]["values"]
            for layer in spec["layer"]
            if "axis" in layer["encoding"].get("x", {})
        )
        for name, spec in ticks.items()
    }
    assert len(x_values["narrow"]) <= NARROW.x_ticks < len(x_values["wide"]) <= WIDE.x_ticks


def _label_boxes(spec: dict) -> list[tuple[str, float, float, float, float]]:
    rows = next(
        spec["datasets"][layer["data"]["name"]]
        for layer in spec["layer"]
        if layer["name"] == "label_halo"
    )
    line = charts.FONT_SIZE * chart_layout.LINE_HEIGHT
    return [
        (
            row["label"],
            row["x"],
            row["x"] + chart_layout.text_width(row["label"], charts.FONT_SIZE),
            row["y"] - line / 2,
            row["y"] + line / 2,
        )
        for row in rows
    ]


def test_no_two_labels_overlap_on_any_chart_of_the_archive(bundled):
    analysis, drawn = bundled
    labelled = 0
    for indicator in analysis.indicators.values():
        if not indicator.series:
            continue
        for layout in LAYOUTS:
            spec = series_chart(indicator, drawn.labels(indicator), layout)
            if not any(layer["name"] == "label_halo" for layer in spec["layer"]):
                continue
            boxes = _label_boxes(spec)
            labelled += len(boxes) > 2
            for (a, *box_a), (b, *box_b) in itertools.combinations(boxes, 2):
                overlap = box_a[0] < box_b[1] and box_b[0] < box_a[1]
                overlap = overlap and box_a[2] < box_b[3] and box_b[2] < box_a[3]
                assert not overlap, (indicator.indicator.slug, layout.name, a, b)
            for _, left, right, top, bottom in boxes:
                assert left >= 0 and right <= spec["width"] + 0.01
                assert top >= 0 and bottom <= spec["height"] + 0.01
    assert labelled > 10


def test_close_benchmarks_of_cp1_are_labelled_apart_in_the_order_of_their_values(bundled):
    """CP1's statistical neighbours and England are both 102: one label under the other."""
    analysis, drawn = bundled
    cp1 = analysis.indicators["cp1"]
    values = {b.kind: b.value for b in cp1.indicator.benchmarks}
    assert values["statistical_neighbours"] == values["england"]
    for layout in LAYOUTS:
        spec = series_chart(cp1, drawn.labels(cp1), layout)
        middles = {label.split(" 2016")[0]: top for label, _, _, top, _ in _label_boxes(spec)}
        assert middles["South East"] < middles["England"]
        neighbours = middles.get("Statistical neighbours", middles.get("Stat. neighbours"))
        assert neighbours is not None and abs(neighbours - middles["England"]) >= 15


def test_dodged_labels_of_close_values_keep_their_order_and_stay_near_their_lines():
    axis = chart_layout.value_axis([43.0, 45.0, 120.0], zero=True, most_ticks=6)
    assert (axis.low, axis.high) == (0, 120)
    height = 200.0
    labels = [
        Label("Statistical neighbours 2016-17: 45", 4.0, axis.pixel(45, height), "left"),
        Label("England 2016-17: 43", 4.0, axis.pixel(43, height), "left"),
        Label("Target 2017-18: 60", 500.0, axis.pixel(60, height), "right"),
    ]
    placed = chart_layout.place_labels(labels, 500, height, 12)
    line = 12 * chart_layout.LINE_HEIGHT
    neighbours, england, target = placed
    assert england.middle - neighbours.middle >= line  # apart, and 45 above 43
    assert abs(neighbours.middle - (labels[0].y - chart_layout.GAP - line / 2)) < 0.01
    assert abs(england.middle - labels[1].y) <= 2 * line
    # The target's label runs back from its point and does not reach the others.
    assert target.left + chart_layout.text_width(target.text, 12) == pytest.approx(500.0)
    assert abs(target.middle - (labels[2].y - chart_layout.GAP - line / 2)) < 0.01


@pytest.mark.parametrize(
    ("positions", "gap"),
    [
        ([i * 46.7 for i in range(13)], 80),
        ([i * 17.9 for i in range(13)], 100),
        ([0, 60, 120, 180, 200, 210, 220, 230, 240], 70),
        ([0.0], 50),
        ([0, 10], 50),
    ],
)
def test_time_ticks_run_from_the_first_period_to_the_last_with_room_between(positions, gap):
    indices = chart_layout.spaced(positions, gap)
    assert indices[0] == 0 and indices[-1] == len(positions) - 1
    assert indices == sorted(set(indices))
    shown = [positions[i] for i in indices]
    gaps = [b - a for a, b in itertools.pairwise(shown)]
    assert all(g >= gap for g in gaps[:-1]) and (len(shown) <= 2 or gaps[-1] >= gap)


def test_a_label_past_the_edge_is_moved_inside_the_plot():
    [placed] = chart_layout.place_labels(
        [Label("Target 2017-18: 50", 10.0, 2.0, "right")], 300, 100, 12
    )
    assert placed.left == 0
    assert placed.middle >= 12 * chart_layout.LINE_HEIGHT / 2


@pytest.mark.parametrize(
    ("values", "zero", "most"),
    [
        ([514.0, 546.0, 460.0], True, 6),
        ([38.5, 58.3, 76.7], False, 5),
        ([0.2, 0.3], True, 4),
        ([7.0, 7.0], False, 5),
        ([0.0], True, 5),
    ],
)
def test_the_value_axis_covers_every_value_with_round_ticks(values, zero, most):
    axis = chart_layout.value_axis(values, zero, most)
    assert axis.low <= min(values) and axis.high >= max(values)
    assert axis.low < axis.high and len(axis.ticks) - 1 <= most
    assert (axis.low <= 0) if zero else True
    step = axis.ticks[1] - axis.ticks[0]
    assert all(abs(b - a - step) < 1e-9 for a, b in itertools.pairwise(axis.ticks))
    assert all(
        f"{tick:.{axis.decimals}f}" != f"{other:.{axis.decimals}f}"
        for tick, other in itertools.pairwise(axis.ticks)
    )


# ------------------------------------------------------------------ the page and its colours


def test_the_page_holds_both_drawings_with_unique_ids_and_their_own_names(bundled):
    analysis, drawn = bundled
    markup = drawn.markup(analysis.indicators["lac1"], "What the chart shows.")
    ids = re.findall(r' id="([^"]+)"', markup)
    assert len(ids) == len(set(ids)) == 4
    svgs = re.findall(r"<svg [^>]*>", markup)
    assert [re.search(r'class="marks chart-(\w+)"', s)[1] for s in svgs] == ["wide", "narrow"]
    for svg, layout in zip(svgs, LAYOUTS, strict=True):
        identifier = urls.chart_id("lac1", layout.name)
        assert f'aria-labelledby="{identifier}-title"' in svg
        assert f'aria-describedby="{identifier}-desc"' in svg
    assert markup.count("What the chart shows.") == 2


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def _hsl(hue: float, saturation: float, lightness: float) -> str:
    red, green, blue = colorsys.hls_to_rgb(hue / 360, lightness, saturation)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))


def _declarations(block: str) -> dict[str, str]:
    return dict(re.findall(r"--chart-(\w+):\s*(#[0-9a-f]{6});", block))


def test_line_colours_contrast_with_the_background_of_each_scheme():
    css = CHARTS_CSS.read_text()
    light = _declarations(css.split("[data-md-color-scheme")[0])
    slate = _declarations(re.search(r'\[data-md-color-scheme="slate"\][^{]*\{([^}]*)\}', css)[1])
    # Material's backgrounds: white, and slate's hsl(225, 15%, 14%) at its default hue.
    backgrounds = {"light": "#ffffff", "slate": _hsl(225, 0.15, 0.14)}
    assert backgrounds["slate"] == "#1e2129"
    for scheme, colours in {"light": light, "slate": slate}.items():
        assert set(colours) == {"series", "target", "benchmark"}, scheme
        for role, colour in colours.items():
            # 3:1 for a line (non-text contrast); the labels are text, so 4.5:1.
            assert contrast(colour, backgrounds[scheme]) >= 4.5, (scheme, role, colour)
    # The drawing's own colours, which a downloaded chart keeps, are the light scheme's.
    assert light == {"series": LIGHT.series, "target": LIGHT.target, "benchmark": LIGHT.benchmark}
    assert contrast(LIGHT.text, LIGHT.background) >= 4.5
    assert contrast(LIGHT.axis, LIGHT.background) >= 3


def test_the_stylesheet_recolours_every_layer_and_hides_one_drawing():
    css = CHARTS_CSS.read_text()
    for layer in charts.LAYERS:
        assert f".{layer}_marks" in css, layer
    assert "@media (forced-colors: active)" in css
    for layout in LAYOUTS:
        assert f"svg.chart-{layout.name}" in css
    assert re.search(r"svg\.chart-narrow \{\s*display: none;", css)


def _months(analysis, count: int):
    """The indicator with ``count`` months of values, from January 2010."""
    point = analysis.series[0]
    series = [
        dataclasses.replace(point, period=f"{2010 + n // 12}-{n % 12 + 1:02d}", value=100.0 + n % 7)
        for n in range(count)
    ]
    return dataclasses.replace(analysis, series=series, latest=series[-1])


def test_points_apart_are_marked_with_their_values_and_a_dense_line_is_drawn_alone(minimal):
    adoptions = minimal.indicators["lac6-val"]
    year = charts.draw_chart(_months(adoptions, 12), LABELS)
    for layout in LAYOUTS:
        drawing = year[layout.name].decode()
        assert drawing.count("<title>") == 12, layout.name
        assert "<title>January 2010: 100</title>" in drawing
    decade = charts.draw_chart(_months(adoptions, 120), LABELS)
    for layout in LAYOUTS:
        drawing = decade[layout.name].decode()
        assert "points_marks" not in drawing and "<title>" not in drawing, layout.name
        assert "series_marks" in drawing
    assert 640 / 119 < charts.MARKED_FROM < 640 / 11


def test_coordinates_are_written_to_a_tenth_of_a_pixel(minimal):
    drawing = charts.draw_chart(minimal.indicators["lac6-val"], LABELS)[WIDE.name].decode()
    geometry = re.findall(r' (?:d|transform)="([^"]*)"', drawing)
    assert geometry and not any(re.search(r"\d\.\d\d", value) for value in geometry)
    assert re.search(r"\d\.\d", " ".join(geometry)), "fractions are kept to one place"


def _polyline_points(path: str) -> list[tuple[float, float]]:
    """The points of an ``M``/``L`` path, absolute or with ``l`` steps, in pixels."""
    start, _, rest = path[1:].partition("l") if "l" in path else (path[1:], "", "")
    pairs = re.findall(r"(-?[\d.]+),(-?[\d.]+)", start + " " + rest)
    points = [(float(pairs[0][0]), float(pairs[0][1]))]
    for x, y in pairs[1:]:
        if "l" in path:
            points.append((points[-1][0] + float(x), points[-1][1] + float(y)))
        else:
            points.append((float(x), float(y)))
    return points


def test_a_compacted_line_draws_the_renderers_points_to_a_tenth_of_a_pixel(minimal):
    analysis = _months(minimal.indicators["lac6-val"], 240)
    spec = charts.series_chart(analysis, LABELS, WIDE)
    drawn = vl_convert.vegalite_to_svg(spec)
    compact = charts.draw_chart(analysis, LABELS)[WIDE.name].decode()
    line = r'<g class="mark-line role-mark series_marks"[^>]*><path[^>]* d="([^"]*)"'
    original = _polyline_points(re.search(line, drawn)[1])
    stepped = re.search(line, compact)[1]
    assert stepped.count("l") == 1 and "L" not in stepped
    assert len(original) == 240 and len(_polyline_points(stepped)) == 240
    for (x, y), (cx, cy) in zip(original, _polyline_points(stepped), strict=True):
        assert abs(x - cx) <= 0.05 + 1e-9 and abs(y - cy) <= 0.05 + 1e-9
    assert 'opacity="1"' not in compact and 'd="M0,0h0v0h0Z"' not in compact
    assert len(compact) < 0.85 * len(drawn)
