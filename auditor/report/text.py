"""The terminal format: one line per finding, like a linter, grouped by file.

``path:line: CODE severity message (expected …, found …)``: each line stands alone, so an
editor or terminal can jump to it, and ``grep``/``sort`` work on it. Files are listed in the
order of the inputs, findings by line; a summary line ends the report. Colour only when
asked (the CLI asks when stdout is a terminal).
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from auditor.model import SEVERITIES, SEVERITY_RANK, Report
from auditor.report.base import GatheringWriter, WriterOptions
from auditor.report.common import Item, evidence, items
from auditor.scoring import scores_of

NAME = "text"
FILENAME = "report.txt"

_SEV_COLORS = {"critical": "\x1b[1;31m", "major": "\x1b[31m", "minor": "\x1b[33m"}
_BOLD, _DIM, _CYAN, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[36m", "\x1b[0m"


class _Paint:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.enabled else text


def _line(it: Item, paint: _Paint) -> str:
    f = it.finding
    loc = it.loc
    where = f"{loc.path}:{loc.first}" if loc else it.result.segment.id
    detail = ""
    if f.expected is not None or f.found is not None:
        detail = f" ({evidence(f, quote=True)})"
    if f.confidence is not None:
        detail += f" [confidence {f.confidence:.2f}]"
    status = ""
    if it.status != "open":
        status = " " + paint(_DIM, f"[{it.status}{': ' + it.reason if it.reason else ''}]")
    sev = paint(_SEV_COLORS[f.severity], f.severity)
    text = f"{paint(_CYAN, where)}: {paint(_BOLD, f.rule)} {sev} {f.message}{detail}{status}"
    return paint(_DIM, text) if it.status == "dismissed" and paint.enabled else text


def write_whole(report: Report, stream: TextIO, options: WriterOptions) -> None:
    paint = _Paint(options.color)
    min_rank = SEVERITY_RANK.get(options.min_severity, 1)
    shown = [it for it in items(report) if SEVERITY_RANK[it.finding.severity] >= min_rank]
    order = {i.path: n for n, i in enumerate(report.inputs)}
    groups: dict[str, list[Item]] = {}
    for it in shown:
        path = it.loc.path if it.loc else ""
        groups.setdefault(path, []).append(it)
    for path in sorted(groups, key=lambda p: (order.get(p, len(order)), p)):
        for it in sorted(groups[path], key=lambda i: i.loc.first if i.loc else 0):
            stream.write(_line(it, paint) + "\n")
    live = [it for it in items(report) if it.status != "dismissed"]
    by_sev = Counter(it.finding.severity for it in live)
    flagged = len({it.result.segment.id for it in live})
    parts = ", ".join(f"{by_sev[s]} {s}" for s in reversed(SEVERITIES) if by_sev[s])
    mqm = scores_of(report).mqm
    score = "n/a" if mqm.score is None else f"{mqm.score:.1f}"
    summary = f"{len(live)} finding(s)" + (f" ({parts})" if parts else "")
    summary += f" in {flagged} of {len(report.results)} segment(s); MQM score {score}"
    if mqm.passed is not None:
        summary += " (pass)" if mqm.passed else f" (below the pass threshold {mqm.threshold:g})"
    baseline = report.extra.get("baseline")
    if isinstance(baseline, dict):
        summary += f"; {baseline.get('known', 0)} known finding(s) hidden by the baseline"
    stream.write(paint(_BOLD, summary) + ".\n")


class Writer(GatheringWriter):
    NAME = NAME
    FILENAME = FILENAME

    def render(self, report: Report) -> None:
        write_whole(report, self.stream, self.options)
