"""The review session store: one SQLite file per audit (standard library only).

Why SQLite: every reviewer action must survive a crash or ``kill -9`` the moment the screen
says it is saved. Each action is one transaction, committed (WAL, ``synchronous=FULL``)
before :meth:`Session.decide` / :meth:`Session.post_edit` / :meth:`Session.undo` return.

What is stored:

- ``segments`` and ``findings``: the audit as first run. A post-edit adds the findings of its
  re-check as new rows tied to that edit, so nothing is ever rewritten in place.
- ``actions``: an append-only log of decisions (confirmed / dismissed with a reason) and
  post-edits, each with its timestamp. Undo marks the latest action undone (it is kept, with
  the time it was undone). A bulk decision ("dismiss all like this") is one row per finding,
  all written in one transaction and sharing a ``batch`` number, so undo takes the whole
  batch back at once and a crash leaves all of it or none of it. The current state is
  derived from the log: a finding's status is its latest live decision; a segment's post-edit is its latest live edit, and its findings
  are those of that edit (or the original ones when it has none).
- ``state``: where the reviewer was (segment, filters, search) so reopening resumes there.
- ``lock``: the process holding the session (pid, host, process start time), so a second
  app opening the same file is refused while the first is alive; a stale lock left by a
  killed process is taken over.

The file is recognised by SQLite's ``application_id``; anything else (not SQLite, corrupt,
another program's database) is an :class:`~auditor.model.InputError` and is never written.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from auditor.model import (
    Decision,
    Finding,
    InputError,
    InputInfo,
    Loc,
    Report,
    ReviewStatus,
    Segment,
    SegmentResult,
)
from auditor.options import AuditOptions

#: ``PRAGMA application_id`` of a session file: the bytes ``AUDS``.
APPLICATION_ID = 0x41554453
SCHEMA_VERSION = 3
SESSION_SUFFIX = ".audit.sqlite"
_SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE segments(
    idx INTEGER PRIMARY KEY, id TEXT NOT NULL, source TEXT, target TEXT,
    src_path TEXT, src_first INTEGER, src_last INTEGER,
    tgt_path TEXT, tgt_first INTEGER, tgt_last INTEGER,
    align_type TEXT NOT NULL, align_score REAL NOT NULL);
CREATE TABLE findings(
    fid INTEGER PRIMARY KEY, seg INTEGER NOT NULL REFERENCES segments(idx),
    ord INTEGER NOT NULL, edit INTEGER REFERENCES actions(aid),
    rule TEXT NOT NULL, category TEXT NOT NULL, severity TEXT NOT NULL, mqm TEXT NOT NULL,
    message TEXT NOT NULL, src_start INTEGER, src_end INTEGER, tgt_start INTEGER,
    tgt_end INTEGER, expected TEXT, found TEXT, confidence REAL);
CREATE INDEX findings_seg ON findings(seg, edit);
CREATE TABLE actions(
    aid INTEGER PRIMARY KEY, at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('decision', 'edit')),
    seg INTEGER NOT NULL REFERENCES segments(idx), fid INTEGER REFERENCES findings(fid),
    status TEXT CHECK (status IN ('confirmed', 'dismissed')), reason TEXT, text TEXT,
    undone_at TEXT, batch INTEGER);
CREATE INDEX actions_live ON actions(undone_at, aid);
CREATE INDEX actions_batch ON actions(batch);
CREATE INDEX actions_fid ON actions(fid);
CREATE TABLE state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE lock(one INTEGER PRIMARY KEY CHECK (one = 1), pid INTEGER NOT NULL,
    host TEXT NOT NULL, proc_start TEXT, since TEXT NOT NULL);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class SegmentView:
    """One segment as the reviewer sees it now: current findings with their decisions."""

    index: int
    segment: Segment
    findings: tuple[Finding, ...] = ()
    #: Session ids of ``findings`` (same order): what a decision refers to.
    fids: tuple[int, ...] = ()
    decisions: tuple[Decision, ...] = ()
    post_edit: str | None = None

    @property
    def target(self) -> str | None:
        """The translation in force: the post-edit if there is one."""
        return self.post_edit if self.post_edit is not None else self.segment.target

    @property
    def open_count(self) -> int:
        return sum(1 for d in self.decisions if d.status == "open")

    @property
    def reviewed(self) -> bool:
        """Flagged and every finding decided."""
        return bool(self.findings) and self.open_count == 0

    def result(self) -> SegmentResult:
        return SegmentResult(self.segment, self.findings, self.decisions, self.post_edit)


@dataclass(frozen=True)
class Action:
    """One entry of the action log (what undo takes back)."""

    aid: int
    at: str
    kind: str
    seg: int
    fid: int | None = None
    status: ReviewStatus | None = None
    reason: str | None = None
    text: str | None = None
    undone_at: str | None = None
    #: The ``aid`` of the first action of a bulk decision all its rows share, else None.
    batch: int | None = None


@dataclass(frozen=True)
class SimilarFinding:
    """A finding in force with the same rule and expected/found pair as another one."""

    seg: int
    fid: int
    status: ReviewStatus


# ------------------------------------------------------------------ file checks


def is_sqlite_file(path: str | Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == _SQLITE_MAGIC
    except OSError:
        return False


def default_session_path(input_path: str | Path) -> Path:
    """``FILE.audit.sqlite`` beside the input."""
    p = Path(input_path)
    return p.with_name(p.name + SESSION_SUFFIX)


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    """Open and verify an existing session file without writing anything to it."""
    where = str(path)
    if not path.exists():
        raise InputError("no such session file", where)
    if not is_sqlite_file(path):
        raise InputError("not an auditor session (not a SQLite file); it was left untouched", where)
    uri = f"file:{path.resolve().as_posix()}?mode={'ro' if readonly else 'rw'}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5.0)
    except sqlite3.Error as exc:
        raise InputError(f"cannot open session: {exc}", where) from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise InputError(
                "a SQLite database but not an auditor session; it was left untouched", where
            )
        if version > SCHEMA_VERSION:
            raise InputError(
                f"session schema {version} is newer than this auditor understands "
                f"({SCHEMA_VERSION}); upgrade auditor",
                where,
            )
        # Cheap structural checks (a full integrity check reads the whole file, seconds at
        # 100,000 segments); deeper damage surfaces as DatabaseError on read, reported alike.
        tables = {
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        missing = {"meta", "segments", "findings", "actions", "state", "lock"} - tables
        if missing:
            raise InputError(
                f"session file is damaged (no {', '.join(sorted(missing))} table); "
                "it was left untouched",
                where,
            )
        conn.execute("SELECT key, value FROM meta").fetchall()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise InputError(
            f"session file is corrupt or not a database ({exc}); it was left untouched", where
        ) from None
    except InputError:
        conn.close()
        raise
    return conn


def _proc_start(pid: int) -> str | None:
    """The kernel's start time of a process (guards against a reused pid), Linux only."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def _alive(pid: int, proc_start: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    current = _proc_start(pid)
    return proc_start is None or current is None or current == proc_start


class SessionLocked(InputError):
    """Another live process has this session open."""


# --------------------------------------------------------------------- the store


class Session:
    """An open, locked review session. Use :meth:`create` or :meth:`open`; :meth:`close` it."""

    #: What opening it took over from an earlier holder of the lock, if anything.
    lock_note: str | None = None

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self._conn = conn
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        self.inputs: tuple[InputInfo, ...] = tuple(
            InputInfo(i["path"], i["format"]) for i in json.loads(meta["inputs"])
        )
        self.glossaries: tuple[str, ...] = tuple(json.loads(meta["glossaries"]))
        self.tool_version: str = meta.get("tool_version", "0.1.0")
        self.created: str = meta.get("created", "")
        self.input_digest: str | None = meta.get("input_digest")
        raw = meta.get("options")
        self.options: AuditOptions = (
            AuditOptions.from_json(json.loads(raw)) if raw else AuditOptions()
        )

    # ----- opening and closing

    @classmethod
    def create(
        cls,
        path: str | Path,
        report: Report,
        options: AuditOptions | None = None,
        *,
        input_digest: str | None = None,
    ) -> Session:
        """Write a new session from a report (with any decisions it carries) and lock it.

        Refuses an existing file: a session is never overwritten.
        """
        path = Path(path)
        if path.exists():
            raise InputError(
                "session file already exists; open it instead of creating it", str(path)
            )
        tmp = path.with_name(path.name + f".creating-{os.getpid()}")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute("BEGIN")
            meta = {
                "inputs": json.dumps([{"path": i.path, "format": i.format} for i in report.inputs]),
                "glossaries": json.dumps(list(report.glossaries)),
                "tool_version": report.tool_version,
                "created": _now(),
                "options": json.dumps((options or AuditOptions()).to_json()),
                "segments": str(len(report.results)),
                "words": str(report.source_word_count()),
            }
            if input_digest:
                meta["input_digest"] = input_digest
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            _insert_report(conn, report)
            conn.execute("COMMIT")
        except BaseException:
            conn.close()
            tmp.unlink(missing_ok=True)
            raise
        conn.close()
        try:
            os.link(tmp, path)  # fails if someone created ``path`` meanwhile: never clobber
        except FileExistsError:
            tmp.unlink(missing_ok=True)
            raise InputError(
                "session file already exists; open it instead of creating it", str(path)
            ) from None
        except OSError:
            if path.exists():
                tmp.unlink(missing_ok=True)
                raise InputError("session file already exists", str(path)) from None
            os.replace(tmp, path)
        tmp.unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path, *, break_lock: bool = False) -> Session:
        """Open an existing session for review; refused while another live process has it."""
        path = Path(path)
        conn = _connect(path, readonly=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            taken_over = _take_lock(conn, path, break_lock)
            _upgrade(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise InputError(f"cannot open session: {exc}", str(path)) from None
        except BaseException:
            conn.close()
            raise
        session = cls(path, conn)
        session.lock_note = taken_over
        return session

    def close(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.execute("DELETE FROM lock WHERE pid = ?", (os.getpid(),))
        finally:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._conn is None

    # ----- reading

    def segment_count(self) -> int:
        return _segment_count(self._conn)

    def load(self, progress: Callable[[int, int], None] | None = None) -> list[SegmentView]:
        """Every segment as the reviewer sees it now (the whole document: for reports and
        small files; the app reads windows with :meth:`views`)."""
        with self.reader() as conn:
            try:
                return _load_views(conn, None, None, progress)
            except sqlite3.DatabaseError as exc:
                raise InputError(f"session file is corrupt ({exc})", str(self.path)) from None

    def view(self, index: int) -> SegmentView:
        views = _load_views(self._conn, index, index + 1)
        if not views:
            raise IndexError(index)
        return views[0]

    def views(self, lo: int, hi: int) -> list[SegmentView]:
        """Segments ``lo <= index < hi``: what the app fetches for the rows on screen."""
        return _load_views(self._conn, lo, hi)

    # ----- whole-document queries, each through its own read-only connection so a
    # ----- worker thread can run them while the app writes

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(
            f"file:{self.path.resolve().as_posix()}?mode=ro",
            uri=True,
            isolation_level=None,
            timeout=5.0,
        )
        try:
            yield conn
        finally:
            conn.close()

    def open_segments(self) -> list[int]:
        """Indices of the segments with open findings, ascending (for ``n`` / ``p``)."""
        with self.reader() as conn:
            return _open_segments(conn)

    def summary(self) -> dict[str, int]:
        """total, flagged, reviewed (flagged with every finding decided), findings, open, edited."""
        with self.reader() as conn:
            return _summary(conn)

    def find_segments(
        self,
        category: str | None = None,
        rule: str | None = None,
        severity: str | None = None,
        status: str | None = None,
        search: str = "",
        min_confidence: float | None = None,
    ) -> list[int]:
        with self.reader() as conn:
            return _find_segments(conn, category, rule, severity, status, search, min_confidence)

    def rule_codes(self) -> list[str]:
        with self.reader() as conn:
            return [r for (r,) in conn.execute("SELECT DISTINCT rule FROM findings ORDER BY rule")]

    def segments(self) -> list[Segment]:
        """Every segment as audited (to rebuild the check context for re-checks)."""
        with self.reader() as conn:
            return [
                Segment(
                    sid,
                    src,
                    tgt,
                    Loc(sp, sf, sl) if sp is not None else None,
                    Loc(tp, tf, tl) if tp is not None else None,
                    atype,
                    ascore,
                )
                for _, sid, src, tgt, sp, sf, sl, tp, tf, tl, atype, ascore in conn.execute(
                    "SELECT * FROM segments ORDER BY idx"
                )
            ]

    def actions(self, live_only: bool = False) -> list[Action]:
        sql = "SELECT aid, at, kind, seg, fid, status, reason, text, undone_at, batch FROM actions"
        if live_only:
            sql += " WHERE undone_at IS NULL"
        return [Action(*row) for row in self._conn.execute(sql + " ORDER BY aid")]

    def report(self) -> Report:
        return _report(self._conn)

    def get_state(self) -> dict[str, object]:
        return {k: json.loads(v) for k, v in self._conn.execute("SELECT key, value FROM state")}

    def set_state(self, **values: object) -> None:
        """Where the reviewer is (segment, filters, search); one small transaction."""
        self._write(
            lambda c: c.executemany(
                "INSERT OR REPLACE INTO state VALUES (?, ?)",
                [(k, json.dumps(v, ensure_ascii=False)) for k, v in values.items()],
            )
        )

    def add_glossary(self, path: str) -> None:
        """Remember a project glossary the reviewer created, so re-checks load it."""
        if path in self.options.glossaries:
            return
        self.options = replace(self.options, glossaries=(*self.options.glossaries, path))
        opts = json.dumps(self.options.to_json())
        self._write(
            lambda c: c.execute("INSERT OR REPLACE INTO meta VALUES ('options', ?)", (opts,))
        )

    # ----- actions (each one committed before it returns)

    def decide(
        self, index: int, fid: int, status: ReviewStatus, reason: str | None = None
    ) -> SegmentView:
        if status not in ("confirmed", "dismissed"):
            raise ValueError(f"a decision is confirmed or dismissed, not {status!r}")
        reason = (reason or "").strip() or None

        def write(c: sqlite3.Connection) -> None:
            row = c.execute("SELECT seg FROM findings WHERE fid = ?", (fid,)).fetchone()
            if row is None or row[0] != index:
                raise ValueError(f"finding {fid} is not in segment {index}")
            c.execute(
                "INSERT INTO actions(at, kind, seg, fid, status, reason) VALUES (?, 'decision', ?, ?, ?, ?)",
                (_now(), index, fid, status, reason),
            )

        self._write(write)
        return self.view(index)

    def similar_findings(
        self, rule: str, expected: str | None, found: str | None
    ) -> list[SimilarFinding]:
        """The findings in force, anywhere in the document, with this rule and this
        expected/found pair (what "confirm / dismiss all like this" applies to)."""
        with self.reader() as conn:
            return [
                SimilarFinding(seg, fid, status)
                for seg, fid, status in conn.execute(
                    _CURRENT + "SELECT seg, fid, status FROM cur "
                    "WHERE rule = ? AND expected IS ? AND found IS ? ORDER BY seg, fid",
                    (rule, expected, found),
                )
            ]

    def decide_many(
        self, targets: Iterable[tuple[int, int]], status: ReviewStatus, reason: str | None = None
    ) -> list[SegmentView]:
        """One decision per ``(segment index, finding id)``, all in one transaction and one
        batch (one undo takes them all back). Returns the changed segments' views."""
        if status not in ("confirmed", "dismissed"):
            raise ValueError(f"a decision is confirmed or dismissed, not {status!r}")
        reason = (reason or "").strip() or None
        pairs = list(dict.fromkeys(targets))
        if not pairs:
            return []

        def write(c: sqlite3.Connection) -> None:
            at = _now()
            owner: dict[int, int] = {}
            for chunk in range(0, len(pairs), 500):
                fids = [fid for _, fid in pairs[chunk : chunk + 500]]
                owner.update(
                    c.execute(
                        f"SELECT fid, seg FROM findings WHERE fid IN ({','.join('?' * len(fids))})",
                        fids,
                    )
                )
            for index, fid in pairs:
                if owner.get(fid) != index:
                    raise ValueError(f"finding {fid} is not in segment {index}")
            first_seg, first_fid = pairs[0]
            batch = c.execute(
                "INSERT INTO actions(at, kind, seg, fid, status, reason) VALUES (?, 'decision', ?, ?, ?, ?)",
                (at, first_seg, first_fid, status, reason),
            ).lastrowid
            c.execute("UPDATE actions SET batch = ? WHERE aid = ?", (batch, batch))
            c.executemany(
                "INSERT INTO actions(at, kind, seg, fid, status, reason, batch) "
                "VALUES (?, 'decision', ?, ?, ?, ?, ?)",
                [(at, index, fid, status, reason, batch) for index, fid in pairs[1:]],
            )

        self._write(write)
        return self._views_of(index for index, _ in pairs)

    def _views_of(self, indices: Iterable[int]) -> list[SegmentView]:
        return [self.view(index) for index in sorted(set(indices))]

    def post_edit(self, index: int, text: str, result: SegmentResult) -> SegmentView:
        """Record a corrected translation and the findings of its re-check, atomically."""

        def write(c: sqlite3.Connection) -> None:
            cur = c.execute(
                "INSERT INTO actions(at, kind, seg, text) VALUES (?, 'edit', ?, ?)",
                (_now(), index, text),
            )
            _insert_findings(c, index, result.findings, edit=cur.lastrowid)

        self._write(write)
        return self.view(index)

    def undo(self) -> Action | None:
        """Take back the latest live action (with the rest of its batch, if it is part of a
        bulk decision); returns it (with ``undone_at`` set) or None."""
        undone = self.undo_batch()
        return undone[-1] if undone else None

    def next_undo(self) -> tuple[Action, ...]:
        """What :meth:`undo_batch` would take back now (nothing is changed), oldest first."""
        cols = "aid, at, kind, seg, fid, status, reason, text, undone_at, batch"
        row = self._conn.execute(
            f"SELECT {cols} FROM actions WHERE undone_at IS NULL ORDER BY aid DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return ()
        if row[-1] is None:
            return (Action(*row),)
        return tuple(
            Action(*r)
            for r in self._conn.execute(
                f"SELECT {cols} FROM actions WHERE batch = ? AND undone_at IS NULL ORDER BY aid",
                (row[-1],),
            )
        )

    def undo_batch(self) -> tuple[Action, ...]:
        """Take back the latest live action, or the whole bulk decision it belongs to, in one
        transaction; returns what was undone (oldest first), empty when there is nothing."""
        undone: list[Action] = []
        cols = "aid, at, kind, seg, fid, status, reason, text"

        def write(c: sqlite3.Connection) -> None:
            row = c.execute(
                f"SELECT {cols}, batch FROM actions WHERE undone_at IS NULL ORDER BY aid DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return
            at = _now()
            batch = row[-1]
            if batch is None:
                rows = [row]
            else:
                rows = c.execute(
                    f"SELECT {cols}, batch FROM actions WHERE batch = ? AND undone_at IS NULL ORDER BY aid",
                    (batch,),
                ).fetchall()
            c.executemany(
                "UPDATE actions SET undone_at = ? WHERE aid = ?", [(at, r[0]) for r in rows]
            )
            undone.extend(
                Action(aid, when, kind, seg, fid, status, reason, text, undone_at=at, batch=batch)
                for aid, when, kind, seg, fid, status, reason, text, batch in rows
            )

        self._write(write)
        return tuple(undone)

    def _write(self, fn: Callable[[sqlite3.Connection], object]) -> None:
        conn = self._conn
        if conn is None:
            raise RuntimeError("session is closed")
        conn.execute("BEGIN IMMEDIATE")
        try:
            fn(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


# ------------------------------------------------------------------- internals


def _take_lock(conn: sqlite3.Connection, path: Path, break_lock: bool) -> str | None:
    """Lock the session for this process. ``break_lock`` takes over only a lock that
    cannot be checked here (held from another machine); a holder alive on this machine
    is never overridden. Returns what was taken over, if anything, for the user."""
    host = socket.gethostname()
    pid = os.getpid()
    taken_over = None
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT pid, host, proc_start, since FROM lock").fetchone()
        if row is not None:
            other_pid, other_host, other_start, since = row
            holder = f"pid {other_pid} on {other_host}, since {since}"
            here = other_host == host
            if here and _alive(other_pid, other_start):
                raise SessionLocked(
                    f"session is open in another review ({holder}); close that one first"
                    + (
                        "; --break-lock takes over only a lock whose process is gone"
                        if break_lock
                        else ""
                    ),
                    str(path),
                )
            if not here and not break_lock:
                raise SessionLocked(
                    f"session is open in another review ({holder}); close that one first, or "
                    "pass --break-lock if it is gone (this machine cannot check)",
                    str(path),
                )
            if here:
                taken_over = f"took over the stale lock of a review that is gone ({holder})"
            else:
                taken_over = f"broke the lock held from another machine ({holder})"
        conn.execute("DELETE FROM lock")
        conn.execute(
            "INSERT INTO lock VALUES (1, ?, ?, ?, ?)", (pid, host, _proc_start(pid), _now())
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return taken_over


def _upgrade(conn: sqlite3.Connection) -> None:
    """Bring a session written by an older auditor to this schema, in one transaction
    (version 2 adds ``actions.batch``, for bulk decisions, old rows staying single actions;
    version 3 adds ``findings.confidence``, left empty for the findings already stored)."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(actions)")}
        if "batch" not in columns:
            conn.execute("ALTER TABLE actions ADD COLUMN batch INTEGER")
        conn.execute("CREATE INDEX IF NOT EXISTS actions_batch ON actions(batch)")
        if not _has_confidence(conn):
            conn.execute("ALTER TABLE findings ADD COLUMN confidence REAL")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _loc_cols(loc: Loc | None) -> tuple[str | None, int | None, int | None]:
    return (loc.path, loc.first, loc.last) if loc else (None, None, None)


def _insert_findings(
    conn: sqlite3.Connection, index: int, findings: Iterable[Finding], edit: int | None
) -> list[int]:
    fids = []
    for order, f in enumerate(findings):
        ss, se = f.source_span or (None, None)
        ts, te = f.target_span or (None, None)
        cur = conn.execute(
            "INSERT INTO findings(seg, ord, edit, rule, category, severity, mqm, message, "
            "src_start, src_end, tgt_start, tgt_end, expected, found, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                index,
                order,
                edit,
                f.rule,
                f.category,
                f.severity,
                f.mqm,
                f.message,
                ss,
                se,
                ts,
                te,
                f.expected,
                f.found,
                f.confidence,
            ),
        )
        fids.append(cur.lastrowid)
    return fids  # type: ignore[return-value]


def _insert_report(conn: sqlite3.Connection, report: Report) -> None:
    conn.executemany(
        "INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                i,
                r.segment.id,
                r.segment.source,
                r.segment.target,
                *_loc_cols(r.segment.source_loc),
                *_loc_cols(r.segment.target_loc),
                r.segment.align_type,
                r.segment.align_score,
            )
            for i, r in enumerate(report.results)
        ),
    )
    at = _now()
    for index, result in enumerate(report.results):
        if not result.findings and result.post_edit is None:
            continue
        fids = _insert_findings(conn, index, result.findings, None)
        # A reviewed report carries decisions and post-edits: keep them as actions.
        for fid, decision in zip(fids, result.decisions or (), strict=False):
            if decision.status != "open":
                conn.execute(
                    "INSERT INTO actions(at, kind, seg, fid, status, reason) VALUES (?, 'decision', ?, ?, ?, ?)",
                    (at, index, fid, decision.status, decision.reason),
                )
        if result.post_edit is not None:
            # The report holds only the findings in force, i.e. after the post-edit: the
            # edit's findings are the same rows (there is no record of the original ones).
            cur = conn.execute(
                "INSERT INTO actions(at, kind, seg, text) VALUES (?, 'edit', ?, ?)",
                (at, index, result.post_edit),
            )
            conn.executemany(
                "UPDATE findings SET edit = ? WHERE fid = ?", [(cur.lastrowid, f) for f in fids]
            )


_FINDING_COLS = (
    "fid, seg, edit, rule, category, severity, mqm, message, "
    "src_start, src_end, tgt_start, tgt_end, expected, found"
)


def _has_confidence(conn: sqlite3.Connection) -> bool:
    """Whether the findings table has its ``confidence`` column (sessions made before it
    was added lack it until opened for review; read-only readers go without)."""
    return any(row[1] == "confidence" for row in conn.execute("PRAGMA table_info(findings)"))


def _load_views(
    conn: sqlite3.Connection,
    lo: int | None,
    hi: int | None,
    progress: Callable[[int, int], None] | None = None,
) -> list[SegmentView]:
    """Views of segments ``lo <= idx < hi`` (all when ``lo`` is None), in four queries."""
    window, args = ("", ()) if lo is None else (" AND seg >= ? AND seg < ?", (lo, hi))
    edits: dict[int, tuple[int, str]] = {}
    for aid, seg, text in conn.execute(
        "SELECT aid, seg, text FROM actions WHERE kind = 'edit' AND undone_at IS NULL"
        + window
        + " ORDER BY aid",
        args,
    ):
        edits[seg] = (aid, text)
    decisions: dict[int, Decision] = {}
    for fid, status, reason in conn.execute(
        "SELECT fid, status, reason FROM actions WHERE kind = 'decision' AND undone_at IS NULL"
        + window
        + " ORDER BY aid",
        args,
    ):
        decisions[fid] = Decision(status, reason)
    found: dict[int, list[tuple[int, Finding]]] = {}
    for row in conn.execute(
        f"SELECT {_FINDING_COLS}, {'confidence' if _has_confidence(conn) else 'NULL'} "
        "FROM findings WHERE 1=1" + window + " ORDER BY seg, ord",
        args,
    ):
        fid, seg, edit = row[0], row[1], row[2]
        current = edits.get(seg)
        if edit != (current[0] if current else None):
            continue
        found.setdefault(seg, []).append(
            (
                fid,
                Finding(
                    rule=row[3],
                    category=row[4],
                    severity=row[5],
                    mqm=row[6],
                    message=row[7],
                    source_span=(row[8], row[9]) if row[8] is not None else None,
                    target_span=(row[10], row[11]) if row[10] is not None else None,
                    expected=row[12],
                    found=row[13],
                    confidence=row[14],
                ),
            )
        )
    sql = "SELECT * FROM segments" + ("" if lo is None else " WHERE idx >= ? AND idx < ?")
    total = _segment_count(conn) if progress else 0
    views: list[SegmentView] = []
    for idx, sid, src, tgt, sp, sf, sl, tp, tf, tl, atype, ascore in conn.execute(
        sql + " ORDER BY idx", args
    ):
        segment = Segment(
            sid,
            src,
            tgt,
            Loc(sp, sf, sl) if sp is not None else None,
            Loc(tp, tf, tl) if tp is not None else None,
            atype,
            ascore,
        )
        pairs = found.get(idx, ())
        edit = edits.get(idx)
        views.append(
            SegmentView(
                index=idx,
                segment=segment,
                findings=tuple(f for _, f in pairs),
                fids=tuple(fid for fid, _ in pairs),
                decisions=tuple(decisions.get(fid, Decision()) for fid, _ in pairs),
                post_edit=edit[1] if edit else None,
            )
        )
        if progress is not None and len(views) % 5000 == 0:
            progress(len(views), total)
    if progress is not None:
        progress(len(views), total)
    return views


def _segment_count(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'segments'").fetchone()
    if row is not None:
        return int(row[0])
    return conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0]


#: The findings in force (those of the live post-edit, else the original ones) with their
#: current review status: what filters, "next open" and the progress counts are made of.
_CURRENT = """
WITH cur_edit AS (
    SELECT seg, MAX(aid) AS aid FROM actions
    WHERE kind = 'edit' AND undone_at IS NULL GROUP BY seg),
cur_dec AS (
    SELECT fid, status FROM actions WHERE aid IN (
        SELECT MAX(aid) FROM actions
        WHERE kind = 'decision' AND undone_at IS NULL GROUP BY fid)),
cur AS (
    SELECT f.seg, f.fid, f.rule, f.category, f.severity, f.expected, f.found,
           COALESCE(d.status, 'open') AS status
    FROM findings f LEFT JOIN cur_edit e ON e.seg = f.seg LEFT JOIN cur_dec d ON d.fid = f.fid
    WHERE f.edit IS e.aid)
"""

_SEVERITY_SQL = (
    "CASE severity WHEN 'minor' THEN 1 WHEN 'major' THEN 2 WHEN 'critical' THEN 3 ELSE 0 END"
)


def _open_segments(conn: sqlite3.Connection) -> list[int]:
    return [
        seg
        for (seg,) in conn.execute(
            _CURRENT + "SELECT DISTINCT seg FROM cur WHERE status = 'open' ORDER BY seg"
        )
    ]


def _summary(conn: sqlite3.Connection) -> dict[str, int]:
    flagged, findings, open_, open_segs = conn.execute(
        _CURRENT + "SELECT COUNT(DISTINCT seg), COUNT(*), "
        "COALESCE(SUM(status = 'open'), 0), COUNT(DISTINCT CASE WHEN status = 'open' THEN seg END) FROM cur"
    ).fetchone()
    edited = conn.execute(
        "SELECT COUNT(DISTINCT seg) FROM actions a WHERE kind = 'edit' AND undone_at IS NULL"
    ).fetchone()[0]
    out = {
        "total": _segment_count(conn),
        "flagged": flagged,
        "reviewed": flagged - open_segs,
        "findings": findings,
        "open": open_,
        "edited": edited,
    }
    # Findings that count for a quality score: all but the dismissed ones, by severity.
    for severity in ("minor", "major", "critical"):
        out[f"counted_{severity}"] = 0
    for severity, n in conn.execute(
        _CURRENT
        + "SELECT severity, COUNT(*) FROM cur WHERE status != 'dismissed' GROUP BY severity"
    ):
        out[f"counted_{severity}"] = n
    row = conn.execute("SELECT value FROM meta WHERE key = 'words'").fetchone()
    out["words"] = (
        int(row[0])
        if row
        else sum(len((src or "").split()) for (src,) in conn.execute("SELECT source FROM segments"))
    )
    return out


def _find_segments(
    conn: sqlite3.Connection,
    category: str | None = None,
    rule: str | None = None,
    severity: str | None = None,
    status: str | None = None,
    search: str = "",
    min_confidence: float | None = None,
) -> list[int]:
    """Indices of the segments a filter keeps (see ``tui.state.Filters`` for the meaning)."""
    keep: set[int] | None = None

    def narrow(segs: Iterable[int]) -> None:
        nonlocal keep
        keep = set(segs) if keep is None else keep & set(segs)

    if search:
        needle = search.casefold()
        narrow(
            seg
            for (seg,) in conn.execute(
                "SELECT s.idx FROM segments s LEFT JOIN (SELECT seg, text FROM actions a WHERE kind = 'edit' "
                "AND undone_at IS NULL) e ON e.seg = s.idx "
                "WHERE instr(lower(s.source), ?1) OR instr(lower(s.target), ?1) OR instr(lower(e.text), ?1)",
                (needle,),
            )
        )
    if status == "edited":
        narrow(
            seg
            for (seg,) in conn.execute(
                "SELECT seg FROM actions WHERE kind = 'edit' AND undone_at IS NULL"
            )
        )
    finding_status = status if status in ("open", "confirmed", "dismissed") else None
    conds: list[str] = []
    args: list[object] = []
    if category:
        conds.append("category = ?")
        args.append(category)
    if rule:
        conds.append("substr(rule, 1, ?) = ?")
        args += [len(rule), rule]
    if severity:
        conds.append(f"{_SEVERITY_SQL} >= ?")
        args.append({"minor": 1, "major": 2, "critical": 3}[severity])
    if finding_status:
        conds.append("status = ?")
        args.append(finding_status)
    if min_confidence is not None:
        conds.append(
            "fid IN (SELECT fid FROM findings WHERE confidence IS NULL OR confidence >= ?)"
        )
        args.append(min_confidence)
    if status == "clean":
        if conds:
            return []
        flagged = {seg for (seg,) in conn.execute(_CURRENT + "SELECT DISTINCT seg FROM cur")}
        candidates = keep if keep is not None else range(_segment_count(conn))
        return sorted(seg for seg in candidates if seg not in flagged)
    if conds or status == "flagged":
        where = " WHERE " + " AND ".join(conds) if conds else ""
        narrow(
            seg for (seg,) in conn.execute(_CURRENT + "SELECT DISTINCT seg FROM cur" + where, args)
        )
    if keep is None:
        return list(range(_segment_count(conn)))
    return sorted(keep)


def _report(conn: sqlite3.Connection) -> Report:
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    views = _load_views(conn, None, None)
    return Report(
        inputs=tuple(InputInfo(i["path"], i["format"]) for i in json.loads(meta["inputs"])),
        glossaries=tuple(json.loads(meta["glossaries"])),
        results=tuple(v.result() for v in views),
        tool_version=meta.get("tool_version", "0.1.0"),
        reviewed=True,
    )


def session_options(path: str | Path) -> AuditOptions:
    """The audit options a session was made with, read-only (no lock)."""
    conn = _connect(Path(path), readonly=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'options'").fetchone()
    finally:
        conn.close()
    return AuditOptions.from_json(json.loads(row[0])) if row else AuditOptions()


def load_report(path: str | Path) -> Report:
    """The report of a session with every decision and post-edit, read-only.

    Needs no lock: a report can be written while a review is running.
    """
    conn = _connect(Path(path), readonly=True)
    try:
        return _report(conn)
    except sqlite3.DatabaseError as exc:
        raise InputError(
            f"session file is corrupt ({exc}); it was left untouched", str(path)
        ) from None
    finally:
        conn.close()


__all__ = [
    "Session",
    "SessionLocked",
    "SegmentView",
    "Action",
    "SimilarFinding",
    "load_report",
    "session_options",
    "default_session_path",
    "is_sqlite_file",
    "APPLICATION_ID",
]
