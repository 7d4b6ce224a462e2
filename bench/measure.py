"""Wall time and peak memory of one command, and the save-to-served latency of a preview server.

Every command runs under a tiny `python -c` wrapper that times it and then reports
`getrusage(RUSAGE_CHILDREN).ru_maxrss`: the peak resident memory of the largest
process in the command's tree (worker processes and helpers such as Pagefind
included, since each is waited for by its parent). The wrapper's own start-up is
outside the timed span.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

WRAPPER = """\
import json, resource, signal, subprocess, sys, time
report, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
child = subprocess.Popen(command)
signal.signal(signal.SIGTERM, lambda *_: child.send_signal(signal.SIGINT))
code = child.wait()
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
with open(report, "w") as handle:
    found = {"seconds": seconds, "cpu": cpu, "system": usage.ru_stime, "peak_kib": usage.ru_maxrss}
    json.dump({"code": code, **found}, handle)
"""


class CommandFailed(Exception):
    pass


@dataclass(frozen=True)
class Sample:
    seconds: float
    cpu: float
    peak_kib: int
    system: float = 0.0
    """Of `cpu`, the seconds spent in the kernel (mostly the file system's, for a build)."""


@dataclass(frozen=True)
class Result:
    """Repeated samples of one measurement: the median time and the highest peak."""

    samples: tuple[Sample, ...]

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu(self) -> float | None:
        """CPU seconds (user + system, whole tree) of the run with the median wall time."""
        return self._median_run().cpu

    @property
    def system(self) -> float | None:
        """Of that CPU time, the kernel's (system time): what the disk costs a build shows here."""
        return self._median_run().system

    def _median_run(self) -> Sample:
        ordered = sorted(self.samples, key=lambda s: s.seconds)
        return ordered[(len(ordered) - 1) // 2]

    @property
    def peak_mib(self) -> float:
        return max(s.peak_kib for s in self.samples) / 1024

    @property
    def runs(self) -> int:
        return len(self.samples)


def measured(command: Sequence[str], cwd: Path, env: dict[str, str], timeout: float = 1800) -> Sample:
    """Run `command` to completion in `cwd`; its output is kept only to explain a failure."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        report = Path(scratch) / "report.json"
        log = Path(scratch) / "log.txt"
        with log.open("wb") as out:
            process = subprocess.run(
                [sys.executable, "-c", WRAPPER, str(report), *command],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        data = json.loads(report.read_text()) if report.exists() else {"code": process.returncode}
        if data["code"] != 0:
            tail = log.read_text(errors="replace").strip().splitlines()[-15:]
            raise CommandFailed(f"`{' '.join(command)}` in {cwd} exited with {data['code']}:\n" + "\n".join(tail))
        return Sample(data["seconds"], data["cpu"], data["peak_kib"], data["system"])


def repeat(runs: int, prepare: Callable[[int], None], command: Sequence[str], cwd: Path, env: dict[str, str]) -> Result:
    """`prepare(i)` (untimed) then the timed command, `runs` times.

    What `prepare` cleared away (into the bench's trash: run.Trash says why) or wrote is flushed
    to disk before the clock starts, so that the build does not pay for writing it out."""
    samples = []
    for index in range(runs):
        prepare(index)
        os.sync()
        samples.append(measured(command, cwd, env))
    return Result(tuple(samples))


@dataclass(frozen=True)
class PreviewResult:
    latencies: tuple[float, ...]
    peak_kib: int

    @property
    def seconds(self) -> float:
        return statistics.median(self.latencies)

    @property
    def cpu(self) -> float | None:
        return None

    @property
    def system(self) -> float | None:
        return None

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024

    @property
    def runs(self) -> int:
        return len(self.latencies)


def preview_latency(
    command: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    page_url: str,
    edit: Callable[[str], None],
    saves: int = 5,
    log_path: Path | None = None,
    start_timeout: float = 600,
    save_timeout: float = 60,
    stop_timeout: float = 20,
) -> PreviewResult:
    """Start the preview server, then `saves` times: `edit(word)` and poll `page_url` every 10 ms until
    the page shows the word. The server is stopped with SIGINT (via the wrapper) however this ends."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    report = scratch / "report.json"
    log = (log_path or scratch / "log.txt").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-c", WRAPPER, str(report), *command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so every process it forks can be stopped with it
    )
    latencies: list[float] = []
    try:
        _wait_until_served(page_url, server, start_timeout)
        for number in range(1, saves + 1):
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            word = f"benchmark{number}x{secrets.token_hex(4)}"  # new to the page, however often the bench ran
            edit(word)
            saved = time.perf_counter()
            while word not in _get(page_url):
                if server.poll() is not None:
                    raise CommandFailed(f"the preview server exited with {server.returncode}")
                if time.perf_counter() - saved > save_timeout:
                    raise CommandFailed(f"the article page did not show the saved edit within {save_timeout:.0f} s")
                time.sleep(0.01)
            latencies.append(time.perf_counter() - saved)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)  # the wrapper passes it on as SIGINT (Ctrl-C)
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=stop_timeout)
        _kill_group(server.pid)  # whatever the server left behind (say, a stuck worker) goes too
        if server.poll() is None:
            server.wait()
        log.close()
    data = json.loads(report.read_text()) if report.exists() else {"peak_kib": 0}
    return PreviewResult(tuple(latencies), data["peak_kib"])


def _kill_group(group: int) -> None:
    """SIGKILL the process group this module started for the server (its id is the wrapper's pid)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


def _wait_until_served(url: str, server: subprocess.Popen[bytes], timeout: float) -> None:
    started = time.perf_counter()
    while not _get(url):
        if server.poll() is not None:
            raise CommandFailed(f"the preview server exited with {server.returncode} before serving {url}")
        if time.perf_counter() - started > timeout:
            raise CommandFailed(f"the preview server did not serve {url} within {timeout:.0f}s")
        time.sleep(0.1)


def _get(url: str) -> str:
    """The page's text, or '' while it is not being served (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""
