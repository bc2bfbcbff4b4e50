"""``auditor check``: audit a bilingual file and report findings (the CI entry point)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor.commands.common import (
    add_input_arguments,
    add_rule_arguments,
    options_from_args,
    stderr_progress,
)
from auditor.engine.output import STREAMING_FORMATS
from auditor.engine.command import (
    add_engine_arguments,
    can_stream,
    run_dask_command,
    run_streamed,
    with_jobs,
)
from auditor.model import SEVERITY_RANK, InputError
from auditor.pipeline import audit
from auditor.report import WriterOptions, get_writer, output_formats


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("check", help="audit a translation and report its defects")
    add_input_arguments(p)
    add_rule_arguments(p)
    p.add_argument("--format", default="text",
                   help=f"output format(s), comma-separated: {', '.join(output_formats())}")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here (default: stdout)")
    p.add_argument("--output-dir", metavar="DIR", help="write one report.<ext> per format here")
    p.add_argument("--fail-on", choices=["minor", "major", "critical", "never"], default="minor",
                   help="exit 1 when a finding reaches this severity (default: minor)")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    add_engine_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in output_formats() and f not in STREAMING_FORMATS]
    if unknown:
        raise InputError(f"unknown output format {', '.join(unknown)}; choose from {', '.join(output_formats())}")
    if len(formats) > 1 and not args.output_dir:
        raise InputError("several formats need --output-dir DIR")
    path, options = options_from_args(args)
    options = with_jobs(args, options)
    if args.engine == "dask":
        return run_dask_command(args, path, options, formats)
    if can_stream(args, formats):
        return run_streamed(args, path, options, formats[0], stderr_progress(not args.quiet))
    report = audit(path, options, progress=stderr_progress(not args.quiet))
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not args.output)
    wopts = WriterOptions(color=color)
    if args.output_dir:
        out_dir = Path(args.output_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in formats:
            writer = get_writer(name)
            with open(out_dir / writer.FILENAME, "w", encoding="utf-8", newline="") as fh:
                writer.write(report, fh, wopts)
    elif args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            get_writer(formats[0]).write(report, fh, wopts)
    else:
        get_writer(formats[0]).write(report, sys.stdout, wopts)
    if args.fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[args.fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings) else 0
