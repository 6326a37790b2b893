"""The edition's name and date, and each page's permanent address, written into built pages
after the site generator."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from builder.stamp import EditionStamp, stamp_pages

OLD_ROOT = "https://archive.example.org/panel/2025-03/"
ROOT = "https://archive.example.org/panel/2025-04/"
STAMP = EditionStamp(name="2025-04", date=dt.date(2025, 5, 2), root=ROOT)


def _footer(name: str, day: str, long: str, address: str) -> str:
    return (
        f"<p>Edition <span data-edition-name>{name}</span> of <time data-edition-date "
        f'datetime="{day}">{long}</time>. This page in this edition, permanently: '
        f'<a data-edition-permanent href="{address}">{address}</a></p>'
    )


def _banner(name: str, day: str, long: str) -> str:
    return (
        f"<div hidden>edition <span data-edition-name>{name}</span> of <time "
        f'data-edition-date datetime="{day}">{long}</time>: a newer edition exists.</div>'
    )


OLD_MEETING = _footer("2025-03", "2025-04-14", "14 April 2025", OLD_ROOT + "meetings/2025-04-14/")
OLD_BANNER = _banner("2025-03", "2025-04-14", "14 April 2025")
OTHER_PAGE = '<p>Held on <time datetime="2025-04-14">14 April 2025</time>.</p>'


def _site(folder: Path) -> Path:
    for path, text in {
        "index.html": _footer("2025-03", "2025-04-14", "14 April 2025", OLD_ROOT),
        "meetings/2025-04-14/index.html": OLD_MEETING + OLD_BANNER,
        "embed/indicators/lac1/index.html": OTHER_PAGE,
        "data/notes.txt": OLD_MEETING,
    }.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


def test_every_page_gets_the_editions_name_date_and_its_own_address_in_it(tmp_path):
    site = _site(tmp_path / "site")
    assert stamp_pages(site, STAMP) == 2
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home == _footer("2025-04", "2025-05-02", "2 May 2025", ROOT)
    meeting = (site / "meetings/2025-04-14/index.html").read_text(encoding="utf-8")
    assert meeting == _footer(
        "2025-04", "2025-05-02", "2 May 2025", ROOT + "meetings/2025-04-14/"
    ) + _banner("2025-04", "2025-05-02", "2 May 2025")
    assert (site / "embed/indicators/lac1/index.html").read_text(encoding="utf-8") == OTHER_PAGE
    assert (site / "data/notes.txt").read_text(encoding="utf-8") == OLD_MEETING, "pages only"


def test_a_page_stamped_so_already_is_left_as_it_is(tmp_path):
    site = _site(tmp_path / "site")
    assert stamp_pages(site, STAMP) == 2
    page = site / "meetings/2025-04-14/index.html"
    written = page.stat().st_mtime_ns
    assert stamp_pages(site, STAMP) == 0
    assert page.stat().st_mtime_ns == written


def test_a_page_linked_to_the_published_site_is_replaced_not_written_into(tmp_path):
    published = _site(tmp_path / "published")
    staging = tmp_path / "staging" / "meetings" / "2025-04-14"
    staging.mkdir(parents=True)
    os.link(published / "meetings/2025-04-14/index.html", staging / "index.html")
    assert stamp_pages(tmp_path / "staging", STAMP) == 1
    assert "2 May 2025" in (staging / "index.html").read_text(encoding="utf-8")
    published_page = published / "meetings/2025-04-14/index.html"
    assert published_page.read_text(encoding="utf-8") == OLD_MEETING + OLD_BANNER
