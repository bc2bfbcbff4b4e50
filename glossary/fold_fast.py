"""The fold table applied through an array: the fast version of ``str.translate`` with
:func:`glossary.fold.fold_table`.

``str.translate`` with a dict looks every character up one by one in Python objects
(about 0.2 µs a character); indexing an array with the text's code points does the same
mapping in C, several times faster on a sentence. ``tests/glossary/test_matcher_fast_paths.py``
holds it to ``str.translate`` for every character.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ArrayFold:
    """A character mapping as a numpy array indexed by code point."""

    numpy: Any  # the numpy module (optional: it comes with sacrebleu)
    table: Any  # numpy.ndarray of uint32, one entry per code point

    @classmethod
    def of(cls, mapping: Mapping[int, int]) -> ArrayFold | None:
        """The array of ``mapping`` (identity elsewhere), or ``None`` without numpy."""
        try:
            import numpy
        except ImportError:  # numpy comes with sacrebleu; without it, translate does the job
            return None
        table = numpy.arange(0x110000, dtype="<u4")
        table[numpy.fromiter(mapping.keys(), dtype="<u4", count=len(mapping))] = numpy.fromiter(
            mapping.values(), dtype="<u4", count=len(mapping)
        )
        return cls(numpy, table)

    def fold(self, text: str) -> str | None:
        """``text`` mapped, or ``None`` when it cannot be encoded (a lone surrogate)."""
        try:
            codes = self.numpy.frombuffer(text.encode("utf-32-le"), dtype="<u4")
        except UnicodeEncodeError:
            return None
        return str(self.table.take(codes).tobytes().decode("utf-32-le"))
