"""`python -m builder serve`: the live preview answers on 127.0.0.1, re-renders edits and
is searchable."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

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


@pytest.mark.slow
def test_serve_previews_and_rerenders_an_edit(minimal_root):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "builder",
        "serve",
        "--root",
        str(minimal_root),
        "--address",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(
        command, cwd=REPOSITORY, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
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
