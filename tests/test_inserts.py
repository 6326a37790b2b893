"""Charts kept out of the Markdown and put back into the built pages, byte for byte."""

from __future__ import annotations

import re

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


def test_a_table_written_in_html_is_detached_and_attached_again():
    table = '<table>\n<tbody>\n<tr>\n<td><a href="../../releases/2018-04/">April</a></td>\n'
    table += "</tr>\n</tbody>\n</table>"
    text = f"## Values\n\n{table}\n\n/// table-caption\nValues\n///\n"
    markdown, beside = inserts.detach(PAGE, text)
    assert "<table>" not in markdown and "<td>" not in markdown
    assert list(beside.values()) == [table]
    files = {address.href_from(PAGE): markup for address, markup in beside.items()}
    assert inserts.attach(markdown, files.__getitem__) == text


def test_a_table_not_starting_its_own_line_stays_in_the_markdown():
    text = "Text naming <table>\n</table> inline.\n"
    assert inserts.detach(PAGE, text) == (text, {})


def test_the_built_indicator_page_holds_its_table_of_values_with_working_links(bundled_site):
    page = (bundled_site / "indicators" / "lac1" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('<h2 id="values">') : page.index("</table>")]
    assert "<th>Month</th>" in table and table.count("<tr>") > 12
    links = set(re.findall(r'<a href="([^"]+)">', table))
    assert links and all(link.startswith(("../../releases/", "#revisions")) for link in links)
    for link in links - {"#revisions"}:
        assert (bundled_site / "indicators" / "lac1" / link / "index.html").resolve().is_file()
