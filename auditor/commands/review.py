"""``auditor review FILE``: open the review app on a bilingual file, a session or a JSON report.

- a bilingual file: audited once, then reviewed in ``FILE.audit.sqlite`` (or ``--session``);
  when that session exists it is reopened where the reviewer left off;
- a session file: reopened as it is;
- a JSON report (``auditor check --format json``): its findings are reviewed in a session
  beside it.

The Textual app is imported only here, when the command runs: the library never needs it.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from auditor.commands.common import (
    add_input_arguments,
    add_rule_arguments,
    judged_options,
    stderr_progress,
)
from auditor.commands.settings import add_project_arguments, project_options
from auditor.model import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "review", help="review findings in the terminal app (saved as you go)"
    )
    add_input_arguments(p)
    add_rule_arguments(p)
    p.add_argument(
        "--session",
        metavar="PATH",
        help="session file (default: FILE.audit.sqlite beside the input)",
    )
    p.add_argument(
        "--break-lock",
        action="store_true",
        help="take over the lock of a review started on another machine (this "
        "machine cannot check it is gone); a review alive here is never overridden",
    )
    p.add_argument(
        "--theme", choices=["dark", "light"], default="dark", help="colour theme (default: dark)"
    )
    add_project_arguments(p)
    p.set_defaults(func=run)


def _digest(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _is_json_report(path: str) -> bool:
    if not path.lower().endswith(".json"):
        return False
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return '"auditor-report/' in fh.read(4096)
    except (OSError, UnicodeDecodeError):
        return False


def open_session(args: argparse.Namespace):  # -> auditor.session.Session
    """The session to review: opened, or created by auditing the input first."""
    from auditor.pipeline import audit
    from auditor.report.json_report import read_report_json
    from auditor.session import Session, default_session_path, is_sqlite_file

    path = args.path or args.source
    if path and not (args.source or args.target) and is_sqlite_file(path):
        if args.session:
            raise InputError("give either a session file or --session, not both")
        return Session.open(path, break_lock=args.break_lock)
    path, options = project_options(args)  # the project's checklist, severities, suppressions
    options = judged_options(args, path, options)
    session_path = Path(args.session) if args.session else default_session_path(path)
    if session_path.exists():
        session = Session.open(session_path, break_lock=args.break_lock)
        digest = _digest(path)
        if session.input_digest and digest and digest != session.input_digest:
            print(
                f"auditor: warning: {path} changed since {session_path} was made; "
                "reviewing the session as it was (delete it to audit again)",
                file=sys.stderr,
            )
        return session
    if _is_json_report(path):
        report = read_report_json(path)
    else:
        report = audit(path, options, progress=stderr_progress(True))
    return Session.create(session_path, report, options, input_digest=_digest(path))


def run(args: argparse.Namespace) -> int:
    session = open_session(args)
    if session.lock_note:
        print(f"auditor: {session.lock_note}", file=sys.stderr)
    try:
        from tui.app import ReviewApp

        app = ReviewApp(session, theme=f"textual-{args.theme}")
        app.run()
    finally:
        session.close()
    print(f"auditor: review saved in {session.path}", file=sys.stderr)
    return 0
