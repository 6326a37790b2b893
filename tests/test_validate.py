import gc
import shutil
from pathlib import Path

import pytest

from builder.errors import ContentErrors
from builder.load import load_content, parse_yaml
from builder.pipeline import check
from builder.validate import validate_content
from builder.validate.fields import control_characters

from .conftest import FIXTURES


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        validate_content(load_content(root))
    return [str(error) for error in caught.value.errors]


def test_minimal_fixture_is_valid():
    archive = validate_content(load_content(FIXTURES / "minimal"))
    assert [m.date.isoformat() for m in archive.meetings] == ["2019-01-24"]
    assert {i.slug for i in archive.indicators} == {"lac6-val", "lac6-pct"}
    assert len(archive.observations) == 26
    meeting = archive.meetings[0]
    assert meeting.items[0].decisions[1].text == "That a further report come to the March meeting."
    assert meeting.municipal_year == "2018/19"


def test_the_garbage_collector_paused_during_check_runs_again_after_it(minimal_root):
    check(minimal_root)
    assert gc.isenabled()
    (minimal_root / "content" / "committee.yml").write_text("name: [\n")
    with pytest.raises(ContentErrors):
        check(minimal_root)
    assert gc.isenabled()


def test_a_control_character_is_found_wherever_it_stands():
    text = 'a: ok\nitems:\n  - title: x\n  - notes: ["fine", "bad\\fone"]\n    n: 3\n'
    [error] = control_characters(parse_yaml(Path("m.yml"), text))
    assert (error.line, error.field) == (4, "items[2].notes[2]")
    assert "U+000C" in error.message
    assert list(control_characters(parse_yaml(Path("m.yml"), "a: ok\nb: [1, 'two']\n"))) == []


def test_every_problem_of_the_broken_fixture_is_reported_at_once():
    assert problems(FIXTURES / "broken") == [
        "content/indicators/lac6-pct.yml, line 4, field unit: expected one of 'count', "
        "'percentage' or 'rate_per_10000', got 'percent'",
        "content/indicators/observations.csv, line 4, field value: expected a number such as "
        "521 or 20.7, got 'ten'",
        "content/indicators/observations.csv, line 6, field indicator: no indicator has the "
        "slug 'lac6-vla' (did you mean 'lac6-val'?)",
        "content/indicators/published_figures.csv, line 3, field direction_of_travel: expected one "
        "of 'positive', 'similar' or 'negative', got 'improving'",
        "content/meetings/2019-01-24.yml, line 3, field start_time: expected a time in quotes "
        "written HH:MM, e.g. \"17:30\", got 'half past five'",
        "content/meetings/2019-01-24.yml, line 7, field chiar: unknown field 'chiar' "
        "(did you mean 'chair'?)",
        "content/meetings/2019-03-28.yml, line 6, field apologies: listed both as present and "
        "as giving apologies: cllr-brown",
        "content/meetings/2019-03-28.yml, line 6, field apologies[1]: 'pat-gren' is not in the "
        "member register content/people.yml (did you mean 'pat-green'?)",
        "content/meetings/2019-03-28.yml, line 9, field declarations[1].item: this meeting has "
        "no item 40",
        "content/meetings/2019-03-28.yml, line 15, field items[1].indicators[1]: no indicator "
        "has the slug 'lac6-vall' (did you mean 'lac6-val'?)",
        "glossary/looked-after-child.md, line 5, field related[1]: no other glossary term has "
        "the slug 'special-guardianship' (did you mean 'special-guardianship-order'?)",
    ]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            "content/meetings/2019-01-24.yml",
            "date: 2019-01-24",
            "date: 2019-01-25",
            "line 2, field date: the file of this meeting is named after its date: 2019-01-25.yml",
        ),
        (
            "content/meetings/2019-01-24.yml",
            "status: held",
            "status: done",
            "field status: expected one of 'scheduled', 'held', 'cancelled' or 'moved', got 'done'",
        ),
        (
            "content/meetings/2019-01-24.yml",
            'sources: ["Minutes of the meeting, 24 January 2019"]\n',
            "",
            "field sources: this field is required but missing",
        ),
        (
            "content/meetings/2019-01-24.yml",
            "  - number: 24\n",
            "  - number: 23\n",
            "field items[2].number: item number 23 is used twice",
        ),
        (
            "content/meetings/2019-01-24.yml",
            "chair: cllr-adams",
            "chair: Councillor Broun",
            "field chair: 'Councillor Broun' is not in the member register content/people.yml "
            "(did you mean 'cllr-brown'?)",
        ),
        (
            "content/meetings/2019-01-24.yml",
            "dates: [2018-06-07,",
            "dates: [2018-04-07,",
            "field programme.dates[1]: 2018-04-07 is not in the municipal year 2018/19",
        ),
        (
            "content/meetings/2019-01-24.yml",
            "      - label: (i)\n",
            "      - lable: (i)\n",
            "field items[1].decisions[1].lable: unknown field 'lable' (did you mean 'label'?)",
        ),
        (
            "content/meetings/2019-01-24.yml",
            "            document: Agenda of 28 March 2019, item 31",
            "            meeting: 2019-03-28",
            "field items[1].decisions[2].status[1].meeting: there is no meeting of 2019-03-28",
        ),
        (
            "content/meetings/2019-01-24.yml",
            "          - date: 2019-03-28",
            "          - date: 2018-03-28",
            "field items[1].decisions[2].status[1].date: 2018-03-28 is before 2019-01-24",
        ),
        (
            "content/meetings/2019-01-24.yml",
            "        kind: recommendation\n",
            "",
            "field items[1].decisions[2]: only a recommendation has a status",
        ),
        (
            "content/indicators/lac6-val.yml",
            "code: LAC6 (val)",
            "code: LAC6 (%)",
            "the file of this indicator must be named lac6-pct.yml",
        ),
        (
            "content/indicators/lac6-val.yml",
            "service_area: Adoption and special guardianship",
            "service_area: Adoption and special guardianships",
            "unknown service area 'Adoption and special guardianships' (did you mean "
            "'Adoption and special guardianship'?)",
        ),
        (
            "content/indicators/lac6-val.yml",
            "{kind: england, year: 2016-17, value: 2}",
            "{kind: england, year: 2016-17}",
            "field benchmarks[1]: give either a value (a number) or published_as",
        ),
        (
            "content/indicators/published_figures.csv",
            "lac6-val,2018-04,",
            "lac6-val,2018-4,",
            "line 3, field release: no release has the id '2018-4' (did you mean '2018-04'?)",
        ),
        (
            "content/indicators/published_figures.csv",
            "lac6-val,2018-04,-50,",
            "lac6-val,2018-04,minus 50,",
            "line 3, field change_previous_month: expected a number such as 521 or 20.7, "
            "got 'minus 50'",
        ),
        (
            "content/indicators/observations.csv",
            "lac6-val,2017-05,",
            "lac6-val,May 2017,",
            "line 3, field period: expected a month written YYYY-MM, e.g. 2018-04, got 'May 2017'",
        ),
        (
            "content/indicators/observations.csv",
            "lac6-val,2017-06,10,2018-04",
            "lac6-val,2017-05,10,2018-04",
            "line 4: the same indicator, period and release as line 3",
        ),
        (
            "content/people.yml",
            "  aliases: [Councillor Broun]",
            "  aliases: [Councillor Adams]",
            "the name 'Councillor Adams' is claimed by both 'cllr-adams' and 'cllr-brown'",
        ),
        (
            "glossary/special-guardianship-order.md",
            "abbreviations: [SGO]",
            "abbreviations: [LAC]",
            "the abbreviation 'LAC' is already given to the term 'looked-after-child'",
        ),
        (
            "glossary/special-guardianship-order.md",
            "An order under the Children Act 1989.\n\n- It gives parental responsibility.\n",
            "",
            "line 6, field definition: the definition (below the front matter) is empty",
        ),
        (
            "site_config/site.yml",
            "committee: Test Scrutiny Panel",
            "comittee: Test Scrutiny Panel",
            "unknown field 'comittee' (did you mean 'committee'?)",
        ),
    ],
)
def test_each_mistake_gets_a_precise_message(minimal_root, relative, old, new, expected):
    edit(minimal_root / relative, old, new)
    reported = problems(minimal_root)
    assert any(relative in problem and expected in problem for problem in reported), reported


def test_a_meeting_file_with_a_problem_is_reported_once_not_by_every_reference(tmp_path):
    """The sample's other meetings refer to 14 March 2024 (due, answered, status): a slip in
    that file is its own one problem, not four."""
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "sample", root)
    edit(root / "content" / "meetings" / "2024-03-14.yml", "status: held", "status: hled")
    [problem] = problems(root)
    assert problem.startswith("content/meetings/2024-03-14.yml, line 5, field status:")
