"""Journeys: the outline practices write, laid out on the plan's calendar, built into pages.

Everything is checked on built output: the HTML from `sitegen.build.build()`, or the
`sitegen build` command for the error cases in tests/invalid/journeys/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import MakeSite, run_sitegen, snapshot
from sitegen.build import build
from sitegen.core.errors import BuildFailed

INVALID = Path(__file__).parent / "invalid" / "journeys"
BOOKING_URL = "https://example.org/book/"

PLAN = [
    (
        "Seeing the Pattern",
        [
            "Your early warning signs",
            "Naming the pattern",
            "Tracking triggers",
            "Hearing your partner",
            "Reviewing week one",
        ],
    ),
    (
        "Slowing Down",
        [
            "Taking a pause",
            "Breathing together",
            "Agreeing on a signal",
            "Coming back after a break",
            "Reviewing week two",
        ],
    ),
    (
        "Listening",
        [
            "Listening without fixing",
            "Reflecting back",
            "Asking open questions",
            "Validating feelings",
            "Reviewing week three",
        ],
    ),
    (
        "Speaking Up",
        ["Using I statements", "Naming needs", "Making requests", "Saying no kindly", "Reviewing week four"],
    ),
    (
        "Repair",
        ["Noticing ruptures", "Apologising well", "Accepting repair", "Forgiving small things", "Reviewing week five"],
    ),
    (
        "Keeping It Going",
        ["Weekly check-ins", "Celebrating progress", "Planning for setbacks", "Asking for help", "Looking ahead"],
    ),
]


def plan_markdown(plan: list[tuple[str, list[str]]]) -> str:
    return "\n".join(
        f"### Week {n}: {title}\n" + "".join(f"- {topic}\n" for topic in topics)
        for n, (title, topics) in enumerate(plan, start=1)
    )


# The outline from PRODUCT.md, "Journeys", as a practice writes it: only Day 1 is written.
CALM = (
    """\
---
title: Calm Conversations
duration: 6 weeks
category: Anxiety
sequence: 3
description: Talk through hard moments without escalating.
---

# Calm Conversations Journey

Every couple argues. This journey helps you keep hard talks from boiling over.

## Understanding Escalation

Escalation tends to follow the same steps:
- Voices rise and words speed up
- Listening stops and defending starts

## Day 1: Noticing Your Signals

### Today's Learning

Your body usually warns you before your words do.

**Signals come early.** A tight jaw or a hot face often arrives before the angry sentence.

**Naming helps.** Saying "I'm getting flooded" gives you a moment to choose.

*Example:* Sam noticed his fists clench whenever money came up, long before he raised his voice.

### Why This Matters For Your Relationship

Catching the signal early leaves room for a calmer reply.

### Today's Activity

Step 1: Think back to a recent argument.
- Where were you?
- What was said first?

Step 2: Write down what your body did.
- Jaw and face
- Chest and breathing
- Hands

### Reflection Questions

1. What is your earliest signal?
2. When did you last notice it?
3. What helped you calm down?
4. What would you like your partner to know about it?

## Your Journey Plan

"""
    + plan_markdown(PLAN)
    + """
## Daily Activities

Each day takes about fifteen minutes.

## Psychological Foundation

These practices draw on research about emotion regulation in couples.

## Expected Outcomes

Fewer arguments that spiral, and quicker repair when they do.

Remember: progress is not a straight line, and every calm conversation counts.
"""
)

SLUG = "calm-conversations"
TOTAL_DAYS = 30


def read_html(output: Path, path: str) -> BeautifulSoup:
    """A built page, by its site path ('journeys/x/')."""
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def main_of(page: BeautifulSoup) -> Tag:
    main = page.find("main")
    assert isinstance(main, Tag)
    return main


def texts(tags: list[Tag]) -> list[str]:
    return [" ".join(t.get_text().split()) for t in tags]


def broken_links(output: Path) -> list[str]:
    """Every site-absolute href in output/ that names no file (and no folder with index.html)."""
    broken = []
    for page in sorted(output.rglob("*.html")):
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(href=True):
            href = str(link["href"])
            if not href.startswith("/") or href.startswith("//"):
                continue
            target = output / href.split("#")[0].split("?")[0].lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(output)} -> {href}")
    return broken


def build_site(make_site: MakeSite, files: dict[str, str]) -> Path:
    root = make_site(files)
    build(root)
    return root / "output"


@pytest.fixture
def calm(make_site: MakeSite) -> Path:
    """The built output of a project holding only the Calm Conversations journey."""
    return build_site(make_site, {f"content/journeys/{SLUG}.md": CALM})


# --- 1. The acceptance scenario ------------------------------------------------------------


def test_overview_lists_every_week_and_every_planned_topic(calm: Path) -> None:
    plan = read_html(calm, f"journeys/{SLUG}/").select_one("section.plan")
    assert plan is not None
    weeks = plan.select("section.plan-week")
    assert texts([w.h3 for w in weeks if w.h3]) == [f"Week {n}: {title}" for n, (title, _) in enumerate(PLAN, 1)]
    all_topics = [topic for _, week_topics in PLAN for topic in week_topics]
    items = plan.select("li.day-item")
    assert [li["data-day"] for li in items] == [str(n) for n in range(1, TOTAL_DAYS + 1)]
    assert "Noticing Your Signals" in items[0].get_text()  # the written day shows its own title
    for day, (item, topic) in enumerate(zip(items, all_topics, strict=True), start=1):
        if day > 1:
            assert topic in item.get_text(), f"Day {day} should show its topic '{topic}'"


def test_overview_keeps_the_sections_around_the_plan_in_order(calm: Path) -> None:
    main = main_of(read_html(calm, f"journeys/{SLUG}/"))
    headings = texts(main.find_all("h2"))
    assert headings == [
        "Understanding Escalation",
        "Your journey plan",
        "Daily Activities",
        "Psychological Foundation",
        "Expected Outcomes",
        "Keep your progress",  # the panel to save, restore and make reminders (shown by keep.js)
    ]
    assert "Every couple argues." in main.get_text()
    closing = main.select_one(".closing")
    assert closing is not None
    assert closing.get_text().strip().startswith("Remember: progress is not a straight line")
    assert main.get_text().count("Remember:") == 1
    outcomes = main.find("h2", id="expected-outcomes")
    assert outcomes is not None and outcomes.parent is not None
    assert "Remember" not in outcomes.parent.get_text()


def test_overview_offers_start_day_1(calm: Path) -> None:
    start = read_html(calm, f"journeys/{SLUG}/").select_one("a.start-link")
    assert start is not None
    assert start.get_text(strip=True) == "Start Day 1"
    assert start["href"] == f"/journeys/{SLUG}/day-1/"


def test_every_journey_page_has_exactly_one_h1(calm: Path) -> None:
    pages = sorted((calm / "journeys" / SLUG).rglob("index.html"))
    assert len(pages) == 1 + 6 + 1 + 1  # overview, six weeks, Day 1, the workbook
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert len(soup.find_all("h1")) == 1, page
    overview_h1 = read_html(calm, f"journeys/{SLUG}/").find_all("h1")
    assert texts(overview_h1) == ["Calm Conversations"]


def test_a_page_per_week_and_per_written_day_only(calm: Path) -> None:
    folder = calm / "journeys" / SLUG
    weeks = [f"week-{n}" for n in range(1, 7)]
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == ["day-1", *weeks, "workbook"]
    week_4 = read_html(calm, f"journeys/{SLUG}/week-4/")
    assert texts(week_4.find_all("h1")) == ["Week 4: Speaking Up"]
    assert [li["data-day"] for li in week_4.select("li.day-item")] == ["16", "17", "18", "19", "20"]


def test_day_1_shows_its_place_in_the_journey(calm: Path) -> None:
    day = read_html(calm, f"journeys/{SLUG}/day-1/")
    position = day.select_one(".day-position")
    assert position is not None
    assert position.get_text().strip().startswith(f"Day 1 of {TOTAL_DAYS}")
    assert texts(day.find_all("h1")) == ["Day 1: Noticing Your Signals"]
    crumbs = day.select("nav.breadcrumbs a")
    assert texts(crumbs) == ["Journeys", "Calm Conversations", "Week 1"]
    assert day.select_one(f'main a[href="/journeys/{SLUG}/"]') is not None


def test_reflection_questions_are_one_numbered_list(calm: Path) -> None:
    main = main_of(read_html(calm, f"journeys/{SLUG}/day-1/"))
    lists = main.select("ol.reflection-questions")
    assert len(lists) == 1
    assert texts(lists[0].find_all("li")) == [
        "What is your earliest signal?",
        "When did you last notice it?",
        "What helped you calm down?",
        "What would you like your partner to know about it?",
    ]
    section = lists[0].find_parent("section")
    assert section is not None and "reflection" in section.get("class", [])


def test_steps_hold_their_own_bullet_lists(calm: Path) -> None:
    main = main_of(read_html(calm, f"journeys/{SLUG}/day-1/"))
    steps = main.select("ol.steps")
    assert len(steps) == 1
    items = steps[0].find_all("li", recursive=False)
    assert len(items) == 2
    expected = [
        ("Step 1: Think back to a recent argument.", ["Where were you?", "What was said first?"]),
        ("Step 2: Write down what your body did.", ["Jaw and face", "Chest and breathing", "Hands"]),
    ]
    for item, (lead, bullets) in zip(items, expected, strict=True):
        paragraph = item.find("p", recursive=False)
        nested = item.find("ul", recursive=False)
        assert paragraph is not None and paragraph.get_text().strip() == lead
        assert nested is not None and texts(nested.find_all("li")) == bullets
    assert not main.select("section.activity > ul"), "a step's list escaped its step"


def test_example_and_bold_leads_are_marked(calm: Path) -> None:
    main = main_of(read_html(calm, f"journeys/{SLUG}/day-1/"))
    examples = main.select(".example")
    assert len(examples) == 1
    assert examples[0].get_text().strip().startswith("Example: Sam noticed his fists clench")
    key_points = main.select("p.key-point")
    assert texts([p.strong for p in key_points if p.strong]) == ["Signals come early.", "Naming helps."]
    assert len(key_points) == 2


def test_day_ends_with_a_booking_link(calm: Path) -> None:
    main = main_of(read_html(calm, f"journeys/{SLUG}/day-1/"))
    last = main.find_all(recursive=False)[-1]
    assert last.name == "aside" and "booking" in last.get("class", [])
    assert [a["href"] for a in last.select("a")] == [BOOKING_URL]


def test_planned_days_are_marked_coming_soon_and_never_linked(calm: Path) -> None:
    pages = [f"journeys/{SLUG}/"] + [f"journeys/{SLUG}/week-{n}/" for n in range(1, 7)]
    planned_seen = 0
    for path in pages:
        for item in read_html(calm, path).select("li.day-item"):
            if item["data-day"] == "1":
                link = item.find("a")
                assert link is not None and link["href"] == f"/journeys/{SLUG}/day-1/"
                assert "Coming soon" not in item.get_text()
                continue
            planned_seen += 1
            assert "planned" in item.get("class", [])
            assert item.find("a") is None, f"{path}: planned Day {item['data-day']} is a link"
            assert "Coming soon" in item.get_text()
    assert planned_seen == 2 * (TOTAL_DAYS - 1)  # each planned day on the overview and on its week
    day_links = {
        str(a["href"])
        for page in calm.rglob("*.html")
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True)
        if f"/journeys/{SLUG}/day-" in str(a["href"])
    }
    assert day_links == {f"/journeys/{SLUG}/day-1/"}


def test_no_link_points_to_a_missing_file(calm: Path) -> None:
    assert broken_links(calm) == []


def test_the_link_checker_notices_a_missing_page(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="/a/#top">ok</a><a href="/b/">gone</a>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a/index.html -> /b/"]


def test_category_page_links_to_the_journey(calm: Path) -> None:
    category = main_of(read_html(calm, "categories/anxiety/"))
    assert category.select_one(f'a[href="/journeys/{SLUG}/"]') is not None
    other = main_of(read_html(calm, "categories/relationships/"))
    assert other.select_one(f'a[href="/journeys/{SLUG}/"]') is None


# --- Robustness of the day outline --------------------------------------------------------


def journey(duration: str, plan: list[list[str]], days: str = "", extra_meta: str = "", after: str = "") -> str:
    """A journey file with the given plan (a list of topics per week) and written days."""
    weeks = plan_markdown([(f"Part {n}", topics) for n, topics in enumerate(plan, start=1)])
    return (
        f"---\ntitle: Steady Steps\nduration: {duration}\ncategory: Anxiety\n{extra_meta}---\n\n"
        f"# Steady Steps Journey\n\nIntro.\n\n{days}\n## Your Journey Plan\n\n{weeks}\n{after}"
    )


def written_day(number: int, title: str = "", separator: str = ":") -> str:
    return f"## Day {number}{separator} {title or f'Practice {number}'}\n\n### Today's Learning\n\nSome text.\n\n"


def topics(counts: list[int]) -> list[list[str]]:
    return [[f"Topic {w}.{i}" for i in range(1, count + 1)] for w, count in enumerate(counts, start=1)]


def test_loose_reflection_questions_are_still_one_list(make_site: MakeSite) -> None:
    day = "## Day 1: Asking\n\n### Reflection Questions\n\n1. First?\n\n2. Second?\n\n3. Third?\n\n"
    out = build_site(make_site, {"content/journeys/steady.md": journey("1 week", topics([2]), day)})
    lists = read_html(out, "journeys/steady/day-1/").select("ol.reflection-questions")
    assert len(lists) == 1
    assert texts(lists[0].find_all("li")) == ["First?", "Second?", "Third?"]


def test_reflection_questions_numbered_from_later_keep_their_class(make_site: MakeSite) -> None:
    day = "## Day 1: Asking\n\n### Reflection Questions\n\n4. Fourth?\n5. Fifth?\n\n"
    out = build_site(make_site, {"content/journeys/steady.md": journey("1 week", topics([2]), day)})
    lists = read_html(out, "journeys/steady/day-1/").select("ol.reflection-questions")
    assert len(lists) == 1
    assert texts(lists[0].find_all("li")) == ["Fourth?", "Fifth?"]


def test_remember_after_the_last_day_closes_the_journey_not_the_day(make_site: MakeSite) -> None:
    text = (
        "---\ntitle: Steady Steps\nduration: 1 week\ncategory: Anxiety\n---\n\n# Steady Steps\n\n"
        "## Your Journey Plan\n\n### Week 1: Start\n- Breathing\n- Resting\n\n"
        "## Day 1: Breathing\n\n### Today's Learning\n\nBreathe out slowly.\n\n"
        "Remember: small steps count.\n"
    )
    out = build_site(make_site, {"content/journeys/steady.md": text})
    closing = read_html(out, "journeys/steady/").select_one(".closing")
    assert closing is not None and closing.get_text().strip() == "Remember: small steps count."
    day = main_of(read_html(out, "journeys/steady/day-1/"))
    assert "Breathe out slowly." in day.get_text()
    assert "Remember" not in day.get_text()


# --- 2. Days per week ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "extra_meta", "bullets", "day", "total", "week", "week_days"),
    [
        pytest.param("2 weeks", "days_per_week: 5\n", [3, 3], 6, 10, 2, 5, id="front-matter-wins"),
        pytest.param("3 weeks", "", [4, 4, 4], 5, 12, 2, 4, id="uniform-bullet-count"),
        pytest.param("2 weeks", "", [3, 4], 7, 14, 1, 7, id="non-uniform-is-7-last-of-week-1"),
        pytest.param("2 weeks", "", [3, 4], 8, 14, 2, 7, id="non-uniform-is-7-first-of-week-2"),
        pytest.param("10 days", "", [5, 5], 6, 10, 2, 5, id="days-duration"),
        pytest.param("9 days", "", [5, 4], 9, 9, 2, 2, id="days-duration-short-last-week"),
        pytest.param("6 weeks", "", [5] * 6, 6, 30, 2, 5, id="product-example"),
    ],
)
def test_days_per_week_places_each_day_in_its_week(
    make_site: MakeSite,
    duration: str,
    extra_meta: str,
    bullets: list[int],
    day: int,
    total: int,
    week: int,
    week_days: int,
) -> None:
    text = journey(duration, topics(bullets), written_day(day, "The Written One"), extra_meta)
    out = build_site(make_site, {"content/journeys/steady.md": text})
    assert len(list((out / "journeys/steady").glob("week-*"))) == len(bullets)
    page = read_html(out, f"journeys/steady/day-{day}/")
    position = page.select_one(".day-position")
    assert position is not None and position.get_text().strip().startswith(f"Day {day} of {total}")
    crumbs = page.select("nav.breadcrumbs a")
    assert crumbs[-1].get_text(strip=True) == f"Week {week}"
    assert crumbs[-1]["href"] == f"/journeys/steady/week-{week}/"
    week_page = read_html(out, f"journeys/steady/week-{week}/")
    items = week_page.select("li.day-item")
    assert len(items) == week_days
    listed = week_page.select_one(f'li.day-item[data-day="{day}"] a')
    assert listed is not None and listed["href"] == f"/journeys/steady/day-{day}/"
    for other in range(1, len(bullets) + 1):
        if other != week:
            assert read_html(out, f"journeys/steady/week-{other}/").select_one(f'li[data-day="{day}"]') is None


def test_planned_topics_follow_the_days_per_week_calendar(make_site: MakeSite) -> None:
    text = journey("2 weeks", topics([3, 3]), written_day(1), "days_per_week: 4\n")
    out = build_site(make_site, {"content/journeys/steady.md": text})
    week_2 = read_html(out, "journeys/steady/week-2/")
    items = {li["data-day"]: " ".join(li.get_text().split()) for li in week_2.select("li.day-item")}
    assert list(items) == ["5", "6", "7", "8"]
    assert items["5"].startswith("Day 5 Topic 2.1")
    assert items["7"].startswith("Day 7 Topic 2.3")
    assert "Topic" not in items["8"]  # the plan lists no topic for the fourth day of a week


# --- 3. Dash variants ---------------------------------------------------------------------


@pytest.mark.parametrize("separator", [":", " -", " –", " —"], ids=["colon", "hyphen", "en-dash", "em-dash"])
def test_day_heading_separators(make_site: MakeSite, separator: str) -> None:
    days = written_day(1) + written_day(2, "Slowing Down", separator)
    out = build_site(make_site, {"content/journeys/steady.md": journey("1 week", topics([3]), days)})
    page = read_html(out, "journeys/steady/day-2/")
    assert texts(page.find_all("h1")) == ["Day 2: Slowing Down"]
    overview = read_html(out, "journeys/steady/")
    assert texts(overview.find_all("h2")) == ["Your journey plan", "Keep your progress"], (
        "the day became an overview section"
    )
    link = overview.select_one('li.day-item[data-day="2"] a')
    assert link is not None and " ".join(link.get_text().split()) == "Day 2 Slowing Down"


def test_all_dash_variants_in_one_journey(make_site: MakeSite) -> None:
    days = "".join(f"## Day {n}{sep} Title {n}\n\nText.\n\n" for n, sep in [(1, ":"), (2, " -"), (3, " –"), (4, " —")])
    out = build_site(make_site, {"content/journeys/steady.md": journey("1 week", topics([4]), days)})
    for n in range(1, 5):
        assert texts(read_html(out, f"journeys/steady/day-{n}/").find_all("h1")) == [f"Day {n}: Title {n}"]
    assert not read_html(out, "journeys/steady/").select("li.day-item.planned")


# --- 4. Folder form -----------------------------------------------------------------------

FOLDER_JOURNEY = """\
---
title: Reconnecting
duration: 2 weeks
category: Relationships
days_per_week: 3
---

# Reconnecting Journey

Small daily practices for couples.

## Your Journey Plan

### Week 1: Noticing
- Bids for connection
- Saying thanks
- Listening

### Week 2: Deepening
- Old memories
- Daily check-in
- Looking ahead

Remember: connection grows with attention.
"""


def folder_day(number: int, title: str, key: str = "day") -> str:
    return (
        f"---\n{key}: {number}\ntitle: {title}\n---\n\n### Today's Learning\n\n"
        f"**Bids are small.** They are easy to miss.\n\n*Example:* A sigh after work.\n\n"
        "### Today's Activity\n\nStep 1: Talk together.\n- What is a bid?\n- Share one.\n\n"
        "### Reflection Questions\n\n1. What did you notice?\n2. What surprised you?\n"
    )


def test_folder_form_builds_the_same_pages(make_site: MakeSite) -> None:
    out = build_site(
        make_site,
        {
            "content/journeys/reconnecting/journey.md": FOLDER_JOURNEY,
            "content/journeys/reconnecting/day-01.md": folder_day(1, "Noticing Bids"),
            "content/journeys/reconnecting/day-02.md": folder_day(2, "Sharing Thanks"),
        },
    )
    folder = out / "journeys/reconnecting"
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == ["day-1", "day-2", "week-1", "week-2", "workbook"]
    day = read_html(out, "journeys/reconnecting/day-2/")
    assert texts(day.find_all("h1")) == ["Day 2: Sharing Thanks"]
    position = day.select_one(".day-position")
    assert position is not None and position.get_text().strip().startswith("Day 2 of 6")
    main = main_of(day)
    assert texts(main.select("ol.reflection-questions li")) == ["What did you notice?", "What surprised you?"]
    steps = main.select("ol.steps > li")
    assert len(steps) == 1 and steps[0].find("ul", recursive=False) is not None
    assert len(main.select(".example")) == 1 and len(main.select("p.key-point")) == 1
    assert [h.get_text() for h in main.select(".prose h2")] == [
        "Today’s Learning",  # typographic apostrophe, as in the Markdown body
        "Today’s Activity",
        "Reflection Questions",
    ]
    overview = read_html(out, "journeys/reconnecting/")
    linked = [a["href"] for a in overview.select("li.day-item a")]
    assert linked == ["/journeys/reconnecting/day-1/", "/journeys/reconnecting/day-2/"]
    assert len(overview.select("li.day-item.planned")) == 4
    closing = overview.select_one(".closing")
    assert closing is not None and "Remember: connection grows" in closing.get_text()
    assert broken_links(out) == []


def test_folder_day_number_must_match_its_file_name(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/journeys/reconnecting/journey.md": FOLDER_JOURNEY,
            "content/journeys/reconnecting/day-01.md": folder_day(1, "Noticing Bids"),
            "content/journeys/reconnecting/day-02.md": "---\ntitle: Sharing Thanks\nday: 3\n---\n\nText.\n",
        }
    )
    with pytest.raises(BuildFailed) as failure:
        build(root)
    [error] = failure.value.errors
    assert (error.path, error.line) == ("content/journeys/reconnecting/day-02.md", 3)
    assert "'day: 3'" in error.message and "day-02.md" in error.message
    assert not (root / "output").exists()


def test_a_day_written_both_inline_and_as_a_file_is_an_error(make_site: MakeSite) -> None:
    inline = FOLDER_JOURNEY.replace("## Your Journey Plan", "## Day 1: Inline\n\nText.\n\n## Your Journey Plan")
    root = make_site(
        {
            "content/journeys/reconnecting/journey.md": inline,
            "content/journeys/reconnecting/day-01.md": folder_day(1, "Noticing Bids"),
        }
    )
    with pytest.raises(BuildFailed) as failure:
        build(root)
    [error] = failure.value.errors
    assert error.path == "content/journeys/reconnecting/day-01.md"
    assert error.line == 2  # its 'day: 1'
    assert error.message == "Day 1 is written twice"
    assert "content/journeys/reconnecting/journey.md:12" in error.hint


# --- 5. Errors, from fixture folders ------------------------------------------------------

VALID_JOURNEY = journey("1 week", topics([2]), written_day(1))


@pytest.mark.parametrize("case", sorted(p.name for p in INVALID.iterdir() if p.is_dir()))
def test_invalid_journey_is_reported_and_output_is_untouched(make_site: MakeSite, case: str) -> None:
    root = make_site({"content/journeys/steady.md": VALID_JOURNEY})
    build(root)
    before = snapshot(root / "output")
    assert "journeys/steady/day-1/index.html" in before
    shutil.copytree(INVALID / case / "content", root / "content", dirs_exist_ok=True)
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}/expected.txt is empty"

    result = run_sitegen("build", cwd=root)

    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    for line in expected:
        assert line in result.err.splitlines(), f"missing: {line}\nstderr:\n{result.err}"
    problems = [line for line in result.err.splitlines() if not line.startswith("build failed")]
    assert problems == expected, "the build reported problems expected.txt does not list"
    assert f"build failed: {len(expected)} problem" in result.err
    assert snapshot(root / "output") == before


def test_every_error_fixture_names_its_expected_lines() -> None:
    cases = [p for p in INVALID.iterdir() if p.is_dir()]
    assert len(cases) >= 9
    for case in cases:
        lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        assert lines and all(line.startswith("content/journeys/") for line in lines), case.name
        for line in lines:
            path, number = line.split(":")[:2]
            assert (case / path).is_file(), f"{case.name}: {path} is not in the fixture"
            assert 1 <= int(number) <= len((case / path).read_text(encoding="utf-8").splitlines())


# --- 6. The bundled sample ----------------------------------------------------------------


def test_sample_steadier_days(sample_output: Path) -> None:
    folder = sample_output / "journeys/steadier-days"
    assert sorted(p.name for p in folder.glob("week-*")) == [f"week-{n}" for n in range(1, 5)]
    assert sorted(p.name for p in folder.glob("day-*")) == [f"day-{n}" for n in range(1, 6)]
    position = read_html(sample_output, "journeys/steadier-days/day-3/").select_one(".day-position")
    assert position is not None and position.get_text().strip().startswith("Day 3 of 28")


def test_sample_reconnecting_as_a_couple(sample_output: Path) -> None:
    folder = sample_output / "journeys/reconnecting-as-a-couple"
    assert sorted(p.name for p in folder.glob("week-*")) == [f"week-{n}" for n in range(1, 4)]
    assert sorted(p.name for p in folder.glob("day-*")) == [f"day-{n}" for n in range(1, 6)]
    position = read_html(sample_output, "journeys/reconnecting-as-a-couple/day-2/").select_one(".day-position")
    assert position is not None and position.get_text().strip().startswith("Day 2 of 15")


def test_sample_journeys_listing_follows_sequence(sample_output: Path) -> None:
    main = main_of(read_html(sample_output, "journeys/"))
    hrefs = [str(a["href"]) for a in main.find_all("a", href=True) if str(a["href"]).count("/") == 3]
    order = list(dict.fromkeys(h for h in hrefs if h.startswith("/journeys/")))
    assert order == ["/journeys/steadier-days/", "/journeys/reconnecting-as-a-couple/"]


def test_sample_journey_pages_have_no_broken_links(sample_output: Path) -> None:
    assert [link for link in broken_links(sample_output) if link.startswith("journeys/")] == []
