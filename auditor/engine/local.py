"""The local engine: batches of segments checked in worker processes, results in order.

``jobs == 1`` checks in the calling process (no start-up cost, no copying). With more
jobs a process pool receives the context once (when each worker starts) and then only
batches of segments; at most ``2 * jobs`` batches are in flight, so memory stays
bounded however long the input, and results are yielded in input order whatever order
the workers finish in.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import TYPE_CHECKING, TypeVar

from auditor.checks.base import CheckContext
from auditor.engine.batch import BatchResult, check_batch
from auditor.model import InputError, Segment
from auditor.options import Selection
from auditor.signals import release_in_child, signals_held

if TYPE_CHECKING:
    import multiprocessing.process
    from concurrent.futures import Future

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


def _check_in_worker(batch: Batch) -> BatchResult:
    assert _CTX is not None and _SELECTION is not None, "worker not initialised"
    start, segments = batch
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
    work = _chain((first, second), batches)
    for (_, segments), result in map_ordered(
        _check_in_worker, work, jobs, initializer=_init_worker, initargs=(ctx, selection)
    ):
        yield segments, result


def map_ordered(
    func: Callable[[A], R],
    items: Iterable[A],
    jobs: int,
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[object, ...] = (),
) -> Iterator[tuple[A, R]]:
    """``(item, func(item))`` for each item, in input order, computed in ``jobs`` worker
    processes (set up by ``initializer(*initargs)``) with at most ``2 * jobs`` items in
    flight, so memory stays bounded however many items come. ``func`` and the items must
    pickle. With one job, or a single item, ``func`` runs here (after
    ``initializer(*initargs)``, for a single item).

    If the caller stops early (Ctrl-C, SIGTERM, an error) the workers are terminated, not
    left running; a worker that dies (killed, out of memory) raises :class:`WorkerDied`."""
    if jobs <= 1:
        for item in items:
            yield item, func(item)
        return
    items = iter(items)
    first = list(islice(items, 2))
    if len(first) < 2:  # nothing to share out: a pool would only add its start-up
        if first and initializer is not None:
            initializer(*initargs)
        for item in first:
            yield item, func(item)
        return
    # Imported here: a run that starts no pool (one job, a one-pair file) spares the time.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    items = chain(first, items)
    pending: deque[tuple[A, Future[R]]] = deque()
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        jobs, initializer=_init_worker_signals, initargs=(initializer, initargs, os.getpid())
    )
    workers: set[multiprocessing.process.BaseProcess] = set()
    finished = False
    try:
        for item in items:
            if workers:
                pending.append((item, pool.submit(func, item)))
            else:  # the pool starts its processes on the first submit: not to be cut short
                with signals_held():
                    pending.append((item, pool.submit(func, item)))
                    workers = set(multiprocessing.active_children()) - before
            if len(pending) >= 2 * jobs:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
        finished = True
    except BrokenProcessPool:  # from a result, or from submitting to the broken pool
        raise WorkerDied(_death_notice(workers)) from None
    finally:
        for _, future in pending:
            future.cancel()
        if not finished:  # do not wait for batches nobody will read
            for worker in workers:
                if worker.is_alive():
                    worker.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


class WorkerDied(InputError):
    """A worker process ended without returning its work (killed, out of memory)."""


def _death_notice(workers: set[multiprocessing.process.BaseProcess]) -> str:
    """What a user can act on: which worker ended and how."""
    for worker in workers:
        worker.join(timeout=1)
    dead = sorted((w for w in workers if w.exitcode not in (None, 0)), key=lambda w: w.pid or 0)
    if not dead:
        return "a worker process ended abruptly; no report was written"
    worker = dead[0]
    code = worker.exitcode or 0
    how = f"was killed by {_signal_name(-code)}" if code < 0 else f"exited with status {code}"
    return (
        f"worker process {worker.pid} {how} (killed, or out of memory?) while checking; "
        "no report was written"
    )


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _init_worker_signals(
    initializer: Callable[..., object] | None, initargs: tuple[object, ...], parent: int
) -> None:
    """Workers leave Ctrl-C to the main process (which stops them), die on SIGTERM
    rather than running the main process's handler, and die with the main process even
    when it is killed outright (SIGKILL, the OOM killer), so none is left orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    release_in_child()
    _die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send this process SIGKILL when its parent ends (elsewhere: nothing)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


def _chain(head: Sequence[Batch], tail: Iterator[Batch]) -> Iterator[Batch]:
    yield from head
    yield from tail
