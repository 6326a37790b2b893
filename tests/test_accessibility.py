"""The automated accessibility audit of the bundled archive, built and served on 127.0.0.1.

Every page (each HTML file of the built site: pages, embeds, the guide, the page for an
address not found) is audited in Debian's Chromium by axe-core and HTML_CodeSniffer at a
desktop width in the light scheme; one page of every type also by IBM's
accessibility-checker-engine, and by all three in the dark scheme and at 320 CSS pixels.
The Nu Html Checker validates every page in one run. What is checked is listed once, in
``builder/accessibility.py``, which the accessibility statement reports.

One browser page is reused for the whole audit and each engine is injected once a page:
the audit takes about as long as loading the pages.
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from builder import accessibility

from .conftest import REPOSITORY

pytestmark = pytest.mark.browser

NODE_MODULES = REPOSITORY / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
IBM = NODE_MODULES / "accessibility-checker-engine" / "ace.js"
HTMLCS = NODE_MODULES / "html_codesniffer" / "build" / "HTMLCS.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = "/usr/bin/java"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

ONE_PAGE_OF_EACH_TYPE = [
    "/",
    "/meetings/",
    "/meetings/year-2018-19/",
    "/meetings/2018-03-22/",
    "/meetings/2023-07-20/",
    "/recommendations/",
    "/recommendations/2023-24/",
    "/members/",
    "/members/cllr-taggart/",
    "/data/",
    "/indicators/",
    "/indicators/lac1/",
    "/indicators/children-in-residential-care-placements/",
    "/embed/indicators/lac1/",
    "/releases/",
    "/releases/2018-04/",
    "/glossary/",
    "/glossary/section-47-enquiry/",
    "/guide/",
    "/guide/patterns/meetings/",
    "/guide/reference/",
    "/404.html",
]
DESKTOP, PHONE = 1280, 320
COMBINATIONS = [("light", DESKTOP), ("dark", DESKTOP), ("light", PHONE), ("dark", PHONE)]
# IBM's engine is the slowest (seconds on a long page): one page of each type in the
# light scheme at a desktop width and in the dark one on a phone.
IBM_COMBINATIONS = [("light", DESKTOP), ("dark", PHONE)]

# Each engine's violations on the page as [rule, where, what]; and how many rules it ran.
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  const rules = ["violations", "passes", "incomplete", "inapplicable"]
    .reduce((n, kind) => n + result[kind].length, 0);
  return {rules, violations: result.violations.flatMap(
    v => v.nodes.map(n => [v.id, n.target.join(" "), v.help]))};
}"""
RUN_IBM = """async () => {
  const report = await new ace.Checker().check(document, ["WCAG_2_2"]);
  return {rules: new Set(report.results.map(r => r.ruleId)).size,
          violations: report.results
            .filter(r => r.value[0] === "VIOLATION" && r.value[1] === "FAIL")
            .map(r => [r.ruleId, r.path.dom, r.message])};
}"""
RUN_HTMLCS = """() => new Promise(done => HTMLCS.process("WCAG2AA", document, () => done({
  rules: new Set(HTMLCS.getMessages().map(m => m.code)).size,
  violations: HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR)
    .map(m => [m.code, m.element.outerHTML.slice(0, 120), m.msg])})))"""


def axe_violations(browser, url: str) -> list[dict]:
    """What axe-core finds against WCAG 2.2 A and AA on the page at ``url`` (for the
    tests of other modules that audit a page of their own fixtures)."""
    assert AXE.is_file(), "make test installs axe-core from the npm registry (npm ci)"
    page = browser.new_page()
    try:
        page.goto(url, wait_until="load")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate(RUN_AXE, WCAG_TAGS)
        return [
            {"rule": rule, "where": where, "help": what}
            for rule, where, what in result["violations"]
        ]
    finally:
        page.close()


@dataclass
class Findings:
    pages: set[str] = field(default_factory=set)
    audits: int = 0
    rules: dict[str, int] = field(default_factory=dict)
    violations: dict[str, list[tuple[str, str, str, str, str]]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )


def page_urls(site: Path) -> list[str]:
    """The address of every HTML file of the built site, as a browser asks for it."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        urls.append("/" + relative.removesuffix("index.html"))
    return urls


def _audit(page, url: str, engines: dict[str, str], label: str, found: Findings) -> None:
    page.goto(url, wait_until="load")
    for engine, (script, source) in engines.items():
        page.add_script_tag(content=source)
        result = page.evaluate(script, WCAG_TAGS) if engine == "axe-core" else page.evaluate(script)
        found.rules[engine] = max(found.rules.get(engine, 0), result["rules"])
        for rule, where, what in result["violations"]:
            found.violations[engine].append((label, url, rule, where, what))
        found.audits += 1


@pytest.fixture(scope="module")
def audit(browser, served_site, bundled_site) -> Findings:
    for tool in (AXE, IBM, HTMLCS):
        assert tool.is_file(), f"make test installs {tool.name} from the npm registry (npm ci)"
    sources = {path: path.read_text(encoding="utf-8") for path in (AXE, IBM, HTMLCS)}
    axe = (RUN_AXE, sources[AXE])
    every_page = {"axe-core": axe, "HTML_CodeSniffer": (RUN_HTMLCS, sources[HTMLCS])}
    every_type = {**every_page, "IBM Equal Access": (RUN_IBM, sources[IBM])}
    found = Findings()
    urls = page_urls(bundled_site)
    missing = set(ONE_PAGE_OF_EACH_TYPE) - set(urls)
    assert not missing, f"pages of the audit not built: {missing}"
    for scheme, width in COMBINATIONS:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        label = f"{scheme}, {width} px"
        for path in urls:
            if path in ONE_PAGE_OF_EACH_TYPE:
                engines = every_type if (scheme, width) in IBM_COMBINATIONS else every_page
                _audit(page, served_site + path, engines, label, found)
            elif (scheme, width) == ("light", DESKTOP):
                _audit(page, served_site + path, every_page, label, found)
            else:
                continue
            found.pages.add(path)
        context.close()
    return found


def _report(found: Findings, engine: str) -> str:
    lines = [f"{len(found.violations[engine])} violations found by {engine}:"]
    for label, url, rule, where, what in found.violations[engine][:40]:
        lines.append(f"  [{label}] {url}: {rule} at {where}: {what}")
    return "\n".join(lines)


def test_the_audit_covers_every_page_and_prints_its_figures(audit, bundled_site, capsys):
    assert audit.pages == set(page_urls(bundled_site))
    assert len(audit.pages) > 200  # the bundled archive: pages, embeds, guide, 404
    with capsys.disabled():
        print(f"\naccessibility audit: {len(audit.pages)} pages, {audit.audits} engine runs")
        for engine in ("axe-core", "IBM Equal Access", "HTML_CodeSniffer"):
            print(
                f"  {engine}: {audit.rules.get(engine, 0)} rules checked, "
                f"{len(audit.violations[engine])} violations"
            )


@pytest.mark.parametrize("engine", ["axe-core", "IBM Equal Access", "HTML_CodeSniffer"])
def test_no_page_has_a_wcag_violation(audit, engine):
    assert audit.rules.get(engine, 0) > 10, f"{engine} checked nothing"
    assert audit.violations[engine] == [], _report(audit, engine)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_with_its_results_shown_has_no_violation(browser, served_site, scheme):
    """The state no page is in when loaded: the search open, its results listed, one of
    them with the focus."""
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site + "/indicators/lac1/", wait_until="load")
    page.focus("input[name=q]")
    page.keyboard.type("LAC1")
    status = page.locator(".md-search-result__meta")
    status.filter(has_text="for \u2018LAC1\u2019").wait_for(timeout=15000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    found = {}
    for engine, path, script in [
        ("axe-core", AXE, RUN_AXE),
        ("HTML_CodeSniffer", HTMLCS, RUN_HTMLCS),
    ]:
        page.add_script_tag(content=path.read_text(encoding="utf-8"))
        result = page.evaluate(script, WCAG_TAGS) if engine == "axe-core" else page.evaluate(script)
        assert result["rules"] > 10, engine
        found[engine] = result["violations"]
    assert found == {"axe-core": [], "HTML_CodeSniffer": []}
    context.close()


def test_the_audit_finds_a_violation_where_there_is_one(browser, served_site):
    """The audit would see a fault: an image without an alternative, a field without a
    name, on a real page, is reported by each engine."""
    page = browser.new_page()
    url = served_site + "/"
    page.goto(url)
    page.evaluate(
        """() => document.querySelector("article").insertAdjacentHTML("beforeend",
            '<img src="x.png"><input type="text" id="nameless">')"""
    )
    sources = {path: path.read_text(encoding="utf-8") for path in (AXE, IBM, HTMLCS)}
    for engine, (script, source) in {
        "axe-core": (RUN_AXE, sources[AXE]),
        "IBM Equal Access": (RUN_IBM, sources[IBM]),
        "HTML_CodeSniffer": (RUN_HTMLCS, sources[HTMLCS]),
    }.items():
        page.add_script_tag(content=source)
        result = page.evaluate(script, WCAG_TAGS) if engine == "axe-core" else page.evaluate(script)
        assert result["violations"], engine
    page.close()


def test_every_page_is_valid_html(bundled_site, capsys):
    """The Nu Html Checker on every page, in one run (it is slow to start)."""
    assert VNU.is_file(), "make test installs vnu-jar from the npm registry (npm ci)"
    assert Path(JAVA).exists(), "make test installs Java (default-jre-headless)"
    pages = sorted(str(path) for path in bundled_site.rglob("*.html"))
    run = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr)["messages"]
    with capsys.disabled():
        print(f"\nNu Html Checker: {len(pages)} pages, {len(messages)} errors")
    errors = [
        f"{m['url'].split(str(bundled_site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == [], "\n".join(errors[:40])


HREF = re.compile(r'\bhref="([^"#]*)(?:#([^"]*))?"')
ID = re.compile(r'\bid="([^"]+)"')


def test_no_link_of_the_built_archive_is_broken(bundled_site):
    """A crawl of every page: each link to the site itself leads to a file and, if it
    names one, to an anchor on that page."""
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(ID.findall(path.read_text(encoding="utf-8")))
        return ids[path]

    broken, checked = [], 0
    for page in sorted(bundled_site.rglob("*.html")):
        if page.name == "404.html":
            continue  # served at any depth: its links are written from the site's root
        for target, anchor in HREF.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target) or target.startswith("//"):
                continue
            resolved = (page.parent / target).resolve() if target else page
            if resolved.is_dir():
                resolved = resolved / "index.html"
            checked += 1
            if not resolved.is_file():
                broken.append(f"{page.relative_to(bundled_site)}: {target}")
            elif anchor and resolved.suffix == ".html" and anchor not in anchors(resolved):
                broken.append(f"{page.relative_to(bundled_site)}: {target}#{anchor}")
    assert checked > 5000
    assert broken == [], "\n".join(broken[:40])


def test_the_checks_the_statement_reports_are_those_run_here():
    tools = {check.package for check in accessibility.CHECKS}
    assert tools == {"axe-core", "accessibility-checker-engine", "html_codesniffer", "vnu-jar"}
    for check in accessibility.CHECKS:
        assert (NODE_MODULES / check.package / "package.json").is_file(), check.package
