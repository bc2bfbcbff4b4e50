"""GitHub Actions workflow commands: each finding becomes an annotation on its line.

``::error file=F,line=L,endLine=E,title=T::message`` (critical and major findings) and
``::warning ...`` (minor ones). Values are escaped as the Actions toolkit does: ``%``, CR
and LF everywhere, and ``:`` and ``,`` inside properties. Dismissed findings of a
reviewed report are not annotated.
"""

from __future__ import annotations

from typing import TextIO

from auditor.model import Report
from auditor.report.base import GatheringWriter, WriterOptions
from auditor.report.common import evidence, items
from auditor.scoring import scores_of

NAME = "github"
FILENAME = "report.github.txt"

LEVELS = {"critical": "error", "major": "error", "minor": "warning"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, **props: object) -> str:
    parts = [
        f"{key}={escape_property(str(value))}" for key, value in props.items() if value is not None
    ]
    head = f"::{level} {','.join(parts)}" if parts else f"::{level}"
    return f"{head}::{escape_data(message)}"


def write_whole(report: Report, stream: TextIO, options: WriterOptions) -> None:
    shown = 0
    for it in items(report):
        if it.status == "dismissed":
            continue
        shown += 1
        f = it.finding
        loc = it.loc
        message = f.message
        if f.expected is not None or f.found is not None:
            message += "\n" + evidence(f, sep="\n", colon=True)
        props: dict[str, object] = {}
        if loc is not None:
            props = {"file": loc.path, "line": loc.first, "endLine": loc.last}
        props["title"] = f"{f.rule} ({f.severity}, {f.category})"
        stream.write(annotation(LEVELS[f.severity], message, **props) + "\n")
    mqm = scores_of(report).mqm
    score = "n/a" if mqm.score is None else f"{mqm.score:.1f}"
    stream.write(
        f"auditor: {shown} finding(s) in {len(report.results)} segment(s); MQM score {score}\n"
    )


class Writer(GatheringWriter):
    NAME = NAME
    FILENAME = FILENAME

    def render(self, report: Report) -> None:
        write_whole(report, self.stream, self.options)
