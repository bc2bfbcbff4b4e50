"""Reading speed and peak memory of every input format on a large file.

    python3 benchmarks/bench_formats.py [--pairs 100000]

The gold pairs of the sample transcript are repeated to the number wanted and written in
each format with :func:`auditor.formats.writers.write_pairs`; each file is then read in a
fresh child process, so the peak resident memory (ru_maxrss) printed is that reader's own
(the interpreter and package alone take about 30 MB).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "astera_q1_2025_gold.jsonl"
sys.path.insert(0, str(ROOT))

FILES = {
    "tsv": "pairs.tsv",
    "csv": "pairs.csv",
    "jsonl": "pairs.jsonl",
    "tmx": "pairs.tmx",
    "xliff": "pairs.xlf",
    "xliff2": "pairs.v2.xlf",
}


def _child(path: str) -> None:
    from auditor.formats import read_document

    start = time.perf_counter()
    doc = read_document(path)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pairs": len(doc.pairs), "seconds": seconds, "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    from auditor.formats.writers import write_pairs

    rows = [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    pairs = [(rows[i % len(rows)]["en"], rows[i % len(rows)]["zh"]) for i in range(args.pairs)]
    print(f"{args.pairs} pairs per file")
    print(f"{'format':8} {'MB':>7} {'write s':>8} {'read s':>7} {'MB/s':>6} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, name in FILES.items():
            path = Path(tmp) / name
            start = time.perf_counter()
            with path.open("w", encoding="utf-8", newline="") as fh:
                write_pairs(pairs, fh, fmt)
            written = time.perf_counter() - start
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out)
            assert result["pairs"] == args.pairs, result
            size_mb = path.stat().st_size / 1e6
            print(
                f"{fmt:8} {size_mb:7.1f} {written:8.2f} {result['seconds']:7.2f} "
                f"{size_mb / result['seconds']:6.1f} {result['peak_mb']:8.0f}"
            )


if __name__ == "__main__":
    main()
