"""The Dask engine: the same work, on a cluster.

Needs the optional extra: ``pip install 'auditor[dask]'``, on the client and on every
worker. What every item shares (the check context) is scattered to every worker once;
each item is a task, at most a few per worker in flight, and results come back in input
order, like every engine's (:class:`~auditor.engine.run.Engine`). Work that reads the
input itself (partitions of a JSONL or TSV file) needs a file system the client and the
workers share; the client only plans it and gathers what the workers give back.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from auditor.model import InputError

S = TypeVar("S")
A = TypeVar("A")
B = TypeVar("B")


def _require_dask() -> Any:
    try:
        from dask.distributed import Client
    except ModuleNotFoundError:
        raise InputError(
            "the Dask engine needs the optional extra: pip install 'auditor[dask]'"
        ) from None
    return Client


class DaskEngine:
    """``fn(shared, item)`` for each item as Dask tasks, results in input order.

    ``client`` (a ``dask.distributed.Client``) wins over ``scheduler`` (its address); with
    neither, Dask starts a local cluster when the first work comes, and :meth:`close`
    stops it. A scheduler that does not answer within ``timeout`` seconds and a worker
    that dies are each an :class:`InputError` saying so (exit 2), not a traceback.
    """

    forks = False

    def __init__(self, scheduler: str | None = None, timeout: float = 10.0, client: Any = None):
        self._scheduler = scheduler
        self._timeout = timeout
        self._client = client
        self._own = client is None
        #: Futures of maps under way (the shared context, items sent, tasks): let go before
        #: the cluster stops, so a run cut short leaves the scheduler no data to mourn.
        self._held: list[Any] = []

    @property
    def client(self) -> Any:
        if self._client is None:
            Client = _require_dask()
            try:
                self._client = (
                    Client(self._scheduler, timeout=self._timeout) if self._scheduler else Client()
                )
            except (OSError, TimeoutError):
                raise InputError(
                    f"cannot reach the Dask scheduler at {self._scheduler} within "
                    f"{self._timeout:g} s (is it running? --scheduler-timeout sets how long to wait)"
                ) from None
        return self._client

    @property
    def jobs(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, fn: Callable[[S, A], B], shared: S, items: Iterable[A]) -> Iterator[B]:
        from distributed import KilledWorker

        client = self.client
        # A key of its own: the same context scattered again by the next map must not be
        # released when this one lets its copy go.
        [everywhere] = client.scatter([shared], broadcast=True, hash=False)
        self._held.append(everywhere)
        pending: deque[Any] = deque()
        in_flight = 2 * self.jobs
        try:
            for item in items:
                # Sent ahead of its task, not inside the task graph: an item may be large
                # (a spooled batch of results on its way to be finished).
                [sent] = client.scatter([item], hash=False)
                task = client.submit(fn, everywhere, sent, pure=False)
                del sent  # the task holds it now
                pending.append(task)
                self._held.append(task)
                if len(pending) >= in_flight:
                    yield self._take(pending)
            while pending:
                yield self._take(pending)
        except KilledWorker as exc:
            raise InputError(
                f"a Dask worker died while running {getattr(exc, 'task', 'a task')} (out of "
                "memory, or killed); no partition of this run can be trusted"
            ) from None
        finally:
            for future in pending:
                future.cancel()
            self._let_go(everywhere, *pending)

    def _take(self, pending: deque[Any]) -> Any:
        task = pending.popleft()
        result = task.result()
        self._let_go(task)
        return result

    def _let_go(self, *futures: Any) -> None:
        for future in futures:
            if future in self._held:
                self._held.remove(future)
                future.release()

    def close(self) -> None:
        """Let go of what maps under way hold, then stop the cluster this engine started."""
        self._let_go(*list(self._held))
        if self._own and self._client is not None:
            self._client.close()
            self._client = None
