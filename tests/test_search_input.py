"""What the search indexer reads of a built page: its language and its indexed article,
without the drawn charts and tables of values; the index it writes is the one the whole
pages give."""

from __future__ import annotations

import shutil
import subprocess

import pagefind_bin

from builder import search

PAGE = """<!doctype html>
<html lang="en-GB" class="no-js"><head><title>LAC1</title><script>var x;</script></head>
<body><nav>Home Meetings</nav>
<article class="md-content__inner md-typeset" data-pagefind-body>
<span data-pagefind-meta="name1:LAC1"></span><h1>LAC1</h1><p>Looked after children.</p>
<figure class="indicator-chart" data-search-exclude><svg role="img"><text>axis 2018</text></svg>
</figure><p>After the chart.</p>
<figure><table data-search-exclude>
<tr><td>March 2018</td><td>512</td></tr>
</table><figcaption>Values of LAC1</figcaption></figure><p>After the table.</p>
<table><tr><td>Kept</td></tr></table>
</article><footer>Council</footer></body></html>
"""


def test_only_the_language_and_the_article_without_its_charts_and_values_are_read():
    text = search.search_input(PAGE)
    assert text is not None
    assert '<html lang="en-GB" class="no-js">' in text
    assert 'data-pagefind-meta="name1:LAC1"' in text and "<p>After the chart.</p>" in text
    assert "<figcaption>Values of LAC1</figcaption>" in text and "<p>After the table.</p>" in text
    assert "<td>Kept</td>" in text
    for left_out in ("<nav>", "<footer>", "<script>", "axis 2018", "<title>", "March 2018"):
        assert left_out not in text


def test_a_page_the_search_leaves_out_has_no_input():
    assert search.search_input(PAGE.replace(" data-pagefind-body", "")) is None


def test_an_article_not_as_the_theme_writes_it_is_read_to_the_end_of_the_page():
    odd = PAGE.replace("<p>After the chart.</p>", "<article><p>Inner</p></article>")
    text = search.search_input(odd)
    assert text is not None and "<p>Inner</p>" in text and "<footer>Council</footer>" in text


def test_the_index_of_the_search_input_is_the_index_of_the_whole_pages(bundled_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(bundled_site, site, ignore=shutil.ignore_patterns("pagefind"))
    search.write_search_input(site, tmp_path / "input")
    whole = tmp_path / "whole"
    subprocess.run(
        [
            str(pagefind_bin.get_executable()),
            "--site",
            str(site),
            "--output-path",
            str(whole),
            "--exclude-selectors",
            search.SEARCH_EXCLUDED,
            "--quiet",
        ],
        check=True,
        cwd=tmp_path,
    )
    entry = "pagefind-entry.json"
    assert (whole / entry).read_bytes() == (bundled_site / "pagefind" / entry).read_bytes()
    read = sum(p.stat().st_size for p in (tmp_path / "input").rglob("*.html"))
    built = sum(p.stat().st_size for p in site.rglob("*.html"))
    assert read < built / 3


def test_the_input_read_by_two_processes_is_the_input_read_by_one(
    bundled_site, tmp_path, monkeypatch
):
    monkeypatch.setattr(search, "SEARCH_INPUT_SHARED_FROM", 1)
    search.write_search_input(bundled_site, tmp_path / "one", workers=1)
    search.write_search_input(bundled_site, tmp_path / "two", workers=2)
    one = {
        p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.html")
    }
    two = {
        p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.html")
    }
    assert len(one) > 100 and two == one


def _site(folder, pages):
    for relative, words in pages.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if words is None:  # a page the search leaves out (a redirect, an embed)
            path.write_text("<!doctype html>\n<html lang='en-GB'><body>Moved</body></html>\n")
        else:
            path.write_text(PAGE.replace("Looked after children.", words))


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}


def _updated_like_fresh(site, kept, record, fresh):
    updated = search.update_search_input(site, kept, record)
    assert updated == sorted(search.write_search_input(site, fresh))
    assert _files(kept) == _files(fresh)
    return updated


def test_kept_search_input_reads_again_only_the_pages_that_are_not_the_files_read(
    tmp_path, monkeypatch
):
    site, kept, record = tmp_path / "site", tmp_path / "kept", tmp_path / "input.json"
    _site(site, {"index.html": "Home", "a/index.html": "First", "b/index.html": "Second"})
    _site(site, {"moved/index.html": None})
    _updated_like_fresh(site, kept, record, tmp_path / "fresh-1")
    read = []
    reading = search._write_search_inputs

    def spied(html, folder, pages):
        if folder == kept:
            read.extend(page.relative_to(html).as_posix() for page in pages)
        return reading(html, folder, pages)

    monkeypatch.setattr(search, "_write_search_inputs", spied)
    _updated_like_fresh(site, kept, record, tmp_path / "fresh-2")
    assert read == [], "nothing changed: nothing read"

    (site / "a" / "index.html").unlink()
    _site(site, {"a/index.html": "First, converted again", "c/index.html": "Third"})
    shutil.rmtree(site / "b")
    _site(site, {"moved/index.html": "Now a page of its own"})
    read.clear()
    _updated_like_fresh(site, kept, record, tmp_path / "fresh-3")
    assert sorted(read) == ["a/index.html", "c/index.html", "moved/index.html"]
    assert not (kept / "b").exists(), "a page gone leaves no input (nor folder) behind"


def test_a_damaged_or_lost_kept_input_is_written_again(tmp_path):
    site, kept, record = tmp_path / "site", tmp_path / "kept", tmp_path / "input.json"
    _site(site, {"index.html": "Home", "a/index.html": "First"})
    search.update_search_input(site, kept, record)
    (kept / "a" / "index.html").write_text("damaged")
    (kept / "index.html").unlink()
    _updated_like_fresh(site, kept, record, tmp_path / "fresh")
    record.write_text("not a record")
    _updated_like_fresh(site, kept, record, tmp_path / "fresh-again")
