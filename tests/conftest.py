"""Shared fixtures: the small content folders under tests/fixtures and built sites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import pipeline

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
REPOSITORY = TESTS.parent


@pytest.fixture
def minimal_root(tmp_path: Path) -> Path:
    """A writable copy of the minimal, valid content folder."""
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled archive of this repository, built once for the session."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    pipeline.build(REPOSITORY, out)
    return out


@pytest.fixture(scope="session")
def bundled_archive():
    return pipeline.check(REPOSITORY)
