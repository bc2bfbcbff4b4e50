"""``python -m auditor.precommit FILE...``: ``auditor check`` on every file pre-commit passes.

``auditor check`` audits one input; a pre-commit hook receives every changed translation
file at once. Each is checked with the project's configuration (found above it, as
``auditor check`` finds it); findings print as text, and the exit code is the worst of
the runs (2 for bad input beats 1 for findings beats 0).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from auditor.cli import main as auditor_main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor-precommit", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("files", nargs="*", metavar="FILE")
    parser.add_argument("--config", metavar="PATH")
    parser.add_argument("--isolated", action="store_true")
    parser.add_argument("--fail-on", choices=["minor", "major", "critical", "never"])
    parser.add_argument("--select", metavar="CODES")
    parser.add_argument("--ignore", metavar="CODES")
    parser.add_argument("--locale", choices=["zh-TW", "zh-CN"])
    parser.add_argument("--glossary", action="append", default=[], metavar="PATH")
    return parser


def check_args(args: argparse.Namespace, path: str) -> list[str]:
    argv = ["check", path, "--quiet", "--jobs", "1"]
    for flag, value in (
        ("--config", args.config),
        ("--fail-on", args.fail_on),
        ("--select", args.select),
        ("--ignore", args.ignore),
        ("--locale", args.locale),
    ):
        if value:
            argv += [flag, value]
    for glossary in args.glossary:
        argv += ["--glossary", glossary]
    if args.isolated:
        argv.append("--isolated")
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    worst = 0
    for path in args.files:
        code = auditor_main(check_args(args, path))
        worst = 2 if 2 in (code, worst) else max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(main())
