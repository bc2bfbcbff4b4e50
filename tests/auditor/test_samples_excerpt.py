"""The bundled excerpt reads the same in every format, and its interleaved form aligns."""

import json
from pathlib import Path

import pytest

from auditor.align import align_document
from auditor.formats import read_document, read_parallel

EXCERPT = Path(__file__).resolve().parents[2] / "samples" / "excerpt"
GOLD = Path(__file__).resolve().parents[1] / "data" / "astera_q1_2025_gold.jsonl"


def _gold_pairs() -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    rows.sort(key=lambda row: row["en_line"])
    return [(row["en"], row["zh"]) for row in rows[:40]]


def _pairs(segments) -> list[tuple[str, str]]:
    return [
        (s.source, s.target) for s in segments if s.source and s.target and s.align_type != "copy"
    ]


@pytest.mark.parametrize(
    "name", ["excerpt.tsv", "excerpt.tmx", "excerpt.xlf", "excerpt_bilingual.txt"]
)
def test_each_format_gives_the_forty_gold_pairs(name):
    segments = align_document(read_document(str(EXCERPT / name)))
    assert _pairs(segments) == _gold_pairs()


def test_interleaved_excerpt_keeps_summary_disclaimer_and_speakers_apart():
    segments = align_document(read_document(str(EXCERPT / "excerpt_bilingual.txt")))
    chinese_only = [s for s in segments if s.source is None]
    assert len(chinese_only) == 5  # four summary lines and the MT disclaimer
    assert any("Google" in (s.target or "") for s in chinese_only)
    copies = [s for s in segments if s.align_type == "copy"]
    assert copies and all(s.source == s.target for s in copies)
    assert copies[0].source == "Operator"


def test_two_file_excerpt_aligns_to_the_same_pairs():
    doc = read_parallel(str(EXCERPT / "excerpt.en.txt"), str(EXCERPT / "excerpt.zh.txt"))
    assert _pairs(align_document(doc)) == _gold_pairs()
