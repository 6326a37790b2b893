"""Shared fixtures: the small content folders under tests/fixtures and built sites."""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import Phase, settings

from builder import pipeline

# Generated examples per property: "full" for make test, "fast" for make test-fast.
settings.register_profile("full", max_examples=25, deadline=None)
# The fast profile reports a failure as found: shrinking it takes a whole build per step.
settings.register_profile(
    "fast", max_examples=5, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "full"))

TESTS = Path(__file__).parent
REPOSITORY = TESTS.parent


def _fixtures_copy() -> Path:
    """A copy of tests/fixtures for this test process: checking or building a content
    folder keeps files under its build/ (the parsed YAML), which tests that read a
    fixture in place would otherwise leave in the repository."""
    copy = Path(tempfile.mkdtemp(prefix="fixtures-")) / "fixtures"
    shutil.copytree(TESTS / "fixtures", copy, ignore=shutil.ignore_patterns("build"))
    atexit.register(shutil.rmtree, copy.parent, True)
    return copy


FIXTURES = _fixtures_copy()


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


def _built(tmp_path_factory, fixture: str) -> Path:
    folder = tmp_path_factory.mktemp(fixture)
    shutil.copytree(FIXTURES / fixture, folder / "root")
    return pipeline.build(folder / "root", folder / "site").out


@pytest.fixture(scope="session")
def patterns_site(tmp_path_factory) -> Path:
    """tests/fixtures/patterns built once for the session (read it, do not write to it)."""
    return _built(tmp_path_factory, "patterns")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """tests/fixtures/sample built once for the session (read it, do not write to it)."""
    return _built(tmp_path_factory, "sample")


@pytest.fixture(scope="session")
def bundled_archive():
    return pipeline.check(REPOSITORY)


CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 while the block runs; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(bundled_site: Path):
    with serving(bundled_site) as address:
        yield address


@pytest.fixture(scope="session")
def served_patterns(patterns_site: Path):
    with serving(patterns_site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "make test installs Debian's chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()
