"""The edition's date written into built pages after the site generator."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from builder.stamp import UNDATED, stamp_edition_date

UNDATED_PAGE = (
    f'<p>Edition 2025-03 of <time data-edition-date datetime="{UNDATED}">{UNDATED}</time>.</p>'
)
DATED_PAGE = (
    '<p>Edition 2025-03 of <time data-edition-date datetime="2025-04-14">14 April 2025</time>'
    '.</p><div hidden>edition 2025-03 of <time data-edition-date datetime="2025-04-14">'
    "14 April 2025</time>: a newer edition exists.</div>"
)
OTHER_PAGE = '<p>Held on <time datetime="2025-04-14">14 April 2025</time>.</p>'


def _site(folder: Path) -> Path:
    for path, text in {
        "index.html": UNDATED_PAGE,
        "meetings/2025-04-14/index.html": DATED_PAGE,
        "embed/indicators/lac1/index.html": OTHER_PAGE,
        "data/notes.txt": DATED_PAGE,
    }.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


def test_every_page_gets_the_date_whether_undated_or_dated_before(tmp_path):
    site = _site(tmp_path / "site")
    assert stamp_edition_date(site, dt.date(2025, 5, 2)) == 2
    stamped = '<time data-edition-date datetime="2025-05-02">2 May 2025</time>'
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home == f"<p>Edition 2025-03 of {stamped}.</p>"
    meeting = (site / "meetings/2025-04-14/index.html").read_text(encoding="utf-8")
    assert meeting.count(stamped) == 2 and "14 April 2025" not in meeting
    assert (site / "embed/indicators/lac1/index.html").read_text(encoding="utf-8") == OTHER_PAGE
    assert (site / "data/notes.txt").read_text(encoding="utf-8") == DATED_PAGE, "pages only"


def test_a_page_already_dated_so_is_left_as_it_is(tmp_path):
    site = _site(tmp_path / "site")
    page = site / "meetings/2025-04-14/index.html"
    written = page.stat().st_mtime_ns
    assert stamp_edition_date(site, dt.date(2025, 4, 14)) == 1, "the undated page only"
    assert page.read_text(encoding="utf-8") == DATED_PAGE
    assert page.stat().st_mtime_ns == written


def test_a_page_linked_to_the_published_site_is_replaced_not_written_into(tmp_path):
    published = _site(tmp_path / "published")
    staging = tmp_path / "staging" / "meetings" / "2025-04-14"
    staging.mkdir(parents=True)
    os.link(published / "meetings/2025-04-14/index.html", staging / "index.html")
    assert stamp_edition_date(tmp_path / "staging", dt.date(2025, 5, 2)) == 1
    assert "2 May 2025" in (staging / "index.html").read_text(encoding="utf-8")
    assert (published / "meetings/2025-04-14/index.html").read_text(encoding="utf-8") == (
        DATED_PAGE
    )
