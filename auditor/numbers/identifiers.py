"""Digits that name rather than count, read the same way by the English and Chinese readers:
a dotted version (2.1.3) and a dimensionality (3D). Both are identifiers, so 2.1.3 and 3D
match across the two languages by their first number."""

from __future__ import annotations

import re

from auditor.numbers.quantity import Quantity, quantity_at

#: what may follow digits that name rather than count: 2.1.3 (a version), 3D (a space)
NAME_MARKS = frozenset(".D")
_DOTTED = re.compile(r"(?:\.\d+)+(?![A-Za-z0-9_]|\.\d)")
_DIMENSIONAL = re.compile(r"D(?![A-Za-z0-9_-])")


def named_by_digits(norm: str, text: str, s: int, num_end: int) -> Quantity | None:
    """Digits that name rather than count: a dotted version (2.1.3) or a dimensionality
    (3D); both identifiers, read from the number's start (readers of both languages share
    this reading, so 2.1.3 and 3D match across them)."""
    digits = norm[s:num_end]
    if norm[num_end] == ".":
        dm = _DOTTED.match(norm, num_end)
        if dm is None or "." not in digits:
            return None  # one dot is a decimal (2.1), two or more a version (2.1.3)
        return quantity_at(
            text,
            s,
            dm.end(),
            float(digits.split(".")[0]),
            dimension="identifier",
            token=norm[s : dm.end()],
        )
    if digits in ("1", "2", "3", "4") and _DIMENSIONAL.match(norm, num_end):
        return quantity_at(
            text, s, num_end + 1, float(digits), dimension="identifier", token=f"{digits}D"
        )
    return None
