"""TSV and CSV with a header row: one translation pair per row.

Columns are chosen by ``--source-col/--target-col`` (a header name), else by a header
that names a language (``en``/``source``/``english``..., ``zh``/``target``/``zh-TW``...),
else the first two columns. A first row that already holds Chinese text is data, not a
header (files exported without one).

TSV follows the IANA ``text/tab-separated-values`` shape: one row per line, no quoting,
with backslash escapes ``\\t``, ``\\n``, ``\\r`` and ``\\\\`` for tabs, line breaks and
backslashes inside a field (what :mod:`auditor.formats.writers` writes). A field wrapped
whole in double quotes with doubled inner quotes (as spreadsheets save it) is unquoted.
CSV is RFC 4180 (Python's ``csv``), so a quoted field may span several lines.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence

from auditor.formats.base import (
    ReaderOptions,
    Side,
    cjk_count,
    pairs_document,
    read_text,
    split_lines,
    split_lines_keepends,
)
from auditor.model import Document, InputError

SOURCE_NAMES = frozenset({"en", "eng", "english", "source", "src", "source_text", "en_text"})
TARGET_NAMES = frozenset(
    {"zh", "chinese", "target", "tgt", "target_text", "zh_text", "translation"}
)

_ESCAPE = re.compile(r"\\([\\tnr])")
_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def _is_lang_column(name: str, names: frozenset[str], prefix: str) -> bool:
    name = name.strip().lower()
    return name in names or name.startswith((prefix + "-", prefix + "_"))


def _find(header: Sequence[str], wanted: str) -> int | None:
    wanted = wanted.strip().lower()
    for index, name in enumerate(header):
        if name.strip().lower() == wanted:
            return index
    return None


def choose_columns(
    header: Sequence[str], options: ReaderOptions, path: str, line: int
) -> tuple[int, int, bool]:
    """(source column, target column, whether the first row is a header)."""
    columns = ", ".join(repr(h.strip()) for h in header)
    if len(header) < 2:
        raise InputError(
            f"expected at least two columns (English and Chinese) but the header has "
            f"{len(header)}: {columns}",
            path,
            line,
        )
    picked: list[int | None] = []
    for wanted in (options.source_col, options.target_col):
        if wanted is None:
            picked.append(None)
            continue
        index = _find(header, wanted)
        if index is None:
            raise InputError(f"no column named {wanted!r}; the header has {columns}", path, line)
        picked.append(index)
    src, tgt = picked
    if src is None:
        src = next(
            (i for i, h in enumerate(header) if _is_lang_column(h, SOURCE_NAMES, "en")), None
        )
    if tgt is None:
        tgt = next(
            (i for i, h in enumerate(header) if _is_lang_column(h, TARGET_NAMES, "zh")), None
        )
    explicit = options.source_col is not None or options.target_col is not None
    has_header = (
        explicit or src is not None or tgt is not None or not any(cjk_count(h) for h in header)
    )
    if src is None:
        src = next(i for i in range(len(header)) if i != tgt)
    if tgt is None:
        tgt = next(i for i in range(len(header)) if i != src)
    if src == tgt:
        raise InputError(
            f"source and target are the same column {header[src].strip()!r}", path, line
        )
    return src, tgt, has_header


def _unescape_tsv(field: str) -> str:
    if (
        len(field) >= 2
        and field[0] == field[-1] == '"'
        and '"' not in field[1:-1].replace('""', "")
    ):
        field = field[1:-1].replace('""', '"')
    if "\\" in field:
        field = _ESCAPE.sub(lambda m: _UNESCAPE[m.group(1)], field)
    return field


#: What a later partition of a delimited file needs to know of the file's first row:
#: its number of fields and the source and target columns (used by the streaming reader).
Columns = tuple[int, int, int]


def iter_pairs_from_rows(
    rows: Iterator[tuple[list[str], int, int]],
    path: str,
    options: ReaderOptions,
    what: str,
    columns: Columns | None = None,
) -> Iterator[tuple[Side | None, Side | None]]:
    """Pick the columns from the first row, then one pair per row; ragged rows are errors.

    With ``columns``, rows come from the middle of a file whose header was read elsewhere.
    """
    header: list[str] | None = None
    src = tgt = 0
    if columns is not None:
        width, src, tgt = columns
        header = [""] * width
    for fields, first, last in rows:
        if header is None:
            header = fields
            src, tgt, has_header = choose_columns(fields, options, path, first)
            if has_header:
                continue
        if len(fields) != len(header):
            raise InputError(
                f"ragged row: {len(fields)} {what}-separated fields where the header has "
                f"{len(header)}"
                + (" (escape a tab inside a field as \\t)" if what == "tab" else ""),
                path,
                first,
            )
        yield (fields[src], first, last), (fields[tgt], first, last)
    if header is None:
        raise InputError("no rows found (empty file?)", path)


def _pairs_from_rows(
    rows: Iterator[tuple[list[str], int, int]], path: str, options: ReaderOptions, what: str
) -> list[tuple[Side | None, Side | None]]:
    return list(iter_pairs_from_rows(rows, path, options, what))


def parse_tsv(text: str, path: str, options: ReaderOptions) -> Document:
    def rows() -> Iterator[tuple[list[str], int, int]]:
        for number, line in enumerate(split_lines(text), start=1):
            if line.strip():
                yield [_unescape_tsv(f) for f in line.split("\t")], number, number

    return pairs_document(path, "tsv", _pairs_from_rows(rows(), path, options, "tab"))


def csv_rows(reader, path: str) -> Iterator[tuple[list[str], int, int]]:
    """Non-blank CSV records with their first and last line (a quoted field may span lines)."""
    done = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", path, done + 1) from None
        first, done = done + 1, reader.line_num
        if any(f.strip() for f in fields):
            yield fields, first, done


def parse_csv(text: str, path: str, options: ReaderOptions) -> Document:
    reader = csv.reader(split_lines_keepends(text), strict=True)
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)  # a transcript paragraph may be one huge field
    return pairs_document(
        path, "csv", _pairs_from_rows(csv_rows(reader, path), path, options, "comma")
    )


def read_tsv(path: str, options: ReaderOptions | None = None) -> Document:
    return parse_tsv(read_text(path), path, options or ReaderOptions())


def read_csv(path: str, options: ReaderOptions | None = None) -> Document:
    return parse_csv(read_text(path), path, options or ReaderOptions())
