"""The pages of one journey: its overview, a page per week, a page per written day, and the
workbook, which holds every written day on one page to print."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from sitegen.core import urls as u
from sitegen.planning import structured_data as ld
from sitegen.planning.nav import day_neighbours
from sitegen.planning.page_job import PageJob
from sitegen.planning.page_kit import PageKit
from sitegen.planning.views import (
    DayPageView,
    JourneyView,
    Link,
    WeekView,
    WorkbookDayView,
    WorkbookView,
    section_view,
)
from sitegen.planning.workbook_ids import workbook_sections
from sitegen.reading.models import Journey


def journey_pages(planner: PageKit, journey: Journey) -> list[PageJob]:
    """The overview, then a page per week, then a page per written day, then the workbook."""
    cta = planner.cta(journey.category, journey.author, journey.cta, journey.source.path, journey.cta_line)
    view = JourneyView(
        summary=planner.journey_summary(journey),
        intro_html=Markup(journey.intro_html),
        sections_before=tuple(section_view(s) for s in journey.sections_before),
        plan_intro_html=Markup(journey.plan_intro_html),
        weeks=tuple(planner.week_view(journey, w.number) for w in journey.weeks),
        sections_after=tuple(section_view(s) for s in journey.sections_after),
        closing_html=Markup(journey.closing_html),
        author=planner.person(journey.author),
        cta=cta,
    )
    return [
        _overview_page(planner, journey, view),
        *_week_pages(planner, journey, view),
        *_day_pages(planner, journey, view),
        *_workbook_page(planner, journey, view),
    ]


def _journeys_link(planner: PageKit) -> Link:
    return Link(planner.strings.text("journeys"), planner.hrefs.href(u.journeys()))


def _overview_page(planner: PageKit, journey: Journey, view: JourneyView) -> PageJob:
    course = ld.course(journey, planner.hrefs.absolute(u.journey(journey.slug)), planner.publisher)
    ctx: dict[str, Any] = dict(
        planner.base(
            journey.title,
            u.journey(journey.slug),
            "journey",
            journey.description,
            (_journeys_link(planner),),
            json_ld=ld.script_json(ld.with_context(course)),
        )
    )
    ctx["journey"] = view
    return PageJob(u.journey(journey.slug), "journey.html", ctx, str(journey.source))


def _week_pages(planner: PageKit, journey: Journey, view: JourneyView) -> list[PageJob]:
    text = planner.strings.text
    crumbs = (_journeys_link(planner), Link(journey.title, view.summary.url))
    jobs = []
    for week in view.weeks:
        path = u.journey_week(journey.slug, week.number)
        title = text("page_in_journey", page=_week_label(planner, week), journey=journey.title)
        wctx: dict[str, Any] = dict(planner.base(title, path, "week", journey.description, crumbs))
        wctx.update(
            journey=view.summary,
            week=week,
            previous_week=_week_link(planner, view.weeks, week.number - 1),
            next_week=_week_link(planner, view.weeks, week.number + 1),
        )
        jobs.append(PageJob(path, "week.html", wctx, str(journey.source)))
    return jobs


def _day_pages(planner: PageKit, journey: Journey, view: JourneyView) -> list[PageJob]:
    hrefs, text = planner.hrefs, planner.strings.text
    jobs = []
    for day in journey.written_days:
        previous, following = day_neighbours(journey, day.number)
        week = view.weeks[day.week - 1]
        day_view = DayPageView(
            journey=view.summary,
            week=week,
            day=planner.day_view(journey, day.number),
            sections=tuple(section_view(s) for s in day.sections),
            previous=planner.day_view(journey, previous.number) if previous else None,
            next=planner.day_view(journey, following.number) if following else None,
            cta=view.cta,
        )
        path = u.journey_day(journey.slug, day.number)
        crumbs = (
            _journeys_link(planner),
            Link(journey.title, view.summary.url),
            Link(text("week", number=week.number), week.url),
        )
        title = day_view.day.heading
        trail = [Link(c.label, hrefs.base_url + c.url.removeprefix(hrefs.base_path)) for c in crumbs]
        trail.append(Link(title, hrefs.absolute(path)))
        dctx: dict[str, Any] = dict(
            planner.base(
                text("page_in_journey", page=title, journey=journey.title),
                path,
                "day",
                journey.description,
                crumbs,
                json_ld=ld.script_json(ld.with_context(ld.breadcrumbs(trail))),
            )
        )
        dctx["view"] = day_view
        jobs.append(PageJob(path, "day.html", dctx, str(day.source)))
    return jobs


def _week_link(planner: PageKit, weeks: tuple[WeekView, ...], number: int) -> Link | None:
    if 1 <= number <= len(weeks):
        week = weeks[number - 1]
        return Link(_week_label(planner, week), week.url)
    return None


def _week_label(planner: PageKit, week: WeekView) -> str:
    return planner.strings.text("week_heading", number=week.number, title=week.title)


def _workbook_page(planner: PageKit, journey: Journey, view: JourneyView) -> list[PageJob]:
    """Every written day on one page, to print and write on; none while no day is written.

    It repeats the days, which search and the sitemap already cover, so neither lists it,
    and search engines are asked to leave it out."""
    if not journey.written_days:
        return []
    days = tuple(
        WorkbookDayView(
            planner.day_view(journey, day.number),
            view.weeks[day.week - 1],
            workbook_sections(day.sections, day.number),
        )
        for day in journey.written_days
    )
    path = u.journey_workbook(journey.slug)
    crumbs = (_journeys_link(planner), Link(journey.title, view.summary.url))
    title = planner.strings.text("workbook_title", journey=journey.title)
    ctx: dict[str, Any] = dict(planner.base(title, path, "workbook", journey.description, crumbs, noindex=True))
    ctx["workbook"] = WorkbookView(view.summary, days)
    return [PageJob(path, "workbook.html", ctx, str(journey.source), in_sitemap=False)]
