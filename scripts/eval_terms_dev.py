#!/usr/bin/env python3
"""Pair-level precision/recall of the TERM rules on the hand-written dev set
(``tests/data/terms_dev.jsonl``), by split.

The dev set holds English/Chinese pairs written for this purpose: an earnings call of a
networking company and datasheet / press-release / article sentences, with everyday-sense
term errors and many clean pairs. Each pair carries a ``split``: ``build`` (used while
building the sense inventory) or ``held`` (held back, measured at the end).

A pair is positive when it has a ``term`` error; it is flagged when the TERM rules report
any finding on it (shipped termbase alone). Prints recall, precision and the false-alarm
rate on clean pairs (pairs with no error at all).

usage: python3 scripts/eval_terms_dev.py [--split build|held|all] [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.checks import terms  # noqa: E402
from auditor.checks.base import CheckContext  # noqa: E402
from auditor.model import Segment  # noqa: E402
from glossary import load_termbase  # noqa: E402

DEV = ROOT / "tests" / "data" / "terms_dev.jsonl"


def evaluate(split: str, details: bool) -> tuple[float, float, float]:
    pairs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    if split != "all":
        pairs = [p for p in pairs if p["split"] == split]
    ctx = CheckContext(termbase=load_termbase())
    tp = fp = fn = alarms = clean = 0
    for pair in pairs:
        segment = Segment(pair["id"], pair["en"], pair["zh"], None, None)
        findings = [f for f in terms.check_segment(segment, ctx) if f.category == "term"]
        want = any(e["type"] == "term" for e in pair["errors"])
        got = bool(findings)
        tp += want and got
        fp += got and not want
        fn += want and not got
        if not pair["errors"]:
            clean += 1
            alarms += got
        if details and want != got:
            what = (
                "; ".join(f"{f.rule} {f.message}" for f in findings)
                if got
                else "; ".join(f"{e['en']}->{e['found']}" for e in pair["errors"])
            )
            print(f"  {'FP' if got else 'FN'} {pair['id']}: {what}")
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    rate = alarms / max(1, clean)
    print(
        f"{split}: {len(pairs)} pairs; term R={recall:.2f} P={precision:.2f} "
        f"(tp={tp} fp={fp} fn={fn}); false alarms on clean pairs {alarms}/{clean} ({rate:.1%})"
    )
    return precision, recall, rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("build", "held", "all"), default="build")
    parser.add_argument("--details", action="store_true", help="list each missed or false pair")
    args = parser.parse_args()
    evaluate(args.split, args.details)


if __name__ == "__main__":
    main()
