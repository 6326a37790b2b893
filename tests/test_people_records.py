"""People who are not members, substitutions that are not one for one, and member pages
that agree with the meeting pages: the records of February and March 2025 in
tests/fixtures/patterns (with its register of officers, content/officers.yml), built and
read as a reader would, and each pattern as bad input with its message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder import pipeline
from builder.errors import ContentErrors
from builder.render import views

from .conftest import FIXTURES
from .pages import page
from .test_accessibility import axe_violations

PATTERNS = FIXTURES / "patterns"
FEBRUARY = "content/meetings/2025-02-13.yml"
MARCH = "content/meetings/2025-03-13.yml"
OFFICERS = "content/officers.yml"


@pytest.fixture(scope="module")
def site(patterns_site) -> Path:
    return patterns_site


@pytest.fixture(scope="module")
def checked():
    return pipeline.check(PATTERNS)


def meetings_json(site: Path) -> dict[str, dict]:
    listed = json.loads((site / "data" / "meetings.json").read_text())["data"]
    return {meeting["id"]: meeting for meeting in listed}


# --------------------------------------------------------------------------- the register


def test_a_registered_person_has_a_page_with_each_item_and_their_role_then(site):
    grant = page(site, "people/hilary-grant")
    assert "Officer; not a member of the panel." in grant.text
    assert "Also written in the records as: Hillary Grant." in grant.text
    assert grant.row("Interim Head of Education")[1:] == [
        "1 October 2024",
        "28 February 2025",
        "Report to the panel, 13 February 2025",
    ]
    assert grant.row("Head of Education")[1:3] == ["1 March 2025", "–"]
    header = grant.rows.index(["Meeting", "Item", "Role at the time"])
    addressed = grant.rows[header + 1 :]
    assert addressed == [
        ["13 March 2025", "33. School admissions", "Head of Education"],
        [
            '13 February 2025 (name printed as "Hillary Grant")',
            "27. Early years places",
            "Interim Head of Education",
        ],
        [
            '13 February 2025 (name printed as "Hillary Grant")',
            "28. Safeguarding partnership annual report",
            "Interim Head of Education",
        ],
    ], "newest meeting first, its items in agenda order, the post on the day"
    assert 'href="../../meetings/2025-02-13/#item-27"' in grant.html


def test_a_role_the_record_gives_is_shown_over_the_register(site):
    osei = page(site, "people/dr-amara-osei")
    assert "Guest; not a member of the panel." in osei.text
    assert osei.row("13 February 2025")[1:] == [
        "28. Safeguarding partnership annual report",
        "Independent Chair, Local Safeguarding Children Partnership",
    ]


def test_the_list_of_people_counts_what_they_addressed(site):
    people = page(site, "people")
    assert people.row("Hilary Grant")[1:] == [
        "Officer",
        "Interim Head of Education; Head of Education",
        "2",
        "3",
    ]
    assert people.row("Councillor Siobhan Reilly")[1:] == [
        "Cabinet member",
        "Cabinet Member for Children and Learning",
        "1",
        "1",
    ]
    assert people.row("Dr Amara Osei")[1:] == ["Guest", "–", "1", "1"]
    members = page(site, "members")
    assert "those in the register of officers on their own pages" in members.text
    assert 'href="../people/"' in members.html


def test_meeting_pages_link_registered_names_and_keep_the_inline_form(site):
    february = page(site, "meetings/2025-02-13")
    assert (
        'Also addressed the panel Hilary Grant (printed as "Hillary Grant"), Interim Head of '
        "Education (items 27, 28); Councillor Siobhan Reilly (printed as "
        '"Councillor Shiobhan Reilly"), Cabinet Member for Children and Learning (item 27); '
        "Dr Amara Osei, Independent Chair, Local Safeguarding Children Partnership (item 28); "
        "Pat Morgan, Parent governor (item 28)" in february.text
    )
    assert february.html.count('href="../../people/hilary-grant/"') == 3
    assert 'href="../../people/cllr-siobhan-reilly/"' in february.html
    assert "Pat Morgan" in february.text and "people/pat-morgan" not in february.html
    march = page(site, "meetings/2025-03-13")
    assert "Addressed the panel: Hilary Grant (Head of Education)." in march.text


def test_the_register_is_in_the_open_data(site):
    people = json.loads((site / "data" / "people.json").read_text())
    assert people["pagination"]["totalElements"] == 3
    grant = next(p for p in people["data"] if p["id"] == "people/hilary-grant/")
    assert grant["type"] == "https://schema.oparl.org/1.1/Person"
    assert grant["kind"] == "officer" and grant["aliases"] == ["Hillary Grant"]
    assert grant["roles"][0] == {
        "role": "Interim Head of Education",
        "start": "2024-10-01",
        "end": "2025-02-28",
        "source": "Report to the panel, 13 February 2025",
    }
    assert [(a["agendaItem"], a["role"], a["asPublished"]) for a in grant["addressed"]] == [
        ("meetings/2025-02-13/#item-27", "Interim Head of Education", "Hillary Grant"),
        ("meetings/2025-02-13/#item-28", "Interim Head of Education", "Hillary Grant"),
        ("meetings/2025-03-13/#item-33", "Head of Education", None),
    ]
    february = meetings_json(site)["meetings/2025-02-13/"]
    osei, grant_there, morgan = february["agendaItem"][2]["addressedBy"]
    assert osei["person"]["id"] == "people/dr-amara-osei/" and osei["kind"] == "guest"
    assert grant_there["asPublished"] == "Hillary Grant"
    assert morgan == {
        "person": None,
        "name": "Pat Morgan",
        "asPublished": None,
        "role": "Parent governor",
        "kind": "guest",
    }
    assert february["spellings"] == [], "officers' spellings travel with addressedBy"
    extensions = page(site, "data").text
    assert "data/people.json Everyone in the register of officers" in extensions


def test_an_archive_without_a_register_has_no_people_pages(tmp_path):
    shutil.copytree(FIXTURES / "sample", tmp_path / "root")
    out = pipeline.build(tmp_path / "root", tmp_path / "site").out
    assert not (out / "people").exists() and not (out / "data" / "people.json").exists()


# --------------------------------------------------------------------------- substitutions


def test_substitutes_the_record_does_not_pair_are_shown_as_a_group(site):
    february = page(site, "meetings/2025-02-13")
    assert (
        "Substitutions Councillor Sam Clarke and Councillor Foster for Councillor Jo Clarke "
        "and Councillor Davies (the record does not pair them)" in february.text
    )
    assert page(site, "members/cllr-foster").row("13 February 2025")[1] == (
        "Present, Substitute, with Councillor Sam Clarke, for Councillor Jo Clarke and "
        "Councillor Davies (the record does not pair them)"
    )
    assert page(site, "members/cllr-davies").row("13 February 2025")[1] == (
        "Apologies, Substituted, with Councillor Jo Clarke, by Councillor Sam Clarke and "
        "Councillor Foster (the record does not pair them)"
    )
    substitution = meetings_json(site)["meetings/2025-02-13/"]["substitutions"][0]
    assert substitution["paired"] is False
    assert substitution["member"] is None and substitution["substitute"] is None
    assert [p["id"] for p in substitution["members"]] == [
        "members/cllr-jo-clarke/",
        "members/cllr-davies/",
    ]
    assert [p["id"] for p in substitution["substitutes"]] == [
        "members/cllr-sam-clarke/",
        "members/cllr-foster/",
    ]


def test_how_a_substitute_was_appointed(site):
    how = (
        "Councillor Ahmed temporarily resigned from the panel and Councillor Hughes was "
        "appointed by the Service Director, Legal and Governance under delegated powers"
    )
    march = page(site, "meetings/2025-03-13")
    assert f"Substitutions Councillor Hughes for Councillor Ahmed: {how}." in march.text
    assert page(site, "members/cllr-hughes").row("13 March 2025")[1] == (
        f"Substitute for Councillor Ahmed ({how})"
    )
    assert page(site, "members/cllr-ahmed").row("13 March 2025")[1] == (
        f"Substituted by Councillor Hughes ({how})"
    )
    substitution = meetings_json(site)["meetings/2025-03-13/"]["substitutions"][0]
    assert substitution["paired"] is True
    assert substitution["member"]["id"] == "members/cllr-ahmed/"
    assert substitution["substitute"]["id"] == "members/cllr-hughes/"
    assert substitution["appointment"] == {
        "temporaryResignation": True,
        "by": "the Service Director, Legal and Governance",
        "delegatedPowers": True,
        "note": None,
    }


def test_the_one_for_one_form_still_reads_as_before(site):
    first = page(site, "meetings/2024-05-23").text
    assert "Substitutions Councillor Sam Clarke for Councillor Jo Clarke" in first
    assert page(site, "members/cllr-jo-clarke").row("23 May 2024")[1] == (
        "Apologies, Substituted by Councillor Sam Clarke"
    )
    substitution = meetings_json(site)["meetings/2024-05-23/"]["substitutions"][0]
    assert substitution["paired"] is True
    assert substitution["member"]["id"] == "members/cllr-jo-clarke/"


# --------------------------------------------------------------------------- member pages


def test_a_substitute_named_nowhere_else_has_the_meeting_on_their_page(site):
    hughes = page(site, "members/cllr-hughes")
    assert "No meeting in the archive records this member" not in hughes.text
    assert [row[0] for row in hughes.rows[1:]] == ["13 March 2025"]


def test_chairing_is_counted_as_the_meeting_page_states_it(site, checked):
    archive, analysis = checked
    assert "Chair Councillor Davies" in page(site, "meetings/2025-03-13").text
    assert page(site, "members").row("Councillor Davies")[4] == "1"
    assert page(site, "members/cllr-davies").row("13 March 2025")[1] == "Chair"
    rows = {row.link.text: row for row in views.members_index_page(archive, analysis).rows}
    for person in archive.people:
        chaired_pages = [
            m
            for m in archive.meetings
            if m.chair == person.id or any(item.chair == person.id for item in m.items)
        ]
        assert rows[person.name].chaired == len(chaired_pages), person.id


# --------------------------------------------------------------------------- bad input


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            FEBRUARY,
            "      - person: hilary-grant\n      - person: cllr-siobhan",
            "      - person: hilary-grnat\n      - person: cllr-siobhan",
            "field items[2].addressed[1].person: 'hilary-grnat' is not in the register "
            "content/officers.yml (did you mean 'hilary-grant'?)",
        ),
        (
            FEBRUARY,
            "      - person: hilary-grant\n      - person: cllr-siobhan",
            "      - person: Hillary Grant\n      - person: cllr-siobhan",
            "'Hillary Grant' is not in the register content/officers.yml (did you mean "
            "'hilary-grant'?)",
        ),
        (
            FEBRUARY,
            "      - person: hilary-grant\n      - person: cllr-siobhan",
            "      - person: cllr-davies\n      - person: cllr-siobhan",
            "'cllr-davies' is a member of the panel (content/people.yml): addressed lists "
            "people who are not members, from content/officers.yml",
        ),
        (
            FEBRUARY,
            "      - person: hilary-grant\n      - person: cllr-siobhan",
            "      - name: Hillary Grant\n      - person: cllr-siobhan",
            "field items[2].addressed[1].name: 'Hillary Grant' is in the register "
            "content/officers.yml: write 'person: hilary-grant' instead of the name, and the "
            "spelling printed, if it differs, under spellings",
        ),
        (
            FEBRUARY,
            "      - person: hilary-grant\n      - person: cllr-siobhan",
            "      - person: hilary-grant\n        name: Hillary Grant\n"
            "      - person: cllr-siobhan",
            "give person or name, not both: the spelling the record printed goes under the "
            "meeting's spellings",
        ),
        (
            FEBRUARY,
            "      - name: Pat Morgan\n        role: Parent governor\n",
            "      - role: Parent governor\n",
            "field items[3].addressed[3]: say who addressed the panel: person (their id in "
            "content/officers.yml) or name",
        ),
        (
            FEBRUARY,
            "  hilary-grant: Hillary Grant",
            "  hilary-grant: Hillary Grunt",
            "field spellings.hilary-grant: 'Hillary Grunt' is not a known spelling of Hilary "
            "Grant: add it to their aliases in content/officers.yml",
        ),
        (
            FEBRUARY,
            "  hilary-grant: Hillary Grant",
            "  hillary-grant: Hillary Grant",
            "'hillary-grant' is in neither the member register content/people.yml nor the "
            "register content/officers.yml (did you mean 'hilary-grant'?)",
        ),
        (
            OFFICERS,
            "  aliases: [Councillor Shiobhan Reilly]",
            "  aliases: [Councillor Shiobhan Reilly, Hillary Grant]",
            "the name 'Hillary Grant' is claimed by both 'hilary-grant' and 'cllr-siobhan-reilly'",
        ),
        (
            OFFICERS,
            "      start: 2024-10-01\n      end: 2025-02-28",
            "      start: 2025-10-01\n      end: 2025-02-28",
            "field [1].roles[1].end: the post ends on 2025-02-28, before it starts on 2025-10-01",
        ),
        (
            OFFICERS,
            "      start: 2025-03-01",
            "      start: 2024-03-01",
            "field [1].roles[2].start: 2024-03-01 is before the start of the post listed above "
            "it (2024-10-01): list posts oldest first",
        ),
        (
            OFFICERS,
            "- id: dr-amara-osei",
            "- id: cllr-hughes",
            "the id 'cllr-hughes' is already a member's id in content/people.yml",
        ),
        (
            OFFICERS,
            "- id: dr-amara-osei",
            "- id: index",
            "field [3].id: 'index' names the list of people: give another id",
        ),
        (
            OFFICERS,
            "      start: 2025-03-01",
            "      from: 2025-03-01",
            "unknown field 'from' (expected one of: role, start, end, source)",
        ),
        (
            OFFICERS,
            "  kind: guest",
            "  kind: visitor",
            "expected one of 'officer', 'cabinet_member', 'councillor' or 'guest'",
        ),
        (
            FEBRUARY,
            "  - members: [cllr-jo-clarke, cllr-davies]",
            "  - member: cllr-ahmed\n    members: [cllr-jo-clarke, cllr-davies]",
            "field substitutions[1].members: give member (one) or members (several), not both",
        ),
        (
            FEBRUARY,
            "    substitutes: [cllr-sam-clarke, cllr-foster]",
            "    substitutes: []",
            "field substitutions[1]: say who stood in: substitute (one) or substitutes (several)",
        ),
        (
            FEBRUARY,
            "    substitutes: [cllr-sam-clarke, cllr-foster]",
            "    substitutes: [cllr-sam-clarke, cllr-hughes]",
            "field substitutions[1].substitutes[2]: the substitute 'cllr-hughes' is not listed "
            "as present",
        ),
        (
            FEBRUARY,
            "  - members: [cllr-jo-clarke, cllr-davies]",
            "  - members: [cllr-jo-clarke, cllr-ahmed]",
            "field substitutions[1].members[2]: 'cllr-ahmed' is present, so needs no substitute",
        ),
        (
            FEBRUARY,
            "    substitutes: [cllr-sam-clarke, cllr-foster]",
            "    substitutes: [cllr-sam-clarke, cllr-sam-clarke]",
            "field substitutions[1].substitutes[2]: 'cllr-sam-clarke' is named twice in this "
            "meeting's substitutions",
        ),
        (
            FEBRUARY,
            "    substitutes: [cllr-sam-clarke, cllr-foster]",
            "    substitutes: [cllr-sam-clarke, cllr-fostr]",
            "'cllr-fostr' is not in the member register content/people.yml (did you mean "
            "'cllr-foster'?)",
        ),
        (
            MARCH,
            "      temporary_resignation: true\n      by: the Service Director, Legal and "
            "Governance\n      delegated_powers: true\n",
            "      temporary_resignation: false\n",
            "field substitutions[1].appointment: say how the substitute was appointed: "
            "temporary_resignation, by, delegated_powers or note",
        ),
        (
            MARCH,
            "      delegated_powers: true",
            "      delegated_powers: yes please",
            "field substitutions[1].appointment.delegated_powers: expected true or false",
        ),
    ],
)
def test_each_mistake_is_reported_with_its_place(tmp_path, relative, old, new, expected):
    root = tmp_path / "root"
    shutil.copytree(PATTERNS, root)
    edit(root, relative, old, new)
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    reported = [str(e) for e in caught.value.errors]
    assert any(relative in r and expected in r for r in reported), reported


def test_a_register_entry_with_a_problem_of_its_own_is_reported_once(tmp_path):
    """Meetings naming a person whose entry does not validate are not reported as well."""
    root = tmp_path / "root"
    shutil.copytree(PATTERNS, root)
    edit(root, OFFICERS, "      start: 2025-03-01", "      from: 2025-03-01")
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    assert [str(e) for e in caught.value.errors] == [
        "content/officers.yml, line 13, field [1].roles[2].from: unknown field 'from' "
        "(expected one of: role, start, end, source)"
    ]


def test_a_temporary_resignation_needs_no_listing_among_the_members(tmp_path):
    """The agenda may list the appointee in the resigned member's place."""
    root = tmp_path / "root"
    shutil.copytree(PATTERNS, root)
    edit(
        root,
        MARCH,
        "apologies: [cllr-brooks]",
        "members: [cllr-brooks, cllr-hughes]\napologies: [cllr-brooks]",
    )
    pipeline.check(root)
    edit(root, MARCH, "      temporary_resignation: true\n", "")
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(root)
    assert "'cllr-ahmed' is not a member of the panel at this meeting" in str(
        caught.value.errors[0]
    )


# --------------------------------------------------------------------------- accessibility


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    ["/people/", "/people/hilary-grant/", "/meetings/2025-02-13/", "/members/cllr-foster/"],
)
def test_the_new_pages_have_no_wcag_violations(browser, served_patterns, path):
    assert axe_violations(browser, served_patterns + path) == []
