"""What every report writer is: begin (its constructor), ``add`` each segment's result,
``end`` with the run's tally. A gathered report is the same writer fed from a list
(:meth:`ReportWriter.write`), so a format is written by one piece of code however the run
was made."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, TextIO

from auditor.model import Report, SegmentResult
from auditor.report.tally import Tally
from auditor.scoring import MqmScore, Scores, scores_of


@dataclass(frozen=True)
class WriterOptions:
    color: bool = False
    #: Only findings at or above this severity are listed where a writer summarises.
    min_severity: str = "minor"


#: A streamed audit has no references or post-edits: per segment, only the MQM penalty.
NO_METRICS = Scores(mqm=MqmScore(0, 0, 0, None, None))


class ReportWriter:
    """One output format, written as results come.

    ``head`` is what the report says about the run (inputs, glossaries, tool block); with
    ``whole`` it is the whole gathered report, results and scores included, so a writer
    may put its summary first; otherwise results arrive one by one through :meth:`add`
    and the summary is known at :meth:`end`.
    """

    NAME: ClassVar[str]
    FILENAME: ClassVar[str]
    #: Whether the writer holds every result until the end (memory grows with the input).
    GATHERS: ClassVar[bool] = False

    def __init__(
        self,
        stream: TextIO,
        head: Report,
        options: WriterOptions | None = None,
        whole: bool = False,
    ):
        self.stream = stream
        self.head = head
        self.options = options or WriterOptions()
        self.whole = whole
        self.begin()

    def begin(self) -> None:
        """Write what comes before the first result."""

    def add(self, result: SegmentResult) -> None:
        raise NotImplementedError

    def end(self, tally: Tally) -> None:
        """Write what comes after the last result."""

    def scores(self) -> Scores:
        """The scores a segment's line shows: the gathered report's, else MQM alone."""
        return scores_of(self.head) if self.whole else NO_METRICS

    def mqm(self, tally: Tally) -> MqmScore:
        """The run's MQM score: the gathered report's (it may carry a pass threshold),
        else the tally's."""
        return scores_of(self.head).mqm if self.whole else tally.mqm()

    @classmethod
    def write(cls, report: Report, stream: TextIO, options: WriterOptions | None = None) -> Tally:
        """Write a gathered report: this writer fed from its list of results."""
        writer = cls(stream, report, options, whole=True)
        tally = Tally()
        for result in report.results:
            tally.add(result)
            writer.add(result)
        writer.end(tally)
        return tally


class GatheringWriter(ReportWriter):
    """A format that needs the whole report before it writes a byte (an HTML page sorted
    by severity, a test-suite XML): it keeps the results and renders at the end."""

    GATHERS = True

    def begin(self) -> None:
        self._results: list[SegmentResult] = []

    def add(self, result: SegmentResult) -> None:
        if not self.whole:
            self._results.append(result)

    def end(self, tally: Tally) -> None:
        report = self.head if self.whole else replace(self.head, results=tuple(self._results))
        self.render(report)

    def render(self, report: Report) -> None:
        raise NotImplementedError
