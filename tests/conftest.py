"""Shared fixtures: scratch projects in temp folders, and the bundled sample site built once."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_EPOCH = "1795000000"  # 2026-11-18: fixed "today" so the sample builds the same forever

MINIMAL_SITE_YAML = """\
title: Test Practice
base_url: https://example.org/
booking:
  url: https://example.org/book/
categories:
  - name: Anxiety
    description: Worry and stress.
  - name: Relationships
"""


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_sitegen(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run the real CLI in a subprocess, as a user would."""
    import os

    full_env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=300
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


MakeSite = Callable[..., Path]


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """A scratch project: `files` maps relative paths to (dedented) text; site.yaml defaults to a minimal one."""

    def make(files: dict[str, str] | None = None, site_yaml: str | None = MINIMAL_SITE_YAML) -> Path:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        if site_yaml is not None:
            (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
        for name, text in (files or {}).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return make


def copy_sample(dest: Path) -> Path:
    """A copy of the bundled sample practice (content, site.yaml, theme), without any output."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site.yaml", dest / "site.yaml")
    shutil.copytree(REPO / "content", dest / "content")
    shutil.copytree(REPO / "themes", dest / "themes")
    return dest


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample practice, built once per test session with a fixed 'today'."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    return root / "output"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 at a free port; yields the origin, without a trailing slash."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
