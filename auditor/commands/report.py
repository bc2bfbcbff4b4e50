"""``auditor report SESSION --format json``: the report of a review session.

Each finding carries its review status and reason, each segment its post-edit. Reads the
session without locking it, so it works while a review is open.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor.commands.common import output_dir
from auditor.model import InputError
from auditor.report import WriterOptions, get_writer, output_formats
from auditor.report.atomic import atomic_output


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("report", help="write the report of a review session")
    p.add_argument("session", metavar="SESSION", help="a review session file (FILE.audit.sqlite)")
    p.add_argument(
        "--format",
        default="json",
        help=f"output format(s), comma-separated: {', '.join(output_formats())}",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here (default: stdout)")
    p.add_argument("--output-dir", metavar="DIR", help="write one report.<ext> per format here")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from auditor.session import load_report

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in output_formats()]
    if unknown or not formats:
        raise InputError(
            f"unknown output format {', '.join(unknown)}; choose from {', '.join(output_formats())}"
        )
    if len(formats) > 1 and not args.output_dir:
        raise InputError("several formats need --output-dir DIR")
    report = load_report(args.session)
    options = WriterOptions()
    if args.output_dir:
        out_dir = output_dir(Path(args.output_dir))
        for name in formats:
            writer = get_writer(name)
            with atomic_output(out_dir / writer.FILENAME, "the report") as fh:
                writer.write(report, fh, options)
    elif args.output:
        with atomic_output(args.output, "the report") as fh:
            get_writer(formats[0]).write(report, fh, options)
    else:
        get_writer(formats[0]).write(report, sys.stdout, options)
    return 0
