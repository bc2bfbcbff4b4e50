"""Fit the aligner's Gale–Church length model on real English/Chinese pairs.

    python3 scripts/align_fit_length.py [PAIRS.jsonl | TRANSCRIPT.txt ...]

Reads hand-checked pairs (JSONL with ``en``/``zh`` keys, such as
tests/data/astera_q1_2025_gold.jsonl, the default) or the adjacent English/Chinese pairs of
interleaved transcripts, and prints the constants ``auditor/align.py`` uses:

* ``LENGTH_RATIO`` C = sum(zh chars) / sum(en chars), non-space characters;
* ``LENGTH_VARIANCE`` S2 = mean of (zh - C * en)^2 / en, the variance per English char.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))


def _nonspace(text: str) -> int:
    return len(text) - text.count(" ")


def _pairs(path: str) -> list[tuple[str, str]]:
    if path.endswith(".jsonl"):
        text = Path(path).read_text(encoding="utf-8")
        rows = [json.loads(line) for line in text.splitlines() if line]
        return [(r["en"], r["zh"]) for r in rows if r.get("en") and r.get("zh")]
    from align_synthetic import units_from_document

    from auditor.formats import read_document

    units = units_from_document(read_document(path, "interleaved"))
    return [(u.en, u.zh) for u in units if u.en and u.zh and u.en != u.zh]


def main(argv: list[str]) -> int:
    paths = argv or [str(ROOT / "tests/data/astera_q1_2025_gold.jsonl")]
    pairs = [p for path in paths for p in _pairs(path)]
    en = [_nonspace(e) for e, _ in pairs]
    zh = [_nonspace(z) for _, z in pairs]
    ratio = sum(zh) / sum(en)
    variance = statistics.mean((z - ratio * e) ** 2 / e for e, z in zip(en, zh))
    print(f"pairs={len(pairs)}")
    print(
        f"LENGTH_RATIO = {ratio:.3f}   (mean of per-pair ratios: "
        f"{statistics.mean(z / e for e, z in zip(en, zh)):.3f})"
    )
    print(f"LENGTH_VARIANCE = {variance:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
