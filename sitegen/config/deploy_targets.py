"""Where `sitegen deploy` publishes: the `deploy:` list of site.yaml, and what each address means.

A target is a name and an address: `file:///folder`, `s3://bucket/prefix?endpoint=…&region=…`
or `git+URL#branch`. The address grammar lives here only, so `sitegen build` reports a bad one
at its line and `sitegen deploy` reads the same meaning. Credentials never belong in site.yaml,
which is usually committed: a key or an address part that looks like one is refused, and the
tools' own configuration (the environment, boto3's files, git's credential helpers) is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from sitegen.core.errors import did_you_mean
from sitegen.core.schema import SchemaReader


@dataclass(frozen=True)
class DeployTarget:
    name: str
    url: str = field(metadata={"hint": "e.g. file:///srv/www/practice, s3://bucket/site or git+URL#gh-pages"})


@dataclass(frozen=True)
class FolderPlace:
    folder: Path


@dataclass(frozen=True)
class BucketPlace:
    bucket: str
    prefix: str
    """Empty (the whole bucket) or ending in '/': every key deploy lists, writes or deletes starts with it."""
    endpoint: str = ""
    region: str = ""


@dataclass(frozen=True)
class BranchPlace:
    remote: str
    branch: str


Place = FolderPlace | BucketPlace | BranchPlace
Problem = tuple[str, str]
"""A message and a hint."""

_SECRET = re.compile(r"secret|password|passwd|token|credential|access[_-]?key|private[_-]?key|api[_-]?key", re.I)
_BUCKET_OPTIONS = ("endpoint", "region")
_BRANCH = re.compile(r"^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$")
_NO_SECRETS_HINT = (
    "site.yaml is usually shared and committed, so remove it: sitegen deploy takes credentials from the "
    "environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the tool's own setup (~/.aws, git's credential helper)"
)


def looks_secret(name: str) -> bool:
    return bool(_SECRET.search(name))


def without_secrets(data: Any, reader: SchemaReader) -> Any:
    """site.yaml's data with every secret-looking key under `deploy:` reported and left out, so it
    is refused as a secret (not merely as an unknown key)."""
    if not isinstance(data, dict) or not isinstance(data.get("deploy"), list):
        return data
    kept = []
    for index, item in enumerate(data["deploy"]):
        if isinstance(item, dict):
            for key in [k for k in item if looks_secret(str(k))]:
                reader.error(("deploy", index, str(key)), f"'{key}' looks like a secret", _NO_SECRETS_HINT)
            item = {k: v for k, v in item.items() if not looks_secret(str(k))}
        kept.append(item)
    return {**data, "deploy": kept}


def check_deploy_targets(targets: tuple[DeployTarget, ...], reader: SchemaReader) -> None:
    """Each target's address means something deploy can publish to, and no two share a name."""
    seen: set[str] = set()
    for index, target in enumerate(targets):
        if target.name in seen:
            reader.error(("deploy", index, "name"), f"two deploy targets are named '{target.name}'", "rename one")
        seen.add(target.name)
        place = place_of(target.url)
        if not isinstance(place, (FolderPlace, BucketPlace, BranchPlace)):
            reader.error(("deploy", index, "url"), place[0], place[1])


def place_of(url: str) -> Place | Problem:
    """What a deploy address means, or why it cannot be used."""
    if url.startswith("git+"):
        return _branch_place(url[4:])
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return f"'{url}' is not an address deploy understands", _KINDS_HINT
    if password is not None:
        return "the address holds a password", _NO_SECRETS_HINT
    if parts.scheme == "file":
        return _folder_place(parts.netloc, parts.path, parts.query + parts.fragment)
    if parts.scheme == "s3":
        return _bucket_place(parts.netloc, parts.path, parts.query)
    return f"deploy cannot publish to '{url}'", _KINDS_HINT


_KINDS_HINT = "use file:///path/to/folder, s3://bucket/prefix?endpoint=URL&region=R, or git+URL#branch"


def _folder_place(host: str, path: str, extra: str) -> Place | Problem:
    if host not in ("", "localhost") or not path.startswith("/") or extra:
        return "a folder address is file:// and an absolute path", "e.g. file:///srv/www/practice"
    return FolderPlace(Path(unquote(path)))


def _bucket_place(bucket: str, path: str, query: str) -> Place | Problem:
    if not bucket or "@" in bucket:
        return "an S3 address starts with s3:// and the bucket's name", "e.g. s3://my-bucket/site"
    segments = [unquote(s) for s in path.strip("/").split("/")] if path.strip("/") else []
    if any(s in ("", ".", "..") for s in segments):
        return f"the prefix '{path}' has an empty, '.' or '..' part", "write it like s3://bucket/site/2025"
    options: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if looks_secret(key):
            return f"the address carries '{key}', which looks like a secret", _NO_SECRETS_HINT
        if key not in _BUCKET_OPTIONS:
            return f"unknown option '{key}' in the S3 address", did_you_mean(key, _BUCKET_OPTIONS)
        options[key] = value
    endpoint = options.get("endpoint", "")
    if endpoint:
        problem = _endpoint_problem(endpoint)
        if problem:
            return problem
    prefix = "/".join(segments) + "/" if segments else ""
    return BucketPlace(bucket, prefix, endpoint, options.get("region", ""))


def _endpoint_problem(endpoint: str) -> Problem | None:
    try:
        parts = urlsplit(endpoint)
        password = parts.password
    except ValueError:
        password, parts = None, urlsplit("")
    if password is not None:
        return "the endpoint holds a password", _NO_SECRETS_HINT
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"the endpoint '{endpoint}' is not a web address", "e.g. endpoint=https://ACCOUNT.r2.cloudflarestorage.com"
    return None


def _branch_place(rest: str) -> Place | Problem:
    remote, _, branch = rest.rpartition("#")
    if not remote or not branch:
        return "a git address names its branch after '#'", "e.g. git+https://github.com/you/site.git#gh-pages"
    if remote.startswith("-") or not _BRANCH.match(branch):
        return f"'{branch}' cannot be a branch of '{remote}'", "e.g. git+https://github.com/you/site.git#gh-pages"
    if "://" in remote:
        try:
            password = urlsplit(remote).password
        except ValueError:
            return f"'{remote}' is not a repository address", "e.g. https://github.com/you/site.git"
        if password is not None:
            return "the repository address holds a password", _NO_SECRETS_HINT
    return BranchPlace(remote, branch)
