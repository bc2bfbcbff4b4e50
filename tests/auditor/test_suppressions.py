"""Suppressions that survive edits: accept a finding for the project, move lines, check
again; unused entries are named; SARIF fingerprints stay put when lines move."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.model import Finding, InputError, Segment
from auditor.pipeline import audit
from auditor.suppressions import (
    accept_for_project,
    add_suppression,
    key_of,
    load_suppressions,
    write_atomically,
)

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PAIRS = [
    ("Revenue was $159.4 million in the first quarter.", "第一季營收為 1.594 萬美元。"),
    (
        "The gearbox converts lane rates between generations.",
        "該變速箱可在不同世代之間轉換通道速率。",
    ),
    ("Shipments grew in every region.", "各地區的出貨量均有成長。"),
]
INSERTED = [
    ("Good afternoon, everyone.", "大家午安。"),
    ("Thank you for joining the call.", "感謝各位參加本次電話會議。"),
]


def write_transcript(path: Path, pairs) -> None:
    path.write_text("".join(f"{en}\n{zh}\n" for en, zh in pairs), encoding="utf-8")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "auditor.toml").write_text('select = ["NUM", "TERM"]\n', encoding="utf-8")
    (tmp_path / "translations").mkdir()
    write_transcript(tmp_path / "translations" / "call.txt", PAIRS)
    return tmp_path


def the_finding(path: Path, rule: str) -> tuple[Segment, Finding]:
    for result in audit(str(path)).results:
        for finding in result.findings:
            if finding.rule == rule:
                return result.segment, finding
    raise AssertionError(f"no {rule} finding")


def jsonl(capsys, argv) -> list[dict]:
    main([*argv, "--format", "jsonl", "-q"])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_accepted_finding_stays_suppressed_after_lines_move(project, capsys):
    call = project / "translations" / "call.txt"
    segment, finding = the_finding(call, "TERM002")
    written = accept_for_project(str(call), segment, finding, reason="the customer's own term")
    assert written == project / "auditor-suppressions.toml"
    entry = tomllib.loads(written.read_text(encoding="utf-8"))["accept"][0]
    assert entry["rule"] == "TERM002" and entry["matched"] == "變速箱"
    assert entry["path"] == "translations/call.txt" and "line" not in entry

    assert [f["rule"] for f in jsonl(capsys, ["check", str(call)])] == ["NUM003"]
    # an edit that moves every line down: the accepted finding is still accepted
    write_transcript(call, INSERTED + PAIRS)
    after = jsonl(capsys, ["check", str(call)])
    assert [(f["rule"], f["line"]) for f in after] == [("NUM003", 6)]
    assert "unused suppression" not in capsys.readouterr().err
    # --isolated ignores the project's decisions too
    assert [
        f["rule"] for f in jsonl(capsys, ["check", str(call), "--isolated", "--select", "TERM"])
    ] == ["TERM002"]


def test_a_suppression_that_no_longer_matches_is_reported(project, capsys):
    call = project / "translations" / "call.txt"
    segment, finding = the_finding(call, "TERM002")
    file = accept_for_project(str(call), segment, finding)
    # the translation is fixed: the finding is gone, so the entry matches nothing
    fixed = [PAIRS[0], (PAIRS[1][0], "該速率轉換器可在不同世代之間轉換通道速率。"), PAIRS[2]]
    write_transcript(call, fixed)
    main(["check", str(call), "--format", "json", "-o", str(project / "r.json"), "-q"])
    err = capsys.readouterr().err
    line = file.read_text(encoding="utf-8").splitlines().index("[[accept]]") + 1
    assert f"{file}:{line}: warning: unused suppression TERM002 '變速箱'" in err


def test_unused_report_judges_only_entries_of_this_input_and_of_rules_that_ran(project, capsys):
    call = project / "translations" / "call.txt"
    other = project / "translations" / "other.txt"
    write_transcript(other, [PAIRS[1]])
    segment, finding = the_finding(other, "TERM002")
    accept_for_project(str(other), segment, finding)
    main(["check", str(call), "--format", "jsonl", "-q"])  # another file of the project
    assert "unused" not in capsys.readouterr().err
    write_transcript(other, [PAIRS[2]])
    main(["check", str(other), "--select", "NUM", "--format", "jsonl", "-q"])  # TERM did not run
    assert "unused" not in capsys.readouterr().err


def test_suppressed_findings_kept_marked_in_json_and_sarif(project, capsys):
    call = project / "translations" / "call.txt"
    segment, finding = the_finding(call, "NUM003")
    accept_for_project(str(call), segment, finding, reason="restated figure, checked by finance")
    out = project / "r.json"
    code = main(["check", str(call), "--format", "json", "-o", str(out), "-q", "--keep-suppressed"])
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema = pytest.importorskip("jsonschema")
    from auditor.report.json_report import load_schema

    jsonschema.validate(report, load_schema())
    findings = [f for s in report["segments"] for f in s["findings"]]
    num = next(f for f in findings if f["rule"] == "NUM003")
    assert num["status"] == "dismissed"
    assert num["reason"] == "accepted for the project: restated figure, checked by finance"
    assert report["summary"]["by_severity"] == {
        "major": 1
    }  # the suppressed critical is not counted
    assert code == 1  # TERM002 (major) is still open
    sarif = project / "r.sarif"
    main(["check", str(call), "--format", "sarif", "-o", str(sarif), "-q", "--keep-suppressed"])
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    kept = next(r for r in results if r["ruleId"] == "NUM003")
    assert kept["suppressions"] == [{"kind": "external", "justification": num["reason"]}]
    assert "suppressions" not in next(r for r in results if r["ruleId"] == "TERM002")
    # without the flag the suppressed finding is dropped, and the exit code ignores it
    (project / "auditor.toml").write_text('select = ["NUM"]\n', encoding="utf-8")
    assert main(["check", str(call), "-q", "--format", "json", "-o", str(out)]) == 0
    assert (
        main(["check", str(call), "-q", "--format", "json", "-o", str(out), "--keep-suppressed"])
        == 0
    )


def test_sarif_fingerprint_survives_lines_inserted_above(project):
    call = project / "translations" / "call.txt"
    sarif = project / "r.sarif"

    def fingerprints() -> dict[str, str]:
        main(["check", str(call), "--isolated", "--format", "sarif", "-o", str(sarif), "-q"])
        results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
        return {
            r["ruleId"]: (
                r["partialFingerprints"]["auditorFinding/v2"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }

    before = fingerprints()
    write_transcript(call, INSERTED + PAIRS)
    after = fingerprints()
    assert before["TERM002"][1] == 4 and after["TERM002"][1] == 8  # the line moved...
    assert before["TERM002"][0] == after["TERM002"][0]  # ...the fingerprint did not
    assert before["NUM003"][0] == after["NUM003"][0]
    assert before["NUM003"][0] != before["TERM002"][0]


def test_repeated_identical_findings_get_numbered_fingerprints(tmp_path):
    call = tmp_path / "call.txt"
    write_transcript(call, [PAIRS[1], PAIRS[2], PAIRS[1]])
    sarif = tmp_path / "r.sarif"
    main(
        [
            "check",
            str(call),
            "--isolated",
            "--format",
            "sarif",
            "-o",
            str(sarif),
            "-q",
            "--select",
            "TERM002",
        ]
    )
    prints = [
        r["partialFingerprints"]["auditorFinding/v2"]
        for r in json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    ]
    assert len(prints) == 2 and prints[0].endswith(":0") and prints[1].endswith(":1")
    assert prints[0].split(":")[0] == prints[1].split(":")[0]


def test_key_ignores_lines_width_and_the_rest_of_the_translation():
    finding = Finding(
        "TERM002",
        "term",
        "major",
        "Terminology/Wrong term",
        "m",
        target_span=(1, 4),
        found="變速箱",
    )
    a = Segment("s1", "The gearbox  converts lane rates.", "該變速箱轉換速率。", None, None)
    b = Segment(
        "s9", "The ｇｅａｒｂｏｘ converts lane rates.", "該變速箱可轉換通道速率。", None, None
    )
    assert key_of(a, finding) == key_of(b, finding)
    changed = Segment("s1", "The gearbox converts lane speeds.", "該變速箱轉換速率。", None, None)
    assert key_of(changed, finding) != key_of(a, finding)


def test_adding_keeps_the_file_and_does_not_duplicate(tmp_path):
    file = tmp_path / "auditor-suppressions.toml"
    file.write_text("# our accepted findings\n", encoding="utf-8")
    segment = Segment("s1", "The gearbox converts lane rates.", "該變速箱轉換速率。", None, None)
    finding = Finding("TERM002", "term", "major", "Terminology/Wrong term", "m", target_span=(1, 4))
    assert add_suppression(file, segment, finding, path="a.txt", reason='say "yes"\nplease')
    assert not add_suppression(file, segment, finding, path="a.txt")
    text = file.read_text(encoding="utf-8")
    assert text.startswith("# our accepted findings\n") and text.count("[[accept]]") == 1
    loaded = load_suppressions(file)
    assert loaded.entries[0].reason == 'say "yes"\nplease' and loaded.entries[0].line == 3


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    file = tmp_path / "auditor-suppressions.toml"
    file.write_text("# before\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InputError, match="No space left"):
        write_atomically(file, "# after\n")
    assert file.read_text(encoding="utf-8") == "# before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["auditor-suppressions.toml"]


def test_a_broken_suppression_file_is_a_usage_error(project, capsys):
    (project / "auditor-suppressions.toml").write_text("[[accept]]\nrule = \n", encoding="utf-8")
    assert main(["check", str(project / "translations" / "call.txt")]) == 2
    assert "auditor-suppressions.toml:2: not valid TOML" in capsys.readouterr().err


def test_review_session_sees_the_project_as_check_does(project):
    """``auditor review`` audits with the same settings: the accepted finding is not
    offered again, and a session opened after lines moved still leaves it out."""
    from auditor.cli import build_parser
    from auditor.commands.review import open_session

    call = project / "translations" / "call.txt"
    segment, finding = the_finding(call, "TERM002")
    accept_for_project(str(call), segment, finding)
    write_transcript(call, INSERTED + PAIRS)
    args = build_parser().parse_args(["review", str(call), "--session", str(project / "s.sqlite")])
    session = open_session(args)
    try:
        rules = [f.rule for r in session.report().results for f in r.findings]
    finally:
        session.close()
    assert rules == ["NUM003"]


def test_a_recheck_after_a_post_edit_sees_the_project(project):
    """What the review app does after a post-edit: re-check the segment, then apply the
    project's policy, so an accepted finding does not come back with the edit."""
    from auditor.options import AuditOptions, Selection
    from auditor.pipeline import load_termbase, make_context, recheck_segment
    from auditor.project import policy_for_input

    call = project / "translations" / "call.txt"
    segment, finding = the_finding(call, "TERM002")
    accept_for_project(str(call), segment, finding)
    edited = segment.with_target(
        "該變速箱可在不同世代之間轉換各通道的速率。"
    )  # another part edited
    options = AuditOptions()
    ctx = make_context([edited], options, load_termbase(options))
    rechecked = recheck_segment(edited, ctx, Selection())
    assert [f.rule for f in rechecked.findings] == ["TERM002"]
    policy = policy_for_input(str(call))
    (applied,), hits = policy.apply([rechecked])
    assert applied.findings == () and len(hits) == 1
