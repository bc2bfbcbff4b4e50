#!/usr/bin/env python3
"""Number and unit checking speed: N sentence pairs (default 100,000) on one core.

usage: python3 benchmarks/bench_numbers.py [--pairs N] [--seed S]

The pairs are the dev-gold transcript's 134 pairs: a real mix of pairs with and without
numbers (``--with-errors`` adds the ~160 number-dense injected-error variants of
scripts/eval_numbers.py).
Target: 100,000 pairs in under 10 s on one core. CPU time is printed beside wall time
because on a shared machine wall time also counts other processes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.checks.base import CheckContext  # noqa: E402
from auditor.checks.numbers import CHECKER  # noqa: E402
from auditor.model import Loc, Segment  # noqa: E402


def make_pairs(n: int, seed: int, with_errors: bool = False) -> list[Segment]:
    """The gold transcript's pairs (optionally plus their injected-error variants), shuffled
    and cycled to ``n``.

    Nothing in the checked path caches by text (regexes are compiled at import), so cycling
    a few hundred distinct pairs measures the same work as 100,000 distinct ones.
    """
    gold = [
        json.loads(line)
        for line in (ROOT / "tests/data/astera_q1_2025_gold.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    base = [(g["en"], g["zh"]) for g in gold]
    if with_errors:
        sys.path.insert(0, str(ROOT / "scripts"))
        from eval_numbers import MUTATIONS

        base += [
            (g["en"], zh) for g in gold for mutate in MUTATIONS.values() for zh in mutate(g["zh"])
        ]
    random.Random(seed).shuffle(base)
    loc = Loc("bench", 1, 1)
    return [Segment(f"s{i}", *base[i % len(base)], loc, loc) for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--with-errors",
        action="store_true",
        help="add the injected-error variants (number-dense pairs, many findings)",
    )
    args = ap.parse_args()
    pairs = make_pairs(args.pairs, args.seed, args.with_errors)
    ctx = CheckContext()
    check = CHECKER.segment
    assert check is not None
    start, cpu_start = time.perf_counter(), time.process_time()
    findings = 0
    for seg in pairs:
        findings += sum(1 for _ in check(seg, ctx))
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    chars = sum(len(s.source or "") + len(s.target or "") for s in pairs)
    print(
        f"{len(pairs):,} pairs ({chars / 1e6:.1f} M chars) checked in {seconds:.2f} s "
        f"({len(pairs) / seconds:,.0f} pairs/s, {seconds / len(pairs) * 1e6:.0f} µs/pair); "
        f"{findings:,} findings"
    )
    print(f"CPU time {cpu:.2f} s (wall time counts other processes on a shared machine)")
    # machine speed reference: the same texts merely split into words, in pure C
    ref_start = time.process_time()
    for seg in pairs:
        (seg.source or "").split()
        (seg.target or "").split()
    ref = time.process_time() - ref_start
    print(
        f"reference (str.split of both sides): {ref / len(pairs) * 1e6:.1f} µs/pair; "
        f"checking costs {cpu / max(ref, 1e-9):.0f}x that"
    )
    print(
        f"projected for 100,000 pairs: {seconds / len(pairs) * 100_000:.1f} s wall, "
        f"{cpu / len(pairs) * 100_000:.1f} s CPU (target < 10 s)"
    )


if __name__ == "__main__":
    main()
