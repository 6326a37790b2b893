"""Editions: deployed with mike into a git repository, addresses that never break, and the
published branch as readers get it from GitHub Pages, in Chromium, offline."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from builder import cli, publish, urls

from .conftest import FIXTURES
from .pages import site_files
from .test_accessibility import axe_violations

PAGES_ROOT = "https://owner.github.io/repo/"
LAC = "indicators/cp1/"


def _root(tmp_path: Path) -> Path:
    """The sample archive with a site address, in a git repository with a bare remote."""
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "sample", root)
    site_file = root / "site_config" / "site.yml"
    site_file.write_text(site_file.read_text() + f"site_url: {PAGES_ROOT}\n")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "remote", "add", "origin", str(remote)], check=True)
    return root


@pytest.fixture
def git_identity(monkeypatch):
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Publisher")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "publisher@example.org")


def _deploy(root: Path, edition: str, *more: str) -> int:
    return cli.main(["deploy", "--root", str(root), "--edition", edition, "--push", *more])


def _change_latest_cp1_value(root: Path, value: str) -> None:
    table = root / "content" / "indicators" / "observations.csv"
    table.write_text(table.read_text().replace("cp1,2024-02,188,", f"cp1,2024-02,{value},"))


def _tree(remote: Path, path: str) -> str:
    return subprocess.run(
        ["git", "-C", str(remote), "rev-parse", f"gh-pages:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


# --------------------------------------------------------------------------- redirects


def test_a_redirect_map_is_checked_with_file_line_and_field(minimal_root, capsys):
    (minimal_root / "site_config" / "redirects.yml").write_text(
        "# addresses that moved\nindicators/old-code/: indicators/nowhere/\n/meetings: meetings/\n"
    )
    assert cli.main(["build", "--root", str(minimal_root)]) == cli.EXIT_CONTENT_ERRORS
    report = capsys.readouterr().err
    assert (
        "site_config/redirects.yml, line 3, field /meetings: old address: expected an address "
        "written like indicators/lac1/" in report
    )
    assert not (minimal_root / "site").exists()
    # Once every entry is well formed, each must lead to a page of the site.
    (minimal_root / "site_config" / "redirects.yml").write_text(
        "# addresses that moved\nindicators/old-code/: indicators/nowhere/\n"
    )
    assert cli.main(["build", "--root", str(minimal_root)]) == cli.EXIT_CONTENT_ERRORS
    report = capsys.readouterr().err
    assert (
        "site_config/redirects.yml, line 2, field indicators/old-code/: indicators/nowhere/ "
        "is not a page of the site" in report
    )
    assert not (minimal_root / "site").exists()


def test_check_urls_lists_what_a_previous_edition_served_until_it_is_redirected(tmp_path, capsys):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "sample", root)
    previous = tmp_path / "previous"
    assert cli.main(["build", "--root", str(root), "--out", str(previous)]) == 0
    # A page the previous edition served, which the next no longer has.
    (previous / "indicators" / "cp-one").mkdir()
    (previous / "indicators" / "cp-one" / "index.html").write_text("<p>old</p>")
    capsys.readouterr()
    assert cli.main(["check-urls", "--root", str(root), "--previous", str(previous)]) == 4
    out = capsys.readouterr().out
    assert "1 address(es) that" in out and "  indicators/cp-one/\n" in out
    (root / "site_config" / "redirects.yml").write_text("indicators/cp-one/: indicators/cp1/\n")
    assert cli.main(["check-urls", "--root", str(root), "--previous", str(previous)]) == 0
    # The sitemap of a site with an address names the same pages as its folder.
    site_file = root / "site_config" / "site.yml"
    site_file.write_text(site_file.read_text() + f"site_url: {PAGES_ROOT}\n")
    built = tmp_path / "built"
    assert cli.main(["build", "--root", str(root), "--out", str(built)]) == 0
    pages = publish.sitemap_addresses((built / "sitemap.xml").read_text())
    assert LAC in pages and "" in pages and "indicators/cp-one/" not in pages
    assert pages <= publish.served_addresses(built)


# --------------------------------------------------------------------------- deploying


@pytest.mark.slow
def test_deploy_publishes_editions_byte_identically_and_refuses_to_break_addresses(
    tmp_path, git_identity, capsys
):
    root = _root(tmp_path)
    remote = tmp_path / "remote.git"
    assert _deploy(root, "2024-02") == 0
    first = _tree(remote, "2024-02")
    # The same content again: the same files, so nothing to commit.
    assert _deploy(root, "2024-02") == 0
    assert "Nothing changed" in capsys.readouterr().out
    assert _tree(remote, "2024-02") == first
    assert (
        subprocess.run(
            ["git", "-C", str(remote), "cat-file", "-e", "gh-pages:404.html"], check=False
        ).returncode
        == 0
    )
    # GitHub Pages serves the branch as it is: no Jekyll, and no symbolic link, which it
    # refuses; 'latest' is a copy of the edition.
    listing = subprocess.run(
        ["git", "-C", str(remote), "ls-tree", "-r", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert any(line.endswith("\t.nojekyll") for line in listing)
    assert not [line for line in listing if line.startswith("120000")]
    assert _tree(remote, "latest") == first

    # A later edition that no longer has a page the latest served is refused.
    (root / "glossary" / "foster-placement.md").unlink()
    assert _deploy(root, "2024-03", "--dry-run") == 4
    assert _deploy(root, "2024-03") == 4
    err = capsys.readouterr()
    assert "  glossary/foster-placement/\n" in err.out and "Nothing was published" in err.err
    assert "2024-03" not in (remote / "refs" / "heads" / "gh-pages").read_text() + _versions(remote)


def test_the_next_edition_starts_from_the_last_deploys_site(tmp_path, git_identity):
    """A deploy builds into a folder kept under the content root (which the publishing
    workflow restores with the caches), so the next edition's site generator converts only
    the pages that changed, and publishes what a build from nothing would."""
    root = _root(tmp_path)
    assert _deploy(root, "2024-02") == 0
    _change_latest_cp1_value(root, "190")
    later = publish.build_edition(root, "2024-03")
    assert later.out == root / publish.EDITION_SITE and not later.whole
    kept = "glossary/foster-placement/"  # a page the change leaves as it was
    page = (later.out / kept / "index.html").read_text(encoding="utf-8")
    assert "<span data-edition-name>2024-03</span>" in page
    assert f"{PAGES_ROOT}2024-03/{kept}" in page and "/2024-02/" not in page
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("build"))
    whole = publish.build_edition(fresh, "2024-03")
    assert whole.whole
    assert site_files(whole.out) == site_files(later.out)


def _versions(remote: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(remote), "show", "gh-pages:versions.json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


# --------------------------------------------------------------------------- end to end


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the checked-out branch as GitHub Pages does a project site: under
    ``/repo/``, with the branch's ``404.html`` for any address not found."""

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "repo" / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def _pages(folder: Path) -> Iterator[str]:
    handler = functools.partial(_PagesHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/repo/"
    finally:
        server.shutdown()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if value and (name == "href" or (name == "src" and tag != "iframe")):
                self.links.append(value)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def broken_links(start: str) -> list[str]:
    """Every link of the pages under ``start`` reached from it, that leads nowhere."""
    seen, queue, broken = {start}, [start], []
    while queue:
        page = queue.pop()
        with urllib.request.urlopen(page) as response:
            if "html" not in response.headers.get("Content-Type", ""):
                continue
            parser = _Links()
            parser.feed(response.read().decode("utf-8"))
        for link in parser.links:
            target = urldefrag(urljoin(page, link)).url
            if urlsplit(target).netloc != urlsplit(start).netloc or target in seen:
                continue
            seen.add(target)
            if _status(target) != 200:
                broken.append(f"{target} (on {page})")
            elif target.startswith(start):
                queue.append(target)
    return broken


@pytest.mark.browser
def test_two_editions_on_pages_as_readers_get_them(tmp_path, git_identity, browser):
    root = _root(tmp_path)
    assert _deploy(root, "2024-02") == 0
    _change_latest_cp1_value(root, "177")
    assert _deploy(root, "2024-03") == 0
    served = tmp_path / "served"
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--branch",
            "gh-pages",
            str(tmp_path / "remote.git"),
            str(served / "repo"),
        ],
        check=True,
    )
    with _pages(served) as base:
        # 'latest' is the newer edition; the older edition's address keeps its figures.
        def data(edition: str) -> str:
            return urllib.request.urlopen(f"{base}{edition}/{LAC}data.csv").read().decode()

        assert "177" in data(urls.LATEST) and "188" not in data(urls.LATEST)
        assert "188" in data("2024-02") and "177" not in data("2024-02")
        # Every page of the older edition, an indicator's among them, is served in latest.
        older, newer = served / "repo" / "2024-02", served / "repo" / urls.LATEST
        pages_of_older = [p.relative_to(older) for p in older.rglob("index.html")]
        assert older / LAC / "index.html" in [older / p for p in pages_of_older]
        assert [p for p in pages_of_older if not (newer / p).is_file()] == []
        page = browser.new_page()
        page.goto(base)
        page.wait_for_url(f"{base}{urls.LATEST}/")
        assert "Edition 2024-03" in page.inner_text("footer")

        # The older edition: its name on the page, its permanent address cited, the
        # banner that a newer edition exists, and the version selector by keyboard.
        page.goto(f"{base}2024-02/{LAC}")
        assert "Edition 2024-02" in page.inner_text("footer")
        cited = page.inner_text("[data-citation-form=text]")
        assert f"{PAGES_ROOT}2024-02/{LAC}" in cited
        canonical = page.get_attribute("link[rel=canonical]", "href")
        assert canonical == f"{PAGES_ROOT}{urls.LATEST}/{LAC}"
        banner = page.locator("[data-md-component=outdated]")
        banner.wait_for(state="visible")
        assert "a newer edition exists" in banner.inner_text()
        selector = page.locator(".md-version__link")
        selector.first.wait_for(state="attached")
        assert sorted(selector.all_inner_texts()) == ["Edition 2024-02", "Edition 2024-03"]
        page.focus(".md-version__current")
        for _ in range(5):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == "Edition 2024-03":
                break
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}2024-03/{LAC}")

        # An address no edition has: the 404 page leads to the same page in latest,
        # to the latest home page and to the search.
        response = page.goto(f"{base}2023-12/{LAC}")
        assert response is not None and response.status == 404
        way_back = page.locator("[data-same-page-in-latest] a")
        way_back.wait_for(state="visible")
        assert way_back.get_attribute("href") == f"{base}{urls.LATEST}/{LAC}"
        page.fill(".archive-search input[name=q]", "placement")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(f"{base}{urls.LATEST}/")))
        page.wait_for_selector(".md-search-result__item")
        # The results lead to pages of the edition searched, under the site's sub-path.
        first = page.locator(".md-search-result__link").first.get_attribute("href") or ""
        assert first.startswith(urllib.parse.urlsplit(f"{base}{urls.LATEST}/").path), first
        page.close()
        assert axe_violations(browser, f"{base}2024-02/{LAC}") == []
        assert axe_violations(browser, f"{base}2023-12/{LAC}") == []

        # No internal link of either edition leads nowhere.
        assert broken_links(f"{base}2024-02/") == []
        assert broken_links(f"{base}{urls.LATEST}/") == []


def test_the_workflow_s_address_is_used_only_where_the_configuration_sets_none(bundled_archive):
    from builder.pipeline import as_edition

    archive, analysis = bundled_archive
    assert archive.site.site_url is None
    pages = "https://owner.github.io/archive/"
    published, analysed = as_edition(archive, analysis, "2018-04", True, pages)
    site, edition = published.site, analysed.edition
    assert edition.site_url == pages and edition.name == "2018-04"
    assert site.site_url == pages + "latest/"
    configured = dataclasses.replace(
        archive, site=dataclasses.replace(archive.site, site_url="https://council.example.gov.uk/")
    )
    _, analysed = as_edition(configured, analysis, "2018-04", True, pages)
    assert analysed.edition.site_url == "https://council.example.gov.uk/"


def test_deploy_refuses_a_site_address_that_is_not_one(capsys):
    from builder.cli import main

    with pytest.raises(SystemExit) as exit_status:
        main(["deploy", "--site-url", "owner.github.io/repo", "--dry-run"])
    assert exit_status.value.code == 2
    assert "expected the site's address starting https://" in capsys.readouterr().err
