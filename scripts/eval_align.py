"""Link F1 of the aligner on noisy two-file input built from an interleaved transcript.

    python3 scripts/eval_align.py [TRANSCRIPT ...] [--seeds 5]

For each seed, ``tests/support/align_synthetic.py`` deletes ~8% of the Chinese lines, merges 5% of
adjacent pairs, splits 4% and inserts two unrelated lines; the gold links are known by
construction. Prints precision, recall and F1 per seed and their mean. The shipped glossary's term
pairs are anchors unless ``--no-glossary``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from align_synthetic import corrupt, link_scores, predicted_links, units_from_document  # noqa: E402

from auditor.align import align_document  # noqa: E402
from auditor.formats import read_document  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "transcripts", nargs="*", default=[str(ROOT / "samples/astera_q1_2025_bilingual.txt")]
    )
    parser.add_argument("--seeds", type=int, default=5, help="noisy versions per transcript")
    parser.add_argument(
        "--no-glossary", action="store_true", help="align without the shipped termbase's anchors"
    )
    args = parser.parse_args(argv)
    termbase = None
    if not args.no_glossary:
        from glossary import load_termbase

        termbase = load_termbase()
    f1s = []
    for path in args.transcripts:
        units = units_from_document(read_document(path, "interleaved"))
        for seed in range(args.seeds):
            noisy = corrupt(units, seed)
            start = time.perf_counter()
            segments = align_document(noisy.document(), termbase)
            elapsed = time.perf_counter() - start
            p, r, f1 = link_scores(noisy.links, predicted_links(segments))
            f1s.append(f1)
            c = noisy.counts
            print(
                f"{Path(path).name} seed={seed}: P={p:.3f} R={r:.3f} F1={f1:.3f} "
                f"(pairs={c['pairs']} deleted={c['deleted']} merged={c['merged']} "
                f"split={c['split']} inserted={c['inserted']}; {elapsed:.2f}s)"
            )
    print(f"mean F1 = {statistics.mean(f1s):.4f}  min F1 = {min(f1s):.4f}  over {len(f1s)} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
