"""A whole transcript pasted as ONE line (about 1 MB): the number and alignment checks
finish quickly and find what they find sentence by sentence.

The numbers check once paired every source quantity with every target quantity, which on
such a line was both quadratic in time and wrong (a '25 could pair with any 25 of the text).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from auditor.checks.alignment import CHECKER as ALIGNMENT
from auditor.checks.base import CheckContext
from auditor.checks.numbers import CHECKER as NUMBERS
from auditor.model import Loc, Segment

GOLD = Path(__file__).parents[1] / "data" / "astera_q1_2025_gold.jsonl"
LOC = Loc("long.jsonl", 1, 1)
CTX = CheckContext()
COPIES = 20  # the 134 gold pairs joined are 50 KB of English: 20 copies make 1 MB


def gold_pairs() -> list[tuple[str, str]]:
    return [
        (g["en"], g["zh"]) for g in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())
    ]


def numbers(source: str, target: str) -> list:
    assert NUMBERS.segment is not None
    return list(NUMBERS.segment(Segment("s", source, target, LOC, LOC), CTX))


def described(findings, source: str, target: str) -> Counter:
    """Each finding as (rule, source text, target text): comparable across segmentations."""

    def text(span, s):
        return s[span[0] : span[1]] if span else None

    return Counter(
        (f.rule, text(f.source_span, source), text(f.target_span, target)) for f in findings
    )


def test_one_megabyte_transcript_line_finds_what_its_sentences_find():
    pairs = gold_pairs()
    per_sentence: Counter = Counter()
    for en, zh in pairs:
        per_sentence += described(numbers(en, zh), en, zh)
    assert per_sentence  # the transcript has real number defects ('25 → 25 年, mid-20s → 25 歲)
    en = " ".join([" ".join(en for en, _ in pairs)] * COPIES)
    zh = "".join(["".join(zh for _, zh in pairs)] * COPIES)
    assert len(en.encode("utf-8")) > 1_000_000
    found = described(numbers(en, zh), en, zh)
    assert found == Counter({key: n * COPIES for key, n in per_sentence.items()})


def test_every_changed_magnitude_on_a_long_line_is_reported_where_it_is():
    en_sentence = "Revenue grew 13% to $159.4 million in the first quarter of 2025. "
    zh_sentence = "2025 年第一季營收成長 13%，達 1.594 萬美元。"  # 萬 where 億 is right
    copies = 2_000  # 130 KB: number-dense text costs more per byte (the 1 MB case is above)
    en, zh = en_sentence * copies, zh_sentence * copies
    assert len(en) > 100_000
    findings = numbers(en, zh)
    assert [f.rule for f in findings] == ["NUM003"] * copies
    assert {en[slice(*f.source_span)] for f in findings} == {"$159.4 million"}
    assert {zh[slice(*f.target_span)] for f in findings} == {"1.594 萬美元"}
    assert sorted(f.target_span[0] for f in findings) == [
        i * len(zh_sentence) + zh_sentence.index("1.594") for i in range(copies)
    ]


def test_a_long_line_cut_short_is_reported_as_truncated_at_its_end():
    pairs = gold_pairs()
    en = " ".join([" ".join(en for en, _ in pairs)] * COPIES)
    zh = "".join(["".join(zh for _, zh in pairs)] * COPIES)
    assert ALIGNMENT.segment is not None

    def truncations(target: str) -> list:
        return [
            f
            for f in ALIGNMENT.segment(Segment("s", en, target, LOC, LOC), CTX)
            if "stops mid-sentence" in f.message
        ]

    assert truncations(zh) == []
    cut = zh[:-300]
    [finding] = truncations(cut)
    assert finding.rule == "OMI001" and finding.target_span[1] == len(cut.rstrip())
