"""Every indicator page of the bundled archive carries what the issue promised a reader."""

from __future__ import annotations

import re

from builder.render.views import indicator_summary

from .pages import page


def test_every_indicator_page_has_its_chart_summary_captioned_table_and_citation(
    bundled_site, bundled_archive
):
    _, analysis = bundled_archive
    checked = 0
    for slug, indicator_analysis in analysis.indicators.items():
        read = page(bundled_site, f"indicators/{slug}/")
        html = read.html
        assert 'id="cite-this"' in html, slug
        if not indicator_analysis.series:
            continue
        checked += 1
        svgs = re.findall(
            r'<svg role="img" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"', html
        )
        assert svgs, slug
        for name, description in svgs:
            assert f'id="{name}"' in html and f'id="{description}"' in html, slug
        assert " ".join(indicator_summary(indicator_analysis)) in read.text, slug
        values = html.split('<h2 id="values"')[1].split("<h2")[0]
        assert re.search(r"<figure>\s*<figcaption>\s*<p>Values of ", values), slug
        assert "<th>Value</th>" in values or '<th style="text-align: right;">Value</th>' in values
    assert checked == sum(1 for a in analysis.indicators.values() if a.series) > 50
