"""The charts' SVG and the tables of values kept out of the Markdown the site generator
parses.

Python-Markdown reads every tag of a raw HTML block to find where it ends, and runs each
table cell through its inline patterns; on an indicator page of twenty years of months,
its two drawings took more than half the page's conversion (about 75 of 140 ms), and the
table of values three quarters of the rest (37 of 49 ms). So each drawing, and each table
a template writes in HTML, is written to a file beside its page (``urls.insert``), the
Markdown holds a placeholder, and the build stage puts it back into the page's HTML, byte
for byte (``builder/mkdocs_markup.py``). Its links are written as the site serves pages
(``urls.Address.served_href_from``), since the site generator never sees them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from builder import urls

# A chart drawn into a page: an SVG image (``charts.accessible_svg``), never nested; or a
# table a template wrote in HTML (an indicator's values), starting a line of its own.
_KEPT_OUT = re.compile(
    r'<svg role="img" .*?</svg>|^<table\b[^>\n]*>\n.*?^</table>$', re.DOTALL | re.MULTILINE
)
PLACEHOLDER = '<div data-archive-insert="{name}"></div>'
_PLACEHOLDER = re.compile(r'<div data-archive-insert="([^"]+)"></div>')


def detach(page: urls.Address, text: str) -> tuple[str, dict[urls.Address, str]]:
    """The page's Markdown with each chart replaced by a placeholder, and the charts by
    the file each is written to."""
    inserts: dict[urls.Address, str] = {}

    def placeholder(chart: re.Match[str]) -> str:
        address = urls.insert(page, len(inserts) + 1)
        inserts[address] = chart[0]
        return PLACEHOLDER.format(name=address.href_from(page))

    return _KEPT_OUT.sub(placeholder, text), inserts


def attach(html: str, read: Callable[[str], str]) -> str:
    """The page's HTML with each placeholder replaced by its chart; ``read`` gives a
    placeholder's file (its name, relative to the page's Markdown file)."""
    return _PLACEHOLDER.sub(lambda placeholder: read(placeholder[1]), html)
