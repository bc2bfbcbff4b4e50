"""The number rules own their codes: the matcher returns typed facts, the rules give each a
code, a severity and a message that shows both texts and both readings."""

from auditor.checks.base import CheckContext
from auditor.checks.numbers import CHECKER, RULE_OF
from auditor.model import Finding, Loc, Segment
from auditor.numbers import Defect, Discrepancy, compare
from auditor.report.common import evidence


def findings(en: str, zh: str, locale: str = "zh-TW") -> list:
    seg = Segment("s", en, zh, Loc("t", 1, 1), Loc("t", 2, 2))
    return list(CHECKER.segment(seg, CheckContext(target_locale=locale)))


def test_matcher_returns_typed_facts_without_rule_codes() -> None:
    [fact] = compare("Revenue was $33 million.", "營收為 3,300 億美元。")
    assert isinstance(fact, Discrepancy) and fact.kind is Defect.VALUE_CHANGED
    assert fact.source is not None and fact.source.text == "$33 million"
    assert fact.target is not None and fact.target.text == "3,300 億美元"
    assert round(fact.factor) == 10_000


def test_every_kind_of_fact_has_a_rule() -> None:
    assert set(RULE_OF) == set(Defect)


def test_message_shows_both_texts_and_both_readings() -> None:
    [f] = findings("Revenue was $33 million.", "營收為 3,300 億美元。")
    assert f.rule == "NUM003" and f.severity == "critical"
    assert "'$33 million' → '3,300 億美元'" in f.message
    assert "33,000,000 USD ≠ 330,000,000,000 USD" in f.message
    assert "factor of 10,000" in f.message


def test_no_none_in_messages_or_evidence() -> None:
    cases = [
        ("Sales rose 13%.", "銷售成長 13%,達 15%。"),
        ("We locked in one large supplier.", "我們鎖定大型供應商。"),
        ("Revenue was $5 million and margin 40%.", "營收為 500 萬美元。"),
        ("EPS was $0.33.", "每股收益為 0.33 元。"),
    ]
    seen = 0
    for en, zh in cases:
        for f in findings(en, zh):
            seen += 1
            assert "None" not in f.message and "None" not in evidence(f)
    assert seen >= 4


def test_evidence_leaves_out_the_missing_half() -> None:
    f = Finding("NUM002", "number", "major", "Accuracy/Addition", "m", None, (0, 3), None, "15%")
    assert evidence(f) == "found 15%"
    assert evidence(f, quote=True) == "found '15%'"


def test_a_range_with_both_ends_changed_is_one_finding() -> None:
    found = findings(
        "Capex will be between $28 billion and $32 billion.",
        "資本支出將介於 290 億美元至 330 億美元之間。",
    )
    assert [f.rule for f in found] == ["NUM003"]


def test_bare_yuan_is_the_local_currency_in_a_mainland_text() -> None:
    en, zh = "Funds managed about 26 trillion yuan.", "管理基金规模约26万亿元。"
    assert findings(en, zh, "zh-CN") == []
    assert [f.rule for f in findings(en, zh, "zh-TW")] == ["UNIT003"]  # 元 reads as NT$ there
    assert [f.rule for f in findings("EPS was $0.33.", "每股收益为 0.33 元。", "zh-CN")] == [
        "UNIT003"
    ]


def test_an_age_in_years_may_be_rendered_as_a_length_in_years() -> None:
    assert (
        findings(
            "They overthrew the 2,500-year-old monarchy.", "他们推翻了 2500 年的君主制。", "zh-CN"
        )
        == []
    )
    assert [f.rule for f in findings("the deadline is in 40 days", "期限是 40 歲")] == ["UNIT002"]
