"""`sitegen serve`: a live preview, with drafts, that rebuilds on save and reloads every open page.

The preview is built into `.sitegen-preview/site/` inside the project (never `output/`,
so a drafts build cannot end up deployed). A failed rebuild keeps the last good site
served and lists its problems over every page (see handlers.py) and in the terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import secrets
import signal
import socket
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from sitegen.config.site_config import load_config
from sitegen.core.errors import BuildFailed, display_path
from sitegen.preview.builder import PreviewBuilder
from sitegen.preview.guard import is_loopback
from sitegen.preview.handlers import PreviewState, ReloadClients, Served, Shown, livereload_script, make_app
from sitegen.preview.watch import Watcher

log = logging.getLogger(__name__)

PREVIEW_FOLDER = Path(".sitegen-preview") / "site"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

Say = Callable[[str], None]


class ServeError(Exception):
    """The preview cannot start (the port is taken, the address does not exist…)."""


@dataclass(frozen=True)
class ServeOptions:
    root: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    debug: bool = False


class Previewer:
    """Rebuilds the preview and records what to show: the last good site, plus the latest problems."""

    def __init__(self, root: Path, state: PreviewState, say: Say, warn: Say, debug: bool = False) -> None:
        self.root = root
        self.state = state
        self.say = say
        self.warn = warn
        self.debug = debug
        self._session = secrets.token_hex(4)
        self._generation = 0
        self._warnings: tuple[str, ...] = ()
        self._builder = PreviewBuilder(root, state.shown.folder)
        self._rebuilding = threading.Lock()
        self._closing = False
        self.loop: asyncio.AbstractEventLoop | None = None
        """The server's event loop while it serves: where open pages are told to reload."""

    def rebuild(self, changed: frozenset[Path] = frozenset()) -> bool:
        """Rebuild now; a rebuild asked for while another runs waits for it (the first build
        runs in the main thread, later ones in the watcher's). Once the preview is closing,
        nothing more is built. Whether it rebuilt (successfully or not)."""
        with self._rebuilding:
            if self._closing:
                return False
            try:
                self._rebuild(changed)
                return True
            except KeyboardInterrupt:  # Ctrl-C during a build: no rebuild waiting for the lock may start
                self._closing = True
                raise

    def close(self) -> None:
        """Build nothing more; a rebuild in progress finishes."""
        self._closing = True

    def _rebuild(self, changed: frozenset[Path]) -> None:
        shown = self.state.shown
        base_path, errors, site = shown.base_path, tuple[str, ...](), shown.site
        try:
            report = self._builder.build(changed)
        except BuildFailed as failure:
            errors = tuple(str(e) for e in failure.errors)
            for line in errors:
                self.warn(line)
            count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
            self.warn(f"build failed: {count}; the preview shows them over the last good build")
        except Exception as exc:  # a bug must not stop the preview: show it like a content problem
            errors = (f"sitegen crashed: {type(exc).__name__}: {exc} (run with --debug for details)",)
            self.warn(traceback.format_exc() if self.debug else errors[0])
        else:
            base_path = self._base_path(base_path)
            site = self._builder.config
            if report.warnings != self._warnings:
                for warning in report.warnings:
                    self.warn(f"warning: {warning}")
                self._warnings = report.warnings
            what = f" ({_changed(changed, self.root)})" if changed else ""
            self.say(f"built {report.pages} pages in {report.seconds:.2f}s{what}")
        self._generation += 1
        build_id = f"{self._session}-{self._generation}"
        self.state.replace(Shown(shown.folder, base_path, build_id, errors, site))

    def refresh_search_soon(self) -> None:
        """Update the search index for the last rebuild in the background (it takes a second or so)."""
        threading.Thread(target=self._refresh_search, name="sitegen-search", daemon=True).start()

    def _refresh_search(self) -> None:
        try:
            if self._builder.refresh_search():
                log.debug("search index refreshed")
        except Exception as exc:  # the preview goes on with the previous index
            self.warn(f"warning: the preview's search index could not be updated: {exc}")

    def _base_path(self, fallback: str) -> str:
        try:
            return load_config(self.root).base_path
        except BuildFailed:  # changed again since the build read it: the next rebuild settles it
            return fallback


def serve(options: ServeOptions, say: Say, warn: Say) -> None:
    """Build, serve and watch until Ctrl-C (or SIGTERM); raise ServeError if it cannot start."""
    if not is_loopback(options.host):
        warn(
            f"warning: serving on {options.host}, not 127.0.0.1: other devices on the network can read "
            "this preview, drafts included"
        )
    try:
        sockets = bind_sockets(options.port, address=options.host or None)
    except (OSError, socket.gaierror) as exc:
        raise ServeError(
            f"cannot listen on {options.host}:{options.port}: {exc.strerror or exc}; try another --port"
        ) from None
    port = int(sockets[0].getsockname()[1])
    root = options.root.resolve()
    state = PreviewState(Shown(root / PREVIEW_FOLDER))
    previewer = Previewer(root, state, say, warn, options.debug)
    clients = ReloadClients()
    # Watch before the first build reads anything, so a save made while it runs (or just
    # after) is never missed: it becomes a rebuild once the first build is done.
    watcher = Watcher(root, lambda changed: _rebuild_and_reload(previewer, clients, changed))
    try:
        watcher.start()
        say(f"building a preview of {root} (drafts and scheduled articles included)")
        previewer.rebuild()
        asyncio.run(_serve_until_stopped(sockets, options.host, port, previewer, clients, say))
    except KeyboardInterrupt:
        say("stopped")
    finally:
        previewer.close()
        watcher.stop(timeout=30)
        for sock in sockets:
            sock.close()


def _rebuild_and_reload(previewer: Previewer, clients: ReloadClients, changed: frozenset[Path]) -> None:
    """A burst of saves: rebuild, then reload every open page (runs in the watcher's thread)."""
    started = time.perf_counter()
    if not previewer.rebuild(changed):
        return  # the preview is closing
    log.debug("rebuilt in %.3fs", time.perf_counter() - started)
    loop = previewer.loop
    if loop is not None:
        with contextlib.suppress(RuntimeError):  # the server stopped while this rebuild ran
            loop.call_soon_threadsafe(clients.reload_all)
            # Collect the last build's garbage once pages have reloaded, rather than have a full
            # collection of a large site's objects land in the middle of the next rebuild.
            loop.call_soon_threadsafe(_collect_soon, loop)
    previewer.refresh_search_soon()


def _collect_soon(loop: asyncio.AbstractEventLoop) -> None:
    loop.call_later(0.25, gc.collect)


async def _serve_until_stopped(
    sockets: list[socket.socket], host: str, port: int, previewer: Previewer, clients: ReloadClients, say: Say
) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    server = HTTPServer(make_app(Served(previewer.state, host, port, livereload_script(), clients)))
    server.add_sockets(sockets)
    previewer.loop = loop
    say(f"serving {_url(host, port, previewer.state.shown.base_path)} - press Ctrl-C to stop")
    await stop.wait()
    previewer.loop = None
    server.stop()
    clients.close_all()
    await server.close_all_connections()
    say("stopped")


def _url(host: str, port: int, base_path: str) -> str:
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}{base_path}"


def _changed(paths: frozenset[Path], root: Path) -> str:
    names = sorted(display_path(p, root) for p in paths)
    more = f", +{len(names) - 3} more" if len(names) > 3 else ""
    return "changed " + ", ".join(names[:3]) + more
