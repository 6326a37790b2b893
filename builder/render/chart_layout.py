"""Where things go in a chart, worked out at build time: the value axis, the ticks of the
time axis, and the direct labels of the lines, moved apart (dodged) so none overlaps another.

Pure functions of numbers and text, so the drawing in ``charts.py`` and the tests share them.
Positions are in pixels of the plot area: x from its left edge, y from its top edge.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal

# Average advance of a character, in ems, of the sans-serif faces a browser or the renderer
# may use (DejaVu Sans is the widest common one): generous, so an estimate never falls short.
CHARACTER_WIDTH = 0.58
LINE_HEIGHT = 1.25  # a label's box, in ems
GAP = 3.0  # pixels between a line and its label


@dataclass(frozen=True)
class ValueAxis:
    """The value scale's domain, with its ticks at a round step."""

    low: float
    high: float
    ticks: tuple[float, ...]
    decimals: int  # of the tick labels

    def pixel(self, value: float, height: float) -> float:
        """The height of ``value`` in a plot ``height`` pixels tall, from its top."""
        return height * (self.high - value) / (self.high - self.low)


def value_axis(values: Sequence[float], zero: bool, most_ticks: int) -> ValueAxis:
    """A domain covering ``values`` (and zero when ``zero``), rounded out to a step chosen
    so there are at most ``most_ticks`` intervals."""
    low, high = min([*values, 0.0] if zero else values), max([*values, 0.0] if zero else values)
    if high == low:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    step = _round_step((high - low) / most_ticks)
    start, end = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    ticks = tuple(round(i * step, 9) for i in range(start, end + 1))
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step % 1 else 0
    if step % 1 and round(step * 10**decimals) % 1:
        decimals += 1  # a step of 2.5 or 0.25 needs one more decimal than its magnitude
    return ValueAxis(low=ticks[0], high=ticks[-1], ticks=ticks, decimals=decimals)


def _round_step(rough: float) -> float:
    """The smallest of 1, 2, 2.5 and 5 times a power of ten at least ``rough``."""
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough - 1e-12)


def spaced(positions: Sequence[float], gap: float) -> list[int]:
    """The indices of ``positions`` (ascending, in pixels) to label on a time axis: the
    first, then each at least ``gap`` after the one before, and the last (in place of the
    one before it when they would be closer than ``gap``)."""
    if not positions:
        return []
    kept = [0]
    for index in range(1, len(positions)):
        if positions[index] - positions[kept[-1]] >= gap:
            kept.append(index)
    last = len(positions) - 1
    if kept[-1] != last:
        if positions[last] - positions[kept[-1]] < gap and len(kept) > 1:
            kept.pop()
        kept.append(last)
    return kept


def text_width(text: str, font_size: float) -> float:
    return len(text) * CHARACTER_WIDTH * font_size


@dataclass(frozen=True)
class Label:
    """A line's label: its text and the point it belongs beside (``align``: on which side
    of ``x`` the text runs back from; a right-aligned label ends at ``x``)."""

    text: str
    x: float
    y: float
    align: Literal["left", "right"]


@dataclass(frozen=True)
class PlacedLabel:
    """A label where it is drawn: its left edge and the middle of its line of text."""

    text: str
    left: float
    middle: float


@dataclass(frozen=True)
class _Box:
    left: float
    right: float
    top: float
    bottom: float

    def overlaps(self, other: _Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


def place_labels(
    labels: Sequence[Label], width: float, height: float, font_size: float
) -> list[PlacedLabel]:
    """Each label just above its point if that is free, else at the nearest free height
    within the plot, keeping the labels that share a stretch of the width in the order of
    their points (a higher point's label stays above a lower one's). A label that finds no
    such height takes the nearest free one in any order, or, failing that, stays above its
    point. Returned in the order given."""
    line = font_size * LINE_HEIGHT
    placed: dict[int, tuple[_Box, float]] = {}  # index -> (box, point's height)
    order = sorted(range(len(labels)), key=lambda index: labels[index].y)
    for index in order:
        label = labels[index]
        text_w = text_width(label.text, font_size)
        left = label.x if label.align == "left" else label.x - text_w
        left = max(0.0, min(left, width - text_w))
        above = label.y - GAP - line / 2
        below = label.y + GAP + line / 2
        heights = [above - step for step in range(int(height) + 1)]
        heights += [below + step for step in range(int(height) + 1)]
        heights.sort(key=lambda m: above - m if m <= label.y else m - below + 0.5)
        inside = (m for m in heights if line / 2 <= m <= height - line / 2)
        free = (
            m
            for m in inside
            if not any(_box(left, text_w, m, line).overlaps(box) for box, _ in placed.values())
        )
        in_order = partial(_keeps_order, label.y, left, left + text_w, list(placed.values()))
        chosen = _first_preferred(free, in_order)
        middle = chosen if chosen is not None else max(line / 2, min(above, height - line / 2))
        placed[index] = (_box(left, text_w, middle, line), label.y)
    return [
        PlacedLabel(
            text=label.text,
            left=round(placed[index][0].left, 2),
            middle=round(placed[index][0].top + line / 2, 2),
        )
        for index, label in enumerate(labels)
    ]


def _keeps_order(
    point: float, left: float, right: float, placed: list[tuple[_Box, float]], middle: float
) -> bool:
    """Whether a label at ``middle``, from ``left`` to ``right``, of a point at ``point``
    stays below the labels of higher points and above those of lower points among the
    ``placed`` ones (box, point) sharing its stretch of the width."""
    return all(
        (middle > box.top) == (point >= other)
        for box, other in placed
        if box.left < right and left < box.right
    )


def _first_preferred(
    candidates: Iterable[float], preferred: Callable[[float], bool]
) -> float | None:
    """The first of ``candidates`` for which ``preferred`` holds, else the first of them.
    Taken one at a time: the first height tried usually fits, and testing every height of
    the plot against every placed label took a tenth of the time of making a chart's
    specification."""
    first = None
    for candidate in candidates:
        if preferred(candidate):
            return candidate
        if first is None:
            first = candidate
    return first


def _box(left: float, width: float, middle: float, line: float) -> _Box:
    return _Box(left=left, right=left + width, top=middle - line / 2, bottom=middle + line / 2)
