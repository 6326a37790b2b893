"""A confidential item's report stays unpublished while the item is confidential: a marker
written into every field of the report appears in no file of the built site (pages, search
index, sitemap, feed, calendar, open data and OParl JSON, CSV, SVG, PNG, the zip's members).

The item's other fields (summary, minutes, speakers, documents, requests, notes) are
published today, as transcribed from the council's public minutes; whether they should be
withheld too is a decision for the archive's rules, not made here."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from builder import pipeline

from .conftest import FIXTURES

MARKER = "SECRETMARKER7Q"

CONFIDENTIAL_ITEM = f"""  - number: 24
    title: Exempt item
    confidential: true
    exemption: Paragraph 3 of Schedule 12A
    minute_number: 99
    report:
      title: {MARKER} report title
      summary: {MARKER} report summary
      detail: {MARKER} detail
      recommendations: [{MARKER} recommendation]
      appendices: [{MARKER} appendix]
      background_documents: [{MARKER} background]
      report_of: {MARKER} report of
      confidentiality: {MARKER} confidentiality
      wards_affected: {MARKER} wards
      author: {{role: {MARKER} role, name: {MARKER} name, email: {MARKER}@example.org}}
      director: {{role: {MARKER} role, name: {MARKER} name, phone: {MARKER} 023}}
    decisions:
      - text: That the recommendations be approved.
"""


def every_file(site: Path):
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield path.relative_to(site).as_posix(), data
        if path.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as zipped:
                for name in zipped.namelist():
                    yield f"{path.name}/{name}", zipped.read(name)


@pytest.mark.slow
def test_the_report_of_a_confidential_item_is_in_no_published_file(minimal_root, tmp_path):
    meeting = minimal_root / "content/meetings/2019-01-24.yml"
    text = meeting.read_text(encoding="utf-8")
    start = text.index("  - number: 24\n")
    end = text.index("corrections:")
    meeting.write_text(text[:start] + CONFIDENTIAL_ITEM + text[end:], encoding="utf-8")
    (minimal_root / "site_config/site.yml").write_text(
        (FIXTURES / "minimal/site_config/site.yml").read_text(encoding="utf-8")
        + "site_url: https://archive.example.gov.uk/\n",
        encoding="utf-8",
    )
    site = pipeline.build(minimal_root, tmp_path / "site").out
    leaks = [name for name, data in every_file(site) if MARKER.encode() in data.upper()]
    assert leaks == []
    published = b"".join(data for _, data in every_file(site))
    assert b"Exempt item" in published
    assert b"That the recommendations be approved." in published
