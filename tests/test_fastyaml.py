"""The fast YAML path gives what ruamel gives, or steps aside for it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from builder import fastyaml, load

from .conftest import REPOSITORY

TESTS = REPOSITORY / "tests"


def ruamel(text: str) -> Any:
    return load._yaml().load(io.StringIO(text))


def fast(text: str) -> Any:
    return fastyaml.load(text, load._yaml())


def difference(a: Any, b: Any, where: str = "") -> str | None:
    """Where ``a`` and ``b`` differ in type, value or the line and column kept of a key or
    an item (None where they do not)."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} and {type(b).__name__}"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{where}: keys {list(a)} and {list(b)}"
        for key in a:
            if a.lc.key(key) != b.lc.key(key):
                return f"{where}.{key}: at {a.lc.key(key)} and {b.lc.key(key)}"
            found = difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} and {len(b)} items"
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            if a.lc.item(index) != b.lc.item(index):
                return f"{where}[{index}]: at {a.lc.item(index)} and {b.lc.item(index)}"
            found = difference(x, y, f"{where}[{index}]")
            if found:
                return found
    elif a != b or repr(a) != repr(b):
        return f"{where}: {a!r} and {b!r}"
    return None


def yaml_texts() -> list[tuple[str, str]]:
    """Every YAML file and Markdown front matter of the bundled content and the tests."""
    texts = []
    for folder in (REPOSITORY / "content", REPOSITORY / "site_config", TESTS):
        for path in sorted(folder.rglob("*.yml")):
            texts.append((str(path.relative_to(REPOSITORY)), path.read_bytes()))
    for folder in (REPOSITORY / "glossary", TESTS):
        for path in sorted(folder.rglob("*.md")):
            data = path.read_bytes()
            if data.startswith(b"---\n") and b"\n---" in data[4:]:
                texts.append(
                    (str(path.relative_to(REPOSITORY)), data[4 : data.index(b"\n---", 4) + 1])
                )
    decoded = []
    for name, data in texts:
        try:
            decoded.append((name, data.decode("utf-8-sig")))
        except UnicodeDecodeError:
            continue
    return decoded


TEXTS = yaml_texts()


def test_the_files_compared_are_many_and_most_take_the_fast_path():
    taken = sum(fast(text) is not None for _, text in TEXTS)
    assert len(TEXTS) > 150 and taken > 0.9 * len(TEXTS)


@pytest.mark.parametrize("name,text", TEXTS, ids=[name for name, _ in TEXTS])
def test_every_content_file_reads_as_ruamel_reads_it(name, text):
    read = fast(text)
    if read is None:
        return  # ruamel reads it (and reports what is wrong with it)
    assert difference(read, ruamel(text)) is None


@pytest.mark.parametrize(
    "text,value",
    [
        ("time: 19:00\n", "19:00"),  # YAML 1.1 would make it 1140
        ("answer: yes\n", "yes"),
        ("count: 010\n", 10),
        ("date: 2018-03-22\n", dt.date(2018, 3, 22)),
        ("ratio: 1.50\n", 1.5),
        ("empty:\n", None),
        ('quoted: "2018-03-22"\n', "2018-03-22"),
    ],
)
def test_scalars_are_resolved_as_yaml_1_2_as_ruamel_does(text, value):
    [(_key, read)] = fast(text).items()
    assert read == value and difference(fast(text), ruamel(text)) is None


@given(
    st.text(max_size=12)
    | st.from_regex(r"[-+.~=<nNtTfF0-9][-+.:_eE0-9oOxXa-fnNuUlLrR ]{0,10}", fullmatch=True)
    | st.sampled_from(["", "~", "null", "Null", "true", "False", ".inf", "-.NaN", "0o17", "0x1F"])
    | st.sampled_from(["1_000", "2018-03-22", "2018-3-2 1:02:03", "1e3", "+.5", "<<", "="])
)
def test_a_plain_scalar_s_tag_is_the_one_ruamels_resolver_gives(value):
    resolved = VersionedResolver(version=None).resolve(ScalarNode, value, (True, False))
    assert fastyaml.implicit_tag(value) == str(resolved)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a key twice: ruamel's message names it
        "a: &x 1\nb: *x\n",  # an alias
        "a: !!str 1\n",  # an explicit tag
        "%YAML 1.1\n---\na: yes\n",  # a directive
        "date: 2019-02-30\n",  # no such date
        "a: b: c\n",  # not valid YAML
        "a: 1\n---\nb: 2\n",  # two documents
        "a: \x7f\n",  # a character ruamel refuses
        "<<: {a: 1}\n",  # a merge key
        "",
    ],
)
def test_what_is_out_of_the_ordinary_is_left_to_ruamel(text):
    assert fast(text) is None


def test_a_content_error_is_still_ruamels(tmp_path: Path):
    with pytest.raises(load.ContentError) as raised:
        load.parse_yaml(Path("content/meetings/x.yml"), "title: a\ntitle: b\n")
    assert "duplicate key" in raised.value.message and raised.value.line == 2


@settings(max_examples=300, deadline=None)  # 24,000 run by hand, none differed
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "b",
                ": ",
                "- ",
                "\n",
                "  ",
                "'",
                '"',
                "|",
                ">",
                "#",
                "1",
                "2018-04-01",
                "19:00",
                "x y",
                "[",
                "]",
                "{",
                "}",
                ",",
                "&a",
                "*a",
                "!t",
                "~",
                "yes",
                "1.5",
                "\t",
                "é",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_any_text_is_read_as_ruamel_reads_it_or_left_to_it(text):
    read = fast(text)
    if read is None:
        return
    assert difference(read, ruamel(text)) is None
