"""Score `sitegen import` against the corpus in tests/import_corpus/: how close it comes to a careful person.

Each input (`<builder>/<NN>-<name>.txt` or `.html`) is imported through the CLI into a fresh copy
of the scoring site, and the article it writes is compared with the `.md` beside the input:

- lines: every non-empty line of the input is found, by its normalised words, in the expected
  article and in the imported one, and classified in each (title, description, heading,
  paragraph, item, quote, or dropped when it is not there). The share of lines whose two
  classes agree is the line score.
- fields: title, date, author, category and description, each right or wrong. A date or a
  category the import only fell back to (its report says "no date found" or "no category could
  be decided") counts as left out, as the expected file leaves it out.
- exact: the five fields equal and the bodies equal once whitespace is normalised.

`make import-score` prints the table; tests/test_import_corpus.py holds the scores to the floor
in tests/import_corpus/floor.json.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

CORPUS = Path(__file__).resolve().parent / "import_corpus"
FIELDS = ("title", "date", "author", "category", "description")
SAVED_ON = 946684800  # 2000-01-01: every input's modification date, so a fallback date is never "right" by luck
_MARKERS = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+•·◦▪●–—]\s*|\d{1,3}[.)](?=\s))\s*")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BLOCK_TAGS = [
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "div", "section", "header",
    "footer", "nav", "article", "main", "aside", "td", "th", "dt", "dd", "caption", "ul", "ol", "figure",
    "form", "table", "tr", "title",
]  # fmt: skip


@dataclass(frozen=True)
class Article:
    """An article as `sitegen import` writes it: its front-matter fields and its Markdown body."""

    fields: dict[str, str]
    body: str

    def classes(self) -> dict[str, list[str]]:
        """Normalised text -> the class of each line that has it, in order (a caption may be there twice)."""
        found: dict[str, list[str]] = defaultdict(list)
        for name in ("title", "description"):
            if self.fields.get(name):
                found[normalise(self.fields[name])].append(name)
        for line in self.body.splitlines():
            if line.strip() and line.strip() != "[[booking]]":
                found[normalise(line)].append(line_class(line))
        return found


@dataclass
class PostScore:
    name: str
    lines: int = 0
    lines_right: int = 0
    fields_right: dict[str, bool] = field(default_factory=dict)
    exact: bool = False
    problem: str = ""
    wrong_lines: list[str] = field(default_factory=list)

    @property
    def line_share(self) -> float:
        return self.lines_right / self.lines if self.lines else 0.0


def normalise(text: str) -> str:
    """The words of a line, whatever the Markdown or the builder put around them."""
    text = unicodedata.normalize("NFKC", text).replace("\\", "").strip()
    previous = None
    while previous != text:
        previous, text = text, _MARKERS.sub("", text).strip()
    text = _LINK.sub(r"\1", text).replace("**", "").replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return " ".join(re.sub(r"[^\w'\"]+", " ", text.lower()).split())


def line_class(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("#"):
        return "heading"
    if stripped.startswith(">"):
        return "quote"
    if re.match(r"^(?:[-*+]\s|\d+[.)]\s)", stripped):
        return "item"
    return "para"


def parse_article(text: str) -> Article:
    _, head, body = text.split("---\n", 2)
    data = yaml.safe_load(head) or {}
    values = {key: str(data[key]) for key in FIELDS if data.get(key) not in (None, "")}
    return Article(values, body)


def input_lines(path: Path) -> list[str]:
    """The lines a reader sees: a text file's lines, or a saved page's innermost blocks of text.

    A line that is in neither article counts as dropped by both, so it agrees: for a saved page, whose
    blocks do not always match the Markdown's lines one to one, 'exactly right' is the stricter measure.
    """
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return [line for line in text.splitlines() if line.strip()]
    soup = BeautifulSoup(text, "html.parser")
    for gone in soup.find_all(["script", "style", "noscript", "template", "head", "svg"]):
        gone.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")  # lines split by <br> are lines of their own, as the import reads them
    lines = []
    for element in soup.find_all(_BLOCK_TAGS):
        if element.find(_BLOCK_TAGS) is None:
            parts = (" ".join(part.split()) for part in element.get_text(" ").split("\n"))
            lines.extend(part for part in parts if part)
    return lines


def run_import(source: Path) -> tuple[str, str]:
    """Import one post into a fresh copy of the scoring site; the article written (or '') and the report."""
    from sitegen.cli import main

    with tempfile.TemporaryDirectory(prefix="import-score-") as scratch:
        root = Path(scratch) / "site"
        shutil.copytree(CORPUS / "site", root)
        posts = root / "posts"
        posts.mkdir()
        copy = posts / source.name
        shutil.copyfile(source, copy)
        os.utime(copy, (SAVED_ON, SAVED_ON))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(["--root", str(root), "import", str(copy)])
        written = sorted((root / "content" / "articles").glob("*.md"))
        text = written[0].read_text(encoding="utf-8") if written else ""
        return text, out.getvalue() + err.getvalue()


def score_post(source: Path) -> PostScore:
    name = f"{source.parent.name}/{source.name}"
    score = PostScore(name)
    expected = parse_article(source.with_suffix(".md").read_text(encoding="utf-8"))
    text, report = run_import(source)
    if not text:
        score.problem = "no article written: " + " ".join(report.split())[:200]
        actual = Article({}, "")
    else:
        actual = parse_article(text)
        if "no date found" in report:
            actual.fields.pop("date", None)
        if "no category could be decided" in report:
            actual.fields.pop("category", None)
    want, got = expected.classes(), actual.classes()
    for line in input_lines(source):
        key = normalise(line)
        if not key:
            continue
        wanted = want[key].pop(0) if want.get(key) else "dropped"
        gotten = got[key].pop(0) if got.get(key) else "dropped"
        score.lines += 1
        if wanted == gotten:
            score.lines_right += 1
        else:
            score.wrong_lines.append(f"{wanted} -> {gotten}: {line[:70]}")
    score.fields_right = {key: expected.fields.get(key) == actual.fields.get(key) for key in FIELDS}
    score.exact = all(score.fields_right.values()) and _tidy(expected.body) == _tidy(actual.body)
    return score


def _tidy(body: str) -> str:
    return "\n".join(" ".join(line.split()) for line in body.strip().splitlines() if line.strip())


def corpus_inputs() -> list[Path]:
    return sorted(
        path
        for path in CORPUS.glob("*/*")
        if path.suffix in (".txt", ".html") and path.parent.name != "site" and path.with_suffix(".md").exists()
    )


@dataclass(frozen=True)
class Totals:
    lines: float
    title: float
    date: float
    author: float
    category: float
    description: float
    exact: float

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


def totals(scores: list[PostScore]) -> Totals:
    posts = len(scores) or 1
    lines = sum(s.lines for s in scores) or 1
    share = {key: sum(s.fields_right.get(key, False) for s in scores) / posts for key in FIELDS}
    return Totals(
        lines=sum(s.lines_right for s in scores) / lines,
        exact=sum(s.exact for s in scores) / posts,
        **share,
    )


def score_corpus() -> list[PostScore]:
    return [score_post(path) for path in corpus_inputs()]


def table(scores: list[PostScore], verbose: bool = False) -> list[str]:
    out = [f"{'post':44} {'lines':>6}  title date author category descr  exact"]
    mark = {True: "ok", False: "--"}
    for s in scores:
        flags = "  ".join(f"{mark[s.fields_right.get(k, False)]:>4}" for k in FIELDS)
        out.append(f"{s.name[:44]:44} {s.line_share:6.0%}  {flags}  {'yes' if s.exact else 'no':>5}")
        if s.problem:
            out.append(f"    {s.problem}")
        if verbose:
            out.extend(f"    {wrong}" for wrong in s.wrong_lines)
    t = totals(scores)
    out.append("")
    out.append(
        f"{len(scores)} posts: lines right {_share(t.lines)}, exactly right {_share(t.exact)}; "
        f"title {_share(t.title)}, date {_share(t.date)}, author {_share(t.author)}, category {_share(t.category)}, "
        f"description {_share(t.description)}"
    )
    return out


def _share(value: float) -> str:
    """A share rounded down to a tenth of a percent: 99.97% is not shown as 100.0%."""
    return f"{math.floor(value * 1000) / 10:.1f}%"


FLOOR = CORPUS / "floor.json"


def floor_of(scores: list[PostScore]) -> dict[str, object]:
    """The scores rounded down (overall to a tenth of a percent), to be reviewed and committed as floor.json."""
    overall = {key: math.floor(value * 1000) / 1000 for key, value in totals(scores).as_dict().items()}
    posts = {
        s.name: {
            "lines": math.floor(s.line_share * 1000) / 1000,
            "fields": sum(s.fields_right.values()),
            "exact": s.exact,
        }
        for s in scores
    }
    return {"overall": overall, "posts": posts}


def worse_posts(scores: list[PostScore], floor: dict[str, object]) -> list[str]:
    """Posts that score lower than when the floor was written: fewer lines or fields right, or no longer exact."""
    now = floor_of(scores)["posts"]
    before = floor.get("posts", {})
    assert isinstance(now, dict) and isinstance(before, dict)
    worse = []
    for name, was in sorted(before.items()):
        current = now.get(name)
        if current is None:
            worse.append(f"{name} (missing from the corpus)")
        elif current["lines"] < was["lines"] or current["fields"] < was["fields"] or was["exact"] > current["exact"]:
            worse.append(f"{name} (lines {was['lines']:.1%} -> {current['lines']:.1%}, fields {was['fields']} -> "
                         f"{current['fields']}, exact {was['exact']} -> {current['exact']})")  # fmt: skip
    return worse


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    wanted = [a for a in argv if not a.startswith("-")]
    paths = [p for p in corpus_inputs() if not wanted or any(w in str(p) for w in wanted)]
    scores = [score_post(p) for p in paths]
    print("\n".join(table(scores, verbose)))
    if "--write-floor" in argv:
        FLOOR.write_text(json.dumps(floor_of(scores), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {FLOOR.relative_to(CORPUS.parent.parent)}: review it with git diff")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
