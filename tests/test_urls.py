"""Addresses: one module decides them all, and links work at any sub-path."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import posixpath
import re
from pathlib import Path

import pytest

from builder import urls
from builder.urls import Address

from .conftest import REPOSITORY

BUILDER = REPOSITORY / "builder"
DAY = dt.date(2023, 7, 20)


def test_pages_are_served_as_folders():
    assert urls.home().web_path == ""
    assert urls.meetings_index().web_path == "meetings/"
    assert urls.meeting(DAY).web_path == "meetings/2023-07-20/"
    assert urls.decision(DAY, "9", 1).web_path == "meetings/2023-07-20/#decision-9-1"
    assert urls.indicator_csv("lac1").web_path == "indicators/data/lac1.csv"


def test_links_are_relative_to_the_page_they_stand_on():
    meeting = urls.meeting(DAY)
    assert urls.indicator("lac1").href_from(meeting) == "../indicators/lac1.md"
    assert urls.item(DAY, "9").href_from(meeting) == "#item-9"
    assert urls.meeting(DAY).href_from(urls.meetings_index()) == "2023-07-20.md"
    assert urls.feed().href_from(urls.open_data()) == "../feed.xml"
    assert urls.glossary_index().href_from(urls.home()) == "glossary/index.md"


@pytest.mark.parametrize(
    "site_url",
    ["https://example.org", "https://example.org/", "https://owner.github.io/repo/2018-04/"],
)
def test_absolute_addresses_follow_the_site_url_at_any_sub_path(site_url):
    address = urls.absolute(urls.member("cllr-a"), site_url)
    assert address == site_url.rstrip("/") + "/members/cllr-a/"
    assert urls.absolute(urls.member("cllr-a"), None) == "members/cllr-a/"


def test_the_search_index_is_a_folder_of_the_generator_s_own():
    """Pagefind names its chunks by their content: no address a reader keeps, so a new
    edition that no longer serves one is no broken address (check-urls ignores them)."""
    assert urls.search_script().path == "pagefind/pagefind.js"
    assert urls.search_script().path.startswith(urls.search_index().path)
    assert urls.generator_file("pagefind/fragment/en_0123abc.pf_fragment")
    assert urls.generator_file("search/search_index.json")  # an edition built before
    assert not urls.generator_file(urls.indicator("lac1").path)


def _built_file(address: Address) -> str:
    web = address.web_path
    return web + "index.html" if web.endswith("/") or web == "" else web


@pytest.mark.parametrize(
    ("address", "part"),
    [
        (urls.meeting(dt.date(2025, 3, 23)), "meetings-2020s"),
        (urls.meeting(dt.date(2019, 12, 31)), "meetings-2010s"),
        (urls.meeting("between-2009-06-07-and-2010-09-11"), "meetings-2000s"),
        (urls.municipal_year("2019/20"), "meetings-2010s"),
        (urls.municipal_year("2020/21"), "meetings-2020s"),
        (urls.meetings_index(), urls.FIRST_SEARCH_PART),
        (urls.indicator("lac1"), "indicators"),
        (urls.indicators_index(), "indicators"),
        (urls.home(), urls.FIRST_SEARCH_PART),
        (urls.term("lac"), urls.FIRST_SEARCH_PART),
        (urls.recommendations_year("2019/20"), urls.FIRST_SEARCH_PART),
    ],
)
def test_a_page_is_searched_in_the_part_of_its_records(address, part):
    """A meeting's page in its decade's part of the index, an indicator's in the
    indicators' part, any other in the first."""
    assert urls.search_part(_built_file(address)) == part


def test_the_search_index_s_parts_are_folders_inside_it():
    assert urls.search_part_index(urls.FIRST_SEARCH_PART) == urls.search_index()
    inside = urls.search_part_index("meetings-2010s").path
    assert inside == urls.search_index().path + "meetings-2010s/"
    assert urls.generator_file(inside + "pagefind-entry.json")
    assert urls.search_parts_list().path.startswith(urls.search_index().path)


def test_unnumbered_items_are_keyed_by_position():
    assert urls.item_key(None, 3) == "n3"
    assert urls.item_key(12, 3) == "12"
    assert urls.decision_identifier(DAY, "n3", 2) == "2023-07-20/n3/2"


# --------------------------------------------------------------------------- the invariant

# What a hand-made address or anchor looks like: a site section followed by '/', a
# Markdown page name, or one of the site's anchors.
_SECTIONS = "meetings|indicators|glossary|members|people|releases|recommendations|data"
_HAND_MADE = re.compile(
    rf"(?<![\w/.-])({_SECTIONS})/"
    r"|\w\.md(?![\w.])"
    r"|#(item|decision|request|year|letter|revisions)\b"
    r"|^(item|decision|request|year|letter)-"
)
# In templates: a Markdown link, heading id or HTML id whose target is written out.
_TEMPLATE_HAND_MADE = re.compile(
    r"\]\((?!\{\{)[^)]*\)"  # [text](target) not from a variable
    r"|\{ ?#[A-Za-z]"  # { #anchor } not from a variable
    # id="..." not from a variable; Material's own controls (its "__" names, such as the
    # palette's radio buttons "__palette_0") are the theme's internals, never addresses.
    r'|\bid="(?!\{\{|__)'
    r"|" + _HAND_MADE.pattern
)


def hand_made_addresses_in_python(source: str) -> list[str]:
    """String literals of a module that spell out an address or anchor."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if _HAND_MADE.search(node.value) and not _is_docstring_like(node.value):
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


def _is_docstring_like(text: str) -> bool:
    """Prose (messages, docstrings) mentions paths in passing; addresses have no spaces."""
    return " " in text.strip()


def hand_made_addresses_in_template(source: str) -> list[str]:
    return [
        f"line {number}: {line.strip()}"
        for number, line in enumerate(source.splitlines(), start=1)
        if _TEMPLATE_HAND_MADE.search(re.sub(r"https?://\S+", "", line))
    ]


def _python_modules() -> list[Path]:
    return sorted(p for p in BUILDER.rglob("*.py") if p.name != "urls.py")


def _templates() -> list[Path]:
    return sorted([*BUILDER.joinpath("templates").rglob("*.j2"), *BUILDER.rglob("*.html")])


@pytest.mark.parametrize(
    "module", _python_modules(), ids=lambda p: p.relative_to(BUILDER).as_posix()
)
def test_no_module_but_urls_builds_an_address(module):
    assert hand_made_addresses_in_python(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("template", _templates(), ids=lambda p: p.relative_to(BUILDER).as_posix())
def test_no_template_builds_an_address(template):
    assert hand_made_addresses_in_template(template.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        'anchor = f"#item-{key}"',
        'path = f"meetings/{meeting.slug}.md"',
        'target = "indicators/" + slug',
        "link = 'decision-' + key",
        "link = 'request-' + key",
    ],
)
def test_the_python_check_catches_a_hand_made_address(source):
    assert hand_made_addresses_in_python(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "[{{ m.date }}](../meetings/{{ m.slug }}.md)",
        "## {{ item.title }} { #item-{{ item.number }} }",
        '<span id="decision-{{ key }}"></span>',
        "[Back](index.md)",
    ],
)
def test_the_template_check_catches_a_hand_made_address(source):
    assert hand_made_addresses_in_template(source) != []


def test_the_template_check_accepts_addresses_from_views():
    assert hand_made_addresses_in_template("[{{ l.text }}]({{ l.address | href }})") == []
    assert hand_made_addresses_in_template("## {{ h }} { #{{ view.anchor }} }") == []


def test_address_at_keeps_the_page():
    assert Address("a/b.md").at("x") == Address("a/b.md", "x")


def test_a_site_under_a_sub_path_is_one_setting(tmp_path):
    """Set site_url to a project-pages edition address: every absolute address follows it,
    and pages still link to each other relatively."""
    import json
    import shutil

    from builder import pipeline

    from .conftest import FIXTURES

    base = "https://owner.github.io/repo/2024-02/"
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "sample", root)
    site_file = root / "site_config" / "site.yml"
    site_file.write_text(site_file.read_text() + f"site_url: {base}\n")
    out = pipeline.build(root, tmp_path / "site").out
    meetings = json.loads((out / "data" / "meetings.json").read_text())["data"]
    ids = [m["id"] for m in meetings] + [i["id"] for m in meetings for i in m["agendaItem"]]
    assert ids and all(i.startswith(base + "meetings/") for i in ids)
    assert f"<loc>{base}meetings/2024-03-14/</loc>" in (out / "sitemap.xml").read_text()
    assert f'href="{base}feed.xml"' in (out / "feed.xml").read_text()
    home = (out / "index.html").read_text()
    assert 'href="meetings/"' in home and base + "meetings/" not in home.split("<body")[1]


@pytest.mark.parametrize(
    ("path", "inside"),
    [
        ("indicators/lac1.md", True),
        ("indicators/lac1/data.csv", True),
        ("indicators/lac1/", True),
        ("../outside.md", False),
        ("indicators/../../outside.md", False),
        ("/etc/passwd", False),
        ("indicators//lac1.md", False),
        ("indicators/./lac1.md", False),
        ("indicators\\..\\x", False),
        ("indicators/lac1\x00.md", False),
        ("..", False),
    ],
)
def test_no_address_leaves_the_site(path, inside):
    assert urls.is_inside(path) is inside
    if not inside:
        with pytest.raises(ValueError):
            urls.Address(path)


def test_links_between_addresses_are_those_posixpath_gives():
    names = ["a", "b", "index.md", "x.svg", "a/"]
    paths = ["/".join(p) for n in range(1, 4) for p in itertools.product(names, repeat=n)]
    folders = ["", *("/".join(p) for n in (1, 2) for p in itertools.product(names[:3], repeat=n))]
    for path in paths:
        for folder in folders:
            assert urls._relative(path, folder) == posixpath.relpath(path, folder or "."), (
                path,
                folder,
            )


@pytest.mark.parametrize(
    ("target", "page", "link"),
    [
        (urls.Address("releases/2018-04.md"), "indicators/lac1.md", "../../releases/2018-04/"),
        (
            urls.Address("releases/2018-04.md", "x"),
            "indicators/lac1.md",
            "../../releases/2018-04/#x",
        ),
        (urls.Address("indicators/lac1.md", "revisions"), "indicators/lac1.md", "#revisions"),
        (urls.Address("index.md"), "indicators/lac1.md", "../../"),
        (urls.Address("indicators/index.md"), "indicators/lac1.md", "../"),
        (urls.Address("indicators/index.md"), "indicators/index.md", "./"),
        (urls.Address("indicators/lac1/data.csv"), "indicators/lac1.md", "data.csv"),
        (urls.Address("releases/2018-04.md"), "index.md", "releases/2018-04/"),
        (urls.Address("index.md"), "meetings/index.md", "../"),
    ],
)
def test_a_link_in_html_kept_from_the_site_generator_is_between_served_folders(target, page, link):
    assert target.served_href_from(urls.Address(page)) == link
