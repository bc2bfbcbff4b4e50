"""The ``auditor`` command: argument parsing and exit codes only.

Exit codes (like ruff): 0 clean, 1 findings at or above the threshold, 2 usage or input
error. Bad input is reported as one line naming the file and line, never a traceback.
Each sub-command lives in ``auditor/commands/`` and registers its own parser.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from auditor import __version__
from auditor.model import InputError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

#: Modules under ``auditor.commands`` that each define ``register(subparsers)``; the
#: registered parser sets ``func(args) -> int``.
COMMANDS: tuple[str, ...] = ("check", "align", "rules", "review", "report", "export", "glossary", "checklist")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its message short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="auditor",
        description="Audit Chinese machine translations of English semiconductor text.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMANDS:
        module = importlib.import_module(f"auditor.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as exc:
        print(f"auditor: error: {exc.describe()}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
