"""The page around a copied post: the site's menus above the title, and everything below the post's end.

Copying a whole page brings the builder's furniture along. Which lines are furniture is decided
for the document, not line by line: the site's name is only a short line until it turns out to
sit among the menu; "Anxiety & Stress" is a category only once the post has ended above it.
Above the title, everything up to the last line that is surely a menu (a skip link, "Open Menu
Close Menu", menu words run together, a breadcrumb) is the page's head. Below the post, the
first line that surely starts the page's tail ("Share this post", "Related Posts", "Leave a
comment", "Tags: …", a copyright line) ends the post, together with the author card and
category lines directly above it, which are read for the facts they hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sitegen.commands.importer.blocks import Block, Note
from sitegen.commands.importer.dates import find_date
from sitegen.commands.importer.leftovers import is_image_leftover
from sitegen.commands.importer.site import SiteFacts

_NAV_WORDS = (
    "home", "about", "blog", "contact", "services", "team", "fees", "faq", "resources", "journal",
    "approach", "specialties", "insurance", "therapy", "counseling", "book", "getintouch", "articles",
)  # fmt: skip
_MENU_ENTRY = re.compile(  # a menu's entries: the page's only when they come as a menu, two or more in a row
    r"^(?:more(?:…|\.\.\.)?|about(?: us| me)?|our (?:therapists|team|approach|services|practice|story)|services|"
    r"resources|fees|team|faq|menu|all posts|search|home|blog|journal|articles|news|contact(?: us)?|get in touch|"
    r"donate|shop|events|write|magazine|\d{1,2})$",
    re.IGNORECASE,
)
_HEAD = re.compile(
    r"^(?:top of page|skip to [\w ]{4,30}|search this blog|"
    r"writer['’]?s picture|press tab to move through the menu items\.?|accept(?: all)?(?: cookies)?|decline|"
    r"reject all|cookie settings|manage cookies|.*\bcookies\b.*|open menu(?: close menu)?|close menu|"
    r"open navigation|navigation|toggle navigation|log ?in(?: ?/ ?sign ?up)?|sign ?in|sign ?up|subscribe|menu|"
    r"back to (?:the )?(?:blog|journal|all posts|articles|news)|(?:←|<) ?back.*|cart ?\(?\d*\)?|"
    r"request (?:an )?appointment|(?:book|schedule|request)(?: (?:a|an|your|my))?(?: free)?(?: [\w-]+)?"
    r" (?:consult\w*|session|appointment|call|visit|now|online|today|here)|primary menu|main menu|"
    r"client portal|open in app|sitemap|\w+ logo|member-only story|find an? [\w ]{3,30}|get help|"
    r"city or zip|united states)$",
    re.IGNORECASE,
)
_BYLINE_WIDGET = re.compile(
    r"^(?:follow|following|listen|share|tweet|email|save|clap|·|paid|free|subscribe|[\d.,]+[KkM]?|published in|"
    r"featured|pinned|sponsored|"
    r"top highlight|"
    r"reviewed by .{3,60}|verified by .{3,40}|\d+ (?:likes?|claps?|comments?|responses?))$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^(?:you are here:\s*)?(?:home|blog)\s*[›»>/|]|\S\s*[›»]\s*\S.*[›»]", re.IGNORECASE)
_PHONE_ONLY = re.compile(
    r"^(?:(?:call|phone|tel|text)\s*:?\s*)?(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}$", re.IGNORECASE
)
_GLUE = re.compile(r"[a-z][A-Z]")
_SOCIAL = r"(?:facebook|twitter|x|linkedin|pinterest|reddit|instagram|email|whatsapp|copy link|link copied!?)"
_TAIL = re.compile(
    r"^(?:share(?: this(?: post| article| story)?)?:?|shares?|(?:related|recent|more|similar|popular|latest) "
    r"(?:posts|articles|stories|reading)|you (?:may|might) also like|keep reading|read next|"
    r"leave a (?:comment|reply)(?: cancel reply)?|post a comment|view all posts by .{2,60}|post navigation|"
    r"(?:previous|next) (?:post|article): .{2,120}|write a comment\.*|add a comment|comments?(?: \(\d+\))?:?|"
    r"no comments:?|\d+ comments?|\d+ views?.*|log in to leave a comment|post not marked as liked|"
    r"(?:categories|category|tags?|labels?|topics?)\s*:.*|(?:filed under|posted in)\s*:?\s.*|categories|tags|"
    r"(?:posted|written) by .{2,60}|(?:this (?:entry|post) was )?posted (?:on|in) .{3,120}|"
    r"about the author|more from .*|recommended from .*|responses? \(\d+\)|"
    r"no responses yet|discussion about this post|ready for more\?|"
    r"newsletter|subscribe.*|sign up for .*|join (?:our|the) (?:newsletter|mailing list).*|"
    r"back to (?:the )?(?:blog|journal|all posts|articles|news|top)|← ?(?:back|previous).*|.*next post ?→?|"
    r"(?:newer|older|previous|next)(?: post| article)?|"
    r"(?:copyright )?©.*|copyright .*|all rights reserved\.?|powered by .*|this (?:website|site) uses cookies.*|"
    r"we use cookies.*|bottom of page|#[\w-]+(?:\s+#[\w-]+)+|"
    rf"{_SOCIAL}\d*(?:\s*[·|,/•]?\s*{_SOCIAL}\d*)*)$",
    re.IGNORECASE,
)
_BOX = re.compile(
    r"^(?:top highlight|type your email(?: address)?(?:…|\.\.\.)?|subscribe(?: now)?|leave a comment|share|"
    r"give a gift subscription|upgrade to paid|thanks for reading .{2,80}subscribe.*)$",
    re.IGNORECASE,
)
_INVITATION = re.compile(r"\bsubscri(?:be|ber|ption)\b|reader-supported", re.IGNORECASE)
_OTHER_POSTS = re.compile(
    r"^(?:related|recent|more|similar|newer|older|previous|next|you (?:may|might)|categories$|archives$)", re.I
)
_NAMED_TERMS = re.compile(r"^(?:categories|category|labels?|filed under|posted in|topics?)\s*:?\s+(.+)$", re.I)
_TAGGED = re.compile(r"\s*[|·•]?\s+(?:tagged(?: with)?\b|tags?\s*:)", re.IGNORECASE)
_POSTED_IN = re.compile(r"\bposted\b.*?\bin\s+(.+?)(?:\s+by\s+.+?)?\.?$", re.IGNORECASE)
_POSTED_IN_BY = re.compile(r"\bposted\b.*\bby\s+(.+?)\.?$", re.IGNORECASE)
_POSTED_ON = re.compile(r"\b(?:posted|published|written)\b", re.IGNORECASE)
_POSTED_BY = re.compile(r"^(?:posted|written)\s+by\s+(.+?)(?:\s+(?:at|on)\s+.*)?$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+){0,3}(?:,\s*[A-Za-z.,\s]{2,20})?$")
_BYLINE_KINDS = ("date", "reading", "author")
_TERMINAL = (".", "!", "?", "…", ":", ";", "”", '"', ")")


@dataclass(frozen=True)
class TailFacts:
    """What the lines below the post said about it: a category line and an author, with their lines."""

    category_text: str = ""
    category_line: int = 0
    author: str = ""
    author_line: int = 0
    dated: Block | None = None  # 'This entry was posted on March 3, 2025': read when the top had no date


def is_body_paragraph(text: str) -> bool:
    """A line of the writer's prose: long, or a few words that end a sentence."""
    words = text.split()
    return len(words) >= 14 or (len(words) >= 6 and text.rstrip().endswith(_TERMINAL))


def is_run_together_menu(text: str) -> bool:
    """'HomeAboutServicesBlogContact', 'homeaboutour teamservicesget in touch': menu words with no spaces."""
    if text.endswith(_TERMINAL) or len(text) > 160:
        return False
    squeezed = re.sub(r"[^a-z]", "", text.lower())
    words = sum(word in squeezed for word in _NAV_WORDS)
    glued = len(_GLUE.findall(text))
    one_case = text in (text.lower(), text.upper())
    return words >= 3 and (glued >= 2 or (one_case and " " not in text.strip()[:12]))


def is_head_furniture(text: str) -> bool:
    """A line that is surely the page's, not the post's: a skip link, a menu, a breadcrumb, a bare phone number."""
    text = text.strip()
    return bool(_HEAD.match(text) or _BREADCRUMB.match(text) or _PHONE_ONLY.match(text) or is_run_together_menu(text))


def strip_head(blocks: list[Block], kind_of: Callable[[str], str], notes: list[Note]) -> list[Block]:
    """Drop the page's head: every line above the last sure menu line before the post starts, but metadata.

    Buttons around the byline ('Follow', 'Listen', counts of claps) go wherever they are above the post.
    If dropping the head would leave no line for a title above the post, only the sure menu lines go.
    """
    start = _post_start(blocks, kind_of)
    region = range(min(start, 30))
    widgets = {i for i in region if _is_byline_widget(blocks, i)}
    sure = {i for i in region if is_head_furniture(blocks[i].plain)}
    menu = {i for i in region if _MENU_ENTRY.match(blocks[i].plain.strip())}
    furniture = [i for i in region if i not in widgets and (i in sure or (i in menu and _in_a_menu(i, menu | sure)))]
    furniture = _with_menu_gaps(blocks, furniture, {i for i in region if i in sure or i in menu})
    if not furniture:
        return [b for i, b in enumerate(blocks) if i not in widgets]
    last = furniture[-1]
    rest = [b for i, b in enumerate(blocks[last + 1 : start], last + 1) if i not in widgets]
    if all(kind_of(b.plain) in (*_BYLINE_KINDS, "category") for b in rest):
        return [b for i, b in enumerate(blocks) if i not in furniture and i not in widgets]
    # the byline stays; a category above the menus is the blog's list of categories, not the post's
    kept = [b for i, b in enumerate(blocks[:last]) if kind_of(b.plain) in _BYLINE_KINDS and i not in widgets]
    gone = [b for i, b in enumerate(blocks[: last + 1]) if b not in kept and i not in furniture and i not in widgets]
    for block in gone:
        notes.append(Note(block.line, "dropped a line among the page's menus above the title", block.plain))
    return kept + [b for i, b in enumerate(blocks[last + 1 :], last + 1) if i not in widgets]


def _with_menu_gaps(blocks: list[Block], furniture: list[int], entries: set[int]) -> list[int]:
    """'Menu / Home / Meet the Team / What We Treat / Blog': short lines up to the last menu entry of the run
    that follows a menu line are its entries too; a short title right after the menu's last entry is not."""
    filled = set(furniture)
    for start in furniture:
        last, index, unknown = start, start + 1, 0
        while index < len(blocks) and unknown <= 3 and (index in entries or _menu_like(blocks[index])):
            unknown = 0 if index in entries else unknown + 1
            last = index if index in entries else last
            index += 1
        filled.update(range(start + 1, last + 1))
    return sorted(filled)


def _menu_like(block: Block) -> bool:
    text = block.plain.strip()
    return block.kind == "para" and 0 < len(text.split()) <= 4 and not text.endswith(_TERMINAL)


def _in_a_menu(index: int, furniture: set[int]) -> bool:
    """'Resources' is a menu entry when it stands among others (or opens the page), a section title otherwise."""
    return index == 0 or bool({index - 1, index + 1} & furniture)


def _post_start(blocks: list[Block], kind_of: Callable[[str], str]) -> int:
    """Where the post's prose begins: its first paragraph, or the one after the byline if a teaser came first."""
    start = next((i for i, b in enumerate(blocks) if _prose(b)), len(blocks))
    while start < len(blocks):
        near = range(start + 1, min(start + 8, len(blocks)))
        byline = [j for j in near if kind_of(blocks[j].plain) in _BYLINE_KINDS or _is_byline_widget(blocks, j)]
        if not byline:
            return start
        start = next((i for i in range(max(byline) + 1, len(blocks)) if _prose(blocks[i])), len(blocks))
    return start


def _prose(block: Block) -> bool:
    return block.kind == "para" and is_body_paragraph(block.plain) and not is_head_furniture(block.plain)


def _is_byline_widget(blocks: list[Block], index: int) -> bool:
    """'Follow', 'Listen', '1.2K', a publication under 'Published in', a name printed twice in a row."""
    text = blocks[index].plain.strip()
    previous = blocks[index - 1].plain.strip() if index > 0 else ""
    doubled_name = text == previous and len(text.split()) <= 5 and not text.endswith(_TERMINAL)
    return bool(_BYLINE_WIDGET.match(text)) or previous.lower() == "published in" or doubled_name


def split_tail(blocks: list[Block], facts: SiteFacts, notes: list[Note]) -> tuple[list[Block], TailFacts]:
    """The post without the page below it, and what the tail's category and author lines said.

    The tail starts at a sure tail line below most of the post's prose, so 'Share' under a byline is not it.
    """
    prose = [len(b.plain) if b.kind == "para" and is_body_paragraph(b.plain) else 0 for b in blocks]
    if not any(prose):
        return blocks, TailFacts()
    total, running, first = sum(prose), 0, len(blocks)
    for index, length in enumerate(prose):
        running += length
        if running * 10 >= total * 6:
            first = index + 1
            break
    start = next((i for i in range(first, len(blocks)) if _TAIL.match(blocks[i].plain.strip())), len(blocks))
    while start > first and (_card_line(blocks[start - 1].plain, facts) or _author_bio(blocks, start - 1)):
        start -= 2 if _author_bio(blocks, start - 1) else 1
    if start == len(blocks):
        return blocks, TailFacts()
    tail = blocks[start:]
    lines = f"the {len(tail)} lines" if len(tail) > 1 else "the line"
    notes.append(Note(tail[0].line, f"dropped {lines} of the page below the post", tail[0].plain))
    return blocks[:start], _tail_facts(tail, facts)


def drop_boxes(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Buttons and sign-up boxes set inside the post ('Top highlight', 'Type your email…', 'Subscribe'),
    with the line inviting readers to subscribe just above such a box."""
    gone = {i for i, b in enumerate(blocks) if b.kind in ("para", "item", "heading") and _BOX.match(b.plain.strip())}
    for index in sorted(gone):
        above = blocks[index - 1] if index > 0 else None
        if above is not None and above.kind == "para" and _INVITATION.search(above.plain) and index - 1 not in gone:
            gone.add(index - 1)
    for index in sorted(gone):
        notes.append(
            Note(blocks[index].line, "dropped a button or sign-up box set inside the post", blocks[index].plain)
        )
    return [b for i, b in enumerate(blocks) if i not in gone]


def _author_bio(blocks: list[Block], index: int) -> bool:
    """'Tom is a licensed counselor…' under a 'Tom Okafor' line, just above the page's tail: the author's card."""
    if index < 1:
        return False
    name, bio = blocks[index - 1].plain.strip(), blocks[index].plain.strip()
    name = re.sub(r"^about\s+(?=[A-Z])", "", name, flags=re.IGNORECASE)  # 'About Maya Chen' over her card
    first = name.split()[0] if _NAME.match(name) and len(name.split()) <= 5 else ""
    return bool(first) and bio.startswith(f"{first} ") and len(bio.split()) <= 60


def _card_line(text: str, facts: SiteFacts) -> bool:
    """An author card's name, a lone category or an image left between the post and its tail."""
    text = text.strip()
    if is_image_leftover(text) or facts.category_for(text) or facts.author_for(text):
        return True
    if re.fullmatch(r"[\d.,]+[KkM]?|·", text):
        return True  # counts of likes and comments
    return bool(_NAME.match(text)) and len(text.split()) <= 6 and not text.endswith(_TERMINAL)


def _tail_facts(tail: list[Block], facts: SiteFacts) -> TailFacts:
    category, category_line, author, author_line = "", 0, "", 0
    dated = None
    tags = False
    for block in tail:
        text = block.plain.strip()
        if _OTHER_POSTS.match(text):
            break  # below this, other posts' titles, and the blog's list of all its categories
        tags = tags or bool(re.fullmatch(r"(?i)tags?:?|tagged:?", text))
        named = _NAMED_TERMS.match(text) or _POSTED_IN.search(text)
        lone = not tags and not text.startswith("#") and facts.category_for(text)  # hashtags and tags are not
        if not category and (named or lone):
            category, category_line = (_TAGGED.split(named.group(1))[0] if named else text), block.line
        if dated is None and _POSTED_ON.search(text) and find_date(text):
            dated = block
        posted = _POSTED_BY.match(text) or _POSTED_IN_BY.search(text)
        if not author and (posted or facts.author_for(text)):
            author, author_line = (posted.group(1) if posted else text), block.line
    return TailFacts(category, category_line, author, author_line, dated)
