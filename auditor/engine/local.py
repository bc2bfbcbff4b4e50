"""The local engine: batches of segments checked in worker processes, results in order.

``jobs == 1`` checks in the calling process (no start-up cost, no copying). With more
jobs a process pool receives the context once (when each worker starts) and then only
batches of segments; at most ``2 * jobs`` batches are in flight, so memory stays
bounded however long the input, and results are yielded in input order whatever order
the workers finish in.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from auditor.checks.base import CheckContext
from auditor.checks.registry import Selection
from auditor.engine.batch import BatchResult, check_batch
from auditor.model import Segment

#: Segments per batch: big enough that pickling and scheduling cost little per segment,
#: small enough that a few batches in flight take little memory.
BATCH_SIZE = 1000

Batch = tuple[int, list[Segment]]
A = TypeVar("A")
R = TypeVar("R")

#: Segments checked in the calling process before workers start (see :func:`run_local`).
WARM_UP = 20


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def batched(segments: Iterable[Segment], size: int = BATCH_SIZE) -> Iterator[Batch]:
    """Consecutive batches ``(index of the first segment, segments)``."""
    batch: list[Segment] = []
    start = 0
    for segment in segments:
        batch.append(segment)
        if len(batch) == size:
            yield start, batch
            start += size
            batch = []
    if batch:
        yield start, batch


# Worker-process state, set once by the pool initializer.
_CTX: CheckContext | None = None
_SELECTION: Selection | None = None


def _init_worker(ctx: CheckContext, selection: Selection) -> None:
    global _CTX, _SELECTION
    _CTX, _SELECTION = ctx, selection


def _check_in_worker(start: int, segments: Sequence[Segment]) -> BatchResult:
    assert _CTX is not None and _SELECTION is not None, "worker not initialised"
    return check_batch(segments, _CTX, _SELECTION, start)


def run_local(
    batches: Iterable[Batch],
    ctx: CheckContext,
    selection: Selection,
    jobs: int = 1,
) -> Iterator[tuple[list[Segment], BatchResult]]:
    """Check each batch; yield ``(segments, result)`` in the order of ``batches``."""
    batches = iter(batches)
    if jobs <= 1:
        for start, segments in batches:
            yield segments, check_batch(segments, ctx, selection, start)
        return
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:  # one batch: a pool would only add start-up time
        yield first[1], check_batch(first[1], ctx, selection, first[0])
        return
    # Checking a few segments here first builds the checkers' one-off state (compiled
    # patterns, the term matcher, the tokenizer) in this process: workers forked from it
    # inherit that instead of each building its own (~1 s each).
    check_batch(first[1][:WARM_UP], ctx, selection, first[0])
    pending: deque[tuple[list[Segment], Future[BatchResult]]] = deque()
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(ctx, selection))
    try:
        for start, segments in _chain((first, second), batches):
            pending.append((segments, pool.submit(_check_in_worker, start, segments)))
            if len(pending) >= 2 * jobs:
                segs, future = pending.popleft()
                yield segs, future.result()
        while pending:
            segs, future = pending.popleft()
            yield segs, future.result()
    finally:
        for _, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def map_ordered(func: Callable[[A], R], items: Iterable[A], jobs: int) -> Iterator[R]:
    """``func`` over ``items`` in ``jobs`` worker processes, results in input order, at
    most ``2 * jobs`` items in flight (``func`` and the items must pickle)."""
    if jobs <= 1:
        yield from map(func, items)
        return
    pending: deque[Future[R]] = deque()
    pool = ProcessPoolExecutor(jobs)
    try:
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _chain(head: Sequence[Batch], tail: Iterator[Batch]) -> Iterator[Batch]:
    yield from head
    yield from tail
