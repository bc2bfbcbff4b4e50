"""``auditor glossary``: lint, convert, complete and mine termbases.

- ``lint PATH...``: the CI check (exit 1 on errors, 0 otherwise, 2 for an unreadable file);
- ``convert IN OUT``: TSV <-> CSV <-> TBX, by extension or ``--to``;
- ``fill-cn PATH``: propose zh-CN cells from zh-TW ones for a person to review;
- ``suggest FILE``: candidate entries mined from an aligned bilingual file.

The glossary package raises its own ``GlossaryError`` (it sits below the auditor); it
becomes an ``InputError`` here so the CLI prints one line and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from auditor import __version__
from auditor.model import InputError
from auditor.report.atomic import atomic_output

EXIT_CLEAN, EXIT_FINDINGS = 0, 1


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "glossary", help="lint, convert, complete or mine glossaries (termbases)"
    )
    sub = p.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND", parser_class=type(p))
    sub.required = True

    lint = sub.add_parser("lint", help="check glossary files (for CI and pre-commit)")
    lint.add_argument(
        "paths", nargs="+", metavar="PATH", help="glossary files (.tsv .csv .tbx), layered in order"
    )
    lint.add_argument("--format", choices=["text", "json", "github", "sarif"], default="text")
    lint.add_argument(
        "--output", "-o", metavar="FILE", help="write the result here (default: stdout)"
    )
    lint.add_argument(
        "--with-default",
        action="store_true",
        help="layer PATHs over the shipped termbase and report conflicts with it",
    )
    lint.set_defaults(func=_guarded(run_lint))

    convert = sub.add_parser("convert", help="convert between TSV, CSV and TBX")
    convert.add_argument("input", metavar="IN")
    convert.add_argument("output", metavar="OUT")
    convert.add_argument(
        "--from",
        dest="from_format",
        choices=["tsv", "csv", "tbx"],
        help="input format (default: from IN's extension)",
    )
    convert.add_argument(
        "--to", choices=["tsv", "csv", "tbx"], help="output format (default: from OUT's extension)"
    )
    convert.set_defaults(func=_guarded(run_convert))

    fill = sub.add_parser("fill-cn", help="propose zh-CN renderings from zh-TW ones (OpenCC tw2sp)")
    fill.add_argument("path", metavar="PATH")
    fill.add_argument("--output", "-o", metavar="OUT", help="write the TSV here (default: stdout)")
    fill.set_defaults(func=_guarded(run_fill))

    suggest = sub.add_parser("suggest", help="propose entries mined from an aligned bilingual file")
    suggest.add_argument(
        "path", metavar="FILE", help="bilingual file (any format `auditor check` reads)"
    )
    suggest.add_argument("--input-format", help="override format detection")
    suggest.add_argument(
        "--glossary",
        action="append",
        default=[],
        metavar="PATH",
        help="terms already known (layered over the shipped termbase) are left out",
    )
    suggest.add_argument(
        "--no-default-glossary",
        action="store_true",
        help="do not treat the shipped termbase's terms as known",
    )
    suggest.add_argument(
        "--include-known", action="store_true", help="also list terms already in the glossary"
    )
    suggest.add_argument(
        "--min-count", type=int, default=2, help="least number of segments (default: 2)"
    )
    suggest.add_argument("--top", type=int, default=100, help="how many candidates (default: 100)")
    suggest.add_argument(
        "--locale",
        choices=["zh-TW", "zh-CN"],
        default="zh-TW",
        help="the column the Chinese counterparts go in (default: zh-TW)",
    )
    suggest.add_argument(
        "--output", "-o", metavar="OUT", help="write the TSV here (default: stdout)"
    )
    suggest.set_defaults(func=_guarded(run_suggest))


def _guarded(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn the glossary package's errors into the CLI's one-line, exit-2 errors."""
    from glossary.errors import GlossaryError

    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except GlossaryError as exc:
            raise InputError(exc.message, exc.path, exc.line) from None

    return run


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """stdout, or a file that replaces ``path`` only when the whole result is written."""
    if path is None:
        yield sys.stdout
        return
    with atomic_output(path) as out:
        yield out


def run_lint(args: argparse.Namespace) -> int:
    from glossary.lint import lint_paths
    from glossary.lint_report import render

    result = lint_paths(args.paths, include_default=args.with_default)
    with _output(args.output) as out:
        out.write(render(result, args.format, __version__))
    return EXIT_FINDINGS if result.errors else EXIT_CLEAN


def run_convert(args: argparse.Namespace) -> int:
    from glossary.formats import format_of, read_glossary, write_glossary

    source = read_glossary(args.input, args.from_format)
    fatal = source.fatal
    if fatal is not None:
        raise InputError(
            f"{fatal.message} ({fatal.code}); fix it before converting",
            fatal.path,
            fatal.line or None,
        )
    target_format = format_of(args.output, args.to)
    with _output(args.output) as out:
        write_glossary(
            source.concepts, out, target_format, f"converted by auditor from {args.input}"
        )
    print(
        f"{args.input} -> {args.output}: {len(source.concepts)} concepts ({source.format} to "
        f"{target_format})",
        file=sys.stderr,
    )
    return EXIT_CLEAN


def run_fill(args: argparse.Namespace) -> int:
    from glossary.fill import fill_cn
    from glossary.formats import read_glossary

    result = fill_cn(args.path, read_glossary(args.path))
    with _output(args.output) as out:
        out.write(result.text)
    print(
        f"proposed zh-CN for {result.filled} of {result.concepts} concepts (marked in the 'proposed' "
        "column; review, then clear the mark)",
        file=sys.stderr,
    )
    return EXIT_CLEAN


def run_suggest(args: argparse.Namespace) -> int:
    from auditor.align import align_document
    from auditor.options import AuditOptions
    from auditor.pipeline import load_document
    from glossary import load_termbase
    from glossary.formats import table
    from glossary.model import Concept
    from glossary.suggest import suggest_terms

    if args.min_count < 1 or args.top < 1:
        raise InputError("--min-count and --top must be at least 1")
    termbase = load_termbase(args.glossary, include_default=not args.no_default_glossary)
    document = load_document(args.path, AuditOptions(input_format=args.input_format))
    segments = align_document(document, termbase)
    pairs = [
        (s.source, s.target) for s in segments if s.source and s.target and s.align_type != "copy"
    ]
    candidates = suggest_terms(
        pairs, termbase, min_count=args.min_count, top=args.top, include_known=args.include_known
    )
    concepts, counts = [], []
    for c in candidates:
        rendering = (c.zh,) if c.zh and not c.dnt else ()
        notes = []
        if c.zh:
            notes.append(
                f"kept verbatim in {c.together} of {c.count} segments"
                if c.dnt
                else f"with {c.zh!r} in {c.together} of {c.count} segments (Dice {c.dice:.2f})"
            )
        if c.alternatives:
            notes.append("also " + ", ".join(f"{u} ({n})" for u, n in c.alternatives))
        concepts.append(
            Concept(
                en=c.en,
                zh_tw=rendering if args.locale == "zh-TW" else (),
                zh_cn=rendering if args.locale == "zh-CN" else (),
                dnt=c.dnt,
                note="; ".join(notes),
            )
        )
        counts.append(str(c.count))
    with _output(args.output) as out:
        table.write(concepts, out, "\t", {"count": counts})
    print(
        f"{len(candidates)} candidate entries from {len(pairs)} aligned pairs (review before use)",
        file=sys.stderr,
    )
    return EXIT_CLEAN
