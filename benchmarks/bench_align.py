"""Time and peak memory of the aligner on 1,000, 10,000 and 100,000 noisy pairs.

    python3 benchmarks/bench_align.py [--sizes 1000 10000 100000]

The input is the seed transcript's pairs repeated to the size wanted, then damaged as in
the F1 evaluation (8% of Chinese lines deleted, 5% of pairs merged, 4% split, unrelated
lines inserted) and aligned as two files. Each size runs in a fresh child process so its
peak resident memory (ru_maxrss) is its own; the figure before aligning is the input alone.
Growth should be linear: the search keeps a fixed-width window per anti-diagonal.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "astera_q1_2025_bilingual.txt"


def _child(size: int) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "support"))
    from align_synthetic import (
        corrupt,
        link_scores,
        predicted_links,
        scaled_units,
        units_from_document,
    )

    from auditor.align import align_document
    from auditor.formats import read_document

    units = scaled_units(units_from_document(read_document(str(SEED), "interleaved")), size)
    noisy = corrupt(units, seed=size, insert=max(2, size // 500))
    document = noisy.document()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    cpu_start = time.process_time()
    segments = align_document(document)
    cpu = time.process_time() - cpu_start
    wall = time.perf_counter() - start
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _, _, f1 = link_scores(noisy.links, predicted_links(segments))
    print(
        json.dumps(
            {
                "size": size,
                "en": len(noisy.en),
                "zh": len(noisy.zh),
                "wall": wall,
                "cpu": cpu,
                "rss_before_kb": rss_before,
                "rss_peak_kb": rss_peak,
                "f1": f1,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return 0
    print(
        f"{'pairs':>8} {'en':>7} {'zh':>7} {'wall s':>8} {'cpu s':>8} {'us/pair':>8} "
        f"{'input MB':>9} {'peak MB':>8} {'align MB':>9} {'F1':>6}"
    )
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        before, peak = r["rss_before_kb"] / 1024, r["rss_peak_kb"] / 1024
        print(
            f"{r['size']:>8} {r['en']:>7} {r['zh']:>7} {r['wall']:>8.2f} {r['cpu']:>8.2f} "
            f"{1e6 * r['cpu'] / r['size']:>8.1f} {before:>9.1f} {peak:>8.1f} "
            f"{peak - before:>9.1f} {r['f1']:>6.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
