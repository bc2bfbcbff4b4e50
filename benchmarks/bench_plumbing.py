#!/usr/bin/env python3
"""What a one-job ``auditor check --format jsonl`` spends on plumbing, per pair: the wait
for the document-level rules (a pickle round trip, or held as objects) and rendering the
JSON Lines (the readable writer, or ``auditor/report/jsonl_fast.py``).

    python3 benchmarks/bench_plumbing.py [--pairs 5000] [--input FILE.jsonl] [--repeat 5]

The corpus is the one ``bench_throughput.py`` writes (gold transcript pairs repeated, one
in ten with an injected error). The pairs are checked once; each stage then runs
``--repeat`` times on their results and its best CPU time is printed per pair.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_throughput import corpus, write_inputs  # noqa: E402

from auditor.engine.batch import BATCH_SIZE  # noqa: E402
from auditor.model import SegmentResult  # noqa: E402
from auditor.options import AuditOptions  # noqa: E402
from auditor.pipeline import open_audit  # noqa: E402
from auditor.report import jsonl, jsonl_fast  # noqa: E402
from auditor.spool import HeldSpool, Spool  # noqa: E402
from auditor.spool import loads as spool_loads  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=5000)
    ap.add_argument("--input", type=Path, help="a JSONL file of pairs (default: generated)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.input or write_inputs(corpus(args.pairs), Path(tmp))["jsonl"]
        options = replace(AuditOptions(input_format="jsonl"), align_scores=False)
        with open_audit(str(path), options) as stream:
            results = list(stream)
    batches = [results[k : k + BATCH_SIZE] for k in range(0, len(results), BATCH_SIZE)]
    n = len(results)

    def best(stage: Callable[[], object]) -> float:
        times = []
        for _ in range(args.repeat):
            start = time.process_time()
            stage()
            times.append(time.process_time() - start)
        return min(times) / n * 1e6

    def pickled_wait() -> None:
        with Spool[list[SegmentResult]]() as spool:
            for batch in batches:
                spool.append_pickled(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL))
            for blob in spool.pickled():
                spool_loads(blob)

    def held_wait() -> None:
        with HeldSpool[list[SegmentResult]](lambda batch: 0) as held:
            for batch in batches:
                held.append(batch)
            for _ in held:
                pass

    stages = {
        "wait for document rules: pickled": pickled_wait,
        "wait for document rules: held": held_wait,
        "render JSON Lines: readable": lambda: [jsonl.render(b) for b in batches],
        "render JSON Lines: jsonl_fast": lambda: [jsonl_fast.render(b) for b in batches],
    }
    print(f"{n:,} pairs, {sum(len(r.findings) for r in results):,} findings")
    print(f"{'stage':<36} {'CPU µs/pair':>12}")
    for name, stage in stages.items():
        print(f"{name:<36} {best(stage):12.1f}")


if __name__ == "__main__":
    main()
