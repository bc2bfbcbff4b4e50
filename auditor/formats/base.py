"""Reading bytes into lines safely: encodings, line ends, and which language a line is in.

Every line-based reader goes through :func:`iter_lines` (:func:`decoded_lines` for a byte
range) so that every format handles UTF-8 with or without BOM, UTF-16 with BOM, LF / CRLF
/ CR line ends, and reports undecodable bytes with the line they are on, while reading the
file a line at a time.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from auditor.lazy_pattern import lazy_compile
from auditor.model import Document, InputError, Lang, Loc, TextLine


@dataclass(frozen=True)
class ReaderOptions:
    """Reader settings from the command line; readers ignore what does not apply to them."""

    #: The English / Chinese column (a TSV or CSV header name, a JSONL key); ``None``:
    #: the format's usual names (``en``/``zh``, ``source``/``target``), else the first two.
    source_col: str | None = None
    target_col: str | None = None
    #: Two-file input (``--source/--target``): the Chinese file; the path read is the English.
    target_path: str | None = None


#: A reader refuses files larger than this (a guard against feeding it a disk image).
MAX_INPUT_BYTES = 2 * 1024**3

_CJK = lazy_compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")


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


def iter_lines(path: str, keepends: bool = False) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a UTF-8 (BOM optional) or UTF-16 (with BOM) text file,
    split on LF, CRLF or CR (a final line end makes no extra line), read lazily.
    ``keepends``: each line keeps its own line end (for ``csv``, which must see the line
    ends inside a quoted field)."""
    with open_input(path) as raw:
        head = raw.read(8192)
        raw.seek(0)
        if not head:
            raise InputError("the file is empty", path)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            refuse_binary(head, path)
            encoding = "utf-8-sig"
        yield from decoded_lines(raw, path, encoding, keepends=keepends)


def decoded_lines(
    raw: BinaryIO, path: str, encoding: str = "utf-8", first: int = 1, keepends: bool = False
) -> Iterator[tuple[int, str]]:
    """Numbered lines of a binary stream (``first``: the number of its first line)."""
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    number = first - 1
    try:
        for line in text:
            number += 1
            if "\x00" in line:
                raise InputError("binary data (NUL byte): not a text file", path, number)
            yield number, line if keepends else line.rstrip("\r\n")
    except UnicodeDecodeError:
        text.detach()
        if encoding == "utf-16":
            raise InputError("invalid UTF-16 text", path, number + 1) from None
        # The wrapper decodes ahead of the lines it gave: find the bad byte's own line.
        line_number, offset, byte = _first_bad_utf8(raw, first)
        raise InputError(
            f"invalid UTF-8 (byte 0x{byte:02x} at offset {offset}); save the file as UTF-8 "
            "or UTF-16 with a BOM",
            path,
            line_number,
        ) from None
    text.detach()


def _first_bad_utf8(raw: BinaryIO, first: int) -> tuple[int, int, int]:
    """Line, byte offset and value of the first byte of ``raw`` that is not UTF-8."""
    raw.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, offset = first, 0
    while chunk := raw.read(1 << 16):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            at = max(0, exc.start - len(decoder.getstate()[0]))
            return line + chunk.count(b"\n", 0, at), offset + at, chunk[at]
        line += chunk.count(b"\n")
        offset += len(chunk)
    return line, offset, 0


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
#: A pair as a reader found it: ``None`` on a side is an unaligned line.
Pair = tuple[Side | None, Side | None]


def side_line(side: Side | None, path: str, lang: Lang) -> TextLine | None:
    """A pair side as a TextLine; blank text is no text (an unaligned line)."""
    if side is None:
        return None
    text, first, last = side
    text = text.strip()
    if not text:
        return None
    return TextLine(text, Loc(path, first, last), lang)


#: A pair as text lines (blank text: ``None``).
LinePair = tuple[TextLine | None, TextLine | None]


def line_pairs(pairs: Iterable[Pair], path: str) -> Iterator[LinePair]:
    """Reader pairs as text lines; a pair with no text on either side is dropped (it
    makes no segment)."""
    for source, target in pairs:
        pair = (side_line(source, path, "en"), side_line(target, path, "zh"))
        if pair != (None, None):
            yield pair


def no_pairs(fmt: str, path: str) -> InputError:
    return InputError(f"no translation pairs found in this {fmt.upper()} file", path)


def pairs_document(path: str, fmt: str, sides: Iterable[Pair]) -> Document:
    """A ``pairs`` Document; pairs with no text on either side are dropped."""
    pairs = tuple(line_pairs(sides, path))
    if not pairs:
        raise no_pairs(fmt, path)
    return Document(path=path, format=fmt, kind="pairs", pairs=pairs)
