#!/usr/bin/env python3
"""Figures for the number and unit checks on the dev gold, and on an injected-error set.

usage: python3 scripts/eval_numbers.py [--gold tests/data/astera_q1_2025_gold.jsonl] [--verbose]

Prints:
1. pair-level precision / recall for number+unit errors (the NU group of the dev-gold
   score.py: a pair is flagged when a finding of category number or unit is on it) and the
   false alarms on pairs with no gold error at all; computed by calling the checker on each
   gold pair directly (same metric as score.py, without the CLI and aligner);
2. how many of the annotator's readings (the gold ``numbers`` field) the extractors read
   with the same value;
3. recall on errors injected by code into the gold's correct pairs: gigabit→gigabyte,
   萬↔億 shifts, a dropped unit, a changed digit, a year read as a duration, a quarter shifted.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.checks.base import CheckContext  # noqa: E402
from auditor.checks.numbers import CHECKER  # noqa: E402
from auditor.model import Loc, Segment  # noqa: E402
from auditor.numbers import extract_chinese, extract_english  # noqa: E402

NU = {"number", "unit"}
CTX = CheckContext()


def load(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def nu_flagged(en: str, zh: str) -> list:
    seg = Segment("x", en, zh, Loc("gold", 1, 1), Loc("gold", 2, 2))
    assert CHECKER.segment is not None
    return [f for f in CHECKER.segment(seg, CTX) if f.category in NU]


def pair_metrics(gold: list[dict], verbose: bool) -> dict[str, float]:
    tp = fp = fn = 0
    clean = alarms = 0
    for g in gold:
        want = any(e["type"] in NU for e in g["errors"])
        found = nu_flagged(g["en"], g["zh"])
        got = bool(found)
        tp += want and got
        fp += got and not want
        fn += want and not got
        if not g["errors"]:
            clean += 1
            alarms += got
        if verbose and (got or want):
            tag = "TP" if want and got else "FP" if got else "FN"
            print(f"  {tag} {g['id']}: " + "; ".join(f"{f.rule} {f.message}" for f in found))
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    print(f"dev gold NU: P={p:.2f} R={r:.2f} (tp={tp} fp={fp} fn={fn})")
    print(
        f"dev gold: no number/unit finding on {clean - alarms}/{clean} pairs with no error "
        f"({(clean - alarms) / max(1, clean):.1%})"
    )
    return {"precision": p, "recall": r, "clean_rate": (clean - alarms) / max(1, clean)}


def oracle(gold: list[dict], verbose: bool) -> float:
    """Share of the annotator's English readings that the extractor reads with the same value."""
    total = hit = 0
    for g in gold:
        qs = extract_english(g["en"]) + []
        for n in g["numbers"]:
            v = n["en_value"]
            if v is None or not n["en"]:
                continue
            total += 1
            where = g["en"].find(n["en"])
            ok = False
            for q in qs:
                if where >= 0 and (q.end <= where or q.start >= where + len(n["en"])):
                    continue
                vals = {q.value, q.lo, q.hi}
                if v in vals or (q.lo is not None and q.hi is not None and q.lo <= v <= q.hi):
                    ok = True
                    break
            hit += ok
            if verbose and not ok:
                print(f"  oracle miss {g['id']}: {n['en']!r} = {v}")
    zh_total = zh_hit = 0
    for g in gold:
        qs = extract_chinese(g["zh"])
        for n in g["numbers"]:
            v = n["zh_value"]
            if v is None or not n["zh"] or not re.search(r"\d", n["zh"]):
                continue
            zh_total += 1
            zh_hit += any(
                v in {q.value, q.lo, q.hi}
                or (q.period == "year2" and q.value == 2000 + v)
                or (q.dimension == "duration" and q.value == v)
                for q in qs
            )
    print(
        f"gold readings: English {hit}/{total} read with the annotator's value; "
        f"Chinese (digit forms) {zh_hit}/{zh_total}"
    )
    return hit / max(1, total)


# --- injected errors -------------------------------------------------------------------------

Mutation = Callable[[str], Iterator[str]]


def _each(pattern: str, repl: Callable[[re.Match[str]], str]) -> Mutation:
    rx = re.compile(pattern)

    def gen(zh: str) -> Iterator[str]:
        for m in rx.finditer(zh):
            new = repl(m)
            if new != m.group():
                yield zh[: m.start()] + new + zh[m.end() :]

    return gen


def _digit_change(m: re.Match[str]) -> str:
    s = m.group()
    idx = max(i for i, c in enumerate(s) if c.isdigit())
    return s[:idx] + str((int(s[idx]) + 1) % 10) + s[idx + 1 :]


MUTATIONS: dict[str, Mutation] = {
    # a data rate written in Chinese (千兆 / G / Gb/s) becomes gigabytes
    "gigabit->gigabyte": _each(
        r"(\d+)\s?(?:千兆位元|千兆|Gb/s|Gbps|G(?![A-Za-z]))", lambda m: f"{m.group(1)} GB"
    ),
    # 萬 ↔ 億
    "wan<->yi shift": _each(
        r"\d[\d,.]*\s?[萬億]",
        lambda m: m.group()[:-1] + ("億" if m.group().endswith("萬") else "萬"),
    ),
    # the unit after a number is dropped or replaced with a counter
    "dropped unit": _each(
        r"(\d[\d,.]*\s?[萬億]?)\s?(?:美元|%|千兆|倍|天|股)", lambda m: f"{m.group(1)} 個"
    ),
    # one digit of a figure changes (not years)
    "changed digit": _each(
        r"\d[\d,]*(?:\.\d+)?(?=\s?(?:[萬億]|美元|%|倍|天|股|千兆|個))", _digit_change
    ),
    # a year read as a length of time
    "year->duration": _each(
        r"(?:20)?(\d\d)\s?年(?![後后以內内來来度])", lambda m: f"{m.group(1)} 年後"
    ),
    # a quarter shifted
    "quarter shifted": _each(
        r"第([一二三四])季", lambda m: "第" + "二三四一"["一二三四".index(m.group(1))] + "季"
    ),
}


def injected(gold: list[dict], verbose: bool) -> float:
    base = [
        g
        for g in gold
        if not any(e["type"] in NU for e in g["errors"]) and not nu_flagged(g["en"], g["zh"])
    ]
    per: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for g in base:
        for name, mutate in MUTATIONS.items():
            for zh in mutate(g["zh"]):
                per[name] += 1
                ok = bool(nu_flagged(g["en"], zh))
                hit[name] += ok
                if verbose and not ok:
                    print(f"  missed {name} in {g['id']}: {zh[:120]}")
    total, found = sum(per.values()), sum(hit.values())
    print(
        f"injected errors ({len(base)} clean pairs): recall {found}/{total} = {found / max(1, total):.2f}"
    )
    for name in MUTATIONS:
        print(f"  {name:18} {hit[name]}/{per[name]}")
    return found / max(1, total)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "tests/data/astera_q1_2025_gold.jsonl"))
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    gold = load(Path(args.gold))
    pair_metrics(gold, args.verbose)
    oracle(gold, args.verbose)
    injected(gold, args.verbose)


if __name__ == "__main__":
    main()
