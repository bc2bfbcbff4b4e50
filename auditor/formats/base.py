"""Reading bytes into lines safely: encodings, line ends, and which language a line is in.

Every reader goes through :func:`read_text` so that every format handles UTF-8 with or
without BOM, UTF-16 with BOM, LF / CRLF / CR line ends, and reports undecodable bytes with
the line they are on.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from auditor.model import Document, InputError, Lang, Loc, TextLine


@dataclass(frozen=True)
class ReaderOptions:
    """Reader settings from the command line; readers ignore what does not apply to them."""

    #: The English / Chinese column (a TSV or CSV header name, a JSONL key); ``None``:
    #: the format's usual names (``en``/``zh``, ``source``/``target``), else the first two.
    source_col: str | None = None
    target_col: str | None = None


#: A reader refuses files larger than this (a guard against feeding it a disk image).
MAX_INPUT_BYTES = 2 * 1024**3

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_KEEP = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


#: Inputs that could be read only once (standard input, a pipe, process substitution),
#: by the name the user gave: the file their bytes were copied to (see
#: :mod:`auditor.formats.piped`). Every reader opens its input through
#: :func:`input_file`, so it reads the copy as often as it needs.
BUFFERED_INPUTS: dict[str, Path] = {}


def input_file(path: str | Path) -> Path:
    """``path`` as a Path, if it names a file (else the InputError a user can act on)."""
    buffered = BUFFERED_INPUTS.get(str(path))
    if buffered is not None:
        return buffered
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", str(path))
    if p.is_dir():
        raise InputError("is a directory, not a file", str(path))
    return p


def open_input(path: str | Path) -> BinaryIO:
    """The file at ``path`` opened for reading bytes (streamed readers)."""
    try:
        return input_file(path).open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from exc


def whole_file(path: str | Path) -> Path:
    """:func:`input_file`, for a reader that holds the whole file: at most
    :data:`MAX_INPUT_BYTES`."""
    p = input_file(path)
    size = p.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"file is {size} bytes, larger than the {MAX_INPUT_BYTES} limit", str(path)
        )
    return p


def refuse_binary(head: bytes, path: str) -> None:
    """NUL bytes near the start of a file without a UTF-16 BOM: an image, archive or
    UTF-16 text saved without its BOM; either way not something we can read."""
    if b"\x00" in head[:8192]:
        raise InputError(
            "binary data (NUL bytes), not a text file (UTF-16 text needs a byte-order mark)",
            path,
        )


def read_bytes(path: str | Path) -> bytes:
    p = whole_file(path)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from exc


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 (with BOM); name the line of a bad byte."""
    if not data:
        raise InputError("the file is empty", path)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("invalid UTF-16 text", path) from exc
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    refuse_binary(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8 or UTF-16 with a BOM",
            path,
            line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("binary data (NUL byte): not a text file", path, line)
    return text


def read_text(path: str | Path) -> str:
    return decode(read_bytes(path), str(path))


def read_head(path: str | Path, size: int = 65536) -> str:
    """The decoded start of a file, leniently (for format sniffing only; readers decode
    strictly and report errors with their line)."""
    p = input_file(path)
    try:
        with p.open("rb") as fh:
            data = fh.read(size)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from exc
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data[: len(data) // 2 * 2].decode("utf-16", errors="replace")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    return data.decode("utf-8", errors="replace")


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or CR; a final line end does not make an extra empty line."""
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def split_lines_keepends(text: str) -> list[str]:
    """Like :func:`split_lines` but each line keeps its own line end (for ``csv``, which
    must see the line ends inside a quoted field)."""
    return _LINE_KEEP.findall(text)


def cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def detect_lang(text: str) -> Lang | None:
    """``zh`` when a line is mostly Han characters, ``en`` when it has Latin letters and
    hardly any Han, ``None`` for a blank or symbol-only line.

    Chinese translations keep Latin tokens (PCIe, Astera Labs), so a few Han characters
    among Latin words still make a Chinese line; an English line never has a run of Han.
    """
    han = cjk_count(text)
    if han >= 2 or (han == 1 and len(text.strip()) <= 4):
        return "zh"
    if any(ch.isalpha() for ch in text) or any(ch.isdigit() for ch in text):
        return "en"
    return None


#: One side of a pair as a reader found it: the text and its 1-based inclusive line range.
Side = tuple[str, int, int]


def side_line(side: Side | None, path: str, lang: Lang) -> TextLine | None:
    """A pair side as a TextLine; blank text is no text (an unaligned line)."""
    if side is None:
        return None
    text, first, last = side
    text = text.strip()
    if not text:
        return None
    return TextLine(text, Loc(path, first, last), lang)


def pairs_document(path: str, fmt: str, sides: list[tuple[Side | None, Side | None]]) -> Document:
    """A ``pairs`` Document; pairs with no text on either side are dropped."""
    pairs = []
    for source, target in sides:
        pair = (side_line(source, path, "en"), side_line(target, path, "zh"))
        if pair != (None, None):
            pairs.append(pair)
    if not pairs:
        raise InputError(f"no translation pairs found in this {fmt.upper()} file", path)
    return Document(path=path, format=fmt, kind="pairs", pairs=tuple(pairs))
