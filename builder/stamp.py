"""The edition's date, written into every built page after the site generator.

Every page's footer (and an older edition's banner) gives the edition's date, which is the
archive's date, its newest record: the next meeting entered moves it. Were the date one of
the site generator's settings, every page's HTML would depend on it, and such a meeting
would have the site generator convert every page again instead of the few that show the
meeting (``builder/incremental.py``). So the site generator is given no date: the theme
writes the date's element, marked ``data-edition-date``, empty, and the build then writes
the date into that element of every page, converted in this build or kept from the last.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from builder.folders import files_under
from builder.kept import write_whole
from builder.render.format import long_date

# The date the site generator writes, and the element it is in (the theme's
# ``partials/copyright.html`` and the banner of ``main.html``).
UNDATED = ""
_MARK = "data-edition-date"
_DATE_ELEMENT = re.compile(r'(<time data-edition-date datetime=")[^"<>]*(">)[^<]*(</time>)')


def stamp_edition_date(html: Path, date: dt.date) -> int:
    """Write ``date`` into the edition's date on every page under ``html``; return how
    many pages changed. A changed page is written as a new file replacing the old one,
    which may be a second link to the published site's (``incremental.start_from``)."""
    text_date = rf"\g<1>{date.isoformat()}\g<2>{long_date(date)}\g<3>"
    changed = 0
    for relative in files_under(html, ".html"):
        path = html / relative
        page = path.read_text(encoding="utf-8")
        if _MARK not in page:
            continue
        stamped = _DATE_ELEMENT.sub(text_date, page)
        if stamped != page:
            if not write_whole(path, stamped.encode("utf-8")):
                raise OSError(f"the page {path} cannot be written")
            changed += 1
    return changed
