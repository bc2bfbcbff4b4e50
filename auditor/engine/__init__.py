"""Engines run the checks: in this process, in local worker processes, or on Dask.

Every engine is the same small interface (:class:`~auditor.engine.run.Engine`: map a
function over work items, results in input order), and the checks run on it one way
(:func:`~auditor.engine.run.check_work`), so the output does not depend on the engine or
the number of workers. :mod:`auditor.pipeline` picks the engine. See docs/scaling.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from auditor.checks.base import CheckContext
from auditor.engine.batch import BATCH_SIZE, SegmentBatch, batched, check_batch, combine_facts
from auditor.engine.in_process import InProcess
from auditor.engine.run import Engine, check_work
from auditor.model import Segment, SegmentResult
from auditor.options import Progress, Selection

ENGINES: tuple[str, ...] = ("local", "dask")


def check_stream(
    segments: Iterable[Segment],
    ctx: CheckContext,
    selection: Selection,
    *,
    engine: Engine | None = None,
    batch_size: int | None = None,
    progress: Progress | None = None,
    total: int | None = None,
) -> Iterator[SegmentResult]:
    """Every segment's result, in input order, on ``engine`` (default: this process)."""
    work = batched(segments, batch_size)
    for results in check_work(
        engine or InProcess(),
        work,
        ctx,
        selection,
        list,
        progress=progress,
        total=total,
        finish_here=True,
    ):
        yield from results


__all__ = [
    "BATCH_SIZE",
    "ENGINES",
    "Engine",
    "InProcess",
    "SegmentBatch",
    "check_batch",
    "check_stream",
    "check_work",
    "combine_facts",
]
