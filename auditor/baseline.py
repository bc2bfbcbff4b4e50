"""Baselines: adopt the check on an existing corpus and fail CI only on new findings.

A finding is identified by a fingerprint of what it is about, never where it is: the rule,
the normalised English and Chinese text of its segment, and the text its spans cover.
Inserting lines above it, or re-wrapping the file, keeps the fingerprint; editing the
segment's text makes it a different finding (it must be looked at again).

A baseline is a multiset: if a segment repeats five times with the same defect and the
baseline knows four, the fifth is new.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from auditor.model import Finding, InputError, Report, Segment, SegmentResult
from auditor.whitespace_fast import collapse_whitespace_fast

FORMAT = "auditor-baseline/1"


def _norm(text: str | None) -> str:
    if text is None:
        return ""
    return collapse_whitespace_fast(unicodedata.normalize("NFKC", text))


def _covered(text: str | None, span: tuple[int, int] | None) -> str:
    if text is None or span is None:
        return ""
    start, end = span
    return _norm(text[start:end]) if 0 <= start <= end <= len(text) else ""


@lru_cache(maxsize=8)
def _segment_texts(source: str | None, target: str | None) -> tuple[str, str]:
    """A segment's normalised texts (kept for the segment's next findings)."""
    return _norm(source).casefold(), _norm(target)


def fingerprint(segment: Segment, finding: Finding) -> str:
    """Stable id of a finding: rule + normalised texts (not line numbers), 16 hex digits."""
    parts = [
        finding.rule,
        *_segment_texts(segment.source, segment.target),
        _covered(segment.source, finding.source_span),
        _covered(segment.target, finding.target_span),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    count: int
    #: For people reading the baseline in a pull request: what the finding was.
    message: str
    source: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "count": self.count,
            "message": self.message,
            "source": self.source,
        }


@dataclass(frozen=True)
class Baseline:
    entries: tuple[Entry, ...]

    def counts(self) -> Counter[str]:
        return Counter({e.fingerprint: e.count for e in self.entries})

    def __len__(self) -> int:
        return sum(e.count for e in self.entries)

    def to_json(self) -> dict[str, object]:
        return {"format": FORMAT, "findings": [e.to_json() for e in self.entries]}


def _excerpt(text: str | None, limit: int = 80) -> str | None:
    if text is None:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_baseline(pairs: Iterable[tuple[Segment, Finding]]) -> Baseline:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[Segment, Finding]] = {}
    for segment, finding in pairs:
        fp = fingerprint(segment, finding)
        counts[fp] += 1
        first.setdefault(fp, (segment, finding))
    entries = [
        Entry(fp, first[fp][1].rule, n, first[fp][1].message, _excerpt(first[fp][0].source))
        for fp, n in counts.items()
    ]
    entries.sort(key=lambda e: (e.rule, e.fingerprint))
    return Baseline(tuple(entries))


def baseline_from_report(report: Report) -> Baseline:
    """Every finding of the report (dismissed ones included: they are known too)."""
    return build_baseline((r.segment, f) for r in report.results for f in r.findings)


def baseline_from_dismissals(report: Report) -> Baseline:
    """The findings a reviewer dismissed in a session: accepted as not-a-defect, so CI
    should not raise them again."""
    pairs = []
    for result in report.results:
        for index, finding in enumerate(result.findings):
            decisions = result.decisions or ()
            if index < len(decisions) and decisions[index].status == "dismissed":
                pairs.append((result.segment, finding))
    return build_baseline(pairs)


def write_baseline(baseline: Baseline, path: str | Path) -> None:
    from auditor.report.atomic import atomic_output

    text = json.dumps(baseline.to_json(), ensure_ascii=False, indent=2) + "\n"
    with atomic_output(path, "the baseline") as fh:
        fh.write(text)


def load_baseline(path: str | Path) -> Baseline:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            "no such baseline file (write one with --write-baseline)", str(path)
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a baseline file: {exc}", str(path)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"not a baseline file (expected format {FORMAT!r})", str(path))
    entries = []
    for item in data.get("findings", []):
        try:
            entries.append(
                Entry(
                    str(item["fingerprint"]),
                    str(item["rule"]),
                    int(item.get("count", 1)),
                    str(item.get("message", "")),
                    item.get("source"),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise InputError(f"malformed baseline entry: {item!r}", str(path)) from None
    return Baseline(tuple(entries))


def new_findings(report: Report, baseline: Baseline) -> Report:
    """The report with only the findings the baseline does not know (decisions kept in step).

    ``report.extra['baseline']`` records how many known findings were left out.
    """
    remaining = baseline.counts()
    known = 0
    results = []
    for result in report.results:
        keep: list[int] = []
        for index, finding in enumerate(result.findings):
            fp = fingerprint(result.segment, finding)
            if remaining[fp] > 0:
                remaining[fp] -= 1
                known += 1
            else:
                keep.append(index)
        results.append(_subset(result, keep))
    extra = dict(report.extra)
    extra["baseline"] = {"known": known, "new": sum(len(r.findings) for r in results)}
    return replace(report, results=tuple(results), extra=extra)


def _subset(result: SegmentResult, keep: list[int]) -> SegmentResult:
    if len(keep) == len(result.findings):
        return result
    decisions = None
    if result.decisions is not None:
        decisions = tuple(result.decisions[i] for i in keep if i < len(result.decisions))
    return replace(result, findings=tuple(result.findings[i] for i in keep), decisions=decisions)
