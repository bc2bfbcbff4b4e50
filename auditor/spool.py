"""A write-once, read-many log of pickled items on a temporary file.

Document-level rules need every segment's findings held back until their ``combine``
has run; on a million segments those would not fit in memory, so they wait on disk
(in memory while small) and are read back in order.
"""

from __future__ import annotations

import gc
import pickle
import tempfile
from collections.abc import Iterator
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
