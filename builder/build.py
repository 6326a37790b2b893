"""Build stage: the only module that knows the site generator (MkDocs + Material).

It is fed a folder of plain Markdown pages and assets and the repository's one
``mkdocs.yml``; it fills in what comes from the content root (site name, theme overrides,
extra assets, the compact navigation), runs MkDocs into a staging folder beside the
output and only then swaps the result into place, so a failed build leaves the previous
site untouched. Replacing MkDocs (e.g. by ProperDocs) means replacing this module only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from builder import urls
from builder.model import Edition, SiteConfig
from builder.render.format import long_date

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
# The builder's own scripts, all served by the site itself.
SCRIPTS = ["cite.js", "not-found.js", "editions.js", "toggles.js", "tables.js"]
# Repairs to the theme's markup that no template override reaches (every build).
MARKUP_HOOK = PACKAGE / "mkdocs_markup.py"


def copy_site_assets(root: Path, docs: Path) -> None:
    """Copy the builder's own assets, then the root's ``site_config/assets/``, into the pages.

    The builder's stylesheet carries what every site needs (contrast, underlined links);
    a council's own files go to ``assets/site/``. Unchanged files are not copied again,
    so the live preview's watcher does not loop.
    """
    _copy_changed(BUILDER_ASSETS, docs / urls.stylesheet("").path)
    _copy_changed(root / "site_config" / "assets", docs / urls.stylesheet("site").path)


def _copy_changed(source_folder: Path, target_folder: Path) -> None:
    if not source_folder.is_dir():
        return
    for source in sorted(p for p in source_folder.rglob("*") if p.is_file()):
        target = target_folder / source.relative_to(source_folder)
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def site_stylesheets(root: Path) -> list[str]:
    """The builder's stylesheets (the archive's, the charts', then the print one), then the
    root's own, in name order."""
    own = root / "site_config" / "assets"
    extra = (
        sorted(p.relative_to(own).as_posix() for p in own.rglob("*.css")) if own.is_dir() else []
    )
    return [
        urls.stylesheet(name).path
        for name in ["archive.css", "charts.css", "print.css", *(f"site/{n}" for n in extra)]
    ]


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
    config["extra_css"] = site_stylesheets(root)
    config["extra_javascript"] = [urls.script(name).path for name in SCRIPTS]
    config["hooks"] = [str(MARKUP_HOOK)]
    config["exclude_docs"] = f"*{urls.INSERT_SUFFIX}\n"  # put into their pages by the hook
    config.setdefault("extra", {})["feed"] = urls.feed().path
    config["extra"]["accessibility"] = urls.accessibility_statement().web_path
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
    settings: dict[str, object] = {
        "edition": {
            "name": edition.name,
            "date": long_date(edition.date),
            "datetime": edition.date.isoformat(),
            "root": _edition_root(edition),
            "latest": urls.latest_from_edition() if edition.versioned else "",
        }
    }
    if edition.versioned:
        settings["version"] = {"provider": "mike", "default": urls.LATEST}
    return settings


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


def run_mkdocs(config_file: Path, source_date: dt.date) -> float:
    """Build with MkDocs; warnings are fatal (strict) and are collected into the error.
    Return the seconds its search plugin took (indexing the pages, writing the index)."""
    collected = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    try:
        with _source_date_epoch(source_date):
            config = load_config(config_file=str(config_file))
            search = _time_plugin(config, "search")
            mkdocs_build(config)
            return search.seconds
    except (Abort, MkDocsException) as exc:
        details = "\n".join(collected.messages)
        raise SiteBuildError(f"the site generator failed: {exc}\n{details}".strip()) from exc
    finally:
        logger.removeHandler(collected)


@dataclass
class _PluginTime:
    seconds: float = 0.0


def _time_plugin(config: Any, name: str) -> _PluginTime:
    """Time every event of the plugin ``name`` (Material's search is 'material/search')."""
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


def folder_bytes(folder: Path) -> int:
    """The size of every file under ``folder``."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


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
    """Serve with MkDocs' live reload; ``builder/mkdocs_hooks.py`` re-renders the pages."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(
        config_file=str(config_file),
        livereload=True,
        watch=[str(path) for path in watch],
        dev_addr=address,
    )
