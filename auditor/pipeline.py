"""``audit()``: read -> align -> check -> Report. The one entry point the CLI and TUI call.

Large inputs go through :func:`open_audit` instead, which yields results as they are
checked (in order, on the engine the options ask for) with memory bounded by a window of
work items, not by the input; ``audit()`` is the same stream gathered into a Report.
This is the only place that picks an engine (:func:`make_engine`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from auditor import __version__
from auditor.checks.base import CheckContext
from auditor.engine import InProcess, batched, check_stream, check_work
from auditor.engine.run import Engine
from auditor.formats import ReaderOptions, read_document, read_parallel
from auditor.model import Document, InputError, InputInfo, Report, Segment, SegmentResult
from auditor.names import DocName, harvest_names
from auditor.options import AuditOptions, Progress, Selection
from auditor.source import PartitionWork, SegmentSource

if TYPE_CHECKING:
    pass

T = TypeVar("T")


def load_document(path: str, options: AuditOptions) -> Document:
    if options.target_path is not None:
        return read_parallel(path, options.target_path)
    return read_document(path, options.input_format, ReaderOptions(*options.columns))


def load_termbase(options: AuditOptions):  # -> glossary.model.Termbase
    """The shipped termbase (unless dropped) with each ``--glossary`` layered on top."""
    from glossary import GlossaryError
    from glossary import load_termbase as _load

    try:
        return _load(options.glossaries, include_default=options.use_default_glossary)
    except GlossaryError as exc:  # the glossary package cannot import InputError itself
        raise InputError(exc.message, exc.path, exc.line) from None


def make_context(segments: Iterable[Segment], options: AuditOptions, termbase) -> CheckContext:
    return context_for(harvest_names(segments), options, termbase)


def context_for(names: frozenset[DocName], options: AuditOptions, termbase) -> CheckContext:
    return CheckContext(
        termbase=termbase,
        names=names,
        target_locale=options.target_locale,
        max_per_rule=options.max_per_rule,
    )


def check_segments(
    segments: Sequence[Segment],
    ctx: CheckContext,
    selection: Selection,
    progress: Progress | None = None,
) -> tuple[SegmentResult, ...]:
    """Run every selected rule; findings in a segment keep the registry's order, and
    document-level findings follow the segment-level ones."""
    return tuple(check_stream(segments, ctx, selection, progress=progress, total=len(segments)))


def recheck_segment(segment: Segment, ctx: CheckContext, selection: Selection) -> SegmentResult:
    """Findings of one (post-edited) segment: what the review app shows after an edit.

    Document-level rules are left out: they need the whole document.
    """
    return check_segments([segment], ctx, selection)[0]


@dataclass
class AuditStream:
    """An audit under way: what went in, and (iterating) every result in input order."""

    source: SegmentSource
    context: CheckContext
    options: AuditOptions
    glossaries: tuple[str, ...]
    engine: Engine
    progress: Progress | None = None

    @property
    def inputs(self) -> tuple[InputInfo, ...]:
        inputs = [InputInfo(self.source.path, self.source.format)]
        if self.source.target_path:
            inputs.append(InputInfo(self.source.target_path, self.source.format))
        return tuple(inputs)

    @property
    def total(self) -> int:
        return self.source.count

    @property
    def tool_version(self) -> str:
        return __version__

    def __iter__(self) -> Iterator[SegmentResult]:
        for results in self._finished(list, finish_here=True):
            yield from results

    def finished(self, finish: Callable[[list[SegmentResult]], T]) -> Iterator[T]:
        """``finish`` of each work item's results, in order, run on the engine's workers
        (see :func:`auditor.engine.run.check_work`): one value per work item, so with
        partitions read by the workers, one per partition."""
        return self._finished(finish, finish_here=False)

    def close(self) -> None:
        """Let the engine go (a Dask client this run started)."""
        close = getattr(self.engine, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> AuditStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def head(self) -> Report:
        """What the report says about the run, before any result: its inputs, glossaries
        and tool block (the writers' ``head``)."""
        return Report(
            inputs=self.inputs,
            glossaries=self.glossaries,
            results=(),
            tool_version=__version__,
            extra={"tool": self.tool_info},
        )

    @property
    def tool_info(self) -> dict[str, object]:
        """What the report's ``tool`` block adds: the settings and each glossary's digest."""
        from auditor.config import Settings
        from auditor.project import tool_block

        project, options = self.options.project, self.options
        if project is not None:  # with the locale the run used (the input may declare it)
            settings = {**project.settings, "locale": options.target_locale}
        else:  # a library call: the settings are the options (and the defaults)
            settings = Settings(
                select=options.selection.select,
                ignore=options.selection.ignore,
                locale=options.target_locale,
                glossaries=options.glossaries,
            ).to_json()
        return tool_block(settings, self.glossaries, __version__)

    def _finished(
        self, finish: Callable[[list[SegmentResult]], T], finish_here: bool
    ) -> Iterator[T]:
        project = self.options.project
        if project is None or not project.active:
            return self._checked(finish, finish_here)
        from auditor.project import finish_with_policy, gather_hits

        return gather_hits(
            project, self._checked(partial(finish_with_policy, project, finish), finish_here)
        )

    def _checked(
        self, finish: Callable[[list[SegmentResult]], T], finish_here: bool
    ) -> Iterator[T]:
        plan = self.source.worker_plan
        work: Iterable[PartitionWork] | Iterable[object]
        if plan is not None:  # the workers read the input too
            work = (PartitionWork(job, self.options.align_scores) for job in plan[0])
        else:
            work = batched(self.source)
        return check_work(
            self.engine,
            work,  # type: ignore[arg-type]
            self.context,
            self.options.selection,
            finish,
            progress=self.progress,
            total=self.total,
            finish_here=finish_here,
        )


def make_engine(options: AuditOptions) -> Engine:
    """The engine the options ask for: Dask, a pool of ``jobs`` processes, or this one."""
    if options.engine == "dask":
        from auditor.engine.dask_engine import DaskEngine

        return DaskEngine(options.scheduler, options.scheduler_timeout)
    if options.jobs > 1:
        from auditor.engine.local import ProcessPool

        return ProcessPool(options.jobs)
    return InProcess()


def _counter(engine: Engine) -> Callable[..., Iterator[tuple[object, object]]]:
    """The engine as the source's ``map_ordered``: counting a file's partitions runs
    where checking them will."""

    def map_ordered(
        func: Callable[[object], object], items: Iterable[object], jobs: int
    ) -> Iterator[tuple[object, object]]:
        items = list(items)
        return zip(items, engine.map(_apply, func, items), strict=True)

    return map_ordered


def _apply(func: Callable[[object], object], item: object) -> object:
    return func(item)


def open_audit(
    path: str,
    options: AuditOptions | None = None,
    progress: Progress | None = None,
) -> AuditStream:
    """Read enough of the input to start (segment count, speaker names), check lazily."""
    options = options or AuditOptions()
    termbase = load_termbase(options)
    engine = make_engine(options)
    if options.engine == "dask":  # a cluster reads the input in partitions whatever its size
        from auditor.formats.partitions import PARTITION_BYTES

        source = SegmentSource(
            path, options, termbase, _counter(engine), max(2, engine.jobs), PARTITION_BYTES
        )
    else:
        source = SegmentSource(path, options, termbase, _counter(engine), engine.jobs)
    ctx = context_for(source.names, options, termbase)
    glossaries = tuple(termbase.sources) if termbase is not None else ()
    return AuditStream(source, ctx, options, glossaries, engine, progress)


def audit(
    path: str,
    options: AuditOptions | None = None,
    progress: Progress | None = None,
) -> Report:
    with open_audit(path, options, progress) as stream:
        results = tuple(stream)
        return replace(stream.head(), results=results)
