"""Charts drawn at build time: Vega-Lite specifications (Altair) rendered to SVG.

Each chart is drawn twice: wide (the page on a wide screen, print, and the ``chart.svg``
download) and narrow (a phone's screen), both inline in the page, and the site's
stylesheet ``charts.css`` shows the one that fits. The drawing carries fixed light colours,
so a saved copy stands alone; on the page the stylesheet recolours it for the dark and
forced-colours schemes through the class of each layer (``LAYERS``). Where the points of a
series stand apart (``MARKED_FROM`` pixels or more), each is marked and carries a native
``<title>`` ("April 2018: 521") that a browser shows as a tooltip, with no script; a
denser series (twenty years of months) is drawn as its line alone, where markers would
only overlap into a thicker line. The page keeps every value in a table. Coordinates are
written to a tenth of a pixel, and lines as steps from point to point (``_compact``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import itertools
import json
import multiprocessing
import os
import re
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import vl_convert

from builder import urls
from builder.analyse import financial_year
from builder.disclosure import is_withheld
from builder.kept import remove_unused, write_whole
from builder.model import IndicatorAnalysis, Release
from builder.render import chart_layout
from builder.render import format as format_module
from builder.render.chart_layout import Label, ValueAxis
from builder.render.format import format_period, format_value, long_date, period_start

# Altair is imported by the functions that make a chart's specification, in the processes
# that draw charts: importing it takes half a second, which a build drawing none saves.
if TYPE_CHECKING:
    import altair as alt


@dataclass(frozen=True)
class Palette:
    """The colours of a drawing; ``charts.css`` holds the same roles for each scheme."""

    background: str
    text: str
    axis: str
    grid: str
    series: str
    target: str
    benchmark: str


# The drawing's own colours (light): every line and label at least 4.5:1 on the background.
LIGHT = Palette(
    background="#ffffff",
    text="#222222",
    axis="#767676",
    grid="#dddddd",
    series="#1d4e89",
    target="#a23b00",
    benchmark="#555555",
)
# The classes (Vega mark names) the stylesheet recolours by.
LAYERS = (
    "series",
    "series_points",
    "target",
    "target_points",
    "benchmark",
    "label_halo",
    "series_label",
    "target_label",
    "benchmark_label",
)
BENCHMARK_LABELS = {
    "statistical_neighbours": "Statistical neighbours",
    "england": "England",
    "south_east": "South East",
}
# Where a chart is narrow, the longest name is shortened so its label fits the plot.
SHORT_BENCHMARK_LABELS = {**BENCHMARK_LABELS, "statistical_neighbours": "Stat. neighbours"}
RENDERER = f"vl-convert {metadata.version('vl-convert-python')}\n"
UNIT_TITLES = {
    "count": "Number",
    "percentage": "Per cent",
    "rate_per_10000": "Rate per 10,000 children",
}
FONT_SIZE = 12  # every text in the image but the title; never drawn smaller than 11 px
# The least distance between the points of a line, in pixels, at which each is marked: the
# markers are about 7.5 pixels across.
MARKED_FROM = 9
TITLE_SIZE = 14
PADDING = 5


def _load_the_renderers_own_font() -> None:
    """Have vl-convert measure and draw text in the Liberation Sans it carries (its font for
    "sans-serif"), not in the system's copy of it, and load no other font.

    The renderer looks for fonts through fontconfig's files once, when a process first
    needs them, and then finds a system font before its own. It opens a system font again
    for each glyph it measures or draws, but holds its own in memory: text, most of the
    cost of a chart, takes a fifth of the time, and a chart is measured and rasterised in
    the same font on any machine. For that moment ``FONTCONFIG_FILE`` names a file that
    lists only an empty folder; the variable is then put back, so nothing else is told it."""
    previous = os.environ.get("FONTCONFIG_FILE")
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder, "fonts.conf")
        config.write_text(f"<fontconfig><dir>{html.escape(folder)}</dir></fontconfig>\n")
        os.environ["FONTCONFIG_FILE"] = str(config)
        try:
            vl_convert.register_font_directory(folder)
        finally:
            if previous is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = previous


_load_the_renderers_own_font()


@dataclass(frozen=True)
class Layout:
    """One drawing of a chart: the plot's size and how much text it has room for."""

    name: str  # "wide" or "narrow": the class of its SVG, and part of its id on the page
    width: int  # of the whole image, in pixels
    plot_height: int
    x_ticks: int  # at most
    y_ticks: int  # intervals, at most
    short_names: bool = False  # of benchmarks, in their labels


WIDE = Layout(name="wide", width=640, plot_height=260, x_ticks=8, y_ticks=6)
# 288 px is the width of the page's text at 320 px (WCAG's reflow width): drawn 1:1 there.
NARROW = Layout(
    name="narrow",
    width=288,
    plot_height=220,
    x_ticks=3,
    y_ticks=5,
    short_names=True,
)
LAYOUTS = (WIDE, NARROW)


@dataclass(frozen=True)
class ChartLabels:
    """What the image itself says beside the lines: its title, source and edition."""

    title: str
    source: str
    edition: str


def chart_labels(
    analysis: IndicatorAnalysis, releases: dict[str, Release], edition: dt.date
) -> ChartLabels:
    """The title, source (the release of the latest value) and edition an image carries."""
    latest = analysis.latest
    source = releases[latest.release].title if latest else ""
    return ChartLabels(title=analysis.indicator.label, source=source, edition=long_date(edition))


def series_chart(
    analysis: IndicatorAnalysis, labels: ChartLabels, layout: Layout = WIDE
) -> dict[str, Any]:
    """The Vega-Lite specification of the indicator's current series, its targets as a
    stepped line by financial year and its benchmarks as reference lines, each line
    labelled directly (labels dodged apart) and told apart by dash and marker, not only by
    colour; the title, source and edition are inside the image, so a saved copy keeps them.

    The layers name their tables, which are added to the specification Altair makes: Altair
    copies a table a layer holds several times over and checks every value of it, which
    took most of the time of making a chart. Checking each part as it is made (Altair's
    debug mode) is off for the same reason; the tests check whole specifications against
    the Vega-Lite schema. The layered chart is turned into its specification without its
    layers, and each layer on its own: Altair copies a layered chart before converting
    it, and the copy deep-copies every layer twice over to gather their parameters, which
    these layers have none of (a third of the time of making a specification). Fields are
    given by name (``field=``), not as Altair's shorthand, which it parses afresh each time
    it converts a channel, asking whether the chart's data is a data frame (another third)."""
    import altair as alt

    datasets: dict[str, list[dict[str, Any]]] = {}
    with alt.utils.schemapi.debug_mode(False):
        chart = _layered_chart(analysis, labels, layout, datasets)
        layers, chart.layer = chart.layer, []
        spec = chart.to_dict(validate=False)
        inner = {"top_level": False}
        spec["layer"] = [layer.to_dict(validate=False, context=inner) for layer in layers]
    return {**spec, "datasets": datasets}


def _layered_chart(
    analysis: IndicatorAnalysis,
    labels: ChartLabels,
    layout: Layout,
    datasets: dict[str, list[dict[str, Any]]],
) -> alt.LayerChart:
    import altair as alt

    indicator = analysis.indicator
    periods = [_day(point.period) for point in analysis.series]
    # A withheld small number is left out of the line (the description says so).
    drawn = [point for point in analysis.series if not is_withheld(point.value)]
    targets = _target_steps(analysis)
    names = SHORT_BENCHMARK_LABELS if layout.short_names else BENCHMARK_LABELS
    benchmarks = [
        (f"{names[b.kind]} {b.year}: {format_value(b.value, indicator)}", b.value)
        for b in indicator.benchmarks
        if b.value is not None
    ]
    values = [p.value for p in drawn] + [t[1] for t in targets] + [b[1] for b in benchmarks]
    axis = chart_layout.value_axis(values or [0.0], indicator.unit != "percentage", layout.y_ticks)
    plot_width = layout.width - 2 * PADDING - _value_axis_width(axis)
    start, end = _time_domain(periods)
    marked = _spacing([_x(_day(p.period), start, end, plot_width) for p in drawn]) >= MARKED_FROM
    # Days as ISO dates (midnight UTC, as the periods are read): the renderer compiles a
    # Vega-Lite DateTime into an expression, once for each layer that holds it.
    x_scale = alt.Scale(type="utc", domain=[start.isoformat(), end.isoformat()])
    date_format = "%b %Y" if indicator.frequency == "monthly" else "%-d %b %Y"
    widest = chart_layout.text_width(
        "30 Sep 2020" if "%-d" in date_format else "Sep 2020", FONT_SIZE
    )
    gap = max(0.95 * plot_width / max(1, layout.x_ticks - 1), widest + 16)
    spaced = chart_layout.spaced([_x(day, start, end, plot_width) for day in periods], gap)
    x_ticks = [periods[index] for index in spaced]
    x = alt.X(
        field="period",
        type="temporal",
        title=None,
        scale=x_scale,
        axis=alt.Axis(
            format=date_format,
            values=[day.isoformat() for day in x_ticks],
            labelAngle=0,
            labelFlush=True,
            grid=False,
        ),
    )
    y = alt.Y(
        field="value",
        type="quantitative",
        title=UNIT_TITLES[indicator.unit],
        scale=alt.Scale(domain=[axis.low, axis.high], nice=False, zero=False),
        axis=alt.Axis(values=list(axis.ticks), format=f",.{axis.decimals}f"),
    )

    def px(day: dt.date) -> float:
        return _x(day, start, end, plot_width)

    def py(value: float) -> float:
        return axis.pixel(value, layout.plot_height)

    layers: list[alt.Chart] = []
    to_label: list[tuple[str, Label]] = []
    if benchmarks and periods:
        frame = _data(
            datasets,
            "benchmarks",
            {"label": [b[0] for b in benchmarks], "value": [b[1] for b in benchmarks]},
        )
        layers.append(
            alt.Chart(frame, name="benchmark")
            .mark_rule(strokeDash=[2, 3], strokeWidth=1.5, color=LIGHT.benchmark)
            .encode(y=y)
        )
        for text, value in sorted(benchmarks, key=lambda b: -b[1]):
            to_label.append(("benchmark_label", Label(text, 4.0, py(value), "left")))
    if targets:
        frame = _data(
            datasets,
            "targets",
            {
                "period": [t[0].isoformat() for t in targets],
                "value": [t[1] for t in targets],
                "label": [t[2] for t in targets],
                "last": [t[3] for t in targets],
                "point": [t[2] for t in targets],
            },
        )
        layers.append(
            alt.Chart(frame, name="target")
            .mark_line(
                interpolate="step-after", strokeDash=[6, 3], strokeWidth=2, color=LIGHT.target
            )
            .encode(x=x, y=y, detail=alt.Detail(field="label", type="nominal"))
        )
        if marked:
            layers.append(
                alt.Chart(frame, name="target_points")
                .mark_point(shape="diamond", size=40, filled=True, opacity=1, color=LIGHT.target)
                .encode(x=x, y=y, description=alt.Description(field="point", type="nominal"))
            )
        for day, value, text, last in targets:
            if last:
                to_label.insert(0, ("target_label", Label(text, px(day), py(value), "right")))
    if drawn:
        series = _data(
            datasets,
            "series",
            {
                "period": [_day(point.period).isoformat() for point in drawn],
                "value": [point.value for point in drawn],
                "point": [
                    f"{format_period(point.period)}: {format_value(point.value, indicator)}"
                    for point in drawn
                ],
            },
        )
        layers.append(
            alt.Chart(series, name="series")
            .mark_line(strokeWidth=2.5, color=LIGHT.series)
            .encode(x=x, y=y)
        )
        if marked:
            layers.append(
                alt.Chart(series, name="series_points")
                .mark_point(shape="circle", size=45, filled=True, opacity=1, color=LIGHT.series)
                .encode(x=x, y=y, description=alt.Description(field="point", type="nominal"))
            )
    if drawn and drawn[-1] == analysis.series[-1]:
        latest = drawn[-1]
        text = f"Latest: {format_value(latest.value, indicator)}"
        to_label.insert(
            0, ("series_label", Label(text, px(periods[-1]), py(latest.value), "right"))
        )
    layers.extend(_label_layers(datasets, to_label, plot_width, layout.plot_height))
    chart = (
        # One chart made with all its settings: each of Altair's chained methods
        # (.properties, .configure_axis, ...) deep-copies the chart and its data.
        alt.LayerChart(
            width=plot_width,
            height=layout.plot_height,
            padding=PADDING,
            background=LIGHT.background,
            title=alt.TitleParams(
                text=_lines(labels.title, layout.width, TITLE_SIZE),
                subtitle=[
                    *_lines(f"Source: {labels.source}", layout.width, FONT_SIZE),
                    *_lines(f"Archive edition of {labels.edition}", layout.width, FONT_SIZE),
                ],
                anchor="start",
                frame="group",
                offset=10,
                limit=0,  # wrapped here
                fontSize=TITLE_SIZE,
                subtitleFontSize=FONT_SIZE,
                color=LIGHT.text,
                subtitleColor=LIGHT.text,
            ),
            config=alt.Config(
                axis=alt.AxisConfig(
                    labelFontSize=FONT_SIZE,
                    titleFontSize=FONT_SIZE,
                    labelColor=LIGHT.text,
                    titleColor=LIGHT.text,
                    domainColor=LIGHT.axis,
                    tickColor=LIGHT.axis,
                    gridColor=LIGHT.grid,
                    # Nothing to cut short or hide (the title is wrapped and the ticks
                    # spaced here): the renderer measures a text again for each such check.
                    labelLimit=0,
                    titleLimit=0,
                    labelOverlap=False,
                ),
                view=alt.ViewConfig(stroke=None),
            ),
        )
    )
    # Given its layers once made: a LayerChart made with them copies each twice over to
    # gather their parameters and data, of which these layers have none.
    chart.layer = [*layers]
    return chart


def _label_layers(
    datasets: dict[str, list[dict[str, Any]]],
    to_label: list[tuple[str, Label]],
    width: float,
    height: float,
) -> list[alt.Chart]:
    """The labels, dodged apart, over a halo of the background so a line crossing one
    leaves it readable; one layer per kind, so each takes its line's colour."""
    import altair as alt

    if not to_label:
        return []
    placed = chart_layout.place_labels([label for _, label in to_label], width, height, FONT_SIZE)
    columns: dict[str, list[Any]] = {
        "kind": [kind for kind, _ in to_label],
        "label": [p.text for p in placed],
        "x": [p.left for p in placed],
        "y": [p.middle for p in placed],
    }
    x = alt.X(field="x", type="quantitative", scale=None, axis=None)
    y = alt.Y(field="y", type="quantitative", scale=None, axis=None)
    layers = [
        alt.Chart(_data(datasets, "labels", columns), name="label_halo")
        .mark_text(
            align="left",
            baseline="middle",
            fontSize=FONT_SIZE,
            color=LIGHT.background,
            stroke=LIGHT.background,
            strokeWidth=4,
            strokeJoin="round",
        )
        .encode(x=x, y=y, text=alt.Text(field="label", type="nominal"))
    ]
    colours = {
        "series_label": LIGHT.series,
        "target_label": LIGHT.target,
        "benchmark_label": LIGHT.benchmark,
    }
    for kind, colour in colours.items():
        rows = [index for index, of_kind in enumerate(columns["kind"]) if of_kind == kind]
        if not rows:
            continue
        if len(rows) == len(to_label):  # every label is of this kind
            data = alt.NamedData(name="labels")
        else:
            chosen = {name: [values[i] for i in rows] for name, values in columns.items()}
            data = _data(datasets, kind, chosen)
        layers.append(
            alt.Chart(data, name=kind)
            .mark_text(align="left", baseline="middle", fontSize=FONT_SIZE, color=colour)
            .encode(x=x, y=y, text=alt.Text(field="label", type="nominal"))
        )
    return layers


def _data(
    datasets: dict[str, list[dict[str, Any]]], name: str, columns: dict[str, list[Any]]
) -> alt.NamedData:
    """A table of values for a layer, added to ``datasets`` as ``name``, as Altair would
    make it of a pandas data frame (a column of whole numbers and fractions holds
    fractions)."""
    import altair as alt

    for column, values in columns.items():
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        if numbers and any(isinstance(v, float) for v in values):
            columns[column] = [float(v) for v in values]
    rows = [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]
    datasets[name] = rows
    return alt.NamedData(name=name)


def _x(day: dt.date, start: dt.date, end: dt.date, width: float) -> float:
    """The pixel of ``day`` on a time axis from ``start`` to ``end``, ``width`` wide."""
    return width * (day - start).days / max(1, (end - start).days)


def _spacing(pixels: list[float]) -> float:
    """The least distance between neighbouring points (infinite for one point or none)."""
    return min((b - a for a, b in itertools.pairwise(pixels)), default=float("inf"))


def _day(period: str) -> dt.date:
    return dt.date.fromisoformat(period_start(period))


def _time_domain(periods: list[dt.date]) -> tuple[dt.date, dt.date]:
    if not periods:
        today = dt.date(2000, 1, 1)
        return today, today + dt.timedelta(days=30)
    if periods[0] == periods[-1]:
        return periods[0] - dt.timedelta(days=15), periods[0] + dt.timedelta(days=15)
    return periods[0], periods[-1]


def _value_axis_width(axis: ValueAxis) -> int:
    """Pixels the value axis takes: its longest tick label, tick, title and gaps."""
    longest = max(len(f"{tick:,.{axis.decimals}f}") for tick in axis.ticks)
    return round(chart_layout.text_width("0" * longest, FONT_SIZE)) + 5 + 2 + FONT_SIZE + 10


def _lines(text: str, width: int, font_size: int) -> list[str]:
    """``text`` broken into lines that fit ``width`` pixels of the image."""
    characters = int((width - 2 * PADDING) / (chart_layout.CHARACTER_WIDTH * font_size))
    return textwrap.wrap(text, characters) or [""]


def _target_steps(analysis: IndicatorAnalysis) -> list[tuple[dt.date, float, str, bool]]:
    """(period, target, label, last of its year) for each month of the series whose
    financial year has a target, so the target line steps where the year changes."""
    targets = {t.year: t.value for t in analysis.indicator.targets if t.value is not None}
    if analysis.indicator.frequency != "monthly":
        return []
    steps = []
    for point in analysis.series:
        year = financial_year(point.period)
        if year in targets:
            label = f"Target {year}: {format_value(targets[year], analysis.indicator)}"
            steps.append((_day(point.period), targets[year], label, False))
    return [
        (period, value, label, index + 1 == len(steps) or steps[index + 1][2] != label)
        for index, (period, value, label, _) in enumerate(steps)
    ]


_GEOMETRY = re.compile(r'( (?:d|transform)=")([^"]*)"')
_FRACTION = re.compile(r"-?\d+\.\d{2,}")
_POLYLINE = re.compile(r"M-?[\d.]+,-?[\d.]+(?:L-?[\d.]+,-?[\d.]+)+")
_PAIR = re.compile(r"(-?[\d.]+),(-?[\d.]+)")
# What the renderer writes that draws nothing: a frame of no size or hidden, full opacity.
_DRAWS_NOTHING = re.compile(
    r'<path class="(?:background|foreground)"[^>]*?(?: d="M0,0h0v0h0Z"| display="none")[^>]*/>'
    r'| opacity="1"'
)


def _compact(svg: str) -> str:
    """The drawing in fewer bytes, drawn the same to a tenth of a pixel: coordinates to a
    tenth of a pixel (the renderer writes up to sixteen decimals), each line's points after
    the first as steps from the one before (a month's step is nearly the same each time,
    which compresses well), and without what draws nothing. Twenty years of months drew
    in 13.6 KB (3.2 KB compressed) and now in 10.8 KB (2.1 KB)."""

    def attribute(match: re.Match[str]) -> str:
        value = _FRACTION.sub(lambda number: _tenths(float(number[0])), match[2])
        if match[1] == ' d="' and _POLYLINE.fullmatch(value):
            value = _relative_polyline(value)
        return f'{match[1]}{value}"'

    return _GEOMETRY.sub(attribute, _DRAWS_NOTHING.sub("", svg))


def _tenths(number: float) -> str:
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _relative_polyline(path: str) -> str:
    """``M x,y L x,y ...`` as ``M x,y l dx,dy ...``; each step is taken between points
    already rounded to a tenth, so the points drawn are exactly those of the absolute path."""
    points = [(round(float(x) * 10), round(float(y) * 10)) for x, y in _PAIR.findall(path)]
    steps = [
        f"{_tenths((x - px) / 10)},{_tenths((y - py) / 10)}"
        for (px, py), (x, y) in itertools.pairwise(points)
    ]
    first_x, first_y = points[0]
    return f"M{_tenths(first_x / 10)},{_tenths(first_y / 10)}l{' '.join(steps)}"


_DESCRIBED_POINT = re.compile(r'<path aria-label="([^"]*)"([^>]*?)/>')


def _with_point_titles(svg: str) -> str:
    """Each point of the series and targets with a ``<title>`` of its own, which a browser
    shows as a tooltip ("April 2018: 521")."""

    def points(group: re.Match[str]) -> str:
        return _DESCRIBED_POINT.sub(r'<path aria-label="\1"\2><title>\1</title></path>', group[0])

    return re.sub(r'<g class="mark-symbol role-mark [a-z_]*points_marks".*?</g>', points, svg)


# The roles and labels the renderer gives each mark: inside an image (role="img") they
# are presentational, which checkers report as roles ignored by browsers; the image's
# name and description, the summary and the table say what the marks show.
_MARK_ARIA = re.compile(r' (?:role|aria-roledescription|aria-label)="[^"]*"')


def accessible_svg(
    svg: str, identifier: str, title: str, description: str, variant: str = ""
) -> str:
    """The drawn SVG as an image with an accessible name and description, to put in a page
    (``variant``, a layout's name, is added to its classes for the stylesheet)."""
    name, desc = f"{identifier}-title", f"{identifier}-desc"
    opening_end = svg.index(">") + 1
    opening = svg[:opening_end].replace(
        "<svg ", f'<svg role="img" aria-labelledby="{name}" aria-describedby="{desc}" ', 1
    )
    if variant:
        opening = opening.replace('class="marks"', f'class="marks chart-{variant}"', 1)
    return (
        opening
        + f'<title id="{name}">{html.escape(title)}</title>'
        + f'<desc id="{desc}">{html.escape(description)}</desc>'
        + _MARK_ARIA.sub("", svg[opening_end:])
    )


@dataclass
class ChartTally:
    """What one build did for its charts: files drawn, files read back from the cache,
    and the time both took. A counter that ``Charts`` adds to as it goes; ``fresh`` holds
    the cache files this build drew ahead of the pages, which the pages then read without
    counting them as reused. A file read by more than one process of a build (its pages
    shared out) counts once: ``reused_names`` are the files read back."""

    drawn: int = 0
    seconds: float = 0.0
    fresh: set[str] = field(default_factory=set)
    reused_names: set[str] = field(default_factory=set)

    @property
    def reused(self) -> int:
        return len(self.reused_names)


# The files of one indicator's chart: each layout's SVG, the wide chart's specification
# (the ``chart.vl.json`` download) and its PNG image.
SPEC, PNG = "spec", "png"
PNG_SCALE = 2  # pixels per unit of the specification: sharp on high-density screens


def chart_files(analysis: IndicatorAnalysis, labels: ChartLabels) -> dict[str, str]:
    """The cache file name of each file of the chart, by kind (a layout's name, ``SPEC``
    or ``PNG``); each name holds the key of everything the file is drawn from."""
    inputs = _inputs(analysis, labels)
    keys = {layout.name: _layout_key(inputs, layout) for layout in LAYOUTS}
    wide = keys[WIDE.name]
    names = {name: f"{key}.svg" for name, key in keys.items()}
    return {**names, SPEC: f"{wide}.vl.json", PNG: f"{wide}-x{PNG_SCALE}.png"}


def draw_chart(analysis: IndicatorAnalysis, labels: ChartLabels) -> dict[str, bytes]:
    """Every file of the chart, by kind. Each layout's specification is built once and the
    PNG is rasterised from the wide SVG, which gives the same image as rendering the
    specification again, in half the time."""
    global _renderer_started
    _renderer_started = True
    files: dict[str, bytes] = {}
    for layout in LAYOUTS:
        spec = series_chart(analysis, labels, layout)
        svg = vl_convert.vegalite_to_svg(spec)
        svg = _compact(svg)
        files[layout.name] = _with_point_titles(svg).encode()
        if layout == WIDE:
            text = json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            files[SPEC] = text.encode()
            files[PNG] = bytes(vl_convert.svg_to_png(svg, scale=PNG_SCALE))
    return files


def chart_svg(
    analysis: IndicatorAnalysis,
    labels: ChartLabels,
    cache: Path | None = None,
    layout: Layout = WIDE,
    tally: ChartTally | None = None,
) -> str:
    """The chart as SVG; with a cache folder, a chart whose inputs, layout, renderer and
    drawing code have not changed is read back instead of drawn again."""
    return _chart_file(analysis, labels, layout.name, cache, tally).decode()


def _chart_file(
    analysis: IndicatorAnalysis,
    labels: ChartLabels,
    kind: str,
    cache: Path | None,
    tally: ChartTally | None = None,
    names: dict[str, str] | None = None,
) -> bytes:
    """One file of the chart, drawn or read back from the cache; ``names`` are its files'
    names in the cache (``chart_files``) if known already."""
    tally = tally if tally is not None else ChartTally()
    start = time.perf_counter()
    try:
        if cache is None:
            tally.drawn += 1
            return draw_chart(analysis, labels)[kind]
        names = names if names is not None else chart_files(analysis, labels)
        name = names[kind]
        if not (cache / name).is_file():
            tally.drawn += fill_cache(analysis, labels, cache)
            tally.fresh.update(names.values())
        elif name not in tally.fresh:
            tally.reused_names.add(name)
        return (cache / name).read_bytes()
    finally:
        tally.seconds += time.perf_counter() - start


def fill_cache(analysis: IndicatorAnalysis, labels: ChartLabels, cache: Path) -> int:
    """Draw the chart's files the cache lacks into it; return how many were drawn. Each
    file is written whole or not at all, so a build stopped part-way leaves no torn file."""
    names = chart_files(analysis, labels)
    missing = {kind: name for kind, name in names.items() if not (cache / name).is_file()}
    if not missing:
        return 0
    files = draw_chart(analysis, labels)
    for kind, name in missing.items():
        if not write_whole(cache / name, files[kind]):
            raise OSError(f"the chart cache {cache} cannot be written")
    return len(missing)


def _fill_cache_job(job: tuple[IndicatorAnalysis, ChartLabels, Path]) -> int:
    return fill_cache(*job)


def _cache_key(analysis: IndicatorAnalysis, labels: ChartLabels, layout: Layout) -> str:
    """Everything a chart is drawn from: its inputs, layout, the renderer and the code."""
    return _layout_key(_inputs(analysis, labels), layout)


def _inputs(analysis: IndicatorAnalysis, labels: ChartLabels) -> str:
    """The chart's inputs but its layout, as text: the same for every layout."""
    indicator = analysis.indicator
    inputs = {
        "series": [(point.period, point.value) for point in analysis.series],
        "labels": dataclasses.asdict(labels),
        "indicator": [indicator.label, indicator.unit, indicator.frequency, indicator.decimals],
        "targets": [(t.year, t.value) for t in indicator.targets],
        "benchmarks": [(b.kind, b.year, b.value) for b in indicator.benchmarks],
    }
    return json.dumps(inputs, sort_keys=True)


def _layout_key(inputs: str, layout: Layout) -> str:
    layout_text = json.dumps(dataclasses.asdict(layout), sort_keys=True)
    text = RENDERER + _CODE + inputs + layout_text
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# A file of the cache: a drawing, a specification or a PNG under its key, or what a build
# stopped part-way left of one.
_CACHE_FILE = re.compile(r"[0-9a-f]{64}(?:\.svg|\.vl\.json|-x\d+\.png)(?:\.\d+\.tmp)?")


def prune_cache(cache: Path, tally: ChartTally) -> int:
    """Remove from ``cache`` the files the build ``tally`` counted neither drew nor read
    back: the drawings of values since corrected, or of an edition since replaced (each
    month's data would otherwise add a whole set of drawings). Return how many. Only a
    build that asked for every chart may prune (``pipeline.write_pages``)."""
    used = tally.fresh | tally.reused_names
    return remove_unused(
        cache, lambda path: path.name in used or not _CACHE_FILE.fullmatch(path.name)
    )


# The drawing code: this module, the layout it uses and the value formats it writes.
_CODE = hashlib.sha256(
    b"".join(
        Path(source).read_bytes()
        for source in (__file__, chart_layout.__file__, format_module.__file__)
    )
).hexdigest()


# Charts to draw before a worker process pays for itself: starting the renderer in one
# costs about as much as drawing two or three charts.
PARALLEL_FROM = 8
# Whether this process has started the renderer: its threads are not copied into a forked
# process, which would then wait on them for ever.
_renderer_started = False


def _worker_context() -> multiprocessing.context.BaseContext:
    """How to start the processes that draw charts: forked, with the archive and Altair in
    memory already, unless this process runs threads of its own (the live preview's
    server) or has started the renderer; then a fresh interpreter ("spawn")."""
    if _renderer_started or threading.active_count() > 1:
        return multiprocessing.get_context("spawn")
    import altair  # noqa: F401  (imported once, before forking, not in each worker)

    return multiprocessing.get_context("fork")


class Charts:
    """Each indicator's chart for one build: drawn once (or read from the cache) for the
    page that shows it and the files beside it."""

    def __init__(
        self,
        releases: dict[str, Release],
        edition: dt.date,
        cache: Path | None,
        tally: ChartTally | None = None,
        workers: int | None = None,
    ):
        self._releases, self._edition, self._cache = releases, edition, cache
        self.tally = tally if tally is not None else ChartTally()
        self._workers = workers if workers is not None else (os.cpu_count() or 1)
        self._files: dict[tuple[str, str], bytes] = {}
        self._file_names: dict[str, dict[str, str]] = {}

    def labels(self, analysis: IndicatorAnalysis) -> ChartLabels:
        return chart_labels(analysis, self._releases, self._edition)

    def prepare(self, analyses: Iterable[IndicatorAnalysis]) -> None:
        """Draw into the cache every chart (of an indicator with values) it lacks, before
        the pages ask for them: across the machine's cores when there are enough to draw
        (each chart is drawn in one worker, which writes its files to the cache). Without
        a cache, charts are drawn as pages ask for them."""
        if self._cache is None:
            return
        cache = self._cache
        start = time.perf_counter()
        jobs = [
            (analysis, self.labels(analysis), cache)
            for analysis in analyses
            if analysis.series
            if not all((cache / name).is_file() for name in self._names(analysis).values())
        ]
        workers = min(self._workers, len(jobs) // (PARALLEL_FROM // 2) or 1)
        if len(jobs) >= PARALLEL_FROM and workers > 1:
            with ProcessPoolExecutor(workers, mp_context=_worker_context()) as pool:
                self.tally.drawn += sum(pool.map(_fill_cache_job, jobs, chunksize=2))
        else:
            self.tally.drawn += sum(fill_cache(*job) for job in jobs)
        for analysis, _, _ in jobs:
            self.tally.fresh.update(self._names(analysis).values())
        self.tally.seconds += time.perf_counter() - start

    def _file(self, analysis: IndicatorAnalysis, kind: str) -> bytes:
        key = (analysis.indicator.slug, kind)
        if key not in self._files:
            if self._cache is None:
                drawn = draw_chart(analysis, self.labels(analysis))
                self.tally.drawn += len(drawn)
                slug = analysis.indicator.slug
                self._files.update({(slug, kind): data for kind, data in drawn.items()})
            else:
                labels, names = self.labels(analysis), self._names(analysis)
                self._files[key] = _chart_file(
                    analysis, labels, kind, self._cache, self.tally, names
                )
        return self._files[key]

    def _names(self, analysis: IndicatorAnalysis) -> dict[str, str]:
        """The names of the chart's files in the cache, worked out once per indicator."""
        slug = analysis.indicator.slug
        if slug not in self._file_names:
            self._file_names[slug] = chart_files(analysis, self.labels(analysis))
        return self._file_names[slug]

    def svg(self, analysis: IndicatorAnalysis, layout: Layout = WIDE) -> str:
        """The chart drawn in ``layout``; the wide one is also the ``chart.svg`` download."""
        return self._file(analysis, layout.name).decode()

    def markup(self, analysis: IndicatorAnalysis, description: str) -> str:
        """The chart as its page shows it: one SVG per layout, each with its own name and
        description; the stylesheet shows the one that fits and hides the others."""
        slug = analysis.indicator.slug
        title = self.labels(analysis).title
        return "\n".join(
            accessible_svg(
                self.svg(analysis, layout),
                urls.chart_id(slug, layout.name),
                title,
                description,
                layout.name,
            )
            for layout in LAYOUTS
        )

    def spec(self, analysis: IndicatorAnalysis) -> str:
        """The wide chart's Vega-Lite specification (the ``chart.vl.json`` download)."""
        return self._file(analysis, SPEC).decode()

    def png(self, analysis: IndicatorAnalysis) -> bytes:
        """The chart as a PNG image of the wide drawing (so its title, source and edition
        are in the image)."""
        return self._file(analysis, PNG)
