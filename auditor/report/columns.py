"""Where a finding's text sits on its line of the input file, as SARIF counts columns.

A finding's span is an offset into the segment's text, not into the file: readers strip
whitespace, and a TSV field, a JSON string or an XML element has other text before it on
its line. So the line is read back from the file and the segment's text is looked for on
it; only when the text is there verbatim and once (not escaped, not ambiguous) does a
column follow, because a wrong column is worse than none. SARIF 2.1.0 counts columns
from 1 in UTF-16 code units (its default ``columnKind``), ``endColumn`` being the column
just past the region.
"""

from __future__ import annotations

import codecs
from array import array

from auditor.formats.base import input_file
from auditor.model import InputError, Span

#: Bytes read at a time while indexing a file's line starts.
_CHUNK = 1 << 20


def utf16_length(text: str) -> int:
    """Code units of ``text`` in UTF-16 (characters beyond the BMP count twice)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class LineColumns:
    """Finds columns on lines of input files, indexing each file's line starts once
    (eight bytes a line, so a million-line corpus costs 8 MB, not its text)."""

    def __init__(self) -> None:
        self._starts: dict[str, array | None] = {}

    def columns(self, path: str, line: int, text: str, span: Span | None) -> tuple[int, int] | None:
        """``(startColumn, endColumn)`` of ``span`` within ``text`` (the whole text
        without a span) on line ``line`` of ``path``, or ``None`` when that cannot be
        told for sure."""
        content = self._line(path, line)
        if content is None or not text:
            return None
        at = content.find(text)
        if at < 0 or content.find(text, at + 1) >= 0:
            return None
        start, end = span if span is not None else (0, len(text))
        if not 0 <= start <= end <= len(text):
            return None
        before = utf16_length(content[:at])
        return (
            before + utf16_length(text[:start]) + 1,
            before + utf16_length(text[:end]) + 1,
        )

    def _line(self, path: str, number: int) -> str | None:
        starts = self._starts.get(path, ...)
        if starts is ...:
            starts = self._starts[path] = _line_starts(path)
        if starts is None or not 1 <= number < len(starts):
            return None
        try:
            with open(input_file(path), "rb") as fh:
                fh.seek(starts[number - 1])
                raw = fh.read(starts[number] - starts[number - 1])
        except (OSError, InputError):
            return None
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            return raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            return None


def _line_starts(path: str) -> array | None:
    """Byte offsets of each line's start, and the file's end; ``None`` for a file that
    cannot be read or is not UTF-8 with LF or CRLF line ends."""
    starts = array("Q", [0])
    offset = 0
    try:
        with open(input_file(path), "rb") as fh:
            head = fh.read(2)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return None
            fh.seek(0)
            while chunk := fh.read(_CHUNK):
                if b"\r" in chunk and b"\n" not in chunk:  # old Mac line ends: not counted here
                    return None
                at = chunk.find(b"\n")
                while at >= 0:
                    starts.append(offset + at + 1)
                    at = chunk.find(b"\n", at + 1)
                offset += len(chunk)
    except (OSError, InputError):
        return None
    if starts[-1] != offset:
        starts.append(offset)
    return starts
