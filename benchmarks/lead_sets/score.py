#!/usr/bin/env python3
"""Pair-level P/R of ``auditor check`` on one of these sets, the way the dev gold is scored.

    python3 benchmarks/lead_sets/score.py benchmarks/lead_sets/kestrava.txt

The gold file is the transcript's name with ``_gold.jsonl``. Groups: NU (number, unit),
TE (term, entity), OM (omission); a false alarm is a pair with no gold error that gets a
finding of any of these categories.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GROUPS = {"NU": {"number", "unit"}, "TE": {"term", "entity"}, "OM": {"omission"}}


def main() -> None:
    path = Path(sys.argv[1])
    extra = sys.argv[sys.argv.index("--") + 1 :] if "--" in sys.argv else []
    gold_path = path.with_name(path.stem + "_gold.jsonl")
    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    run = subprocess.run(
        [sys.executable, "-m", "auditor", "check", str(path), "--format", "json", "-q", *extra],
        capture_output=True,
        text=True,
    )
    if run.returncode not in (0, 1):
        sys.exit(f"auditor check failed with {run.returncode}: {run.stderr[-500:]}")
    report = json.loads(run.stdout)
    by_source: dict[str, set[str]] = {}
    for segment in report["segments"]:
        if segment.get("source"):
            by_source.setdefault(segment["source"].strip(), set()).update(
                f["category"] for f in segment.get("findings", [])
            )
    for name, types in GROUPS.items():
        tp = fp = fn = 0
        for g in gold:
            want = any(e["type"] in types for e in g["errors"])
            got = bool(by_source.get(g["en"].strip(), set()) & types)
            tp += want and got
            fp += got and not want
            fn += want and not got
        print(
            f"{name}: P={tp / max(1, tp + fp):.2f} R={tp / max(1, tp + fn):.2f} (tp={tp} fp={fp} fn={fn})"
        )
    clean = [g for g in gold if not g["errors"]]
    alarms = sum(
        1 for g in clean if by_source.get(g["en"].strip(), set()) & set().union(*GROUPS.values())
    )
    print(f"false alarms on pairs with no error: {alarms}/{len(clean)}")


if __name__ == "__main__":
    main()
