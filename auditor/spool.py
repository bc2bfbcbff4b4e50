"""A write-once, read-many log of pickled items on a temporary file.

Document-level rules need every segment's findings held back until their ``combine``
has run; on a million segments those would not fit in memory, so they wait on disk
(in memory while small) and are read back in order.
"""

from __future__ import annotations

import gc
import pickle
import tempfile
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

#: Stay in memory up to this many bytes, then move to a file.
MEMORY_LIMIT = 16 * 1024 * 1024


class Spool(Generic[T]):
    """Append items, then iterate them (in order) as many times as needed."""

    def __init__(self, memory_limit: int = MEMORY_LIMIT):
        self._file = tempfile.SpooledTemporaryFile(max_size=memory_limit)
        #: Where each item's pickle ends in the file.
        self._ends: list[int] = []

    def append(self, item: T) -> None:
        self._file.seek(self._ends[-1] if self._ends else 0)
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ends.append(self._file.tell())

    def append_pickled(self, blob: bytes) -> None:
        """Append an item another process has pickled already."""
        self._file.seek(self._ends[-1] if self._ends else 0)
        self._file.write(blob)
        self._ends.append(self._file.tell())

    def pickled(self) -> Iterator[bytes]:
        """Each item still pickled (for another process to load: no need to load and
        pickle it again here). Each iterator keeps its own place, so two may interleave."""
        start = 0
        for end in self._ends:
            self._file.seek(start)
            yield self._file.read(end - start)
            start = end

    def __len__(self) -> int:
        return len(self._ends)

    def __iter__(self) -> Iterator[T]:
        for blob in self.pickled():
            yield loads(blob)  # type: ignore[misc]

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: What :class:`HeldSpool` keeps as objects before it pickles the rest: some 35,000
#: transcript pairs' results (each ~1.5 kB as objects, ~1 kB pickled).
HELD_LIMIT = 64 * 1024 * 1024


class HeldSpool(Generic[T]):
    """A :class:`Spool` for a reader in this same process: items are kept as they are
    (no pickling, no unpickling) while their estimated size stays under ``limit``, and
    pickled onto a :class:`Spool` past it, so memory stays bounded however long the input.

    ``weigh(item)`` estimates an item's size in bytes; it need not be exact, only
    proportionate. Items come back in the order they went in, as many times as needed."""

    def __init__(
        self,
        weigh: Callable[[T], int],
        limit: int | None = None,
        memory_limit: int = MEMORY_LIMIT,
    ):
        self._weigh = weigh
        self._room = HELD_LIMIT if limit is None else limit
        self._held: list[T] = []
        self._spilled: Spool[T] = Spool(memory_limit)

    def append(self, item: T) -> None:
        if not len(self._spilled):
            weight = self._weigh(item)
            if weight <= self._room:
                self._room -= weight
                self._held.append(item)
                return
        self._spilled.append(item)  # once spilling, always: the order must hold

    def __len__(self) -> int:
        return len(self._held) + len(self._spilled)

    def __iter__(self) -> Iterator[T]:
        yield from self._held
        yield from self._spilled

    def close(self) -> None:
        self._held = []
        self._spilled.close()

    def __enter__(self) -> HeldSpool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def loads(blob: bytes) -> object:
    """Unpickle one item with the garbage collector paused: an item is a batch of
    thousands of new, acyclic objects, and collections triggered while they are being
    built (each walking them all) would double the time it takes."""
    if not gc.isenabled():
        return pickle.loads(blob)
    gc.disable()
    try:
        return pickle.loads(blob)
    finally:
        gc.enable()
