"""Charts drawn at build time: Vega-Lite specifications (Altair) rendered to SVG files.

The page shows the SVG as an image with a text alternative, and the same values in a
table, so nothing depends on JavaScript or on a third-party host.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert

from builder.analyse import financial_year
from builder.model import IndicatorAnalysis, Release
from builder.render.format import long_date, period_start

LINE_COLOUR = "#1d4e89"
TARGET_COLOUR = "#a23b00"  # 5.8:1 on white
BENCHMARK_COLOUR = "#555555"  # 7.5:1 on white
BENCHMARK_LABELS = {
    "statistical_neighbours": "Statistical neighbours",
    "england": "England",
    "south_east": "South East",
}
RENDERER = f"vl-convert {metadata.version('vl-convert-python')}\n"
UNIT_TITLES = {
    "count": "Number",
    "percentage": "Per cent",
    "rate_per_10000": "Rate per 10,000 children",
}


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


def series_chart(analysis: IndicatorAnalysis, labels: ChartLabels) -> alt.LayerChart:
    """The indicator's current series, its targets as a stepped line by financial year and
    its benchmarks as labelled reference lines. Lines differ by dash and label, not only by
    colour; the title, source and edition are inside the image, so a saved copy keeps them."""
    indicator = analysis.indicator
    series = pd.DataFrame(
        {
            "period": [period_start(point.period) for point in analysis.series],
            "value": [point.value for point in analysis.series],
        }
    )
    date_format = "%b %Y" if indicator.frequency == "monthly" else "%-d %b %Y"
    x = alt.X("period:T", title=None, axis=alt.Axis(format=date_format, labelAngle=-40))
    y = alt.Y(
        "value:Q",
        title=UNIT_TITLES[indicator.unit],
        scale=alt.Scale(zero=indicator.unit != "percentage"),
    )
    layers: list[alt.Chart] = [
        alt.Chart(series)
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True), color=LINE_COLOUR)
        .encode(x=x, y=y)
    ]
    targets = _target_steps(analysis)
    if targets:
        frame = pd.DataFrame(targets, columns=["period", "value", "label", "last"])
        layers.append(
            alt.Chart(frame)
            .mark_line(
                interpolate="step-after",
                strokeDash=[6, 3],
                color=TARGET_COLOUR,
                point=alt.OverlayMarkDef(
                    shape="diamond", size=40, filled=True, color=TARGET_COLOUR
                ),
            )
            .encode(x=x, y=y, detail="label:N")
        )
        layers.append(
            alt.Chart(frame[frame["last"]])
            .mark_text(align="right", dy=-8, fontSize=12, color=TARGET_COLOUR)
            .encode(x=x, y=y, text="label:N")
        )
    benchmarks = [
        (BENCHMARK_LABELS[b.kind] + f" {b.year}: {b.value:g}", b.value)
        for b in indicator.benchmarks
        if b.value is not None
    ]
    if benchmarks and not series.empty:
        frame = pd.DataFrame(benchmarks, columns=["label", "value"])
        frame["period"] = series["period"].iloc[0]
        layers.append(
            alt.Chart(frame)
            .mark_rule(strokeDash=[2, 2], color=BENCHMARK_COLOUR)
            .encode(y=alt.Y("value:Q"))
        )
        layers.append(
            alt.Chart(frame)
            .mark_text(align="left", dx=4, dy=-6, fontSize=11, color=BENCHMARK_COLOUR)
            .encode(x=x, y=y, text="label:N")
        )
    return (
        alt.layer(*layers)
        .properties(
            width=600,
            height=260,
            title=alt.TitleParams(
                text=labels.title,
                subtitle=[f"Source: {labels.source}", f"Archive edition of {labels.edition}"],
                anchor="start",
                fontSize=14,
                subtitleFontSize=12,
                color="#222",
                subtitleColor="#333",
            ),
        )
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#222", titleColor="#222")
        .configure_view(stroke=None)
    )


def _target_steps(analysis: IndicatorAnalysis) -> list[tuple[str, float, str, bool]]:
    """(period, target, label, last of its year) for each month of the series whose
    financial year has a target, so the target line steps where the year changes."""
    targets = {t.year: t.value for t in analysis.indicator.targets if t.value is not None}
    if analysis.indicator.frequency != "monthly":
        return []
    steps = []
    for point in analysis.series:
        year = financial_year(point.period)
        if year in targets:
            label = f"Target {year}: {targets[year]:g}"
            steps.append((period_start(point.period), targets[year], label, False))
    return [
        (period, value, label, index + 1 == len(steps) or steps[index + 1][2] != label)
        for index, (period, value, label, _) in enumerate(steps)
    ]


def accessible_svg(svg: str, identifier: str, title: str, description: str) -> str:
    """The drawn SVG as an image with an accessible name and description, to put in a page."""
    name, desc = f"{identifier}-title", f"{identifier}-desc"
    opening_end = svg.index(">") + 1
    opening = svg[:opening_end].replace(
        "<svg ", f'<svg role="img" aria-labelledby="{name}" aria-describedby="{desc}" ', 1
    )
    return (
        opening
        + f'<title id="{name}">{html.escape(title)}</title>'
        + f'<desc id="{desc}">{html.escape(description)}</desc>'
        + svg[opening_end:]
    )


def chart_svg(analysis: IndicatorAnalysis, labels: ChartLabels, cache: Path | None = None) -> str:
    """The chart as SVG; with a cache folder, a chart whose inputs, renderer and drawing
    code have not changed is read back instead of drawn again (building a specification
    and drawing it take about 80-100 ms; reading it back well under one)."""
    if cache is None:
        return _draw(analysis, labels)
    cached = cache / f"{_cache_key(analysis, labels)}.svg"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    svg = _draw(analysis, labels)
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_suffix(".tmp")
    temporary.write_text(svg, encoding="utf-8")
    temporary.replace(cached)
    return svg


def _draw(analysis: IndicatorAnalysis, labels: ChartLabels) -> str:
    # Validating against the Vega-Lite schema takes longer than drawing; the tests validate.
    return vl_convert.vegalite_to_svg(series_chart(analysis, labels).to_dict(validate=False))


def _cache_key(analysis: IndicatorAnalysis, labels: ChartLabels) -> str:
    """Everything a chart is drawn from: its inputs, the renderer and this module's code."""
    indicator = analysis.indicator
    inputs = {
        "series": [(point.period, point.value) for point in analysis.series],
        "labels": dataclasses.asdict(labels),
        "indicator": [indicator.label, indicator.unit, indicator.frequency, indicator.decimals],
        "targets": [(t.year, t.value) for t in indicator.targets],
        "benchmarks": [(b.kind, b.year, b.value) for b in indicator.benchmarks],
    }
    text = RENDERER + _CODE + json.dumps(inputs, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


class Charts:
    """Each indicator's chart for one build: drawn once (or read from the cache) for the
    page that shows it and the file beside it."""

    def __init__(self, releases: dict[str, Release], edition: dt.date, cache: Path | None):
        self._releases, self._edition, self._cache = releases, edition, cache
        self._drawn: dict[str, str] = {}
        self._rasters: dict[str, bytes] = {}

    def labels(self, analysis: IndicatorAnalysis) -> ChartLabels:
        return chart_labels(analysis, self._releases, self._edition)

    def svg(self, analysis: IndicatorAnalysis) -> str:
        slug = analysis.indicator.slug
        if slug not in self._drawn:
            self._drawn[slug] = chart_svg(analysis, self.labels(analysis), self._cache)
        return self._drawn[slug]

    def png(self, analysis: IndicatorAnalysis) -> bytes:
        """The chart as a PNG image, drawn from the same specification as the SVG (so its
        title, source and edition are in the image); drawn once per build, cached like it."""
        slug = analysis.indicator.slug
        if slug not in self._rasters:
            self._rasters[slug] = chart_png(analysis, self.labels(analysis), self._cache)
        return self._rasters[slug]


PNG_SCALE = 2  # pixels per unit of the specification: sharp on high-density screens


def chart_png(analysis: IndicatorAnalysis, labels: ChartLabels, cache: Path | None = None) -> bytes:
    """The chart as PNG; with a cache folder, read back while its inputs are unchanged."""
    if cache is None:
        return _draw_png(analysis, labels)
    cached = cache / f"{_cache_key(analysis, labels)}-x{PNG_SCALE}.png"
    if cached.is_file():
        return cached.read_bytes()
    png = _draw_png(analysis, labels)
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_suffix(".tmp")
    temporary.write_bytes(png)
    temporary.replace(cached)
    return png


def _draw_png(analysis: IndicatorAnalysis, labels: ChartLabels) -> bytes:
    spec = series_chart(analysis, labels).to_dict(validate=False)
    return bytes(vl_convert.vegalite_to_png(spec, scale=PNG_SCALE))
