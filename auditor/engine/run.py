"""The one way the checks run, on any engine: work in, ``finish`` of each item's results
out, in input order.

A work item is a batch of consecutive segments (:class:`~auditor.engine.batch.SegmentBatch`)
or a piece of the input a worker reads itself (a partition); either way the worker checks
it with :func:`~auditor.engine.batch.check_batch`. Without document-level rules each
item's results are finished (say rendered as JSON Lines) where they were checked and
yielded as soon as they come. With them, results wait on a
:class:`~auditor.spool.Spool` (on disk when large) until every item's facts are in and
each rule's ``combine`` has run; then each spooled item goes back to the engine to be
finished with its document-level findings merged in. In this process alone (``--jobs 1``)
nothing crosses to another process, so the results wait as they are, pickled only past a
memory bound (:class:`~auditor.spool.HeldSpool`). Memory is bounded by the items in
flight, not by the input.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Protocol, TypeVar

from auditor.checks.base import CheckContext
from auditor.engine.batch import Facts, Work, check_batch, combine_facts, has_document_rules, merge
from auditor.engine.in_process import InProcess
from auditor.model import Finding, SegmentResult
from auditor.options import Progress, Selection
from auditor.spool import HeldSpool, Spool
from auditor.spool import loads as spool_loads

T = TypeVar("T")
S = TypeVar("S")
A = TypeVar("A")
B = TypeVar("B")

#: Segments checked in the calling process before forked workers start: the checkers'
#: one-off state (compiled patterns, the term matcher, the tokenizer) is then built once,
#: here, and inherited, instead of once per worker (~1 s each).
WARM_UP = 20


class Engine(Protocol):
    """Where work runs: ``fn(shared, item)`` for each item, results in input order.
    ``shared`` (the check context) reaches each worker once."""

    @property
    def jobs(self) -> int:
        """How many items run at once."""
        ...

    #: Whether workers are forked from this process (and inherit what it built).
    forks: bool

    def map(self, fn: Callable[[S, A], B], shared: S, items: Iterable[A]) -> Iterator[B]: ...


#: What every worker shares: the context, the selection, and the caller's ``finish``.
Shared = tuple[CheckContext, Selection, Callable[[list[SegmentResult]], object]]


def check_work(
    engine: Engine,
    work: Iterable[Work],
    ctx: CheckContext,
    selection: Selection,
    finish: Callable[[list[SegmentResult]], T],
    *,
    progress: Progress | None = None,
    total: int | None = None,
    finish_here: bool = False,
) -> Iterator[T]:
    """``finish`` of each work item's results, in input order. ``finish`` runs on the
    engine (it must pickle: a module-level function), except with ``finish_here``, when
    the caller wants the results themselves and the pass after the document-level
    combine runs in this process instead of sending every result out and back."""
    work = iter(work)
    if engine.forks:
        work = _warmed(work, ctx, selection)
    tick = ticker(progress, total)
    shared: Shared = (ctx, selection, finish)
    if not has_document_rules(selection):
        for size, finished in engine.map(_check_and_finish, shared, work):
            tick(size)
            yield finished  # type: ignore[misc]
        return
    if isinstance(engine, InProcess):
        yield from _held_then_finished(engine, work, shared, tick)
        return
    checked = engine.map(_check_and_spool, shared, work)
    with Spool[list[SegmentResult]]() as results, Spool[dict[str, Facts]]() as facts:
        sizes = []
        for size, blob, item_facts in checked:
            results.append_pickled(blob)
            facts.append(item_facts)
            sizes.append(size)
            tick(size)
        extra = combine_facts(selection, ctx, facts)
        last = InProcess() if finish_here else engine
        pending = _final_work(results.pickled(), sizes, extra)
        yield from last.map(_finish_spooled, shared, pending)  # type: ignore[misc]


def _held_then_finished(
    engine: InProcess, work: Iterator[Work], shared: Shared, tick: Callable[[int], None]
) -> Iterator[T]:
    """:func:`check_work` with document-level rules, all in this process: the results
    wait as they are (a :class:`~auditor.spool.HeldSpool`: pickled only past a memory
    bound), since nothing needs to cross to another process."""
    ctx, selection, finish = shared
    with (
        HeldSpool[list[SegmentResult]](_results_weight) as results,
        HeldSpool[dict[str, Facts]](_facts_weight) as facts,
    ):
        for item_results, item_facts in engine.map(_checked, shared, work):
            results.append(item_results)
            facts.append(item_facts)
            tick(len(item_results))
        extra = combine_facts(selection, ctx, facts)
        start = 0
        for item_results in results:
            size = len(item_results)
            yield finish(  # type: ignore[misc]
                [merge(r, extra.get(start + k)) for k, r in enumerate(item_results)]
            )
            start += size


def _results_weight(results: list[SegmentResult]) -> int:
    """About the bytes a work item's results take as objects: a segment's two texts (one
    byte a character for English, two for Chinese), its locations and id, and each
    finding (on transcript pairs this estimate is ~1.2 times what tracemalloc counts)."""
    weight = 0
    for result in results:
        segment = result.segment
        weight += 600 + 300 * len(result.findings)
        weight += 2 * (len(segment.source or "") + len(segment.target or ""))
    return weight


def _facts_weight(facts: dict[str, Facts]) -> int:
    """About the bytes of a work item's facts: a small tuple per fact."""
    return 200 * sum(len(collected) for collected in facts.values())


def ticker(progress: Progress | None, total: int | None) -> Callable[[int], None]:
    """A function that reports ``n`` more segments done to ``progress``."""
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total if total is not None else done)

    return tick


def _warmed(work: Iterator[Work], ctx: CheckContext, selection: Selection) -> Iterator[Work]:
    """The work, after checking a few segments of the first item here (see
    :data:`WARM_UP`); nothing when there is one item only (it will run here anyway)."""
    first = next(work, None)
    if first is None:
        return iter(())
    second = next(work, None)
    if second is None:
        return iter((first,))
    check_batch(first.segments(ctx, WARM_UP), ctx, selection, first.start)
    return chain((first, second), work)


# --- on the engine's workers ---------------------------------------------------------------


def _checked(shared: Shared, item: Work) -> tuple[list[SegmentResult], dict[str, Facts]]:
    ctx, selection, _ = shared
    segments = item.segments(ctx)
    batch = check_batch(segments, ctx, selection, item.start)
    return batch.results(segments), batch.facts


def _check_and_finish(shared: Shared, item: Work) -> tuple[int, object]:
    results, _ = _checked(shared, item)
    return len(results), shared[2](results)


def _check_and_spool(shared: Shared, item: Work) -> tuple[int, bytes, dict[str, Facts]]:
    results, facts = _checked(shared, item)
    return len(results), pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL), facts


#: A spooled item still pickled, and the document-level findings of its segments by
#: their index within the item.
_Final = tuple[bytes, dict[int, list[Finding]]]


def _final_work(
    blobs: Iterable[bytes], sizes: list[int], extra: dict[int, list[Finding]]
) -> Iterator[_Final]:
    keys = sorted(extra)
    start = k = 0
    for blob, size in zip(blobs, sizes, strict=True):
        mine = {}
        while k < len(keys) and keys[k] < start + size:
            mine[keys[k] - start] = extra[keys[k]]
            k += 1
        yield blob, mine
        start += size


def _finish_spooled(shared: Shared, final: _Final) -> object:
    blob, extra = final
    results: list[SegmentResult] = spool_loads(blob)  # type: ignore[assignment]
    return shared[2]([merge(result, extra.get(k)) for k, result in enumerate(results)])
