"""Checking a stream of segments: batches out to an engine, results back in order.

Without document-level rules each result is yielded as soon as its batch is checked.
With them, results wait in a :class:`~auditor.engine.spool.Spool` (on disk when large)
until every batch's facts are in and each rule's ``combine`` has run; then the spooled
results are read back with the document-level findings appended. Either way memory is
bounded by the batches in flight, not by the input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from auditor.checks.base import CheckContext
from auditor.checks.registry import Selection
from auditor.engine.batch import Facts, combine_facts, has_document_rules, merge
from auditor.engine import local
from auditor.engine.local import batched, run_local
from auditor.engine.spool import Spool
from auditor.model import Segment, SegmentResult

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
    size = batch_size or local.BATCH_SIZE
    checked = run_local(batched(segments, size), ctx, selection, jobs)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total if total is not None else done)

    if not has_document_rules(selection):
        for segs, batch in checked:
            yield from batch.results(segs)
            tick(len(segs))
        return
    with Spool[list[SegmentResult]]() as results, Spool[dict[str, Facts]]() as facts:
        for segs, batch in checked:
            results.append(batch.results(segs))
            facts.append(batch.facts)
            tick(len(segs))
        extra = combine_facts(selection, ctx, facts)
        index = 0
        for chunk in results:
            for result in chunk:
                yield merge(result, extra.get(index))
                index += 1
