"""`sitegen serve`: a real server in a subprocess, on a copy of the sample practice, probed with raw HTTP.

Requests go through http.client with raw paths (urllib would normalise `..` away before sending).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from conftest import (
    LIVERELOAD_PROTOCOL,
    SAMPLE_ARTICLE,
    SAMPLE_ARTICLE_SOURCE,
    ServeProcess,
    copy_sample,
    start_serve,
    stop,
)
from sitegen.preview.guard import Found, Redirect, Refused, resolve_request
from sitegen.preview.handlers import PreviewState, Shown
from sitegen.preview.serve import PREVIEW_FOLDER, Previewer

PREVIEW = Path(".sitegen-preview/site")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    server = start_serve(copy_sample(tmp_path_factory.mktemp("serve") / "site"))
    try:
        yield server
    finally:
        stop(server)


def test_it_listens_on_loopback_only(served: ServeProcess) -> None:
    if shutil.which("ss"):
        listing = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=True).stdout
        local = [line.split()[3] for line in listing.splitlines() if line.split()[3].endswith(f":{served.port}")]
        assert local == [f"127.0.0.1:{served.port}"]
    else:  # no ss: the port must refuse connections on this machine's other addresses
        for address in {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}:
            if not address.startswith("127."):
                with pytest.raises(OSError), socket.create_connection((address, served.port), timeout=5):
                    pass


HOSTILE = [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "/..%2f..%2fetc/passwd",
    "/..%2F..%2F..%2Fetc%2Fpasswd",
    "/..\\..\\etc\\passwd",
    "/..%5c..%5cetc%5cpasswd",
    "/static/../../../../etc/passwd",
    "//etc/passwd",
    "/%00",
    "/index.html%00.txt",
    "/%ff%fe",
    "/%zz",
    "/.env",
    "/.git/config",
    "/site.yaml",
    "/../site.yaml",
    "/%2e%2e/site.yaml",
    "/content/",
    f"/{SAMPLE_ARTICLE_SOURCE}",
    f"/../{SAMPLE_ARTICLE_SOURCE}",
    "/.sitegen-preview/site/index.html",
    "/../output/index.html",
]


@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_paths_are_refused_without_leaking(served: ServeProcess, path: str) -> None:
    response = served.request(path)
    assert response.status in (400, 403, 404)
    assert "root:" not in response.body
    assert "base_url:" not in response.body  # site.yaml's text
    assert "aliases:" not in response.body  # an article's front matter
    assert "Traceback" not in response.body


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "127.0.0.1.evil.example:{port}",
        "localhost:1",
        "127.0.0.1:{port}@evil.example",
        "[::1",
        "",
        None,
    ],
)
def test_requests_for_another_host_are_refused(served: ServeProcess, host: str | None) -> None:
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    response = served.request(
        f"/articles/{SAMPLE_ARTICLE}/", host=None if host is None else host.format(port=served.port)
    )
    assert response.status in (400, 403)
    assert "Racing Mind" not in response.body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LOCALHOST:{port}"])
def test_the_served_address_by_any_loopback_name_is_answered(served: ServeProcess, host: str) -> None:
    response = served.request(f"/articles/{SAMPLE_ARTICLE}/", host=host.format(port=served.port))
    assert response.status == 200
    assert "Racing Mind" in response.body


def livereload_handshake(server: ServeProcess, origin: str, build: str) -> list[dict[str, object]]:
    """Speak livereload's protocol as livereload.js does: hello, then info naming the page's build."""

    async def talk() -> list[dict[str, object]]:
        request = HTTPRequest(f"ws://127.0.0.1:{server.port}/livereload", headers={"Origin": origin})
        socket = await websocket_connect(request)
        try:
            socket.write_message(json.dumps({"command": "hello", "protocols": [LIVERELOAD_PROTOCOL]}))
            replies = [json.loads(str(await socket.read_message()))]
            info = {"command": "info", "url": server.origin, "plugins": {"sitegen-build": {"build": build}}}
            socket.write_message(json.dumps(info))
            with contextlib.suppress(TimeoutError):
                replies.append(json.loads(str(await asyncio.wait_for(socket.read_message(), 2))))
            return replies
        finally:
            socket.close()

    # In a thread of its own: a browser test in this worker may own the main thread's event loop.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, talk()).result(timeout=30)


def test_a_page_from_an_older_build_is_reloaded_as_soon_as_it_connects(served: ServeProcess) -> None:
    page = served.request(f"/articles/{SAMPLE_ARTICLE}/").body
    match = re.search(r'data-sitegen-build="([^"]+)"', page)
    assert match
    current = match.group(1)
    replies = livereload_handshake(served, served.origin, "an-older-build")
    assert replies[0]["command"] == "hello"
    assert LIVERELOAD_PROTOCOL in cast(list[str], replies[0]["protocols"])
    assert [r["command"] for r in replies[1:]] == ["reload"]
    # A page of the current build is left alone until the next rebuild.
    assert [r["command"] for r in livereload_handshake(served, served.origin, current)] == ["hello"]


def test_the_reload_socket_refuses_other_origins(served: ServeProcess) -> None:
    with pytest.raises(HTTPClientError) as refused:
        livereload_handshake(served, "http://evil.example", "x")
    assert refused.value.code == 403


def test_a_missing_page_is_the_sites_404_page(served: ServeProcess) -> None:
    response = served.request("/no-such-page/")
    assert response.status == 404
    on_disk = (served.root / PREVIEW / "404.html").read_text(encoding="utf-8")
    assert response.body.startswith(on_disk[: on_disk.lower().rindex("</body>")])


def test_a_folder_without_its_slash_redirects_to_it(served: ServeProcess) -> None:
    response = served.request("/about?x=1")
    assert response.status in (301, 302)
    assert response.headers["location"] == "/about/?x=1"


def test_pages_get_the_livereload_script_but_files_on_disk_do_not(served: ServeProcess) -> None:
    response = served.request(f"/articles/{SAMPLE_ARTICLE}/")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script src="/livereload.js?' in response.body
    assert response.body.rstrip().endswith("</html>")
    on_disk = served.root / PREVIEW / "articles" / SAMPLE_ARTICLE / "index.html"
    assert "Racing Mind" in on_disk.read_text(encoding="utf-8")
    for page in (served.root / PREVIEW).rglob("*.html"):
        assert "livereload" not in page.read_text(encoding="utf-8"), page
    assert not (served.root / "output").exists()  # a drafts build never replaces the real output

    script = served.request("/livereload.js")
    assert script.status == 200
    assert "LiveReload" in script.body


def test_the_preview_shows_drafts_and_scheduled_articles(served: ServeProcess) -> None:
    drafts = [
        path.stem
        for path in (served.root / "content/articles").glob("*.md")
        if re.search(r"^draft: true$", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert drafts, "the sample should have a draft"
    for slug in drafts:
        assert served.request(f"/articles/{slug}/").status == 200


def test_a_broken_edit_keeps_the_last_good_page_and_lists_the_problem(served: ServeProcess) -> None:
    source = served.root / SAMPLE_ARTICLE_SOURCE
    good = source.read_text(encoding="utf-8")
    page = f"/articles/{SAMPLE_ARTICLE}/"
    marker = "Fresh words from the writer"
    try:
        source.write_text(good.replace("Many people know the feeling", marker), encoding="utf-8")
        served.wait_for(page, marker)

        broken = good.replace("category: Anxiety & Stress", "category: <b>Bogus</b> & Stress")
        source.write_text(broken, encoding="utf-8")
        body = served.wait_for(page, 'id="sitegen-build-errors"')
        assert marker in body  # the last good build stays served
        escaped = "unknown category &#x27;&lt;b&gt;Bogus&lt;/b&gt; &amp; Stress&#x27;"
        assert f"{SAMPLE_ARTICLE_SOURCE}:4: {escaped}" in body
        assert "<b>Bogus</b>" not in body
        assert served.err.wait_for("unknown category '<b>Bogus</b> & Stress'", timeout=30)
        assert f"{SAMPLE_ARTICLE_SOURCE}:4: unknown category '<b>Bogus</b> & Stress'" in served.stderr()
    finally:
        source.write_text(good, encoding="utf-8")
    served.wait_for(page, 'id="sitegen-build-errors"', present=False)
    assert "Many people know the feeling" in served.request(page).body


def test_with_no_good_build_yet_every_page_lists_the_problems_until_fixed(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    source = root / SAMPLE_ARTICLE_SOURCE
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace('at Night"\n', "at Night\n", 1), encoding="utf-8")  # an unclosed quote
    server = start_serve(root, status=503)
    try:
        response = server.request("/about/")
        assert response.status == 503
        assert 'id="sitegen-build-errors"' in response.body
        assert f"{SAMPLE_ARTICLE_SOURCE}:" in response.body
        assert "last good build" not in response.body
        assert server.err.wait_for(f"{SAMPLE_ARTICLE_SOURCE}:", timeout=30), server.stderr()

        source.write_text(good, encoding="utf-8")
        server.wait_for("/about/", 'id="sitegen-build-errors"', present=False)
        assert server.request("/about/").status == 200
    finally:
        stop(server)


def test_a_site_published_in_a_subfolder_is_served_under_it(tmp_path: Path) -> None:
    """base_url https://example.org/practice/ puts every link under /practice/, so the preview serves it there."""
    site = tmp_path / "site"
    (site / "about").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "about" / "index.html").write_text("about", encoding="utf-8")
    assert resolve_request(site, "/practice/", "/") == Redirect("/practice/")
    assert resolve_request(site, "/practice/", "/practice") == Redirect("/practice/")
    assert resolve_request(site, "/practice/", "/practice/") == Found(site.resolve() / "index.html")
    assert resolve_request(site, "/practice/", "/practice/about/") == Found(site.resolve() / "about/index.html")
    assert resolve_request(site, "/practice/", "/about/") == Refused(404)
    assert resolve_request(site, "/practice/", "/practice/../about/") == Refused(404)


def test_ctrl_c_stops_it_cleanly(tmp_path: Path) -> None:
    server = start_serve(copy_sample(tmp_path / "site"))
    try:
        assert server.interrupt() == 0
    finally:
        stop(server)
    assert server.stdout().rstrip().endswith("stopped")
    assert "Traceback" not in server.stderr()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=5).close()


def test_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "sitegen", "serve", "--port", str(port)],
            cwd=copy_sample(tmp_path / "site"),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_another_host_than_loopback_is_warned_about(tmp_path: Path) -> None:
    result = subprocess.run(  # 192.0.2.1 is reserved for documentation: the warning, then no socket
        [sys.executable, "-m", "sitegen", "serve", "--host", "192.0.2.1", "--port", "8000"],
        cwd=copy_sample(tmp_path / "site"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "warning: serving on 192.0.2.1, not 127.0.0.1" in result.stderr


def test_after_ctrl_c_in_a_build_no_waiting_rebuild_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during the first build releases the rebuild lock; a save made meanwhile has a rebuild
    waiting for it in the watcher's thread, which must not then build a whole site on the way out."""
    root = copy_sample(tmp_path / "site")
    shown = Shown(root / PREVIEW_FOLDER)
    previewer = Previewer(root, PreviewState(shown), say=lambda _: None, warn=lambda _: None)
    builds: list[str] = []

    def interrupted(changed: frozenset[Path]) -> None:
        builds.append("first")
        raise KeyboardInterrupt

    monkeypatch.setattr(previewer._builder, "build", interrupted)
    with pytest.raises(KeyboardInterrupt):
        previewer.rebuild()
    monkeypatch.setattr(previewer._builder, "build", lambda changed: builds.append("waiting"))
    previewer.rebuild(frozenset({root / SAMPLE_ARTICLE_SOURCE}))
    assert builds == ["first"]
    assert not (root / PREVIEW_FOLDER).exists()


def test_once_closing_the_preview_builds_nothing_more(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    previewer = Previewer(root, PreviewState(Shown(root / PREVIEW_FOLDER)), say=lambda _: None, warn=lambda _: None)
    previewer.close()
    assert previewer.rebuild() is False
    assert not (root / PREVIEW_FOLDER).exists()
    open_one = Previewer(root, PreviewState(Shown(root / PREVIEW_FOLDER)), say=lambda _: None, warn=lambda _: None)
    assert open_one.rebuild() is True
    assert (root / PREVIEW_FOLDER / "index.html").is_file()
