"""A run's outcome as an exit status, in one place for every way ``auditor check`` runs:
0 clean, 1 when a finding reaches ``--fail-on`` or the MQM score is below
``--pass-threshold``. (Bad usage or input is 2, mapped where errors are caught:
:mod:`auditor.cli`.)"""

from __future__ import annotations

from auditor.model import SEVERITY_RANK
from auditor.report.tally import Tally


def exit_code(
    tally: Tally,
    fail_on: str | None,
    min_confidence: float | None = None,
    pass_threshold: float | None = None,
    score: float | None = None,
) -> int:
    """``fail_on`` defaults to ``major``, or to ``never`` when only a pass threshold is
    given; with both, either fails the check. Dismissed findings never count."""
    fail_on = fail_on or ("never" if pass_threshold is not None else "major")
    failed = fail_on != "never" and tally.worst_counted(min_confidence) >= SEVERITY_RANK[fail_on]
    if pass_threshold is not None and score is not None and score < pass_threshold:
        failed = True
    return 1 if failed else 0
