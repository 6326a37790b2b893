"""The builder's stylesheets and scripts as the site serves them (builder/build.py)."""

from __future__ import annotations

import gzip
import re

from builder import build

from .conftest import REPOSITORY

SOURCES = REPOSITORY / "builder" / "assets"
COMMENT = re.compile(r"/\*(?:[^*]|\*(?!/))*\*/")


def test_every_page_asks_for_one_stylesheet_and_one_script_of_the_builder(bundled_site):
    page = (bundled_site / "indicators" / "lac1" / "index.html").read_text()
    stylesheets = re.findall(r'<link rel="stylesheet" href="\.\./\.\./assets/([^"/]+)"', page)
    scripts = re.findall(r'<script src="\.\./\.\./assets/([^"/]+)"', page)
    assert stylesheets == [build.STYLESHEET]
    assert scripts == [build.SCRIPT]
    for part in [*build.STYLESHEET_PARTS, *build.SCRIPT_PARTS]:
        assert part not in page
        assert not (bundled_site / "assets" / part).exists()
    served = {path.name for path in (bundled_site / "assets").iterdir() if path.is_file()}
    assert served == {
        build.STYLESHEET,
        build.SCRIPT,
        build.SEARCH_BOX_SCRIPT,
        build.NOT_FOUND_SCRIPT,
        "favicon.svg",
    }


def test_the_stylesheet_keeps_every_rule_of_its_parts_in_order():
    served = build.served_assets()[build.STYLESHEET].decode()
    sources = [COMMENT.sub("", (SOURCES / part).read_text()) for part in build.STYLESHEET_PARTS]
    assert "/*" not in served
    assert served.count("{") == sum(source.count("{") for source in sources)
    assert served.count("}") == served.count("{")
    # the print rules come last, as they did when served on their own after the others
    assert served.index("@page{size:A4") > served.index(".md-typeset dl dt{")
    assert "@media print{" in served
    assert "@media (forced-colors:active)" in served  # charts.css recolours the drawings


def test_the_script_holds_each_part_whole_in_order():
    served = build.served_assets()[build.SCRIPT].decode()
    assert "/*" not in served and "\n//" not in served
    starts = []
    for part in build.SCRIPT_PARTS:
        source = COMMENT.sub("", (SOURCES / part).read_text())
        names = re.findall(r"\bfunction ([A-Za-z_]\w*)\(", source)
        assert names, part
        for name in names:
            assert f"function {name}(" in served, (part, name)
        strings = [text for text in re.findall(r'"(?:[^"\\\n]|\\.)*"', source) if len(text) > 8]
        assert strings and all(text in served for text in strings), part
        starts.append(served.index(f"function {names[0]}("))
    assert starts == sorted(starts)


def test_the_served_files_are_smaller_than_their_sources_compressed():
    served = build.served_assets()
    for name, parts in [
        (build.STYLESHEET, build.STYLESHEET_PARTS),
        (build.SCRIPT, build.SCRIPT_PARTS),
    ]:
        alone = sum(len(gzip.compress((SOURCES / part).read_bytes(), 9)) for part in parts)
        assert len(gzip.compress(served[name], 9)) < 0.8 * alone, name
