"""Parse journeys from the outline practices already write (see PRODUCT.md, "Journeys").

A journey is read as a tree of headings: `#` title, `##` overview sections, written
days and the plan, `###` day parts and plan weeks. Days are then laid out on the plan's
calendar so that every day of the journey exists, written or planned.
"""

from __future__ import annotations

import math
from pathlib import Path

from sitegen.config.site_config import SiteConfig
from sitegen.core import layout
from sitegen.core.errors import ContentError
from sitegen.core.slugs import slugify
from sitegen.reading.content import chosen_slug, read_front_matter, read_source
from sitegen.reading.frontmatter_source import SourceFile, meta_line, read_meta
from sitegen.reading.journey_checks import check_days, check_weeks, length, misread_days, missing_plan
from sitegen.reading.journey_media import with_media
from sitegen.reading.journey_meta import DayMeta, JourneyMeta, front_matter_problems
from sitegen.reading.journey_minutes import day_file_minutes, day_minutes
from sitegen.reading.journey_outline import (
    BULLET,
    DAY,
    DAY_FILE,
    DURATION,
    HEADING,
    PLAN,
    WEEK,
    Block,
    WrittenDay,
    outline,
    take_closing,
)
from sitegen.reading.journey_sections import AnswerIds, render_day_section, render_section
from sitegen.reading.markup import render_markdown
from sitegen.reading.models import Day, Journey, Section, Source, Week
from sitegen.reading.typography import smarten


def _days_per_week(given: int | None, weeks_plan: list[tuple[int, str, list[str]]]) -> tuple[int, str]:
    """Days a week: as given; else the bullet count when every week lists as many; else 7.
    Also how they were counted, for messages."""
    bullet_counts = {len(bullets) for _, _, bullets in weeks_plan}
    if given:
        days_per_week, counted_by = given, " ('days_per_week')"
    elif len(bullet_counts) == 1 and 0 not in bullet_counts:
        days_per_week, counted_by = bullet_counts.pop(), ", one per plan bullet,"
    else:
        days_per_week, counted_by = 7, ""
    return days_per_week, counted_by


def _weeks(
    weeks_plan: list[tuple[int, str, list[str]]],
    written: list[WrittenDay],
    days_per_week: int,
    total_days: int,
    plan_source: Source,
) -> list[Week]:
    """Every week of the plan with its days: written ones with their sections, the rest planned."""
    by_number = {d.number: d for d in written}
    weeks: list[Week] = []
    for number, title, bullets in weeks_plan:
        days: list[Day] = []
        first = (number - 1) * days_per_week + 1
        for day_number in range(first, min(first + days_per_week, total_days + 1)):
            index = day_number - first
            topic = bullets[index] if index < len(bullets) else ""
            w = by_number.get(day_number)
            day_source = Source(w.path, w.line) if w else plan_source
            days.append(
                Day(
                    day_number,
                    number,
                    (w.title if w and w.title else topic),
                    topic,
                    w.sections if w else (),
                    w is not None,
                    day_source,
                    w.minutes if w else None,
                )
            )
        weeks.append(Week(number, title, tuple(days)))
    return weeks


def _written_days(
    source: SourceFile, blocks: list[Block], folder: Path | None, root: Path, base: str, errors: list[ContentError]
) -> list[WrittenDay]:
    """The days written in the journey's file and, for a journey in a `folder`, in its day files;
    what is wrong with any of them goes to `errors`."""
    errors.extend(misread_days(blocks, source.path))
    written = _inline_days(source, blocks, base, errors)
    if folder is not None:
        day_files, day_errors = _folder_days(folder, root, base)
        errors.extend(day_errors)
        written.extend(day_files)
    return written


def parse_journey(
    path: Path, root: Path, config: SiteConfig, clinicians: frozenset[str]
) -> tuple[Journey | None, list[ContentError]]:
    """A journey from `<slug>.md`, or from `<slug>/journey.md` plus its `day-NN.md` files."""
    folder_form = path.name == layout.JOURNEY_FILE
    source, meta, errors = read_front_matter(path, root, JourneyMeta)
    if source is None:
        return None, errors
    slug = chosen_slug(source, path.parent.name if folder_form else path.stem, config, errors, "journey slug")
    if meta is not None:  # else its problems are reported, and the outline is still checked
        errors += front_matter_problems(source, meta, config, clinicians)
    duration = DURATION.match(meta.duration) if meta is not None else None
    lead, blocks = outline(source.body, source.body_line)
    closing = take_closing(blocks)
    base = config.base_path
    plan = next((b for b in blocks if PLAN.match(b.title)), None)
    if plan is None:
        errors.append(missing_plan(source, lead, blocks))
    written = _written_days(source, blocks, path.parent if folder_form else None, root, base, errors)
    if meta is None or duration is None or plan is None:  # the journey's length is unknown
        return None, errors + check_days(written, None)
    if errors:
        return None, errors
    weeks_plan, plan_errors = _plan_weeks(plan, source.path)
    errors.extend(plan_errors)
    amount, unit = int(duration.group(1)), duration.group(2).lower()
    days_per_week, counted_by = _days_per_week(meta.days_per_week, weeks_plan)
    total_days = amount * days_per_week if unit == "week" else amount
    week_count = amount if unit == "week" else math.ceil(amount / days_per_week)
    errors.extend(check_weeks(weeks_plan, week_count, plan, source.path))
    errors.extend(check_days(written, total_days, length(amount, unit, days_per_week, counted_by)))
    if errors:
        return None, errors
    weeks = _weeks(weeks_plan, written, days_per_week, total_days, Source(source.path, plan.line))
    sections_before, sections_after = _overview(blocks, plan, base)
    journey = Journey(
        slug=slug,
        title=meta.title,
        description=meta.description,
        category=meta.category,
        sequence=meta.sequence,
        duration_label=meta.duration.strip(),
        days_per_week=days_per_week,
        total_days=total_days,
        intro_html=render_markdown(lead.text, base).html,
        sections_before=sections_before,
        sections_after=sections_after,
        closing_html=render_markdown(closing, base, "closing").html if closing else "",
        plan_intro_html=render_markdown(plan.text, base, "plan").html if plan.text.strip() else "",
        weeks=tuple(weeks),
        cta=meta.cta,
        author=meta.author,
        source=Source(source.path, 1),
        cta_line=meta_line(source, "cta") if isinstance(meta.cta, str) else 0,
        featured_line=max(meta_line(source, "featured"), 1) if meta.featured else 0,
        audience=meta.audience,
    )
    return with_media(journey, root, config)


def _overview(blocks: list[Block], plan: Block, base: str) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """The overview sections before the plan and after it (each anchor unique across both)."""
    overview = [b for b in blocks if b is not plan and not DAY.match(b.title)]
    anchors: set[str] = set()
    before = tuple(_overview_section(b, base, anchors) for b in overview if b.line < plan.line)
    after = tuple(_overview_section(b, base, anchors) for b in overview if b.line > plan.line)
    return before, after


def _overview_section(block: Block, base: str, anchors: set[str]) -> Section:
    text = block.text + "".join(f"\n\n### {c.title}\n" + c.text for c in block.children)
    return render_section(block.title, _unique_anchor(block.title, anchors), text, base)


def _unique_anchor(title: str, anchors: set[str]) -> str:
    anchor = slugify(title) or "section"
    candidate, n = anchor, 2
    while candidate in anchors:
        candidate, n = f"{anchor}-{n}", n + 1
    anchors.add(candidate)
    return candidate


def _inline_days(source: SourceFile, blocks: list[Block], base: str, errors: list[ContentError]) -> list[WrittenDay]:
    """The days written in the journey's own file, each with its minutes marker read and taken out."""
    minutes, minute_errors = day_minutes(source, blocks)
    errors.extend(minute_errors)
    return [_written_day(b, source.path, base, minutes.get(b.line)) for b in blocks if DAY.match(b.title)]


def _written_day(block: Block, path: str, base: str, minutes: int | None) -> WrittenDay:
    match = DAY.match(block.title)
    assert match
    number = int(match.group(1))
    anchors: set[str] = set()
    answers = AnswerIds(number)
    sections = []
    if block.text.strip():
        sections.append(render_day_section("", "", block.text, base, answers))
    sections += [
        render_day_section(c.title, _unique_anchor(c.title, anchors), c.text, base, answers) for c in block.children
    ]
    title = smarten((match.group(2) or "").strip())
    return WrittenDay(number, title, tuple(sections), block.line, path, minutes)


def _folder_days(folder: Path, root: Path, base: str) -> tuple[list[WrittenDay], list[ContentError]]:
    days: list[WrittenDay] = []
    errors: list[ContentError] = []
    for day_path in sorted(folder.glob("*.md")):
        if day_path.name == layout.JOURNEY_FILE:
            continue
        source, source_errors = read_source(day_path, root)
        errors.extend(source_errors)
        if source is None:
            continue
        name_match = DAY_FILE.match(day_path.name)
        if not name_match:
            errors.append(
                ContentError(
                    source.path,
                    1,
                    "a journey folder holds journey.md and day files only",
                    "name day files like day-01.md",
                )
            )
            continue
        meta, reader = read_meta(source, DayMeta)
        errors.extend(reader.errors)
        if meta is None:
            continue
        if meta.day != int(name_match.group(1)):
            errors.append(
                ContentError(
                    source.path,
                    meta_line(source, "day"),
                    f"'day: {meta.day}' disagrees with the file name {day_path.name}",
                    f"rename the file to day-{meta.day:02d}.md or set 'day: {int(name_match.group(1))}'",
                )
            )
            continue
        lead, blocks = outline(source.body, source.body_line, _section_level(source.body))
        anchors: set[str] = set()
        minutes, problems = day_file_minutes(meta.minutes, source, meta_line(source, "minutes"))
        errors += problems
        answers = AnswerIds(meta.day)
        sections = [render_day_section("", "", lead.text, base, answers)] if lead.text.strip() else []
        for block in blocks:
            text = block.text + "".join(f"\n\n#### {c.title}\n" + c.text for c in block.children)
            sections.append(render_day_section(block.title, _unique_anchor(block.title, anchors), text, base, answers))
        days.append(
            WrittenDay(meta.day, smarten(meta.title), tuple(sections), meta_line(source, "day"), source.path, minutes)
        )
    return days, errors


def _section_level(body: str) -> int:
    levels = [len(m.group(1)) for line in body.split("\n") if (m := HEADING.match(line))]
    return min((lv for lv in levels if lv >= 2), default=3)


def _plan_weeks(plan: Block, path: str) -> tuple[list[tuple[int, str, list[str]]], list[ContentError]]:
    weeks: list[tuple[int, str, list[str]]] = []
    errors: list[ContentError] = []
    for child in plan.children:
        match = WEEK.match(child.title)
        if not match:
            errors.append(
                ContentError(
                    path,
                    child.line,
                    f"'{child.title}' in the plan is not a week",
                    "write plan headings as '### Week 1: Title'",
                )
            )
            continue
        bullets: list[str] = []
        for line in child.lines:
            bullet = BULLET.match(line)
            if bullet:
                bullets.append(smarten(bullet.group(1).strip()))
            elif line.startswith((" ", "\t")) and line.strip() and bullets:
                bullets[-1] += " " + line.strip()
        weeks.append((int(match.group(1)), smarten((match.group(2) or "").strip()), bullets))
    return weeks, errors

