"""What TSV and CSV share: a header row, and one translation pair per row.

Columns are chosen by ``--source-col/--target-col`` (a header name), else by a header
that names a language (``en``/``source``/``english``..., ``zh``/``target``/``zh-TW``...),
else the first two columns. A first row that already holds Chinese text is data, not a
header (files exported without one). The formats themselves are :mod:`auditor.formats.tsv`
and :mod:`auditor.formats.csvfile`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from auditor.formats.base import Pair, ReaderOptions, cjk_count
from auditor.model import InputError

SOURCE_NAMES = frozenset({"en", "eng", "english", "source", "src", "source_text", "en_text"})
TARGET_NAMES = frozenset(
    {"zh", "chinese", "target", "tgt", "target_text", "zh_text", "translation"}
)


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


#: What a later partition of a delimited file needs to know of the file's first row:
#: its number of fields and the source and target columns.
Columns = tuple[int, int, int]


#: A row as a reader found it: its fields, and its first and last line.
Row = tuple[list[str], int, int]


def pairs_of_rows(
    rows: Iterable[Row],
    path: str,
    options: ReaderOptions,
    what: str,
    columns: Columns | None = None,
) -> Iterator[Pair]:
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
