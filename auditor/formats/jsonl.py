"""JSON Lines: one JSON object per line with ``source``/``target`` or ``en``/``zh`` keys.

``--source-col/--target-col`` name other keys. A ``null``, empty or absent side is an
unaligned line (an English line with no translation, or the reverse). Other keys (ids,
scores, as :mod:`auditor.formats.writers` adds them) are ignored.
"""

from __future__ import annotations

import json

from auditor.formats.base import ReaderOptions, Side, pairs_document, read_text, split_lines
from auditor.model import Document, InputError

FORMAT = "jsonl"
KEY_PAIRS: tuple[tuple[str, str], ...] = (("source", "target"), ("en", "zh"))


def _keys(obj: dict[str, object], options: ReaderOptions) -> tuple[str, str] | None:
    if options.source_col or options.target_col:
        return (options.source_col or "source", options.target_col or "target")
    for keys in KEY_PAIRS:
        if keys[0] in obj or keys[1] in obj:
            return keys
    return None


def _text(obj: dict[str, object], key: str, path: str, line: int) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputError(f"{key!r} must be a string or null, not {type(value).__name__}", path, line)


def parse(text: str, path: str, options: ReaderOptions) -> Document:
    sides: list[tuple[Side | None, Side | None]] = []
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            hint = ""
            if line.lstrip().startswith("["):
                hint = " (a JSON array is not JSON Lines: write one object per line)"
            raise InputError(
                f"not valid JSON: {exc.msg} (column {exc.colno}){hint}", path, number
            ) from None
        if not isinstance(obj, dict):
            raise InputError(f"expected a JSON object, found {type(obj).__name__}", path, number)
        keys = _keys(obj, options)
        if keys is None or not (keys[0] in obj or keys[1] in obj):
            expected = (
                f"{keys[0]!r} and {keys[1]!r}"
                if keys
                else "'source' and 'target' (or 'en' and 'zh')"
            )
            found = ", ".join(repr(k) for k in list(obj)[:8]) or "none"
            raise InputError(f"expected keys {expected}; found {found}", path, number)
        source, target = (_text(obj, key, path, number) for key in keys)
        sides.append(
            (
                (source, number, number) if source is not None else None,
                (target, number, number) if target is not None else None,
            )
        )
    return pairs_document(path, FORMAT, sides)


def read(path: str, options: ReaderOptions | None = None) -> Document:
    return parse(read_text(path), path, options or ReaderOptions())
