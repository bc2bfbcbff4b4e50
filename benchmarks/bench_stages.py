#!/usr/bin/env python3
"""Where the time of ``auditor check`` goes, stage by stage, in one process.

    python3 benchmarks/bench_stages.py [--pairs 10000] [--input FILE.jsonl]

The corpus is the one ``bench_throughput.py`` writes (gold transcript pairs repeated, one
in ten with an injected error), as JSON Lines. Each stage is timed in CPU seconds and
printed per pair, so the figures add up to the cost of a check with ``--jobs 1``:

- start-up: imports, loading the termbase, each checker's one-off set-up (the first pair);
- reading: the counting pass (the JSONL reader, the speaker-name scan; the pairs are held
  for the checking pass), then the segments built from the held pairs;
- scoring pairs: the aligner's confidence for pre-paired rows (a JSON report's only);
- each checker's segment rules (and collect step, for document-level rules);
- the document-level combine step and the JSONL writer ``check`` runs (``jsonl_fast``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

_T0 = time.process_time()
from bench_throughput import corpus, write_inputs  # noqa: E402

from auditor.engine.batch import BATCH_SIZE, active_checkers, combine_facts  # noqa: E402
from auditor.model import SegmentResult  # noqa: E402
from auditor.options import AuditOptions, Selection
from auditor.pipeline import context_for, load_termbase
from auditor.report.jsonl_fast import render  # noqa: E402
from auditor.source import SegmentSource  # noqa: E402

IMPORTS = time.process_time() - _T0
#: Only a JSON report shows the pairs' scores: a check writing JSONL, CSV or SARIF skips it.
_SCORING = "scoring pairs (JSON report only)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=10_000)
    ap.add_argument("--input", type=Path, help="a JSONL file of pairs (default: generated)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.input or write_inputs(corpus(args.pairs), Path(tmp))["jsonl"]
        run(str(path))


def run(path: str) -> None:
    clock = time.process_time
    cost: dict[str, float] = defaultdict(float)
    cost["start-up: imports"] = IMPORTS
    options = AuditOptions(input_format="jsonl")
    t = clock()
    termbase = load_termbase(options)
    cost["start-up: termbase"] = clock() - t

    # As `auditor check --format jsonl` reads: the counting pass (names, and the pairs
    # held for the checking pass), then unscored segments built from the held pairs.
    unscored_options = replace(options, align_scores=False)
    source = SegmentSource(path, unscored_options, termbase)
    t = clock()
    names = source.names
    cost["reading: pass 1 (names, pairs held)"] = clock() - t
    ctx = context_for(names, options, termbase)
    selection = Selection()
    active = active_checkers(selection)

    t = clock()
    segments = list(source)
    cost["reading: segments from held pairs"] = clock() - t
    # Only a JSON report shows the pairs' scores: the scored source costs the rest.
    scored = SegmentSource(path, options, termbase)
    assert scored.count == len(segments)  # its own counting pass, not timed (as above)
    t = clock()
    list(scored)
    cost[_SCORING] = max(0.0, clock() - t - cost["reading: segments from held pairs"])

    # One-off set-up (compiled patterns, tokenizers) happens on a checker's first calls:
    # warm each checker on a handful of pairs first so the per-pair figures are steady.
    t = clock()
    for a in active:
        for segment in segments[:50]:
            if a.checker.segment is not None:
                list(a.checker.segment(segment, ctx))
            if a.checker.collect is not None:
                a.checker.collect(segment, ctx)
    cost["start-up: checkers' first use"] = clock() - t

    # Checked as check_batch does: each checker's collect right after its segment rules
    # on the same segment (the terms checker reuses its analysis of the segment).
    found: list[list] = [[] for _ in segments]
    facts: dict[str, list] = {a.checker.name: [] for a in active if a.checker.collect}
    for k, segment in enumerate(segments):
        for a in active:
            check, collect = a.checker.segment, a.checker.collect
            if check is not None:
                t = clock()
                found[k].extend(f for f in check(segment, ctx) if f.rule in a.codes)
                cost[f"check: {a.checker.name}"] += clock() - t
            if collect is not None:
                t = clock()
                fact = collect(segment, ctx)
                if fact is not None:
                    facts[a.checker.name].append((k, fact))
                cost[f"check: {a.checker.name} (collect)"] += clock() - t
    t = clock()
    extra = combine_facts(selection, ctx, [facts])
    cost["combine (document rules)"] = clock() - t
    results = [
        SegmentResult(s, tuple(found[k]) + tuple(extra.get(k, ()))) for k, s in enumerate(segments)
    ]
    t = clock()
    for start in range(0, len(results), BATCH_SIZE):  # as check renders them: per batch
        render(results[start : start + BATCH_SIZE])
    cost["writing JSONL (jsonl_fast)"] = clock() - t

    n = len(segments)
    fixed = sum(v for k, v in cost.items() if k.startswith("start-up"))
    per_pair = sum(v for k, v in cost.items() if not k.startswith("start-up"))
    print(f"{n:,} pairs from {path}")
    print(f"{'stage':<36} {'CPU s':>8} {'µs/pair':>9} {'share':>7}")
    for name, seconds in cost.items():
        share = "" if name.startswith("start-up") else f"{seconds / per_pair:6.1%}"
        print(f"{name:<36} {seconds:8.2f} {seconds / n * 1e6:9.0f} {share:>7}")
    print(
        f"{'per-pair total':<36} {per_pair:8.2f} {per_pair / n * 1e6:9.0f}"
        f"  -> {n / per_pair:,.0f} pairs per CPU-second after start-up"
    )
    unscored = per_pair - cost[_SCORING]
    print(
        f"{'  without scoring (JSONL/CSV/SARIF)':<36} {unscored:8.2f} {unscored / n * 1e6:9.0f}"
        f"  -> {n / unscored:,.0f} pairs per CPU-second after start-up"
    )
    print(f"{'start-up total (once per process)':<36} {fixed:8.2f}")


if __name__ == "__main__":
    main()
