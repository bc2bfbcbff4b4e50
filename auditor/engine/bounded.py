"""A segment's findings, bounded: each defect reported once, and no rule flooding it.

A pathological input (a 10 MB "sentence", a table pasted into one pair) can make one rule
fire thousands of times in one segment, or report the same span twice. Nobody reads the
thousandth copy, and a report of hundreds of megabytes hides the rest. So where the
findings of a segment are gathered (:func:`auditor.engine.batch.check_batch` and
:func:`auditor.engine.batch.combine_facts`, which every engine and the gathered and
streamed reports share), identical findings (same rule, spans and message) are kept once,
and past ``limit`` findings of one rule the rest become one summary finding with their
count and their worst severity (so the exit code does not change).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from auditor.model import SEVERITY_RANK, Finding
from auditor.options import DEFAULT_MAX_PER_RULE

__all__ = ["bounded"]


def bounded(findings: Sequence[Finding], limit: int = DEFAULT_MAX_PER_RULE) -> tuple[Finding, ...]:
    """``findings`` in their order, duplicates dropped; with ``limit > 0``, each rule's
    findings past the ``limit``-th replaced by one summary finding after its last kept one."""
    if len(findings) < 2:
        return tuple(findings)
    identities: set[tuple[object, ...]] = set()
    unique: list[Finding] = []
    for finding in findings:
        identity = _identity(finding)
        if identity not in identities:
            identities.add(identity)
            unique.append(finding)
    if limit <= 0 or len(unique) <= limit:  # (then no rule can pass the limit)
        return tuple(unique)
    counts = Counter(f.rule for f in unique)
    if all(n <= limit for n in counts.values()):
        return tuple(unique)
    kept: list[Finding] = []
    per_rule: Counter[str] = Counter()
    dropped: dict[str, list[Finding]] = {}
    for finding in unique:
        per_rule[finding.rule] += 1
        if per_rule[finding.rule] <= limit:
            kept.append(finding)
        else:
            dropped.setdefault(finding.rule, []).append(finding)
    last_kept = {f.rule: index for index, f in enumerate(kept)}
    out: list[Finding] = []
    for index, finding in enumerate(kept):
        out.append(finding)
        if finding.rule in dropped and last_kept[finding.rule] == index:
            out.append(_summary(dropped[finding.rule], limit))
    return tuple(out)


def _identity(finding: Finding) -> tuple[object, ...]:
    return (finding.rule, finding.source_span, finding.target_span, finding.message)


def _summary(rest: list[Finding], limit: int) -> Finding:
    worst = max(rest, key=lambda f: SEVERITY_RANK[f.severity])
    return replace(
        rest[0],
        severity=worst.severity,
        message=(
            f"{len(rest)} more {rest[0].rule} findings in this segment, not listed "
            f"(at most {limit} per rule and segment: --max-per-rule)"
        ),
        source_span=None,
        target_span=None,
        expected=None,
        found=None,
    )
