"""Hypothesis strategies for small content roots, and a writer that lays one out on disk.

An archive is a plain dict with the content of every file of a content root (README.md,
"Authoring guide"): ``site``, ``committee``, ``people``, ``officers``, ``meetings``,
``indicators``, ``releases``, ``observations``, ``published_figures`` and ``glossary``.
``archives()``
draws *plausibly valid* ones: every cross-reference the formats allow is made to a
record that exists (or, for approvals, on purpose to a meeting that is not in the
archive), and texts are full of characters that mean something in Markdown, YAML or
HTML. ``write_archive`` writes one to a folder, YAML through ``yaml.safe_dump`` and CSV
through the csv module.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from builder.slugs import slugify

START = dt.date(2018, 5, 1)
END = dt.date(2025, 12, 31)

SERVICE_AREAS = ["Looked after children", "Early help & <prevention> | *triage*"]
COMMITTEES = [
    "Children and Families Scrutiny Panel",
    "Panel *A* | <B> & [C]",
    "Comité d’Études #1: “Enfants”",
]

# Text is made of these pieces: words, pieces that mean something to Markdown, YAML or
# HTML, unicode, and the abbreviations and indicator codes the glossary and indicators use.
WORDS = ["report", "children", "Panel", "minutes", "care", "officer", "school", "review"]
AWKWARD = [
    "*",
    "**bold**",
    "_",
    "__init__",
    "snake_case_word",
    "|",
    "a|b",
    "#",
    "#1",
    "C#",
    "<",
    "<5",
    ">",
    "->",
    "<b>",
    "</b>",
    "<br>",
    "<!--",
    "<?",
    "&",
    "&amp;",
    "&copy;",
    "[",
    "]",
    "[1]",
    "[see above]",
    '"quoted"',
    "'single'",
    "“curly”",
    "it’s",
    ":",
    "Q: A",
    "key: value",
    "50%",
    "£1,000",
    "–",
    "—",
    "naïve",
    "Ünïcödé",
    "日本語",
    "🙂",
    "ß",
    "İstanbul",
    "\\",
    "`",
    "~",
    "!",
    "{",
    "}",
    "(i)",
    "1.",
    "@",
    "$",
    "^",
    "a\u00a0b",
]
AWKWARD_CHARS = "*_|#<>&[]\"':`\\~!{}()-=+.,;?@$%^é日🙂ß"
ABBREVIATIONS = ["LAC", "CIN", "S47", "SGO", "EHCP"]
CODES = ["LAC1", "LAC6 (%)", "LAC6 (val)", "CP-3", "EH/1", "CIN_2"]
FAMILY_NAMES = ["Ahmed", "O'Brien", "Smith-Jones", "Ünal", "D*vies", "Ng_Li", "[Brooks]"]
# Markdown fields (summary, minutes, report detail, glossary definitions) may start a
# line with block syntax.
LINE_STARTS = ["", "", "", "- ", "1. ", "> ", "# ", "* ", "| ", "!!! "]
# HTML in Markdown text is refused by check (it could swallow the rest of a page): now and
# then a text keeps its tags, to see them refused; otherwise they are taken out.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*[^<>]*>")

_NUMBER_LIKE = re.compile(
    r"[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
)


# --------------------------------------------------------------------------- text


def fragments() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(AWKWARD),
        st.sampled_from(ABBREVIATIONS + CODES),
        st.text(alphabet=AWKWARD_CHARS, min_size=1, max_size=3),
    )


@st.composite
def plain_text(draw, max_pieces: int = 5) -> str:
    """One line of text: at least one word, and awkward pieces around it."""
    pieces = draw(st.lists(fragments(), max_size=max_pieces))
    word = draw(st.sampled_from(WORDS))
    pieces.insert(draw(st.integers(0, len(pieces))), word)
    text = " ".join(pieces)
    if len(pieces) > 1 and draw(st.integers(0, 24)) == 0:
        # Now and then a line break, as a YAML literal block ('|') or "\n" would give.
        text = text.replace(" ", "\n", 1)
    return text


@st.composite
def markdown_text(draw) -> str:
    """A few paragraphs or list lines of Markdown, as authors write minutes and summaries."""
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        lines = [
            draw(st.sampled_from(LINE_STARTS)) + draw(plain_text())
            for _ in range(draw(st.integers(1, 2)))
        ]
        blocks.append("\n".join(lines))
    text = "\n\n".join(blocks)
    if draw(st.integers(0, 9)) == 0:
        return "<div>" + text
    return _TAG.sub("", text)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def _put(record: dict, key: str, value: Any) -> None:
    """Set ``key`` unless ``value`` is None or empty: leave optional fields out."""
    if value is not None and value != [] and value != {}:
        record[key] = value


def dates_between(start: dt.date, end: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=start, max_value=max(start, end))


def municipal_year(day: dt.date) -> str:
    start = day.year if day.month >= 5 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def municipal_year_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day.year if day.month >= 5 else day.year - 1
    return dt.date(start, 5, 1), dt.date(start + 1, 4, 30)


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift_month(month: str, months: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# --------------------------------------------------------------------------- people


@st.composite
def people_registers(draw) -> list[dict]:
    """Three to five councillors and one or two appointed members, with unique names."""
    families = draw(st.lists(st.sampled_from(FAMILY_NAMES), min_size=4, max_size=7, unique=True))
    appointed = draw(st.integers(1, min(2, len(families) - 3)))
    people = []
    for index, family in enumerate(families):
        kind = "appointed_member" if index >= len(families) - appointed else "councillor"
        person: dict[str, Any] = {
            "id": f"{'cllr' if kind == 'councillor' else 'member'}-{slugify(family)}-{index}",
            "name": f"{'Councillor' if kind == 'councillor' else 'Reverend'} {family}",
            "kind": kind,
            "family_name": family,
        }
        if draw(st.booleans()):
            person["aliases"] = [f"Cllr. {family}"]
        if kind == "appointed_member" and draw(st.booleans()):
            person["given_name"] = draw(st.sampled_from(["Clare", "Zoë", "Ōno", "J*"]))
        if draw(st.integers(0, 3)) == 0:
            day = draw(dates_between(START, END))
            high = municipal_year_bounds(day)[1]
            term = {"role": draw(st.sampled_from(["chair", "vice_chair"]))}
            term["municipal_year"] = municipal_year(day)
            term["start"] = day
            if draw(st.booleans()):
                term["end"] = draw(dates_between(day, high))
            person["roles"] = [term]
        _put(person, "notes", draw(st.lists(plain_text(), max_size=1)))
        people.append(person)
    return people


OFFICER_NAMES = ["Hilary Grant", "Siobhan O'Neill", "Dr Zoë *Osei*", "Pat [Morgan]"]


@st.composite
def officer_registers(draw) -> list[dict]:
    """Nobody, or up to three people who are not members, with posts listed oldest first."""
    names = draw(st.lists(st.sampled_from(OFFICER_NAMES), max_size=3, unique=True))
    officers = []
    for index, name in enumerate(names):
        officer: dict[str, Any] = {
            "id": f"officer-{index}",
            "name": name,
            "kind": draw(st.sampled_from(["officer", "cabinet_member", "councillor", "guest"])),
        }
        if draw(st.booleans()):
            officer["aliases"] = [f"{name} (as printed)"]
        starts = sorted(draw(st.lists(dates_between(START, END), max_size=2, unique=True)))
        roles = []
        for start in starts:
            role: dict[str, Any] = {"role": draw(plain_text(max_pieces=2)), "start": start}
            if draw(st.booleans()):
                role["end"] = draw(dates_between(start, END))
            _put(role, "source", draw(optional(plain_text(max_pieces=2))))
            roles.append(role)
        _put(officer, "roles", roles)
        _put(officer, "notes", draw(st.lists(plain_text(), max_size=1)))
        officers.append(officer)
    return officers


# --------------------------------------------------------------------------- indicators


@st.composite
def indicator_sets(draw, site_areas: list[str]) -> dict[str, list]:
    """0-2 indicators with a few observations from one or two releases."""
    indicators: list[dict] = []
    slugs: set[str] = set()
    for _ in range(draw(st.integers(0, 2))):
        indicator: dict[str, Any] = {}
        code = draw(optional(st.sampled_from(CODES)))
        title = draw(plain_text(max_pieces=3))
        slug = slugify(code or title)
        if not slug or slug in slugs:
            continue
        slugs.add(slug)
        _put(indicator, "code", code)
        indicator.update(
            title=title,
            service_area=draw(st.sampled_from(site_areas)),
            unit=draw(st.sampled_from(["count", "percentage", "rate_per_10000"])),
            polarity=draw(st.sampled_from(["higher_is_better", "lower_is_better", "neither"])),
            polarity_reasoning=draw(plain_text()),
            sources=[draw(plain_text())],
            frequency=draw(st.sampled_from(["monthly", "monthly", "weekly"])),
        )
        _put(indicator, "decimals", draw(optional(st.integers(0, 2))))
        _put(indicator, "outcome", draw(optional(plain_text())))
        _put(indicator, "owner", draw(optional(plain_text(max_pieces=2))))
        indicator["benchmarks"] = [
            {"kind": kind, "year": "2016-17", **draw(_value_or_text())}
            for kind in draw(
                st.lists(
                    st.sampled_from(["statistical_neighbours", "england", "south_east"]),
                    unique=True,
                    max_size=2,
                )
            )
        ]
        indicator["targets"] = [
            {"year": year, **draw(_value_or_text())}
            for year in draw(
                st.lists(st.sampled_from(["2018-19", "2019-20", "2020-21"]), unique=True)
            )
        ]
        indicators.append(indicator)

    releases: list[dict] = []
    observations: list[dict] = []
    figures: list[dict] = []
    if indicators or draw(st.booleans()):
        first = draw(st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2024, 1, 1)))
        for number in range(draw(st.integers(1, 2))):
            month = shift_month(month_of(first), number)
            releases.append(
                {
                    "id": month,
                    "title": f"Dataset {draw(plain_text(max_pieces=2))} {number}",
                    "published": first + dt.timedelta(days=40 + 31 * number),
                    "source": draw(plain_text()),
                }
            )
    for indicator in indicators:
        slug = slugify(indicator.get("code") or indicator["title"])
        for release in releases:
            count = draw(st.integers(0, 4))
            for offset in range(count):
                if indicator["frequency"] == "monthly":
                    period = shift_month(release["id"], -offset)
                else:
                    monday = dt.date.fromisoformat(release["id"] + "-01")
                    period = (monday - dt.timedelta(weeks=offset)).isoformat()
                value = draw(
                    st.one_of(
                        st.integers(0, 600),
                        st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)),
                    )
                )
                observations.append(
                    {"indicator": slug, "period": period, "value": value, "release": release["id"]}
                )
            if count and draw(st.booleans()):
                figures.append(
                    {
                        "indicator": slug,
                        "release": release["id"],
                        "change_previous_month": draw(optional(st.integers(-50, 50))),
                        "change_previous_year": None,
                        "direction_of_travel": draw(
                            optional(st.sampled_from(["positive", "similar", "negative"]))
                        ),
                        "average_12_months": draw(optional(st.integers(0, 600))),
                        "max_12_months": None,
                    }
                )
    return {
        "indicators": indicators,
        "releases": releases,
        "observations": observations,
        "published_figures": figures,
    }


@st.composite
def _value_or_text(draw) -> dict:
    if draw(st.booleans()):
        return {"value": draw(st.integers(0, 500))}
    return {"published_as": draw(st.sampled_from(["Local", "TBC", "n/a *", "<tbc>"]))}


# --------------------------------------------------------------------------- glossary


@st.composite
def glossaries(draw) -> list[dict]:
    """0-2 terms; their abbreviations are among those meeting texts use."""
    terms: list[dict] = []
    used: set[str] = set()
    for _ in range(draw(st.integers(0, 2))):
        term = draw(
            st.one_of(
                plain_text(max_pieces=2),
                st.sampled_from(["Looked After Child", "Section 47 Enquiry", "Écoles", "24/7"]),
            )
        )
        slug = slugify(term)
        if not slug or any(slugify(t["front"]["term"]) == slug for t in terms):
            continue
        abbreviations = draw(
            st.lists(st.sampled_from([a for a in ABBREVIATIONS if a not in used]), unique=True)
            if len(used) < len(ABBREVIATIONS)
            else st.just([])
        )
        used.update(abbreviations)
        front: dict[str, Any] = {"term": term, "source": draw(plain_text())}
        _put(front, "abbreviations", abbreviations)
        terms.append({"front": front, "body": draw(markdown_text())})
    if len(terms) == 2 and draw(st.booleans()):
        terms[0]["front"]["related"] = [slugify(terms[1]["front"]["term"])]
    return terms


# --------------------------------------------------------------------------- meetings


@st.composite
def archives(draw) -> dict:
    """A whole content root: site, people, 1-4 meetings, indicators, releases, glossary."""
    committee = draw(st.sampled_from(COMMITTEES))
    site: dict[str, Any] = {
        "site_name": f"{committee} archive",
        "council": draw(st.sampled_from(["Test Borough Council", "Ville d’Essai & <Co>"])),
        "committee": committee,
        "description": draw(plain_text()),
        "service_areas": SERVICE_AREAS,
    }
    people = draw(people_registers())
    officers = draw(officer_registers())
    data = draw(indicator_sets(SERVICE_AREAS))
    glossary = draw(glossaries())
    slugs = [slugify(i.get("code") or i["title"]) for i in data["indicators"]]

    dates = sorted(draw(st.lists(dates_between(START, END), min_size=1, max_size=4, unique=True)))
    statuses = {}
    for day in dates:
        choices = ["held", "held", "held", "scheduled", "cancelled"]
        if len(dates) > 1:
            choices.append("moved")
        statuses[day] = draw(st.sampled_from(choices))
    # Item numbers first, so that any meeting can refer to another meeting's items.
    numbers: dict[dt.date, list[int | None]] = {}
    for day in dates:
        if statuses[day] in ("cancelled", "moved"):
            numbers[day] = []
            continue
        printed = draw(st.lists(st.integers(1, 40), max_size=4, unique=True))
        numbers[day] = [None if draw(st.integers(0, 3)) == 0 else number for number in printed]
    meetings = [
        draw(meeting_records(day, committee, dates, statuses, numbers, people, slugs, officers))
        for day in dates
    ]
    committee_record = None
    if draw(st.booleans()):
        committee_record = {
            "name": committee,
            "role": draw(plain_text()),
            "terms_of_reference": draw(st.lists(plain_text(), max_size=2)),
            "quorum": 3,
            "sources": [draw(plain_text())],
        }
    return {
        "site": site,
        "committee": committee_record,
        "people": people,
        "officers": officers,
        "meetings": meetings,
        **data,
        "glossary": glossary,
    }


@st.composite
def meeting_records(
    draw,
    day: dt.date,
    committee: str,
    dates: list[dt.date],
    statuses: dict[dt.date, str],
    numbers: dict[dt.date, list[int | None]],
    people: list[dict],
    indicator_slugs: list[str],
    officers: list[dict] | None = None,
) -> dict:
    status = statuses[day]
    meeting: dict[str, Any] = {
        "committee": committee,
        "date": day,
        "status": status,
        "sources": draw(st.lists(plain_text(), min_size=1, max_size=2)),
    }
    later = [d for d in dates if d > day]
    if status == "moved":
        meeting["moved_to"] = draw(st.sampled_from(later or [d for d in dates if d != day]))
    if draw(st.integers(0, 4)) == 0:
        meeting["kind"] = "special"
        meeting["special_reason"] = draw(plain_text())
    if draw(st.booleans()):
        meeting["start_time"] = draw(st.sampled_from(["17:30", "18:00", "09:05", "14:00"]))
    _put(meeting, "venue", draw(optional(plain_text(max_pieces=2))))
    if draw(st.integers(0, 4)) == 0:
        online: dict[str, Any] = {"platform": draw(plain_text(max_pieces=1))}
        if draw(st.booleans()):
            online["recording"] = f"https://example.org/recordings/{day.isoformat()}"
        meeting["online"] = online
    if draw(st.integers(0, 5)) == 0:
        meeting["date_inferred"] = {"evidence": draw(plain_text())}

    item_numbers = numbers[day]
    numbered = [n for n in item_numbers if n is not None]
    present = _attendance(draw, meeting, people, numbered) if status == "held" else []
    if status == "scheduled" and draw(st.booleans()):
        councillors = [p["id"] for p in people if p["kind"] == "councillor"]
        meeting["members"] = draw(st.lists(st.sampled_from(councillors), unique=True))

    items = [
        draw(
            item_records(
                day,
                number,
                dates,
                numbers,
                present,
                indicator_slugs,
                approvable=[d for d in dates if statuses[d] in ("held", "scheduled")],
                officers=officers,
            )
        )
        for number in item_numbers
    ]
    speakers = {a.get("person") for item in items for a in item.get("addressed", [])}
    aliased = [o for o in officers or [] if o["id"] in speakers and o.get("aliases")]
    if aliased and draw(st.booleans()):
        officer = draw(st.sampled_from(aliased))
        meeting.setdefault("spellings", {})[officer["id"]] = officer["aliases"][0]
    if len(items) > 1 and draw(st.booleans()):
        order = draw(st.permutations(range(1, len(items) + 1)))
        for position, (item, taken) in enumerate(zip(items, order, strict=True), start=1):
            if taken != position or draw(st.booleans()):
                item["order_taken"] = taken
    _put(meeting, "items", items)

    if draw(st.booleans()) and status in ("held", "scheduled"):
        contact = {"role": "Democratic Support Officer", "name": draw(plain_text(max_pieces=1))}
        if draw(st.booleans()):
            contact["phone"] = "023 8083 3899"
        meeting["contacts"] = [contact]
    if draw(st.integers(0, 2)) == 0:
        document: dict[str, Any] = {"title": draw(plain_text(max_pieces=2))}
        _put(document, "format", draw(optional(st.sampled_from(["PDF", "DOC", "xlsx"]))))
        _put(document, "date", draw(optional(dates_between(day - dt.timedelta(days=14), day))))
        meeting["documents"] = [document]
    if draw(st.integers(0, 3)) == 0:
        low, high = municipal_year_bounds(day)
        meeting["programme"] = {
            "municipal_year": municipal_year(day),
            "dates": sorted(
                draw(
                    st.lists(
                        st.one_of(
                            dates_between(low, high),
                            st.sampled_from([d for d in dates if low <= d <= high]),
                        ),
                        min_size=1,
                        max_size=4,
                        unique=True,
                    )
                )
            ),
        }
    if draw(st.integers(0, 3)) == 0:
        correction: dict[str, Any] = {
            "date": draw(dates_between(day, END)),
            "text": draw(plain_text()),
        }
        _put(correction, "source", draw(optional(plain_text())))
        meeting["corrections"] = [correction]
    _put(meeting, "disagreements", draw(st.lists(plain_text(), max_size=1)))
    _put(meeting, "notes", draw(st.lists(plain_text(), max_size=1)))
    return meeting


def _attendance(draw, meeting: dict, people: list[dict], numbered: list[int]) -> list[str]:
    """Members, presence, apologies, substitutes, chairs, declarations of a held meeting."""
    councillors = [p["id"] for p in people if p["kind"] == "councillor"]
    appointed = [p["id"] for p in people if p["kind"] == "appointed_member"]
    members = draw(st.lists(st.sampled_from(councillors), unique=True, max_size=4))
    state = {
        person: draw(st.sampled_from(["present", "present", "apologies", "absent"]))
        for person in councillors + appointed
    }
    present = [p for p in councillors + appointed if state[p] == "present"]
    apologies = [p for p in councillors if state[p] == "apologies"]
    _put(meeting, "members", members)
    _put(meeting, "present", present)
    _put(meeting, "apologies", apologies)
    if not present:
        return present
    if draw(st.booleans()):
        meeting["chair"] = draw(st.sampled_from(present))
    if draw(st.integers(0, 2)) == 0:
        meeting["vice_chair"] = draw(st.sampled_from(present))
    invited = [p for p in appointed if draw(st.booleans())]
    _put(meeting, "invited", invited)
    away = [p for p in members if p not in present]
    substitutes = [p for p in present if p in councillors and p not in members]
    if len(away) > 1 and len(substitutes) > 1 and draw(st.booleans()):
        group: dict[str, Any] = {"members": away[:2], "substitutes": substitutes[:2]}
        if draw(st.booleans()):
            group["appointment"] = {
                "temporary_resignation": True,
                "by": draw(plain_text(max_pieces=2)),
                "delegated_powers": draw(st.booleans()),
            }
        meeting["substitutions"] = [group]
    elif away and substitutes and draw(st.booleans()):
        meeting["substitutions"] = [
            {
                "member": draw(st.sampled_from(away)),
                "substitute": draw(st.sampled_from(substitutes)),
            }
        ]
    if numbered and draw(st.booleans()):
        meeting["part_attendance"] = [
            {
                "member": draw(st.sampled_from(present)),
                "items": draw(st.lists(st.sampled_from(numbered), min_size=1, unique=True)),
            }
        ]
    if draw(st.booleans()):
        declaration: dict[str, Any] = {
            "member": draw(st.sampled_from(present)),
            "text": draw(plain_text()),
        }
        _put(
            declaration,
            "interest",
            draw(optional(st.sampled_from(["personal", "personal and pecuniary", "other*"]))),
        )
        _put(declaration, "item", draw(optional(st.sampled_from(numbered))) if numbered else None)
        meeting["declarations"] = [declaration]
    aliased = [p for p in people if p["id"] in present and p.get("aliases")]
    if aliased and draw(st.booleans()):
        person = draw(st.sampled_from(aliased))
        meeting["spellings"] = {person["id"]: person["aliases"][0]}
    return present


@st.composite
def item_records(
    draw,
    day: dt.date,
    number: int | None,
    dates: list[dt.date],
    numbers: dict[dt.date, list[int | None]],
    present: list[str],
    indicator_slugs: list[str],
    approvable: list[dt.date] | None = None,
    officers: list[dict] | None = None,
) -> dict:
    item: dict[str, Any] = {"title": draw(plain_text(max_pieces=3))}
    _put(item, "number", number)
    if number is not None and draw(st.integers(0, 3)) == 0:
        item["minute_number"] = number + 20
    _put(item, "report_of", draw(optional(plain_text(max_pieces=2))))
    if draw(st.integers(0, 3)) == 0:
        first = draw(st.integers(1, 80))
        item["pages"] = f"{first}-{first + draw(st.integers(0, 20))}"
    _put(item, "summary", draw(optional(markdown_text())))
    _put(item, "minutes", draw(optional(markdown_text())))
    if present and draw(st.integers(0, 4)) == 0:
        item["chair"] = draw(st.sampled_from(present))
    if draw(st.integers(0, 3)) == 0:
        item["confidential"] = True
        _put(item, "exemption", draw(optional(st.sampled_from(["Paragraph 3", "para. 7a*"]))))
        if draw(st.booleans()):
            item["confidentiality_lifted"] = draw(dates_between(day, day + dt.timedelta(days=400)))
    if draw(st.integers(0, 4)) == 0:
        exclusion: dict[str, Any] = {}
        _put(
            exclusion,
            "basis",
            draw(
                optional(st.sampled_from(["schedule_12a", "government_department", "court_order"]))
            ),
        )
        if exclusion.get("basis") != "schedule_12a":
            _put(exclusion, "cites", draw(optional(plain_text(max_pieces=2))))
        _put(exclusion, "category", draw(optional(st.sampled_from(["3", "7a*"]))))
        _put(exclusion, "reason", draw(optional(plain_text())))
        appendices: list[Any] = []
        for title in draw(st.lists(plain_text(max_pieces=2), max_size=2)):
            if draw(st.booleans()):
                appendices.append(title)
                continue
            appendix: dict[str, Any] = {"title": title}
            if "category" not in exclusion:
                _put(appendix, "category", draw(optional(st.sampled_from(["2", "7a"]))))
            _put(appendix, "reason", draw(optional(plain_text())))
            appendices.append(appendix)
        exclusion["appendices"] = appendices
        if draw(st.booleans()):
            exclusion["not_needed"] = True
        _put(exclusion, "note", draw(optional(plain_text())))
        item["exclusion"] = {k: v for k, v in exclusion.items() if v != []}
    if draw(st.integers(0, 3)) == 0:
        document: dict[str, Any] = {"title": draw(plain_text(max_pieces=2))}
        _put(document, "format", draw(optional(st.sampled_from(["PDF", "DOC"]))))
        _put(document, "size", draw(optional(st.sampled_from(["280 KB", "1.2 MB"]))))
        item["documents"] = [document]
    if draw(st.integers(0, 3)) == 0:
        attendee: dict[str, Any] = {"name": draw(plain_text(max_pieces=1))}
        _put(attendee, "role", draw(optional(plain_text(max_pieces=2))))
        attendee["kind"] = draw(
            st.sampled_from(["officer", "cabinet_member", "councillor", "guest"])
        )
        item["addressed"] = [attendee]
    if officers and draw(st.booleans()):
        registered: dict[str, Any] = {"person": draw(st.sampled_from(officers))["id"]}
        _put(registered, "role", draw(optional(plain_text(max_pieces=2))))
        item.setdefault("addressed", []).append(registered)
    _put(
        item,
        "indicators",
        draw(st.lists(st.sampled_from(indicator_slugs), unique=True)) if indicator_slugs else None,
    )
    approvable = dates if approvable is None else approvable
    _put(item, "approves", draw(_approvals(day, dates, approvable)))
    _put(
        item,
        "decisions",
        draw(st.lists(decision_records(day, dates, numbers), max_size=3)),
    )
    if draw(st.integers(0, 3)) == 0:
        requests = st.lists(decision_records(day, dates, numbers, request=True), max_size=2)
        _put(item, "requests", draw(requests))
    if draw(st.integers(0, 4)) == 0:
        item["monitoring"] = True
    if draw(st.integers(0, 4)) == 0:
        report: dict[str, Any] = {"title": draw(plain_text(max_pieces=3))}
        _put(report, "report_of", draw(optional(plain_text(max_pieces=2))))
        if draw(st.booleans()):
            report["author"] = {"role": draw(plain_text(max_pieces=1)), "name": "Mark Pirnie"}
        _put(report, "summary", draw(optional(markdown_text())))
        _put(report, "recommendations", draw(st.lists(plain_text(), max_size=2)))
        _put(report, "detail", draw(optional(markdown_text())))
        _put(report, "appendices", draw(st.lists(plain_text(max_pieces=2), max_size=2)))
        item["report"] = report
    _put(item, "disagreements", draw(st.lists(plain_text(), max_size=1)))
    _put(item, "notes", draw(st.lists(plain_text(), max_size=1)))
    return item


@st.composite
def _approvals(draw, day: dt.date, dates: list[dt.date], approvable: list[dt.date]) -> list[dict]:
    """Minutes of earlier meetings: ones in the archive (held or scheduled, not cancelled or
    moved) and ones that are not."""
    if draw(st.integers(0, 2)) != 0:
        return []
    earlier = [d for d in approvable if d < day]
    missing = dates_between(day - dt.timedelta(days=200), day - dt.timedelta(days=1)).filter(
        lambda d: d not in dates
    )
    choices = st.one_of(st.sampled_from(earlier), missing) if earlier else missing
    approved = draw(st.lists(choices, min_size=1, max_size=2, unique=True))
    approvals = []
    for meeting in approved:
        approval: dict[str, Any] = {"meeting": meeting}
        _put(approval, "amendments", draw(optional(plain_text())))
        approvals.append(approval)
    return approvals


@st.composite
def decision_records(
    draw,
    day: dt.date,
    dates: list[dt.date],
    numbers: dict[dt.date, list[int | None]],
    request: bool = False,
) -> dict:
    """A decision, or with ``request`` a request asked without resolution wording."""
    decision: dict[str, Any] = {"text": draw(plain_text())}
    if not request:
        _put(
            decision, "label", draw(optional(st.sampled_from(["1.", "(i)", "(ii)", "*a*", "2|b"])))
        )
        if draw(st.booleans()):
            return decision
        decision["kind"] = "recommendation"
    _put(decision, "asked_of", draw(optional(plain_text(max_pieces=2))))
    later = [d for d in dates if d > day]
    due = draw(st.sampled_from(["meeting", "month", "window", None]))
    if due == "meeting" and later:
        decision["due_meeting"] = draw(st.sampled_from(later))
    elif due == "month":
        decision["due_month"] = shift_month(month_of(day), draw(st.integers(0, 6)))
    elif due == "window":
        first = draw(dates_between(day - dt.timedelta(days=100), day + dt.timedelta(days=200)))
        last = draw(
            dates_between(max(first, day + dt.timedelta(days=1)), first + dt.timedelta(days=400))
        )
        decision["due_within"] = {
            "as_written": draw(plain_text(max_pieces=2)),
            "first_day": first,
            "last_day": last,
        }
    answering = [(d, n) for d in later for n in numbers[d] if n is not None]
    if answering and draw(st.booleans()):
        meeting, item = draw(st.sampled_from(answering))
        decision["fulfilled_by"] = {"meeting": meeting, "item": item}
    events = []
    previous = day
    for _ in range(draw(st.integers(0, 2))):
        when = draw(dates_between(previous, previous + dt.timedelta(days=120)))
        event: dict[str, Any] = {
            "date": when,
            "status": draw(
                st.sampled_from(["open", "response_received", "completed", "not_accepted"])
            ),
        }
        recorded = [d for d in dates if d >= day]
        if recorded and draw(st.booleans()):
            event["meeting"] = draw(st.sampled_from(recorded))
        else:
            event["document"] = draw(plain_text(max_pieces=2))
        _put(event, "note", draw(optional(plain_text())))
        events.append(event)
        previous = when
    _put(decision, "status", events)
    return decision


# --------------------------------------------------------------------------- writing


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    """Literal blocks for Markdown; quotes where YAML 1.2 (ruamel) would read a number."""
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    if _NUMBER_LIKE.fullmatch(text):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    return dumper.represent_str(text)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if row.get(name) is None else row[name] for name in header])


OBSERVATION_COLUMNS = ["indicator", "period", "value", "release"]
FIGURE_COLUMNS = [
    "indicator",
    "release",
    "change_previous_month",
    "change_previous_year",
    "direction_of_travel",
    "average_12_months",
    "max_12_months",
]


def write_archive(archive: dict, root: Path) -> Path:
    """Write ``archive`` as a content root at ``root`` (created if need be); return it."""
    _write(root / "site_config" / "site.yml", dump_yaml(archive["site"]))
    if archive.get("committee"):
        _write(root / "content" / "committee.yml", dump_yaml(archive["committee"]))
    _write(root / "content" / "people.yml", dump_yaml(archive.get("people", [])))
    if archive.get("officers"):
        _write(root / "content" / "officers.yml", dump_yaml(archive["officers"]))
    for meeting in archive.get("meetings", []):
        name = f"{meeting['date'].isoformat()}.yml"
        _write(root / "content" / "meetings" / name, dump_yaml(meeting))
    for indicator in archive.get("indicators", []):
        slug = slugify(indicator.get("code") or indicator["title"])
        _write(root / "content" / "indicators" / f"{slug}.yml", dump_yaml(indicator))
    for release in archive.get("releases", []):
        _write(root / "content" / "releases" / f"{release['id']}.yml", dump_yaml(release))
    if archive.get("observations"):
        _write_csv(
            root / "content" / "indicators" / "observations.csv",
            OBSERVATION_COLUMNS,
            archive["observations"],
        )
    if archive.get("published_figures"):
        _write_csv(
            root / "content" / "indicators" / "published_figures.csv",
            FIGURE_COLUMNS,
            archive["published_figures"],
        )
    for term in archive.get("glossary", []):
        slug = slugify(term["front"]["term"])
        text = f"---\n{dump_yaml(term['front'])}---\n{term['body']}\n"
        _write(root / "glossary" / f"{slug}.md", text)
    return root
