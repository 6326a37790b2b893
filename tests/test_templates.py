"""Templates stay readable: no line of a template is longer than 120 characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import REPOSITORY

TEMPLATES = REPOSITORY / "builder" / "templates"
MAX_LINE_LENGTH = 120


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.j2"))


def test_templates_are_found():
    assert _templates(), f"no template under {TEMPLATES}"


@pytest.mark.parametrize(
    "template", _templates(), ids=lambda p: p.relative_to(TEMPLATES).as_posix()
)
def test_no_template_line_is_longer_than_120_characters(template):
    lines = template.read_text(encoding="utf-8").splitlines()
    too_long = [
        f"line {number} ({len(line)} characters)"
        for number, line in enumerate(lines, start=1)
        if len(line) > MAX_LINE_LENGTH
    ]
    assert not too_long, f"lines longer than {MAX_LINE_LENGTH} characters: " + ", ".join(too_long)
