"""Whatever `check` accepts, `build` builds: links and anchors are resolved before the build.

The sample archive approves minutes from a numbered and an unnumbered item, answers a
request, and dues requests at meetings and months (its whole site is compared in
test_golden_site.py); here its addresses are checked to lead where they say, and a
link the build could not vouch for is refused by `check` with its file, line and field.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from builder import pipeline
from builder.errors import ContentErrors
from builder.validate.text import html_in, unsafe_targets

from .conftest import FIXTURES
from .test_validate import edit


@pytest.fixture
def sample_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "sample", root, ignore=shutil.ignore_patterns("build", "site"))
    return root


def test_an_unnumbered_item_that_approves_minutes_is_linked_by_its_position(
    sample_root, sample_site
):
    _, analysis = pipeline.check(sample_root)
    [approval] = [
        ref for refs in analysis.approvals.values() for ref in refs if ref.place.item.number is None
    ]
    assert approval.place.address.web_path == "meetings/2024-06-06/#item-n2"
    site = sample_site
    approved = (site / "meetings" / "2024-03-14" / "index.html").read_text(encoding="utf-8")
    assert 'href="../2024-06-06/#item-n2"' in approved
    approving = (site / "meetings" / "2024-06-06" / "index.html").read_text(encoding="utf-8")
    assert 'id="item-n2"' in approving


def test_every_internal_link_of_the_built_sample_resolves(sample_site):
    """Every href between pages of the built site names a file and, if any, an id on it."""
    site = sample_site
    ids = {
        page: set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
        for page in site.rglob("*.html")
    }
    checked = 0
    for page in ids:
        if page.name == "404.html":
            continue  # served at any depth, so it links from the site root
        for href in re.findall(r'\bhref="([^"]+)"', page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", href) or href.startswith("/"):
                continue
            path, _, anchor = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(site)} links to missing {href}"
            if anchor and target.suffix == ".html":
                assert anchor in ids[target], f"{page.relative_to(site)}: no #{anchor} on {href}"
            checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        (
            "items[1].minutes",
            "The apologies of Councillor Chowdhury",
            "See [the minutes](../meetings/2023-11-16.md). The apologies of Councillor Chowdhury",
        ),
        (
            "items[1].minutes",
            "The apologies of Councillor Chowdhury",
            "The apologies ![A chart](chart.png) of Councillor Chowdhury",
        ),
    ],
)
def test_a_relative_link_in_authored_text_is_refused_by_check(sample_root, field, old, new):
    meeting = sample_root / "content" / "meetings" / "2024-03-14.yml"
    text = meeting.read_text(encoding="utf-8")
    assert old in text
    edit(meeting, old, new)
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(sample_root)
    [error] = caught.value.errors
    assert str(error.path) == "content/meetings/2024-03-14.yml"
    assert (error.line, error.field) == (36, field)
    assert "full web addresses" in error.message


def test_full_web_addresses_and_mail_links_are_accepted():
    text = "See <https://example.org>, [the council](https://example.org/x) or [us](mailto:a@b.c)."
    assert unsafe_targets(text) == []
    assert unsafe_targets("[x](#item-3) and [y](/meetings/)") == ["#item-3", "/meetings/"]


def test_html_in_authored_text_is_refused_by_check(sample_root):
    """An unclosed <div> in a minute would swallow the rest of its page, anchors included."""
    meeting = sample_root / "content" / "meetings" / "2024-03-14.yml"
    edit(
        meeting,
        "The apologies of Councillor Chowdhury",
        "<div>The apologies of Councillor Chowdhury",
    )
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(sample_root)
    [error] = caught.value.errors
    assert (error.line, error.field) == (36, "items[1].minutes")
    assert "contains HTML ('<div>')" in error.message


def test_html_detection_leaves_less_than_signs_and_autolinks_alone():
    assert html_in("<5 days, a < b, <https://example.org>, <mailto:a@b.c>") == []
    assert html_in("a <b>bold</b> word <!-- hidden") == ["<b>", "</b>", "<!"]


def test_what_a_browser_reads_as_the_start_of_hidden_markup_is_refused():
    """'<!' or '</' start a comment or end tag that runs to the next '>' in an HTML parser
    (MkDocs's anchor check is one): found by the generated archives of test_invariant."""
    assert html_in("* school +<! minutes") == ["<!"]
    assert html_in("a</b and c") == ["</b and c"]
    assert html_in("x <? y") == ["<?"]
