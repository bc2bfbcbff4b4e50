"""Confidence on omission findings: in the reports, in --fail-on --min-confidence (gathered
and streamed checks), and kept by the review session store (old session files too)."""

from __future__ import annotations

import json
import sqlite3

import jsonschema
import pytest

from auditor.cli import main
from auditor.pipeline import audit
from auditor.report.json_report import load_schema
from auditor.session import Session

# Written for these tests: a dropped sentence with two figures (OMI002, with NUM001 for
# each figure too), a stray fragment (OMI003), and a whole translation.
PAIRS = """\
Revenue for the quarter was $412.6 million, up 18% sequentially. Automotive revenue was $58 million, down 6% from the prior quarter. We expect the data center business to keep growing.
本季營收為 4.126 億美元,季增 18%。我們預計資料中心業務將持續成長。
Thermal resistance from junction to case is 0.35 °C/W. A heat sink is recommended for ambient temperatures above 70°C.
接面至外殼的熱阻為 0.35 °C/W。散熱器。建議在環境溫度高於 70°C 時使用散熱器。
Thank you for joining us today.
感謝您今天加入我們。
"""


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text(PAIRS, encoding="utf-8")
    return path


def test_json_report_carries_confidence_only_on_omission_findings(source, tmp_path):
    out = tmp_path / "r.json"
    assert main(["check", str(source), "--format", "json", "-o", str(out), "-q"]) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema(), cls=jsonschema.Draft202012Validator)
    findings = [f for seg in data["segments"] for f in seg["findings"]]
    rules = {f["rule"]: f for f in findings}
    # both views: the sentence's omission and each missing figure
    assert {"OMI002", "OMI003", "NUM001"} <= set(rules)
    assert rules["OMI002"]["severity"] == "critical" and rules["OMI002"]["confidence"] > 0.9
    assert 0.5 <= rules["OMI003"]["confidence"] <= 1.0
    assert all("confidence" not in f for f in findings if not f["rule"].startswith("OMI00"))


def test_a_report_without_confidence_stays_valid():
    schema = load_schema()
    report = {
        "rule": "NUM001",
        "category": "number",
        "severity": "major",
        "mqm": "Accuracy",
        "message": "m",
        "source_span": None,
        "target_span": None,
        "expected": None,
        "found": None,
    }
    finding_schema = {"$defs": schema["$defs"], **schema["$defs"]["finding"]}
    jsonschema.validate(report, finding_schema, cls=jsonschema.Draft202012Validator)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {**report, "confidence": 1.5}, finding_schema, cls=jsonschema.Draft202012Validator
        )


def test_text_jsonl_and_sarif_show_the_confidence(source, tmp_path, capsys):
    main(["check", str(source), "--select", "OMI", "--fail-on", "never", "-q"])
    text = capsys.readouterr().out
    assert "OMI003 minor" in text and "[confidence 0.95]" in text
    main(["check", str(source), "--select", "OMI", "--format", "jsonl", "--fail-on", "never", "-q"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {line["rule"]: line["confidence"] for line in lines}["OMI003"] == 0.95
    out = tmp_path / "r.sarif"
    main(
        [
            "check",
            str(source),
            "--select",
            "OMI",
            "--format",
            "sarif",
            "-o",
            str(out),
            "-q",
            "--fail-on",
            "never",
        ]
    )
    results = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert min(r["properties"]["confidence"] for r in results) >= 0.9


@pytest.mark.parametrize("fmt", ["text", "jsonl"])  # gathered, and streamed
def test_min_confidence_gates_fail_on(source, fmt, capsys):
    base = ["check", str(source), "--select", "OMI003", "--format", fmt, "-q", "--fail-on", "minor"]
    assert main(base) == 1
    assert main([*base, "--min-confidence", "0.9"]) == 1  # 0.95: sure enough
    assert main([*base, "--min-confidence", "0.99"]) == 0
    # findings without a confidence always count
    assert (
        main(
            [
                "check",
                str(source),
                "--select",
                "NUM001",
                "--format",
                fmt,
                "-q",
                "--fail-on",
                "major",
                "--min-confidence",
                "1",
            ]
        )
        == 1
    )
    capsys.readouterr()


def test_min_confidence_outside_0_1_is_a_usage_error(source, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", str(source), "--min-confidence", "1.5"])
    assert exc.value.code == 2
    assert "between 0 and 1" in capsys.readouterr().err


def test_session_keeps_confidence_and_old_sessions_open(source, tmp_path):
    report = audit(str(source))
    path = tmp_path / "s.audit.sqlite"
    with Session.create(path, report) as session:
        loaded = [f for view in session.load() for f in view.findings]
    by_rule = {f.rule: f.confidence for f in loaded}
    assert by_rule["OMI003"] == 0.95 and by_rule["NUM001"] is None
    # a session file written before findings had a confidence
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE findings DROP COLUMN confidence")
    conn.close()
    out = tmp_path / "old.json"  # read-only: exported as it is, without confidences
    assert main(["report", str(path), "--format", "json", "-o", str(out)]) == 0
    exported = [
        f
        for seg in json.loads(out.read_text(encoding="utf-8"))["segments"]
        for f in seg["findings"]
    ]
    assert {f["rule"] for f in exported} == set(by_rule)
    assert not any("confidence" in f for f in exported)
    with Session.open(path) as session:  # adds the column, keeps every finding
        loaded = [f for view in session.load() for f in view.findings]
    assert {f.rule for f in loaded} == set(by_rule)
    assert all(f.confidence is None for f in loaded)
