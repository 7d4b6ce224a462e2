"""Shared fixtures: scratch projects in temp folders, and the bundled sample site built once."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import http.client
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

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


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder`, by its relative path, with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def clean_build(root: Path) -> dict[str, str]:
    """The output a build makes from nothing (its output and cache removed first), by snapshot():
    what every build that reused anything must equal, byte for byte."""
    from sitegen.build import build

    shutil.rmtree(root / ".sitegen-cache")
    shutil.rmtree(root / "output")
    build(root)
    return snapshot(root / "output")


def full_tree(folder: Path) -> dict[str, str]:
    """Every entry under `folder`, links not followed: files by hash, links by target, folders by name
    (what snapshot() leaves out: a stray link or empty folder counts too)."""
    found = {}
    for directory, subdirs, files in os.walk(folder):
        for name in subdirs + files:
            path = Path(directory) / name
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[relative] = "link to " + os.readlink(path)
            elif path.is_dir():
                found[relative] = "folder"
            else:
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def many_articles(count: int) -> dict[str, str]:
    """`count` articles of a few hundred words each, for make_site."""
    paragraph = "Gentle, steady practice helps the body learn that it is safe. " * 20
    return {
        f"content/articles/post-{i:04d}.md": f"---\ntitle: Post {i}\n"
        f"date: 2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}\ncategory: Anxiety\n"
        f"tags: [tag{i % 7}]\n---\n## Part one\n\n{paragraph}\n\n## Part two\n\n{paragraph}\n"
        for i in range(count)
    }


def written_by(files: dict[str, str], author: str, *numbers: int) -> dict[str, str]:
    """`files` from many_articles with the articles of these numbers bylined to `author`."""
    bylined = dict(files)
    for number in numbers:
        path = f"content/articles/post-{number:04d}.md"
        bylined[path] = bylined[path].replace("---\n## Part one", f"author: {author}\n---\n## Part one", 1)
    return bylined


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample practice, built once per test session with a fixed 'today'."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    return root / "output"


INIT_ANSWERS = (
    "--non-interactive",
    "--name",
    "Harbor Light Therapy",
    "--country",
    "US",
    "--booking-url",
    "https://example.org/book",
)
"""The answers of the issue's own example: a practice starting its site with `sitegen init`."""


@pytest.fixture(scope="session")
def init_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site made by `sitegen init` with one clinician, as a practice starts, built once per test session."""
    folder = tmp_path_factory.mktemp("init")
    made = run_sitegen("init", "mysite", *INIT_ANSWERS, "--clinician", "Ana Ruiz", cwd=folder)
    assert made.code == 0, made.err
    built = run_sitegen("build", "-q", cwd=folder / "mysite")
    assert built.code == 0, built.err
    return folder / "mysite" / "output"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A server whose client going away mid-answer (a browser leaving the page while a file
    arrives) is no error of the site's: not printed with a traceback among the tests' output."""

    daemon_threads = True

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(folder: Path, handler_class: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """`folder` served on 127.0.0.1 at a free port; yields the origin, without a trailing slash."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- `sitegen serve` in a subprocess ----------------------------------------------------------

SAMPLE_ARTICLE = "settle-a-racing-mind-at-night"
SAMPLE_ARTICLE_SOURCE = f"content/articles/{SAMPLE_ARTICLE}.md"
LIVERELOAD_PROTOCOL = "http://livereload.com/protocols/official-7"


class StreamText:
    """A process's output, read as it arrives in a thread of its own, so a test can wait for a line."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._text = ""
        self._ended = False
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, args=(stream,), name="output-reader", daemon=True)
        self._reader.start()

    def _read(self, stream: IO[bytes]) -> None:
        with stream:
            for line in stream:
                with self._arrived:
                    self._text += line.decode("utf-8", "replace")
                    self._arrived.notify_all()
        with self._arrived:
            self._ended = True
            self._arrived.notify_all()

    def text(self, ended: bool = False) -> str:
        """What has arrived so far; every last line if `ended` (the process has exited)."""
        if ended:
            self.join()
        with self._arrived:
            return self._text

    def join(self) -> None:
        """Wait for the end of the stream (the process exited, and its last lines are read)."""
        self._reader.join(timeout=30)

    def wait_for(self, text: str, timeout: float) -> bool:
        """Whether `text` arrives within `timeout` seconds (False as soon as the stream ends without it)."""
        with self._arrived:
            self._arrived.wait_for(lambda: text in self._text or self._ended, timeout)
            return text in self._text


class Reloads:
    """A livereload client, as an open page has: counts the reloads the server sends after each rebuild.

    It runs in a thread of its own: a browser test in this worker may own the main thread's event loop.
    """

    def __init__(self, port: int) -> None:
        self.count = 0
        self._closed = False
        self._changed = threading.Condition()
        self._connected = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._listen(port),), name="reloads", daemon=True)
        self._thread.start()
        if not self._connected.wait(30) or self._closed:
            pytest.fail("the livereload socket did not answer")

    async def _listen(self, port: int) -> None:
        with contextlib.suppress(Exception):  # the server went away: nothing more will arrive
            await self._count_reloads(port)
        self._connected.set()
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    async def _count_reloads(self, port: int) -> None:
        address = f"127.0.0.1:{port}"
        request = HTTPRequest(f"ws://{address}/livereload", headers={"Origin": f"http://{address}"})
        connection = await websocket_connect(request)
        connection.write_message(json.dumps({"command": "hello", "protocols": [LIVERELOAD_PROTOCOL]}))
        await connection.read_message()  # the server's hello: from now on, every reload reaches this client
        self._connected.set()
        while (message := await connection.read_message()) is not None:
            if json.loads(message).get("command") == "reload":
                with self._changed:
                    self.count += 1
                    self._changed.notify_all()

    def wait_after(self, seen: int, timeout: float) -> bool:
        """Wait until more than `seen` reloads have arrived; whether they did."""
        with self._changed:
            self._changed.wait_for(lambda: self.count > seen or self._closed, max(timeout, 0))
            return self.count > seen

    def join(self) -> None:
        self._thread.join(timeout=30)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class ServeProcess:
    proc: subprocess.Popen[bytes]
    root: Path
    port: int
    out: StreamText
    err: StreamText
    reloads: Reloads | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, path: str, host: str | None = "default", method: str = "GET") -> Response:
        """One request with `path` sent exactly as given; host=None sends no Host header at all."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            if host is not None:
                conn.putheader("Host", f"127.0.0.1:{self.port}" if host == "default" else host)
            conn.endheaders()
            response = conn.getresponse()
            body = response.read().decode("utf-8", "replace")
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
        finally:
            conn.close()

    def stdout(self) -> str:
        return self.out.text(ended=self.proc.poll() is not None)

    def stderr(self) -> str:
        return self.err.text(ended=self.proc.poll() is not None)

    def interrupt(self) -> int:
        """Ctrl-C, as a terminal would send it; returns the exit code."""
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=60)

    def wait_for(self, path: str, text: str, present: bool = True, deadline: float = 60) -> str:
        """The page at `path` once `text` appears in it (or disappears). It is looked at again
        each time the server tells open pages to reload, as it does after every rebuild."""
        assert self.reloads is not None
        end = time.monotonic() + deadline
        while True:
            seen = self.reloads.count
            body = self.request(path).body
            if (text in body) == present:
                return body
            if not self.reloads.wait_after(seen, end - time.monotonic()):
                verb = "never showed" if present else "kept showing"
                pytest.fail(f"{path} {verb} {text!r}\n{self.stderr()}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(root: Path, *args: str, status: int = 200) -> ServeProcess:
    """Start `sitegen serve --port P` in `root` and wait until it serves (answering `status`, or fail)."""
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", "--port", str(port), *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    server = ServeProcess(proc, root, port, StreamText(proc.stdout), StreamText(proc.stderr))
    if not server.out.wait_for(f"serving http://127.0.0.1:{port}/", timeout=120):  # said once it listens
        stop(server)
        pytest.fail(f"sitegen serve did not start (exit code {proc.returncode}):\n{server.stderr()}")
    answer = server.request("/")
    if answer.status != status:
        stop(server)
        pytest.fail(f"sitegen serve answered {answer.status}:\n{server.stderr()}")
    server.reloads = Reloads(port)
    return server


def stop(server: ServeProcess) -> None:
    if server.proc.poll() is None:
        server.proc.send_signal(signal.SIGINT)
        try:
            server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait()
    server.out.join()
    server.err.join()
    if server.reloads is not None:
        server.reloads.join()
