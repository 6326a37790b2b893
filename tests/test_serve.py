"""`python -m builder serve`: the live preview answers on 127.0.0.1, re-renders edits and
is searchable."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from builder import urls

from .conftest import REPOSITORY


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def start_preview(root: Path, port: int) -> subprocess.Popen:
    """``python -m builder serve`` of ``root`` on ``port``, as an author starts it."""
    command = [
        sys.executable,
        "-m",
        "builder",
        "serve",
        "--root",
        str(root),
        "--address",
        f"127.0.0.1:{port}",
    ]
    return subprocess.Popen(
        command, cwd=REPOSITORY, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


@pytest.mark.slow
def test_serve_previews_and_rerenders_an_edit(minimal_root):
    port = free_port()
    server = start_preview(minimal_root, port)
    try:
        url = f"http://127.0.0.1:{port}/meetings/2019-01-24/"
        assert "Committee Room 1" in fetch(url, time.monotonic() + 90)
        # The preview is searchable: the pages are indexed after each build.
        entry = f"http://127.0.0.1:{port}/" + urls.search_index().path + "pagefind-entry.json"
        assert '"page_count"' in fetch(entry, time.monotonic() + 30)
        meeting = minimal_root / "content" / "meetings" / "2019-01-24.yml"
        meeting.write_text(meeting.read_text().replace("Committee Room 1", "Committee Room 9"))
        deadline = time.monotonic() + 60
        while "Committee Room 9" not in fetch(url, deadline):
            assert time.monotonic() < deadline, "the edit was not re-rendered"
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
def test_serve_previews_an_added_meeting_and_drops_it_once_removed(minimal_root):
    """A meeting added while the preview runs appears; once its file is removed its page is
    gone (the preview, which converts only the pages whose Markdown changed, converts every
    page again rather than keep it), and the index of meetings no longer lists it."""
    port = free_port()
    server = start_preview(minimal_root, port)
    meetings = minimal_root / "content" / "meetings"
    added = meetings / "2019-02-14.yml"
    site = f"http://127.0.0.1:{port}/"
    try:
        assert "Committee Room 1" in fetch(site + "meetings/2019-01-24/", time.monotonic() + 90)
        added.write_text(
            (meetings / "2019-01-24.yml").read_text().replace("2019-01-24", "2019-02-14")
        )
        deadline = time.monotonic() + 60
        while status(site + "meetings/2019-02-14/") != 200:
            assert time.monotonic() < deadline, "the added meeting was not previewed"
            time.sleep(1)
        added.unlink()
        deadline = time.monotonic() + 60
        while status(site + "meetings/2019-02-14/") != 404:
            assert time.monotonic() < deadline, "the removed meeting's page was kept"
            time.sleep(1)
        deadline = time.monotonic() + 60
        while "2019-02-14" in fetch(site + "meetings/", deadline):
            assert time.monotonic() < deadline, "the index still lists the removed meeting"
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
