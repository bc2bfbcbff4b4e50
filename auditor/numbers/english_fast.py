"""The fast version of scaling an English amount by its magnitude word (``$159.4 million``).

The English reader (:mod:`auditor.numbers.english`) multiplies the digits by the magnitude
in exact decimal arithmetic, so that 65.6 million does not become 65599999.99. For a
power of ten and at most 15 digits the exact product is the digit string shifted, and
``float()`` rounds that string as ``float(Decimal)`` rounds the product: the same float,
without Decimal's cost. ``tests/auditor/numbers/test_numbers_fastpaths.py`` holds the reader to exact
decimal arithmetic.
"""

from __future__ import annotations

#: The magnitudes the reader knows are all powers of ten: each with its exponent.
_EXPONENTS = {10.0**k: k for k in range(13)}


def scaled_by_power_of_ten(plain: str, magnitude: float) -> float | None:
    """``plain`` (digits, one optional decimal point) times ``magnitude``, or ``None`` when
    the shortcut does not apply (another magnitude, or more than 15 digits)."""
    exponent = _EXPONENTS.get(magnitude)
    if exponent is None or len(plain) > 15:
        return None
    return float(f"{plain}e{exponent}")
