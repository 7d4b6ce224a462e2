"""`sitegen serve`: a live preview, with drafts, that rebuilds on save and reloads every open page.

The preview is built into `.sitegen-preview/site/` inside the project (never `output/`,
so a drafts build cannot end up deployed). A failed rebuild keeps the last good site
served and lists its problems over every page (see handlers.py) and in the terminal.

A save is handled in two steps. In the watcher's thread, the pages it was for are written
at once when they are all it changes (an article's text: see quick.py), and open pages
reload. The rebuild of the rest runs in a thread of its own, so the next save's page is
never kept waiting behind it; saves made while it runs make one more rebuild.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import secrets
import signal
import socket
import sys
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
from sitegen.preview import collecting
from sitegen.preview.builder import PreviewBuilder
from sitegen.preview.guard import is_loopback
from sitegen.preview.handlers import PreviewState, ReloadClients, Served, Shown, livereload_script, make_app
from sitegen.preview.rebuilder import HOLD_OFF_S, Rebuilder
from sitegen.preview.watch import Watcher

log = logging.getLogger(__name__)

PREVIEW_FOLDER = Path(".sitegen-preview") / "site"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
SWITCH_S = 0.001
"""How soon the rebuild's thread hands Python over to a thread writing a saved page or serving a
request (Python's own default is 5 ms, which a request waits several times over)."""

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
        self._generations = itertools.count(1)
        self._showing = threading.Lock()  # the watcher's and the rebuild's threads both replace what is shown
        self._warnings: tuple[str, ...] = ()
        self._builder = PreviewBuilder(root, state.shown.folder)
        self._rebuilding = threading.Lock()
        self._closing = False
        self._saves = 0
        self._unbuilt: dict[Path, int] = {}
        """Each path saved since the last rebuild began, with the number of the burst that saved it last."""
        self._unbuilt_lock = threading.Lock()
        self._ahead: tuple[frozenset[Path], frozenset[str]] = (frozenset(), frozenset())
        """The saves the last pages written ahead were for, and those pages."""
        self.reload_wanted = True
        """Whether the last rebuild changed anything an open page shows that was not written ahead."""
        self.loop: asyncio.AbstractEventLoop | None = None
        """The server's event loop while it serves: where open pages are told to reload."""

    def rebuild(self, changed: frozenset[Path] = frozenset()) -> bool:
        """Rebuild now; a rebuild asked for while another runs waits for it (the first build
        runs in the main thread, later ones in the rebuild's). Once the preview is closing,
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

    def saved(self, changed: frozenset[Path]) -> list[str]:
        """A burst of saves, in the watcher's thread: write the pages they were for at once, when
        those pages are all they change; the pages written. The rebuild is left to finish()."""
        with self._unbuilt_lock:
            self._saves += 1
            self._unbuilt.update(dict.fromkeys(changed, self._saves))
            unbuilt = frozenset(self._unbuilt)
        if self._closing or self.state.shown.errors:  # problems go only with a whole good rebuild
            return []
        started = time.perf_counter()
        try:
            pages = self._builder.write_ahead(unbuilt)
        except Exception:  # the rebuild that follows does it all, and says what went wrong
            log.debug("could not write the saved pages ahead of the rebuild", exc_info=True)
            return []
        if pages:
            self._ahead = (unbuilt, frozenset(pages))
            with self._showing:
                shown = self.state.shown
                self.state.replace(Shown(shown.folder, shown.base_path, self._build_id(), shown.errors, shown.site))
            count = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
            self.say(f"updated {count} in {time.perf_counter() - started:.2f}s ({_changed(changed, self.root)})")
        return pages

    def finish(self) -> bool:
        """Rebuild for every save not built yet (in the rebuild's thread); whether it rebuilt.
        Saves made while it runs are kept for the next rebuild."""
        with self._unbuilt_lock:
            upto, unbuilt = self._saves, frozenset(self._unbuilt)
        errors_before, (ahead_of, written) = self.state.shown.errors, self._ahead
        rebuilt = self.rebuild(unbuilt)
        # Every save it covered had its pages written ahead, and it changed no other page: open
        # pages show what they would after a reload.
        self.reload_wanted = not (
            ahead_of == unbuilt
            and self.state.shown.errors == errors_before == ()
            and self._builder.pages_changed <= written
        )
        with self._unbuilt_lock:
            self._unbuilt = {path: save for path, save in self._unbuilt.items() if save > upto}
        return rebuilt

    @property
    def settled(self) -> bool:
        """Whether the last rebuild covered every save so far."""
        with self._unbuilt_lock:
            return not self._unbuilt

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
        with self._showing:
            self.state.replace(Shown(shown.folder, base_path, self._build_id(), errors, site))

    def _build_id(self) -> str:
        """A new name for what is shown, which pages carry: a page from before it reloads when it connects."""
        return f"{self._session}-{next(self._generations)}"

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
    rebuilder = Rebuilder(lambda: _rebuild_and_reload(previewer, clients))
    # Watch before the first build reads anything, so a save made while it runs (or just
    # after) is never missed: it becomes a rebuild once the first build is done.
    watcher = Watcher(root, lambda changed: _write_ahead_and_reload(previewer, clients, rebuilder, changed))
    try:
        collecting.between_saves()
        sys.setswitchinterval(SWITCH_S)
        rebuilder.start()
        watcher.start()
        say(f"building a preview of {root} (drafts and scheduled articles included)")
        previewer.rebuild()
        collecting.after_build()
        asyncio.run(_serve_until_stopped(sockets, options.host, port, previewer, clients, say))
    except KeyboardInterrupt:
        say("stopped")
    finally:
        previewer.close()
        watcher.stop(timeout=30)
        rebuilder.stop(timeout=30)
        for sock in sockets:
            sock.close()


def _write_ahead_and_reload(
    previewer: Previewer, clients: ReloadClients, rebuilder: Rebuilder, changed: frozenset[Path]
) -> None:
    """A burst of saves (in the watcher's thread): the pages it was for first, then the rebuild."""
    if previewer.saved(changed):
        _reload(previewer, clients)
        rebuilder.wake(hold_off=HOLD_OFF_S)  # while open pages load the saved page
    else:
        rebuilder.wake()


def _rebuild_and_reload(previewer: Previewer, clients: ReloadClients) -> None:
    """Rebuild for the saves so far, then reload every open page (runs in the rebuild's thread)."""
    started = time.perf_counter()
    if not previewer.finish():
        return  # the preview is closing
    log.debug("rebuilt in %.3fs", time.perf_counter() - started)
    if previewer.reload_wanted:
        _reload(previewer, clients)
    if previewer.settled:  # else the rebuild for the later saves asks for it
        previewer.refresh_search_soon()


def _reload(previewer: Previewer, clients: ReloadClients) -> None:
    loop = previewer.loop
    if loop is not None:
        with contextlib.suppress(RuntimeError):  # the server stopped meanwhile
            loop.call_soon_threadsafe(clients.reload_all)


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
