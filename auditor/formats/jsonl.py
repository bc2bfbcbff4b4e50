"""JSON Lines: one JSON object per line with ``source``/``target`` or ``en``/``zh`` keys.

``--source-col/--target-col`` name other keys. A ``null``, empty or absent side is an
unaligned line (an English line with no translation, or the reverse). Other keys (ids,
scores, as ``auditor align --format jsonl`` adds them) are ignored. Records are one per
line, so a file splits into partitions at any line feed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from auditor.formats.base import Pair, ReaderOptions, iter_lines
from auditor.formats.declaration import InputFormat, NumberedLines, PairWriter, Partitioning, Rows
from auditor.model import InputError

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


def pairs_of_lines(
    lines: NumberedLines, path: str, options: ReaderOptions, header: Any = None
) -> Iterator[Pair]:
    """One pair per non-blank line."""
    for number, line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            hint = (
                " (a JSON array is not JSON Lines: write one object per line)"
                if line.lstrip().startswith("[")
                else ""
            )
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
        source = _text(obj, keys[0], path, number)
        target = _text(obj, keys[1], path, number)
        yield (
            (source, number, number) if source is not None else None,
            (target, number, number) if target is not None else None,
        )


def pairs(path: str, options: ReaderOptions) -> Iterator[Pair]:
    return pairs_of_lines(iter_lines(path), path, options)


def write(rows: Rows, stream: TextIO, langs: tuple[str, str], original: str) -> int:
    """One object per pair: ``source``, ``target`` and every extra key."""
    count = 0
    for (source, target), extras in rows:
        record = {"source": source, "target": target, **extras}
        line = json.dumps(record, ensure_ascii=False)
        # Keep one record per line for tools that also split on Unicode line separators.
        stream.write(line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")
        count += 1
    return count


def sniff(head: list[str]) -> bool:
    """A first line that opens a JSON object."""
    return head[0].lstrip().startswith("{")


FORMAT = InputFormat(
    "jsonl",
    extensions=(".jsonl", ".ndjson", ".json"),
    sniff=sniff,
    pairs=pairs,
    partitions=Partitioning(pairs_of_lines),
    writers=(PairWriter("jsonl", ".jsonl", write),),
)
