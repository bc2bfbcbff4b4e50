"""LOC001 (script) and LOC002 (regional vocabulary) on real sentences of the transcript."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.checks import locale
from auditor.checks.base import CheckContext
from auditor.model import Segment

ROOT = Path(__file__).resolve().parents[3]
GOLD = [
    json.loads(line)
    for line in (ROOT / "tests/data/astera_q1_2025_gold.jsonl").read_text("utf-8").splitlines()
]
TW = CheckContext(target_locale="zh-TW")
CN = CheckContext(target_locale="zh-CN")


def _check(text, ctx=TW):
    return list(locale.check_segment(Segment("s", "x", text, None, None), ctx))


def test_mainland_word_in_taiwan_text_with_span_and_suggestion():
    # From the transcript: 'Ethernet-based scale-out' -> '基於以太網的擴展'.
    text = "以支援基於 PCIe 和 UALink 的擴展、基於以太網的擴展"
    (finding,) = _check(text)
    assert finding.rule == "LOC002"
    assert text[slice(*finding.target_span)] == "以太網" and finding.expected == "乙太網路"


def test_taiwan_variants_are_not_flagged():
    # 台 (not 臺), 占 (not 佔) and 里 in 公里 are at home in Taiwanese text.
    assert _check("這些平台占營收的 10%,傳輸距離約 2 公里。") == []


def test_simplified_characters_in_taiwan_text():
    text = "我們的營收在第一季成长了 13%"
    findings = _check(text)
    assert [(f.rule, text[slice(*f.target_span)], f.expected) for f in findings] == [
        ("LOC001", "长", "長")
    ]


def test_phrase_aware_conversion_keeps_valid_characters():
    # 干擾 (interference) is right in Traditional text; a character table would say 幹.
    assert _check("訊號干擾與抖動") == []


def test_mirror_for_mainland_text():
    text = "我们的晶片营收"
    rules = [(f.rule, text[slice(*f.target_span)]) for f in _check(text, CN)]
    assert ("LOC002", "晶片") in rules
    assert [r for r in _check("我们的芯片营收", CN)] == []
    trad = _check("我们的營收", CN)
    assert [(f.rule, f.found, f.expected) for f in trad] == [("LOC001", "營", "营")]


def test_transcript_translation_only_flags_real_mainland_words():
    flagged = {f.found for pair in GOLD for f in _check(pair["zh"])}
    assert "以太網" in flagged and "信息" in flagged
    assert not flagged & {"擴展", "連接", "支持", "台", "占"}


def test_a_regional_word_that_straddles_two_words_is_none_of_them():
    """季增 (Taiwan's "up quarter over quarter") in a zh-CN text is LOC002, but not where
    the characters belong to two words: 本季|增长, "this quarter grew"."""
    from glossary import load_termbase

    cn = CheckContext(termbase=load_termbase(), target_locale="zh-CN")
    assert [f.found for f in _check("营收季增 5%,优于预期。", cn) if f.rule == "LOC002"] == ["季增"]
    assert [f for f in _check("本季增长 5%,优于预期。", cn) if f.rule == "LOC002"] == []
