"""Bounded findings: an identical finding once, and past --max-per-rule findings of one rule
in a segment one summary finding with the count, the same in every report path."""

from __future__ import annotations

import json

from auditor.cli import main
from auditor.engine.batch import check_batch
from auditor.engine.bounded import bounded
from auditor.model import Finding, Segment
from auditor.options import AuditOptions, Selection
from auditor.pipeline import context_for, load_termbase


def _finding(rule: str, at: int, severity: str = "major", message: str = "m") -> Finding:
    return Finding(rule, "term", severity, "Terminology/Wrong term", message, None, (at, at + 3))


def test_identical_findings_are_kept_once_in_their_order():
    a, b = _finding("TERM002", 0), _finding("NUM003", 5)
    assert bounded([a, b, a, b, a]) == (a, b)
    # the same rule and message at another span is another finding
    assert bounded([a, _finding("TERM002", 9)]) == (a, _finding("TERM002", 9))


def test_past_the_limit_one_summary_with_the_count_and_the_worst_severity():
    many = [_finding("TERM002", k * 4) for k in range(7)] + [_finding("TERM002", 99, "critical")]
    other = _finding("NUM003", 200)
    out = bounded([*many[:4], other, *many[4:]], limit=3)
    assert [f.rule for f in out] == ["TERM002"] * 4 + ["NUM003"]
    summary = out[3]
    assert summary.message.startswith("5 more TERM002 findings in this segment")
    assert summary.severity == "critical" and summary.target_span is None
    assert bounded(many, limit=0) == tuple(many)  # 0: every finding


def _flooded_pair() -> tuple[str, str]:
    english = " ".join(f"Unit {k} ships with the gearbox." for k in range(1, 31))
    chinese = "".join(f"第 {k} 台裝置隨附變速箱。" for k in range(1, 31))
    return english, chinese


def test_check_batch_bounds_a_flooded_segment():
    english, chinese = _flooded_pair()
    options = AuditOptions(max_per_rule=5)
    ctx = context_for(frozenset(), options, load_termbase(options))
    segment = Segment("s1", english, chinese, None, None)
    [found] = check_batch([segment], ctx, Selection(("TERM002",))).findings
    assert len(found) == 6
    assert found[-1].message.startswith("25 more TERM002 findings")


def test_the_gathered_and_the_streamed_reports_agree(tmp_path, capsys):
    english, chinese = _flooded_pair()
    path = tmp_path / "flood.jsonl"
    path.write_text(
        json.dumps({"en": english, "zh": chinese}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    args = ["check", str(path), "--select", "TERM002", "--max-per-rule", "4", "-q"]
    assert main([*args, "--format", "jsonl"]) == 1  # streamed
    streamed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main([*args, "--format", "markdown"]) == 1  # gathered into a Report
    gathered = capsys.readouterr().out
    assert len(streamed) == 5 and streamed[-1]["message"].startswith("26 more TERM002 findings")
    assert "26 more TERM002 findings" in gathered
    assert main([*args[:-1], "--max-per-rule", "0", "--format", "jsonl"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 30
