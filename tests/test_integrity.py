"""A build or an import killed at any moment leaves the previous site and content intact,
and the next run succeeds.

Each run is a real process, killed with SIGKILL (no clean-up can run) at a chosen call:
the Nth ``os.replace`` of an import or ``Path.rename`` of a build, just before or just
after it does its work, or after a delay while the site generator runs.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder import importer
from builder.cli import main

from .conftest import FIXTURES, REPOSITORY
from .test_importer import digest

PUBLISHED = "2018-06-20"
DATASET = REPOSITORY / "tests/catalogue/datasets/accepted/windows-1252.csv"

KILLING = """
import os, pathlib, signal, sys
target, number, after = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "after"
owner, name = (os, "replace") if target == "replace" else (pathlib.Path, "rename")
real, calls = getattr(owner, name), []

def killing(*args, **kwargs):
    calls.append(args)
    if len(calls) == number and not after:
        os.kill(os.getpid(), signal.SIGKILL)
    result = real(*args, **kwargs)
    if len(calls) == number and after:
        os.kill(os.getpid(), signal.SIGKILL)
    return result

setattr(owner, name, killing)
from builder.cli import main
sys.exit(main(sys.argv[4:]))
"""


def run(arguments: list[str], kill: tuple[str, int, str] | None = None) -> int:
    if kill is None:
        command = [sys.executable, "-m", "builder", *arguments]
    else:
        command = [sys.executable, "-c", KILLING, *map(str, kill), *arguments]
    return subprocess.run(command, cwd=REPOSITORY, capture_output=True, check=False).returncode


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


IMPORT = ["import-release", str(DATASET), "--published", PUBLISHED]


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, str]:
    """The content after the import runs to its end, undisturbed."""
    root = tmp_path_factory.mktemp("whole") / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    assert main([*IMPORT, "--root", str(root)]) == 0
    return digest(root)


# The import renames its journal into place, then swaps in its three files: killed before
# the journal, after the first swap, and after the last swap with the journal still there.
@pytest.mark.parametrize(("number", "when"), [(1, "before"), (2, "after"), (4, "after")])
def test_an_import_killed_part_way_is_undone_and_runs_again(minimal_root, imported, number, when):
    before = digest(minimal_root)
    status = run([*IMPORT, "--root", str(minimal_root)], kill=("replace", number, when))
    assert status == -signal.SIGKILL
    assert importer.recover(minimal_root) is (number > 1)  # as the next run starts
    assert digest(minimal_root) == before
    assert main([*IMPORT, "--root", str(minimal_root)]) == 0
    assert digest(minimal_root) == imported


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_the_previous_site(tmp_path):
    root, out = tmp_path / "root", tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", root)
    build = ["build", "--root", str(root), "--out", str(out)]
    assert run(build) == 0
    previous = tree(out)
    # Between publishing's two renames: the old site moved aside, the new one not yet in.
    assert run(build, kill=("rename", 1, "after")) == -signal.SIGKILL
    assert tree(out.with_name(".site-previous")) == previous
    # While the pages are written or the site generator runs.
    for delay in (2.0,):
        process = subprocess.Popen(
            [sys.executable, "-m", "builder", *build], cwd=REPOSITORY, stdout=subprocess.DEVNULL
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert out.is_dir() or out.with_name(".site-previous").is_dir()
    assert run(build) == 0
    assert tree(out) == previous
