"""Baselines: known findings are matched by what they are about, not by line number."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from report_sample import SAMPLE, gold_report, reviewed_report

from auditor.baseline import (
    baseline_from_dismissals,
    baseline_from_report,
    fingerprint,
    load_baseline,
    new_findings,
    write_baseline,
)
from auditor.cli import main
from auditor.model import InputError, Loc
from auditor.pipeline import audit


def test_fingerprint_ignores_line_numbers_but_not_text():
    result = next(r for r in gold_report().results if r.findings)
    seg, finding = result.segment, result.findings[0]
    moved = replace(
        seg,
        source_loc=Loc("other.txt", 900, 900),
        target_loc=Loc("other.txt", 901, 901),
        id="s9999",
    )
    assert fingerprint(moved, finding) == fingerprint(seg, finding)
    edited = replace(seg, target=seg.target.replace("。", "!", 1))
    assert fingerprint(edited, finding) != fingerprint(seg, finding)


def test_baseline_is_a_multiset():
    report = gold_report()
    result = next(r for r in report.results if len(r.findings) == 1)
    twice = replace(
        report, results=(result, replace(result, segment=replace(result.segment, id="x")))
    )
    once = replace(report, results=(result,))
    remaining = new_findings(twice, baseline_from_report(once))
    assert len(remaining.findings) == 1
    assert remaining.extra["baseline"] == {"known": 1, "new": 1}


def test_baseline_round_trips_through_a_file(tmp_path):
    report = gold_report()
    path = tmp_path / "baseline.json"
    write_baseline(baseline_from_report(report), path)
    loaded = load_baseline(path)
    assert len(loaded) == len(report.findings)
    assert new_findings(report, loaded).findings == ()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "auditor-baseline/1"
    assert all(
        {"fingerprint", "rule", "count", "message", "source"} <= set(e) for e in data["findings"]
    )


def test_a_bad_baseline_file_is_an_input_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text('{"findings": []}', encoding="utf-8")
    with pytest.raises(InputError):
        load_baseline(bad)
    with pytest.raises(InputError):
        load_baseline(tmp_path / "missing.json")
    assert main(["check", str(SAMPLE), "--baseline", str(bad), "-q"]) == 2


def test_baseline_from_dismissals_holds_exactly_the_dismissed_findings():
    report = reviewed_report()
    baseline = baseline_from_dismissals(report)
    dismissed = [
        (r.segment, f)
        for r in report.results
        for f, d in zip(r.findings, r.decisions or ())
        if d.status == "dismissed"
    ]
    assert len(baseline) == len(dismissed) > 0
    remaining = new_findings(report, baseline)
    assert len(remaining.findings) == len(report.findings) - len(dismissed)
    # decisions stay in step with the findings that remain
    for r in remaining.results:
        assert r.decisions is None or len(r.decisions) == len(r.findings)
        assert all(d.status != "dismissed" for d in r.decisions or ())


def test_one_number_edited_in_the_sample_gives_exactly_one_new_finding(tmp_path):
    baseline_path = tmp_path / "baseline.json"
    assert (
        main(
            [
                "check",
                str(SAMPLE),
                "--write-baseline",
                str(baseline_path),
                "--format",
                "json",
                "-o",
                str(tmp_path / "r.json"),
                "-q",
            ]
        )
        == 0
    )
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    assert "74.9%" in lines[90]  # line 91: the Q1 non-GAAP gross margin, translated right
    lines[90] = lines[90].replace("74.9%", "79.4%")
    edited = tmp_path / "edited.txt"
    edited.write_text("".join(lines), encoding="utf-8")
    report = new_findings(audit(str(edited)), load_baseline(baseline_path))
    new = [(r.segment, f) for r in report.results for f in r.findings]
    assert len(new) == 1, [(s.target_loc, f.rule, f.message) for s, f in new]
    segment, finding = new[0]
    assert finding.category == "number" and segment.target_loc.first == 91
    assert report.extra["baseline"]["known"] == len(load_baseline(baseline_path))
