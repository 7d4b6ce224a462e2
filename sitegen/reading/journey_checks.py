"""The rules a journey's plan and days must follow, each broken rule a located error."""

from __future__ import annotations

import itertools

from sitegen.core.errors import ContentError
from sitegen.reading.frontmatter_source import SourceFile
from sitegen.reading.journey_outline import DAY, DAY_LIKE, WEEK, Block, WrittenDay


def missing_plan(source: SourceFile, lead: Block, blocks: list[Block]) -> ContentError:
    """Point at a section that holds weeks under another name, else at the journey's title."""
    lookalike = next((b for b in blocks if any(WEEK.match(c.title) for c in b.children)), None)
    if lookalike is not None:
        return ContentError(
            source.path,
            lookalike.line,
            f"'## {lookalike.title}' lists weeks, but the plan must be called '## Your Journey Plan'",
            "rename the heading to '## Your Journey Plan'",
        )
    return ContentError(
        source.path,
        lead.line if lead.title else source.body_line,
        "this journey has no '## Your Journey Plan' section",
        "add it, with one '### Week N: Title' per week and a bullet per day",
    )


def misread_days(blocks: list[Block], path: str) -> list[ContentError]:
    """A heading like '## Day 2. Title' would otherwise become an overview section without a word."""
    return [
        ContentError(
            path,
            b.line,
            f"'## {b.title}' looks like a day, but is not written as 'Day N: Title'",
            f"write '## Day {int(m.group(1))}: Title'; a '-', '–' or '—' works in place of ':'",
        )
        for b in blocks
        if (m := DAY_LIKE.match(b.title)) and not DAY.match(b.title)
    ]


def check_weeks(weeks: list[tuple[int, str, list[str]]], week_count: int, plan: Block, path: str) -> list[ContentError]:
    """The plan must list weeks 1..week_count once each, in order; say which rule each heading breaks."""
    errors: list[ContentError] = []
    lines = [c.line for c in plan.children if WEEK.match(c.title)]
    listed = {number for number, _, _ in weeks}
    seen: dict[int, int] = {}
    highest = 0
    for (number, _, _), line in zip(weeks, lines, strict=True):
        if number in seen:
            hint = f"the first is at line {seen[number]}; renumber one"
            errors.append(ContentError(path, line, f"week {number} is listed twice", hint))
            continue
        seen[number] = line
        problem = _week_out_of_place(number, highest, week_count, listed)
        if problem:
            errors.append(ContentError(path, line, *problem))
        if 1 <= number <= week_count and number >= highest:
            highest = number  # a week that skips some is still the furthest the plan has come
    if not weeks:
        hint = f"add '### Week 1: Title' to '### Week {week_count}: Title', each with a bullet per day"
        errors.append(ContentError(path, plan.line, "the plan lists no weeks", hint))
    elif highest < week_count:
        message = f"the plan stops at week {highest} of {week_count}" if highest else "the plan has no week 1"
        errors.append(ContentError(path, plan.line, message, f"add '### Week {highest + 1}: ...' or change 'duration'"))
    return errors


def _week_out_of_place(number: int, highest: int, week_count: int, listed: set[int]) -> tuple[str, str] | None:
    """What is wrong with a week heading's number, given the highest in order so far: (message, hint)."""
    if number < 1:
        return f"the plan has a week {number}", "number the plan's weeks from 1"
    if number > week_count:
        return (
            f"the plan has week {number}, but the journey lasts {_count(week_count, 'week')}",
            "remove the week or change 'duration'",
        )
    if number < highest:
        return f"week {number} comes after week {highest}", f"list the plan's weeks in order, 1 to {week_count}"
    missing = list(itertools.islice((n for n in range(highest + 1, number) if n not in listed), 6))
    if missing:
        return f"the plan skips {_week_list(missing)}", f"add '### Week {missing[0]}: ...' before this one"
    return None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _week_list(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"week {numbers[0]}"
    shown = ", ".join(str(n) for n in numbers[:5])
    return f"weeks {shown}, ..." if len(numbers) > 5 else f"weeks {shown}"


def check_days(written: list[WrittenDay], total_days: int | None, length: str = "") -> list[ContentError]:
    """Day numbers are unique, ascending within a file, and inside the journey; `length` explains
    its size. When the size is unknown (None: the front matter or the plan is in error), the
    rest is still checked."""
    errors: list[ContentError] = []
    seen: dict[int, WrittenDay] = {}
    highest: dict[str, int] = {}
    for day in written:
        if day.number in seen:
            first = seen[day.number]
            where = f"line {first.line}" if first.path == day.path else f"{first.path}:{first.line}"
            errors.append(
                ContentError(
                    day.path,
                    day.line,
                    f"Day {day.number} is written twice",
                    f"the first is at {where}; renumber one of them",
                )
            )
            continue
        seen[day.number] = day
        if day.number < 1:
            errors.append(ContentError(day.path, day.line, f"there is no Day {day.number}", "days are numbered from 1"))
        elif total_days is not None and day.number > total_days:
            errors.append(
                ContentError(
                    day.path,
                    day.line,
                    f"Day {day.number} is past the end of this journey: {length}",
                    "renumber the day, or change 'duration' or 'days_per_week'",
                )
            )
        elif day.number < highest.get(day.path, 0):
            errors.append(
                ContentError(
                    day.path,
                    day.line,
                    f"Day {day.number} comes after Day {highest[day.path]}",
                    "write days in ascending order",
                )
            )
        highest[day.path] = max(highest.get(day.path, 0), day.number)
    return errors


def length(amount: int, unit: str, days_per_week: int, counted_by: str) -> str:
    """How the journey's number of days was reached, for a reader who did not expect it."""
    if unit == "day":
        return f"it lasts {_count(amount, 'day')}"
    return f"{_count(amount, 'week')} of {_count(days_per_week, 'day')}{counted_by} is {amount * days_per_week} days"
