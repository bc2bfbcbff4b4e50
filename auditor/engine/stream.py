"""Checking a stream of segments: batches out to an engine, results back in order.

Without document-level rules each result is yielded as soon as its batch is checked.
With them, results wait in a :class:`~auditor.engine.spool.Spool` (on disk when large)
until every batch's facts are in and each rule's ``combine`` has run; then the spooled
results are read back with the document-level findings appended (in the worker processes,
with a caller's ``finish`` step such as rendering JSON Lines: see
:func:`check_stream_finished`). Either way memory is bounded by the batches in flight, not
by the input.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TypeVar

from auditor.checks.base import CheckContext
from auditor.engine import local
from auditor.engine.batch import Facts, combine_facts, has_document_rules, merge
from auditor.engine.local import batched, run_local
from auditor.model import Finding, Segment, SegmentResult
from auditor.options import Selection
from auditor.spool import Spool
from auditor.spool import loads as spool_loads

T = TypeVar("T")

#: Called with (segments done, total or None when unknown).
Progress = Callable[[int, int], None]


def check_stream(
    segments: Iterable[Segment],
    ctx: CheckContext,
    selection: Selection,
    *,
    jobs: int = 1,
    batch_size: int | None = None,
    progress: Progress | None = None,
    total: int | None = None,
) -> Iterator[SegmentResult]:
    """Findings of every segment, in input order, with ``jobs`` worker processes."""
    for chunk in check_stream_finished(
        segments,
        ctx,
        selection,
        list,
        jobs=jobs,
        batch_size=batch_size,
        progress=progress,
        total=total,
        finish_in_workers=False,
    ):
        yield from chunk


def check_stream_finished(
    segments: Iterable[Segment],
    ctx: CheckContext,
    selection: Selection,
    finish: Callable[[list[SegmentResult]], T],
    *,
    jobs: int = 1,
    batch_size: int | None = None,
    progress: Progress | None = None,
    total: int | None = None,
    finish_in_workers: bool = True,
) -> Iterator[T]:
    """``finish`` of each run of consecutive results (a batch), in input order.

    With document-level rules every result waits on the spool until their combine has
    seen the whole input; the pass after it (merging in their findings, then ``finish``,
    say rendering a report's lines) would run in this process alone while the workers
    idle: a fifth of a run. With ``finish_in_workers`` it runs in the workers, which
    get each spooled batch still pickled. ``finish`` must then pickle (a module-level
    function)."""
    size = batch_size or local.BATCH_SIZE
    checked = run_local(batched(segments, size), ctx, selection, jobs)
    tick = ticker(progress, total)
    if not has_document_rules(selection):
        for segs, batch in checked:
            yield finish(batch.results(segs))
            tick(len(segs))
        return
    spooled = (
        (len(segs), pickle_results(batch.results(segs)), batch.facts) for segs, batch in checked
    )
    yield from finish_spooled(
        spooled, ctx, selection, finish, jobs if finish_in_workers else 1, tick
    )


def ticker(progress: Progress | None, total: int | None) -> Callable[[int], None]:
    """A function that reports ``n`` more segments done to ``progress``."""
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total if total is not None else done)

    return tick


def pickle_results(results: list[SegmentResult]) -> bytes:
    """A batch's results as the spool keeps them."""
    return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


#: A checked batch waiting for the document-level rules: how many segments, their
#: results pickled (:func:`pickle_results`), and the facts those rules collected.
Spooled = tuple[int, bytes, dict[str, Facts]]


def finish_spooled(
    checked: Iterable[Spooled],
    ctx: CheckContext,
    selection: Selection,
    finish: Callable[[list[SegmentResult]], T],
    jobs: int,
    tick: Callable[[int], None],
) -> Iterator[T]:
    """Spool every batch's results, run each document-level rule's ``combine`` on the
    facts of all of them, then ``finish`` each batch with its document-level findings
    merged in, in ``jobs`` processes, in order."""
    with Spool[list[SegmentResult]]() as results, Spool[dict[str, Facts]]() as facts:
        sizes = []
        for size, blob, batch_facts in checked:
            results.append_pickled(blob)
            facts.append(batch_facts)
            sizes.append(size)
            tick(size)
        extra = combine_facts(selection, ctx, facts)
        work = _final_work(results.pickled(), sizes, extra)
        finishing = local.map_ordered(partial(_finish_batch, finish), work, jobs)
        yield from (finished for _, finished in finishing)


#: A spooled batch still pickled, and the document-level findings of its segments by
#: their index within the batch.
_Work = tuple[bytes, dict[int, list[Finding]]]


def _final_work(
    blobs: Iterable[bytes], sizes: list[int], extra: dict[int, list[Finding]]
) -> Iterator[_Work]:
    keys = sorted(extra)
    start = k = 0
    for blob, size in zip(blobs, sizes, strict=True):
        mine = {}
        while k < len(keys) and keys[k] < start + size:
            mine[keys[k] - start] = extra[keys[k]]
            k += 1
        yield blob, mine
        start += size


def _finish_batch(finish: Callable[[list[SegmentResult]], T], work: _Work) -> T:
    blob, extra = work
    batch: list[SegmentResult] = spool_loads(blob)  # type: ignore[assignment]
    return finish([merge(result, extra.get(k)) for k, result in enumerate(batch)])
