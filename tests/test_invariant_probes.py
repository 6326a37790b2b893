"""Content that `check` used to accept and `build` then failed on, found by probing the
invariant (tests/test_invariant.py generates archives; these are the hand-made cases).

Each is now either refused by `check` with its file, line and field, or built.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import pipeline
from builder.errors import ContentErrors

from .conftest import FIXTURES

MEETING = "content/meetings/2019-01-24.yml"
LAC6 = "content/indicators/lac6-val.yml"
OBSERVATIONS = "content/indicators/observations.csv"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


def _edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "old", "new", "field", "message"),
    [
        (
            OBSERVATIONS,
            "lac6-val,2017-05,3,",
            "lac6-val,2017-05,nan,",
            "value",
            "expected a number",
        ),
        (
            OBSERVATIONS,
            "lac6-val,2017-05,3,",
            "lac6-val,2017-05,inf,",
            "value",
            "expected a number",
        ),
        (LAC6, "unit: count", "unit: count\ndecimals: -1", "decimals", "from 0 to 6, got -1"),
        (LAC6, "title: Number of adoptions", 'title: ""', "title", "expected text, got nothing"),
        (LAC6, "code: LAC6 (val)", "code: INDEX", "code", "'index' is the name of the indicator"),
        (
            MEETING,
            "kind: recommendation",
            "kind: recommendation\n        due_month: 9999-12",
            "items[1].decisions[2].due_month",
            "expected a month written YYYY-MM",
        ),
        (
            MEETING,
            "venue: Committee Room 1",
            'venue: "Committee Room 1\\fPage 2"',
            "venue",
            "control character (U+000C)",
        ),
        (
            MEETING,
            "The Panel considered the report.",
            "The Panel considered the report. <![CDATA[ x",
            "items[1].minutes",
            "contains HTML",
        ),
    ],
)
def test_content_that_broke_the_build_is_refused_by_check(root, path, old, new, field, message):
    _edit(root, path, old, new)
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    found = [error for error in caught.value.errors if str(error.path) == path]
    assert found, caught.value.report()
    assert any(error.field == field and message in error.message for error in found), [
        str(error) for error in found
    ]


def test_an_archive_without_meetings_builds(root, tmp_path):
    (root / "content" / "meetings" / "2019-01-24.yml").unlink()
    site = pipeline.build(root, tmp_path / "site").out
    assert (site / "data" / "index.html").is_file()
