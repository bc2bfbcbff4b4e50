#!/usr/bin/env python3
"""Recall and false alarms of the omission rules, on made omissions and on the hand-written
dev set.

    python3 scripts/eval_omissions.py [--seeds 0 1 2 ...] [--dev build|heldout|all]

Made omissions (tests/support/omissions_synthetic.py): for each seed, the sample transcript's
pairs with a sentence, clause or list item deleted from the Chinese. Recall is counted by
what was removed (whole sentences; clauses of 8 or more English words; shorter), a pair
counting as found when it has any omission finding (OMI001-OMI003), the way the dev gold
is scored; "located" also asks that an OMI002 finding's English span overlap the deleted
sentence. False alarms: untouched pairs with an omission finding (all of them, and those
with no gold error at all).

Seeds 0-5 were used while tuning; 6-11 were held out. The dev set
(tests/data/omissions_dev.jsonl) has a build and a held-out split.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))

from omissions_synthetic import damage

from auditor.checks import alignment, omissions
from auditor.checks.base import CheckContext
from auditor.model import Finding, Segment
from auditor.options import AuditOptions
from auditor.pipeline import load_termbase

DEV = ROOT / "tests" / "data" / "omissions_dev.jsonl"
CLASSES = ("sentence", "clause>=8", "shorter")


def omission_findings(en: str, zh: str, ctx: CheckContext) -> list[Finding]:
    segment = Segment("s", en, zh, None, None)
    found = [*alignment.check_segment(segment, ctx), *omissions.check_segment(segment, ctx)]
    return [f for f in found if f.category == "omission"]


def made(seeds: list[int], ctx: CheckContext, verbose: bool) -> None:
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    located = 0
    untouched = alarms = clean = clean_alarms = 0
    for seed in seeds:
        for pair in damage(seed):
            found = omission_findings(pair.en, pair.zh, ctx)
            cls = pair.length_class
            if cls is None:
                untouched += 1
                alarms += bool(found)
                clean += pair.error_free
                clean_alarms += bool(found) and pair.error_free
                if found and verbose:
                    print("ALARM", seed, pair.id, [f.message[:90] for f in found])
                continue
            total[cls] += 1
            hit[cls] += bool(found)
            if cls == "sentence":
                start = pair.en.find(pair.removed_en)
                end = start + len(pair.removed_en)
                located += any(
                    f.rule == "OMI002"
                    and f.source_span
                    and f.source_span[0] < end
                    and start < f.source_span[1]
                    for f in found
                )
            if not found and verbose:
                print("MISS", seed, pair.id, cls, f"{pair.words:.1f}", repr(pair.removed_zh))
    print(f"made omissions, seeds {seeds[0]}-{seeds[-1]} ({len(seeds)} seeds):")
    for cls in CLASSES:
        n = total[cls]
        print(f"  {cls:10} recall {hit[cls] / n if n else 0:.3f}  ({hit[cls]}/{n})")
    n = total["sentence"]
    print(f"  sentence located by OMI002 on the lost sentence: {located / n if n else 0:.3f}")
    print(
        f"  false alarms: untouched pairs {alarms}/{untouched} ({alarms / untouched:.3f}); "
        f"error-free pairs {clean_alarms}/{clean} ({clean_alarms / max(clean, 1):.3f})"
    )


def dev(split: str, ctx: CheckContext, verbose: bool) -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if split == "all" or r["split"] == split]
    kinds: Counter[str] = Counter()
    kinds_hit: Counter[str] = Counter()
    clean = alarms = 0
    for row in rows:
        found = omission_findings(row["en"], row["zh"], ctx)
        if not row["omissions"]:
            clean += 1
            alarms += bool(found)
            if found and verbose:
                print("ALARM", row["id"], [f.message[:100] for f in found])
            continue
        for om in row["omissions"]:
            kinds[om["kind"]] += 1
            kinds_hit[om["kind"]] += bool(found)
        if not found and verbose:
            print("MISS", row["id"], [om["kind"] for om in row["omissions"]])
    n = sum(kinds.values())
    print(
        f"dev set ({split}): omission recall {sum(kinds_hit.values())}/{n} "
        f"({sum(kinds_hit.values()) / max(n, 1):.2f}); "
        + ", ".join(f"{k} {kinds_hit[k]}/{kinds[k]}" for k in sorted(kinds))
        + f"; clean pairs flagged {alarms}/{clean}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="*", default=list(range(12)))
    ap.add_argument("--dev", choices=("build", "heldout", "all", "none"), default="all")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    ctx = CheckContext(termbase=load_termbase(AuditOptions()))
    t0 = time.process_time()
    if args.seeds:
        made(args.seeds, ctx, args.verbose)
    if args.dev != "none":
        dev(args.dev, ctx, args.verbose)
    print(f"({time.process_time() - t0:.1f} CPU s)")


if __name__ == "__main__":
    main()
