"""GitLab code quality (``--format gitlab``): the JSON array GitLab shows in a merge request.

One object per open finding, as ruff writes them: ``description``, ``check_name`` (the rule
code), ``fingerprint``, ``severity`` and ``location`` (``path`` and ``lines.begin``/``end``).
GitLab keys an issue by its fingerprint, so it must be unique in a report and stable across
runs: it is the suppression key (rule + normalised English + matched text, no line number;
:mod:`auditor.suppressions`) and the occurrence number of that key in the report, hashed.
Dismissed findings (a reviewed report, or accepted ones kept with ``--keep-suppressed``)
are left out, as in the GitHub annotations.

In ``.gitlab-ci.yml``::

    translation-audit:
      script: auditor check translations/ --format gitlab -o gl-code-quality-report.json
      artifacts:
        reports:
          codequality: gl-code-quality-report.json
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from typing import TextIO

from auditor.model import Report
from auditor.report.base import GatheringWriter, WriterOptions
from auditor.report.common import items
from auditor.suppressions import finding_fingerprint

NAME = "gitlab"
FILENAME = "gl-code-quality-report.json"
#: Our severities are GitLab's names too (it also has info and blocker).
SEVERITIES = {"minor": "minor", "major": "major", "critical": "critical"}


def project_path(path: str) -> str:
    """GitLab wants paths relative to the repository: relative to the working directory
    (where CI runs) when the input was given absolute, with ``/``."""
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            path = relative
    return path.replace(os.sep, "/")


def issues(report: Report) -> list[dict[str, object]]:
    seen: Counter[str] = Counter()
    out: list[dict[str, object]] = []
    for it in items(report):
        if it.status == "dismissed":
            continue
        f, seg, loc = it.finding, it.result.segment, it.loc
        key = finding_fingerprint(seg, f)
        fingerprint = hashlib.sha256(f"{key}:{seen[key]}".encode()).hexdigest()
        seen[key] += 1
        description = f"{f.rule} {f.message}"
        detail = [
            f"{name}: {value}"
            for name, value in (("expected", f.expected), ("found", f.found))
            if value
        ]
        if detail:
            description += f" ({'; '.join(detail)})"
        issue: dict[str, object] = {
            "description": description,
            "check_name": f.rule,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[f.severity],
        }
        if loc is not None:
            issue["location"] = {
                "path": project_path(loc.path),
                "lines": {"begin": loc.first, "end": loc.last},
            }
        else:
            path = report.inputs[0].path if report.inputs else ""
            issue["location"] = {"path": project_path(path), "lines": {"begin": 1}}
        out.append(issue)
    return out


def write_whole(report: Report, stream: TextIO, options: WriterOptions) -> None:
    json.dump(issues(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


class Writer(GatheringWriter):
    NAME = NAME
    FILENAME = FILENAME

    def render(self, report: Report) -> None:
        write_whole(report, self.stream, self.options)
