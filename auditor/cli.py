"""The ``auditor`` command: argument parsing and exit codes only.

Exit codes (like ruff): 0 clean, 1 findings at or above the threshold, 2 usage or input
error (or a worker that died), 130 after Ctrl-C (SIGINT), 143 after SIGTERM. Bad input is reported as one line naming the file and line, never a traceback.
Each sub-command lives in ``auditor/commands/`` and registers its own parser.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

from auditor import __version__
from auditor.model import InputError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
#: 128 + the signal's number, as shells report a process ended by SIGINT / SIGTERM.
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143

#: Modules under ``auditor.commands`` that each define ``register(subparsers)``; the
#: registered parser sets ``func(args) -> int``.
COMMANDS: tuple[str, ...] = (
    "check",
    "align",
    "rules",
    "review",
    "report",
    "export",
    "glossary",
    "checklist",
)
#: Other names a command's parser accepts, by the module that registers it.
ALIASES: dict[str, str] = {"rule": "rules"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 too; keep its message short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; or, when ``argv`` names a command, of that one only
    (each command module imports what its command needs: a one-file check or ``auditor
    rules`` does not pay for importing every other command)."""
    parser = _Parser(
        prog="auditor",
        description="Audit Chinese machine translations of English semiconductor text.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    named = _named_command(argv) if argv is not None else None
    with _collector_paused():
        for name in (named,) if named else COMMANDS:
            module = importlib.import_module(f"auditor.commands.{name}")
            module.register(subparsers)
    return parser


#: Allocations between two collections of the youngest generation, for the program (see
#: :func:`main`); Python's default is 700.
YOUNG_COLLECTION_EVERY = 10_000


class _collector_paused:
    """Imports make modules, classes and functions that live as long as the process:
    while they are made, the cyclic garbage collector would only walk them again and
    again (a tenth of a one-pair check)."""

    def __enter__(self) -> None:
        self._enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._enabled:
            gc.enable()


def _named_command(argv: Sequence[str]) -> str | None:
    """The command module ``argv`` names: its first argument that is not an option (the
    top-level parser has options without values only), if that is a command's name."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    if first in COMMANDS:
        return first
    return ALIASES.get(first or "")


def _release_buffered_inputs() -> None:
    """Remove the copies of piped inputs, if the command read any (the module that makes
    them is imported only by commands that read inputs)."""
    piped = sys.modules.get("auditor.formats.piped")
    if piped is not None:
        piped.release_buffered_inputs()


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so workers are stopped and no output file
    is left half-written (see :mod:`auditor.report.atomic`)."""


_terminated = False


def _on_sigterm(signum: int, frame: object) -> None:
    global _terminated
    _terminated = True
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` names; without ``argv``, as the program (``sys.argv``)."""
    program = argv is None
    if argv is None:
        argv = sys.argv[1:]
        # As the program, what is imported and what the user cache loads live until the
        # process exits: frozen out of the cyclic collector's way (gc.freeze), they cost
        # no later collection anything (a tenth of a one-pair check). Not when ``main`` is
        # called as a library function (tests), whose collector is left as it was.
        from glossary.cache import freeze_after_read  # (glossary's package is not light)

        freeze_after_read()
    parser = build_parser(argv)
    if program:
        gc.freeze()
        # A check allocates millions of short-lived objects (segments, findings, matches)
        # that form no cycles; at Python's default (a young collection every 700
        # allocations) the collector walked them over and over: 0.16 s of a one-job
        # 20,000-pair check, half of it three full collections. Every 10,000 it runs a
        # sixteenth as often and costs half (benchmarks/bench_gc.py).
        gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    # Past a file-size limit (ulimit -f) a write should fail with EFBIG, which we report,
    # rather than the process being killed by SIGXFSZ.
    previous_xfsz = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        code = int(args.func(args))
        if _terminated:  # the exception was swallowed somewhere Python ignores them
            raise Terminated()
        return code
    except InputError as exc:
        print(f"auditor: error: {exc.describe()}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("auditor: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except MemoryError:
        print("auditor: error: out of memory", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
    finally:
        _release_buffered_inputs()
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGXFSZ, previous_xfsz)


if __name__ == "__main__":
    sys.exit(main())
