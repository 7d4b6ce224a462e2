"""A saved web page (.html): find the article in it, drop the page around it, read its facts.

Title: the article's <h1>. Date, author, categories and tags come from the page's markup
(<time datetime>, rel="author", rel="category tag", article:* meta tags, JSON-LD) and,
failing that, from text lines at the top of the article, read like copied text.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bs4 import BeautifulSoup, Tag

from sitegen.commands.importer.blocks import Block, Note, escape_line_start
from sitegen.commands.importer.chrome import split_tail, strip_head
from sitegen.commands.importer.dates import FoundDate, parse_machine_date
from sitegen.commands.importer.header import PAGE_LINE, classify, read_header, take_tail_facts
from sitegen.commands.importer.html import DROPPED_TAGS, Converter, parse_html
from sitegen.commands.importer.leftovers import is_image_leftover
from sitegen.commands.importer.post import PostDraft, take_terms
from sitegen.commands.importer.repeats import drop_pull_quotes, drop_table_of_contents
from sitegen.commands.importer.sections import lists_under_headings
from sitegen.commands.importer.site import SiteFacts
from sitegen.commands.importer.text import BULLET, COVER_ALT, cover_caption

_FURNITURE = re.compile(
    r"share|social|comment|related|newsletter|subscribe|cookie|popup|modal|sidebar|breadcrumb|author-?bio|"
    r"post-?nav|pagination|widget|advert|\bads?\b|promo|signup|recent|tag-?cloud|\bmenu\b|skip-link|screen-reader",
    re.IGNORECASE,
)
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_TERM_LINKS = 'a[rel~="category"], a[rel~="tag"], a[href*="/categor"], a[href*="/tag/"]'
_LISTS_OF_ALL = re.compile(r"sidebar|widget_|navigation|\bnav\b|menu", re.IGNORECASE)
_CONTENT = re.compile(r"(?:post|entry|article|blog)[-_]?(?:content|body|text)|articlebody|post-description", re.I)


def read_page(text: str, facts: SiteFacts) -> PostDraft:
    soup = parse_html(text)
    linked, metas, meta_tags = _linked_data(soup), _metas(soup), _meta_tags(soup)  # read before <meta> is dropped
    crumbs = _breadcrumb_categories(soup, facts)
    for table in soup.select("table.tr-caption-container"):  # Blogger's image with its caption
        table.name = "figure"
        for cell in table.select("td.tr-caption"):
            cell.name = "figcaption"
    for tag in soup.find_all(DROPPED_TAGS):
        if isinstance(tag, Tag) and not tag.decomposed:
            tag.decompose()
    article = _find_article(soup)
    h1 = _title_heading(article, soup)
    title = " ".join(h1.get_text(" ").split()) if h1 else _fallback_title(soup, metas)
    title_line = (h1.sourceline or 0) if h1 else 0
    date, date_line = _markup_date(article, soup, linked, metas)
    author = _markup_author(article, soup, linked, metas)
    categories, tags = _markup_terms(article, soup, linked, metas, meta_tags)
    if h1 is not None:
        h1.decompose()
    _drop_furniture(article)
    converter = Converter(facts)
    notes = converter.notes
    blocks, tail = split_tail(_subtitle_as_teaser(converter.convert(article)), facts, notes)
    blocks = drop_pull_quotes(drop_table_of_contents(blocks, notes), notes)
    blocks = strip_head(blocks, lambda line: classify(line, facts), notes)
    header, blocks = read_header(blocks, facts, title_known=True)
    take_tail_facts(header, tail, facts)
    if header.ends_with_metadata and len(blocks) > 1 and cover_caption(blocks[0], blocks[1]):
        notes.append(Note(blocks[0].line, COVER_ALT, blocks[0].plain))
        blocks = blocks[1:]
    notes.extend(Note(b.line, PAGE_LINE, b.plain) for b in header.page_lines)
    draft = PostDraft(title or header.title, title_line, lists_under_headings(tidy_blocks(blocks, notes)), notes)
    draft.description = header.teaser or _teaser_from_metas(metas, blocks)
    draft.date, draft.date_line = (date, date_line) if date else (header.date, header.date_line)
    draft.date_text = "" if date else header.date_text
    draft.updated = header.updated
    draft.author, draft.author_line = (author, title_line) if author else (header.author, header.author_line)
    if not categories:  # Blogger's labels are its only grouping: one that names a site category is the category
        categories = [t for t in tags if facts.category_for(t)][:1] or crumbs[:1]
        tags = [t for t in tags if t not in categories]
    if categories or tags:
        take_terms(draft, categories, tags, title_line, facts)
    if not categories:
        draft.category_text, draft.category_line = header.category_text, header.category_line
        draft.segments = header.segments
    return draft


def _breadcrumb_categories(soup: BeautifulSoup, facts: SiteFacts) -> list[str]:
    """'Blog / Relationships': a step of the page's breadcrumb trail that names one of the site's categories."""
    found = []
    for trail in soup.find_all(True, class_=re.compile("breadcrumb", re.IGNORECASE)):
        for step in re.split(r"\s*[/›»>|]\s*", " ".join(trail.get_text(" ").split())):
            if step and facts.category_for(step) and step not in found:
                found.append(step)
    return found


def _subtitle_as_teaser(blocks: list[Block]) -> list[Block]:
    """A sentence set as a heading right under the title (Substack's subtitle) is the post's teaser."""
    for index, block in enumerate(blocks[:3]):
        if block.kind == "heading" and block.plain.strip().endswith((".", "!")) and len(block.plain.split()) >= 5:
            return [*blocks[:index], block.with_kind("para"), *blocks[index + 1 :]]
    return blocks


def _teaser_from_metas(metas: dict[str, str], blocks: list[Block]) -> str:
    """The page's description, unless it is only the start of the post cut short ('Bubble baths are fine…')."""
    description = " ".join((metas.get("description") or metas.get("og:description", "")).split())
    start = " ".join(" ".join(b.plain.split()) for b in blocks[:3])
    cut = description.rstrip(".…").rstrip()
    if description.endswith(("...", "…")) or (len(cut) > 20 and cut in start):
        return ""
    return description


def _find_article(soup: BeautifulSoup) -> Tag:
    """The element holding the post: the <article> with the <h1>, the biggest content block, <main>, or <body>."""
    articles = [a for a in soup.find_all("article") if isinstance(a, Tag)]
    with_title = [a for a in articles if a.find("h1")]
    whole = _text_length(soup.body) if isinstance(soup.body, Tag) else _text_length(soup)
    big = [a for a in articles if _text_length(a) * 3 >= whole]  # not a list of related posts' <article>s
    if with_title or big:
        return max(with_title or big, key=_text_length)
    marked = [t for t in soup.find_all(True) if isinstance(t, Tag) and _is_content(t)]
    if marked:
        return max(marked, key=_text_length)
    for selector in ("main", "[role=main]", "body"):
        found = soup.select_one(selector)
        if found is not None:
            for tag in found.find_all(["header", "footer", "nav", "aside"]):
                if isinstance(tag, Tag) and not tag.decomposed and not tag.find("h1"):
                    tag.decompose()
            return found
    return soup


def _is_content(tag: Tag) -> bool:
    names = " ".join(
        [str(tag.get("id") or ""), *_classes(tag), str(tag.get("itemprop") or ""), str(tag.get("data-hook") or "")]
    )
    return bool(_CONTENT.search(names))


def _title_heading(article: Tag, soup: BeautifulSoup) -> Tag | None:
    """The article's <h1>; else a heading marked as the post's title (Blogger's h3.post-title), else any <h1>."""
    inside = article.find("h1")
    if isinstance(inside, Tag) and inside.get_text(strip=True):
        return inside
    marked = soup.select_one(
        ":is(h1, h2, h3):is(.entry-title, .post-title, .blog-title), [itemprop=headline]"
    )  # Blogger's h3.post-title, Weebly's h2.blog-title
    if isinstance(marked, Tag) and marked.get_text(strip=True):
        return marked
    for scope in (soup.find("main"), soup):
        if isinstance(scope, Tag | BeautifulSoup):
            for h1 in scope.find_all("h1"):
                if isinstance(h1, Tag) and h1.get_text(strip=True) and not h1.find_parent(["nav", "footer"]):
                    return h1
    return None


def _fallback_title(soup: BeautifulSoup, metas: dict[str, str]) -> str:
    title = metas.get("og:title", "")
    if not title and soup.title:
        title = re.split(r"\s+[|–—-]\s+", soup.title.get_text(" ").strip())[0]
    return " ".join(title.split())


def _drop_furniture(article: Tag) -> None:
    """Headers, footers, share buttons, comments, related posts, lists of tags… but never most of the article."""
    total = _text_length(article)
    for links in list(article.find_all(["p", "div", "span", "ul"])):
        if isinstance(links, Tag) and not links.decomposed and _only_term_links(links):
            links.decompose()
    for tag in list(article.find_all(True)):
        if not isinstance(tag, Tag) or tag.decomposed:
            continue
        hidden = tag.get("hidden") is not None or tag.get("aria-hidden") == "true"
        style = str(tag.get("style") or "").replace(" ", "").lower()
        names = " ".join([str(tag.get("id") or ""), *_classes(tag)])
        if (
            tag.name in ("header", "footer", "aside", "nav")
            or hidden
            or "display:none" in style
            or tag.get("role") in _FURNITURE_ROLES
            or (_FURNITURE.search(names) and not _is_content(tag) and _text_length(tag) * 2 < total)
        ):
            tag.decompose()


def _markup_date(
    article: Tag, soup: BeautifulSoup, linked: dict[str, Any], metas: dict[str, str]
) -> tuple[FoundDate | None, int]:
    candidates: list[tuple[str, int]] = []
    for key in ("article:published_time", "datePublished", "date"):
        if metas.get(key):
            candidates.append((metas[key], 0))
    if isinstance(linked.get("datePublished"), str):
        candidates.append((linked["datePublished"], 0))
    for scope in (article, soup):
        for time in scope.find_all(["time", True], attrs={"itemprop": "datePublished"}) + scope.find_all("time"):
            if isinstance(time, Tag):
                value = str(time.get("datetime") or time.get("content") or time.get("title") or "")
                if value:
                    candidates.append((value, time.sourceline or 0))
    for value, line in candidates:
        date = parse_machine_date(value)
        if date:
            return FoundDate(date.year, date.month, date.day, 0, 0), line
    return None, 0


def _markup_author(article: Tag, soup: BeautifulSoup, linked: dict[str, Any], metas: dict[str, str]) -> str:
    for scope in (article, soup):
        found = scope.select_one(
            '[rel~="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .vcard .fn, .byline .author, '
            ".author, .post-author"
            + (', a[href*="/author/"]' if scope is article else "")  # WordPress themes' "by <a href=/author/…>"
        )
        if isinstance(found, Tag) and 0 < len(found.get_text(strip=True)) <= 80:
            return " ".join(found.get_text(" ").split())
    author = linked.get("author")
    if isinstance(author, list) and author:
        author = author[0]
    if isinstance(author, dict) and isinstance(author.get("name"), str):
        return str(author["name"])
    return metas.get("author", "")


def _markup_terms(
    article: Tag, soup: BeautifulSoup, linked: dict[str, Any], metas: dict[str, str], meta_tags: list[str]
) -> tuple[list[str], list[str]]:
    """Categories and tags from rel="category tag" / rel="tag" links, article:section and article:tag."""
    categories: list[str] = []
    tags: list[str] = []
    for scope in (article, soup):
        for link in scope.select(_TERM_LINKS):
            text = " ".join(link.get_text(" ").split()).lstrip("#")
            if _in_list_of_all(link):
                continue  # the blog's menu or sidebar lists every category, not this post's
            rel, href = _attribute_words(link, "rel"), str(link.get("href") or "")
            target = categories if "category" in rel or (not rel and "/categor" in href) else tags
            if text and text not in target:
                target.append(text)
        if categories or tags:
            break
    section = metas.get("article:section") or linked.get("articleSection")
    if isinstance(section, str) and section and not categories:
        categories.append(section)
    tags.extend(t for t in meta_tags if t not in tags)
    return categories, tags


def _only_term_links(tag: Tag) -> bool:
    """'sleep, stress' where each word links to a tag page: the post's tags, already read from the markup."""
    links = [a for a in tag.find_all("a") if isinstance(a, Tag)]
    if not links or not all(re.search(r"/(?:tag|tags|categor\w*|label)/", str(a.get("href") or "")) for a in links):
        return False
    rest = tag.get_text(" ")
    for link in links:
        rest = rest.replace(link.get_text(" "), " ", 1)
    return not re.sub(r"(?i)\b(?:tags|tagged|categories|labels|filed under)\b|[\s,:;|/·•]", "", rest)


def _in_list_of_all(link: Tag) -> bool:
    """A link in the blog's menu or sidebar, which list every category rather than this post's."""
    for parent in link.parents:
        if parent.name in ("body", "html", "[document]"):
            return False
        if parent.name in ("nav", "aside") or _LISTS_OF_ALL.search(" ".join(_classes(parent))):
            return True
    return False


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """<meta> contents by property, name or itemprop (the first of each)."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        if not isinstance(tag, Tag):
            continue
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "")
        value = " ".join(str(tag.get("content") or "").split())
        if key and value:
            found.setdefault(key, value)
    return found


def _meta_tags(soup: BeautifulSoup) -> list[str]:
    tags = soup.find_all("meta", attrs={"property": "article:tag"})
    return [str(t.get("content") or "").strip() for t in tags if isinstance(t, Tag) and t.get("content")]


def _linked_data(soup: BeautifulSoup) -> dict[str, Any]:
    """The page's JSON-LD article, if any (read before scripts are dropped)."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.get_text())
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and str(item.get("@type", "")).endswith(("Article", "Posting")):
                return item
    return {}


def tidy_blocks(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Bullets typed into paragraphs become list items; 'Image' and file-name lines are dropped."""
    kept = []
    for block in blocks:
        if block.kind == "para" and is_image_leftover(block.plain):
            notes.append(Note(block.line, "dropped a leftover of an image", block.plain))
        else:
            kept.append(_bullet_paragraph(block))
    return kept


def _bullet_paragraph(block: Block) -> Block:
    """'• Item' typed into a paragraph (as page builders make writers do) is a list item."""
    match = BULLET.match(block.plain) if block.kind == "para" else None
    if match is None:
        return block
    text = re.sub(r"^\\?[•◦▪▫●○■□‣⁃∙►▸➢➤✓✔→*+–—-]\s*", "", block.text, count=1)
    return Block("item", escape_line_start(text), block.plain[match.end() :], block.line)


def _classes(tag: Tag) -> list[str]:
    return _attribute_words(tag, "class")


def _attribute_words(tag: Tag, name: str) -> list[str]:
    value: object = tag.get(name)
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).split() if value else []


def _text_length(tag: Tag) -> int:
    return len(tag.get_text(" ", strip=True))
