import hashlib
from pathlib import Path

from builder.cli import main

from .conftest import FIXTURES


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_check_passes_on_valid_content(minimal_root, capsys):
    assert main(["check", "--root", str(minimal_root)]) == 0
    assert "No problems found: 1 meetings, 2 indicators, 26 values" in capsys.readouterr().out


def test_check_reports_every_problem_and_exits_2(capsys):
    assert main(["check", "--root", str(FIXTURES / "broken")]) == 2
    report = capsys.readouterr().err.splitlines()
    assert report[-1] == "11 problems found; nothing was written."
    assert report[0].startswith("content/indicators/lac6-pct.yml, line 4, field unit:")


def test_build_writes_the_site_and_lists_disagreements(minimal_root, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--root", str(minimal_root), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "LAC6 (%): 12-month average published 30, computed 28.47" in printed
    for page in [
        "index.html",
        "meetings/index.html",
        "meetings/2019-01-24/index.html",
        "indicators/lac6-val/index.html",
        "indicators/lac6-pct/index.html",
        "indicators/charts/lac6-val.svg",
        "glossary/looked-after-child/index.html",
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
    ]:
        assert (out / page).is_file(), page
    assert not list(tmp_path.glob(".out-*")), "staging folders are cleaned up"


def test_a_failed_build_leaves_the_previous_site_intact(minimal_root, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--root", str(minimal_root), "--out", str(out)]) == 0
    before = tree_digest(out)
    meeting = minimal_root / "content" / "meetings" / "2019-01-24.yml"
    meeting.write_text(meeting.read_text().replace("status: held", "status: hled"))
    assert main(["build", "--root", str(minimal_root), "--out", str(out)]) == 2
    assert "expected one of 'scheduled', 'held', 'cancelled' or 'moved'" in capsys.readouterr().err
    assert tree_digest(out) == before
    assert not list(tmp_path.glob(".out-*"))


def test_builds_are_byte_identical(minimal_root, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["build", "--root", str(minimal_root), "--out", str(first)]) == 0
    assert main(["build", "--root", str(minimal_root), "--out", str(second)]) == 0
    assert tree_digest(first) == tree_digest(second)


def test_a_build_given_relative_paths_is_the_build_given_absolute_ones(
    minimal_root, tmp_path, monkeypatch
):
    from builder import pipeline

    pipeline.build(minimal_root, tmp_path / "absolute")
    monkeypatch.chdir(tmp_path)
    pipeline.build(Path("root"), Path("relative"))
    assert tree_digest(tmp_path / "relative") == tree_digest(tmp_path / "absolute")


def test_a_council_adds_its_own_stylesheet_and_theme_override(minimal_root, tmp_path):
    assets = minimal_root / "site_config" / "assets"
    assets.mkdir()
    (assets / "council.css").write_text(".md-header { background: #00594f; }\n")
    overrides = minimal_root / "site_config" / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "copyright.html").write_text("<div>Council footer</div>\n")
    out = tmp_path / "out"
    assert main(["build", "--root", str(minimal_root), "--out", str(out)]) == 0
    home = (out / "index.html").read_text()
    assert 'href="assets/archive.min.css"' in home
    assert 'href="assets/site/council.css"' in home
    assert (out / "assets" / "site" / "council.css").is_file()
    assert "Council footer" in home
    assert 'type="application/atom+xml"' in home


def test_a_site_generator_failure_is_reported_as_a_builder_fault(
    minimal_root, tmp_path, capsys, monkeypatch
):
    from builder import build, pipeline

    def failing(config_file, source_date, dirty=False):
        raise build.SiteBuildError("the site generator failed: a test failure")

    monkeypatch.setattr(pipeline, "run_mkdocs", failing)
    out = tmp_path / "out"
    assert main(["build", "--root", str(minimal_root), "--out", str(out)]) == 3
    message = capsys.readouterr().err
    assert "fault in the builder, not in your files" in message
    assert "a test failure" in message
    assert not out.exists()


def test_a_search_index_failure_is_reported_and_leaves_no_site(
    minimal_root, tmp_path, capsys, monkeypatch
):
    """Pagefind's own message is passed on, and the previous site (none) is kept."""
    import pagefind_bin

    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: a test failure of the index' >&2\nexit 1\n")
    failing.chmod(0o755)
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: failing)
    out = tmp_path / "out"
    assert main(["build", "--root", str(minimal_root), "--out", str(out)]) == 3
    message = capsys.readouterr().err
    assert "the search index could not be written" in message
    assert "a test failure of the index" in message
    assert not out.exists()
