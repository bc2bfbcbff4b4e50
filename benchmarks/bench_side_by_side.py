"""auditor and pofilter side by side, in one run: throughput on the same pairs, and the
start-up of a one-pair file.

    python3 benchmarks/bench_side_by_side.py [--size 20000] [--startup-runs 11] [--keep DIR]

Throughput: the corpus of :mod:`bench_throughput` (the hand-checked transcript pairs
repeated, with defects injected into about one pair in ten), checked by ``auditor check
--jobs 1 --format jsonl`` from JSONL and from interleaved text, and by ``pofilter -t
numbers -t acronyms -t short`` from the same pairs as PO. Each runs once under
``/usr/bin/time``: pairs/s (wall) and CPU per pair (user + system).

Start-up: a file of one pair (the transcript's first English line and its translation)
checked ``--startup-runs`` times by each tool, the median CPU reported. auditor twice:
with a warm cache (its user cache directory already holds the compiled termbase) and a
cold one (a new, empty ``XDG_CACHE_HOME`` for every run, as on a first run after an
install or a termbase change). The cache directory of the warm runs is a temporary one,
filled by one run first, so the user's own cache is not touched. ``auditor rules`` (warm
cache) and Python starting and doing nothing (the floor under both tools) are timed the
same way, the runs of each kind interleaved so that the machine's speed of the moment
weighs on all of them alike.

Python's bytecode cache is in place, as after an install: where the environment forbids
writing it (``PYTHONDONTWRITEBYTECODE``), every run would compile auditor's modules again,
so the runs write it under the work directory instead (``PYTHONPYCACHEPREFIX``), filled by
a first run of each command that is not counted.

Ratios are auditor / pofilter: above 1 is slower (CPU per pair, start-up CPU) or faster
(pairs/s), as each column says. The machine is shared: CPU figures vary less than wall
figures, the medians less than single runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import GOLD, Run, corpus, machine, run, write_inputs

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Startup:
    tool: str
    cpu_seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.cpu_seconds)


def bytecode_env(work: Path) -> dict[str, str]:
    """The environment of every run: this checkout's auditor, the bytecode cache on."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("AUDITOR_NO_CACHE", None)
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        env.setdefault("PYTHONPYCACHEPREFIX", str(work / "pycache"))
    return env


def _cpu_of(argv: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one run of ``argv`` (``/usr/bin/time``)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%U %S", "-o", timing.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
        if proc.returncode not in (0, 1) or b"Traceback" in proc.stderr:
            raise SystemExit(f"{argv[0]} failed: {proc.stderr.decode(errors='replace')[-2000:]}")
        user, system = Path(timing.name).read_text().split()[-2:]
    return float(user) + float(system)


def startup(work: Path, runs: int, env: dict[str, str]) -> list[Startup]:
    first = json.loads(GOLD.open(encoding="utf-8").readline())
    one = work / "one.jsonl"
    one.write_text(
        json.dumps({"en": first["en"], "zh": first["zh"]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    po = work / "one.po"
    (work / "one").mkdir(exist_ok=True)
    write_inputs([(first["en"], first["zh"])], work / "one")
    shutil.copy(work / "one" / "corpus.po", po)
    auditor = [sys.executable, "-m", "auditor"]
    check = [
        *auditor,
        "check",
        str(one),
        "--format",
        "jsonl",
        "-o",
        str(work / "one-out.jsonl"),
        "--quiet",
        "--fail-on",
        "never",
    ]
    warm_env = {**env, "XDG_CACHE_HOME": str(work / "warm-cache")}
    commands: dict[str, tuple[list[str], Callable[[int], dict[str, str]]]] = {
        "Python alone (python3 -c pass)": ([sys.executable, "-c", "pass"], lambda n: env),
        "auditor check, warm cache": (check, lambda n: warm_env),
        "auditor check, cold cache": (
            check,
            lambda n: {**env, "XDG_CACHE_HOME": str(work / f"cold-cache-{n}")},
        ),
        "auditor rules, warm cache": ([*auditor, "rules"], lambda n: warm_env),
    }
    pofilter = shutil.which("pofilter")
    if pofilter:
        argv = [
            pofilter,
            "-t",
            "numbers",
            "-t",
            "acronyms",
            "-t",
            "short",
            str(po),
            str(work / "one-out.po"),
        ]
        commands["pofilter"] = (argv, lambda n: env)
    else:
        print("pofilter not found: pip install translate-toolkit", file=sys.stderr)
    for argv, env_of in commands.values():  # bytecode written, the warm cache filled
        _cpu_of(argv, env_of(-1))
    times: dict[str, list[float]] = {tool: [] for tool in commands}
    for n in range(runs):
        for tool, (argv, env_of) in commands.items():
            times[tool].append(_cpu_of(argv, env_of(n)))
    return [Startup(tool, cpu) for tool, cpu in times.items()]


def throughput(work: Path, size: int) -> list[Run]:
    paths = write_inputs(corpus(size), work)
    runs = []
    for fmt in ("jsonl", "interleaved"):
        argv = [
            sys.executable,
            "-m",
            "auditor",
            "check",
            str(paths[fmt]),
            "--format",
            "jsonl",
            "-o",
            str(work / f"out-{fmt}.jsonl"),
            "--jobs",
            "1",
            "--quiet",
            "--fail-on",
            "never",
        ]
        runs.append(run(f"auditor ({fmt} input)", size, paths[fmt], argv, sample_tree=False))
    pofilter = shutil.which("pofilter")
    if pofilter:
        argv = [
            pofilter,
            "-t",
            "numbers",
            "-t",
            "acronyms",
            "-t",
            "short",
            str(paths["po"]),
            str(work / "pofilter-out.po"),
        ]
        runs.append(run("pofilter (PO input)", size, paths["po"], argv, sample_tree=False))
    return runs


def table(runs: list[Run], starts: list[Startup]) -> str:
    ref = next((r for r in runs if r.tool.startswith("pofilter")), None)
    ref_start = next((s for s in starts if s.tool == "pofilter"), None)
    lines = [
        "| tool | pairs/s | CPU µs/pair | × pofilter (pairs/s) | × pofilter (CPU/pair) |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in runs:
        per_pair = r.cpu_seconds / r.size * 1e6
        ratio = f"{r.pairs_per_s / ref.pairs_per_s:.2f}" if ref else "-"
        cpu_ratio = f"{per_pair / (ref.cpu_seconds / ref.size * 1e6):.2f}" if ref else "-"
        lines.append(
            f"| {r.tool} | {r.pairs_per_s:,.0f} | {per_pair:,.0f} | {ratio} | {cpu_ratio} |"
        )
    lines += [
        "",
        "| one-pair file | median CPU s | min–max | × pofilter |",
        "|---|---:|---|---:|",
    ]
    for s in starts:
        ratio = f"{s.median / ref_start.median:.1f}" if ref_start else "-"
        spread = f"{min(s.cpu_seconds):.2f}–{max(s.cpu_seconds):.2f}"
        lines.append(f"| {s.tool} | {s.median:.2f} | {spread} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--startup-runs", type=int, default=11)
    parser.add_argument("--keep", metavar="DIR", help="keep the generated files here")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-side-"))
    work.mkdir(parents=True, exist_ok=True)
    env = bytecode_env(work)
    os.environ.clear()  # the throughput runs (bench_throughput.run) inherit it
    os.environ.update(env)
    # ``python -m auditor`` puts the current directory first on the module path: run from
    # this checkout, so that the auditor measured is this one wherever the script is run.
    os.chdir(ROOT)
    try:
        starts = startup(work, args.startup_runs, env)
        runs = throughput(work, args.size)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(machine())
    print(f"{args.size:,} pairs, --jobs 1; start-up: median of {args.startup_runs} runs\n")
    print(table(runs, starts))


if __name__ == "__main__":
    main()
