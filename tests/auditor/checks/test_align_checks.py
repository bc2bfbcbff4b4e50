"""ALN and OMI rules: on the seed transcript (no false alarms, the two real defects found)
and on made-up pairs for each way a translation can be lost or garbled."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.align import align_document
from auditor.checks.alignment import CHECKER, is_heading_like
from auditor.checks.base import CheckContext
from auditor.formats import read_document
from auditor.model import Loc, Segment

SEED = Path(__file__).parents[2] / "data" / "astera_q1_2025_bilingual.txt"


def findings(segment: Segment):
    return list(CHECKER.segment(segment, CheckContext()))


def seg(source, target, kind="1-1", score=0.99) -> Segment:
    return Segment(
        "s0001",
        source,
        target,
        Loc("en.txt", 7, 7) if source is not None else None,
        Loc("zh.txt", 9, 9) if target is not None else None,
        kind,
        score,
    )


@pytest.fixture(scope="module")
def seed_findings():
    segments = align_document(read_document(str(SEED), "interleaved"))
    return {
        s.source_loc.first if s.source_loc else -s.target_loc.first: (s, findings(s))
        for s in segments
    }


def test_rules_are_documented():
    codes = [r.code for r in CHECKER.rules]
    assert codes == ["ALN001", "ALN002", "ALN003", "ALN004", "OMI001"]
    for rule in CHECKER.rules:
        assert rule.what and rule.why and rule.example and rule.mqm
    assert {r.code: r.severity for r in CHECKER.rules} == {
        "ALN001": "major",
        "ALN002": "minor",
        "ALN003": "minor",
        "ALN004": "major",
        "OMI001": "major",
    }


def test_seed_transcript_omissions_found_without_false_alarms(seed_findings):
    omission = {
        line: [f for f in found if f.category == "omission"]
        for line, (_, found) in seed_findings.items()
    }
    flagged = {line for line, found in omission.items() if found}
    # Line 80: the translation stops mid-clause, re-starting 無縫. Nothing else is
    # flagged by the whole-pair rules (line 22's stray fragment is OMI003's: see
    # tests/test_omissions.py).
    assert flagged == {80}
    truncated = omission[80][0]
    segment = seed_findings[80][0]
    assert truncated.rule == "OMI001" and truncated.severity == "major"
    assert segment.target[slice(*truncated.target_span)] == truncated.found == "無縫"


def test_seed_chinese_only_lines_are_aln002_and_speaker_copies_are_silent(seed_findings):
    chinese_only = [found for line, (_, found) in seed_findings.items() if line < 0]
    assert len(chinese_only) == 5
    assert all([f.rule for f in found] == ["ALN002"] for found in chinese_only)
    copies = [found for s, found in seed_findings.values() if s.align_type == "copy"]
    assert len(copies) == 60 and not any(copies)


def test_english_line_without_translation_is_major_unless_a_heading():
    [finding] = findings(
        seg("Revenue grew 13% from the prior quarter, driven by Aries.", None, "1-0")
    )
    assert finding.rule == "ALN001" and finding.severity == "major"
    assert "line 7" in finding.message
    [heading] = findings(seg("Question-and-Answer Session", None, "1-0"))
    assert heading.rule == "ALN001" and heading.severity == "minor"


def test_chinese_line_without_english_is_aln002():
    [finding] = findings(seg(None, "使用警語:中文譯文來源為 Google 翻譯,僅供參考", "0-1"))
    assert finding.rule == "ALN002" and "line 9" in finding.message
    assert finding.target_span == (0, 27)


def test_only_low_confidence_merges_and_splits_are_aln003():
    en = "Thank you. Our next question comes from the line of Harlan Sur with JPMorgan."
    zh = "謝謝。我們的下一個問題來自摩根大通的 Harlan Sur。"
    assert [f.rule for f in findings(seg(en, zh, "2-1", 0.3))] == ["ALN003"]
    assert [f.rule for f in findings(seg(en, zh, "1-2", 0.45))] == ["ALN003"]
    assert findings(seg(en, zh, "2-1", 0.9)) == []
    assert findings(seg(en, zh, "1-1", 0.3)) == []


def test_untranslated_sentence_is_aln004_but_names_and_headings_are_not():
    sentence = "We continue to see strong demand for our PCIe 6 retimers across many platforms."
    [finding] = findings(seg(sentence, sentence, "copy", 1.0))
    assert finding.rule == "ALN004" and finding.severity == "major"
    for name in (
        "Operator",
        "Jitendra Mohan - Chief Executive Officer, Director",
        "Question-and-Answer Session",
        "Blayne Curtis, Jefferies.",
    ):
        assert findings(seg(name, name, "copy", 1.0)) == [], name
        assert is_heading_like(name)
    # An English target that is not a copy but still English prose.
    [other] = findings(seg(sentence, "We keep seeing strong demand for the PCIe 6 retimers."))
    assert other.rule == "ALN004"


def test_truncated_translation_is_omi001():
    en = "Revenue grew 13% from the prior quarter, driven by strong demand for our Aries retimers."
    zh = "營收較上一季成長 13%,這得益於對我們的"
    [finding] = findings(seg(en, zh))
    assert finding.rule == "OMI001" and "mid-sentence" in finding.message
    assert zh[slice(*finding.target_span)] == finding.found
    # The same translation with its ending is fine, even without its full stop.
    assert (
        findings(seg(en, "營收較上一季成長 13%,這得益於對我們的 Aries 重定時器的強勁需求。")) == []
    )
    assert (
        findings(seg(en, "營收較上一季成長 13%,這得益於市場對我們的 Aries 重定時器的強勁需求"))
        == []
    )
    # A short line without its full stop is not a truncation.
    assert findings(seg("Thank you very much, Amy.", "非常感謝你,艾米")) == []


def test_translation_looping_on_a_fragment_is_omi001():
    en = "We expect gross margins to trend towards 70% over the long term."
    zh = "我們預計長期毛利率將趨向於 70%,趨向於趨向於趨向於趨向於。"
    [finding] = findings(seg(en, zh))
    assert finding.rule == "OMI001" and finding.found == "趨向於"
    assert "repeating" in finding.message
    start, end = finding.target_span
    assert zh[start:end] == "趨向於" * 4
    # Repeated digits are a number, not a loop.
    assert findings(seg("The total was 10,000 units.", "總數為 10000")) == []
    # Measured after the closing punctuation, whatever it is; twice is not a loop.
    for tail in ("", "」。 ", "！\u3000", "…"):
        zh = f"我們預計毛利率將會增長增長增長增長{tail}"
        [finding] = findings(seg(en, zh))
        assert finding.found == "增長" and zh[slice(*finding.target_span)] == "增長" * 4
        twice = findings(seg(en, f"我們預計毛利率將會持續增長增長{tail}"))
        assert not any("repeating" in f.message for f in twice)
    [finding] = findings(seg(en, "我們預計毛利率將會的的的的。"))
    assert finding.found == "的" and finding.target_span == (9, 13)


def test_replacement_characters_are_omi001():
    en = "Our Taurus product family also demonstrated strong growth."
    zh = "我們的 Taurus 產品系列也表現出強勁的成長\ufffd\ufffd"
    [finding] = findings(seg(en, zh))
    assert finding.rule == "OMI001" and zh[slice(*finding.target_span)] == "\ufffd"


def test_far_too_short_translation_is_omi001():
    en = (
        "Gross margins for the quarter were 74.9%, up 90 basis points from the prior quarter, "
        "driven by a favorable product mix and strong hardware sales across the board."
    )
    [finding] = findings(seg(en, "毛利率為 74.9%。"))
    assert finding.rule == "OMI001" and "far shorter" in finding.message
    # A short but plausible translation of a short source is left alone.
    assert findings(seg("Thank you, Amy.", "謝謝。")) == []
