"""LOC005: invisible code points a translation adds (Trojan Source and zero-width text),
on sentences written for these tests."""

from __future__ import annotations

from auditor.checks.base import CheckContext
from auditor.checks.hidden_text import check_segment, hidden_runs
from auditor.model import Segment


def _findings(source: str, target: str):
    return list(check_segment(Segment("s1", source, target, None, None), CheckContext()))


def test_a_right_to_left_override_is_critical_with_its_span():
    target = "第二季營收為\u202e元美億 2.1\u202c。"
    [first, second] = _findings("Second-quarter revenue was $120 million.", target)
    assert first.rule == "LOC005" and first.severity == "critical"
    assert first.target_span == (6, 7) and target[6] == "\u202e"
    assert "RIGHT-TO-LEFT OVERRIDE (U+202E)" in first.message and "displayed" in first.message
    assert first.found == "U+202E" and first.expected == ""
    assert second.target_span == (target.index("\u202c"), target.index("\u202c") + 1)


def test_zero_width_characters_are_major_and_a_run_is_one_finding():
    target = "晶片出貨量\u200b\u200d成長了兩倍。"
    [finding] = _findings("Chip shipments tripled.", target)
    assert finding.severity == "major"
    assert finding.target_span == (5, 7)
    assert finding.found == "U+200B U+200D"
    assert "ZERO WIDTH SPACE (U+200B), ZERO WIDTH JOINER (U+200D)" in finding.message


def test_invisible_characters_outside_the_format_category_count_too():
    [soft, filler] = _findings("Gross margin was 75%.", "毛利\u00ad率為 75%\u3164。")
    assert soft.found == "U+00AD" and filler.found == "U+3164"


def test_characters_the_source_has_are_carried_over_not_added():
    source = "The product name is Aries\u200b6 in the datasheet."
    assert _findings(source, "產品名稱在規格書中為 Aries\u200b6。") == []
    # one the source lacks is still reported
    assert [f.found for f in _findings(source, "產品名稱\u2066在規格書中為 Aries\u200b6。")] == [
        "U+2066"
    ]


def test_clean_translations_and_visible_punctuation_are_silent():
    assert _findings("Revenue rose 13% quarter over quarter.", "營收季增 13%。") == []
    assert _findings("Thanks, everyone.", "謝謝大家——再見…「好」") == []
    assert list(hidden_runs("全形空格\u3000與一般空格 ", "")) == []


def test_check_reports_the_rule_through_the_command(tmp_path, capsys):
    from auditor.cli import main

    path = tmp_path / "pairs.jsonl"
    path.write_text(
        '{"en": "Revenue was $5 million.", "zh": "營收為 500 萬\u202e美元。"}\n', encoding="utf-8"
    )
    assert main(["check", str(path), "--select", "LOC005", "--format", "jsonl"]) == 1
    out = capsys.readouterr().out
    assert '"rule": "LOC005"' in out and '"severity": "critical"' in out
