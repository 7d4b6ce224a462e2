"""A journey's images and recordings, found in the HTML of its overview and days once they are
laid out: images get srcset and size, audio references become players, as in articles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sitegen.config.site_config import SiteConfig
from sitegen.core.errors import ContentError
from sitegen.reading.audio import rewrite_audio
from sitegen.reading.audio_files import AudioInfo
from sitegen.reading.images import ImageInfo, rewrite_images
from sitegen.reading.models import Journey, Section


def with_media(journey: Journey, root: Path, config: SiteConfig) -> tuple[Journey | None, list[ContentError]]:
    """The journey with sized images and audio players; or every missing file, alt text and
    transcript, each at its line (in journey.md or the day file that holds it)."""
    errors: list[ContentError] = []
    images: list[ImageInfo] = []
    audio: list[AudioInfo] = []
    texts: dict[str, str] = {}

    def fix(html: str, path: str) -> str:
        if "<img" not in html:
            return html
        if path not in texts:
            texts[path] = (root / path).read_text(encoding="utf-8")
        html, problems, played = rewrite_audio(html, root, config, path, texts[path], 1)
        errors.extend(problems)
        audio.extend(played)
        html, problems, shown = rewrite_images(html, root, config.base_path, path, texts[path], 1)
        errors.extend(problems)
        images.extend(shown)
        return html

    def fix_sections(sections: tuple[Section, ...], path: str) -> tuple[Section, ...]:
        return tuple(replace(section, html=fix(section.html, path)) for section in sections)

    own = journey.source.path
    weeks = tuple(
        replace(
            week, days=tuple(replace(day, sections=fix_sections(day.sections, day.source.path)) for day in week.days)
        )
        for week in journey.weeks
    )
    fixed = replace(
        journey,
        intro_html=fix(journey.intro_html, own),
        sections_before=fix_sections(journey.sections_before, own),
        sections_after=fix_sections(journey.sections_after, own),
        closing_html=fix(journey.closing_html, own),
        plan_intro_html=fix(journey.plan_intro_html, own),
        weeks=weeks,
        images=tuple(images),
        audio=tuple(audio),
    )
    return (None, errors) if errors else (fixed, [])
