"""``auditor align``: write the aligned pairs of a bilingual input (a corpus builder).

Any input the auditor reads (interleaved text, two files, TSV, CSV, JSONL, TMX, XLIFF)
comes out as clean pairs in TSV, CSV, JSONL (with each pair's alignment type, score and
lines), TMX 1.4 or XLIFF 1.2 / 2.0. ``--drop-unaligned`` and ``--min-score`` keep only
pairs fit for a translation memory or MT training.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor.align import align_document
from auditor.commands.common import add_input_arguments, options_from_args
from auditor.formats.writers import PAIR_EXTENSIONS, PAIR_FORMATS, write_segments
from auditor.model import InputError, Segment
from auditor.pipeline import load_document, load_termbase
from auditor.report.atomic import atomic_output


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "align",
        help="write the aligned English/Chinese pairs (TSV, CSV, JSONL, TMX, XLIFF)",
        description="Align a bilingual input and write its pairs, e.g. to build a translation memory.",
    )
    add_input_arguments(p)
    p.add_argument(
        "--format",
        choices=PAIR_FORMATS,
        default=None,
        help="output format (default: from the --output extension, else tsv); "
        "xliff is XLIFF 1.2, xliff2 is XLIFF 2.0",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    p.add_argument(
        "--glossary",
        action="append",
        default=[],
        metavar="PATH",
        help="project glossary whose term pairs help the aligner (repeatable)",
    )
    p.add_argument(
        "--no-default-glossary",
        action="store_true",
        help="do not load the shipped semiconductor termbase",
    )
    p.add_argument(
        "--locale",
        choices=["zh-TW", "zh-CN"],
        default="zh-TW",
        help="language tag of the Chinese side in TMX/XLIFF (default: zh-TW)",
    )
    p.add_argument(
        "--drop-unaligned",
        action="store_true",
        help="leave out lines with no counterpart (English or Chinese only)",
    )
    p.add_argument(
        "--min-score",
        type=float,
        default=0.0,
        metavar="X",
        help="leave out pairs whose alignment confidence is below X (0..1)",
    )
    p.set_defaults(func=run, select=[], ignore=[])


def output_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output:
        suffix = Path(args.output).suffix.lower()
        for fmt, ext in PAIR_EXTENSIONS.items():
            if ext == suffix:
                return fmt
    return "tsv"


def keep(segment: Segment, args: argparse.Namespace) -> bool:
    if args.drop_unaligned and (segment.source is None or segment.target is None):
        return False
    return segment.align_score >= args.min_score


def run(args: argparse.Namespace) -> int:
    if not 0.0 <= args.min_score <= 1.0:
        raise InputError(f"--min-score must be between 0 and 1, not {args.min_score}")
    fmt = output_format(args)
    path, options = options_from_args(args)
    document = load_document(path, options)
    segments = [s for s in align_document(document, load_termbase(options)) if keep(s, args)]
    original = Path(document.path).name
    if not args.output:
        write_segments(
            segments, sys.stdout, fmt, target_lang=options.target_locale, original=original
        )
        return 0
    with atomic_output(args.output, "the aligned pairs") as fh:
        write_segments(segments, fh, fmt, target_lang=options.target_locale, original=original)
    return 0
