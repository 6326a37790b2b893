"""Build stage: the only module that knows the site generator (MkDocs + Material).

It is fed a folder of plain Markdown pages and assets and the repository's one
``mkdocs.yml``; it fills in what comes from the content root (site name, theme overrides,
extra assets, the compact navigation), runs MkDocs into a staging folder beside the
output, and, once the search stage (``builder/search.py``) has indexed the pages MkDocs
wrote, swaps the result into place, so a failed build leaves the previous site untouched.
Replacing MkDocs (e.g. by ProperDocs) means replacing this module only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import hashlib
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.structure.files import get_files

from builder import incremental, stamp, urls
from builder.folders import files_under
from builder.model import Edition, SiteConfig
from builder.render.format import long_date
from builder.render.outputs import write_if_changed

REPOSITORY = Path(__file__).resolve().parent.parent
MKDOCS_CONFIG = REPOSITORY / "mkdocs.yml"
NAV = [
    {"Home": urls.home().path},
    {"Meetings": urls.meetings_index().path},
    {"Recommendations": urls.recommendations().path},
    {"Members": urls.members_index().path},
    {"Indicators": urls.indicators_index().path},
    {"Releases": urls.releases_index().path},
    {"Glossary": urls.glossary_index().path},
]


class SiteBuildError(Exception):
    """The site generator failed on pages the builder wrote: a defect, not a content error."""


PACKAGE = Path(__file__).resolve().parent
BUILDER_ASSETS = PACKAGE / "assets"
BUILDER_THEME = PACKAGE / "theme"
# The builder's own stylesheets and scripts, all served by the site itself. Those every
# page needs are served as one stylesheet and one script: in order, and minified (rcssmin,
# rjsmin), so a page's first visit asks for two files, not seven, and the 4x indicator
# page downloaded 1.4 KB less (gzip). The search box's script is loaded by the page's
# script once the box is used (nothing for search is downloaded before), and the page for
# an address not found includes its own (its template), so each of those stands alone.
STYLESHEET = "archive.min.css"
STYLESHEET_PARTS = ["archive.css", "charts.css", "print.css"]
SCRIPT = "archive.min.js"
SCRIPT_PARTS = ["cite.js", "editions.js", "toggles.js", "tables.js"]
SEARCH_BOX_SCRIPT = "search.min.js"
NOT_FOUND_SCRIPT = "not-found.min.js"
_MINIFIED = {
    STYLESHEET: STYLESHEET_PARTS,
    SCRIPT: SCRIPT_PARTS,
    SEARCH_BOX_SCRIPT: ["search.js"],
    NOT_FOUND_SCRIPT: ["not-found.js"],
}
# Repairs to the theme's markup that no template override reaches (every build).
MARKUP_HOOK = PACKAGE / "mkdocs_markup.py"


def copy_site_assets(root: Path, docs: Path) -> list[str]:
    """Write the builder's assets as the site serves them (``served_assets``), then copy
    the root's ``site_config/assets/``, into the pages; return their paths in ``docs``.

    The builder's stylesheet carries what every site needs (contrast, underlined links);
    a council's own files go to ``assets/site/``. Unchanged files are not written again,
    so the live preview's watcher does not loop.
    """
    written = []
    for name, data in served_assets().items():
        path = urls.stylesheet(name).path
        write_if_changed(docs / path, data)
        written.append(path)
    own = urls.stylesheet("site").path
    copied = _copy_changed(root / "site_config" / "assets", docs / own)
    return written + [f"{own}/{path}" for path in copied]


def served_assets() -> dict[str, bytes]:
    """The builder's assets as the site serves them, by file name: each minified file
    made of its sources in order; every other file (the icon) as it is."""
    served = {name: _minified(name, parts) for name, parts in _MINIFIED.items()}
    bundled = {part for parts in _MINIFIED.values() for part in parts}
    for source in sorted(BUILDER_ASSETS.iterdir()):
        if source.is_file() and source.name not in bundled:
            served[source.name] = source.read_bytes()
    return served


def _minified(name: str, parts: list[str]) -> bytes:
    sources = [(BUILDER_ASSETS / part).read_text(encoding="utf-8") for part in parts]
    if name.endswith(".css"):
        return rcssmin.cssmin("\n".join(sources)).encode("utf-8")
    # Each script is a whole statement (a function called at once), so one may follow
    # another; the semicolon guards one whose last statement has none.
    return rjsmin.jsmin(";\n".join(sources)).encode("utf-8")


def _copy_changed(source_folder: Path, target_folder: Path) -> list[str]:
    """Copy the files of ``source_folder`` that differ into ``target_folder``; return the
    paths of all of them, relative to it."""
    if not source_folder.is_dir():
        return []
    sources = sorted(p for p in source_folder.rglob("*") if p.is_file())
    for source in sources:
        target = target_folder / source.relative_to(source_folder)
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return [source.relative_to(source_folder).as_posix() for source in sources]


def site_stylesheets(root: Path) -> list[str]:
    """The builder's stylesheet (the archive's, the charts', then the print rules), then
    the root's own, in name order."""
    own = root / "site_config" / "assets"
    extra = (
        sorted(p.relative_to(own).as_posix() for p in own.rglob("*.css")) if own.is_dir() else []
    )
    return [urls.stylesheet(name).path for name in [STYLESHEET, *(f"site/{n}" for n in extra)]]


def theme_overrides(root: Path, folder: Path) -> Path:
    """The builder's theme templates with the root's ``site_config/overrides/`` on top."""
    overrides = folder / "overrides"
    _copy_changed(BUILDER_THEME, overrides)
    _copy_changed(root / "site_config" / "overrides", overrides)
    return overrides


def mkdocs_config_file(
    site: SiteConfig,
    root: Path,
    docs: Path,
    html: Path,
    folder: Path,
    edition: Edition | None = None,
    redirects: Mapping[urls.Address, urls.Address] | None = None,
) -> Path:
    """Write the MkDocs config for one build: the repository's, plus the root's settings,
    the edition the pages show and the addresses that moved."""
    config = yaml.safe_load(MKDOCS_CONFIG.read_text(encoding="utf-8"))
    config.update(
        site_name=site.site_name,
        site_description=site.description,
        docs_dir=str(docs),
        site_dir=str(html),
        nav=NAV,
    )
    if site.site_url:
        config["site_url"] = site.site_url
    if site.repo_url:
        config["repo_url"] = site.repo_url
    config["copyright"] = f"{site.council}. Transcribed from the council's published records."
    config["theme"]["custom_dir"] = str(theme_overrides(root, folder))
    config["theme"]["favicon"] = urls.favicon().path
    config["extra_css"] = site_stylesheets(root)
    config["extra_javascript"] = [urls.script(SCRIPT).path]
    config["hooks"] = [str(MARKUP_HOOK)]
    config["exclude_docs"] = f"*{urls.INSERT_SUFFIX}\n"  # put into their pages by the hook
    config.setdefault("extra", {})["feed"] = urls.feed().path
    config["extra"]["accessibility"] = urls.accessibility_statement().web_path
    config["extra"]["search"] = {
        "script": urls.search_script().path,
        "parts": urls.search_parts_list().path,
        "box": urls.script(SEARCH_BOX_SCRIPT).path,
    }
    config["extra"]["not_found_script"] = urls.script(NOT_FOUND_SCRIPT).path
    config["extra"]["not_found_heading"] = urls.not_found_heading()
    config["extra"]["browse"] = [
        {"text": text, "path": address.web_path}
        for text, address in [
            ("the meetings", urls.meetings_index()),
            ("the indicators", urls.indicators_index()),
            ("the releases", urls.releases_index()),
            ("the glossary", urls.glossary_index()),
        ]
    ]
    if edition is not None:
        config["extra"].update(edition_settings(edition))
    if redirects:
        config["plugins"].append({"redirects": {"redirect_maps": redirect_maps(redirects)}})
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def edition_settings(edition: Edition) -> dict[str, object]:
    """What the theme shows of the edition: its name and date on every page, each page's
    permanent address and, for an edition published as a version, Material's version
    selector (mike's ``versions.json``) with ``latest`` as the default, so an older
    edition says that a newer one exists."""
    root = _edition_root(edition)
    settings: dict[str, object] = {
        "edition": {
            "name": edition.name,
            "date": long_date(edition.date),
            "datetime": edition.date.isoformat(),
            "root": root,
            "addressed": bool(root),
            "latest": urls.latest_from_edition() if edition.versioned else "",
        }
    }
    if edition.versioned:
        settings["version"] = {"provider": "mike", "default": urls.LATEST}
    return settings


def edition_stamp(edition: Edition) -> stamp.EditionStamp:
    """What ``stamp.stamp_pages`` writes into every page of ``edition``."""
    return stamp.EditionStamp(name=edition.name, date=edition.date, root=_edition_root(edition))


def _edition_root(edition: Edition) -> str:
    """The address the edition's pages stay at (for its sitemap and footer): under its own
    name where it is a version; empty where the site has no address."""
    if not edition.site_url:
        return ""
    if edition.versioned:
        return urls.edition_root(edition.site_url, edition.name)
    return urls.absolute(urls.home(), edition.site_url).rstrip("/") + "/"


def redirect_maps(redirects: Mapping[urls.Address, urls.Address]) -> dict[str, str]:
    """mkdocs-redirects' map: the page an old address stood for, to the page it moved to."""
    return {old.path: new.path for old, new in sorted(redirects.items(), key=lambda r: r[0].path)}


def add_hook(config_file: Path, hook: Path) -> None:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["hooks"] = [*config.get("hooks", []), str(hook)]
    config["strict"] = False
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")


# What every build writes whole from every page: an incremental build removes the
# previous site's copy first.
WHOLE_SITE_OUTPUTS = (urls.search_index(),)


def run_mkdocs(
    config_file: Path, source_date: dt.date, dirty: bool = False, workers: int | None = None
) -> None:
    """Build with MkDocs; warnings are fatal (strict) and are collected into the error.

    ``dirty`` converts only the pages whose Markdown is newer than their HTML in the site
    folder (``builder/incremental.py`` decides when that gives the whole build's result);
    MkDocs' warning that such a build may be inaccurate is then not one of ours.

    MkDocs converts one page at a time; with many pages to convert, they are shared out
    among ``workers`` processes (default: the machine's cores), see ``_run_shards``. A
    dirty build always writes into a folder of its own, whose files then replace those of
    the site folder: the site folder's files are links to the published site's
    (``incremental.start_from``), which writing into them would change."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    with _mkdocs_errors():
        config = load_config(config_file=str(config_file))
        shards = _shards(config, dirty, workers)
        if len(shards) < 2 and not dirty:
            with _source_date_epoch(source_date):
                mkdocs_build(config, dirty=dirty)
            return
    _run_shards(config_file, source_date, shards, Path(config.site_dir))


# Pages to convert before a second process pays for itself: starting one (loading the
# settings, the theme's templates and every file's entry) costs about as much as
# converting fifty pages.
SHARD_FROM = 100


@contextlib.contextmanager
def _mkdocs_errors() -> Iterator[None]:
    """MkDocs' failure as a ``SiteBuildError`` carrying every warning it logged."""
    collected = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    quiet = _DirtyWarningFilter()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        yield
    except (Abort, MkDocsException) as exc:
        details = "\n".join(collected.messages)
        raise SiteBuildError(f"the site generator failed: {exc}\n{details}".strip()) from exc
    finally:
        logger.removeHandler(collected)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


def _shards(config: Any, dirty: bool, workers: int) -> list[frozenset[str]]:
    """The pages to convert (``src_uri``s), shared out into at most ``workers`` groups of
    about the same Markdown size; one group when there are too few to share. Every other
    file the site generator would write (assets, downloads, the theme's files) goes with
    the first group."""
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    written = [f for f in files if f.inclusion.is_included() and (not dirty or f.is_modified())]
    pages = [f for f in written if f.is_documentation_page()]
    count = min(workers, len(pages) // (SHARD_FROM // 2))
    if count < 2 or len(pages) < SHARD_FROM:
        return [frozenset(f.src_uri for f in written)]
    groups: list[list[str]] = [[] for _ in range(count)]
    sizes = [0] * count
    by_size = sorted(pages, key=lambda f: (-Path(f.abs_src_path or "").stat().st_size, f.src_uri))
    for file in by_size:
        smallest = sizes.index(min(sizes))
        groups[smallest].append(file.src_uri)
        sizes[smallest] += Path(file.abs_src_path or "").stat().st_size
    groups[0] += [f.src_uri for f in written if not f.is_documentation_page()]
    return [frozenset(group) for group in groups]


def _run_shards(
    config_file: Path, source_date: dt.date, shards: list[frozenset[str]], html: Path
) -> None:
    """Convert each group of pages in a process of its own, each into a folder of its own
    as a dirty build that writes only its group's files, then move them into ``html``.

    The first group also writes what is made from the whole site (the page for an address
    not found, the sitemap, redirects); the other groups' copies are the same and are
    dropped. A page links to another's section only if it has that anchor: each process
    checks the links between its own pages, and the links into another group's pages are
    checked here against what that group reports."""
    folders = [html.with_name(f"{html.name}-shard-{index}") for index in range(len(shards))]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(shards), mp_context=context) as pool:
        reports = list(
            pool.map(
                _run_shard,
                [config_file] * len(shards),
                [source_date] * len(shards),
                shards,
                folders,
            )
        )
    problems = _broken_anchor_links(reports)
    if problems:
        details = "\n".join(problems)
        raise SiteBuildError(f"the site generator failed: Aborted with warnings.\n{details}")
    for index, (folder, report) in enumerate(zip(folders, reports, strict=True)):
        kept = None if index == 0 else set(report.pages.values())
        _move_files(folder, html, kept)
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class _ShardReport:
    """What one group's process tells of its pages: the file each was written to, the
    anchors each has, and its links into sections of pages the group did not convert."""

    pages: dict[str, str]  # src_uri -> the page's HTML file, relative to the site
    anchors: dict[str, frozenset[str]]
    links: list[tuple[str, str, str, str]]  # (from src_uri, to src_uri, anchor, link)


def _run_shard(
    config_file: Path, source_date: dt.date, shard: frozenset[str], folder: Path
) -> _ShardReport:
    """One group's dirty build into ``folder`` (in a process of its own): MkDocs writes a
    file when it counts as modified, so here exactly the group's files count as such."""
    from mkdocs.structure.files import File

    def in_shard(file: File) -> bool:
        return file.src_uri in shard

    File.is_modified = in_shard  # type: ignore[method-assign,assignment]
    config = load_config(config_file=str(config_file), site_dir=str(folder))
    pages: dict[str, str] = {}
    anchors: dict[str, frozenset[str]] = {}
    links: list[tuple[str, str, str, str]] = []

    def note_pages(env: Any, *, files: Any, **_: Any) -> Any:
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.present_anchor_ids is None:
                continue
            pages[file.src_uri] = file.dest_uri
            anchors[file.src_uri] = frozenset(page.present_anchor_ids)
            for target, found in (page.links_to_anchors or {}).items():
                if target.page is None or target.page.present_anchor_ids is None:
                    links.extend((file.src_uri, target.src_uri, a, o) for a, o in found.items())
        return env

    config.plugins.events["env"].append(note_pages)
    with _mkdocs_errors(), _source_date_epoch(source_date):
        mkdocs_build(config, dirty=True)
    return _ShardReport(pages=pages, anchors=anchors, links=links)


def _broken_anchor_links(reports: list[_ShardReport]) -> list[str]:
    """MkDocs' warning for each link into another group's page to an anchor it lacks."""
    anchors = {page: ids for report in reports for page, ids in report.anchors.items()}
    return [
        f"Doc file '{source}' contains a link '{link}', but the doc '{target}' does not "
        f"contain an anchor '#{anchor}'."
        for report in reports
        for source, target, anchor, link in report.links
        if target in anchors and anchor not in anchors[target]
    ]


def _move_files(folder: Path, html: Path, kept: set[str] | None) -> None:
    """Move the files of ``folder`` into ``html`` (only those named in ``kept``, if given)."""
    for relative in files_under(folder):
        if kept is not None and relative not in kept:
            continue
        target = html / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(folder / relative, target)


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def site_fingerprint(config_file: Path, folder: Path) -> str:
    """What every page's HTML depends on besides its Markdown, for ``incremental``: the
    MkDocs settings (but the edition's name, date and root, which ``stamp`` writes into
    every page after the site generator, whether converted again or not), the theme
    overrides in ``folder``, the hooks' code and the versions of the site generator, the
    theme and the Markdown extensions."""
    hooks = [
        MARKUP_HOOK,
        PACKAGE / "render" / "inserts.py",
        PACKAGE / "accessibility.py",
        PACKAGE / "stamp.py",
    ]
    versions = [
        f"{name} {metadata.version(name)}"
        for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")
    ]
    code = [hashlib.sha256(path.read_bytes()).hexdigest() for path in hooks]
    settings = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    edition = settings.get("extra", {}).get("edition")
    if edition:
        edition.update(dict.fromkeys(stamp.STAMPED))
    text = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True)
    return incremental.fingerprint(
        text, config_file.parent, [folder / "overrides"], versions + code
    )


@dataclass
class _PluginTime:
    seconds: float = 0.0


def _time_plugin(config: Any, name: str) -> _PluginTime:
    """Time every event of the plugin ``name`` (Material's search is 'material/search'), for
    the plain site, which keeps Material's search."""
    spent = _PluginTime()
    plugin = next((p for key, p in config.plugins.items() if key.split("/")[-1] == name), None)
    if plugin is None:
        return spent

    def timed(method: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent.seconds += time.perf_counter() - start

        return run

    events = config.plugins.events
    for event, methods in events.items():
        events[event] = [timed(m) if getattr(m, "__self__", None) is plugin else m for m in methods]
    return spent


def plain_config_file(site_name: str, docs: Path, html: Path, folder: Path) -> Path:
    """A plain MkDocs Material site of the pages in ``docs``: the default automatic
    navigation and search, none of the builder's settings (what a council would get by
    hand; the benchmark builds it beside ours)."""
    plain = folder / "plain-theme"
    plain.mkdir(parents=True, exist_ok=True)
    for template in BUILDER_THEME.glob("*.html"):  # page templates the pages may name
        if template.name not in ("main.html", "404.html"):
            (plain / template.name).write_text('{% extends "main.html" %}\n', encoding="utf-8")
    config = {
        "site_name": site_name,
        "docs_dir": str(docs),
        "site_dir": str(html),
        "theme": {"name": "material", "font": False, "custom_dir": str(plain)},
        "markdown_extensions": ["abbr", "tables", "attr_list", "md_in_html", "def_list"],
        "plugins": ["search"],
    }
    path = folder / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run_plain_mkdocs(config_file: Path) -> float:
    """Build a plain site (not strict: its pages were written for ours); return the seconds
    its search plugin took."""
    config = load_config(config_file=str(config_file))
    search = _time_plugin(config, "search")
    mkdocs_build(config)
    return search.seconds


def publish(html: Path, out: Path) -> None:
    """Replace ``out`` by ``html`` with two renames, so no half-written site is ever seen."""
    out.parent.mkdir(parents=True, exist_ok=True)
    recover_site(out)
    retired = out.with_name(f".{out.name}-previous")
    if retired.exists():
        shutil.rmtree(retired)
    if out.exists():
        out.rename(retired)
    html.rename(out)
    if retired.exists():
        shutil.rmtree(retired)


def recover_site(out: Path) -> None:
    """Put back the previous site if a build was stopped between ``publish``'s two renames
    (``out`` moved aside, the new site not yet in its place)."""
    retired = out.with_name(f".{out.name}-previous")
    if retired.is_dir() and not out.exists():
        retired.rename(out)


@contextlib.contextmanager
def staging_folder(out: Path) -> Iterator[Path]:
    """A scratch folder next to ``out`` (same file system, so the final rename is atomic)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}-staging-", dir=out.parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _source_date_epoch(day: dt.date) -> Iterator[None]:
    """MkDocs dates its sitemap from SOURCE_DATE_EPOCH: pin it for byte-identical builds."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    seconds = min(max(int(moment.timestamp()), 0), 2**32 - 1)  # gzip headers hold 32 bits
    os.environ["SOURCE_DATE_EPOCH"] = str(seconds)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def serve(config_file: Path, address: str, watch: list[Path]) -> None:
    """Serve with MkDocs' live reload; ``builder/mkdocs_hooks.py`` re-renders the pages.

    Each rebuild converts only the pages whose Markdown changed (MkDocs' dirty build), as a
    build with a previous site does (``builder/incremental.py``): the Markdown of every
    other page is left with its time. Where a page was removed, the hook empties the
    preview's folder first, so that every page is converted and none is left behind."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())
    mkdocs_serve(
        config_file=str(config_file),
        livereload=True,
        build_type="dirty",
        watch=[str(path) for path in watch],
        dev_addr=address,
    )
