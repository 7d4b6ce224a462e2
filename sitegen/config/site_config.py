"""`site.yaml` as a typed, frozen object, validated once with every problem reported together."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.config.address_rules import check_allowed_origins, check_base_url, check_language
from sitegen.config.brand import Brand, check_brand
from sitegen.config.deploy_targets import DeployTarget, check_deploy_targets, without_secrets
from sitegen.config.headers import DEFAULT_REFERRER_POLICY, REFERRER_POLICIES
from sitegen.core import layout
from sitegen.core.errors import BuildFailed, ContentError, did_you_mean
from sitegen.core.links import LinkUrl
from sitegen.core.schema import SchemaReader
from sitegen.core.slugs import STYLES, UNICODE, name_problem, slugify
from sitegen.core.yamlsource import LocatedYaml, load_located

CONFIG_FILE = layout.CONFIG_FILE
DEFAULT_THEME = "default"


@dataclass(frozen=True)
class Practice:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    telehealth: tuple[str, ...] = ()
    country: str = ""
    """The ISO 3166 two-letter code of the country the practice works in (e.g. 'US', 'GB'):
    which crisis services its pages name, and which rules of that country apply."""


@dataclass(frozen=True)
class BookingVariant:
    url: LinkUrl = ""
    label: str = ""
    text: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Booking:
    url: LinkUrl = field(metadata={"hint": "the page or scheduler where a reader books a session"})
    label: str = ""
    """Empty: the theme's 'book_a_session' text, in the site's language."""
    text: str = ""
    """Empty: the theme's 'booking_text'."""
    phone: str = ""
    variants: dict[str, BookingVariant] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)


US_CRISIS_TEXT = (
    "If you are in crisis or thinking about harming yourself, call or text 988 "
    "(Suicide & Crisis Lifeline). In an emergency, call 911."
)


@dataclass(frozen=True)
class Crisis:
    text: str = ""
    """Empty: the theme's 'crisis_notice', the US wording (988, 911) in the site's language."""
    link_label: str = ""
    """Empty: the theme's 'crisis_link'."""
    country: str = ""
    """Whose services the notice and the built-in /crisis/ page name (an ISO 3166 code, see
    config/crisis_services.py); empty: `practice.country`; both empty: the theme's US wording."""

    @property
    def is_us_default(self) -> bool:
        """Whether the notice is the built-in US wording, so the built-in crisis page (which
        names US services) agrees with it."""
        return self.text in ("", US_CRISIS_TEXT)


@dataclass(frozen=True)
class CategoryConfig:
    name: str
    description: str = ""
    order: int = 0
    slug: str = field(default="", metadata={"internal": True})
    """Made from the name at load, in the site's style of slugs (see `SiteConfig.slug_of`)."""


@dataclass(frozen=True)
class NavLink:
    label: str
    url: LinkUrl


FOLLOW_INSIDE = "inside"
SWITCHES: dict[str | bool, bool] = {True: True, False: False, "on": True, "off": False}
"""What a check's switch may say: YAML reads a bare `on`/`off` as true/false, quoted ones stay words."""


@dataclass(frozen=True)
class CheckSettings:
    """Which of `sitegen check`'s professional checks run (see commands/professional_checks.py)."""

    testimonials: str | bool = True
    """`off` (or false): no warning about content that reads as client testimonials, for a
    practice whose rules allow them or whose 'reviews' are not of its own work."""

    @property
    def testimonials_on(self) -> bool:
        return SWITCHES.get(self.testimonials, True)


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str = field(metadata={"hint": "the address the site is published at, e.g. https://example.org/"})
    categories: tuple[CategoryConfig, ...] = field(
        metadata={"hint": "declare at least one category, e.g. '- name: Anxiety'"}
    )
    booking: Booking = field(metadata={"hint": "add 'booking:' with at least a 'url:'"})
    language: str = "en"
    description: str = ""
    theme: str = DEFAULT_THEME
    practice: Practice = Practice()
    crisis: Crisis | bool = True
    good_faith_estimate: bool = True
    """false: a US practice has no built-in /good-faith-estimate/ page nor links to it (the build
    warns: the No Surprises Act asks for the notice on the website)."""
    navigation: tuple[str | NavLink, ...] = ()
    articles_per_page: int = 10
    import_category: str = ""
    allowed_origins: tuple[str, ...] = ()
    referrer_policy: str = DEFAULT_REFERRER_POLICY
    """What a reader's browser tells another site about the page a link was followed from
    (the Referrer-Policy header and the pages' own `<meta name="referrer">`)."""
    strings: dict[str, str | dict[str, str]] = field(default_factory=dict)
    """The theme's texts reworded or translated, by key (see sitegen/theming/strings.py)."""
    slugs: str = UNICODE
    """'unicode': names keep their own script in addresses ('/tags/نوم/'); 'ascii': they are
    transliterated ('/tags/nwm/'), for a site that wants plain ASCII addresses."""
    follow_symlinks: str | bool = FOLLOW_INSIDE
    """'inside': a link in the project's folders may point within the project; false: no links
    at all. Checked by sitegen/reading/source_links.py, so no link publishes a file from elsewhere."""
    deploy: tuple[DeployTarget, ...] = ()
    """Where `sitegen deploy` publishes, the first by default (see sitegen/config/deploy_targets.py)."""
    check: CheckSettings = CheckSettings()
    """Switches for `sitegen check`'s professional checks."""
    accessibility: bool = True
    """False: no built-in /accessibility/ statement (`sitegen check` warns unless
    content/pages/accessibility.md gives one)."""
    brand: Brand = field(default_factory=Brand)
    """The practice's own look: accent colour, logo, favicon, hero image, font (see config/brand.py)."""
    strict: bool = False
    """True: what sitegen would only warn about (a missing licence number, an associate with no
    supervisor, a telehealth region no clinician is licensed in) fails the build instead."""
    source: LocatedYaml | None = field(default=None, repr=False, compare=False, metadata={"internal": True})
    """Where each key was written in site.yaml, so a later stage can point at it without reading it again."""

    def line_of(self, *key: str | int) -> int:
        """The line of site.yaml where `key` (a path such as ('navigation', 2)) was written; 0 if unknown."""
        return self.source.line_of(key) if self.source else 0

    def wrote(self, key: str) -> bool:
        """Whether site.yaml itself set this top-level key (a default value was not written)."""
        return self.source is not None and isinstance(self.source.data, dict) and key in self.source.data

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def crisis_notice(self) -> Crisis | None:
        """The notice to show; None only when the site said `crisis: false`."""
        if self.crisis is False:
            return None
        return self.crisis if isinstance(self.crisis, Crisis) else Crisis()

    @property
    def crisis_country(self) -> str:
        """The country whose crisis services the site names: `crisis.country`, else
        `practice.country`, upper-cased; empty when neither is given."""
        own = self.crisis.country if isinstance(self.crisis, Crisis) else ""
        return (own or self.practice.country).strip().upper()

    def crisis_country_key(self) -> tuple[str, ...]:
        """Where that country was written in site.yaml, for line_of()."""
        if isinstance(self.crisis, Crisis) and self.crisis.country:
            return ("crisis", "country")
        return ("practice", "country")

    @property
    def is_us(self) -> bool:
        return self.practice.country.strip().upper() == "US"

    @property
    def shows_good_faith_estimate(self) -> bool:
        """Whether the site has a Good Faith Estimate page (its own or the built-in one) and links to it."""
        return self.is_us and self.good_faith_estimate

    def slug_of(self, name: str) -> str:
        """The slug of a category's or tag's name, in this site's style."""
        return slugify(name, self.slugs)

    def sorted_categories(self) -> tuple[CategoryConfig, ...]:
        return tuple(sorted(self.categories, key=lambda c: (c.order, c.name.lower())))


def load_config(root: Path) -> SiteConfig:
    """Read and validate `site.yaml`; raise BuildFailed listing every problem."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise BuildFailed(
            [
                ContentError(
                    CONFIG_FILE, 0, "no site.yaml found", "run sitegen from the project folder, or create site.yaml"
                )
            ]
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BuildFailed(
            [ContentError(CONFIG_FILE, 1, f"not valid UTF-8 text ({exc.reason})", "save it as UTF-8")]
        ) from None
    located, error = load_located(text, CONFIG_FILE)
    if error:
        raise BuildFailed([error])
    assert located is not None
    reader = SchemaReader(located, CONFIG_FILE)
    config = reader.read(SiteConfig, without_secrets(located.data, reader))
    if config is not None:
        config = _with_category_slugs(config, reader)
        _check_semantics(config, reader)
        _check_theme(config.theme, root, reader)
        check_brand(config.brand, root, reader)
    if reader.errors or config is None:
        raise BuildFailed(reader.errors)
    return replace(config, source=located)


def _with_category_slugs(config: SiteConfig, reader: SchemaReader) -> SiteConfig:
    if config.slugs not in STYLES:
        reader.error(
            ("slugs",),
            f"slugs cannot be '{config.slugs}'",
            "expected 'unicode' (names keep their own letters in addresses) or 'ascii' (they are transliterated)",
        )
        config = replace(config, slugs=UNICODE)
    return replace(config, categories=tuple(replace(c, slug=config.slug_of(c.name)) for c in config.categories))


def _check_theme(theme: str, root: Path, reader: SchemaReader) -> None:
    """A theme is the built-in `default` or a folder of its own in themes/; a name that is
    neither would otherwise build quietly with the default look."""
    folder = root / layout.THEMES / theme
    plain_name = theme not in ("", ".", "..") and Path(theme).name == theme and "\\" not in theme
    if theme == DEFAULT_THEME or (plain_name and folder.is_dir()):
        return
    found = sorted({DEFAULT_THEME, *(p.name for p in _folders(root / layout.THEMES))})
    close = did_you_mean(theme, found) if plain_name else ""
    listed = f"a theme is a folder in {layout.THEMES}/; the themes here are: {', '.join(found)}"
    reader.error(("theme",), f"there is no theme '{theme}'", close if close.startswith("did you mean") else listed)


def _folders(path: Path) -> list[Path]:
    try:
        return [p for p in path.iterdir() if p.is_dir()]
    except OSError:
        return []


def _check_semantics(config: SiteConfig, reader: SchemaReader) -> None:
    """Rules the types alone cannot express."""
    check_base_url(config.base_url, reader)
    check_language(config.language, reader)
    check_allowed_origins(config.allowed_origins, reader)
    _check_category_names(config, reader)
    check_deploy_targets(config.deploy, reader)
    names = {c.name for c in config.categories}
    for category_name, variant in config.booking.categories.items():
        if category_name not in names:
            reader.error(
                ("booking", "categories", category_name),
                f"booking is set for unknown category '{category_name}'",
                did_you_mean(category_name, names),
            )
        if variant not in config.booking.variants:
            reader.error(
                ("booking", "categories", category_name),
                f"unknown booking variant '{variant}'",
                did_you_mean(variant, config.booking.variants),
            )
    if config.import_category and config.import_category not in names:
        reader.error(
            ("import_category",),
            f"unknown category '{config.import_category}'",
            did_you_mean(config.import_category, names),
        )
    if config.articles_per_page < 1:
        reader.error(("articles_per_page",), "articles_per_page must be at least 1")
    if config.follow_symlinks not in (FOLLOW_INSIDE, False):
        shown = f"'{config.follow_symlinks}'" if isinstance(config.follow_symlinks, str) else "true"
        reader.error(
            ("follow_symlinks",),
            f"follow_symlinks cannot be {shown}",
            "expected 'inside', to accept links that stay inside the project, or false, to refuse every link",
        )
    _check_headers(config, reader)
    if config.check.testimonials not in SWITCHES:
        reader.error(
            ("check", "testimonials"),
            f"check.testimonials cannot be '{config.check.testimonials}'",
            "write on (the default) or off",
        )
    if config.crisis is True:
        return
    if config.crisis is not False and not isinstance(config.crisis, Crisis):
        reader.error(("crisis",), "crisis should be a mapping or false")


def _check_headers(config: SiteConfig, reader: SchemaReader) -> None:
    """The values that go into the security headers (see config/headers.py): a header with a
    value no browser understands would be ignored, or break the policy around it. (Allowed
    origins are checked with the other addresses, in config/address_rules.py.)"""
    if config.referrer_policy not in REFERRER_POLICIES:
        reader.error(
            ("referrer_policy",),
            f"referrer_policy cannot be '{config.referrer_policy}'",
            did_you_mean(config.referrer_policy, REFERRER_POLICIES),
        )


def _check_category_names(config: SiteConfig, reader: SchemaReader) -> None:
    """Each category needs an address of its own: letters or digits to make it from, and no
    other category at the same one ('C' and 'C++' would both be /categories/c/)."""
    seen: dict[str, int] = {}
    for index, category in enumerate(config.categories):
        problem = name_problem(category.slug)
        if problem:
            reader.error(("categories", index, "name"), f"the category '{category.name[:60]}' {problem[0]}", problem[1])
            continue
        if category.slug in seen:
            first = config.categories[seen[category.slug]]
            reader.error(
                ("categories", index, "name"),
                f"categories '{first.name}' (line {_category_line(reader, seen[category.slug])}) and "
                f"'{category.name}' share the address /categories/{category.slug}/",
                "rename one of them, or remove the one declared twice",
            )
        seen.setdefault(category.slug, index)


def _category_line(reader: SchemaReader, index: int) -> int:
    return reader.source.line_of(("categories", index, "name"))
