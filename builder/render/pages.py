"""The pages of the site: which view each page shows, through which template.

Each page is a view from ``views.py`` laid out by one template of ``templates/pages/``;
the templates share ``templates/macros.md.j2`` and the includes of ``templates/includes/``.
Nothing here knows about MkDocs: a page is a path and its Markdown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from builder import urls
from builder.model import Analysis, Archive, IndicatorAnalysis, PublishedFigures
from builder.reference import ReferencePage
from builder.render import datapackage, oparl, views
from builder.render.charts import Charts
from builder.render.embed import EmbedPage, embed_page
from builder.render.format import FILTERS
from builder.render.guide import GuidePage, guide_views
from builder.render.opendata import EXTENSIONS
from builder.render.statement import AccessibilityPage, accessibility_page


@dataclass(frozen=True)
class Page:
    """A page to write: its address on the site and its Markdown."""

    address: urls.Address
    text: str

    @property
    def path(self) -> str:
        return self.address.path


TEMPLATES = {
    views.HomePage: "home.md.j2",
    views.MeetingsIndexPage: "meetings_index.md.j2",
    views.MeetingsYearPage: "meetings_year.md.j2",
    views.MeetingPage: "meeting.md.j2",
    views.IndicatorsIndexPage: "indicators_index.md.j2",
    views.IndicatorPage: "indicator.md.j2",
    views.RecommendationsPage: "recommendations.md.j2",
    views.RecommendationsYearPage: "recommendations_year.md.j2",
    views.MembersIndexPage: "members_index.md.j2",
    views.MemberPage: "member.md.j2",
    views.PeopleIndexPage: "people_index.md.j2",
    views.PersonPage: "person.md.j2",
    views.OpenDataPage: "open_data.md.j2",
    AccessibilityPage: "accessibility.md.j2",
    views.ReleasesIndexPage: "releases_index.md.j2",
    views.ReleasePage: "release.md.j2",
    views.GlossaryIndexPage: "glossary_index.md.j2",
    views.TermPage: "glossary_term.md.j2",
    EmbedPage: "embed.md.j2",
    GuidePage: "guide.md.j2",
    ReferencePage: "guide_reference.md.j2",
}


@pass_context
def href(context: Context, address: urls.Address) -> str:
    """The link to ``address`` from the page being rendered."""
    return address.href_from(context["page"].address)


@pass_context
def served_href(context: Context, address: urls.Address) -> str:
    """The link to ``address`` in HTML kept out of the Markdown of the page being rendered
    (``render/inserts.py``)."""
    return address.served_href_from(context["page"].address)


def template_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("builder", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(FILTERS, href=href, served_href=served_href)
    environment.globals.update(ROLE_NAMES=views.ROLE_NAMES)
    return environment


def render_page(environment: Environment, view: Any) -> Page:
    template = environment.get_template(f"pages/{TEMPLATES[type(view)]}")
    return Page(view.address, template.render(page=view))


def site_views(archive: Archive, analysis: Analysis, charts: Charts | None = None) -> Iterator[Any]:
    """The view of every page of the site, in a fixed order (charts drawn by ``charts``)."""
    return (make() for make in site_view_makers(archive, analysis, charts))


def site_view_makers(
    archive: Archive, analysis: Analysis, charts: Charts | None = None
) -> list[Callable[[], Any]]:
    """What makes the view of each page of the site, in a fixed order: a page's view is
    made only when it is rendered, so the pages can be shared out among processes."""
    records = views.catalogue(archive)
    makers: list[Callable[[], Any]] = [
        partial(views.home_page, archive, analysis),
        partial(views.meetings_index_page, archive),
    ]
    makers += [partial(_given, page) for page in views.meetings_year_pages(archive)]
    meetings = archive.meetings
    for index, meeting in enumerate(meetings):
        previous = meetings[index - 1] if index > 0 else None
        following = meetings[index + 1] if index + 1 < len(meetings) else None
        makers.append(partial(views.meeting_page, records, analysis, meeting, previous, following))
    makers.append(partial(views.indicators_index_page, archive, analysis))
    printed: dict[str, list[PublishedFigures]] = defaultdict(list)
    for figures in archive.published_figures:
        printed[figures.indicator].append(figures)
    charts = charts or Charts(records.releases, analysis.as_of, None)
    for slug, indicator_analysis in analysis.indicators.items():
        makers.append(
            partial(_indicator_view, records, analysis, indicator_analysis, printed[slug], charts)
        )
        if indicator_analysis.series:
            makers.append(partial(_embed_view, records, analysis, indicator_analysis, charts))
    makers.append(partial(views.recommendations_page, archive, analysis))
    makers += [
        partial(_given, page) for page in views.recommendations_year_pages(archive, analysis)
    ]
    makers.append(partial(views.members_index_page, archive, analysis))
    makers += [
        partial(views.member_page, archive, analysis, person)
        for person in views.people_in_order(archive)
    ]
    if archive.officers:
        makers.append(partial(views.people_index_page, archive, analysis))
        makers += [
            partial(views.person_page, archive, analysis, officer)
            for officer in views.officers_in_order(archive)
        ]
    makers += [
        partial(_open_data_view, archive, analysis),
        partial(accessibility_page, archive.site, analysis.as_of),
        partial(views.releases_index_page, archive, analysis),
    ]
    makers += [partial(views.release_page, records, report) for report in analysis.releases]
    makers.append(partial(views.glossary_index_page, archive))
    makers += [
        partial(
            views.term_page, archive.site, records, term, records.term_use.indicators[term.slug]
        )
        for term in archive.glossary
    ]
    return makers


def _given(view: Any) -> Any:
    """A view made already (the pages of a series are made together, each knowing the
    pages either side)."""
    return view


def _indicator_view(
    records: views.Catalogue,
    analysis: Analysis,
    indicator_analysis: IndicatorAnalysis,
    printed: list[PublishedFigures],
    charts: Charts,
) -> views.IndicatorPage:
    chart = None
    if indicator_analysis.series:
        chart = charts.markup(indicator_analysis, views.chart_description(indicator_analysis))
    return views.indicator_page(records, analysis, indicator_analysis, printed, chart)


def _embed_view(
    records: views.Catalogue,
    analysis: Analysis,
    indicator_analysis: IndicatorAnalysis,
    charts: Charts,
) -> EmbedPage:
    chart = charts.markup(indicator_analysis, views.chart_description(indicator_analysis))
    return embed_page(
        records.site,
        indicator_analysis,
        records.releases,
        views.indicator_summary(indicator_analysis),
        chart,
        analysis.as_of,
    )


def _open_data_view(archive: Archive, analysis: Analysis) -> views.OpenDataPage:
    tables = {name: table.description for name, table in datapackage.TABLES.items()}
    interface = views.oparl_interface(
        archive.site,
        oparl.OBJECTS,
        oparl.EXTENSION_PREFIX,
        oparl.EXTENSIONS,
        oparl.ELEMENTS_PER_PAGE,
    )
    return views.open_data_page(archive, analysis, EXTENSIONS, tables, interface)


def site_pages(
    archive: Archive,
    analysis: Analysis,
    environment: Environment,
    charts: Charts | None = None,
) -> Iterator[Page]:
    for view in site_views(archive, analysis, charts):
        yield render_page(environment, view)


def guide_pages(environment: Environment) -> Iterator[Page]:
    """The authoring guide and its field reference: the same on every council's site."""
    for view in guide_views():
        yield render_page(environment, view)
