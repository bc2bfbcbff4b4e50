"""``audit()``: read -> align -> check -> Report. The one entry point the CLI and TUI call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from auditor import __version__
from auditor.align import align_document
from auditor.checks.base import CheckContext
from auditor.checks.registry import Selection, all_checkers
from auditor.formats import ReaderOptions, read_document, read_parallel
from auditor.model import Document, Finding, InputInfo, Report, Segment, SegmentResult
from auditor.names import harvest_names

#: Called with (done, total) as segments are checked, for progress bars.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AuditOptions:
    """What the user chose on the command line (or in the review app)."""

    input_format: str | None = None
    #: For two-file input: the Chinese file (the positional path is the English one).
    target_path: str | None = None
    glossaries: tuple[str, ...] = ()
    use_default_glossary: bool = True
    selection: Selection = field(default_factory=Selection)
    target_locale: str = "zh-TW"
    #: TSV/CSV columns of the English and Chinese text (``None``: en/zh, else the first two).
    columns: tuple[str | None, str | None] = (None, None)


def load_document(path: str, options: AuditOptions) -> Document:
    if options.target_path is not None:
        return read_parallel(path, options.target_path)
    return read_document(path, options.input_format, ReaderOptions(*options.columns))


def load_termbase(options: AuditOptions):  # -> glossary.model.Termbase
    """The shipped termbase (unless dropped) with each ``--glossary`` layered on top."""
    from glossary import load_termbase as _load

    return _load(options.glossaries, include_default=options.use_default_glossary)


def make_context(segments: Sequence[Segment], options: AuditOptions, termbase) -> CheckContext:
    return CheckContext(
        termbase=termbase,
        names=harvest_names(segments),
        target_locale=options.target_locale,
    )


def check_segments(
    segments: Sequence[Segment],
    ctx: CheckContext,
    selection: Selection,
    progress: Progress | None = None,
) -> tuple[SegmentResult, ...]:
    """Run every selected rule; findings in a segment keep the registry's order."""
    per_segment: list[list[Finding]] = [[] for _ in segments]
    checkers = []
    for checker in all_checkers():
        codes = frozenset(r.code for r in checker.rules if selection.enabled(r.code))
        if codes:
            checkers.append((checker, codes))
    total = len(segments)
    for index, segment in enumerate(segments):
        for checker, codes in checkers:
            if checker.segment is not None:
                per_segment[index].extend(
                    f for f in checker.segment(segment, ctx) if f.rule in codes
                )
        if progress is not None and (index % 500 == 0 or index == total - 1):
            progress(index + 1, total)
    for checker, codes in checkers:
        if checker.document is not None:
            for index, finding in checker.document(segments, ctx):
                if finding.rule in codes:
                    per_segment[index].append(finding)
    return tuple(
        SegmentResult(segment, tuple(findings))
        for segment, findings in zip(segments, per_segment, strict=True)
    )


def recheck_segment(segment: Segment, ctx: CheckContext, selection: Selection) -> SegmentResult:
    """Findings of one (post-edited) segment: what the review app shows after an edit.

    Document-level rules are left out: they need the whole document.
    """
    return check_segments([segment], ctx, selection)[0]


def audit(
    path: str,
    options: AuditOptions | None = None,
    progress: Progress | None = None,
) -> Report:
    options = options or AuditOptions()
    document = load_document(path, options)
    termbase = load_termbase(options)
    segments = align_document(document, termbase)
    ctx = make_context(segments, options, termbase)
    results = check_segments(segments, ctx, options.selection, progress)
    inputs = [InputInfo(document.path, document.format)]
    if document.target_path:
        inputs.append(InputInfo(document.target_path, document.format))
    return Report(
        inputs=tuple(inputs),
        glossaries=tuple(termbase.sources) if termbase is not None else (),
        results=results,
        tool_version=__version__,
    )
