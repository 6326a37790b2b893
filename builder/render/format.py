"""How values read on a page: dates, times, periods, numbers, changes, and escaped text.

These are the template filters (``template_environment`` registers them); they format,
they do not decide. What a page says about a record is decided in ``views.py``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re

from builder.analyse import SIGNIFICANT_CHANGE
from builder.model import Indicator


def plain(text: str | None) -> str:
    """Author text for a Markdown context where it must appear literally, on one line:
    markup characters escaped, and runs of white space (line breaks too) one space."""
    if text is None:
        return ""
    one_line = " ".join(str(text).split())
    escaped = html.escape(one_line, quote=False)
    return re.sub(r"([\\`*_\[\]{}|#])", r"\\\1", escaped)


def html_text(text: str | None) -> str:
    """Text for an HTML context (a page's part written as HTML, ``render/inserts.py``):
    on one line, escaped as the site generator escapes the text of Markdown."""
    if text is None:
        return ""
    return html.escape(" ".join(str(text).split()), quote=False)


def long_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def format_time(moment: dt.time | None) -> str:
    if moment is None:
        return ""
    hour = moment.hour % 12 or 12
    minutes = f".{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"


def is_monthly_period(period: str) -> bool:
    """Monthly periods are written YYYY-MM; weekly ones by the day the week commences."""
    return len(period) == len("YYYY-MM")


def period_start(period: str) -> str:
    """The first day of a period as a date: '2018-04' -> '2018-04-01'; a week stays as is."""
    return f"{period}-01" if is_monthly_period(period) else period


def format_period(period: str) -> str:
    """'2018-04' -> 'April 2018'; '2020-02-07' -> '7 February 2020'."""
    if is_monthly_period(period):
        return f"{dt.date.fromisoformat(period + '-01'):%B %Y}"
    return long_date(dt.date.fromisoformat(period))


def in_period(period: str) -> str:
    """'in April 2018'; for a series of dated periods 'in the period starting 8 November
    2020' (a source may date weeks and months alike by their first day)."""
    if is_monthly_period(period):
        return f"in {format_period(period)}"
    return f"in the period starting {format_period(period)}"


def format_value(value: float | None, indicator: Indicator) -> str:
    if value is None:
        return "–"
    decimals = indicator.decimals
    if decimals is None:
        decimals = 1 if indicator.unit == "percentage" else 0
    text = f"{value:,.{decimals}f}"
    return f"{text}%" if indicator.unit == "percentage" else text


def format_change(change: float | None) -> str:
    if change is None:
        return "–"
    if change == 0:
        return "no change"
    rounded = round(change)
    if (abs(rounded) >= SIGNIFICANT_CHANGE) != (abs(change) >= SIGNIFICANT_CHANGE):
        # Whole numbers would hide which side of the source's threshold the change is on
        # ('−10%' for −9.6%, called similar): one decimal place says it.
        return f"{math.trunc(change * 10) / 10:+.1f}%".replace("-", "−")
    return "0%" if rounded == 0 else f"{rounded:+d}%".replace("-", "−")


def format_number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def yaml_string(text: str) -> str:
    """A YAML scalar for page front matter (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def ordinal(number: int) -> str:
    """'first' to 'eighth' in words, then '9th', '21st', '22nd', '23rd', '111th'."""
    words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
    if 0 < number <= len(words):
        return words[number - 1]
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


FILTERS = {
    "plain": plain,
    "html_text": html_text,
    "long_date": long_date,
    "format_time": format_time,
    "format_period": format_period,
    "format_value": format_value,
    "format_change": format_change,
    "format_number": format_number,
    "yaml_string": yaml_string,
    "ordinal": ordinal,
}
