"""A deterministic synthetic practice, written three ways: for sitegen, Pelican and Hugo.

Every article is ~900 words of Markdown drawn from `random.Random(seed)`, so the same
count always gives byte-identical sources, and the three generators get the same
titles, dates, categories, tags, authors, descriptions and bodies. Only the metadata
syntax and the surrounding project files differ.

    python bench/synth.py --articles 1000 --out bench/work/demo
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CATEGORIES = (
    ("Anxiety & Stress", "Understanding worry and stress, and practical ways to feel steadier."),
    ("Mood & Depression", "Low mood and the small, steady steps that help."),
    ("Relationships", "Couples, connection, trust and repair."),
    ("Communication", "Talking through hard moments and listening well."),
    ("Family & Parenting", "Raising children and caring for each other at home."),
    ("Grief & Life Changes", "Loss, transitions and finding your footing again."),
)
TAGS = (
    "sleep", "anxiety", "grounding", "boundaries", "self-compassion", "couples",
    "parenting", "grief", "stress", "mindfulness", "routines", "connection",
)  # fmt: skip
CLINICIANS = (
    ("maya-okafor", "Maya Okafor", "LMFT", "Licensed Marriage and Family Therapist"),
    ("daniel-reyes", "Daniel Reyes", "PsyD", "Licensed Psychologist"),
    ("priya-natarajan", "Priya Natarajan", "LCSW", "Licensed Clinical Social Worker"),
)
WORDS = """
a about after again all along and any around as at attention back balance be
before begin better body breath breathing calm can care caring change check choose
clear comfort connection conversation courage curious daily day days each early
ease easier energy enough evening every feel feeling feelings few find first for
friend from gentle gently give good habit habits hard help helpful helps here hold
home honest hope how idea in into is it kind kindness learn less let life light
listen little long look make may mind moment moments more morning move need next
notice noticing now of often on one or others own pace patience pattern patterns
pause people plan practice practices quiet reach read ready real relief rest return
routine safe same settle simple sleep slow small some space steady step steps still
stress support take talk than that the their then there these they thing things
think this time to today together trust try understand until use usual value walk
want way week when while with without word words work worry write you your
""".split()  # noqa: SIM905
TITLE_WORDS = """
Balance Breath Calm Care Change Comfort Connection Courage Days Evenings Habits
Honesty Hope Kindness Listening Mornings Moments Patience Patterns Pauses Plans
Practice Quiet Rest Routines Space Steadiness Steps Support Trust Walks Words Worry
""".split()  # noqa: SIM905
TITLE_SHAPES = (
    "Finding {a} in {b}",
    "Small Steps Toward {a}",
    "When {a} Feels Hard",
    "Making Room for {a} and {b}",
    "Notes on {a}",
    "A Gentle Guide to {a}",
)

FIRST_DATE = dt.date(2015, 1, 1)
LAST_DATE = dt.date(2025, 6, 30)
SOURCE_DATE_EPOCH = "1751328000"  # 2025-07-01: every synthetic article is already published
TARGET_WORDS = 900
JOURNEYS, JOURNEY_WEEKS, DAYS_PER_WEEK, WRITTEN_DAYS = 20, 6, 5, 3
SITE_TITLE = "Bench Practice"
BASE_URL = "https://bench.example/"
DESCRIPTION = "A synthetic practice used to measure build times."
PHONE, EMAIL = "(555) 555-0100", "hello@bench.example"


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    date: dt.date
    category: str
    tags: tuple[str, ...]
    author: str
    description: str
    body: str


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def heading(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(2, 5))).capitalize()


def article_body(rng: random.Random) -> str:
    """About TARGET_WORDS words: paragraphs, a few '##' headings and one bullet list."""
    blocks: list[str] = []
    words = 0
    listed = False
    while words < TARGET_WORDS - 50:  # the last paragraph overshoots by ~50 words on average
        if blocks and len(blocks) % 4 == 0:
            blocks.append("## " + heading(rng))
        if not listed and len(blocks) >= 5:
            items = [sentence(rng, 4, 9) for _ in range(rng.randint(3, 5))]
            blocks.append("\n".join("- " + item for item in items))
            words += sum(len(i.split()) for i in items)
            listed = True
            continue
        text = paragraph(rng)
        blocks.append(text)
        words += len(text.split())
    return "\n\n".join(blocks) + "\n"


def articles(count: int, seed: int = 0) -> Iterator[Article]:
    """The first `count` articles of the sequence seeded by `seed` (a prefix of any longer run)."""
    rng = random.Random(seed)
    span = (LAST_DATE - FIRST_DATE).days
    for number in range(1, count + 1):
        a, b = rng.sample(TITLE_WORDS, 2)
        title = rng.choice(TITLE_SHAPES).format(a=a, b=b)
        slug = "-".join(title.lower().split()) + f"-{number:05d}"
        yield Article(
            slug=slug,
            title=title,
            date=FIRST_DATE + dt.timedelta(days=rng.randrange(span)),
            category=rng.choice(CATEGORIES)[0],
            tags=tuple(sorted(rng.sample(TAGS, rng.randint(1, 3)))),
            author=rng.choice(CLINICIANS)[0],
            description=sentence(rng, 10, 16),
            body=article_body(rng),
        )


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_front_matter(article: Article, category_key: str, extra: str = "") -> str:
    category = f"[{_quoted(article.category)}]" if category_key == "categories" else _quoted(article.category)
    return (
        "---\n"
        f"title: {_quoted(article.title)}\n"
        f"date: {article.date.isoformat()}\n"
        f"{category_key}: {category}\n"
        f"tags: [{', '.join(article.tags)}]\n"
        f"author: {article.author}\n"
        f"description: {_quoted(article.description)}\n"
        f"{extra}"
        "---\n\n"
    )


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


# --- sitegen -----------------------------------------------------------------------------


def write_sitegen(root: Path, items: list[Article], seed: int = 0) -> None:
    _fresh(root)
    (root / "site.yaml").write_text(_site_yaml(), encoding="utf-8")
    folder = root / "content" / "articles"
    folder.mkdir(parents=True)
    for article in items:
        text = _yaml_front_matter(article, "category") + article.body
        (folder / f"{article.slug}.md").write_text(text, encoding="utf-8")
    team = root / "content" / "team"
    team.mkdir()
    for order, (slug, name, credentials, role) in enumerate(CLINICIANS, start=1):
        (team / f"{slug}.md").write_text(
            f"---\nname: {name}\ncredentials: {credentials}\nrole: {role}\norder: {order}\n---\n\n"
            f"{name} is a {role.lower()} at {SITE_TITLE}.\n",
            encoding="utf-8",
        )
    pages = root / "content" / "pages"
    pages.mkdir()
    (pages / "about.md").write_text(
        f"---\ntitle: About\ndescription: About {SITE_TITLE}.\n---\n\nA synthetic practice for benchmarks.\n",
        encoding="utf-8",
    )
    (pages / "contact.md").write_text(
        "---\ntitle: Contact\ndescription: How to reach us.\n---\n\n"
        "## Booking a first session {#book}\n\nCall or email us to book.\n",
        encoding="utf-8",
    )
    folder = root / "content" / "journeys"
    folder.mkdir()
    for journey in journeys(seed):
        (folder / f"{journey.slug}.md").write_text(_journey_markdown(journey), encoding="utf-8")


def _site_yaml() -> str:
    categories = "".join(
        f"  - name: {name}\n    description: {text}\n    order: {order}\n"
        for order, (name, text) in enumerate(CATEGORIES, start=1)
    )
    return (
        f"title: {SITE_TITLE}\n"
        f"base_url: {BASE_URL}\n"
        "language: en\n"
        f"description: {DESCRIPTION}\n"
        "practice:\n"
        f"  name: {SITE_TITLE}\n"
        f'  phone: "{PHONE}"\n'
        f"  email: {EMAIL}\n"
        "booking:\n"
        "  url: /contact/#book\n"
        "  label: Book a session\n"
        "categories:\n"
        f"{categories}"
        "navigation: [about, team, articles, journeys, contact]\n"
    )


@dataclass(frozen=True)
class Journey:
    """One journey's text, in the pieces each generator lays out: sitegen reads it as one
    Markdown file (its days and weeks found by their headings); Hugo and Pelican get an
    overview page, a page for each written day and one for each week of the plan."""

    slug: str
    title: str
    category: str
    description: str
    sequence: int
    introduction: tuple[str, ...]
    """The lines before the first day: a heading, a paragraph and how the journey works."""
    days: tuple[tuple[str, tuple[str, ...]], ...]
    """Each written day: its title ("Day 1: ...") and its lines."""
    weeks: tuple[tuple[str, tuple[str, ...]], ...]
    """Each week of the plan: its title ("Week 1: ...") and its days' one-line plans."""
    outcomes: tuple[str, ...]
    """The lines after the plan: what people may expect."""


def journeys(seed: int = 0) -> list[Journey]:
    """The JOURNEYS journeys of the practice seeded by `seed` (the same for every article count)."""
    rng = random.Random(seed + 1)
    made = []
    for number in range(1, JOURNEYS + 1):
        title = f"Journey {number:02d}: " + rng.choice(TITLE_SHAPES).format(a=rng.choice(TITLE_WORDS), b="Home")
        made.append(_journey(rng, title, number))
    return made


def _journey(rng: random.Random, title: str, sequence: int) -> Journey:
    """6 weeks of 5 plan bullets (a 30-day journey) with the first few days written."""
    category = rng.choice(CATEGORIES)[0]
    description = sentence(rng, 8, 12)
    introduction = [
        f"# {title} Journey",
        "",
        paragraph(rng),
        "",
        "## How This Works",
        "",
        sentence(rng) + " Some things to keep in mind:",
        *("- " + sentence(rng, 5, 10) for _ in range(4)),
        "",
    ]
    days = []
    for day in range(1, WRITTEN_DAYS + 1):
        day_title = f"Day {day}: {heading(rng).title()}"
        lines = [
            "",
            "### Today's Learning",
            "",
            paragraph(rng),
            "",
            f"**{heading(rng)}.** {paragraph(rng)}",
            "",
            f"*Example:* {paragraph(rng)}",
            "",
            "### Why This Matters For Your Wellbeing",
            "",
            paragraph(rng),
            "",
            "### Today's Activity",
            "",
            f"Step 1: {sentence(rng)}",
            "",
            f"Step 2: {sentence(rng)}",
            *("- " + sentence(rng, 4, 8) for _ in range(3)),
            "",
            f"Step 3: {sentence(rng)}",
            "",
            "### Reflection Questions",
            "",
            *(f"{n}. {sentence(rng, 6, 10)[:-1]}?" for n in range(1, 5)),
            "",
        ]
        days.append((day_title, tuple(lines)))
    weeks = []
    for week in range(1, JOURNEY_WEEKS + 1):
        week_title = f"Week {week}: {heading(rng).title()}"
        weeks.append((week_title, tuple("- " + heading(rng) for _ in range(DAYS_PER_WEEK))))
    outcomes = [
        "## Expected Outcomes",
        "",
        sentence(rng) + " Many people find that they:",
        *("- " + sentence(rng, 5, 9) for _ in range(4)),
        "",
        "Remember: " + paragraph(rng).lower(),
        "",
    ]
    slug = f"journey-{sequence:02d}"
    return Journey(
        slug, title, category, description, sequence, tuple(introduction), tuple(days), tuple(weeks), tuple(outcomes)
    )


def _journey_markdown(journey: Journey) -> str:
    """The journey as sitegen reads it: one file, front matter, then its days, plan and outcomes."""
    parts = [
        "---",
        f"title: {_quoted(journey.title)}",
        f"duration: {JOURNEY_WEEKS} weeks",
        f"category: {_quoted(journey.category)}",
        f"sequence: {journey.sequence}",
        f"description: {_quoted(journey.description)}",
        "---",
        "",
        *journey.introduction,
    ]
    for day_title, lines in journey.days:
        parts += [f"## {day_title}", *lines]
    return "\n".join(parts + _plan(journey))


def _plan(journey: Journey) -> list[str]:
    """The plan and outcomes: the end of sitegen's file, and of the peers' overview pages."""
    parts = ["## Your Journey Plan", ""]
    for week_title, plans in journey.weeks:
        parts += [f"### {week_title}", *plans, ""]
    return parts + list(journey.outcomes)


# --- Pelican -----------------------------------------------------------------------------

PELICANCONF = f"""\
AUTHOR = "Bench"
SITENAME = "{SITE_TITLE}"
SITEURL = "{BASE_URL.rstrip("/")}"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = False
LOAD_CONTENT_CACHE = False
DEFAULT_PAGINATION = 10
DISPLAY_PAGES_ON_MENU = False
"""


def write_pelican(root: Path, items: list[Article]) -> None:
    """Pelican's standard Markdown metadata lines, default theme, paginated like sitegen."""
    _fresh(root)
    (root / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
    folder = root / "content"
    folder.mkdir()
    for article in items:
        meta = (
            f"Title: {article.title}\n"
            f"Date: {article.date.isoformat()}\n"
            f"Category: {article.category}\n"
            f"Tags: {', '.join(article.tags)}\n"
            f"Author: {article.author}\n"
            f"Slug: {article.slug}\n"
            f"Summary: {article.description}\n\n"
        )
        (folder / f"{article.slug}.md").write_text(meta + article.body, encoding="utf-8")
    pages = folder / "pages"
    pages.mkdir()
    for journey, kind, slug, title, lines in journey_pages(journeys()):
        meta = f"Title: {title}\nSlug: {slug}\n"
        meta += f"Summary: {journey.description}\n\n" if kind == "overview" else "\n"
        (pages / f"{slug}.md").write_text(meta + "\n".join(lines), encoding="utf-8")


def journey_pages(made: list[Journey]) -> Iterator[tuple[Journey, str, str, str, list[str]]]:
    """The pages a peer makes of each journey, as sitegen does: an overview (its introduction, plan
    and outcomes), each written day and each week; each with its kind ("overview", "day" or
    "week"), its slug (the journey's, then `-day-N` or `-week-N`), title and Markdown lines."""
    for journey in made:
        yield journey, "overview", journey.slug, journey.title, [*journey.introduction, *_plan(journey)]
        for number, (title, lines) in enumerate(journey.days, start=1):
            yield journey, "day", f"{journey.slug}-day-{number}", title, list(lines)
        for number, (title, plans) in enumerate(journey.weeks, start=1):
            yield journey, "week", f"{journey.slug}-week-{number}", title, ["", *plans, ""]


# --- Hugo --------------------------------------------------------------------------------

HUGO = Path(__file__).parent / "hugo"
"""Hugo's project files: its configuration and a layout set of our own that puts on every page
what sitegen's default theme does (the crisis notice, the header and its menu, the booking aside,
the footer, the same meta tags and structured data, article cards with reading times), so that
Hugo and Pagefind work through pages of the same weight as sitegen's."""
THEME_STATIC = Path(__file__).parent.parent / "themes" / "default" / "static"
HUGO_CRISIS = (
    "If you are in crisis or thinking about harming yourself, call or text 988 (Suicide & Crisis Lifeline). "
    "In an emergency, call 911."
)
"""The crisis notice sitegen's bench site shows (its region's default, from config/crisis/us.yaml)."""
HUGO_BOOKING = "A first conversation is an easy place to start."
"""The booking aside's text, as sitegen's theme words it by default."""


def write_hugo(root: Path, items: list[Article]) -> None:
    """content/posts/*.md with YAML front matter, and bench/hugo's configuration and layouts, with
    sitegen's stylesheet and script as the static files they link to."""
    _fresh(root)
    toml = (HUGO / "hugo.toml").read_text(encoding="utf-8") + _hugo_params()
    (root / "hugo.toml").write_text(toml, encoding="utf-8")
    shutil.copytree(HUGO / "layouts", root / "layouts")
    static = root / "static" / "static"
    static.mkdir(parents=True)
    for name in ("site.css", "site.js"):
        shutil.copy(THEME_STATIC / name, static / name)
    folder = root / "content" / "posts"
    folder.mkdir(parents=True)
    for article in items:
        # `authors` makes each clinician's paginated listing, as sitegen's /team/<slug>/articles/.
        text = _yaml_front_matter(article, "categories", extra=f"slug: {article.slug}\nauthors: [{article.author}]\n")
        (folder / f"{article.slug}.md").write_text(text + article.body, encoding="utf-8")
    _write_hugo_journeys(root / "content" / "journeys")
    for slug, name, _credentials, _role in CLINICIANS:  # the listing's title, as sitegen's
        term = root / "content" / "authors" / slug
        term.mkdir(parents=True)
        (term / "_index.md").write_text(f"---\ntitle: Articles by {name}\nslug: {slug}\n---\n", encoding="utf-8")


def _hugo_params() -> str:
    """hugo.toml's [params]: the practice's details and its clinicians, as sitegen's project has them."""
    authors = "".join(
        f'  {slug} = ["{name}, {credentials}", "{role}"]\n' for slug, name, credentials, role in CLINICIANS
    )
    phone_href = "tel:" + "".join(c for c in PHONE if c.isdigit())
    return (
        f'\n[params]\ndescription = "{DESCRIPTION}"\nphone = "{PHONE}"\nphoneHref = "{phone_href}"\n'
        f'email = "{EMAIL}"\ncrisis = "{HUGO_CRISIS}"\nbooking = "{HUGO_BOOKING}"\n'
        f"[params.authors]\n{authors}"
    )


def _write_hugo_journeys(section: Path) -> None:
    """Each journey a section of its own: the overview its `_index.md`, a page for each written
    day and one for each week (`type: week`, a layout Pagefind does not index)."""
    section.mkdir(parents=True)
    (section / "_index.md").write_text("---\ntitle: Journeys\n---\n", encoding="utf-8")
    for journey, kind, slug, title, lines in journey_pages(journeys()):
        folder = section / journey.slug
        folder.mkdir(exist_ok=True)
        if kind == "overview":
            name, extra = "_index.md", f"description: {_quoted(journey.description)}\n"
        else:
            name, extra = slug.removeprefix(journey.slug + "-") + ".md", "type: week\n" if kind == "week" else ""
        front = f"---\ntitle: {_quoted(title)}\n{extra}---\n\n"
        (folder / name).write_text(front + "\n".join(lines), encoding="utf-8")


WRITERS = {"sitegen": write_sitegen, "pelican": write_pelican, "hugo": write_hugo}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path("bench/work/synth"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    items = list(articles(args.articles, args.seed))
    for kind, write in WRITERS.items():
        write(args.out / kind, items)
    words = sum(len(a.body.split()) for a in items) // len(items)
    print(f"wrote {len(items)} articles (~{words} words each) for {', '.join(WRITERS)} under {args.out}")


if __name__ == "__main__":
    main()
