"""The local engine: work done in a pool of worker processes, results in input order.

The pool receives what every item shares (the check context) once, when each worker
starts, and then only the items; at most ``2 * jobs`` items are in flight, so memory stays
bounded however long the input, and results are yielded in input order whatever order
the workers finish in. Workers die with the main process and leave Ctrl-C to it.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, TypeVar

from auditor.model import InputError
from auditor.signals import release_in_child, signals_held

if TYPE_CHECKING:
    import multiprocessing.process
    from concurrent.futures import Future

A = TypeVar("A")
R = TypeVar("R")
S = TypeVar("S")


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class ProcessPool:
    """``fn(shared, item)`` for each item in ``jobs`` forked worker processes, results in
    input order (:func:`map_ordered`); ``shared`` reaches each worker once, when it starts."""

    #: Workers are forked from this process: what it builds before they start, they inherit.
    forks = True

    def __init__(self, jobs: int):
        self.jobs = jobs

    def map(self, fn: Callable[[S, A], R], shared: S, items: Iterable[A]) -> Iterator[R]:
        work = partial(_call_with_shared, fn)
        for _, result in map_ordered(
            work, items, self.jobs, initializer=_set_shared, initargs=(shared,)
        ):
            yield result


# Worker-process state: what every call in this worker shares, set once when it starts.
_SHARED: object = None


def _set_shared(shared: object) -> None:
    global _SHARED
    _SHARED = shared


def _call_with_shared(fn: Callable[[S, A], R], item: A) -> R:
    return fn(_SHARED, item)  # type: ignore[arg-type]


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
