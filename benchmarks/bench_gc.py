#!/usr/bin/env python3
"""What the cyclic garbage collector costs a one-job ``auditor check``, at Python's default
threshold and at the program's (``auditor.cli.YOUNG_COLLECTION_EVERY``).

    python3 benchmarks/bench_gc.py [--pairs 20000] [--input FILE.jsonl] [--runs 3]

Each run is a fresh process running the program's ``main`` on the same corpus (the one
``bench_throughput.py`` writes, as JSON Lines) with a JSONL report; the collector's own
time is summed from ``gc.callbacks``. Printed per threshold: the collections of each
generation, the collector's seconds and the process's CPU seconds (medians of ``--runs``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_throughput import corpus, write_inputs  # noqa: E402

#: Run in the child: time the collector, set the threshold, run the program, report.
CHILD = """
import gc, json, sys, time
from auditor import cli
started, spent, counts = {}, [0.0, 0.0, 0.0], [0, 0, 0]
def timed(phase, info):
    g = info["generation"]
    if phase == "start":
        started[g] = time.process_time()
    else:
        spent[g] += time.process_time() - started[g]
        counts[g] += 1
gc.callbacks.append(timed)
young = int(sys.argv[1])
if young:
    cli.YOUNG_COLLECTION_EVERY = young
sys.argv = ["auditor", *sys.argv[2:]]
try:
    cli.main()
except SystemExit:
    pass
print(json.dumps({"counts": counts, "seconds": sum(spent), "cpu": time.process_time()}),
      file=sys.stderr)
"""


def run_once(young: int, path: Path, out: Path) -> dict[str, object]:
    argv = ["check", str(path), "--format", "jsonl", "-o", str(out), "-q", "--jobs", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(young), *argv, "--fail-on", "never"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stderr.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=20_000)
    ap.add_argument("--input", type=Path, help="a JSONL file of pairs (default: generated)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from auditor.cli import YOUNG_COLLECTION_EVERY

    with tempfile.TemporaryDirectory() as tmp:
        path = args.input or write_inputs(corpus(args.pairs), Path(tmp))["jsonl"]
        out = Path(tmp) / "out.jsonl"
        settings = {"Python's default (700)": 700, f"auditor's ({YOUNG_COLLECTION_EVERY:,})": 0}
        runs: dict[str, list[dict[str, object]]] = {name: [] for name in settings}
        for _ in range(args.runs):  # the settings interleaved, so both see the same machine
            for name, young in settings.items():
                runs[name].append(run_once(young, path, out))
    print(
        f"{'young-collection threshold':<28} {'collections (gen 0/1/2)':>24} {'gc s':>6} {'CPU s':>7}"
    )
    for name, results in runs.items():
        counts = "/".join(
            str(int(statistics.median(r["counts"][g] for r in results)))  # type: ignore[index]
            for g in range(3)
        )
        seconds = statistics.median(float(r["seconds"]) for r in results)  # type: ignore[arg-type]
        cpu = statistics.median(float(r["cpu"]) for r in results)  # type: ignore[arg-type]
        print(f"{name:<28} {counts:>24} {seconds:6.3f} {cpu:7.2f}")


if __name__ == "__main__":
    main()
