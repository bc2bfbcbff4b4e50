"""``kill -9`` of a running review loses no decision the screen showed as saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from auditor.session import Session
from tui_support import new_session

HERE = Path(__file__).resolve().parent


def test_kill_9_loses_nothing_shown_as_saved(tmp_path):
    with new_session(tmp_path) as session:
        path = session.path
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parent), str(HERE)])}
    child = subprocess.Popen([sys.executable, str(HERE / "tui_kill_child.py"), str(path)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
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
