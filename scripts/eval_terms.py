#!/usr/bin/env python3
"""Pair-level precision/recall of the term and entity rules on the dev gold.

Same metric as ../shared/dev-gold/score.py (group TE): a gold pair is positive when it has
a ``term`` or ``entity`` error; it is flagged when the audit reports any finding of
category ``term`` or ``entity`` on the segment whose source equals the pair's English.
Run twice: with the shipped termbase plus the sample project glossary, and with the
shipped termbase alone (how an unseen transcript is judged).

usage: python3 scripts/eval_terms.py [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.options import AuditOptions, Selection
from auditor.pipeline import audit

TRANSCRIPT = ROOT / "tests" / "data" / "astera_q1_2025_bilingual.txt"
GOLD = ROOT / "tests" / "data" / "astera_q1_2025_gold.jsonl"
PROJECT = ROOT / "samples" / "astera_glossary.tsv"
GROUP = {"term", "entity"}


def evaluate(glossaries: tuple[str, ...], details: bool) -> tuple[float, float, int]:
    options = AuditOptions(glossaries=glossaries, selection=Selection(select=("TERM", "ENT")))
    report = audit(str(TRANSCRIPT), options)
    found: dict[str, list] = {}
    for result in report.results:
        if result.segment.source:
            found.setdefault(result.segment.source.strip(), []).extend(
                f for f in result.findings if f.category in GROUP
            )
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    tp = fp = fn = clean_alarms = 0
    for pair in gold:
        want = any(e["type"] in GROUP for e in pair["errors"])
        findings = found.get(pair["en"].strip(), [])
        got = bool(findings)
        tp += want and got
        fp += got and not want
        fn += want and not got
        clean_alarms += got and not pair["errors"]
        if details and want != got:
            kind = "FP" if got else "FN"
            print(
                f"  {kind} {pair['id']}: "
                + (
                    "; ".join(f"{f.rule} {f.message}" for f in findings)
                    if got
                    else "; ".join(
                        f"{e['en']!r}->{e['zh']!r}" for e in pair["errors"] if e["type"] in GROUP
                    )
                )
            )
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    clean = sum(1 for p in gold if not p["errors"])
    print(
        f"TE: P={precision:.2f} R={recall:.2f} (tp={tp} fp={fp} fn={fn}); "
        f"false alarms on pairs with no error: {clean_alarms}/{clean}"
    )
    return precision, recall, clean_alarms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list each missed or false pair")
    args = parser.parse_args()
    print("shipped termbase + samples/astera_glossary.tsv")
    evaluate((str(PROJECT),), args.details)
    print("shipped termbase alone")
    evaluate((), args.details)


if __name__ == "__main__":
    main()
