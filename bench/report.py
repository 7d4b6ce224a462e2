"""The results as Markdown a person can read: machine, tables, ratios and the targets' PASS/FAIL."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

STEPS = (
    ("cold", "cold build (no output, no cache)"),
    ("warm", "warm full build (cache kept, output removed)"),
    ("noop", "no-op build (nothing changed)"),
    ("article", "one article edited"),
    ("added", "one article added"),
    ("removed", "one article removed"),
    ("template", "one template edited"),
    ("preview", "preview: article saved → rebuilt page served"),
)
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


class Measurement(Protocol):
    @property
    def seconds(self) -> float: ...
    @property
    def cpu(self) -> float | None: ...
    @property
    def system(self) -> float | None: ...
    @property
    def peak_mib(self) -> float: ...
    @property
    def runs(self) -> int: ...


@dataclass
class Run:
    """Everything one `bench/run.py` invocation measured; a missing entry was not measured."""

    machine: dict[str, str]
    sizes: tuple[int, ...]
    sitegen: dict[tuple[str, int], Measurement] = field(default_factory=dict)
    peers: dict[tuple[str, int], Measurement] = field(default_factory=dict)
    notes: dict[tuple[str, int], str] = field(default_factory=dict)
    peer_versions: dict[str, str] = field(default_factory=dict)


def _seconds(m: Measurement) -> str:
    return f"{m.seconds * 1000:.0f} ms" if m.seconds < 1 else f"{m.seconds:.2f} s"


def _ratio(m: Measurement | None, peer: Measurement | None) -> str:
    return f"{m.seconds / peer.seconds:.2f}×" if m and peer else "–"


def _runs(m: Measurement) -> str:
    return "1 run" if m.runs == 1 else f"median of {m.runs}"


def _cell(m: Measurement) -> str:
    """Wall time, how it was taken, and the CPU time behind it (a check on a busy machine), with
    the kernel's share of it (system time: on a slow disk, the files a build makes cost there)."""
    cpu = f", CPU {m.cpu:.1f} s" if m.cpu is not None else ""
    cpu += f" of which system {m.system:.1f} s" if m.cpu is not None and m.system is not None else ""
    return f"{_seconds(m)} ({_runs(m)}{cpu})"


def _peak(m: Measurement) -> str:
    return f"{m.peak_mib:.0f} MiB" if m.peak_mib else "?"


PEER_NAMES = {
    "hugo+pagefind": "Hugo + Pagefind",
    "pelican+pagefind": "Pelican + Pagefind",
    "hugo": "Hugo",
    "pelican": "Pelican",
}
"""The peers, like-for-like first: sitegen's build includes its search index, so the fair comparison is
with a peer that also runs Pagefind over its output. The rows without search are kept beside them."""


def markdown(run: Run) -> str:
    """The body shared by bench/results/*.md and README's Performance section."""
    lines = [
        "Machine: " + "; ".join(f"{k} {v}" for k, v in run.machine.items()) + ".",
        "",
        "sitegen's time (runs, CPU) and peak memory, and its time as a ratio to each peer's cold build of the "
        "same articles (below 1× means sitegen is faster). sitegen's build includes its Pagefind search "
        "index, so the like-for-like peers are those with Pagefind.",
    ]
    for size in run.sizes:
        lines += ["", f"{size:,} articles:", ""]
        lines.append("| step | sitegen | peak RSS | " + " | ".join(f"÷ {name}" for name in PEER_NAMES.values()) + " |")
        lines.append("|---|---:|---:|" + "---:|" * len(PEER_NAMES))
        for key, label in STEPS:
            m = run.sitegen.get((key, size))
            if m is None:
                note = run.notes.get((key, size), "not measured")
                lines.append(f"| {label} | {note} | – |" + " – |" * len(PEER_NAMES))
                continue
            ratios = [("–" if key == "preview" else _ratio(m, run.peers.get((peer, size)))) for peer in PEER_NAMES]
            lines.append(f"| {label} | {_cell(m)} | {_peak(m)} | " + " | ".join(ratios) + " |")
    lines += [
        "",
        "Peers, cold build of the same articles (no output, no cache), and sitegen's cold build ÷ theirs:",
        "",
    ]
    header, rule = "| generator |", "|---|"
    for size in run.sizes:
        header += f" {size:,} articles | peak RSS | sitegen ÷ |"
        rule += "---:|---:|---:|"
    lines += [header, rule]
    for peer, name in PEER_NAMES.items():
        version = run.peer_versions.get(peer.split("+")[0], "")
        row = f"| {name} {version} |".replace("  ", " ")
        for size in run.sizes:
            m = run.peers.get((peer, size))
            if m is None:
                row += f" {run.notes.get((peer, size), 'not measured')} | – | – |"
            else:
                row += f" {_cell(m)} | {_peak(m)} | {_ratio(run.sitegen.get(('cold', size)), m)} |"
        lines.append(row)
    lines += ["", "Targets (issue 23, builds that cost what changed):", ""]
    lines += [f"- {line}" for line in change_targets(run)]
    lines += ["", "Targets (issue 10):", ""]
    lines += [f"- {line}" for line in targets(run)]
    return "\n".join(lines) + "\n"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def change_targets(run: Run) -> list[str]:
    """Issue 23's targets, each computed from this run alone: the cold build against the peers with
    Pagefind, as the issue says; the edit against Hugo's cold build alone, as the issue says ("Hugo's
    cold build", where it names Pagefind whenever it means it), with its share of Hugo + Pagefind's beside."""
    sg, peers = run.sitegen, run.peers
    out: list[str] = []
    cold, hugo, pelican = (
        sg.get(("cold", 1000)),
        peers.get(("hugo+pagefind", 1000)),
        peers.get(("pelican+pagefind", 1000)),
    )
    label = "cold build of 1,000 articles no slower than Hugo + Pagefind"
    if cold and hugo:
        out.append(f"{_verdict(cold.seconds <= hugo.seconds)} {label}: {_seconds(cold)} vs {_seconds(hugo)}")
    else:
        out.append(f"NOT MEASURED {label}")
    label = "cold build of 1,000 articles at least 2× faster than Pelican + Pagefind"
    if cold and pelican:
        speedup = pelican.seconds / cold.seconds
        out.append(f"{_verdict(speedup >= 2)} {label}: {speedup:.2f}× ({_seconds(cold)} vs {_seconds(pelican)})")
    else:
        out.append(f"NOT MEASURED {label}")
    edit, hugo_alone = sg.get(("article", 10000)), peers.get(("hugo", 10000))
    hugo_large = peers.get(("hugo+pagefind", 10000))
    label = "one article edited at 10,000 articles: at most 1.0 s and at most 15% of Hugo's cold build (Hugo alone)"
    if edit and hugo_alone:
        share = edit.seconds / hugo_alone.seconds
        ok = edit.seconds <= 1.0 and share <= 0.15
        beside = ""
        if hugo_large:
            beside = f"; {edit.seconds / hugo_large.seconds:.0%} of Hugo + Pagefind's {_seconds(hugo_large)}"
        out.append(f"{_verdict(ok)} {label}: {_seconds(edit)}, {share:.0%} of {_seconds(hugo_alone)}{beside}")
    else:
        out.append(f"NOT MEASURED {label} (run without --quick)")
    template, cold_large = sg.get(("template", 10000)), sg.get(("cold", 10000))
    label = "one template edited at 10,000 articles: at most 50% of sitegen's own cold build"
    if template and cold_large:
        share = template.seconds / cold_large.seconds
        out.append(f"{_verdict(share <= 0.5)} {label}: {share:.0%} ({_seconds(template)} vs {_seconds(cold_large)})")
    else:
        out.append(f"NOT MEASURED {label} (run without --quick)")
    for size, most in ((1000, 0.1), (10000, 0.3)):
        preview = sg.get(("preview", size))
        label = f"preview at {size:,} articles, save to served page: at most {most * 1000:.0f} ms (median of 5)"
        if preview:
            shown = f"{_seconds(preview)} (server peak {preview.peak_mib:.0f} MiB)"
            out.append(f"{_verdict(preview.seconds <= most)} {label}: {shown}")
        else:
            note = run.notes.get(("preview", size), "run without --quick" if size == 10000 else "not measured")
            out.append(f"NOT MEASURED {label} ({note})")
    measured = [m for (key, size), m in sg.items() if size == 10000 and key != "preview"]
    label = "peak memory of a build at 10,000 articles under 400 MiB"
    if measured:
        peak = max(m.peak_mib for m in measured)
        out.append(f"{_verdict(peak < 400)} {label}: {peak:.0f} MiB (highest of every 10,000-article build step)")
    else:
        out.append(f"NOT MEASURED {label} (run without --quick)")
    return out


def targets(run: Run) -> list[str]:
    """Issue 10's targets (against the peers without search, as it measured them), each PASS, FAIL or
    'not measured', computed from this run alone."""
    sg, peers = run.sitegen, run.peers
    out: list[str] = []

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    cold, pelican = sg.get(("cold", 1000)), peers.get(("pelican", 1000))
    label = "cold build of 1,000 articles at least 2.5× faster than Pelican"
    if cold and pelican:
        speedup = pelican.seconds / cold.seconds
        how = f"{speedup:.2f}× faster" if speedup >= 1 else f"{1 / speedup:.2f}× slower"
        out.append(
            f"{verdict(speedup >= 2.5)} {label}: {how} "
            f"({_seconds(cold)} vs {_seconds(pelican)}; needs ≤ {pelican.seconds / 2.5:.2f} s)"
        )
    else:
        out.append(f"NOT MEASURED {label}")
    warm, hugo = sg.get(("warm", 1000)), peers.get(("hugo", 1000))
    label = "warm full build of 1,000 articles no slower than Hugo's cold build"
    if warm and hugo:
        out.append(f"{verdict(warm.seconds <= hugo.seconds)} {label}: {_seconds(warm)} vs {_seconds(hugo)}")
    else:
        out.append(f"NOT MEASURED {label}")
    for size in run.sizes:
        noop, cold = sg.get(("noop", size)), sg.get(("cold", size))
        label = f"no-op build under 10% of the cold build ({size:,} articles)"
        if noop and cold:
            share = noop.seconds / cold.seconds
            out.append(f"{verdict(share < 0.10)} {label}: {share:.0%} ({_seconds(noop)} vs {_seconds(cold)})")
        else:
            out.append(f"NOT MEASURED {label}")
    preview = sg.get(("preview", 1000))
    label = "edited-article preview latency under 300 ms (median of 5)"
    note = run.notes.get(("preview", 1000), "not measured")
    if preview:
        out.append(f"{verdict(preview.seconds < 0.3)} {label}: {_seconds(preview)}")
    elif note.startswith("failed"):
        out.append(f"FAIL {label}: {note}")
    else:
        out.append(f"NOT MEASURED {label}: {note}")
    measured = [m for (key, size), m in sg.items() if size == 10000 and key != "preview"]
    label = "peak memory under 600 MiB at 10,000 articles"
    if measured:
        peak = max(m.peak_mib for m in measured)
        out.append(f"{verdict(peak < 600)} {label}: {peak:.0f} MiB (highest of every 10,000-article build step)")
    else:
        out.append(f"NOT MEASURED {label} (run without --quick)")
    return out


def readme_lead(machine: dict[str, str]) -> str:
    """The README's first line about the results: which commit they measured, since the code moves on after it."""
    commit = machine["sitegen"].split(" at commit ", 1)[-1]
    return (
        f"Measured on {machine['date']} at commit {commit} (`bench/results/latest.md`): "
        "changes made after that commit are not in these numbers until `make bench` runs again.\n\n"
    )


def update_readme(readme: Path, body: str, intro: str) -> None:
    """Replace what lies between the bench markers and the paragraph that opens their section, or
    add a '## Performance' section at the end.

    The README is read immediately before it is written, since others edit it too."""
    text = readme.read_text(encoding="utf-8")
    block = f"{README_START}\n{body}{README_END}"
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
        # the section's opening paragraph too, so that a change to what the bench builds reaches it
        opening = re.compile(r"(## Performance\n\n)`make bench` builds .*?(\n\n" + re.escape(README_START) + ")", re.S)
        text = opening.sub(lambda found: found.group(1) + intro + found.group(2), text, count=1)
    else:
        text = text.rstrip("\n") + f"\n\n## Performance\n\n{intro}\n\n{block}\n"
    readme.write_text(text, encoding="utf-8")
