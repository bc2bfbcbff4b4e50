"""``kill -9`` of a running review loses no decision the screen showed as saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tui_support import new_session

from auditor.session import Session

HERE = Path(__file__).resolve().parents[1] / "support"


def test_kill_9_loses_nothing_shown_as_saved(tmp_path):
    with new_session(tmp_path) as session:
        path = session.path
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parents[1]), str(HERE)])}
    child = subprocess.Popen(
        [sys.executable, str(HERE / "tui_kill_child.py"), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    saved: list[int] = []
    try:
        assert child.stdout.readline().strip() == "READY"
        while len(saved) < 4:
            line = child.stdout.readline()
            assert line, "the review exited before it was killed"
            if line.startswith("SAVED "):
                saved.append(int(line.split()[1]))
        os.kill(child.pid, signal.SIGKILL)  # mid-stream: it was still confirming
        child.wait(timeout=10)
        saved += [int(line.split()[1]) for line in child.stdout if line.startswith("SAVED ")]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    with Session.open(path) as session:  # the dead process's lock is taken over
        status = {fid: d.status for v in session.load() for fid, d in zip(v.fids, v.decisions)}
    assert len(saved) >= 4
    assert all(status[fid] == "confirmed" for fid in saved), saved


def test_kill_9_during_a_bulk_decision_keeps_all_of_the_batch_or_none(tmp_path):
    """The app is killed at a random moment while it applies (or undoes) bulk dismissals of
    ~150 findings: every batch in the log is whole, live or undone, never half of either."""
    import random
    import time

    from tui_support import repeated_report

    from auditor.options import AuditOptions

    with Session.create(
        tmp_path / "bulk.audit.sqlite", repeated_report(15), AuditOptions()
    ) as session:
        path = session.path
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parents[1]), str(HERE)])}
    rng = random.Random(7)
    for attempt in range(3):
        child = subprocess.Popen(
            [sys.executable, str(HERE / "tui_kill_bulk_child.py"), str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        applied_ms: list[float] = []
        try:
            while True:
                line = child.stdout.readline()
                assert line, "the review exited before it was killed"
                if line.startswith("APPLIED "):
                    applied_ms.append(float(line.split()[1]))
                if line.startswith("APPLYING") and len(applied_ms) >= 1 + attempt:
                    # somewhere inside the apply: its transaction, or the repaint after it
                    time.sleep(rng.uniform(0, max(applied_ms) / 1000))
                    os.kill(child.pid, signal.SIGKILL)
                    break
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert child.returncode == -signal.SIGKILL
        with Session.open(path) as session:
            actions = session.actions()
            by_batch: dict[int, list] = {}
            for a in actions:
                assert a.batch is not None  # only bulk decisions were made
                by_batch.setdefault(a.batch, []).append(a)
            sizes = {len(rows) for rows in by_batch.values()}
            assert len(sizes) == 1 and sizes.pop() >= 100  # every batch whole
            for rows in by_batch.values():
                assert len({a.undone_at for a in rows}) == 1  # all live or all undone, at once
            live = [a for a in actions if a.undone_at is None]
            assert len(live) in (0, len(next(iter(by_batch.values()))))
            status = Counter(
                d.status
                for v in session.load()
                for fid, d in zip(v.fids, v.decisions)
                if fid in {a.fid for a in actions}
            )
            assert len(status) == 1  # the whole group open, or the whole group dismissed
