"""``auditor checklist lint FILE...``: check a team's checklist before it is committed.

Every problem is printed as ``file:line: message`` (a code used twice, an unknown field, a
regular expression that does not compile, a ``term:`` the glossary does not know); exit 2
when there is any, 0 when the checklist is sound. The glossary and locale that ``term:``
patterns resolve against are the project's (its configuration, found above the first
file), unless flags say otherwise.
"""

from __future__ import annotations

import argparse
import sys

from auditor.checks.custom import lint_checklists, needs_termbase, read_checklist
from auditor.config import Flags, resolve
from auditor.model import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "checklist", help="a project's own checks (CUS rules): lint a checklist"
    )
    sub = p.add_subparsers(dest="checklist_command", metavar="ACTION")
    sub.required = True
    lint = sub.add_parser(
        "lint", help="validate checklist files (TOML or TSV); exit 2 on any problem"
    )
    lint.add_argument("files", nargs="+", metavar="FILE")
    lint.add_argument(
        "--glossary",
        action="append",
        default=[],
        metavar="PATH",
        help="glossary that term: patterns resolve against (default: the project's)",
    )
    lint.add_argument(
        "--no-default-glossary",
        action="store_true",
        help="do not load the shipped semiconductor termbase",
    )
    lint.add_argument(
        "--locale",
        choices=["zh-TW", "zh-CN"],
        default=None,
        help="target locale of term: renderings (default: the project's, else zh-TW)",
    )
    lint.add_argument("--config", metavar="PATH", help="the project's configuration file")
    lint.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    lint.set_defaults(func=run_lint)


def run_lint(args: argparse.Namespace) -> int:
    settings = resolve(
        args.files[:1],
        Flags(
            glossaries=tuple(args.glossary),
            locale=args.locale,
            config=args.config,
            isolated=args.isolated,
        ),
    )
    termbase = None
    if needs_termbase(args.files):
        from glossary import GlossaryError, load_termbase

        try:
            termbase = load_termbase(
                settings.glossaries, include_default=not args.no_default_glossary
            )
        except GlossaryError as exc:
            raise InputError(exc.message, exc.path, exc.line) from None
    # (no declared locale to read here: a checklist is linted as Traditional unless told)
    problems = lint_checklists(args.files, termbase, settings.locale or "zh-TW")
    for problem in problems:
        print(problem.describe(), file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {len(args.files)} checklist(s)", file=sys.stderr)
        return 2
    count = sum(len(read_checklist(path)[0]) for path in args.files)
    print(f"{count} check(s) in {len(args.files)} checklist(s): no problems")
    return 0
