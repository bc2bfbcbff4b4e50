"""The review session store: every action committed, undo, resume, lock, refusing bad files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tui_support import new_session, sample_report

from auditor.model import Decision, Finding, InputError, SegmentResult
from auditor.options import AuditOptions
from auditor.report.json_report import read_report_json
from auditor.session import (
    Session,
    SessionLocked,
    default_session_path,
    load_report,
    session_options,
)

ROOT = Path(__file__).resolve().parents[2]


def _flagged(session: Session, count: int = 1):
    views = [v for v in session.load() if v.findings]
    assert len(views) >= count, "the sample should have flagged segments"
    return views[:count]


def test_create_keeps_every_segment_and_finding(tmp_path):
    report = sample_report()
    with new_session(tmp_path) as session:
        views = session.load()
    assert [v.segment for v in views] == [r.segment for r in report.results]
    assert [v.findings for v in views] == [r.findings for r in report.results]
    assert all(d.status == "open" for v in views for d in v.decisions)


def test_decisions_are_on_disk_when_decide_returns(tmp_path):
    with new_session(tmp_path) as session:
        a, b = _flagged(session, 2)
        session.decide(a.index, a.fids[0], "confirmed")
        session.decide(b.index, b.fids[0], "dismissed", "  the figure is restated later ")
        # A separate connection (another process would see the same) reads them back.
        conn = sqlite3.connect(session.path)
        rows = conn.execute("SELECT fid, status, reason, at FROM actions ORDER BY aid").fetchall()
        conn.close()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (a.fids[0], "confirmed", None),
        (b.fids[0], "dismissed", "the figure is restated later"),
    ]
    assert all(r[3] for r in rows)  # timestamped


def test_undo_takes_back_the_latest_action_and_keeps_it_logged(tmp_path):
    with new_session(tmp_path) as session:
        (a,) = _flagged(session)
        session.decide(a.index, a.fids[0], "confirmed")
        session.decide(a.index, a.fids[0], "dismissed", "not a defect")
        assert session.view(a.index).decisions[0] == Decision("dismissed", "not a defect")
        undone = session.undo()
        assert undone is not None and undone.status == "dismissed"
        assert session.view(a.index).decisions[0] == Decision("confirmed")
        session.undo()
        assert session.view(a.index).decisions[0] == Decision("open")
        assert session.undo() is None
        assert len(session.actions()) == 2 and session.actions(live_only=True) == []


def test_post_edit_replaces_findings_and_undo_restores_them(tmp_path):
    with new_session(tmp_path) as session:
        (a,) = _flagged(session)
        kept = Finding("NUM003", "number", "major", "Accuracy/Mistranslation", "value changed")
        session.post_edit(a.index, "修正後的譯文", SegmentResult(a.segment, (kept,)))
        edited = session.view(a.index)
        assert edited.post_edit == "修正後的譯文" and edited.target == "修正後的譯文"
        assert edited.findings == (kept,) and edited.fids != a.fids
        session.decide(a.index, edited.fids[0], "confirmed")
        session.undo()  # the decision
        session.undo()  # the edit
        restored = session.view(a.index)
        assert restored.post_edit is None and restored.findings == a.findings
        assert restored.fids == a.fids


def test_report_carries_status_reason_and_post_edit(tmp_path):
    with new_session(tmp_path) as session:
        a, b = _flagged(session, 2)
        session.decide(a.index, a.fids[0], "dismissed", "brand name, kept on purpose")
        session.post_edit(b.index, "新譯文", SegmentResult(b.segment, ()))
        path = session.path
    report = load_report(path)  # read-only, no lock needed
    assert report.reviewed
    ra, rb = report.results[a.index], report.results[b.index]
    assert ra.decisions[0] == Decision("dismissed", "brand name, kept on purpose")
    assert rb.post_edit == "新譯文" and rb.findings == ()


def test_state_resumes(tmp_path):
    with new_session(tmp_path) as session:
        session.set_state(segment=42, finding=1, filters={"category": "term", "search": "晶片"})
        path = session.path
    with Session.open(path) as session:
        assert session.get_state() == {
            "segment": 42,
            "finding": 1,
            "filters": {"category": "term", "search": "晶片"},
        }


def test_options_are_kept_for_rechecks(tmp_path):
    options = AuditOptions(glossaries=("proj.tsv",), target_locale="zh-CN")
    with Session.create(tmp_path / "s.audit.sqlite", sample_report(), options) as session:
        session.add_glossary("added.tsv")
    opts = session_options(tmp_path / "s.audit.sqlite")
    assert opts.glossaries == ("proj.tsv", "added.tsv") and opts.target_locale == "zh-CN"
    assert opts.selection == options.selection


def test_second_open_in_the_same_process_is_refused(tmp_path):
    with new_session(tmp_path) as session:
        with pytest.raises(SessionLocked, match="open in another review"):
            Session.open(session.path)
    Session.open(session.path).close()  # released on close


_HOLDER = textwrap.dedent("""
    import sys, time
    from auditor.session import Session
    s = Session.open(sys.argv[1])
    print("locked", flush=True)
    time.sleep(60)
""")


def test_a_live_holder_refuses_and_a_killed_one_is_taken_over(tmp_path):
    with new_session(tmp_path) as session:
        path = session.path
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(SessionLocked, match=f"pid {child.pid}"):
            Session.open(path)
    finally:
        child.kill()
        child.wait()
    Session.open(path).close()  # the stale lock of a killed process is taken over


def test_create_never_overwrites(tmp_path):
    existing = tmp_path / "x.audit.sqlite"
    existing.write_bytes(b"my notes")
    with pytest.raises(InputError, match="already exists"):
        Session.create(existing, sample_report())
    assert existing.read_bytes() == b"my notes"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"just some text, not a database at all", "not a SQLite file"),
        (b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 100, "corrupt"),
    ],
)
def test_foreign_or_corrupt_files_are_refused_untouched(tmp_path, content, message):
    path = tmp_path / "bad.audit.sqlite"
    path.write_bytes(content)
    for opener in (Session.open, load_report):
        with pytest.raises(InputError, match=message):
            opener(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.audit.sqlite"]


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="not an auditor session"):
        Session.open(path)
    assert path.read_bytes() == before


def test_truncated_session_is_refused(tmp_path):
    with new_session(tmp_path) as session:
        path = session.path
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match="corrupt|malformed|not a database"):
        load_report(path)


def test_json_report_round_trip_keeps_reviews(tmp_path):
    from auditor.report.json_report import report_json

    with new_session(tmp_path) as session:
        (a,) = _flagged(session)
        session.decide(a.index, a.fids[0], "dismissed", "ok")
        report = session.report()
    data = report_json(report)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    back = read_report_json(path)
    assert [r.segment for r in back.results] == [r.segment for r in report.results]
    assert [r.findings for r in back.results] == [r.findings for r in report.results]
    if any("status" in f for s in data["segments"] for f in s["findings"]):
        assert back.results[a.index].decisions[0] == Decision("dismissed", "ok")
    # and a JSON report becomes a session
    with Session.create(tmp_path / "from-json.audit.sqlite", back) as again:
        assert [v.findings for v in again.load()] == [r.findings for r in report.results]


def test_default_session_path_sits_beside_the_input():
    assert default_session_path("data/call.txt") == Path("data/call.txt.audit.sqlite")


def test_decide_rejects_a_finding_of_another_segment(tmp_path):
    with new_session(tmp_path) as session:
        a, b = _flagged(session, 2)
        with pytest.raises(ValueError):
            session.decide(a.index, b.fids[0], "confirmed")
        assert session.actions() == []
