"""The terminal format: one line per finding, like a linter, grouped by file."""

from __future__ import annotations

from typing import TextIO

from auditor.model import Report

NAME = "text"
FILENAME = "report.txt"

_COLORS = {"critical": "\x1b[1;31m", "major": "\x1b[31m", "minor": "\x1b[33m"}
_RESET = "\x1b[0m"


def write(report: Report, stream: TextIO, options: object = None) -> None:
    color = bool(getattr(options, "color", False))
    count = 0
    for result in report.results:
        seg = result.segment
        loc = seg.source_loc or seg.target_loc
        where = f"{loc.path}:{loc.first}" if loc else seg.id
        for f in result.findings:
            count += 1
            sev = f.severity
            if color:
                sev = f"{_COLORS[f.severity]}{sev}{_RESET}"
            detail = ""
            if f.expected is not None or f.found is not None:
                detail = f" (expected {f.expected!r}, found {f.found!r})"
            stream.write(f"{where}: {f.rule} [{sev}] {f.message}{detail}\n")
    flagged = sum(1 for r in report.results if r.findings)
    stream.write(
        f"{count} finding(s) in {flagged} of {len(report.results)} segment(s).\n"
    )
