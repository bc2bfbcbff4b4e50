"""Bulk decisions in the session store: one row per finding, one transaction, one undo."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest
from tui_support import new_session

from auditor.model import Decision
from auditor.session import SCHEMA_VERSION, Session


def _most_repeated(session: Session):
    """The (rule, expected, found) the sample repeats most, with its findings in force."""
    counts = Counter((f.rule, f.expected, f.found) for v in session.load() for f in v.findings)
    (rule, expected, found), n = counts.most_common(1)[0]
    assert n >= 5, "the sample repeats some finding several times"
    return (rule, expected, found), session.similar_findings(rule, expected, found)


def test_similar_findings_are_the_same_rule_and_pair_across_the_document(tmp_path):
    with new_session(tmp_path) as session:
        key, similar = _most_repeated(session)
        views = {v.index: v for v in session.load()}
        expected = [
            (v.index, fid)
            for v in views.values()
            for f, fid in zip(v.findings, v.fids)
            if (f.rule, f.expected, f.found) == key
        ]
        assert [(s.seg, s.fid) for s in similar] == expected
        assert len({s.seg for s in similar}) > 1  # in more than one segment
        assert all(s.status == "open" for s in similar)


def test_bulk_dismissal_is_one_row_per_finding_and_one_undo(tmp_path):
    with new_session(tmp_path) as session:
        _, similar = _most_repeated(session)
        session.decide(similar[0].seg, similar[0].fid, "confirmed")  # an earlier single decision
        targets = [(s.seg, s.fid) for s in similar[1:]]
        changed = session.decide_many(targets, "dismissed", " same false alarm ")
        assert sorted({v.index for v in changed}) == sorted({seg for seg, _ in targets})
        live = session.actions(live_only=True)
        batch = [a for a in live if a.batch is not None]
        assert [(a.seg, a.fid) for a in batch] == targets
        assert {a.batch for a in batch} == {batch[0].aid}
        assert all(a.status == "dismissed" and a.reason == "same false alarm" for a in batch)

        pending = session.next_undo()  # what undo would take back, nothing changed yet
        assert [(a.seg, a.fid) for a in pending] == targets
        assert len(session.actions(live_only=True)) == len(targets) + 1
        undone = session.undo_batch()
        assert [(a.seg, a.fid) for a in undone] == targets
        status = {fid: d for v in session.load() for fid, d in zip(v.fids, v.decisions)}
        assert all(status[fid] == Decision("open") for _, fid in targets)
        assert status[similar[0].fid] == Decision("confirmed")  # the single decision stays
        assert session.undo() is not None and session.undo() is None


def test_a_failure_inside_a_bulk_decision_keeps_none_of_it(tmp_path):
    with new_session(tmp_path) as session:
        _, similar = _most_repeated(session)
        targets = [(s.seg, s.fid) for s in similar]
        # the disk refuses the fourth row of the batch
        session._conn.execute(
            f"CREATE TEMP TRIGGER refuse BEFORE INSERT ON actions WHEN NEW.fid = {targets[3][1]} "
            "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )
        with pytest.raises(sqlite3.IntegrityError):
            session.decide_many(targets, "dismissed")
        assert session.actions() == []
        other = next(seg for seg, _ in targets if seg != targets[0][0])
        with pytest.raises(ValueError):  # a finding of another segment: nothing is written
            session.decide_many([targets[1], (other, targets[0][1])], "confirmed")
        assert session.actions() == []


def test_a_version_1_session_is_upgraded_in_place_and_keeps_its_log(tmp_path):
    with new_session(tmp_path) as session:
        _, similar = _most_repeated(session)
        session.decide(similar[0].seg, similar[0].fid, "confirmed")
        path = session.path
    conn = sqlite3.connect(path)  # what auditor 0.1 wrote: no batch column, user_version 1
    conn.execute("DROP INDEX actions_batch")
    conn.execute("ALTER TABLE actions DROP COLUMN batch")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    with Session.open(path) as session:
        assert session._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (single,) = session.actions()
        assert single.batch is None and single.status == "confirmed"
        session.decide_many([(s.seg, s.fid) for s in similar[1:3]], "dismissed")
        assert len(session.undo_batch()) == 2
        assert len(session.undo_batch()) == 1
