"""``auditor export SESSION --format tmx|xliff|tsv``: the corrected bilingual file.

The command line's front of :mod:`auditor.export` (which the review app uses too).
"""

from __future__ import annotations

import argparse
import sys

from auditor.export import BILINGUAL_FORMATS, write_bilingual
from auditor.report.atomic import atomic_output


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export", help="write the corrected bilingual file of a review session"
    )
    p.add_argument("session", metavar="SESSION", help="a review session file (FILE.audit.sqlite)")
    p.add_argument(
        "--format",
        required=True,
        choices=BILINGUAL_FORMATS,
        help="bilingual file format (xliff is XLIFF 1.2, xliff2 is XLIFF 2.0)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    p.add_argument(
        "--locale", default=None, help="language tag of the Chinese side (default: the session's)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from auditor.session import load_report, session_options

    report = load_report(args.session)
    locale = args.locale or session_options(args.session).target_locale
    if args.output:
        with atomic_output(args.output, "the export") as fh:
            write_bilingual(report, args.format, fh, locale)
    else:
        write_bilingual(report, args.format, sys.stdout, locale)
    return 0
