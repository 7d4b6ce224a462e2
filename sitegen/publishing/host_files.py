"""`_headers` and `_redirects`: the files Netlify and Cloudflare Pages read from the site itself.

Both hosts read paths relative to the published folder (output/), match `*` at the end of a
path against anything below it, and join the values of one header from two matching rules
with a comma. So the security headers go on `/*` once, and Cache-Control goes only on the
files `cache_control()` says may be kept for a year: a second Cache-Control on `/*` would be
joined to theirs. Every other file gets the hosts' own default, `public, max-age=0,
must-revalidate`, which is `cache_control()`'s answer for them too.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitegen.config.headers import SecuredSite, security_headers
from sitegen.core import urls as u

HEADERS_FILE = "_headers"
REDIRECTS_FILE = "_redirects"

_HEADERS_INTRO = (
    "# Written by sitegen for Netlify and Cloudflare Pages: the security headers of every file,\n"
    "# and a year's caching for files named for their content. Other files are revalidated\n"
    f"# each time (Cache-Control: {u.REVALIDATE}), as these hosts do by default.\n"
)
_REDIRECTS_INTRO = (
    "# Written by sitegen for Netlify and Cloudflare Pages: each old address (aliases:) moves\n"
    "# for good (301) to its article. The small pages at these addresses stay, for other hosts.\n"
)


def headers_file(site: SecuredSite, files: Iterable[str]) -> bytes:
    """The `_headers` file for a site whose output holds `files` (paths relative to output/)."""
    lines = [_HEADERS_INTRO, "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(site)]
    for pattern in immutable_patterns(files):
        lines += ["", pattern, f"  Cache-Control: {u.IMMUTABLE}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def immutable_patterns(files: Iterable[str]) -> list[str]:
    """The fewest path rules that cover exactly the files `cache_control()` calls immutable:
    `/folder/*` for a folder holding nothing else (at any depth), else the file itself."""
    every = set(files)
    immutable = sorted(u.immutable_files(every))
    tops = tuple({path[: path.find("/") + 1] for path in immutable if "/" in path})
    mixed = _folders_holding(f for f in every.difference(immutable) if f.startswith(tops))  # the others: no rule
    patterns: dict[str, None] = {}  # in order, each once
    folder = None  # the last rule for a whole folder: the paths that follow it in order, up to the next, are in it
    for path in immutable:
        if folder and path.startswith(folder):
            continue
        end = path.find("/")
        while end != -1 and path[: end + 1] in mixed:  # the outermost folder holding nothing else
            end = path.find("/", end + 1)
        folder = path[: end + 1] if end != -1 else None
        patterns.setdefault(folder or path)
    return ["/" + u.encode_path(pattern) + ("*" if pattern.endswith("/") else "") for pattern in patterns]


def _folders_holding(files: Iterable[str]) -> set[str]:
    """Every folder that holds one of `files` at any depth, each ending in '/' ('a/b/c.css' → 'a/', 'a/b/')."""
    folders: set[str] = set()
    for path in files:
        end = path.rfind("/")
        while end != -1 and path[: end + 1] not in folders:  # a folder known already brings those above it
            folders.add(path[: end + 1])
            end = path.rfind("/", 0, end)
    return folders


def redirects_file(moves: Iterable[tuple[str, str]]) -> bytes:
    """The `_redirects` file: each (old site path, link to the new page) as a permanent redirect.
    An old folder address is matched with and without its final '/', as readers may have either."""
    lines = [_REDIRECTS_INTRO.rstrip("\n")]
    for old, new in sorted(moves):
        sources = [old.rstrip("/"), old] if old.endswith("/") else [old]
        lines += [f"/{u.encode_path(source)} {new} 301" for source in sources]
    return ("\n".join(lines) + "\n").encode("utf-8")
