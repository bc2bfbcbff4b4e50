"""The local engine with the input read in the workers: a file in partitions.

Read in this process, every segment is built here, pickled to a worker, its findings
pickled back and pickled again onto the spool: with two workers this process then needs
a core of its own for a sixth of the run. A file whose format splits into records is cut
at record boundaries instead, as the Dask engine cuts it
(:mod:`auditor.formats.partitions`): the source plans the partitions (its first pass,
counted in the workers by :func:`auditor.engine.local.map_ordered`, gives the segment
ids and the speaker names, :func:`auditor.source.plan_partition_jobs`), then each worker
reads, numbers and checks its own and sends back its results already pickled for the
spool. Segments, ids and findings are the same as reading in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import islice
from typing import TypeVar

from auditor.checks.base import CheckContext
from auditor.engine import local
from auditor.engine.batch import BatchResult, Facts, check_batch, has_document_rules
from auditor.engine.stream import Progress, Spooled, finish_spooled, pickle_results, ticker
from auditor.model import Segment, SegmentResult
from auditor.options import Selection
from auditor.source import PartitionJob, owned_segments

T = TypeVar("T")


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
