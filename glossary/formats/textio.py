"""Bytes to text for glossary files: UTF-8 (BOM optional) or UTF-16 with a BOM.

A spreadsheet saves "Unicode text" as UTF-16 and CSV with a UTF-8 BOM; both must load.
Anything else is refused with the line of the first bad byte, so a person can fix it.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from glossary.errors import GlossaryError

#: A glossary larger than this is surely not a glossary (guards against a wrong path).
MAX_GLOSSARY_BYTES = 256 * 1024**2


def read_bytes(path: str) -> bytes:
    p = Path(path)
    if not p.exists():
        raise GlossaryError("no such file", path)
    if p.is_dir():
        raise GlossaryError("is a directory, not a glossary file", path)
    size = p.stat().st_size
    if size > MAX_GLOSSARY_BYTES:
        raise GlossaryError(
            f"file is {size} bytes, larger than the {MAX_GLOSSARY_BYTES} limit", path
        )
    try:
        return p.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path) from exc


def decode(data: bytes, path: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise GlossaryError("invalid UTF-16 text", path) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the glossary as UTF-8",
            path,
            line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise GlossaryError("binary data (NUL byte): not a text file", path, line)
    return text
