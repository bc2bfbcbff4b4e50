"""``auditor check`` with the report options: --output-dir, --pass-threshold, --reference."""

from __future__ import annotations

import json
import re

import pytest
from report_sample import SAMPLE

from auditor.cli import main

EXPECTED_FILES = {
    "report.json",
    "report.jsonl",
    "report.csv",
    "report.html",
    "report.md",
    "report.sarif",
    "report.xml",
}


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    reference = out / "reference.txt"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    reference.write_text(
        "\n".join(
            line.replace("成長", "增長") if re.search(r"[\u4e00-\u9fff]{2}", line) else line
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )
    code = main(
        [
            "check",
            str(SAMPLE),
            "--output-dir",
            str(out / "all"),
            "--reference",
            str(reference),
            "-q",
        ]
    )
    return out / "all", code


def test_output_dir_writes_every_file_format(out_dir):
    path, code = out_dir
    assert code == 1  # the sample has findings
    assert {p.name for p in path.iterdir()} == EXPECTED_FILES


def test_output_dir_reports_agree_on_the_findings(out_dir):
    path, _ = out_dir
    data = json.loads((path / "report.json").read_text(encoding="utf-8"))
    n = data["summary"]["findings"]
    assert n > 0
    assert len((path / "report.jsonl").read_text(encoding="utf-8").splitlines()) == n
    sarif = json.loads((path / "report.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == n
    assert (path / "report.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    html = (path / "report.html").read_text(encoding="utf-8")
    assert html.count('<li class="finding"') == n


def test_reference_scores_reach_every_report(out_dir):
    path, _ = out_dir
    data = json.loads((path / "report.json").read_text(encoding="utf-8"))
    ref = data["scores"]["reference"]
    assert ref["segments"] > 150 and 90 < ref["bleu"]["score"] < 100
    assert ref["bleu"]["signature"].startswith("nrefs:1|case:mixed|eff:no|tok:zh")
    assert any("bleu" in s["scores"] for s in data["segments"])
    header = (path / "report.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert {"bleu", "chrf", "ter", "penalty"} <= set(header)
    assert "sacrebleu signatures" in (path / "report.html").read_text(encoding="utf-8")


def test_selected_formats_only(tmp_path):
    assert (
        main(
            [
                "check",
                str(SAMPLE),
                "--format",
                "json,sarif,md",
                "--output-dir",
                str(tmp_path),
                "-q",
                "--fail-on",
                "never",
            ]
        )
        == 0
    )
    assert {p.name for p in tmp_path.iterdir()} == {"report.json", "report.sarif", "report.md"}


def test_pass_threshold_decides_the_exit_code(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert (
        main(
            [
                "check",
                str(SAMPLE),
                "--format",
                "json",
                "-o",
                str(out),
                "--pass-threshold",
                "1",
                "-q",
            ]
        )
        == 0
    )
    score = json.loads(out.read_text(encoding="utf-8"))["scores"]["mqm"]["score"]
    assert (
        main(
            [
                "check",
                str(SAMPLE),
                "--format",
                "json",
                "-o",
                str(out),
                "--pass-threshold",
                str(score + 0.01),
                "-q",
            ]
        )
        == 1
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scores"]["mqm"]["passed"] is False
    # a threshold of 0 is a threshold too (every non-negative score passes)
    assert (
        main(
            [
                "check",
                str(SAMPLE),
                "--format",
                "json",
                "-o",
                str(out),
                "--pass-threshold",
                "0",
                "-q",
            ]
        )
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["scores"]["mqm"]["threshold"] == 0
    # both given: either one fails the check
    assert (
        main(
            [
                "check",
                str(SAMPLE),
                "-o",
                str(out),
                "--pass-threshold",
                "0",
                "--fail-on",
                "minor",
                "-q",
            ]
        )
        == 1
    )


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["check", str(SAMPLE), "--format", "json,html"]) == 2
    assert main(["check", str(SAMPLE), "--format", "pdf"]) == 2
    assert "unknown output format pdf" in capsys.readouterr().err


def test_a_review_session_report_validates_and_exports_its_dismissals(tmp_path):
    """The session side (auditor report SESSION) goes through the same writers and contract."""
    import jsonschema
    from report_sample import gold_report

    from auditor.baseline import baseline_from_dismissals
    from auditor.model import SegmentResult
    from auditor.report.json_report import load_schema
    from auditor.session import Session

    path = tmp_path / "sample.audit.sqlite"
    session = Session.create(path, gold_report())
    views = session.load()
    flagged = [v for v in views if len(v.findings) >= 2]
    session.decide(flagged[0].index, flagged[0].fids[0], "confirmed")
    session.decide(flagged[0].index, flagged[0].fids[1], "dismissed", "house style")
    edited = flagged[1]
    new_text = edited.segment.target.replace("指導", "指引") + "(已校)"
    session.post_edit(
        edited.index, new_text, SegmentResult(edited.segment.with_target(new_text), ())
    )
    session.close()

    out = tmp_path / "session.json"
    assert main(["report", str(path), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema(), cls=jsonschema.Draft202012Validator)
    assert data["reviewed"] is True
    assert data["summary"]["by_status"]["dismissed"] == 1
    assert data["scores"]["hter"]["edited"] == 1 and data["scores"]["hter"]["score"] > 0
    seg = next(s for s in data["segments"] if s["id"] == edited.segment.id)
    assert seg["post_edit"] == new_text

    reopened = Session.open(path)
    try:
        baseline = baseline_from_dismissals(reopened.report())
    finally:
        reopened.close()
    assert len(baseline) == 1 and baseline.entries[0].rule == flagged[0].findings[1].rule
