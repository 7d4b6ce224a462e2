"""`sitegen check`'s professional checks: what a therapy practice's site must not say, or must say.

Two findings, each a warning at `path:line` (the build still succeeds):

- content that reads as client testimonials: a heading such as "Testimonials", "What clients
  say" or "Testimonios", or a quotation attributed to a client ("— J., client"). Professional
  codes restrict them (see TESTIMONIALS_HINT); `check.testimonials: off` in site.yaml silences it.
  A quotation from a named author ("— Carl Rogers") or an article about book reviews is not one.
- a missing accessibility statement. sitegen builds one at /accessibility/ unless the site says
  `accessibility: false`, so "missing" means: switched off with no content/pages/accessibility.md
  in its place, or the built-in statement, which names whom to contact, has no email or phone
  in `practice:` to name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sitegen.config.site_config import CONFIG_FILE, SiteConfig
from sitegen.core import layout
from sitegen.core.errors import ContentError

TESTIMONIALS_HINT = (
    "therapists' codes restrict testimonials: the APA Ethics Code (5.05) says not to ask current clients, "
    "or anyone open to undue influence, for them; the ACA Code of Ethics (C.3.b) says not to ask current "
    "or former clients; in Ontario, CRPO's advertising standard (6.2.2) bars asking for them or using them "
    "at all. Consider removing it; if it is not about your clients, set check: testimonials: off in site.yaml"
)
"""Verified against each code's text: APA Ethical Principles of Psychologists and Code of Conduct,
standard 5.05 Testimonials; ACA Code of Ethics (2014), C.3.b Testimonials; CRPO Professional
Practice Standard 6.2 Advertising (crpo.ca/practice-standards/business-practices/advertising/)."""

_CLIENT = r"(?:clients?|patients?|clientes?|pacientes?|consultantes?)"
_HEADINGS = re.compile(
    r"(?:(?:client|patient)\s+)?testimonials?|(?:client|patient)\s+(?:reviews?|feedback|stories|experiences)"
    r"|reviews?\s+(?:from|by)\s+(?:our\s+|my\s+)?(?:clients|patients)"
    r"|what\s+(?:our\s+|my\s+|past\s+|former\s+)?(?:clients|patients|people)\s+(?:say|are\s+saying|have\s+said)"
    r"(?:\s+about\s+\w+)?|(?:hear\s+)?from\s+(?:our|my)\s+clients|kind\s+words|success\s+stories"
    r"|testimonios?(?:\s+de\s+(?:nuestros\s+|mis\s+)?" + _CLIENT + r")?"
    r"|lo\s+que\s+dicen\s+(?:nuestros\s+|nuestras\s+|mis\s+|los\s+|las\s+)?" + _CLIENT + r"(?:\s+(?:de|sobre)\s+\w+)?"
    r"|(?:opiniones|reseñas|comentarios)\s+de\s+(?:nuestros\s+|mis\s+|los\s+)?" + _CLIENT + r""
    r"|palabras\s+amables|historias\s+de\s+éxito",
    re.IGNORECASE,
)
"""Heading texts, matched whole. A bare 'Review' or 'Reviews' is not one: a journey's weekly review
or a piece about reading reviews is common in a practice's writing; 'Client reviews' is."""
_HEADING_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s+(.+?)\s*#*\s*$|<h[1-6][^>]*>(.+?)</h[1-6]>)", re.IGNORECASE)
_TITLE_LINE = re.compile(r"^title:\s*(.+?)\s*$")
_ATTRIBUTION = re.compile(
    r"(?:—|–|--|~|(?:(?<=[\"”»])|(?<=[\"”»]\s))-)\s*[*_]*(?:[^—–~,\n]{1,40},\s*|[\w.]+\s+)?"
    r"(?:(?:a|an|one|un|una)\s+)?(?:(?:former|past|current|antiguo|antigua|ex)[\s-]+)?" + _CLIENT + r"(?![-\w])",
    re.IGNORECASE,
)
"""An attribution to a client: '— J., client', '– a client', '~ former client', '— Ana, paciente'.
'— Carl Rogers' and '— Rogers, Client-Centered Therapy' are not."""
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")


def professional_findings(root: Path, config: SiteConfig, sources: dict[str, str]) -> list[ContentError]:
    """Every professional finding, as warnings for `sitegen check` to print."""
    found = testimonial_findings(root) if config.check.testimonials_on else []
    statement = accessibility_finding(root, config, sources)
    return found + ([statement] if statement else [])


def testimonial_findings(root: Path) -> list[ContentError]:
    """Each heading or attributed quotation in content/ that reads as a client's testimonial."""
    findings = []
    for path in sorted((root / layout.CONTENT).rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # the build reports an unreadable file itself
        for number, what in _testimonial_lines(lines):
            findings.append(ContentError(rel, number, f"this reads as client testimonials: {what}", TESTIMONIALS_HINT))
    return findings


def _testimonial_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(line number, what was found) for each line that reads as a testimonial."""
    in_front = bool(lines) and lines[0].strip() == "---"
    in_code = False
    quoted_before = False
    for index, line in enumerate(lines, start=1):
        if in_front:
            if index > 1 and line.strip() in ("---", "..."):
                in_front = False
            title = _TITLE_LINE.match(line)
            if title and _is_testimonial_heading(title.group(1).strip("\"'")):
                yield index, f"the page's title '{title.group(1).strip(chr(34) + chr(39))}'"
            continue
        if _FENCE.match(line):
            in_code = not in_code
        if in_code:
            continue
        heading = _HEADING_LINE.match(line)
        if heading:
            text = heading.group(1) or heading.group(2)
            if _is_testimonial_heading(text):
                yield index, f"the heading '{text.strip()}'"
            quoted_before = False
            continue
        quoted = line.lstrip().startswith(">")
        if _ATTRIBUTION.search(line) and (quoted or quoted_before or _has_quotation(line)):
            yield index, "a quotation attributed to a client"
        if line.strip():
            quoted_before = quoted


def _is_testimonial_heading(text: str) -> bool:
    plain = re.sub(r"<[^>]+>|[*_`:!.¡¿?\"“”«»]", "", text).strip()
    return _HEADINGS.fullmatch(plain) is not None


def _has_quotation(line: str) -> bool:
    """A line with quoted words before its attribution: '"She listened." — Sam, client'."""
    return re.search(r"[\"“«].{3,}[\"”»]", line) is not None


def accessibility_finding(root: Path, config: SiteConfig, sources: dict[str, str]) -> ContentError | None:
    """A warning when the site has no accessibility statement, or the built-in one cannot say
    whom to contact: a reader who meets a barrier needs a way to tell the practice."""
    own = bool(sources.get("accessibility/index.html")) or (root / layout.PAGES / "accessibility.md").is_file()
    if own:
        return None
    if not config.accessibility:
        return ContentError(
            CONFIG_FILE,
            config.line_of("accessibility"),
            "the site has no accessibility statement: 'accessibility: false' removes the built-in /accessibility/ page",
            "remove that line to publish the built-in statement, or write your own in content/pages/accessibility.md",
        )
    if config.practice.email or config.practice.phone:
        return None
    return ContentError(
        CONFIG_FILE,
        config.line_of("practice") or config.line_of("title"),
        "the accessibility statement at /accessibility/ cannot say whom to contact: practice has no email or phone",
        "add practice: email: (or phone:) to site.yaml, so a reader who meets a barrier can tell you",
    )
