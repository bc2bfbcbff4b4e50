"""``auditor report`` / ``auditor export`` on a session, ``auditor review`` opening inputs,
and the rule that the core library never imports Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui_support import copy_sample, new_session, sample_report

from auditor.cli import build_parser, main
from auditor.commands.review import open_session
from auditor.model import SegmentResult
from auditor.session import default_session_path

ROOT = Path(__file__).resolve().parents[3]


def _reviewed_session(tmp_path: Path) -> tuple[Path, int, int]:
    with new_session(tmp_path) as session:
        views = [v for v in session.load() if v.findings]
        a, b = views[0], views[1]
        session.decide(a.index, a.fids[0], "dismissed", "speaker name")
        session.post_edit(b.index, "修正的譯文", SegmentResult(b.segment, ()))
        return session.path, a.index, b.index


def test_report_json_has_status_reason_and_post_edit(tmp_path, capsys):
    path, a, b = _reviewed_session(tmp_path)
    out = tmp_path / "report.json"
    assert main(["report", str(path), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    seg_a, seg_b = data["segments"][a], data["segments"][b]
    assert seg_b["post_edit"] == "修正的譯文"
    assert seg_a["findings"][0]["status"] == "dismissed"
    assert seg_a["findings"][0]["reason"] == "speaker name"
    assert all(f["status"] == "open" for s in data["segments"][b + 1 :] for f in s["findings"])


def test_export_writes_the_corrected_translation(tmp_path):
    path, _, b = _reviewed_session(tmp_path)
    out = tmp_path / "corrected.tsv"
    assert main(["export", str(path), "--format", "tsv", "-o", str(out)]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "en\tzh"
    assert rows[1 + b].split("\t")[1] == "修正的譯文"
    report = sample_report()
    assert len(rows) == 1 + len(report.results)
    untouched = next(
        i for i, r in enumerate(report.results) if i != b and r.segment.source and r.segment.target
    )
    assert rows[1 + untouched].split("\t")[1] == report.results[untouched].segment.target


def test_export_tmx_reads_back_through_the_tmx_reader(tmp_path):
    from auditor.formats import read_document

    path, _, b = _reviewed_session(tmp_path)
    out = tmp_path / "corrected.tmx"
    assert main(["export", str(path), "--format", "tmx", "-o", str(out)]) == 0
    doc = read_document(str(out))
    targets = [t.text for _, t in doc.pairs if t is not None]
    assert "修正的譯文" in targets


def test_report_on_a_foreign_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("hello")
    assert main(["report", str(bad)]) == 2
    assert "not an auditor session" in capsys.readouterr().err
    assert bad.read_text() == "hello"


def _args(*argv: str):
    return build_parser().parse_args(["review", *argv])


def test_review_creates_the_session_beside_the_input_then_resumes_it(tmp_path):
    sample = copy_sample(tmp_path)
    session = open_session(_args(str(sample)))
    try:
        assert session.path == default_session_path(sample)
        assert session.segment_count() == len(sample_report().results)
        session.set_state(segment=7)
    finally:
        session.close()
    again = open_session(_args(str(sample)))  # exists: reopened, not re-audited
    try:
        assert again.get_state()["segment"] == 7
    finally:
        again.close()
    reopened = open_session(_args(str(session.path)))  # the session file itself
    reopened.close()


def test_review_opens_a_json_report(tmp_path):
    sample = copy_sample(tmp_path)
    report_path = tmp_path / "report.json"
    assert main(["check", str(sample), "--format", "json", "-o", str(report_path)]) in (0, 1)
    session = open_session(_args(str(report_path)))
    try:
        assert session.path == default_session_path(report_path)
        flagged = sum(1 for v in session.load() if v.findings)
        assert flagged == sum(1 for r in sample_report().results if r.findings)
    finally:
        session.close()


def test_review_refuses_a_session_open_elsewhere(tmp_path, capsys):
    with new_session(tmp_path) as session:
        assert main(["review", str(session.path)]) == 2
        assert "open in another review" in capsys.readouterr().err


def test_importing_the_core_leaves_textual_out():
    code = (
        "import sys, auditor, auditor.cli, auditor.pipeline, auditor.session, auditor.commands.review,"
        " auditor.commands.report, auditor.commands.export;"
        " auditor.cli.build_parser();"
        " print([m for m in sys.modules if m == 'textual' or m.startswith('textual.') or m == 'tui'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
