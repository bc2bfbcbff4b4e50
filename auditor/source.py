"""The segments of an input, read as a stream, so a million-pair corpus never sits in memory.

Every format streams its pairs or lines from the start (:mod:`auditor.formats`); here
they are paired the way the aligner pairs them (:func:`auditor.align.align_document`),
so the segments (ids included) are the same as reading the whole document. Pairs are
scored in windows of :data:`PAIR_WINDOW`; interleaved text is aligned a window of lines
at a time; two parallel files are read whole and aligned as one.

A :class:`SegmentSource` can be iterated more than once: the first pass counts the
segments (their ids are zero-padded to the width of the count) and harvests the speaker
names the checks need before the first segment is checked. A file whose format splits
into partitions (:mod:`auditor.formats.partitions`) may be counted and read a partition
at a time by worker processes: see :func:`plan_partition_jobs`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import islice
from typing import TYPE_CHECKING, Any

from auditor.align import (
    align_document,
    align_interleaved,
    same_text,
    scored_pairs,
    unscored_pairs,
)
from auditor.formats import (
    ReaderOptions,
    format_named,
    formats,
    guess_format,
    iter_pairs,
    iter_text_lines,
    read_document,
)
from auditor.formats.base import LinePair, Pair, Side, input_file, line_pairs, no_pairs
from auditor.formats.interleaved import require_both_languages
from auditor.formats.partitions import (
    Partition,
    file_header,
    lines_onwards,
    own_lines,
    partition_pairs,
    plan_partitions,
)
from auditor.model import Document, InputError, Segment, TextLine
from auditor.names import DocName, NameHarvest, harvest_names, merge_names
from auditor.source_fast import numbered_unscored
from auditor.spool import HeldSpool

if TYPE_CHECKING:
    from auditor.checks.base import CheckContext
    from auditor.options import AuditOptions
    from glossary.model import Termbase

#: Formats read a piece at a time (lines; XML chunks): all but two-file input.
STREAMED_FORMATS: frozenset[str] = frozenset(f.name for f in formats() if f.kind != "parallel")

#: Lines of an interleaved file aligned at a time (see :func:`segments_from_interleaved`),
#: and the lines past them aligned too, so no pairing is cut at the window's edge.
LINE_WINDOW = 20_000
LINE_MARGIN = 2_000

#: Pairs the aligner scores together (see :func:`segments_from_line_pairs`).
PAIR_WINDOW = 1000

#: Bytes (estimated) of reader pairs the counting pass keeps for the checking pass, which
#: then need not read and parse the file again; a larger file is read twice.
PAIRS_HELD_LIMIT = 32 * 1024 * 1024

#: Bytes per partition read by a worker process: about a batch of segments (some 1,500
#: pairs of a transcript), so the work spreads evenly and the results in flight stay small.
PARTITION_BYTES = 1 << 20

#: ``map_ordered(func, items, jobs)``: ``(item, func(item))`` in input order, computed in
#: ``jobs`` worker processes (the engine's :func:`auditor.engine.local.map_ordered`).
MapOrdered = Callable[[Callable[[Any], Any], Iterable[Any], int], Iterable[tuple[Any, Any]]]


def map_here(func: Callable[[Any], Any], items: Iterable[Any], jobs: int) -> Iterator[Any]:
    """:data:`MapOrdered` in this process, one item after another."""
    for item in items:
        yield item, func(item)


def segment_id(index: int, total: int) -> str:
    """The aligner's id of the ``index``-th segment (1-based) of ``total``: ``s0001``..."""
    width = max(4, len(str(total)))
    return f"s{index:0{width}d}"


def _pair_segments(
    reader_pairs: Iterable[Pair],
    path: str,
    fmt: str,
    termbase: Termbase | None,
    scored: bool = True,
) -> Iterator[Segment]:
    """Unnumbered segments of a pairs file's reader pairs, paired exactly as the aligner
    pairs them."""
    any_pair = False
    pairs = line_pairs(reader_pairs, path)
    for segment in segments_from_line_pairs(pairs, path, fmt, termbase, scored=scored):
        any_pair = True
        yield segment
    if not any_pair:
        raise no_pairs(fmt, path)


def segments_from_line_pairs(
    pairs: Iterable[LinePair],
    path: str,
    fmt: str,
    termbase: Termbase | None,
    first_index: int = 0,
    scored: bool = True,
) -> Iterator[Segment]:
    """Unnumbered segments (``id`` empty) of text-line pairs, as the aligner pairs them.

    The aligner scores a pair's confidence with anchors weighed by their rarity among the
    pairs scored together; here those are windows of :data:`PAIR_WINDOW` segments that
    start at multiples of it (``first_index``: the index of the first pair given), so
    every engine, however it splits the input, gives the same scores. ``scored=False``
    skips the scores (every ``align_score`` is 1.0), for outputs that never show them.
    """
    if not scored:
        yield from unscored_pairs(pairs)
        return
    chunk: list[LinePair] = []
    index = first_index
    for pair in pairs:
        chunk.append(pair)
        index += 1
        if index % PAIR_WINDOW == 0:
            yield from scored_pairs(Document(path, fmt, "pairs", pairs=tuple(chunk)), termbase)
            chunk = []
    if chunk:
        yield from scored_pairs(Document(path, fmt, "pairs", pairs=tuple(chunk)), termbase)


# --- interleaved text, aligned a window at a time -------------------------------------


def segments_from_interleaved(
    lines: Iterable[TextLine],
    path: str,
    termbase: Termbase | None,
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
            segments = align_interleaved(_interleaved(path, buffer), termbase)
            cut = _safe_cut(segments, buffer[window].loc.first)
            if cut is None:  # no clean cut (cannot happen with a sane margin): keep all
                yield from segments
                buffer = []
                continue
            yield from (s for s in segments if _line_range(s)[1] < cut)
            buffer = [kept for kept in buffer if kept.loc.first >= cut]
    if buffer:
        yield from align_interleaved(_interleaved(path, buffer), termbase)


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
    scan = scan_and_hold(pairs, hold_limit=0)
    return scan.count, scan.names


@dataclass(frozen=True)
class PairScan:
    """What the counting pass over a pairs file learnt: :func:`scan_pairs`' count and
    names, and the reader pairs themselves while they fitted the memory bound (then the
    checking pass takes them from here instead of reading and parsing the file again)."""

    count: int
    names: frozenset[DocName]
    held: tuple[Pair, ...] | None


def _pair_weight(source: Side | None, target: Side | None) -> int:
    """About the bytes a reader pair takes as objects (as :func:`_segment_weight`)."""
    return 300 + 2 * (len(source[0]) if source else 0) + 2 * (len(target[0]) if target else 0)


def scan_and_hold(pairs: Iterable[Pair], hold_limit: int | None = None) -> PairScan:
    """:func:`scan_pairs`, keeping the pairs read while they take under ``hold_limit``
    bytes (estimated; default :data:`PAIRS_HELD_LIMIT`): a file past it is read again for
    checking, so memory stays flat."""
    if hold_limit is None:
        hold_limit = PAIRS_HELD_LIMIT
    count = 0
    names = NameHarvest()
    held: list[Pair] | None = [] if hold_limit > 0 else None
    room = hold_limit
    for pair in pairs:
        source, target = pair
        if held is not None:
            room -= _pair_weight(source, target)
            if room < 0:
                held = None  # too big to hold: the checking pass reads the file again
            else:
                held.append(pair)
        en = source[0].strip() if source is not None else ""
        zh = target[0].strip() if target is not None else ""
        if en or zh:
            count += 1
            if en and zh:
                names.add(en, copied=same_text(en, zh))
    return PairScan(count, names.names(), tuple(held) if held is not None else None)


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


def _segment_weight(segment: Segment) -> int:
    """About the bytes a segment takes as objects: its two texts (one byte a character
    for English, two for Chinese), its locations and id."""
    return 600 + 2 * (len(segment.source or "") + len(segment.target or ""))


# --- partitions read by worker processes ------------------------------------------------


@dataclass(frozen=True)
class PartitionCount:
    lines: int
    segments: int
    names: frozenset[DocName]


@dataclass(frozen=True)
class PartitionJob:
    """What a worker checks: the segments ``[owned_start, owned_start + take)`` of the
    document, read from the start of ``part`` after skipping ``skip`` segments."""

    part: Partition
    options: ReaderOptions
    header: Any
    first_line: int
    skip: int
    owned_start: int
    take: int
    total: int


def count_partition(part: Partition, options: ReaderOptions, header: Any) -> PartitionCount:
    """Lines (counted as the readers count them) and segments of the partition's bytes,
    and the speaker names among them."""
    lines = 0

    def counted_lines() -> Iterator[tuple[int, str]]:
        nonlocal lines
        for number, line in own_lines(part, 1):
            lines = number
            yield number, line

    segments, names = scan_pairs(partition_pairs(part, counted_lines(), options, header))
    return PartitionCount(lines, segments, names)


def plan_jobs(
    parts: list[Partition], counts: list[PartitionCount], options: ReaderOptions, header: Any
) -> list[PartitionJob]:
    """Give each partition the scoring windows that start in it.

    Segment ids are zero-padded to the width of the total, every segment carries its
    line numbers, and the aligner scores pairs in windows of :data:`PAIR_WINDOW`
    segments, so a partition needs to know what comes before it: it skips the tail of a
    window begun before it and reads on past its end to finish its last window, so the
    output does not depend on where the bytes were cut.
    """
    total = sum(c.segments for c in counts)

    def window_start(index: int) -> int:
        return min(total, -(-index // PAIR_WINDOW) * PAIR_WINDOW)

    jobs = []
    first_line, start = 1, 0
    for part, count in zip(parts, counts, strict=True):
        owned = window_start(start)
        owned_end = window_start(start + count.segments)
        jobs.append(
            PartitionJob(
                part, options, header, first_line, owned - start, owned, owned_end - owned, total
            )
        )
        first_line += count.lines
        start += count.segments
    return jobs


def owned_segments(
    job: PartitionJob, termbase: Termbase | None, scored: bool = False
) -> Iterator[Segment]:
    """The partition's segments, numbered as the whole-file stream makes them (unscored
    unless ``scored``: only a JSON report shows a pair's confidence)."""
    if job.take == 0:
        return iter(())
    part = job.part
    lines = lines_onwards(part, job.first_line)
    pairs = line_pairs(partition_pairs(part, lines, job.options, job.header), part.path)
    mine = islice(pairs, job.skip, job.skip + job.take)
    segments = segments_from_line_pairs(
        mine, part.path, part.fmt, termbase, job.owned_start, scored=scored
    )
    return numbered(segments, job.owned_start, job.total)


def plan_partition_jobs(
    path: str,
    fmt: str,
    options: ReaderOptions,
    jobs: int,
    map_ordered: MapOrdered = map_here,
    size: int | None = None,
) -> tuple[list[PartitionJob], frozenset[DocName]] | None:
    """Partition jobs for the file and the speaker names in it, the partitions counted by
    ``map_ordered`` (in ``jobs`` worker processes); ``None`` when the file must be read in
    order: one job, a format whose records may span lines, UTF-16, or input the readers
    refuse (the in-order reader then reports it with its exact line and offset)."""
    if jobs < 2 or format_named(fmt).partitions is None:
        return None
    try:
        if input_file(path).stat().st_size == 0:
            return None
        parts = plan_partitions(path, fmt, size or PARTITION_BYTES)
        header = file_header(path, fmt, options)
    except (InputError, OSError):
        return None
    counts: list[PartitionCount] = []
    for _, count in map_ordered(partial(_count, options=options, header=header), parts, jobs):
        if count is None:
            return None
        counts.append(count)
    if sum(c.segments for c in counts) == 0:
        return None
    names = merge_names(c.names for c in counts)
    return plan_jobs(parts, counts, options, header), names


def _count(part: Partition, options: ReaderOptions, header: Any) -> PartitionCount | None:
    """:func:`count_partition`, or ``None`` when the readers refuse the partition."""
    try:
        return count_partition(part, options, header)
    except InputError:
        return None


@dataclass(frozen=True)
class PartitionWork:
    """A partition as an engine's work item: the worker reads its own segments."""

    job: PartitionJob
    #: With the aligner's pair scores (a JSON report shows them).
    scored: bool

    @property
    def start(self) -> int:
        return self.job.owned_start

    def segments(self, ctx: CheckContext, limit: int | None = None) -> list[Segment]:
        read = owned_segments(self.job, ctx.termbase, scored=self.scored)
        return list(islice(read, limit))


# --- the source ---------------------------------------------------------------------------


class SegmentSource:
    """The aligned segments of one input, re-readable, streamed where the format allows.

    With ``jobs`` of 2 or more, a file whose format splits into partitions (of about
    ``partition_bytes``) is planned for workers that read it themselves, and
    ``map_ordered`` spreads the counting of its partitions over them
    (:func:`plan_partition_jobs`); by default the partitions are counted here.
    """

    def __init__(
        self,
        path: str,
        options: AuditOptions,
        termbase: Termbase | None = None,
        map_ordered: MapOrdered = map_here,
        jobs: int | None = None,
        partition_bytes: int | None = None,
    ):
        self.path = path
        self.target_path = options.target_path
        self._options = options
        self._termbase = termbase
        self._map_ordered = map_ordered
        self._jobs = options.jobs if jobs is None else jobs
        self._partition_bytes = partition_bytes
        self._reader_options = ReaderOptions(*options.columns, target_path=options.target_path)
        if options.target_path is not None:
            self.format = "parallel"
        else:
            self.format = options.input_format or guess_format(path)
        self.kind = format_named(self.format, path).kind
        #: Whether the segments are read a piece at a time (all but two-file input).
        self.streamed = self.kind != "parallel"

    @cached_property
    def _document_segments(self) -> tuple[Segment, ...]:
        """Two-file input: the whole document, read and aligned once."""
        document = read_document(self.path, self.format, self._reader_options)
        return tuple(align_document(document, self._termbase))

    def _unnumbered(self) -> Iterator[Segment]:
        if self.kind == "interleaved":
            return iter(self._aligned_interleaved)
        return _pair_segments(
            self._reader_pairs(),
            self.path,
            self.format,
            self._termbase,
            scored=self._options.align_scores,
        )

    @cached_property
    def _aligned_interleaved(self) -> HeldSpool[Segment]:
        """Interleaved text aligned once, a window at a time, onto a spool (as objects up
        to a memory bound, then pickled, on disk when large): the count and names come
        from it, and so do the checked segments."""
        spool: HeldSpool[Segment] = HeldSpool(_segment_weight)
        en_lines = 0

        def counted() -> Iterator[TextLine]:
            nonlocal en_lines
            for line in iter_text_lines(self.path, self.format, self._reader_options):
                en_lines += line.lang == "en"
                yield line

        for segment in segments_from_interleaved(counted(), self.path, self._termbase):
            spool.append(segment)
        require_both_languages(True, True, self.path, en_lines > 0)
        return spool

    @cached_property
    def worker_plan(self) -> tuple[list[PartitionJob], frozenset[DocName]] | None:
        """With several jobs, a file whose format splits into partitions is read by the
        worker processes, a partition each: their jobs and the speaker names, counted
        there; ``None`` when it is read in order here."""
        if self.kind != "pairs" or self._jobs < 2:
            return None
        return plan_partition_jobs(
            self.path,
            self.format,
            self._reader_options,
            self._jobs,
            self._map_ordered,
            self._partition_bytes,
        )

    @cached_property
    def _scan(self) -> tuple[int, frozenset[DocName]]:
        """One pass: how many segments, and the names they introduce."""
        if (plan := self.worker_plan) is not None:
            jobs, names = plan
            return jobs[0].total, names
        if self.kind == "interleaved":
            spool = self._aligned_interleaved
            return len(spool), harvest_names(iter(spool))
        if not self.streamed:
            segments = self._document_segments
            return len(segments), harvest_names(segments)
        scan = self._pair_scan
        assert scan is not None  # a streamed pairs file, read here
        if scan.count == 0:
            raise no_pairs(self.format, self.path)
        return scan.count, scan.names

    @cached_property
    def _pair_scan(self) -> PairScan | None:
        """The counting pass over a pairs file read in order here (``None`` for other
        inputs, and for a file the worker processes read a partition each)."""
        if self.kind != "pairs" or self.worker_plan is not None:
            return None
        return scan_and_hold(iter_pairs(self.path, self.format, self._reader_options))

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
        if self.kind == "pairs" and not self._options.align_scores:
            # unscored pairs: each segment built once, with its id (the fast version of
            # the line below, next door)
            count = self.count  # (a file without pairs fails here, as below)
            return numbered_unscored(self._reader_pairs(), self.path, 0, count)
        return numbered(self._unnumbered(), 0, self.count)

    def _reader_pairs(self) -> Iterable[Pair]:
        """A pairs file's reader pairs: kept from the counting pass, or read again."""
        scan = self._pair_scan
        held = scan.held if scan is not None else None
        return (
            held if held is not None else iter_pairs(self.path, self.format, self._reader_options)
        )
