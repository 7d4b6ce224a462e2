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
from sitegen.commands.importer.leftovers import is_image_leftover
from sitegen.commands.importer.site import SiteFacts

_NAV_WORDS = (
    "home", "about", "blog", "contact", "services", "team", "fees", "faq", "resources", "journal",
    "approach", "specialties", "insurance", "therapy", "counseling", "book", "getintouch", "articles",
)  # fmt: skip
_HEAD = re.compile(
    r"^(?:top of page|skip to [\w ]{4,30}|search this blog|more(?:…|\.\.\.)?|about(?: us| me)?|"
    r"our (?:therapists|team|approach|services|practice|story)|services|resources|fees|team|faq|"
    r"writer['’]?s picture|press tab to move through the menu items\.?|accept(?: all)?(?: cookies)?|decline|"
    r"reject all|cookie settings|manage cookies|.*\bcookies\b.*|open menu(?: close menu)?|close menu|"
    r"open navigation|menu|"
    r"navigation|toggle navigation|log ?in(?: ?/ ?sign ?up)?|sign ?in|all posts|search|home|blog|journal|"
    r"articles|news|back to (?:the )?(?:blog|journal|all posts|articles|news)|(?:←|<) ?back.*|cart ?\(?\d*\)?|\d{1,2}|"
    r"request (?:an )?appointment|book (?:now|online|a session|a consultation|an appointment)|"
    r"schedule (?:now|online|a consultation)|client portal|get in touch|contact(?: us)?|open in app|sign ?up|"
    r"write|sitemap|\w+ logo|member-only story|find an? [\w ]{3,30}|get help|magazine|city or zip|"
    r"united states|subscribe|donate|shop|events)$",
    re.IGNORECASE,
)
_BYLINE_WIDGET = re.compile(
    r"^(?:follow|following|listen|share|tweet|email|save|clap|·|paid|free|subscribe|[\d.,]+[KkM]?|published in|"
    r"top highlight|"
    r"reviewed by .{3,60}|\d+ (?:likes?|claps?|comments?|responses?))$",
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
    r"leave a (?:comment|reply)|post a comment|write a comment\.*|add a comment|comments?(?: \(\d+\))?:?|"
    r"no comments:?|\d+ comments?|\d+ views?.*|log in to leave a comment|post not marked as liked|"
    r"(?:categories|category|tags?|labels?|topics?)\s*:.*|(?:filed under|posted in)\s*:?\s.*|categories|tags|"
    r"(?:posted|written) by .{2,60}|about the author|more from .*|recommended from .*|responses? \(\d+\)|"
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
_TAGGED = re.compile(r"\s+(?:tagged(?: with)?|tags?)\s*:", re.IGNORECASE)
_POSTED_BY = re.compile(r"^(?:posted|written)\s+by\s+(.+?)(?:\s+(?:at|on)\s+.*)?$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+){0,3}(?:,\s*[A-Za-z.,\s]{2,20})?$")
_TERMINAL = (".", "!", "?", "…", ":", ";", "”", '"', ")")


@dataclass(frozen=True)
class TailFacts:
    """What the lines below the post said about it: a category line and an author, with their lines."""

    category_text: str = ""
    category_line: int = 0
    author: str = ""
    author_line: int = 0


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
    start = next(
        (
            i
            for i, b in enumerate(blocks)
            if b.kind == "para" and len(b.plain.split()) >= 25 and not is_head_furniture(b.plain)
        ),
        len(blocks),
    )
    region = range(min(start, 30))
    widgets = {i for i in region if _is_byline_widget(blocks, i)}
    furniture = [i for i in region if i not in widgets and is_head_furniture(blocks[i].plain)]
    if not furniture:
        return [b for i, b in enumerate(blocks) if i not in widgets]
    last = furniture[-1]
    rest = [b for i, b in enumerate(blocks[last + 1 : start], last + 1) if i not in widgets]
    if all(kind_of(b.plain) in ("date", "reading", "author", "category") for b in rest):
        return [b for i, b in enumerate(blocks) if i not in furniture and i not in widgets]
    # the byline stays; a category above the menus is the blog's list of categories, not the post's
    kept = [
        b for i, b in enumerate(blocks[:last]) if kind_of(b.plain) in ("date", "reading", "author") and i not in widgets
    ]
    gone = [b for i, b in enumerate(blocks[: last + 1]) if b not in kept and i not in furniture and i not in widgets]
    for block in gone:
        notes.append(Note(block.line, "dropped a line among the page's menus above the title", block.plain))
    return kept + [b for i, b in enumerate(blocks[last + 1 :], last + 1) if i not in widgets]


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
    while start > first and _card_line(blocks[start - 1].plain, facts):
        start -= 1
    if start == len(blocks):
        return blocks, TailFacts()
    tail = blocks[start:]
    notes.append(Note(tail[0].line, f"dropped the {len(tail)} lines of the page below the post", tail[0].plain))
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
    for block in tail:
        text = block.plain.strip()
        if _OTHER_POSTS.match(text):
            break  # below this, other posts' titles, and the blog's list of all its categories
        if text.startswith("#"):
            continue  # hashtags are not categories
        named = _NAMED_TERMS.match(text)
        if not category and (named or facts.category_for(text)):
            category, category_line = (_TAGGED.split(named.group(1))[0] if named else text), block.line
        posted = _POSTED_BY.match(text)
        if not author and (posted or facts.author_for(text)):
            author, author_line = (posted.group(1) if posted else text), block.line
    return TailFacts(category, category_line, author, author_line)
