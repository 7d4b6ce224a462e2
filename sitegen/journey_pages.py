"""The pages of one journey: its overview, a page per week and a page per written day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sitegen import structured_data as ld
from sitegen import urls as u
from sitegen.models import Journey
from sitegen.nav import day_neighbours
from sitegen.page_job import PageJob
from sitegen.views import DayPageView, JourneyView, Link, WeekView, section_view

if TYPE_CHECKING:
    from sitegen.pages import SitePlanner


def journey_pages(planner: SitePlanner, journey: Journey) -> list[PageJob]:
    hrefs = planner.hrefs
    summary = planner.journey_summary(journey)
    text = planner.strings.text
    journeys_link = Link(text("journeys"), hrefs.href(u.journeys()))
    cta = planner.cta(journey.category, journey.author, journey.cta)
    view = JourneyView(
        summary=summary,
        intro_html=Markup(journey.intro_html),
        sections_before=tuple(section_view(s) for s in journey.sections_before),
        plan_intro_html=Markup(journey.plan_intro_html),
        weeks=tuple(planner.week_view(journey, w.number) for w in journey.weeks),
        sections_after=tuple(section_view(s) for s in journey.sections_after),
        closing_html=Markup(journey.closing_html),
        author=planner.person(journey.author),
        cta=cta,
    )
    course = ld.course(journey, hrefs.absolute(u.journey(journey.slug)), planner.publisher)
    ctx: dict[str, Any] = dict(
        planner.base(
            journey.title,
            u.journey(journey.slug),
            "journey",
            journey.description,
            (journeys_link,),
            json_ld=ld.script_json(ld.with_context(course)),
            searchable=True,
        )
    )
    ctx["journey"] = view
    source = str(journey.source)
    jobs = [PageJob(u.journey(journey.slug), "journey.html", ctx, source)]
    journey_link = Link(journey.title, summary.url)
    for week in view.weeks:
        path = u.journey_week(journey.slug, week.number)
        wctx: dict[str, Any] = dict(
            planner.base(
                text("page_in_journey", page=_week_label(planner, week), journey=journey.title),
                path,
                "week",
                journey.description,
                (journeys_link, journey_link),
            )
        )
        wctx.update(
            journey=summary,
            week=week,
            previous_week=_week_link(planner, view.weeks, week.number - 1),
            next_week=_week_link(planner, view.weeks, week.number + 1),
        )
        jobs.append(PageJob(path, "week.html", wctx, source))
    for day in journey.written_days:
        previous, following = day_neighbours(journey, day.number)
        week = view.weeks[day.week - 1]
        day_view = DayPageView(
            journey=summary,
            week=week,
            day=planner.day_view(journey, day.number),
            sections=tuple(section_view(s) for s in day.sections),
            previous=planner.day_view(journey, previous.number) if previous else None,
            next=planner.day_view(journey, following.number) if following else None,
            cta=cta,
        )
        path = u.journey_day(journey.slug, day.number)
        crumbs = (journeys_link, journey_link, Link(text("week", number=week.number), week.url))
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
                searchable=True,
            )
        )
        dctx["view"] = day_view
        jobs.append(PageJob(path, "day.html", dctx, str(day.source)))
    return jobs


def _week_link(planner: SitePlanner, weeks: tuple[WeekView, ...], number: int) -> Link | None:
    if 1 <= number <= len(weeks):
        week = weeks[number - 1]
        return Link(_week_label(planner, week), week.url)
    return None


def _week_label(planner: SitePlanner, week: WeekView) -> str:
    return planner.strings.text("week_heading", number=week.number, title=week.title)
