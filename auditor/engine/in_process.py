"""The engine that runs everything here, in order: ``--jobs 1``, and the reference every
other engine must match."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

S = TypeVar("S")
A = TypeVar("A")
B = TypeVar("B")


class InProcess:
    """``fn(shared, item)`` for each item, in this process."""

    jobs = 1
    #: Workers are not forked from this process (nothing to warm up before they start).
    forks = False

    def map(self, fn: Callable[[S, A], B], shared: S, items: Iterable[A]) -> Iterator[B]:
        for item in items:
            yield fn(shared, item)
