"""Fast versions of two hot steps of the Chinese number reader (:mod:`auditor.numbers.chinese`),
each held to the plain computation it replaces (``tests/auditor/numbers/test_numbers_dispatch.py``,
``tests/auditor/numbers/test_numbers_fastpaths.py``):

- :func:`anchor_starts`, where a token may start: a scan for one character class plus a
  look back from the digits, instead of :data:`auditor.numbers.chinese.TOKEN_STARTS`,
  whose Latin-word alternative is tried at every letter; with :func:`anchor_pattern` the
  scan also drops the characters that start a token only before certain others (上 only
  in 上半年, 上千...), which the reader would otherwise drop one by one in Python;
- :func:`scaled_by_one_magnitude`, digits before one magnitude character (1.594 億): the
  digit string shifted, instead of the numeral parser and exact decimal arithmetic
  (:func:`auditor.numbers.chinese.scaled`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from auditor.lazy_pattern import lazy_compile
from auditor.numbers.zh_numerals import BIG_UNITS, SMALL_UNITS

ZH_NUM_CHARS = "零〇一二兩两三四五六七八九十百千萬万億亿兆"
MAG_CHARS = "十百千萬万億亿兆"

# Where a token can start (see chinese.TOKEN_STARTS): one character class (fast to scan),
# and Latin words only when a digit follows within the word or after one space (PCIe 6,
# FY24), found by looking back from the digits (a regex trying every letter costs more).
# A run of digits is one anchor (its first digit): no token match ends inside a run of
# digits (each alternative that ends on a digit refuses a digit after it), so the run's
# other digits would only be skipped.
_ANCHOR_CHARS = "$第首上下前後后財财數数幾几成負负" + ZH_NUM_CHARS
_ANCHOR = re.compile(r"[0-9" + _ANCHOR_CHARS + r"](?:(?<=[0-9])[0-9]+)?")
_LATIN_RUN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-")


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def anchor_pattern(followers: Mapping[str, Iterable[str]]) -> re.Pattern[str]:
    """The anchor scan of :func:`anchor_starts`, where a character of ``followers`` is an
    anchor only right before one of its followers (``上`` before ``半``: 上半年). The reader
    drops the others at once; the scan drops them in C. Characters with the same followers
    share a branch: after the one class every anchor starts with (so the scan still skips
    to anchors fast), a look-behind names the character and a look-ahead its followers."""
    by_followers: dict[str, list[str]] = {}
    for char, after in followers.items():
        by_followers.setdefault(_char_class(after), []).append(char)
    plain = [c for c in _ANCHOR_CHARS if c not in followers]
    branches = [r"(?<=[0-9])[0-9]*", f"(?<={_char_class(plain)})"]
    branches += [f"(?<={_char_class(chars)})(?={after})" for after, chars in by_followers.items()]
    return lazy_compile(f"[0-9{re.escape(_ANCHOR_CHARS)}](?:{'|'.join(branches)})")


def anchor_starts(norm: str, anchor: re.Pattern[str] = _ANCHOR) -> list[int]:
    """Sorted offsets where a token may start: every anchor character, and the first letter
    of each run of ``[A-Za-z.-]`` followed by ``' ?-?[0-9]'``. (``anchor``: the scan for
    the anchor characters, :func:`anchor_pattern` to drop some by what follows them.)"""
    starts = [m.start() for m in anchor.finditer(norm)]
    latin = []
    run_chars = _LATIN_RUN
    for d in starts:
        if not ("0" <= norm[d] <= "9") or d == 0:
            continue
        k = d
        if norm[k - 1] == "-":
            k -= 1
        if k > 0 and norm[k - 1] == " ":
            k -= 1
        if k == 0 or norm[k - 1] not in run_chars:
            continue
        rs = k
        while rs > 0 and norm[rs - 1] in run_chars:
            rs -= 1
        while rs < k and not norm[rs].isalpha():
            rs += 1  # the run's leading dots and hyphens start nothing
        if rs < k:
            latin.append(rs)
    if latin:
        starts = sorted(set(starts).union(latin))
    return starts


#: a single magnitude character and its factor, as parse_zh_number applies it to digits
ONE_MAGNITUDE: dict[str, float] = {
    c: float(f) for c, f in {**SMALL_UNITS, **BIG_UNITS}.items() if c in MAG_CHARS
}
_EXPONENT = {10.0**k: k for k in range(13)}


def scaled_by_one_magnitude(plain: str, factor: float) -> tuple[float, float]:
    """``(value, magnitude)`` of digits ``plain`` before one magnitude character: what the
    general path (:func:`parse_zh_number`, then exact decimal scaling) gives, without its
    cost. ``magnitude`` is the parser's float quotient (kept bit for bit); the value is the
    decimal product rounded once, which is what ``float()`` of the shifted digit string is
    (``plain`` has at most 15 digits, so the product is exact in Decimal's 28)."""
    num = float(plain)
    if not num:
        return float(Decimal(plain)), 1.0
    magnitude = num * factor / num
    return float(f"{plain}e{_EXPONENT[factor]}"), magnitude
