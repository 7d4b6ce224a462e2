"""Where templates and static files are looked up: project, then theme, then built-in default."""

from __future__ import annotations

from pathlib import Path


def _builtin_theme() -> Path:
    """The default theme: packaged inside sitegen when installed, `themes/default` in a checkout."""
    packaged = Path(__file__).parent.parent / "theme"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent.parent / "themes" / "default"


BUILTIN_THEME = _builtin_theme()


def theme_dirs(root: Path, theme: str) -> list[Path]:
    """Folders searched for templates, most specific first."""
    return _existing([root / "templates", root / "themes" / theme / "templates", BUILTIN_THEME / "templates"])


def every_theme_dirs(root: Path) -> list[Path]:
    """Every folder a build of the project at `root` may read templates from, whichever of its
    themes site.yaml names."""
    themes = sorted((root / "themes").glob("*/templates"))
    return _existing([root / "templates", *themes, BUILTIN_THEME / "templates"])


def static_dirs(root: Path, theme: str) -> list[Path]:
    """Folders searched for static files, most specific first."""
    return _existing([root / "static", root / "themes" / theme / "static", BUILTIN_THEME / "static"])


def strings_dirs(root: Path, theme: str) -> list[Path]:
    """Folders holding the theme's texts in each language (strings/<language>.yaml), most specific first."""
    return _existing([root / "themes" / theme / "strings", BUILTIN_THEME / "strings"])


def rendering_dirs(root: Path, theme: str) -> list[Path]:
    """Every folder whose files shape how pages render alike: templates and the theme's texts."""
    return theme_dirs(root, theme) + strings_dirs(root, theme)


def _existing(dirs: list[Path]) -> list[Path]:
    unique: dict[Path, None] = {}
    for folder in dirs:
        if folder.is_dir():
            unique.setdefault(folder.resolve(), None)
    return list(unique)
