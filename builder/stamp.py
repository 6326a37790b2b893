"""The edition's name and date, and each page's permanent address, written again into
every built page after the site generator.

Every page's footer (and an older edition's banner) names the edition and gives its date,
the archive's date, which is that of its newest record; where the site has an address, it
gives the page's address in the edition, under the edition's name once published as a
version. The next meeting entered moves the date, and a new month's release renames the
edition. Were they part of what decides that a page is converted again
(``builder/incremental.py``), every page would be, for a meeting that changes a few. So
they are left out of it: the pages the site generator converted show them already, and
the build writes them into the marked elements (``data-edition-name``,
``data-edition-date``, ``data-edition-permanent``) of the pages it kept from the last
build, exactly as the theme writes them; only when they moved since that build, since
reading every page costs more than a second at 4x the base.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from builder import urls
from builder.folders import files_under
from builder.kept import write_whole
from builder.render.format import long_date

# The edition's settings (``build.edition_settings``) that only the marked elements show
# on a page: the site generator's settings less these decide whether a page is converted.
STAMPED = ("name", "date", "datetime", "root")

_MARK = "data-edition-"
_NAME = re.compile(r"(<span data-edition-name>)[^<]*(</span>)")
_DATE = re.compile(r'(<time data-edition-date datetime=")[^"<>]*(">)[^<]*(</time>)')
_PERMANENT = re.compile(r'(<a data-edition-permanent href=")[^"<>]*(">)[^<]*(</a>)')


@dataclass(frozen=True)
class EditionStamp:
    """What every page says of its edition: its name and date, and the root address its
    pages stay at ('' where the site has no address)."""

    name: str
    date: dt.date
    root: str

    @property
    def text(self) -> str:
        """The stamp as text, kept in the record of the build (``incremental.record``)."""
        return json.dumps([self.name, self.date.isoformat(), self.root])


def stamp_pages(html: Path, stamp: EditionStamp) -> int:
    """Write ``stamp`` into the marked elements of every page under ``html``; return how
    many pages changed. A changed page is written as a new file replacing the old one,
    which may be a second link to the published site's (``incremental.start_from``)."""
    changed = 0
    for relative in files_under(html, ".html"):
        path = html / relative
        page = path.read_text(encoding="utf-8")
        if _MARK not in page:
            continue
        stamped = stamped_page(page, stamp, urls.served_address(relative))
        if stamped != page:
            if not write_whole(path, stamped.encode("utf-8")):
                raise OSError(f"the page {path} cannot be written")
            changed += 1
    return changed


def stamped_page(page: str, stamp: EditionStamp, address: str) -> str:
    """The HTML of the page served at ``address`` (from the site's root) with ``stamp``
    written in, as the theme would have written it."""
    name, permanent = str(escape(stamp.name)), str(escape(stamp.root + address))
    day, long = stamp.date.isoformat(), long_date(stamp.date)
    page = _NAME.sub(lambda element: f"{element[1]}{name}{element[2]}", page)
    page = _DATE.sub(lambda element: f"{element[1]}{day}{element[2]}{long}{element[3]}", page)
    return _PERMANENT.sub(lambda link: f"{link[1]}{permanent}{link[2]}{permanent}{link[3]}", page)
