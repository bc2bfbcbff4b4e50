#!/usr/bin/env python3
"""Pair-level ENT figures on the names dev set (tests/data/names_dev.jsonl).

The set is four documents written for this purpose (two earnings-call transcripts, two
press releases of fictional companies), with zh-TW translations in the style of machine
translation and name errors planted where machine translation makes them. Each line:
``doc``, ``split`` (``build``: looked at while building; ``held``: measured only), ``kind``
(``speaker``: a line repeated untranslated; ``pair``: a translated pair), ``en``, ``zh``,
and ``errors`` (the name and what it became). Names are harvested per document, as
``auditor check`` does, and a pair counts as flagged when it has any ENT finding.

usage: python3 benchmarks/score_names_dev.py [--split build|held|all] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.checks import entities
from auditor.checks.base import CheckContext
from auditor.model import Segment
from auditor.names import harvest_names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("build", "held", "all"), default="held")
    parser.add_argument("--show", action="store_true", help="print each miss and false alarm")
    args = parser.parse_args()
    rows = [
        json.loads(line)
        for line in (ROOT / "tests/data/names_dev.jsonl").read_text("utf-8").splitlines()
    ]
    docs: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if args.split in ("all", row["split"]):
            docs[row["doc"]].append(row)
    tp = fp = fn = clean = false_alarms = 0
    for doc_rows in docs.values():
        segments = [
            Segment(
                r["id"], r["en"], r["zh"], None, None, "copy" if r["kind"] == "speaker" else "1-1"
            )
            for r in doc_rows
        ]
        ctx = CheckContext(names=harvest_names(segments))
        for row, segment in zip(doc_rows, segments, strict=True):
            if row["kind"] != "pair":
                continue
            findings = list(entities.check_segment(segment, ctx))
            if row["errors"]:
                tp += bool(findings)
                fn += not findings
                if not findings and args.show:
                    print(f"MISS  {row['id']} {row['en']!r} -> {row['zh']!r}")
            else:
                clean += 1
                fp += bool(findings)
                false_alarms += bool(findings)
            if findings and args.show:
                for f in findings:
                    mark = "HIT " if row["errors"] else "FALSE"
                    print(f"{mark} {row['id']} {f.severity}: {f.message}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"ENT ({args.split}): P={precision:.2f} R={recall:.2f} (tp={tp} fp={fp} fn={fn}); "
        f"false alarms on {false_alarms}/{clean} error-free pairs ({false_alarms / max(clean, 1):.1%})"
    )


if __name__ == "__main__":
    main()
