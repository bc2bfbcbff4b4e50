"""Arguments and helpers shared by the commands that run an audit (check, review)."""

from __future__ import annotations

import argparse
import sys

from auditor.checks.registry import Selection, unknown_codes
from auditor.formats import input_formats
from auditor.model import InputError
from auditor.pipeline import AuditOptions


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", help="bilingual input file (format from extension or content)")
    parser.add_argument("--source", metavar="EN_FILE", help="English file of a two-file input")
    parser.add_argument("--target", metavar="ZH_FILE", help="Chinese file of a two-file input")
    parser.add_argument("--input-format", choices=input_formats(), help="override format detection")
    parser.add_argument("--source-col", default=None, help="TSV/CSV column or JSONL key of the English text (default: en, else the first)")
    parser.add_argument("--target-col", default=None, help="TSV/CSV column or JSONL key of the Chinese text (default: zh, else the second)")


def add_rule_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--glossary", action="append", default=[], metavar="PATH",
                        help="project glossary layered over the shipped termbase (repeatable)")
    parser.add_argument("--no-default-glossary", action="store_true",
                        help="do not load the shipped semiconductor termbase")
    parser.add_argument("--select", type=_codes, default=[], metavar="CODES",
                        help="run only these rules (codes or prefixes, comma-separated)")
    parser.add_argument("--ignore", type=_codes, default=[], metavar="CODES",
                        help="skip these rules (codes or prefixes, comma-separated)")
    parser.add_argument("--locale", choices=["zh-TW", "zh-CN"], default=None,
                        help="target locale of the translation (default: zh-TW)")


def options_from_args(args: argparse.Namespace) -> tuple[str, AuditOptions]:
    """The input path and audit options, or an InputError the user can act on."""
    bad = unknown_codes([*args.select, *args.ignore])
    if bad:
        raise InputError(f"unknown rule code or prefix: {', '.join(bad)} (see `auditor rules`)")
    if args.source or args.target:
        if not (args.source and args.target):
            raise InputError("--source and --target go together (English file, Chinese file)")
        if args.path:
            raise InputError("give either PATH or --source/--target, not both")
        path, target = args.source, args.target
    else:
        if not args.path:
            raise InputError("no input: give a bilingual PATH or --source EN_FILE --target ZH_FILE")
        path, target = args.path, None
    options = AuditOptions(
        input_format=args.input_format,
        target_path=target,
        glossaries=tuple(args.glossary),
        use_default_glossary=not args.no_default_glossary,
        selection=Selection(tuple(args.select), tuple(args.ignore)),
        target_locale=args.locale or "zh-TW",
        columns=(args.source_col, args.target_col),
    )
    return path, options


def stderr_progress(enabled: bool):
    """A progress callback that redraws one line on stderr (only on a terminal)."""
    if not enabled or not sys.stderr.isatty():
        return None

    def progress(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\rchecking {done}/{total} segments", end=end, file=sys.stderr, flush=True)

    return progress
