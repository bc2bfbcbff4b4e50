"""``review --break-lock`` never takes a session from a review still alive on this machine;
a stale lock (its process gone, or held from another machine with --break-lock) is taken
over with a note saying whose it was."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tui_support import new_session

from auditor.cli import main
from auditor.session import Session, SessionLocked

ROOT = Path(__file__).resolve().parents[2]

_HOLDER = textwrap.dedent("""
    import sys, time
    from auditor.session import Session
    s = Session.open(sys.argv[1])
    print("locked", flush=True)
    time.sleep(60)
""")


def _holder(path: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "locked"
    return child


def test_break_lock_refuses_while_the_holder_is_alive_here(tmp_path, capsys):
    with new_session(tmp_path) as session:
        path = session.path
    child = _holder(path)
    try:
        with pytest.raises(SessionLocked, match=f"pid {child.pid} on {socket.gethostname()}"):
            Session.open(path, break_lock=True)
        assert main(["review", str(path), "--break-lock"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert (
            "open in another review" in err
            and "--break-lock takes over only a lock whose process is gone" in err
        )
    finally:
        child.kill()
        child.wait()
    with Session.open(path, break_lock=True) as session:  # now stale: taken over, and said
        assert session.lock_note.startswith(
            f"took over the stale lock of a review that is gone (pid {child.pid}"
        )


def _lock_from_elsewhere(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM lock")
        conn.execute(
            "INSERT INTO lock VALUES (1, 4242, 'another-host', NULL, '2026-01-01T00:00:00Z')"
        )


def test_a_lock_from_another_machine_needs_break_lock_and_says_whose(tmp_path):
    with new_session(tmp_path) as session:
        path = session.path
    _lock_from_elsewhere(path)
    with pytest.raises(SessionLocked, match="pass --break-lock if it is gone"):
        Session.open(path)
    with Session.open(path, break_lock=True) as session:
        assert session.lock_note == (
            "broke the lock held from another machine (pid 4242 on another-host, since 2026-01-01T00:00:00Z)"
        )


def test_an_unlocked_session_opens_without_a_note(tmp_path):
    with new_session(tmp_path) as session:
        path = session.path
    with Session.open(path) as session:
        assert session.lock_note is None
