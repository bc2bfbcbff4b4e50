#!/usr/bin/env python3
"""Number and unit checking speed: N sentence pairs (default 100,000) on one core.

usage: python3 benchmarks/bench_numbers.py [--pairs N] [--seed S]

The pairs are the dev-gold transcript's pairs with their digits re-drawn at random (the same
digits on both sides, so most stay correct), giving a realistic mix of pairs with and
without numbers and no two identical texts in a row. Target: 100,000 pairs in under 10 s.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.checks.base import CheckContext  # noqa: E402
from auditor.checks.numbers import CHECKER  # noqa: E402
from auditor.model import Loc, Segment  # noqa: E402


def make_pairs(n: int, seed: int) -> list[Segment]:
    gold = [json.loads(line) for line in (ROOT / "tests/data/astera_q1_2025_gold.jsonl").read_text(encoding="utf-8").splitlines()]
    rng = random.Random(seed)
    loc = Loc("bench", 1, 1)
    out = []
    for i in range(n):
        g = gold[i % len(gold)]
        table = str.maketrans("0123456789", "".join(rng.sample("0123456789", 10)))
        en = re.sub(r"\d", lambda m: m.group().translate(table), g["en"])
        zh = re.sub(r"\d", lambda m: m.group().translate(table), g["zh"])
        out.append(Segment(f"s{i}", en, zh, loc, loc))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    pairs = make_pairs(args.pairs, args.seed)
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
    print(f"{len(pairs):,} pairs ({chars / 1e6:.1f} M chars) checked in {seconds:.2f} s "
          f"({len(pairs) / seconds:,.0f} pairs/s, {seconds / len(pairs) * 1e6:.0f} µs/pair); "
          f"{findings:,} findings")
    print(f"CPU time {cpu:.2f} s (wall time counts other processes on a shared machine)")
    print(f"projected for 100,000 pairs: {seconds / len(pairs) * 100_000:.1f} s wall, "
          f"{cpu / len(pairs) * 100_000:.1f} s CPU (target < 10 s)")


if __name__ == "__main__":
    main()
