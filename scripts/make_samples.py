"""Write the sample transcript in every input format the auditor reads, into samples/.

The pairs are the 134 hand-checked English/Chinese pairs of
tests/data/astera_q1_2025_gold.jsonl (the Astera Labs Q1 2025 call, Google-translated into
Traditional Chinese, defects included), each carrying its gold id. Run from the repo root:

    python3 scripts/make_samples.py

and commit the outputs; tests/auditor/formats/test_formats_samples.py checks that each one reads back to
the same pairs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.formats.writers import write_pairs  # noqa: E402

GOLD = ROOT / "tests" / "data" / "astera_q1_2025_gold.jsonl"
STEM = "astera_q1_2025"

#: sample file name -> pair format (``xliff`` is XLIFF 1.2).
OUTPUTS: dict[str, str] = {
    f"{STEM}.tsv": "tsv",
    f"{STEM}.csv": "csv",
    f"{STEM}.jsonl": "jsonl",
    f"{STEM}.tmx": "tmx",
    f"{STEM}.xlf": "xliff",
    f"{STEM}.v2.xlf": "xliff2",
}
#: The same pairs with the translation in Simplified Chinese (mainland usage), as XLIFF
#: declaring ``target-language="zh-CN"``: converted with OpenCC ``tw2sp``, the conversion
#: ``auditor glossary fill-cn`` proposes zh-CN renderings with.
ZH_CN_XLIFF = f"{STEM}.zh-CN.xlf"
#: The two-file form: one line per pair in each.
PARALLEL = (f"{STEM}.en.txt", f"{STEM}.zh.txt")


def gold_pairs() -> list[dict[str, str]]:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


#: The excerpt: the transcript's opening (Chinese-only summary, disclaimer, speaker lines and
#: the first EXCERPT_PAIRS pairs) interleaved, and the same pairs in the other formats.
EXCERPT_PAIRS = 40
EXCERPT_DIR = "excerpt"
TRANSCRIPT = ROOT / "samples" / f"{STEM}_bilingual.txt"


def write_excerpt(out_dir: Path, rows: list[dict]) -> None:
    chosen = sorted(rows, key=lambda row: row["en_line"])[:EXCERPT_PAIRS]
    last_line = max(row["zh_line"] for row in chosen)
    lines = TRANSCRIPT.read_text(encoding="utf-8").splitlines()[:last_line]
    target = out_dir / EXCERPT_DIR
    target.mkdir(parents=True, exist_ok=True)
    (target / "excerpt_bilingual.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pairs = [(row["en"], row["zh"]) for row in chosen]
    for name, fmt in {"excerpt.tsv": "tsv", "excerpt.tmx": "tmx", "excerpt.xlf": "xliff"}.items():
        with (target / name).open("w", encoding="utf-8", newline="") as fh:
            write_pairs(
                pairs,
                fh,
                fmt,
                extras=[{"id": row["id"]} for row in chosen],
                target_lang="zh-TW",
                original="excerpt_bilingual.txt",
            )
    for name, side in (("excerpt.en.txt", 0), ("excerpt.zh.txt", 1)):
        with (target / name).open("w", encoding="utf-8", newline="") as fh:
            fh.writelines(pair[side] + "\n" for pair in pairs)


def main(out_dir: Path = ROOT / "samples") -> None:
    rows = gold_pairs()
    pairs = [(row["en"], row["zh"]) for row in rows]
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, fmt in OUTPUTS.items():
        with (out_dir / name).open("w", encoding="utf-8", newline="") as fh:
            write_pairs(
                pairs,
                fh,
                fmt,
                extras=[{"id": row["id"]} for row in rows],
                target_lang="zh-TW",
                original=f"{STEM}_bilingual.txt",
            )
    import opencc

    to_mainland = opencc.OpenCC("tw2sp")
    with (out_dir / ZH_CN_XLIFF).open("w", encoding="utf-8", newline="") as fh:
        write_pairs(
            [(en, to_mainland.convert(zh)) for en, zh in pairs],
            fh,
            "xliff",
            extras=[{"id": row["id"]} for row in rows],
            target_lang="zh-CN",
            original=f"{STEM}_bilingual.txt",
        )
    for name, side in zip(PARALLEL, (0, 1)):
        with (out_dir / name).open("w", encoding="utf-8", newline="") as fh:
            fh.writelines(pair[side] + "\n" for pair in pairs)
    write_excerpt(out_dir, rows)
    print(f"wrote {len(OUTPUTS) + len(PARALLEL) + 1} files of {len(pairs)} pairs to {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "samples")
