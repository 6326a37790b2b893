"""Publishing editions: one version of the site per data release, with mike, on a branch
GitHub Pages serves (``gh-pages``), and the check that no address a reader had stops
working.

``python -m builder deploy --edition 2018-04`` builds the site as that edition
(``pipeline.build`` with ``versioned``), refuses while an address the latest edition
served is not served by the new one (``missing_addresses``), then commits it with mike's
Python API as the version ``2018-04`` with the alias ``latest`` (the default version,
which the branch's root leads to) and the site's own page for addresses not found at
the branch's root, where GitHub Pages looks for it. Everything that knows the site
generator stays in ``builder/build.py``; mike only copies the built folder.
"""

from __future__ import annotations

import contextlib
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mike import commands as mike
from mike import git_utils

from builder import pipeline, urls
from builder.folders import files_under

NOT_FOUND_PAGE = "404.html"
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


class PublishError(Exception):
    """Publishing was refused or failed: said in words for the person publishing."""


@dataclass(frozen=True)
class Target:
    """Where editions are published: a branch of the git repository holding ``root``, and
    the remote it is pushed to."""

    root: Path
    branch: str = "gh-pages"
    remote: str = "origin"


@dataclass(frozen=True)
class Plan:
    """What a deploy would do, and whether it may."""

    edition: str
    title: str
    pages: int
    editions: tuple[str, ...]  # the editions on the branch before the deploy
    latest: str | None  # the edition 'latest' leads to before the deploy
    missing: tuple[str, ...]  # addresses 'latest' served that the new edition does not

    def summary(self) -> str:
        what = "replaces the one of that name" if self.edition in self.editions else "is new"
        lines = [
            f"Edition {self.edition} ({self.title!r}, {self.pages} pages) {what}; "
            f"'{urls.LATEST}' moves from {self.latest or 'nowhere'} to {self.edition}.",
            "Editions on the branch: " + (", ".join(self.editions) or "none yet") + ".",
        ]
        if self.missing:
            lines.append(missing_report(self.missing, f"edition {self.latest}"))
        return "\n".join(lines)


def missing_report(missing: tuple[str, ...], previous: str) -> str:
    lines = [f"{len(missing)} address(es) that {previous} served would no longer be served:"]
    lines += [f"  {address}" for address in missing]
    lines.append(
        "Add each to site_config/redirects.yml ('old address: new address'), or restore the "
        "page, then try again."
    )
    return "\n".join(lines)


# --------------------------------------------------------------------------- addresses


def served_addresses(site: Path) -> frozenset[str]:
    """Every address a built site (a folder) serves: its pages and the files beside them,
    but not the generator's own assets, whose names change with its version."""
    return frozenset(
        urls.served_address(path) for path in files_under(site) if not urls.generator_file(path)
    )


def sitemap_addresses(text: str) -> frozenset[str]:
    """The pages a sitemap lists, from the root of the edition it is the map of (the
    addresses all pages share, as Material's version selector reads it)."""
    locations = [element.text or "" for element in ET.fromstring(text).iter(_SITEMAP)]
    if not locations:
        return frozenset()
    root = _common_prefix(locations)
    root = root[: root.rfind("/") + 1]
    return frozenset(location[len(root) :] for location in locations)


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), None)
    return first if size is None else first[:size]


def branch_addresses(target: Target, ref: str, edition: str = urls.LATEST) -> frozenset[str]:
    """Every address ``edition`` serves on the branch (or ref) ``ref``: none if it has no
    such edition."""
    with contextlib.chdir(target.root):
        try:
            folder = git_utils.real_path(ref, edition)
        except git_utils.GitError:
            return frozenset()
        listing = _git(target.root, "ls-tree", "-r", "--name-only", "--full-tree", ref, "--")
    prefix = folder.rstrip("/") + "/"
    files = [line[len(prefix) :] for line in listing.splitlines() if line.startswith(prefix)]
    return frozenset(urls.served_address(f) for f in files if not urls.generator_file(f))


def previous_addresses(previous: str, target: Target) -> frozenset[str]:
    """What ``--previous`` names: a built site's folder, a ``sitemap.xml`` or a git ref
    of the branch editions are published on (its ``latest`` edition)."""
    path = Path(previous)
    if path.is_dir():
        return served_addresses(path)
    if path.is_file():
        try:
            return sitemap_addresses(path.read_text(encoding="utf-8"))
        except ET.ParseError as error:
            raise PublishError(f"{path} is not a sitemap: {error}") from None
    if not _is_ref(target.root, previous):
        raise PublishError(
            f"{previous!r} is not a folder, a sitemap.xml or a git ref of {target.root}"
        )
    return branch_addresses(target, previous)


def missing_addresses(previous: frozenset[str], site: Path) -> tuple[str, ...]:
    """The addresses of ``previous`` that the built ``site`` does not serve (a redirect
    to where a page went counts as served), in order."""
    return tuple(sorted(previous - served_addresses(site)))


# --------------------------------------------------------------------------- editions


def editions(target: Target) -> tuple[tuple[str, ...], str | None]:
    """The editions on the branch, newest first, and the one ``latest`` leads to."""
    with contextlib.chdir(target.root):
        versions = mike.list_versions(target.branch)
    names = tuple(str(info.version) for info in versions)
    latest = next((str(info.version) for info in versions if urls.LATEST in info.aliases), None)
    return names, latest


# Where ``deploy`` builds an edition, under the content root: kept between deploys (and
# between runs of the publishing workflow, which restores it with ``build/cache``), so
# that the next edition starts from the last one's site and the site generator converts
# only the pages whose Markdown changed (``builder/incremental.py``).
EDITION_SITE = Path("build") / "edition"


def build_edition(
    root: Path, edition: str | None, default_site_url: str | None = None
) -> pipeline.BuildResult:
    """The site built as ``edition`` (default: named after the latest data release), to be
    published as a version, into ``EDITION_SITE`` under ``root``."""
    return pipeline.build(
        root, root / EDITION_SITE, edition, versioned=True, default_site_url=default_site_url
    )


def plan(target: Target, site: Path, edition: str, title: str, pages: int) -> Plan:
    update_from_remote(target)
    names, latest = editions(target)
    missing = missing_addresses(branch_addresses(target, target.branch), site)
    return Plan(edition, title, pages, names, latest, missing)


def deploy(target: Target, site: Path, plan: Plan, push: bool) -> bool:
    """Commit ``site`` as the edition of ``plan`` with the alias ``latest``, make
    ``latest`` the default and the site's page for missing addresses the branch's own;
    push the branch to the remote if asked. False if the branch was already so (the same
    content builds the same files, so re-deploying it changes nothing)."""
    if plan.missing:
        raise PublishError(missing_report(plan.missing, f"edition {plan.latest}"))
    config = {"site_dir": str(site), "use_directory_urls": True}
    message = f"Edition {plan.edition} ({plan.title})"
    changed: list[bool] = []
    with contextlib.chdir(target.root):
        with (
            _unless_unchanged(changed),
            mike.deploy(
                config,
                plan.edition,
                plan.title,
                [urls.LATEST],
                update_aliases=True,
                # GitHub Pages refuses a branch holding symbolic links ("Site contained a
                # symlink that should be dereferenced"): 'latest' is a copy.
                alias_type=mike.AliasType.copy,
                branch=target.branch,
                message=f"Deployed {message}",
            ),
        ):
            pass  # the site is already built
        with _unless_unchanged(changed):
            mike.set_default(
                urls.LATEST, branch=target.branch, message=f"'{urls.LATEST}' is the default"
            )
        page = git_utils.FileInfo(NOT_FOUND_PAGE, (site / NOT_FOUND_PAGE).read_bytes())
        # Served as they are: without it GitHub Pages runs Jekyll, which drops files whose
        # names begin with '_'.
        no_jekyll = git_utils.FileInfo(".nojekyll", b"")
        with (
            _unless_unchanged(changed),
            git_utils.Commit(target.branch, f"Page not found, from {message}") as commit,
        ):
            commit.add_file(page)
            commit.add_file(no_jekyll)
        if push:
            try:
                git_utils.push_branch(target.remote, target.branch)
            except git_utils.GitError as error:
                raise PublishError(f"{error}: {error.stderr}".strip()) from None
    return any(changed)


@contextlib.contextmanager
def _unless_unchanged(changed: list[bool]) -> Iterator[None]:
    """Run one commit; a commit that would change nothing is left out."""
    try:
        yield
        changed.append(True)
    except git_utils.GitEmptyCommit:
        changed.append(False)


def update_from_remote(target: Target) -> None:
    """Bring the branch up to date with the remote's, as mike does before a deploy."""
    with contextlib.chdir(target.root):
        if not _has_remote(target):
            return
        subprocess.run(
            ["git", "fetch", "--quiet", target.remote, target.branch],
            capture_output=True,
            check=False,
        )
        try:
            git_utils.update_from_upstream(target.remote, target.branch)
        except (git_utils.GitBranchDiverged, git_utils.GitRevUnrelated) as error:
            raise PublishError(f"{error}; nothing was published") from None


def _has_remote(target: Target) -> bool:
    remotes = _git(target.root, "remote").split()
    return target.remote in remotes


def _is_ref(root: Path, ref: str) -> bool:
    completed = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", ref + "^{commit}"],
        capture_output=True,
        check=False,
    )
    return completed.returncode == 0


def _git(root: Path, *arguments: str) -> str:
    completed = subprocess.run(
        ["git", "-C", str(root), *arguments], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise PublishError(f"git {' '.join(arguments)} failed: {completed.stderr.strip()}")
    return completed.stdout
