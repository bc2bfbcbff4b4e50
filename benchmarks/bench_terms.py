#!/usr/bin/env python3
"""Term matching throughput: 100,000 English/Chinese pairs against the full shipped termbase.

Pairs are the transcript's real pairs (tests/data gold file) repeated to 100,000, so the
lengths, term density and forbidden-hit rate are those of an earnings call. Prints:
- compile: building the matcher (once per termbase);
- term patterns: compiling the English-term patterns the transcript needs (on first use);
- match: English terms found in each source + their approved / forbidden / English forms
  in each target, for all the source's concepts at once as the rules ask (the matcher;
  jieba boundary checks are left to the rules, which run them only on the forbidden hits
  that survive) - the target is under 20 s on one core;
- rules: the whole TERM and ENT segment checks (ENT with the names harvested from the pairs);
- rules + collect: the segment check and TERM004's collect step right after it, on the
  same segment (what ``auditor check`` runs per segment; the collect step reuses the
  check's analysis).

Each prints CPU time and microseconds per pair (best of ``--repeat`` runs: the machine
is shared, and the best run is the one least disturbed).

usage: python3 benchmarks/bench_terms.py [--pairs N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.checks import entities, terms  # noqa: E402
from auditor.checks.base import CheckContext  # noqa: E402
from auditor.model import Segment  # noqa: E402
from auditor.names import harvest_names  # noqa: E402
from glossary import load_termbase  # noqa: E402
from glossary.compiled import compile_termbase  # noqa: E402
from glossary.matcher import FoldedText  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each loop (best one shown)")
    args = parser.parse_args()
    gold = [
        json.loads(line)
        for line in (ROOT / "tests/data/astera_q1_2025_gold.jsonl").read_text("utf-8").splitlines()
    ]
    base = [(g["en"], g["zh"]) for g in gold]
    pairs = [base[i % len(base)] for i in range(args.pairs)]
    chars = sum(len(en) + len(zh) for en, zh in pairs)

    termbase = load_termbase()
    start = time.perf_counter()
    compiled = compile_termbase(termbase).matcher
    compiled.on_boundaries("预热", 0, 1)  # load jieba once, outside the timed loop
    print(
        f"compile: {len(termbase)} concepts in {time.perf_counter() - start:.2f} s "
        "(including jieba dictionary load)"
    )

    # The English-term patterns are compiled on first use, for the first words the text
    # meets (glossary/matcher.py ``_pattern_for``): the transcript's first pass less a
    # second one is what compiling them cost.
    passes = []
    for _ in range(2):
        cpu = time.process_time()
        for en, _zh in base:
            compiled.match_source(en)
        passes.append(time.process_time() - cpu)
    print(
        f"term patterns: {len(compiled._term_res)} compiled on first use in "
        f"{passes[0] - passes[1]:.3f} s CPU"
    )

    start, cpu = time.perf_counter(), time.process_time()
    source_hits = target_hits = 0
    for en, zh in pairs:
        hits = compiled.match_source(en)
        source_hits += len(hits)
        if hits:
            found = compiled.renderings(FoldedText.of(zh), {h.concept for h in hits})
            target_hits += sum(map(len, found.values()))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"match: {len(pairs):,} pairs ({chars / 1e6:.1f} M chars) in {elapsed:.2f} s wall, "
        f"{cpu:.2f} s CPU ({len(pairs) / cpu:,.0f} pairs/CPU-s, {cpu / len(pairs) * 1e6:.0f} µs/pair); "
        f"{source_hits:,} source terms, "
        f"{target_hits:,} target renderings; target < 20 s CPU: {'PASS' if cpu < 20 else 'FAIL'}"
    )

    segments = [Segment(f"s{i}", en, zh, None, None) for i, (en, zh) in enumerate(pairs)]
    # The entity rules check the names the document introduces, as ``auditor check`` does.
    ctx = CheckContext(termbase=termbase, names=harvest_names(segments[: len(base)]))

    def rules() -> int:
        return sum(
            1
            for s in segments
            for check in (terms.check_segment, entities.check_segment)
            for _ in check(s, ctx)
        )

    def rules_and_collect() -> int:
        found = 0
        for s in segments:
            found += sum(1 for _ in terms.check_segment(s, ctx))
            found += sum(1 for _ in entities.check_segment(s, ctx))
            found += len(terms.collect_renderings(s, ctx) or ())
        return found

    for label, loop, what in (
        ("rules", rules, "findings"),
        ("rules + collect", rules_and_collect, "findings and collected renderings"),
    ):
        runs = []
        for _ in range(max(1, args.repeat)):
            start, cpu = time.perf_counter(), time.process_time()
            count = loop()
            runs.append((time.process_time() - cpu, time.perf_counter() - start))
        cpu, elapsed = min(runs)
        print(
            f"{label}: TERM/ENT of {len(pairs):,} pairs in {elapsed:.2f} s wall, "
            f"{cpu:.2f} s CPU ({cpu / len(pairs) * 1e6:.0f} µs/pair; {count:,} {what})"
        )


if __name__ == "__main__":
    main()
