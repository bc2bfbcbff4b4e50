"""The local engine with the input read in the workers: a JSONL or TSV file in partitions.

Read in this process, every segment is built here, pickled to a worker, its findings
pickled back and pickled again onto the spool: with two workers this process then needs
a core of its own for a sixth of the run. A file whose records are one per line is cut
at line feeds instead, as the Dask engine cuts it (:mod:`auditor.engine.partitions`):
the workers count the partitions (the first pass, for the segment ids and the speaker
names), then each reads, numbers and checks its own and sends back its results already
pickled for the spool. Segments, ids and findings are the same as reading in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import islice
from typing import TypeVar

from auditor.checks.base import CheckContext
from auditor.engine import local
from auditor.engine.batch import BatchResult, Facts, check_batch, has_document_rules
from auditor.engine.partitions import (
    PARTITIONED_FORMATS,
    Partition,
    PartitionCount,
    PartitionJob,
    count_partition,
    header_columns,
    owned_segments,
    plan_jobs,
    plan_partitions,
)
from auditor.engine.stream import Progress, Spooled, finish_spooled, pickle_results, ticker
from auditor.formats import ReaderOptions
from auditor.formats.base import input_file
from auditor.formats.delimited import Columns
from auditor.model import InputError, Segment, SegmentResult
from auditor.names import DocName, merge_names
from auditor.options import Selection

T = TypeVar("T")

#: Bytes per partition: about a batch of segments (some 1,500 pairs of a transcript), so
#: the work spreads evenly and the results in flight stay small.
PARTITION_BYTES = 1 << 20


def plan_in_workers(
    path: str, fmt: str, options: ReaderOptions, jobs: int
) -> tuple[list[PartitionJob], frozenset[DocName]] | None:
    """Partition jobs for the file and the speaker names in it, counted in ``jobs``
    worker processes; ``None`` when the file must be read in order in this process: one
    job, a format whose records may span lines, UTF-16, or input the readers refuse (the
    in-order reader then reports it with its exact line and offset)."""
    if jobs < 2 or fmt not in PARTITIONED_FORMATS:
        return None
    try:
        if input_file(path).stat().st_size == 0:
            return None
        parts = plan_partitions(path, fmt, PARTITION_BYTES)
        columns = header_columns(path, fmt, options)
    except (InputError, OSError):
        return None
    counting = local.map_ordered(partial(_count, options=options, columns=columns), parts, jobs)
    counts: list[PartitionCount] = []
    for _, count in counting:
        if count is None:
            return None
        counts.append(count)
    if sum(c.segments for c in counts) == 0:
        return None
    names = merge_names(c.names for c in counts)
    return plan_jobs(parts, counts, options, columns), names


def _count(
    part: Partition, options: ReaderOptions, columns: Columns | None
) -> PartitionCount | None:
    """:func:`count_partition`, or ``None`` when the readers refuse the partition."""
    try:
        return count_partition(part, options, columns)
    except InputError:
        return None


def check_partitions_finished(
    jobs_planned: list[PartitionJob],
    ctx: CheckContext,
    selection: Selection,
    finish: Callable[[list[SegmentResult]], T],
    *,
    jobs: int,
    scored: bool = False,
    progress: Progress | None = None,
    finish_in_workers: bool = True,
) -> Iterator[T]:
    """``finish`` of each partition's results, in input order: what
    :func:`auditor.engine.stream.check_stream_finished` gives for the same file read in
    order (``scored``: with the aligner's pair scores, for a JSON report). Without
    document-level rules ``finish`` runs in the workers whatever ``finish_in_workers``
    says: their results come back to this process anyway."""
    total = jobs_planned[0].total if jobs_planned else 0
    tick = ticker(progress, total)
    # Checking a few segments here first builds the checkers' one-off state in this
    # process; the workers forked from it inherit it (see local.run_local).
    first = next((j for j in jobs_planned if j.take), None)
    if first is not None:
        warm = list(_segments(first, ctx, scored, local.WARM_UP))
        check_batch(warm, ctx, selection, first.owned_start)
    init = (ctx, selection, scored)
    if not has_document_rules(selection):
        work = partial(_check_and_finish, finish)
        for _, (size, finished) in local.map_ordered(
            work, jobs_planned, jobs, initializer=_init_worker, initargs=init
        ):
            tick(size)
            yield finished
        return
    checked: Iterator[Spooled] = (
        spooled
        for _, spooled in local.map_ordered(
            _check_and_pickle, jobs_planned, jobs, initializer=_init_worker, initargs=init
        )
    )
    yield from finish_spooled(
        checked, ctx, selection, finish, jobs if finish_in_workers else 1, tick
    )


# --- in the worker processes ------------------------------------------------------------

_STATE: tuple[CheckContext, Selection, bool] | None = None


def _init_worker(ctx: CheckContext, selection: Selection, scored: bool) -> None:
    global _STATE
    _STATE = (ctx, selection, scored)


def _segments(
    job: PartitionJob, ctx: CheckContext, scored: bool, limit: int | None = None
) -> Iterator[Segment]:
    return islice(owned_segments(job, ctx.termbase, scored=scored), limit)


def _checked(job: PartitionJob) -> tuple[list[SegmentResult], dict[str, Facts]]:
    assert _STATE is not None, "worker not initialised"
    ctx, selection, scored = _STATE
    segments = list(_segments(job, ctx, scored))
    batch: BatchResult = check_batch(segments, ctx, selection, job.owned_start)
    return batch.results(segments), batch.facts


def _check_and_pickle(job: PartitionJob) -> Spooled:
    results, facts = _checked(job)
    return len(results), pickle_results(results), facts


def _check_and_finish(
    finish: Callable[[list[SegmentResult]], T], job: PartitionJob
) -> tuple[int, T]:
    results, _ = _checked(job)
    return len(results), finish(results)
