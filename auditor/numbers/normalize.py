"""Width normalisation that keeps every character where it was.

Full-width digits, letters and signs (``１２３``, ``％``, ``＄``) become half-width one
character for one character, so an offset into the normalised text is the same offset
into the original: extractors work on the normalised text and report original spans.
"""

from __future__ import annotations

import re

_FULL = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
_HALF = "".join(chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F))
# The ideographic comma and full stop stay: they are sentence punctuation, not separators.
_KEEP = {"，", "。", "：", "；", "（", "）", "！", "？", "～"}
_TABLE = {ord(f): h for f, h in zip(_FULL, _HALF) if f not in _KEEP}
_TABLE.update(
    {0x3000: " ", 0x2212: "-", 0x2013: "-", 0x2014: "-", 0xFF5E: "~", 0x2019: "'", 0x2018: "'"}
)

#: a full-width comma between full-width digits with three digits after it groups thousands
_FW_GROUP = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")

_NEEDS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")


def normalize_width(text: str) -> str:
    """Half-width digits, Latin letters and signs; same length as ``text``."""
    if text.isascii() or _NEEDS.search(text) is None:  # isascii() is O(1)
        return text  # nothing to fold (all of an English text, most of a Chinese one)
    if _FW_GROUP.search(text):
        text = _FW_GROUP.sub(",", text)
    return text.translate(_TABLE)
