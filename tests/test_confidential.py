"""A confidential item's report and documents stay unpublished while the item is
confidential: a marker written into every field of the report and of its documents appears
in no file of the built site (pages, search index, sitemap, feed, calendar, open data and
OParl JSON, CSV, SVG, PNG, the zip's members).

What transcribes the council's public record (title, exemption, the public agenda's summary,
the public minutes and resolutions, who addressed the panel) is published."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from builder import pipeline

from .conftest import FIXTURES

MARKER = "SECRETMARKER7Q"
GZIP = b"\x1f\x8b"

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
    summary: The public agenda's summary.
    minutes: The panel considered the report in private.
    documents:
      - title: {MARKER} document
        format: PDF
        size: {MARKER} KB
        date: 2019-01-10
        url: https://example.org/{MARKER}.pdf
    decisions:
      - text: That the recommendations be approved.
"""


def every_file(site: Path):
    """Every file of the built site, and what a compressed one holds: the zip's members,
    and a gzip-compressed file (the search index's chunks, the sitemap) decompressed."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield path.relative_to(site).as_posix(), data
        if data.startswith(GZIP):
            yield f"{path.relative_to(site).as_posix()} (decompressed)", gzip.decompress(data)
        if path.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as zipped:
                for name in zipped.namelist():
                    yield f"{path.name}/{name}", zipped.read(name)


@pytest.mark.slow
def test_the_report_and_documents_of_a_confidential_item_are_in_no_published_file(
    minimal_root, tmp_path
):
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
    assert b"The public agenda's summary." in published
    assert b"The panel considered the report in private." in published
    assert b"the item's documents are not" in published
