"""Arguments and helpers shared by the commands that run an audit (check, review)."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from auditor.checks.registry import unknown_codes
from auditor.commands.locale_choice import choose_locale, script_against_locale
from auditor.formats import input_formats
from auditor.formats.piped import buffered_input
from auditor.model import InputError
from auditor.options import DEFAULT_MAX_PER_RULE, AuditOptions, Selection


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="?",
        help="bilingual input file (format from extension or content); '-' reads standard input",
    )
    parser.add_argument("--source", metavar="EN_FILE", help="English file of a two-file input")
    parser.add_argument("--target", metavar="ZH_FILE", help="Chinese file of a two-file input")
    parser.add_argument("--input-format", choices=input_formats(), help="override format detection")
    parser.add_argument(
        "--source-col",
        default=None,
        help="TSV/CSV column or JSONL key of the English text (default: en, else the first)",
    )
    parser.add_argument(
        "--target-col",
        default=None,
        help="TSV/CSV column or JSONL key of the Chinese text (default: zh, else the second)",
    )


def add_rule_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary",
        action="append",
        default=[],
        metavar="PATH",
        help="project glossary layered over the shipped termbase (repeatable)",
    )
    parser.add_argument(
        "--no-default-glossary",
        action="store_true",
        help="do not load the shipped semiconductor termbase",
    )
    parser.add_argument(
        "--select",
        type=_codes,
        default=[],
        metavar="CODES",
        help="run only these rules (codes or prefixes, comma-separated)",
    )
    parser.add_argument(
        "--ignore",
        type=_codes,
        default=[],
        metavar="CODES",
        help="skip these rules (codes or prefixes, comma-separated)",
    )
    parser.add_argument(
        "--max-per-rule",
        type=_count,
        default=DEFAULT_MAX_PER_RULE,
        metavar="N",
        help="list at most N findings of one rule per segment, then one finding "
        f"with the count of the rest (default: {DEFAULT_MAX_PER_RULE}; 0: all)",
    )
    parser.add_argument(
        "--locale",
        choices=["zh-TW", "zh-CN"],
        default=None,
        help="target locale of the translation (default: what an XLIFF or TMX "
        "file declares, else zh-TW)",
    )


def options_from_args(args: argparse.Namespace) -> tuple[str, AuditOptions]:
    """The input path and audit options, or an InputError the user can act on."""
    bad = unknown_codes([*args.select, *args.ignore])
    if bad:
        raise InputError(f"unknown rule code or prefix: {', '.join(bad)} (see `auditor rules`)")
    refuse_broken_glossaries(args.glossary)
    if args.source or args.target:
        if not (args.source and args.target):
            raise InputError("--source and --target go together (English file, Chinese file)")
        if args.path:
            raise InputError("give either PATH or --source/--target, not both")
        if args.source == args.target == "-":
            raise InputError("only one of --source and --target can be '-' (standard input)")
        path, target = buffered_input(args.source), buffered_input(args.target)
    else:
        if not args.path:
            raise InputError("no input: give a bilingual PATH or --source EN_FILE --target ZH_FILE")
        path, target = buffered_input(args.path), None
    options = AuditOptions(
        input_format=args.input_format,
        target_path=target,
        glossaries=tuple(args.glossary),
        use_default_glossary=not args.no_default_glossary,
        selection=Selection(tuple(args.select), tuple(args.ignore)),
        columns=(args.source_col, args.target_col),
        max_per_rule=getattr(args, "max_per_rule", DEFAULT_MAX_PER_RULE),
    )
    options = replace(options, target_locale=choose_locale(args.locale, path, options).locale)
    return path, options


def refuse_broken_glossaries(paths: list[str]) -> None:
    """Stop before auditing with a project glossary that ``auditor glossary lint`` calls
    broken (any error, not only those that make it unreadable): its problems are printed
    exactly as the linter prints them. An audit against a wrong glossary reports wrong
    findings with confidence."""
    if not paths:
        return
    from glossary import GlossaryError
    from glossary.lint import lint_paths

    try:
        result = lint_paths(paths)
    except GlossaryError:  # unreadable: loading it says so, in one line
        return
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:
        for problem in errors:
            print(problem.describe(), file=sys.stderr)
        raise InputError(
            f"{len(errors)} error(s) in the glossary (as `auditor glossary lint` reports them); "
            "fix them before auditing with it"
        )


def judged_options(args: argparse.Namespace, path: str, options: AuditOptions) -> AuditOptions:
    """:func:`options_from_args` after a look at the translations' script: when most are
    in the other script than the locale's, one note instead of a LOC001 per segment
    (see :mod:`auditor.commands.locale_choice`)."""
    choice = choose_locale(args.locale, path, options)
    return script_against_locale(path, options, choice, quiet=getattr(args, "quiet", False))


#: Without a terminal, a long run says how far it got this often (seconds).
PROGRESS_EVERY = 5.0


def stderr_progress(enabled: bool, every: float = PROGRESS_EVERY):
    """A progress callback: on a terminal one line redrawn in place; otherwise (a CI
    log) a short line every ``every`` seconds once the run has taken that long."""
    if not enabled:
        return None
    if sys.stderr.isatty():

        def progress(done: int, total: int) -> None:
            end = "\n" if done == total else ""
            print(f"\rchecking {done}/{total} segments", end=end, file=sys.stderr, flush=True)

        return progress
    next_at = time.monotonic() + every

    def logged(done: int, total: int) -> None:
        nonlocal next_at
        now = time.monotonic()
        if now >= next_at and done < total:
            print(f"auditor: checked {done:,} of {total:,} segments", file=sys.stderr, flush=True)
            next_at = now + every

    return logged


def output_dir(path: Path) -> Path:
    """``--output-dir``, made if missing: a folder that cannot be made is the user's to fix."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output directory: {exc.strerror}", str(path)) from None
    return path


def closing_summary(quiet: bool, written: list[str], segments: int, findings: int) -> None:
    """What a run wrote where, and what it found (stderr; a CI log's last word on it).
    Said whenever files were written, and for a report on stdout when stderr is not a
    terminal; never with ``--quiet``."""
    if quiet or (not written and sys.stderr.isatty()):
        return
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    where = "" if written else "; report on stdout"
    print(
        f"auditor: {_count_of(segments, 'segment')} checked, {_count_of(findings, 'finding')}{where}",
        file=sys.stderr,
    )


def _count_of(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
