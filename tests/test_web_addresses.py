"""Documents and sources link to the council's published copy where the content records its
web address, and only there; an address that is not one is refused where it is written."""

from __future__ import annotations

import html
import json
import shutil

import pytest

from builder import pipeline
from builder.load import load_content
from builder.validate import validate_content

from .conftest import FIXTURES
from .test_validate import problems

REPORT = "https://www.example.gov.uk/documents/s1234/Minutes%2024%20January%202019.pdf"
AGENDA = "https://www.example.gov.uk/ieListDocuments.aspx?CId=1&MId=2"
DATASET = "https://www.example.gov.uk/documents/s5678/Appendix%201.pdf"


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sources_and_releases_with_a_web_address_link_to_it(root, tmp_path):
    meeting = root / "content" / "meetings" / "2019-01-24.yml"
    _edit(
        meeting,
        'sources: ["Minutes of the meeting, 24 January 2019"]',
        f'sources:\n  - title: "Minutes of the meeting, 24 January 2019"\n    url: "{REPORT}"\n'
        '  - "Agenda pack, 16 January 2019"\n'
        f'documents:\n  - {{title: "Agenda", format: PDF, url: "{AGENDA}"}}\n'
        '  - {title: "Supplementary papers", format: PDF}',
    )
    _edit(root / "content" / "releases" / "2018-04.yml", "source:", f"url: {DATASET}\nsource:")
    archive = validate_content(load_content(root))
    [first, second] = archive.meetings[0].sources
    assert (first.title, first.url) == ("Minutes of the meeting, 24 January 2019", REPORT)
    assert (second.title, second.url) == ("Agenda pack, 16 January 2019", None)

    out = pipeline.build(root, tmp_path / "site").out
    page = (out / "meetings" / "2019-01-24" / "index.html").read_text()
    assert f'<a href="{REPORT}">Minutes of the meeting, 24 January 2019</a>' in page
    assert "<li>Agenda pack, 16 January 2019</li>" in page
    assert f'<a href="{html.escape(AGENDA)}">Agenda</a> (PDF)' in page
    assert "<li>Supplementary papers (PDF)</li>" in page
    release = (out / "releases" / "2018-04" / "index.html").read_text()
    assert f'<a href="{DATASET}">published by the council</a>' in release


def test_an_indicator_source_keeps_its_address_in_the_metadata(root, tmp_path):
    indicator = root / "content" / "indicators" / "lac6-val.yml"
    _edit(
        indicator,
        "sources: [Test Dataset – April 2018]",
        f"sources:\n  - {{title: Test Dataset – April 2018, url: '{DATASET}'}}",
    )
    out = pipeline.build(root, tmp_path / "site").out
    metadata = json.loads((out / "indicators" / "lac6-val" / "metadata.json").read_text())
    assert metadata["sources"] == [{"title": "Test Dataset – April 2018", "url": DATASET}]
    other = json.loads((out / "indicators" / "lac6-pct" / "metadata.json").read_text())
    assert all(set(source) == {"title"} for source in other["sources"])


@pytest.mark.parametrize(
    "written",
    ["www.example.gov.uk/minutes.pdf", "https://example", "https://www.example.gov.uk/a b.pdf"],
)
def test_what_is_not_a_web_address_is_refused_where_it_is_written(root, written):
    meeting = root / "content" / "meetings" / "2019-01-24.yml"
    _edit(
        meeting,
        'sources: ["Minutes of the meeting, 24 January 2019"]',
        f'sources:\n  - title: "Minutes"\n    url: "{written}"',
    )
    [problem] = problems(root)
    assert problem.startswith("content/meetings/2019-01-24.yml, line 8, field sources[1].url: ")
    assert "expected a web address starting https://" in problem
    assert f"got '{written}'" in problem
