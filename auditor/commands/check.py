"""``auditor check``: audit a bilingual file and report findings (the CI entry point).

Exit status: 0 clean, 1 when a finding reaches ``--fail-on`` or the MQM score is below
``--pass-threshold``, 2 for bad usage or input. With ``--pass-threshold`` alone only the score
decides; with both, either fails the check. ``--write-baseline`` records the current findings
and exits 0 (it is how a team adopts the check); ``--baseline`` then reports only new ones.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from auditor.baseline import baseline_from_report, load_baseline, new_findings, write_baseline
from auditor.commands.common import (
    add_input_arguments,
    add_rule_arguments,
    closing_summary,
    judged_options,
    options_from_args,
    output_dir,
    stderr_progress,
)
from auditor.commands.outcome import exit_code
from auditor.commands.scale import (
    add_engine_arguments,
    can_stream,
    run_dask_command,
    run_streamed,
    with_jobs,
)
from auditor.commands.settings import (
    add_config_arguments,
    apply_settings,
    load_checklist,
    report_unused,
    resolve_args,
    validate_codes,
    with_project,
)
from auditor.config import describe
from auditor.model import InputError, Report
from auditor.pipeline import audit
from auditor.report import (
    FILE_FORMATS,
    WriterOptions,
    canonical_format,
    get_writer,
    output_formats,
)
from auditor.report.atomic import atomic_output
from auditor.report.tally import Tally
from auditor.scoring import load_references, score_report, with_scores


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("check", help="audit a translation and report its defects")
    add_input_arguments(p)
    add_rule_arguments(p)
    p.add_argument(
        "--format",
        default=None,
        help=f"output format(s), comma-separated: {', '.join(output_formats())} "
        "(default: text; with --output-dir: every file format)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here (default: stdout)")
    p.add_argument(
        "--output-dir",
        metavar="DIR",
        help="write one report file per format here (report.json, report.html, report.sarif, "
        "report.xml, report.csv, report.md, report.jsonl)",
    )
    p.add_argument(
        "--fail-on",
        choices=["minor", "major", "critical", "never"],
        default=None,
        help="exit 1 when a finding reaches this severity (default: major, "
        "or never when --pass-threshold is given)",
    )
    p.add_argument(
        "--min-confidence",
        type=_confidence,
        default=None,
        metavar="X",
        help="with --fail-on: a finding that carries a confidence (the omission rules "
        "OMI002, OMI003) counts only when its confidence is at least X (0-1); "
        "findings without one always count",
    )
    p.add_argument(
        "--pass-threshold",
        type=float,
        metavar="SCORE",
        help="exit 1 when the MQM score (100 = no penalty) is below SCORE",
    )
    p.add_argument(
        "--reference",
        metavar="FILE",
        help="reference translations (bilingual in any input format, or Chinese only, "
        "one per line): adds BLEU, chrF and TER",
    )
    p.add_argument("--reference-format", metavar="FORMAT", help="input format of --reference")
    p.add_argument(
        "--baseline", metavar="FILE", help="report only findings this baseline does not know"
    )
    p.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record the current findings as the baseline and exit 0",
    )
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    add_engine_arguments(p)
    add_config_arguments(p)
    p.set_defaults(func=run)


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError("--min-confidence must be between 0 and 1")
    return number


def _formats(args: argparse.Namespace) -> list[str]:
    if args.format is None:
        return list(FILE_FORMATS) if args.output_dir else ["text"]
    formats = [canonical_format(f.strip()) for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in output_formats()]
    if unknown or not formats:
        raise InputError(
            f"unknown output format {', '.join(unknown) or '(none)'}; choose from {', '.join(output_formats())}"
        )
    if len(formats) > 1 and not args.output_dir:
        raise InputError("several formats need --output-dir DIR")
    if args.output and args.output_dir:
        raise InputError("give --output FILE or --output-dir DIR, not both")
    return formats


def run(args: argparse.Namespace) -> int:
    settings = resolve_args(args)
    if args.show_settings:
        print(describe(settings), end="")
        return 0
    apply_settings(args, settings)
    checklist = load_checklist(settings, use_default_glossary=not args.no_default_glossary)
    validate_codes(settings)
    formats = _formats(args)
    path, options = options_from_args(args)
    options = with_project(
        judged_options(args, path, with_jobs(args, options)), settings, checklist
    )
    if args.engine == "dask":
        if options.project is not None and options.project.active:
            raise InputError(
                "the Dask engine does not apply a project's checklist, severity overrides "
                "or suppressions: run with --engine local (or --isolated)"
            )
        return run_dask_command(args, path, options, formats)
    # (a threshold of 0 is falsy, but it still needs the scored, gathered report)
    if can_stream(args, formats) and args.pass_threshold is None:
        code = run_streamed(args, path, options, formats, stderr_progress(not args.quiet))
        report_unused(options, settings, args)
        return code
    baseline = load_baseline(args.baseline) if args.baseline else None
    report = audit(path, options, progress=stderr_progress(not args.quiet))
    report_unused(options, settings, args)
    if settings.keep_suppressed:  # the accepted findings carry their status
        report = replace(report, reviewed=True)
    if args.write_baseline:
        write_baseline(baseline_from_report(report), args.write_baseline)
    if baseline is not None:
        report = new_findings(report, baseline)
    references = None
    if args.reference:
        references = load_references(report, args.reference, args.reference_format)
    scores = score_report(report, references, args.pass_threshold, reference_source=args.reference)
    report = with_scores(report, scores)
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not args.output and not args.output_dir
    )
    wopts = WriterOptions(color=color)
    written: list[str] = []
    if args.output_dir:
        out_dir = output_dir(Path(args.output_dir))
        for name in formats:
            writer = get_writer(name)
            _write_file(writer, report, out_dir / writer.FILENAME, wopts)
            written.append(str(out_dir / writer.FILENAME))
    elif args.output:
        _write_file(get_writer(formats[0]), report, Path(args.output), wopts)
        written.append(args.output)
    else:
        get_writer(formats[0]).write(report, sys.stdout, wopts)
    closing_summary(args.quiet, written, len(report.results), len(report.findings))
    if args.write_baseline:
        if not args.quiet:
            print(
                f"wrote baseline {args.write_baseline} ({len(report.findings)} finding(s))",
                file=sys.stderr,
            )
        return 0
    tally = Tally().add_all(report.results)
    return exit_code(
        tally, args.fail_on, args.min_confidence, args.pass_threshold, scores.mqm.score
    )


def _write_file(writer, report: Report, path: Path, options: WriterOptions) -> None:
    """The whole report replaces ``path`` at once; a failed write leaves the old one."""
    with atomic_output(path, "the report") as fh:
        writer.write(report, fh, options)
