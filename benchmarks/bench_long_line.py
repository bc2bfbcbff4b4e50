#!/usr/bin/env python3
"""Time of each checker on ONE very long segment (a whole transcript pasted as one line).

    python3 benchmarks/bench_long_line.py [--sizes 0.25 1 5] [--limit 120]

The segment joins the dev-gold transcript's English sentences (and their Chinese
translations) end to end, repeated until the English side has the size wanted in MB.
Each checker runs in a child process (its own CPU clock, and a time limit: a checker
that grows quadratically is reported as "> LIMIT s" instead of stalling the run).
Time should grow linearly with size: 5 MB should cost about 20x 0.25 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "astera_q1_2025_gold.jsonl"


def long_pair(megabytes: float) -> tuple[str, str]:
    """English and Chinese of the gold pairs joined and repeated to ``megabytes`` of English."""
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    en = " ".join(g["en"] for g in gold)
    zh = "".join(g["zh"] for g in gold)
    copies = max(1, round(megabytes * 1_000_000 / len(en.encode("utf-8"))))
    return " ".join([en] * copies), "".join([zh] * copies)


def _child(checker_name: str, megabytes: float) -> None:
    """Run one checker (segment check and collect step) and print its CPU seconds."""
    sys.path.insert(0, str(ROOT))
    from auditor.checks.base import CheckContext
    from auditor.checks.registry import all_checkers
    from auditor.model import Loc, Segment
    from auditor.options import AuditOptions
    from auditor.pipeline import load_termbase

    ctx = CheckContext(termbase=load_termbase(AuditOptions()))
    [checker] = [c for c in all_checkers() if c.name == checker_name]
    loc = Loc("bench", 1, 1)
    warm = Segment(
        "w", "Revenue grew 13% to $159.4 million.", "營收成長 13%，達 1.594 億美元。", loc, loc
    )
    for step in (checker.segment, checker.collect):  # imports, termbase compilation, jieba
        if step is not None:
            list(step(warm, ctx) or ())
    en, zh = long_pair(megabytes)
    segment = Segment("s", en, zh, loc, loc)
    start = time.process_time()
    findings = len(list(checker.segment(segment, ctx))) if checker.segment else 0
    if checker.collect is not None:
        checker.collect(segment, ctx)
    print(json.dumps({"cpu": time.process_time() - start, "findings": findings}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes", type=float, nargs="+", default=[0.25, 1.0, 5.0], help="MB of English"
    )
    ap.add_argument(
        "--limit", type=float, default=120.0, help="seconds allowed per checker and size"
    )
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], float(args.child[1]))
        return
    sys.path.insert(0, str(ROOT))
    from auditor.checks.registry import all_checkers

    names = [c.name for c in all_checkers()]
    print(f"{'MB':>5} " + " ".join(f"{n:>16}" for n in names) + "   (CPU s, findings)")
    for size in args.sizes:
        cells = []
        for name in names:
            cmd = [sys.executable, __file__, "--child", name, str(size)]
            try:
                out = subprocess.run(
                    cmd, capture_output=True, text=True, timeout=args.limit, check=True
                )
                result = json.loads(out.stdout.strip().splitlines()[-1])
                cells.append(f"{result['cpu']:8.2f} ({result['findings']:>5})")
            except subprocess.TimeoutExpired:
                cells.append(f"{'> ' + format(args.limit, 'g') + ' s':>16}")
        print(f"{size:5g} " + " ".join(f"{c:>16}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
