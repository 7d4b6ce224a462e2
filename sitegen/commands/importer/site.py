"""What the importer knows about the site it imports into: categories, tags, clinicians, images.

Old blogs name things loosely ("ANXIETY", "Self Care", "By Dr. Jane Doe, LMFT"); these
functions match such names to the site's own, and say None rather than guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sitegen.config.site_config import SiteConfig
from sitegen.core import layout
from sitegen.core.slugs import UNICODE
from sitegen.reading.frontmatter_source import split_source
from sitegen.reading.images import IMAGES_DIR

_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){1,3}[A-Z]\.?(?:-[A-Z]+)?$|^(?:Ph\.?D|Psy\.?D|Ed\.?D|M\.?Ed)\.?$")
_AUTHOR_PREFIX = re.compile(
    r"^(?:(?:writer|author)['’]?s?\s+(?:picture|photo|image|avatar)|profile\s+(?:picture|photo)|avatar)\s*",
    re.IGNORECASE,
)
_BY = re.compile(r"^(?:(?:written|posted|published|authored)\s+)?by[:\s]+|^(?:author|writer):\s*", re.IGNORECASE)
_TITLE = re.compile(r"^(?:dr|mr|mrs|ms|mx)\.?\s+", re.IGNORECASE)
_PART_SPLIT = re.compile(r"\s*(?:&|\+|/|,|\band\b)\s*", re.IGNORECASE)
_SEPARATORS = set(",|/;•·")
_UNKNOWN_CHAR, _SPACE_SPLIT = 10, 3


def loose(text: str) -> str:
    """'Anxiety & Stress' -> 'anxietystress', 'Ängste' -> 'angste', 'القلق' -> 'القلق': the letters
    and digits of any script, lowercased; accents on Latin letters dropped, other scripts' marks kept."""
    kept: list[str] = []
    base = ""
    for char in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.category(char).startswith("M"):
            if base and not base.isascii():
                kept.append(char)  # a vowel sign or voicing mark is part of the letter, not an accent
        elif char.isalnum():
            kept.append(char)
            base = char
        else:
            base = ""
    return unicodedata.normalize("NFC", "".join(kept))


@dataclass(frozen=True)
class Segment:
    """One piece of a run-together category line: the raw text, and what it matched (if anything)."""

    raw: str
    category: str = ""
    tag: str = ""

    @property
    def known(self) -> bool:
        return bool(self.category or self.tag)


@dataclass(frozen=True)
class SiteFacts:
    categories: tuple[str, ...]
    default_category: str
    tags: tuple[str, ...]
    team: dict[str, str]  # slug -> name
    images: frozenset[str]
    page_slugs: frozenset[str]
    language: str
    article_slugs: dict[str, str]  # address slug -> the article file that has it
    slug_style: str = UNICODE  # site.yaml's `slugs:`

    def category_for(self, name: str) -> str | None:
        """The site category an old category name stands for, or None when none (or several) fit."""
        key = _key(name)
        if not key:
            return None
        whole = [c for c in self.categories if key in _keys(c)]
        if whole:
            return whole[0]
        parts = [c for c in self.categories if key in _part_keys(c)]
        return parts[0] if len(parts) == 1 else None

    def tag_for(self, name: str) -> str | None:
        key = _key(name)
        return next((t for t in self.tags if _key(t) == key), None) if key else None

    def author_for(self, raw: str) -> str | None:
        """The slug of the clinician an author line names, or None."""
        words = author_words(raw)
        if not words:
            return None
        exact = [slug for slug, name in sorted(self.team.items()) if author_words(name) == words]
        if len(exact) == 1:
            return exact[0]
        ends = [
            slug
            for slug, name in sorted(self.team.items())
            if len(w := author_words(name)) >= 2 and len(words) >= 2 and (w[0], w[-1]) == (words[0], words[-1])
        ]
        if len(words) == 1 and raw.strip()[:1].isupper():  # 'Priya' above the date: the one Priya on the team
            ends = [slug for slug, name in sorted(self.team.items()) if author_words(name)[:1] == words]
        return ends[0] if len(ends) == 1 else None

    def segment_categories(self, line: str) -> list[Segment]:
        """Split 'ANXIETY & STRESSCOUPLESSELF CARE' into known categories/tags and unknown rests."""
        chars, gaps = _alnum_with_gaps(line)
        n = len(chars)
        text = "".join(chars).lower()
        known: dict[str, int] = {}  # spelling -> cost: whole category names are preferred, then tags, then parts
        for category in self.categories:
            known.update((key, 3) for key in _part_keys(category))
        known.update((_key(tag), 2) for tag in self.tags)
        for category in self.categories:
            known.update((key, 1) for key in _keys(category))
        no_path: list[tuple[int, int]] = []
        best: list[tuple[int, list[tuple[int, int]]]] = [(0, no_path)] + [(10**9, no_path)] * n
        for end in range(1, n + 1):
            for start in range(end):
                base_cost, path = best[start]
                if base_cost >= 10**9:
                    continue
                split = 0 if start == 0 else _split_cost(gaps[start])
                known_cost = known.get(text[start:end])
                unknown_cost = 1 + _UNKNOWN_CHAR * (end - start)
                cost = base_cost + split + (known_cost if known_cost is not None else unknown_cost)
                if cost < best[end][0]:
                    best[end] = (cost, [*path, (start, end)])
        segments = []
        for start, end in best[n][1]:
            raw = _raw_slice(line, start, end)
            segments.append(Segment(raw, self.category_for(raw) or "", self.tag_for(raw) or ""))
        return segments


def without_credentials(name: str) -> str:
    """'Jane Doe LMFT LCSW' -> 'Jane Doe' (a name keeps at least two words)."""
    words = name.split()
    while len(words) > 2 and _CREDENTIAL.match(words[-1].strip(",")):
        words.pop()
    return " ".join(words)


def author_name(raw: str) -> str:
    """'By Dr. Jane A. Doe, LMFT' -> 'Jane A. Doe': the name without prefixes, titles or credentials."""
    text = _AUTHOR_PREFIX.sub("", raw.strip())
    text = _BY.sub("", text).split(",")[0].split("|")[0].strip()
    return without_credentials(_TITLE.sub("", _undoubled(text)))


def _undoubled(name: str) -> str:
    """'Maya ChenMaya Chen' -> 'Maya Chen': some builders copy the byline's name twice, run together."""
    half = len(name) // 2
    for cut in (half, half + 1):
        first, second = name[:cut].strip(), name[cut:].strip()
        if first and first == second:
            return first
    return name


def author_words(raw: str) -> tuple[str, ...]:
    """'By Dr. Jane A. Doe, LMFT' -> ('jane', 'a', 'doe'), for comparing names."""
    return tuple(w for w in (loose(word) for word in author_name(raw).split()) if w)


def load_site_facts(root: Path, config: SiteConfig) -> SiteFacts:
    categories = tuple(c.name for c in config.categories)
    tags: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for path in sorted((root / layout.ARTICLES).glob("*.md")):
        meta = _front_matter(path)
        slug = meta.get("slug")
        slugs.setdefault(slug if isinstance(slug, str) and slug else path.stem, layout.article_file(path.stem))
        tags_value = meta.get("tags")
        for tag in tags_value if isinstance(tags_value, list) else []:
            if isinstance(tag, str) and tag.strip():
                tags.setdefault(_key(tag), tag.strip())
    team = {}
    for path in sorted((root / layout.TEAM).glob("*.md")):
        name = _front_matter(path).get("name")
        if isinstance(name, str) and name.strip():
            team[path.stem] = name.strip()
    images_dir = root / IMAGES_DIR
    images = frozenset(p.name for p in images_dir.iterdir() if p.is_file()) if images_dir.is_dir() else frozenset()
    pages = frozenset(p.stem for p in (root / layout.PAGES).glob("*.md"))
    return SiteFacts(
        categories=categories,
        default_category=config.import_category or (categories[0] if categories else ""),
        tags=tuple(sorted(tags.values(), key=str.lower)),
        team=team,
        images=images,
        page_slugs=pages,
        language=config.language,
        article_slugs=slugs,
        slug_style=config.slugs,
    )


def _front_matter(path: Path) -> dict[str, object]:
    try:
        source, _ = split_source(path.name, path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
    data = source.meta.data if source is not None else None
    return data if isinstance(data, dict) else {}


def _key(name: str) -> str:
    return loose(re.sub(r"\band\b", " ", name, flags=re.IGNORECASE))


def _keys(category: str) -> set[str]:
    """Whole-name spellings: 'Anxiety & Stress' -> {'anxietystress', 'anxietyandstress'} (and singular)."""
    keys = {_key(category), loose(category), loose(category.replace("&", " and "))}
    return keys | {k[:-1] for k in keys if k.endswith("s") and len(k) > 4}


def _part_keys(category: str) -> set[str]:
    parts = {loose(p) for p in _PART_SPLIT.split(category) if loose(p)}
    return parts | {p[:-1] for p in parts if p.endswith("s") and len(p) > 4}


def _alnum_with_gaps(line: str) -> tuple[list[str], list[str]]:
    """The letters and digits of a line, and for each the characters just before it."""
    chars: list[str] = []
    gaps: list[str] = []
    gap = ""
    for ch in unicodedata.normalize("NFKD", line):
        if ch.isascii() and ch.isalnum():
            chars.append(ch)
            gaps.append(gap)
            gap = ""
        elif not unicodedata.combining(ch):
            gap += ch
    return chars, gaps


def _split_cost(gap: str) -> int:
    """Splitting where letters touch ('ANXIETYCOUPLES') or at a separator is free; at a space it is not."""
    if gap == "" or any(ch in _SEPARATORS for ch in gap):
        return 0
    return _SPACE_SPLIT


def _raw_slice(line: str, start: int, end: int) -> str:
    """The part of the original line holding alphanumeric characters start..end."""
    positions = [i for i, ch in enumerate(line) if loose(ch)]
    if not positions or start >= len(positions):
        return ""
    return line[positions[start] : positions[min(end, len(positions)) - 1] + 1].strip()
