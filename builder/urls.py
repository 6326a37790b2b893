"""Every web address, anchor and public identifier of the site, decided in one place.

A page is addressed by the path of its Markdown source under the docs folder
(``meetings/2018-06-07.md``); the site generator serves it as a folder
(``meetings/2018-06-07/``). Links between pages are written relative to the page they
stand on, so the site works at a domain root or under any sub-path (``/<repo>/2018-04/``)
unchanged. Absolute addresses (open data ids, feed links) are made by ``absolute`` alone,
from the ``site_url`` of the site configuration: a version or committee prefix is a
change to that one function.

Stages and templates never write a path, an anchor or an identifier themselves: they ask
this module, so that what the pages link to and what the validate stage checks agree.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import uuid
from dataclasses import dataclass, replace

from builder.slugs import slugify


def _relative(path: str, folder: str) -> str:
    """``posixpath.relpath(path, folder)`` for two paths inside the site (no '.' or '..'
    parts), without its calls to the file system's idea of the current folder: pages
    link to each other tens of thousands of times in a large archive."""
    parts = [part for part in path.split("/") if part]
    base = [part for part in folder.split("/") if part]
    common = 0
    while common < min(len(parts), len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


@dataclass(frozen=True)
class Address:
    """A place on the site: a page or file (docs-relative path) and perhaps an anchor."""

    path: str
    anchor: str = ""

    def __post_init__(self) -> None:
        # Checked by the validate stage for every name from content; this is the last guard
        # that no address, and so no file written for it, leaves the site's folder.
        if not is_inside(self.path):
            raise ValueError(f"an address outside the site: {self.path!r}")

    def at(self, anchor: str) -> Address:
        """The same page, at ``anchor``."""
        return replace(self, anchor=anchor)

    def href_from(self, page: Address) -> str:
        """The link to this address written on ``page``: relative, so any sub-path works."""
        fragment = f"#{self.anchor}" if self.anchor else ""
        if self.path == page.path and fragment:
            return fragment
        return _relative(self.path, posixpath.dirname(page.path)) + fragment

    def served_href_from(self, page: Address) -> str:
        """The link to this address in HTML put into ``page`` after the site generator has
        made it (``render/inserts.py``), which turns links between Markdown files into
        links between the folders pages are served as, but never sees these: written
        between those folders here."""
        fragment = f"#{self.anchor}" if self.anchor else ""
        if self.path == page.path and fragment:
            return fragment
        target, base = replace(self, anchor="").web_path, page.web_path.removesuffix("/")
        folder = base if page.path.endswith(".md") else posixpath.dirname(page.path)
        link = _relative(target, folder)
        if target.endswith("/") or target == "":
            link = "./" if link == "." else link + "/"
        return link + fragment

    @property
    def web_path(self) -> str:
        """The path a browser asks for, from the site root: pages are served as folders."""
        path = self.path
        if path.endswith(".md"):
            path = path[: -len(".md")]
            path = "" if path == "index" else path.removesuffix("/index") + "/"
        return path + (f"#{self.anchor}" if self.anchor else "")


# Names no record may take as its slug or id: ``indicators/index.md`` is the section's own
# page, which an indicator coded INDEX would otherwise replace.
RESERVED_SLUGS = frozenset({"index"})


def is_inside(path: str) -> bool:
    """Whether ``path`` stays inside the folder it is relative to: not absolute, no '..'
    or '.' segment, no empty segment but a final one, no backslash or NUL."""
    if path.startswith("/") or "\\" in path or "\x00" in path:
        return False
    segments = path.split("/")
    return all(segment not in ("", ".", "..") for segment in segments[:-1]) and segments[
        -1
    ] not in (".", "..")


def is_safe_name(name: str) -> bool:
    """Whether ``name`` can be one segment of an address: a file or folder name of its own."""
    return bool(name) and "/" not in name and is_inside(name)


def absolute(address: Address, site_url: str | None) -> str:
    """The full web address where the site has one, else the path from the site root."""
    if not site_url:
        return address.web_path
    return site_url.rstrip("/") + "/" + address.web_path


# --------------------------------------------------------------------------- editions

# The alias of the newest edition, and the default version of a site with editions.
LATEST = "latest"

# What an edition may be named: a path segment such as '2018-04'.
EDITION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def edition_root(site_url: str, edition: str) -> str:
    """The root address of an edition published as a version: ``<site_url>/<edition>/``."""
    return site_url.rstrip("/") + "/" + edition + "/"


def permanent(address: Address, site_url: str, edition: str) -> str:
    """The address of ``address`` in one edition, which later editions never change:
    ``<site_url>/<edition>/indicators/lac1/``."""
    return absolute(address, edition_root(site_url, edition))


def latest_from_edition() -> str:
    """The latest edition's root, written relative to another edition's root."""
    return f"../{LATEST}/"


# What the site generator serves for itself (its scripts, styles, icons and search
# index: Pagefind's, and the lunr index of editions built before it), under names that
# change with its version or the content: not addresses a reader keeps.
GENERATOR_FOLDERS = (
    "assets/javascripts/",
    "assets/stylesheets/",
    "assets/images/",
    "search/",
    "pagefind/",
)


def served_address(file_path: str) -> str:
    """The address (from the site's root) a browser asks for to be served a file of a built
    site: a page's folder for its ``index.html``."""
    if file_path == "index.html":
        return ""
    return file_path.removesuffix("index.html") if file_path.endswith("/index.html") else file_path


def generator_file(file_path: str) -> bool:
    return file_path.startswith(GENERATOR_FOLDERS)


def page_at(web_path: str) -> Address:
    """The page a browser asks for at ``web_path`` (``indicators/lac1/``), as the page
    source the site generator would serve there."""
    return Address(web_path.rstrip("/") + ".md") if web_path.strip("/") else home()


# --------------------------------------------------------------------------- sections


def home() -> Address:
    return Address("index.md")


def meetings_index() -> Address:
    return Address("meetings/index.md")


def recommendations() -> Address:
    return Address("recommendations/index.md")


def members_index() -> Address:
    return Address("members/index.md")


def indicators_index() -> Address:
    return Address("indicators/index.md")


def releases_index() -> Address:
    return Address("releases/index.md")


def glossary_index() -> Address:
    return Address("glossary/index.md")


def open_data() -> Address:
    return Address("data/index.md")


def not_found_heading() -> str:
    """The anchor of the heading of the page for an address not found, which its "skip to
    content" link leads to (Material writes that link only on pages with contents)."""
    return "page-not-found"


def accessibility_statement() -> Address:
    """The accessibility statement, in the form UK public-sector bodies publish."""
    return Address("accessibility.md")


def stylesheet(name: str) -> Address:
    """A stylesheet beside the pages: the builder's own, or ``site/<name>`` of a council's."""
    return Address(f"assets/{name}")


def favicon() -> Address:
    """The site's icon (the header's logo, as an SVG image: a fraction of the theme's PNG),
    which a browser asks for with the first page."""
    return Address("assets/favicon.svg")


# --------------------------------------------------------------------------- meetings


# A meeting is named by its date, or by its slug where its date is not known
# (``Meeting.slug``: ``between-2019-06-07-and-2019-09-11``).
MeetingKey = dt.date | str


def meeting_slug(day: MeetingKey) -> str:
    return day.isoformat() if isinstance(day, dt.date) else day


def meeting(day: MeetingKey) -> Address:
    return Address(f"meetings/{meeting_slug(day)}.md")


def municipal_year(year: str) -> Address:
    """The meetings of a municipal year ('2018/19'): a page of their own, so the index of
    meetings stays short however many years the archive holds."""
    return Address(f"meetings/year-{year.replace('/', '-')}.md")


def recommendations_year(year: str) -> Address:
    """The recommendations and requests made in a municipal year ('2018/19')."""
    return Address(f"recommendations/{year.replace('/', '-')}.md")


def item_key(number: int | None, position: int) -> str:
    """An agenda item in ids and anchors: its printed number, or 'n' and its position
    (counted from 1) where the agenda prints none."""
    return str(number) if number is not None else f"n{position}"


def item_anchor(key: str) -> str:
    return f"item-{key}"


def item(day: MeetingKey, key: str) -> Address:
    return meeting(day).at(item_anchor(key))


def numbered_item(day: MeetingKey, number: int) -> Address:
    """An item as content refers to it (``fulfilled_by``): by its printed number."""
    return item(day, item_key(number, 0))


def item_part(day: MeetingKey, key: str, part: str) -> Address:
    """A part of an item's section: 'minutes', 'decisions', 'requests' or 'monitoring'."""
    return meeting(day).at(f"{item_anchor(key)}-{part}")


def decision_anchor(key: str, number: int) -> str:
    return f"decision-{key}-{number}"


def decision(day: MeetingKey, key: str, number: int) -> Address:
    return meeting(day).at(decision_anchor(key, number))


def decision_identifier(day: MeetingKey, key: str, number: int) -> str:
    """The public identifier of a decision: meeting date, item key and position,
    e.g. ``2023-07-20/9/1``."""
    return f"{meeting_slug(day)}/{key}/{number}"


def request_anchor(key: str, number: int) -> str:
    return f"request-{key}-{number}"


def request(day: MeetingKey, key: str, number: int) -> Address:
    """A request of an item (asked in the minutes' own words, not as a resolution)."""
    return meeting(day).at(request_anchor(key, number))


def request_identifier(day: MeetingKey, key: str, number: int) -> str:
    """The public identifier of a request: meeting date, item key and 'r' with its position
    among the item's requests (counted from 1), e.g. ``2025-06-12/5/r1``; the 'r' keeps it
    apart from the item's decisions."""
    return f"{meeting_slug(day)}/{key}/r{number}"


def item_identifier(day: MeetingKey, number: int) -> str:
    """A numbered item of a meeting as written in content and open data: ``2023-07-20/9``."""
    return f"{meeting_slug(day)}/{number}"


# --------------------------------------------------------------------------- people


def member(person_id: str) -> Address:
    return Address(f"members/{person_id}.md")


def people_index() -> Address:
    """The people of the register of officers: those named who are not members."""
    return Address("people/index.md")


def person(officer_id: str) -> Address:
    """A person of the register of officers (an officer, cabinet member or guest)."""
    return Address(f"people/{officer_id}.md")


# --------------------------------------------------------------------------- indicators


def indicator(slug: str) -> Address:
    return Address(f"indicators/{slug}.md")


def indicator_revisions(slug: str) -> Address:
    return indicator(slug).at("revisions")


def indicator_chart(slug: str) -> Address:
    return Address(f"indicators/charts/{slug}.svg")


# Files beside a page's Markdown that the build puts into its HTML and does not publish.
INSERT_SUFFIX = ".insert.html"


def insert(page: Address, number: int) -> Address:
    """The ``number``-th chart of ``page`` (counting from 1), kept beside its Markdown
    (``render/inserts.py``)."""
    return Address(f"{page.path.removesuffix('.md')}.{number}{INSERT_SUFFIX}")


def chart_id(slug: str, variant: str = "") -> str:
    """The id of an indicator's chart drawn into its page (its title and description
    take ids made from it); ``variant`` tells apart the drawings of one chart on the page
    (the wide and the narrow), so every id stays unique."""
    return f"chart-{slug}--{variant}" if variant else f"chart-{slug}"


# In the order an indicator's page lists them; ``benchmarks.csv`` and ``targets.csv`` only
# where the indicator has benchmarks or targets.
INDICATOR_DOWNLOADS = (
    "data.csv",
    "data.json",
    "benchmarks.csv",
    "targets.csv",
    "metadata.json",
    "chart.svg",
    "chart.png",
    "chart.vl.json",
)


def indicator_download(slug: str, name: str) -> Address:
    """A file beside an indicator's page: one of ``INDICATOR_DOWNLOADS``."""
    assert name in INDICATOR_DOWNLOADS, name
    return Address(f"indicators/{slug}/{name}")


def indicator_embed(slug: str) -> Address:
    """An indicator's chart and summary alone, for other sites to show in a frame."""
    return Address(f"embed/indicators/{slug}.md")


def indicator_chart_png(slug: str) -> Address:
    """The chart as a PNG image (title, source and edition inside it): the file to offer
    where an image must be a raster, such as a page's Open Graph preview."""
    return indicator_download(slug, "chart.png")


def indicator_csv(slug: str) -> Address:
    return Address(f"indicators/data/{slug}.csv")


def release(release_id: str) -> Address:
    return Address(f"releases/{release_id}.md")


def release_dataset(release_id: str, file_name: str) -> Address:
    """A release's dataset file as published, beside its highlight report."""
    return Address(f"releases/{release_id}/{file_name}")


# --------------------------------------------------------------------------- glossary


def term(slug: str) -> Address:
    return Address(f"glossary/{slug}.md")


def glossary_letter(letter: str) -> Address:
    return glossary_index().at(f"letter-{letter.lower()}")


# --------------------------------------------------------------------------- authoring guide


def guide_page(path: str) -> Address:
    """A page of the authoring guide, by its path in the guide's folder ``docs/guide/``:
    ``index.md``, ``patterns/meetings.md``."""
    return Address(f"guide/{path}")


def guide_index() -> Address:
    return guide_page("index.md")


def guide_reference() -> Address:
    """The field reference, generated from the model (not a file of ``docs/guide/``)."""
    return guide_page("reference.md")


def guide_record(title: str) -> Address:
    """A record's section of the field reference, by its title ('Agenda item')."""
    return guide_reference().at(slugify(title))


# --------------------------------------------------------------------------- open data


def meetings_json() -> Address:
    return Address("data/meetings.json")


def meeting_json(day: MeetingKey) -> Address:
    return Address(f"data/meetings/{meeting_slug(day)}.json")


def people_json() -> Address:
    """The people of the register of officers, as OParl ``Person`` objects."""
    return Address("data/people.json")


def meeting_json_pattern() -> str:
    """How the per-meeting files are named, for the open data page."""
    return "data/meetings/YYYY-MM-DD.json"


def indicator_csv_pattern() -> str:
    return "indicators/data/<indicator>.csv"


def indicator_download_pattern(name: str) -> str:
    """How a file beside each indicator's page is named, for the open data page."""
    assert name in INDICATOR_DOWNLOADS, name
    return f"indicators/<indicator>/{name}"


# The tables of the whole archive's data package, in the order its descriptor lists them.
DATA_TABLES = ("indicators", "values", "benchmarks", "targets")


def data_package() -> Address:
    """The Frictionless Data Package of every indicator: its descriptor."""
    return Address("data/datapackage.json")


def data_table(name: str) -> Address:
    """A table of the data package, a CSV file beside its descriptor."""
    assert name in DATA_TABLES, name
    return Address(f"data/{name}.csv")


def indicators_zip() -> Address:
    """Every indicator's downloads and the data package, in one zip file."""
    return Address("data/indicators.zip")


ZIP_README = "README.txt"


def zip_member(address: Address) -> str:
    """Where a file of the site is kept inside ``indicators_zip``: at its path on the
    site, so the folders inside the zip are the site's."""
    return address.path


def feed() -> Address:
    return Address("feed.xml")


def calendar() -> Address:
    return Address("meetings.ics")


def feed_entry_id(council: str, committee: str, address: Address) -> str:
    """A stable, absolute id for an Atom entry, even where the site has no address yet."""
    name = f"{council}/{committee}/{address.web_path}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def feed_id(council: str, committee: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{council}/{committee}/feed')}"


def calendar_uid(day: MeetingKey, council: str, committee: str) -> str:
    """The UID of a meeting's calendar event: stable across builds and editions."""
    return f"{meeting_slug(day)}@{slugify(committee)}.{slugify(council)}"


# --------------------------------------------------------------------------- citations

CITATION_FORMS = ("text", "bibtex", "csl-json")


def citation_anchor() -> str:
    """The 'Cite this' section of a page."""
    return "cite-this"


def citation_block_id(form: str) -> str:
    """The block holding one form of a page's citation (one of ``CITATION_FORMS``)."""
    assert form in CITATION_FORMS, form
    return f"citation-{form}"


def script(name: str) -> Address:
    """A script beside the pages, served by the site itself."""
    return Address(f"assets/{name}")


# --------------------------------------------------------------------------- search


def search_index() -> Address:
    """The folder of the site's search index (Pagefind's bundle: its script, its
    WebAssembly and the index in chunks), written beside the pages after they are built."""
    return Address("pagefind/")


def search_script() -> Address:
    """The script of the search index, which the search box loads once it is used."""
    return Address(f"{search_index().path}pagefind.js")


# The part of the search index that holds Pagefind's script beside its own pages.
FIRST_SEARCH_PART = ""
_MEETINGS_FOLDER = posixpath.dirname(meeting("x").path) + "/"
_INDICATORS_FOLDER = posixpath.dirname(indicator("x").path) + "/"
# A meeting's page (its date, or 'between-' two dates) or a municipal year's ('year-2018-19').
_MEETING_DECADE = re.compile(rf"{_MEETINGS_FOLDER}(?:year-|between-)?(\d{{3}})\d-")


def search_part(file_path: str) -> str:
    """The part of the search index (when it is made in parts) a built page is indexed in,
    by the page's file path in the site: a meeting's page and a municipal year's in the
    part of the decade it began in ('meetings-2010s'), an indicator's in 'indicators', any
    other in the first part. The parts follow the archive's records so that an edit of a
    meeting is indexed again with its decade's meetings only."""
    decade = _MEETING_DECADE.match(file_path)
    if decade is not None:
        return f"meetings-{decade.group(1)}0s"
    if file_path.startswith(_INDICATORS_FOLDER):
        return "indicators"
    return FIRST_SEARCH_PART


def search_part_index(part: str) -> Address:
    """The folder of one part of the search index: the first part is the folder of the
    index (with Pagefind's script); each other part a folder inside it, holding only its
    pages' index, which the script merges into every search."""
    if part == FIRST_SEARCH_PART:
        return search_index()
    return Address(f"{search_index().path}{part}/")


def search_parts_list() -> Address:
    """The list of the search index's parts besides the first (their folders, from the
    index's own), which the search box merges: written with the index."""
    return Address(f"{search_index().path}parts.json")


# --------------------------------------------------------------------------- OParl 1.1

# The static OParl 1.1 interface: one JSON file per object and per page of each list,
# under ``oparl/``. Its entry point is the ``System`` object. Every id is absolute (from
# ``site_url``), so the interface is written only where the site has an address. The
# paths are the interface's own; OParl clients follow ids and never build a path.
OPARL_LISTS = (
    "body",
    "organization",
    "person",
    "meeting",
    "agenda-item",
    "file",
    "location",
    "membership",
    "legislative-term",
    "paper",
)


def oparl_system() -> Address:
    """The entry point of the OParl interface."""
    return Address("oparl/system.json")


def oparl_list(kind: str, page: int = 1) -> Address:
    """A page of one of the interface's lists (``OPARL_LISTS``), counted from 1."""
    assert kind in OPARL_LISTS, kind
    return Address(f"oparl/list/{kind}-{page}.json")


def oparl_body(council: str) -> Address:
    return Address(f"oparl/body/{slugify(council)}.json")


def oparl_organization(committee: str) -> Address:
    return Address(f"oparl/organization/{slugify(committee)}.json")


def oparl_member(person_id: str) -> Address:
    """A member of the panel (the member register) as an OParl ``Person``."""
    return Address(f"oparl/person/member/{person_id}.json")


def oparl_officer(officer_id: str) -> Address:
    """A person of the register of officers as an OParl ``Person``."""
    return Address(f"oparl/person/officer/{officer_id}.json")


def oparl_membership(person_id: str, year: str, role: str) -> Address:
    """A member's role ('member', 'chair', ...) in one municipal year ('2018/19')."""
    return Address(f"oparl/membership/{person_id}/{year.replace('/', '-')}-{slugify(role)}.json")


def oparl_legislative_term(year: str) -> Address:
    """A municipal year ('2018/19') as an OParl ``LegislativeTerm``."""
    return Address(f"oparl/legislative-term/{year.replace('/', '-')}.json")


def oparl_meeting(day: MeetingKey) -> Address:
    return Address(f"oparl/meeting/{meeting_slug(day)}.json")


def oparl_agenda_item(day: MeetingKey, key: str) -> Address:
    """An agenda item, by its key (``item_key``: printed number, or 'n' and position)."""
    return Address(f"oparl/agenda-item/{meeting_slug(day)}/{key}.json")


def oparl_file(day: MeetingKey, name: str) -> Address:
    """A document of a meeting with a web address, by a name unique within the meeting."""
    return Address(f"oparl/file/{meeting_slug(day)}/{name}.json")


def oparl_location(venue: str) -> Address:
    return Address(f"oparl/location/{slugify(venue)}.json")
