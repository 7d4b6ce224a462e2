"""Lines that are not the writer's text: what is left of images, and of the blog's page furniture.

Only what clearly is a leftover is dropped. A line that merely *could* be an image's
description ("A woman sitting by a window") is kept and reported, because it could
just as well be the writer's own words.
"""

from __future__ import annotations

import re

_IMAGE_WORDS = {"image", "images", "photo", "photos", "picture", "img", "graphic", "illustration", "image placeholder"}
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|heic|avif|tiff?|bmp)$", re.IGNORECASE)
_IMAGE_CREDIT = re.compile(
    r"^(?:(?:photo|image|picture|illustration)s?\s+(?:by|from|credit|courtesy|source|via)\b|"
    r"(?:photo|image)\s*:\s|(?:photo|image)\s+of\b|(?:a\s+)?(?:stock\s+)?(?:photo|picture|image)\s+of\b)",
    re.IGNORECASE,
)
_NAMED_IMAGE = re.compile(
    r"^(?:(?:banner|hero|featured|header|cover|blog|post|stock|main|top|article)\s+){1,2}(?:image|photo|picture|graphic)$",
    re.IGNORECASE,
)
_STOCK = re.compile(r"\b(?:unsplash|pexels|pixabay|shutterstock|istock(?:photo)?|getty\s*images|adobe\s*stock)\b", re.I)
_SCENE_NOUN = re.compile(
    r"\b(?:woman|women|man|men|person|people|couple|family|child|children|kid|kids|girl|boy|teen|teenager|"
    r"mother|father|parent|hands?|silhouette|friends|therapist|client|dog|cat|view|close-?up)\b",
    re.IGNORECASE,
)
_STILL_LIFE = re.compile(  # things set somewhere, as a photo shows them
    r"\b(?:mugs?|cups?|candles?|plants?|flowers?|notebooks?|books?|shoes|leaves|stones|benches?|chairs?)\b"
    r".*\b(?:on|in|by|at|under|beside|near)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}"
    r"(?:table|desk|window|windowsill|sill|floor|bed|sofa|couch|bench|beach|shelf|grass|path|park)\b",
    re.IGNORECASE,
)
_VERB_ING = re.compile(r"\b[A-Za-z][a-z]{2,}ing\b")
_CLAUSE_WORDS = re.compile(  # headings speak to the reader or ask; alt text only describes
    r"\b(?:you|your|yours|we|our|us|i|my|why|how|what|when|where|is|are|can|should|do|does|will)\b", re.I
)
_TRAILING_WIDGETS = re.compile(
    r"^(?:\d+\s*views?\s*\d*\s*comments?|\d+\s*(?:views?|comments?|likes?)|post not marked as liked|"
    r"recent posts|related posts|see all|share(?: this(?: post| article)?)?:?|facebook|twitter|x|linkedin|"
    r"pinterest|instagram|email|copy link|like|comments?|write a comment\.*|"
    r"log in to leave a comment|leave a (?:comment|reply)|back to (?:blog|all posts)|← ?back|next post|"
    r"previous post|tags?(?::.*)?|categories:?|filed under:.*|subscribe|sign up|all posts|search)$",
    re.IGNORECASE,
)
_LEADING_WIDGETS = re.compile(
    r"^(?:all posts|search|log in ?/ ?sign up|sign in|blog|back to blog|← ?back(?: to blog)?|menu|skip to "
    r"(?:main )?content)$",
    re.IGNORECASE,
)


def is_image_leftover(line: str) -> bool:
    """'Image', 'IMG_2041.jpg', 'Photo by Sam Lee on Unsplash', 'Image of two mugs on a table'."""
    text = line.strip().strip("[]()").strip()
    if not text:
        return False
    if text.lower().rstrip(":") in _IMAGE_WORDS or _NAMED_IMAGE.match(text):
        return True
    if len(text) <= 120 and _IMAGE_FILE.search(text) and text.count(" ") <= 6:
        return True
    credit = bool(_IMAGE_CREDIT.match(text) or _STOCK.search(text))
    return credit and len(text) <= 160 and not text.endswith((".", "?", "!"))


def looks_like_alt_text(line: str) -> bool:
    """A short, unpunctuated line describing a scene: 'A woman sitting by a window'. Not proof on its own."""
    text = line.strip()
    words = text.split()
    if not 2 <= len(words) <= 16 or text.endswith((".", "?", "!", ":", ";", ",")):
        return False
    if not describes_a_scene(text):
        return False
    capitalised = sum(1 for w in words[1:] if w[:1].isupper())
    return capitalised <= len(words[1:]) // 3  # sentence case, as alt text is; headings are often Title Case


def describes_a_scene(line: str) -> bool:
    """'Woman Looking Out a Window', 'couple holding hands': someone (or something) doing something."""
    text = line.strip()
    words = text.split()
    if not 2 <= len(words) <= 16 or _CLAUSE_WORDS.search(text):
        return False
    if _SCENE_NOUN.search(text) and _VERB_ING.search(" ".join(words[1:])):
        return True
    return bool(_STILL_LIFE.search(text))  # 'Two mugs of coffee on a wooden kitchen table'


def is_title_case(line: str) -> bool:
    """'How Parents Can Help': most longer words capitalised, as headings often are and alt text rarely is."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", line)[1:] if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2


def starts_lowercase(line: str) -> bool:
    first = line.strip()[:1]
    return first.isalpha() and first.islower()


def is_trailing_widget(line: str) -> bool:
    """Share buttons, view counters, 'Recent Posts' and the like, copied from the end of a post."""
    return bool(_TRAILING_WIDGETS.match(line.strip()))


def is_leading_widget(line: str) -> bool:
    return bool(_LEADING_WIDGETS.match(line.strip()))
