"""Charts kept out of the Markdown and put back into the built pages, byte for byte."""

from __future__ import annotations

from builder import urls
from builder.render import inserts

PAGE = urls.indicator("lac1")
CHART = '<svg role="img" aria-labelledby="t"><title id="t">A</title><path d="M0 0"/></svg>'


def test_a_chart_is_detached_to_a_file_beside_its_page_and_attached_again():
    text = f"# LAC1\n\n<figure>\n{CHART}\n{CHART.replace('A', 'B')}\n</figure>\n\nAfter.\n"
    markdown, beside = inserts.detach(PAGE, text)
    assert "<svg" not in markdown and markdown.endswith("</figure>\n\nAfter.\n")
    assert [address.path for address in beside] == [
        "indicators/lac1.1.insert.html",
        "indicators/lac1.2.insert.html",
    ]
    files = {address.href_from(PAGE): markup for address, markup in beside.items()}
    assert inserts.attach(markdown, files.__getitem__) == text


def test_a_page_without_charts_is_left_alone():
    text = "An <svg> named in text, and a file chart.svg.\n"
    assert inserts.detach(PAGE, text) == (text, {})


def test_the_built_pages_hold_their_charts_and_the_files_beside_are_not_published(bundled_site):
    assert not list(bundled_site.rglob(f"*{urls.INSERT_SUFFIX}"))
    page = (bundled_site / "indicators" / "lac1" / "index.html").read_text(encoding="utf-8")
    assert page.count('<svg role="img"') == 2 and "data-archive-insert" not in page
    embed = (bundled_site / "embed" / "indicators" / "lac1" / "index.html").read_text(
        encoding="utf-8"
    )
    assert embed.count('<svg role="img"') == 2
