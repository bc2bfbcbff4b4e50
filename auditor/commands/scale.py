"""``auditor check --jobs N --engine local|dask --scheduler ADDRESS``: the scaling flags.

Kept out of :mod:`auditor.commands.check` so that command stays about reports: these
functions add the flags and, when every output streams (JSON Lines, JSON, CSV, SARIF),
run the audit as a stream instead of gathering a Report.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from auditor.commands.common import closing_summary, output_dir
from auditor.commands.outcome import exit_code
from auditor.engine.local import default_jobs
from auditor.model import InputError
from auditor.options import AuditOptions
from auditor.pipeline import open_audit
from auditor.report import get_writer, streams, write_results
from auditor.report.atomic import atomic_output
from auditor.report.jsonl_fast import render as render_jsonl
from auditor.report.tally import Tally


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return jobs


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes for the checks (default: the number of cores)",
    )
    parser.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local processes, or a Dask cluster (needs auditor[dask]; "
        "JSONL partitions to --output-dir)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)",
    )
    parser.add_argument(
        "--scheduler-timeout",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="give up on an unreachable Dask scheduler after this long (default: 10)",
    )


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError("the timeout must be more than 0 seconds")
    return seconds


def with_jobs(args: argparse.Namespace, options: AuditOptions) -> AuditOptions:
    jobs = args.jobs if getattr(args, "jobs", None) is not None else default_jobs()
    return replace(options, jobs=jobs)


#: ``check`` options that do not change what a report holds. Any other option set (say a
#: reference translation or a baseline) shapes the report: then it is gathered whole.
_PLAIN_OPTIONS = frozenset(
    {
        "command",
        "func",
        "path",
        "source",
        "target",
        "input_format",
        "source_col",
        "target_col",
        "glossary",
        "no_default_glossary",
        "select",
        "ignore",
        "locale",
        "format",
        "output",
        "output_dir",
        "fail_on",
        "min_confidence",
        "color",
        "quiet",
        "jobs",
        "engine",
        "scheduler",
        "reference_format",
        "config",
        "isolated",
        "scheduler_timeout",
        "max_per_rule",
    }
)


def can_stream(args: argparse.Namespace, formats: list[str]) -> bool:
    """Every output format streams (JSONL, JSON, CSV, SARIF) and nothing else asks for
    the whole report."""
    if not formats or not all(streams(fmt) for fmt in formats):
        return False
    return not any(value for name, value in vars(args).items() if name not in _PLAIN_OPTIONS)


def run_streamed(
    args: argparse.Namespace, path: str, options: AuditOptions, formats: list[str], progress
) -> int:
    """Check and write each result as it comes, to every format in one pass (memory
    bounded by the batches in flight)."""
    # The pairs' confidence scores show in a JSON report only: the others skip them.
    options = replace(options, align_scores="json" in formats)
    # Each file is written beside its target and replaces it only when the run ends well.
    with ExitStack() as files:
        # Opening reads enough of the input to start: bad input stops the run here.
        stream = files.enter_context(open_audit(path, options, progress))
        targets = _targets(args, formats)
        outputs = []
        for fmt, target in targets:
            fh = files.enter_context(atomic_output(target, "the report")) if target else sys.stdout
            outputs.append((fmt, fh))
        if formats == ["jsonl"]:  # rendered in the workers, a batch at a time
            tally = Tally()
            for text, counts in stream.finished(render_jsonl):
                outputs[0][1].write(text)
                tally.merge(counts)
        else:
            tally = write_results(stream, outputs, stream.head())
    written = [str(target) for _, target in targets if target is not None]
    closing_summary(args.quiet, written, tally.segments, tally.findings)
    return exit_code(tally, args.fail_on, args.min_confidence)


def _targets(args: argparse.Namespace, formats: list[str]) -> list[tuple[str, Path | None]]:
    """Each format and the file it goes to (``None``: standard output)."""
    if not args.output_dir:
        return [(formats[0], Path(args.output) if args.output else None)]
    out_dir = output_dir(Path(args.output_dir))
    return [(fmt, out_dir / get_writer(fmt).FILENAME) for fmt in formats]


def run_dask_command(
    args: argparse.Namespace, path: str, options: AuditOptions, formats: list[str]
) -> int:
    """``--engine dask``: JSON Lines to ``--output-dir``, a ``part-NNNNN.jsonl`` file per
    partition of the input, which concatenated are what ``--format jsonl`` writes."""
    from auditor.formats.base import BUFFERED_INPUTS, input_file

    if formats != ["jsonl"]:
        raise InputError("the Dask engine writes JSONL partitions: use --format jsonl")
    if not args.output_dir:
        raise InputError("the Dask engine writes part-NNNNN.jsonl files: give --output-dir DIR")
    if options.target_path is not None:
        raise InputError("the Dask engine reads one JSONL or TSV file, not --source/--target")
    if path in BUFFERED_INPUTS:
        raise InputError(
            "the Dask workers read the input themselves and cannot see a pipe or standard input: "
            "save it to a file on a file system every worker shares",
            path,
        )
    input_file(path)  # a missing file is this machine's error, not the workers'
    # The workers do not share this process's working directory: give them full paths.
    options = replace(
        options,
        engine="dask",
        scheduler=args.scheduler,
        scheduler_timeout=args.scheduler_timeout,
        align_scores=False,
    )
    out_dir = output_dir(Path(os.path.abspath(args.output_dir)))
    tally = Tally()
    written: list[Path] = []
    with open_audit(os.path.abspath(path), options) as stream:
        for number, (text, counts) in enumerate(stream.finished(render_jsonl)):
            part = out_dir / f"part-{number:05d}.jsonl"
            with atomic_output(part, "the partition") as fh:
                fh.write(text)
            written.append(part)
            tally.merge(counts)
    for stale in out_dir.glob("part-*.jsonl"):
        if stale not in written:
            stale.unlink()
    if not args.quiet:
        print(
            f"auditor: wrote {len(written)} partitions, {tally.segments} segments, "
            f"{tally.findings} findings to {args.output_dir}",
            file=sys.stderr,
        )
    return exit_code(tally, args.fail_on, args.min_confidence)
