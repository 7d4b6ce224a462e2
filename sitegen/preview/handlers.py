"""The preview's HTTP side: the built site (see guard.py for what may be served), live reload,
and the error overlay. The script and the overlay are added to HTML as it is served, never written to disk.
"""

from __future__ import annotations

import html
import json
import logging
import mimetypes
import os
import re
import threading
from dataclasses import dataclass
from http.client import responses
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import livereload
from tornado import web, websocket

from sitegen.config.headers import SecuredSite, security_headers
from sitegen.core.audio_formats import AUDIO_FORMATS
from sitegen.core.urls import NOT_FOUND
from sitegen.preview.guard import Found, Redirect, Refused, host_allowed, resolve_request, split_host
from sitegen.preview.ranges import ByteRange, Unsatisfiable, requested_range

log = logging.getLogger(__name__)

SCRIPT_PATH = "/livereload.js"
OVERLAY_STYLE_PATH = "/sitegen-overlay.css"
SOCKET_PATH = "/livereload"  # fixed by livereload.js: it connects to ws://host:port/livereload

# A livereload.js plugin (its protocol sends each plugin's analyze() to the server on connect):
# it reports which build the page came from, so a page that loaded just before a rebuild,
# but connected after it, is still told to reload.
_BUILD_PLUGIN = b"""\
window.LiveReloadPluginSitegenBuild = (function () {
  function Plugin() {}
  Plugin.identifier = "sitegen-build";
  Plugin.version = "1";
  Plugin.prototype.analyze = function () {
    var tag = document.querySelector("script[data-sitegen-build]");
    return {build: tag ? tag.getAttribute("data-sitegen-build") : ""};
  };
  return Plugin;
})();
"""

_RELOAD = json.dumps({"command": "reload", "path": "*", "liveCSS": False, "liveImg": False})
_HELLO = json.dumps(
    {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"], "serverName": "sitegen"}
)


def served_type(name: str) -> str:
    """A file's Content-Type in the preview: a recording's is the one its page names (and the
    host is given), whatever this machine's own table says; any other file's, Python's guess."""
    audio = AUDIO_FORMATS.get(PurePosixPath(name).suffix.lower())
    return audio.media_type if audio else mimetypes.guess_type(name)[0] or "application/octet-stream"


def livereload_script() -> bytes:
    """livereload's own client, preceded by the build-reporting plugin."""
    vendored = Path(livereload.__file__).parent / "vendors" / "livereload.js"
    return _BUILD_PLUGIN + vendored.read_bytes()


# The error overlay's look: a stylesheet of its own, as the site's policy runs no style attribute.
_OVERLAY_STYLE = b"""\
#sitegen-build-errors{position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;
background:#1d1d1f;color:#fff;font:16px/1.5 system-ui,sans-serif;text-align:left}
#sitegen-build-errors h2{margin:0 0 .5em;color:#ffb4a9}
#sitegen-build-errors ul{padding-left:1.2em;white-space:pre-wrap;word-break:break-word}
#sitegen-build-errors li{margin:.5em 0}
"""


@dataclass(frozen=True)
class Shown:
    """What the preview serves right now: replaced as a whole after each rebuild."""

    folder: Path
    base_path: str = "/"
    build: str = "0"
    errors: tuple[str, ...] = ()
    site: SecuredSite | None = None
    """The configuration of the last good build, whose security headers every response carries."""


def preview_headers(site: SecuredSite, socket_origin: str) -> tuple[tuple[str, str], ...]:
    """The site's own security headers (config/headers.py), as a host sends them, with two
    differences. The policy also lets the page connect to the live-reload socket: a browser
    following CSP Level 3 counts `ws://` to the page's own host and port as 'self', but not
    every browser does, so the socket is named. And no Strict-Transport-Security: the preview
    is plain http on this computer, where the header means nothing.
    """
    sent = security_headers(site, connect_also=(socket_origin,))
    return tuple((name, value) for name, value in sent if name != "Strict-Transport-Security")


class PreviewState:
    """The current `Shown`, shared between the rebuild thread and the server."""

    def __init__(self, shown: Shown) -> None:
        self._lock = threading.Lock()
        self._shown = shown

    @property
    def shown(self) -> Shown:
        with self._lock:
            return self._shown

    def replace(self, shown: Shown) -> None:
        with self._lock:
            self._shown = shown


# -- what is added to served HTML ----------------------------------------------------------------


def error_overlay(errors: tuple[str, ...], over_last_good: bool = True) -> str:
    """Every problem of the failed rebuild, escaped, over the last good page (if there is one)."""
    if not errors:
        return ""
    items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors)
    count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
    return (
        f'<link rel="stylesheet" href="{OVERLAY_STYLE_PATH}">'
        '<div id="sitegen-build-errors" role="alert">'
        f"<h2>The preview could not be rebuilt: {count}</h2>"
        f"<p>{'This is the last good build. ' if over_last_good else ''}"
        "Fix the files below and save: this page reloads by itself.</p>"
        f"<ul>{items}</ul></div>"
    )


def page_additions(shown: Shown, port: int, host: str, over_last_good: bool = True) -> bytes:
    script = (
        f'<script src="{SCRIPT_PATH}?port={port}&amp;host={html.escape(host)}" '
        f'data-sitegen-build="{html.escape(shown.build)}" defer></script>'
    )
    return (error_overlay(shown.errors, over_last_good) + script).encode("utf-8")


def inject(page: bytes, additions: bytes) -> bytes:
    """Put the additions just before </body> (or at the end of a page without one)."""
    at = page.lower().rfind(b"</body>")
    return page + additions if at < 0 else page[:at] + additions + page[at:]


def error_page(shown: Shown, port: int, host: str) -> bytes:
    """Served for every page while there has never been a good build to show."""
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head><body>'
    return inject((head + "</body></html>").encode("utf-8"), page_additions(shown, port, host, over_last_good=False))


# -- handlers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Served:
    state: PreviewState
    bind_host: str
    port: int
    script: bytes
    clients: ReloadClients


class GuardedHandler(web.RequestHandler):
    """Refuses requests for another host; answers every error with a short text, never a traceback."""

    served: Served

    def initialize(self, served: Served) -> None:
        self.served = served

    def prepare(self) -> None:
        if not host_allowed(self.request.headers.get("Host"), self.served.bind_host, self.served.port):
            raise web.HTTPError(403, "request for another host")
        self._send_security_headers()

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        if getattr(self, "served", None) is not None:  # not yet when tornado first calls this
            self._send_security_headers()

    def _send_security_headers(self) -> None:
        site = self.served.state.shown.site
        if site is not None:
            socket = f"ws://{self.page_host}:{self.served.port}"
            for name, value in preview_headers(site, socket):
                self.set_header(name, value)

    def compute_etag(self) -> str | None:
        return None

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.clear_header("Content-Type")
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {responses.get(status_code, 'Error')}\n")

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, web.HTTPError):
            log.debug("refused %s: %s", self.request.uri, value)
        else:
            super().log_exception(typ, value, tb)

    @property
    def page_host(self) -> str:
        """The host the page was asked for, as livereload.js must connect back to it."""
        parsed = split_host(self.request.headers.get("Host", ""))
        name = parsed[0] if parsed else "127.0.0.1"
        return f"[{name}]" if ":" in name else name


class ScriptHandler(GuardedHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "application/javascript; charset=utf-8")
        self.finish(self.served.script)


class OverlayStyleHandler(GuardedHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.finish(_OVERLAY_STYLE)


class SiteHandler(GuardedHandler):
    def head(self, *args: str) -> None:
        self._respond(include_body=False)

    def get(self, *args: str) -> None:
        self._respond(include_body=True)

    def _respond(self, include_body: bool) -> None:
        shown = self.served.state.shown  # read before the files: at worst a page reloads once more
        additions = page_additions(shown, self.served.port, self.page_host)
        if not (shown.folder / "index.html").is_file() and shown.errors:
            self.set_status(503)
            self._send(error_page(shown, self.served.port, self.page_host), "text/html", include_body)
            return
        found = resolve_request(shown.folder, shown.base_path, self.request.path)
        if isinstance(found, Redirect):
            query = f"?{self.request.query}" if self.request.query else ""
            self.redirect(found.location + query)
            return
        if isinstance(found, Refused) and found.status != 404:
            raise web.HTTPError(found.status)
        file = found.file if isinstance(found, Found) else shown.folder / NOT_FOUND
        if isinstance(found, Refused):
            self.set_status(404)
            if not file.is_file():
                raise web.HTTPError(404)
        kind = served_type(file.name)
        if isinstance(found, Found) and kind != "text/html":
            self._send_file(file, kind, include_body)
            return
        try:
            body = file.read_bytes()
        except OSError:  # replaced by a rebuild between the check and the read
            raise web.HTTPError(404) from None
        if kind == "text/html":
            body = inject(body, additions)
        self._send(body, kind, include_body)

    def _send_file(self, file: Path, kind: str, include_body: bool) -> None:
        """A file as it is on disk, or the one part of it the request's `Range` asks for, so a
        recording can be skipped ahead. A page is always sent whole: the preview adds to it."""
        header = None if "If-Range" in self.request.headers else self.request.headers.get("Range")
        try:
            with file.open("rb") as stream:
                wanted = requested_range(header, os.fstat(stream.fileno()).st_size)
                if isinstance(wanted, ByteRange):
                    stream.seek(wanted.start)
                    body = stream.read(wanted.length)
                else:
                    body = b"" if isinstance(wanted, Unsatisfiable) else stream.read()
        except OSError:  # replaced by a rebuild between the check and the read
            raise web.HTTPError(404) from None
        self.set_header("Accept-Ranges", "bytes")
        if isinstance(wanted, Unsatisfiable):
            self.set_status(416)
            self.set_header("Content-Range", wanted.content_range)
            self._send(b"416 Range Not Satisfiable\n", "text/plain", include_body)
            return
        if isinstance(wanted, ByteRange):
            self.set_status(206)
            self.set_header("Content-Range", wanted.content_range)
        self._send(body, kind, include_body)

    def _send(self, body: bytes, kind: str, include_body: bool) -> None:
        text = kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml")
        self.set_header("Content-Type", f"{kind}; charset=utf-8" if text else kind)
        self.set_header("Content-Length", str(len(body)))
        if include_body:
            self.write(body)
        self.finish()


class ReloadClients:
    """The open pages' sockets; used only from the server's event loop."""

    def __init__(self) -> None:
        self.sockets: set[LiveReloadSocket] = set()

    def reload_all(self) -> None:
        for socket in list(self.sockets):
            socket.send(_RELOAD)

    def close_all(self) -> None:
        for socket in list(self.sockets):
            socket.close()


class LiveReloadSocket(websocket.WebSocketHandler):
    """The server half of the livereload protocol (version 7): hello, info, then reload commands."""

    served: Served

    def initialize(self, served: Served) -> None:
        self.served = served

    def prepare(self) -> None:
        if not host_allowed(self.request.headers.get("Host"), self.served.bind_host, self.served.port):
            raise web.HTTPError(403, "request for another host")

    def check_origin(self, origin: str) -> bool:
        return host_allowed(urlsplit(origin).netloc, self.served.bind_host, self.served.port)

    def open(self, *args: str, **kwargs: str) -> None:
        self.served.clients.sockets.add(self)

    def on_close(self) -> None:
        self.served.clients.sockets.discard(self)

    def on_message(self, message: str | bytes) -> None:
        try:
            command = json.loads(message)
        except ValueError:
            return
        if not isinstance(command, dict):
            return
        if command.get("command") == "hello":
            self.send(_HELLO)
        elif command.get("command") == "info":
            plugin = (command.get("plugins") or {}).get("sitegen-build") or {}
            if isinstance(plugin, dict) and plugin.get("build") != self.served.state.shown.build:
                self.send(_RELOAD)

    def send(self, message: str) -> None:
        try:
            self.write_message(message)
        except websocket.WebSocketClosedError:
            self.served.clients.sockets.discard(self)


def make_app(served: Served) -> web.Application:
    args = {"served": served}
    return web.Application(
        [
            (re.escape(SOCKET_PATH), LiveReloadSocket, args),
            (re.escape(SCRIPT_PATH), ScriptHandler, args),
            (re.escape(OVERLAY_STYLE_PATH), OverlayStyleHandler, args),
            (r".*", SiteHandler, args),
        ],
        log_function=lambda handler: log.debug(
            "%s %s %s", handler.get_status(), handler.request.method, handler.request.uri
        ),
    )
