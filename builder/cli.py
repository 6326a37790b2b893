"""Command line: ``python -m builder build|check|serve``.

This is the only place where content errors become a report for people: each problem on
its own line with file, line and field, then a count, and exit status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from builder import importer, pipeline, progress, publish, synth, urls
from builder.build import REPOSITORY, SiteBuildError
from builder.errors import ContentErrors
from builder.progress import Progress, Stopwatch
from builder.render import oparl

EXIT_CONTENT_ERRORS = 2
EXIT_BUILD_FAILED = 3
EXIT_PUBLISH_REFUSED = 4


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root).resolve()
    if importer.recover(root):
        print(
            "An import was stopped part-way: the content is back as it was before it; "
            "run it again.",
            file=sys.stderr,
        )
    try:
        return args.run(args, root)
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    except publish.PublishError as error:
        print(f"Nothing was published: {error}", file=sys.stderr)
        return EXIT_PUBLISH_REFUSED
    except SiteBuildError as error:
        print(
            "The site could not be built, although the content passed every check: this is a "
            "fault in the builder, not in your files. Nothing was published; please report "
            f"it with this message.\n{error}",
            file=sys.stderr,
        )
        return EXIT_BUILD_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m builder", description="Build the public archive of a council committee."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    root_help = "folder holding content/, glossary/ and site_config/ (default: this repository)"

    build = commands.add_parser("build", help="validate the content and build the site")
    build.add_argument("--root", default=str(REPOSITORY), help=root_help)
    build.add_argument("--out", default=None, help="where to write the site (default: ROOT/site)")
    build.set_defaults(run=_build)

    check = commands.add_parser("check", help="validate the content without building")
    check.add_argument("--root", default=str(REPOSITORY), help=root_help)
    check.set_defaults(run=_check)

    release = commands.add_parser(
        "import-release", help="add a published monthly dataset (CSV or XLSX) to the content"
    )
    release.add_argument("file", help="the dataset as published: .csv or .xlsx")
    release.add_argument(
        "--published", required=True, type=_date, help="the date it was published (YYYY-MM-DD)"
    )
    release.add_argument("--title", default=None, help="title of the release (default: by month)")
    release.add_argument("--root", default=str(REPOSITORY), help=root_help)
    release.add_argument(
        "--dry-run", action="store_true", help="say what would change and write nothing"
    )
    release.set_defaults(run=_import_release)

    deploy = commands.add_parser(
        "deploy", help="build the site as one edition and publish it with mike (GitHub Pages)"
    )
    deploy.add_argument(
        "--edition",
        default=None,
        type=_edition,
        help="the edition's name, such as 2018-04 (default: the latest data release's id)",
    )
    deploy.add_argument("--root", default=str(REPOSITORY), help=root_help + "; a git repository")
    deploy.add_argument("--branch", default="gh-pages", help="the branch Pages serves (gh-pages)")
    deploy.add_argument("--remote", default="origin", help="the remote to push to (origin)")
    deploy.add_argument("--title", default=None, help="the edition's title in the selector")
    deploy.add_argument("--push", action="store_true", help="push the branch to the remote")
    deploy.add_argument(
        "--site-url",
        default=None,
        type=_site_url,
        help="the site's address where site_config/site.yml sets no site_url (the publishing "
        "workflow passes GitHub Pages' address, https://OWNER.github.io/REPO/)",
    )
    deploy.add_argument(
        "--dry-run", action="store_true", help="say what would change and publish nothing"
    )
    deploy.set_defaults(run=_deploy)

    urls_check = commands.add_parser(
        "check-urls", help="list the addresses a previous edition served that a build does not"
    )
    urls_check.add_argument(
        "--previous",
        required=True,
        help="the previous edition: a built site's folder, its sitemap.xml, or a git ref of "
        "the branch editions are published on (its latest edition)",
    )
    urls_check.add_argument("--root", default=str(REPOSITORY), help=root_help)
    urls_check.set_defaults(run=_check_urls)

    synth = commands.add_parser(
        "synth", help="write a synthetic archive of realistic shape (for benchmarks and tests)"
    )
    synth.add_argument("out", help="the folder to write content/, glossary/ and site_config/ in")
    synth.add_argument("--meetings", type=int, default=50, help="how many meetings (50)")
    synth.add_argument("--indicators", type=int, default=12, help="how many indicators (12)")
    synth.add_argument("--years", type=int, default=2, help="years of monthly values (2)")
    synth.add_argument("--terms", type=int, default=10, help="glossary terms (10)")
    synth.add_argument("--seed", type=int, default=1, help="the same seed writes the same files")
    synth.set_defaults(run=_synth, root=str(REPOSITORY))

    serve = commands.add_parser("serve", help="preview the site with live reload")
    serve.add_argument("--root", default=str(REPOSITORY), help=root_help)
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    serve.set_defaults(run=_serve)
    return parser


def _build(args: argparse.Namespace, root: Path) -> int:
    out = Path(args.out).resolve() if args.out else root / "site"
    with _watched() as watcher:
        result = pipeline.build(root, out, progress=watcher)
    _print_disagreements(result.analysis)
    print(f"Built {result.pages} pages into {result.out}")
    print(f"Done: {result.summary()}.")
    print(oparl.status(result.archive.site))
    print("Preview it with `make serve` (http://127.0.0.1:8000/).")
    return 0


def _check(args: argparse.Namespace, root: Path) -> int:
    archive, analysis = pipeline.check(root)
    _print_disagreements(analysis)
    print(
        f"No problems found: {len(archive.meetings)} meetings, {len(archive.indicators)} "
        f"indicators, {len(archive.observations)} values, {len(archive.glossary)} glossary terms."
    )
    print(oparl.status(archive.site))
    return 0


def _site_url(text: str) -> str:
    """A site address given on the command line: https://, a host, ending in '/'."""
    if not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(/\S*)?", text):
        raise argparse.ArgumentTypeError(
            f"expected the site's address starting https://, e.g. https://owner.github.io/repo/, "
            f"got {text!r}"
        )
    return text if text.endswith("/") else text + "/"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date written YYYY-MM-DD, got {text!r}"
        ) from None


def _edition(text: str) -> str:
    if not urls.EDITION_NAME.fullmatch(text) or text == urls.LATEST:
        raise argparse.ArgumentTypeError(
            f"expected a name such as 2018-04 (letters, digits, '.', '_' and '-'; not "
            f"{urls.LATEST!r}), got {text!r}"
        )
    return text


def _deploy(args: argparse.Namespace, root: Path) -> int:
    target = publish.Target(root=root, branch=args.branch, remote=args.remote)
    built = publish.build_edition(root, args.edition, args.site_url)
    site, edition = built.out, built.analysis.edition.name
    title = args.title or f"Edition {edition}"
    plan = publish.plan(target, site, edition, title, built.pages)
    print(plan.summary())
    if plan.missing:
        print("Nothing was published.", file=sys.stderr)
        return EXIT_PUBLISH_REFUSED
    if args.dry_run:
        print("Dry run: nothing was published.")
        return 0
    changed = publish.deploy(target, site, plan, args.push)
    where = f" and pushed to {args.remote}" if args.push else ""
    done = "Published" if changed else "Nothing changed: the branch already held"
    print(f"{done} edition {plan.edition} on branch {args.branch}{where}.")
    return 0


def _check_urls(args: argparse.Namespace, root: Path) -> int:
    previous = publish.previous_addresses(args.previous, publish.Target(root=root))
    with tempfile.TemporaryDirectory(prefix="check-urls-") as scratch:
        out = pipeline.build(root, Path(scratch) / "site").out
        missing = publish.missing_addresses(previous, out)
    if missing:
        print(publish.missing_report(missing, args.previous))
        return EXIT_PUBLISH_REFUSED
    print(f"Every one of the {len(previous)} addresses of {args.previous} is still served.")
    return 0


def _import_release(args: argparse.Namespace, root: Path) -> int:
    file = Path(args.file)
    if not file.is_file():
        print(f"No such file: {file}", file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    with _watched() as watcher:
        stopwatch = Stopwatch(watcher)
        plan = importer.plan_import(root, file, args.published, args.title, stopwatch)
        if plan.changes_anything and not args.dry_run:
            with stopwatch.stage("write") as note:
                importer.write_plan(root, plan)
                note.detail = f"{len(plan.files)} files"
    print(plan.summary())
    if args.dry_run:
        print("Dry run: nothing was written.")
    elif plan.changes_anything:
        print("Written: " + ", ".join(str(path) for path in plan.files))
    timings = stopwatch.timings()
    print(f"Done: {len(plan.files)} files planned, {timings.total:.1f} s.")
    return 0


@contextlib.contextmanager
def _watched() -> Iterator[Progress]:
    """Progress on standard output (standard error carries only problems): live on a
    terminal, one line per stage in logs."""
    watcher = progress.for_stream(sys.stdout)
    try:
        yield watcher
    finally:
        watcher.close()


def _synth(args: argparse.Namespace, root: Path) -> int:
    shape = synth.Shape(args.meetings, args.indicators, args.years, args.terms, args.seed)
    try:
        out = synth.synthesise(shape, Path(args.out))
    except ValueError as error:
        print(f"Nothing was written: {error}", file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    print(
        f"Wrote a synthetic archive into {out}: {shape.meetings} meetings, {shape.indicators} "
        f"indicators over {shape.years} years, {shape.terms} glossary terms (seed {shape.seed})."
    )
    return 0


def _serve(args: argparse.Namespace, root: Path) -> int:
    from builder.serve import serve

    return serve(root, args.address)


def _print_disagreements(analysis) -> None:
    """Published figures that differ from our own computation: listed, never hidden."""
    disagreements = analysis.disagreements
    if not disagreements:
        return
    print(f"{len(disagreements)} published figure(s) differ from the values they summarise:")
    for indicator, check in disagreements:
        name = indicator.code or indicator.title
        print(
            f"  {name}: {check.label} published {check.published:g}, computed {check.computed:.2f}"
            if check.computed is not None
            else f"  {name}: {check.label} published {check.published:g}, not computable"
        )
