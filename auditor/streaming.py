"""Segments of an input read as a stream, so a million-pair corpus never sits in memory.

The pairs formats (JSON Lines, TSV, CSV line by line; TMX and XLIFF a parsed chunk at a
time) are read with the parsing helpers of their readers in :mod:`auditor.formats`, and
paired the way the aligner pairs them
(:func:`auditor.align.align_document`), so the segments (ids included) are the same as
reading the whole document. Other formats are read whole and aligned as before.

A :class:`SegmentSource` can be iterated more than once: the first pass counts the
segments (their ids are zero-padded to the width of the count) and harvests the speaker
names the checks need before the first segment is checked.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from auditor.align import align_document, same_text, unscored_pairs
from auditor.align import align_interleaved as _align_interleaved
from auditor.align import scored_pairs as _from_pairs
from auditor.formats import ReaderOptions, guess_format, read_document, read_parallel
from auditor.formats.base import Side, open_input, refuse_binary, side_line
from auditor.formats.delimited import csv_rows
from auditor.formats.delimited import iter_pairs_from_rows as rows_pairs
from auditor.formats.interleaved import require_both_languages, tag_lines
from auditor.model import Document, InputError, Segment, TextLine
from auditor.names import DocName, NameHarvest, harvest_names

if TYPE_CHECKING:
    from auditor.engine.partitions import PartitionJob
    from auditor.engine.spool import Spool
    from auditor.options import AuditOptions

#: Formats read a piece at a time (lines; XML chunks); every other format is read whole.
STREAMED_FORMATS: frozenset[str] = frozenset({"jsonl", "tsv", "csv", "tmx", "xliff", "interleaved"})

#: Lines of an interleaved file aligned at a time (see :func:`segments_from_interleaved`),
#: and the lines past them aligned too, so no pairing is cut at the window's edge.
LINE_WINDOW = 20_000
LINE_MARGIN = 2_000

#: Pairs the aligner scores together (see :func:`segments_from_pairs`).
PAIR_WINDOW = 1000


def segment_id(index: int, total: int) -> str:
    """The aligner's id of the ``index``-th segment (1-based) of ``total``: ``s0001``..."""
    width = max(4, len(str(total)))
    return f"s{index:0{width}d}"


# --- lines of a text file, decoded the way formats.base.decode does -------------------


def iter_lines(path: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a UTF-8 (BOM optional) or UTF-16 (with BOM) file, split
    on LF, CRLF or CR like :func:`auditor.formats.base.split_lines`."""
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
        yield from decoded_lines(raw, path, encoding)


def decoded_lines(
    raw: io.BufferedIOBase | io.BytesIO, path: str, encoding: str = "utf-8", first: int = 1
) -> Iterator[tuple[int, str]]:
    """Numbered lines of a binary stream (``first``: the number of its first line)."""
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline=None)  # type: ignore[arg-type]
    number = first - 1
    try:
        for line in text:
            number += 1
            if "\x00" in line:
                raise InputError("binary data (NUL byte): not a text file", path, number)
            yield number, line.rstrip("\n")
    except UnicodeDecodeError:
        text.detach()
        if encoding == "utf-16":
            raise InputError("invalid UTF-16 text", path, number + 1) from None
        # The wrapper decodes ahead of the lines it gave: find the bad byte's own line.
        line, offset, byte = _first_bad_utf8(raw, first)
        raise InputError(
            f"invalid UTF-8 (byte 0x{byte:02x} at offset {offset}); save the file as UTF-8 "
            "or UTF-16 with a BOM",
            path,
            line,
        ) from None
    text.detach()


def _first_bad_utf8(raw: io.BufferedIOBase | io.BytesIO, first: int) -> tuple[int, int, int]:
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


# --- pairs of the streamed formats ------------------------------------------------------

Pair = tuple[Side | None, Side | None]


def _jsonl_pairs(path: str, options: ReaderOptions) -> Iterator[Pair]:
    return jsonl_pairs_of(iter_lines(path), path, options)


def jsonl_pairs_of(
    lines: Iterable[tuple[int, str]], path: str, options: ReaderOptions
) -> Iterator[Pair]:
    from auditor.formats.jsonl import _keys, _text

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
        source, target = (_text(obj, key, path, number) for key in keys)
        yield (
            (source, number, number) if source is not None else None,
            (target, number, number) if target is not None else None,
        )


def tsv_rows(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[list[str], int, int]]:
    from auditor.formats.delimited import _unescape_tsv

    for number, line in lines:
        if line.strip():
            yield [_unescape_tsv(f) for f in line.split("\t")], number, number


def _tsv_pairs(path: str, options: ReaderOptions) -> Iterator[Pair]:
    return rows_pairs(tsv_rows(iter_lines(path)), path, options, "tab")


def _csv_pairs(path: str, options: ReaderOptions) -> Iterator[Pair]:
    lines = (line + "\n" for _, line in iter_lines(path))
    reader = csv.reader(lines, strict=True)
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)

    return rows_pairs(csv_rows(reader, path), path, options, "comma")


def _tmx_pairs(path: str, options: ReaderOptions) -> Iterator[Pair]:
    from auditor.formats import tmx

    return tmx.iter_pairs(path)


def _xliff_pairs(path: str, options: ReaderOptions) -> Iterator[Pair]:
    from auditor.formats import xliff

    return xliff.iter_pairs(path)


_PAIR_READERS = {
    "jsonl": _jsonl_pairs,
    "tsv": _tsv_pairs,
    "csv": _csv_pairs,
    "tmx": _tmx_pairs,
    "xliff": _xliff_pairs,
}


def iter_pairs(path: str, fmt: str, options: ReaderOptions) -> Iterator[Pair]:
    """The ``(source side, target side)`` pairs of a JSONL, TSV, CSV, TMX or XLIFF file,
    lazily."""
    return _PAIR_READERS[fmt](path, options)


def _pair_segments(
    path: str, fmt: str, options: ReaderOptions, termbase: object, scored: bool = True
) -> Iterator[Segment]:
    """Unnumbered segments of a pairs file, paired exactly as the aligner pairs them."""
    any_pair = False
    for segment in segments_from_pairs(
        iter_pairs(path, fmt, options), path, fmt, termbase, scored=scored
    ):
        any_pair = True
        yield segment
    if not any_pair:
        raise InputError(f"no translation pairs found in this {fmt.upper()} file", path)


LinePair = tuple[TextLine | None, TextLine | None]


def line_pairs(pairs: Iterable[Pair], path: str) -> Iterator[LinePair]:
    """Reader pairs as text lines; a pair with no text on either side is dropped (it
    makes no segment)."""
    for source, target in pairs:
        pair = (side_line(source, path, "en"), side_line(target, path, "zh"))
        if pair != (None, None):
            yield pair


def segments_from_pairs(
    pairs: Iterable[Pair],
    path: str,
    fmt: str,
    termbase: object,
    first_index: int = 0,
    scored: bool = True,
) -> Iterator[Segment]:
    """Unnumbered segments (``id`` empty) of reader pairs, as the aligner pairs them.

    The aligner scores a pair's confidence with anchors weighed by their rarity among the
    pairs scored together; here those are windows of :data:`PAIR_WINDOW` segments that
    start at multiples of it (``first_index``: the index of the first pair given), so
    every engine, however it splits the input, gives the same scores.
    """
    return segments_from_line_pairs(
        line_pairs(pairs, path), path, fmt, termbase, first_index, scored
    )


def segments_from_line_pairs(
    pairs: Iterable[LinePair],
    path: str,
    fmt: str,
    termbase: object,
    first_index: int = 0,
    scored: bool = True,
) -> Iterator[Segment]:
    """:func:`segments_from_pairs` of text-line pairs. ``scored=False`` skips the
    confidence scores (every ``align_score`` is 1.0), for outputs that never show them."""
    if not scored:
        yield from unscored_pairs(pairs)
        return
    chunk: list[LinePair] = []
    index = first_index
    for pair in pairs:
        chunk.append(pair)
        index += 1
        if index % PAIR_WINDOW == 0:
            yield from _from_pairs(Document(path, fmt, "pairs", pairs=tuple(chunk)), termbase)
            chunk = []
    if chunk:
        yield from _from_pairs(Document(path, fmt, "pairs", pairs=tuple(chunk)), termbase)


# --- interleaved text, aligned a window at a time -------------------------------------


def interleaved_lines(path: str) -> Iterator[TextLine]:
    """The text lines of an interleaved file tagged with their language, as
    :func:`auditor.formats.interleaved.parse` tags them, read line by line."""
    return tag_lines(iter_lines(path), path)


def segments_from_interleaved(
    lines: Iterable[TextLine],
    path: str,
    termbase: object,
    window: int = LINE_WINDOW,
    margin: int = LINE_MARGIN,
) -> Iterator[Segment]:
    """Unnumbered segments of interleaved lines, aligned ``window + margin`` lines at a time.

    Of each aligned window the segments before a line near ``window`` that no segment
    straddles are kept; the lines after it are aligned again with the next window. An
    interleaved file keeps each translation beside its source, so a pairing never
    reaches further than a few lines and this gives the whole-file alignment; files up to
    ``window + margin`` lines are aligned in one piece, exactly as when read whole.
    """
    buffer: list[TextLine] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= window + margin:
            segments = _align_interleaved(_interleaved(path, buffer), termbase)
            cut = _safe_cut(segments, buffer[window].loc.first)
            if cut is None:  # no clean cut (cannot happen with a sane margin): keep all
                yield from segments
                buffer = []
                continue
            yield from (s for s in segments if _line_range(s)[1] < cut)
            buffer = [kept for kept in buffer if kept.loc.first >= cut]
    if buffer:
        yield from _align_interleaved(_interleaved(path, buffer), termbase)


def _interleaved(path: str, lines: list[TextLine]) -> Document:
    return Document(path=path, format="interleaved", kind="interleaved", lines=tuple(lines))


def _line_range(segment: Segment) -> tuple[int, int]:
    locs = [loc for loc in (segment.source_loc, segment.target_loc) if loc is not None]
    return min(loc.first for loc in locs), max(loc.last for loc in locs)


def _safe_cut(segments: list[Segment], near: int) -> int | None:
    """The last line number at or before ``near`` where every segment lies wholly before
    or wholly after it (segments come in order of their first line)."""
    best = None
    last_so_far = 0
    for index, segment in enumerate(segments):
        first, last = _line_range(segment)
        if first > near:
            break
        if index > 0 and last_so_far < first:
            best = first
        last_so_far = max(last_so_far, last)
    return best


def scan_pairs(pairs: Iterable[Pair]) -> tuple[int, frozenset[DocName]]:
    """How many segments reader pairs make, and the names they introduce: what
    :func:`harvest_names` finds in the segments of :func:`line_pairs`, without building
    a segment per pair (this pass runs before any check can start, so it is kept lean)."""
    count = 0
    names = NameHarvest()
    for source, target in pairs:
        en = source[0].strip() if source is not None else ""
        zh = target[0].strip() if target is not None else ""
        if en or zh:
            count += 1
            if en and zh:
                names.add(en, copied=same_text(en, zh))
    return count, names.names()


def numbered(segments: Iterable[Segment], start: int, total: int) -> Iterator[Segment]:
    """Give segments the aligner's ids; ``start`` is the 0-based index of the first."""
    for index, s in enumerate(segments, start=start + 1):
        yield Segment(
            segment_id(index, total),
            s.source,
            s.target,
            s.source_loc,
            s.target_loc,
            s.align_type,
            s.align_score,
        )


# --- the source ---------------------------------------------------------------------------


class SegmentSource:
    """The aligned segments of one input, re-readable, streamed where the format allows."""

    def __init__(self, path: str, options: AuditOptions, termbase: object = None):
        self.path = path
        self.target_path = options.target_path
        self._options = options
        self._termbase = termbase
        self._reader_options = ReaderOptions(*options.columns)
        if options.target_path is not None:
            self.format = "parallel"
        else:
            self.format = options.input_format or guess_format(path)
        self.streamed = self.format in STREAMED_FORMATS

    @cached_property
    def _document_segments(self) -> tuple[Segment, ...]:
        """Formats not streamed: the whole document, read and aligned once."""
        if self.target_path is not None:
            document = read_parallel(self.path, self.target_path)
        else:
            document = read_document(self.path, self.format, self._reader_options)
        self.format = document.format
        return tuple(align_document(document, self._termbase))

    def _unnumbered(self) -> Iterator[Segment]:
        if self.format == "interleaved":
            return iter(self._aligned_interleaved)
        if self.streamed:
            return _pair_segments(
                self.path,
                self.format,
                self._reader_options,
                self._termbase,
                scored=self._options.align_scores,
            )
        return iter(self._document_segments)

    @cached_property
    def _aligned_interleaved(self) -> Spool[Segment]:
        """Interleaved text aligned once, a window at a time, onto a spool (on disk when
        large): the count and names come from it, and so do the checked segments."""
        from auditor.engine.spool import Spool

        spool: Spool[Segment] = Spool()
        zh_lines = en_lines = 0

        def counted() -> Iterator[TextLine]:
            nonlocal zh_lines, en_lines
            for line in interleaved_lines(self.path):
                zh_lines += line.lang == "zh"
                en_lines += line.lang == "en"
                yield line

        for segment in segments_from_interleaved(counted(), self.path, self._termbase):
            spool.append(segment)
        require_both_languages(len(spool) > 0, zh_lines > 0, self.path, en_lines > 0)
        return spool

    @cached_property
    def worker_plan(self) -> tuple[list[PartitionJob], frozenset[DocName]] | None:
        """With several jobs, a JSONL or TSV file is read by the worker processes, a
        partition each (:mod:`auditor.engine.partitioned`): their jobs and the speaker
        names, counted there; ``None`` when it is read in order here."""
        if not self.streamed or self.target_path is not None or self._options.jobs < 2:
            return None
        from auditor.engine.partitioned import plan_in_workers

        return plan_in_workers(self.path, self.format, self._reader_options, self._options.jobs)

    @cached_property
    def _scan(self) -> tuple[int, frozenset[DocName]]:
        """One pass: how many segments, and the names they introduce."""
        if (plan := self.worker_plan) is not None:
            jobs, names = plan
            return jobs[0].total, names
        if self.format == "interleaved":
            spool = self._aligned_interleaved
            return len(spool), harvest_names(iter(spool))
        if not self.streamed:
            segments = self._document_segments
            return len(segments), harvest_names(segments)
        count, names = scan_pairs(iter_pairs(self.path, self.format, self._reader_options))
        if count == 0:
            raise InputError(
                f"no translation pairs found in this {self.format.upper()} file", self.path
            )
        return count, names

    @property
    def count(self) -> int:
        return self._scan[0]

    @property
    def names(self) -> frozenset[DocName]:
        return self._scan[1]

    def __iter__(self) -> Iterator[Segment]:
        if not self.streamed:
            return iter(self._document_segments)
        return self._numbered()

    def _numbered(self) -> Iterator[Segment]:
        return numbered(self._unnumbered(), 0, self.count)
