"""Markdown for a pull-request comment: the verdict, a summary table and the worst findings.

Sized for a comment: at most ``MAX_FINDINGS`` findings, texts cut to ``EXCERPT`` characters
around the flagged span, well under GitHub's 65,536-character limit. The full list is in the
other formats.
"""

from __future__ import annotations

from typing import TextIO

from auditor.model import SEVERITIES, SEVERITY_RANK, Report
from auditor.report.base import GatheringWriter, WriterOptions
from auditor.report.common import by_severity, category_severity_table, evidence, items, line_label
from auditor.scoring import scores_of

NAME = "markdown"
FILENAME = "report.md"
MAX_FINDINGS = 25
EXCERPT = 60

_ICONS = {"critical": "🔴", "major": "🟠", "minor": "🟡"}


def escape(text: str) -> str:
    """Markdown-inert text for a table cell or list item."""
    out = text.replace("\\", "\\\\").replace("\n", " ").replace("\r", " ")
    for ch in "`*_[]<>|#~":
        out = out.replace(ch, "\\" + ch)
    return out


def _code(text: str) -> str:
    """Text for inside a code span (backslash escapes do not apply there)."""
    return text.replace("`", "'").replace("\n", " ")


def excerpt(text: str | None, span: tuple[int, int] | None, width: int = EXCERPT) -> str:
    """The text around a span with the span in bold, cut with ellipses."""
    if not text:
        return "—"
    if span is None or not (0 <= span[0] <= span[1] <= len(text)):
        cut = text[: width * 2]
        return escape(cut) + ("…" if len(text) > len(cut) else "")
    start, end = span
    left = max(0, start - width // 2)
    right = min(len(text), end + width // 2)
    out = ("…" if left > 0 else "") + escape(text[left:start])
    if end > start:
        out += "**" + escape(text[start:end]) + "**"
    return out + escape(text[end:right]) + ("…" if right < len(text) else "")


def _min_rank(options: WriterOptions) -> int:
    return SEVERITY_RANK.get(options.min_severity, 1)


def write_whole(report: Report, stream: TextIO, options: WriterOptions) -> None:
    scores = scores_of(report)
    mqm = scores.mqm
    live = [it for it in items(report) if it.status != "dismissed"]
    flagged = len({it.result.segment.id for it in live})
    score = "n/a" if mqm.score is None else f"{mqm.score:.1f}"
    verdict = ""
    if mqm.passed is not None:
        verdict = " ✅ pass" if mqm.passed else f" ❌ below the pass threshold {mqm.threshold:g}"
    out = [
        f"## Translation audit: {len(live)} finding(s) in {flagged} of {len(report.results)} segment(s)",
        "",
    ]
    out.append(
        f"**MQM score {score}**{verdict} · {mqm.penalty} penalty points over {mqm.words} source words"
        + ("" if mqm.per_1000_words is None else f" ({mqm.per_1000_words:.1f} per 1,000)")
    )
    ref = scores.reference
    if ref is not None:
        out.append(
            f"Against the reference ({ref.segments} segments): BLEU {ref.bleu.score:.1f} · "
            f"chrF {ref.chrf.score:.1f} · TER {ref.ter.score:.1f}"
        )
    if scores.hter is not None:
        out.append(
            f"HTER against post-edits: {scores.hter.hter.score:.1f} ({scores.hter.edited} segment(s) edited)"
        )
    baseline = report.extra.get("baseline")
    if isinstance(baseline, dict):
        out.append(
            f"Only new findings are listed: {baseline.get('known', 0)} known finding(s) are in the baseline."
        )
    out.append("")
    table = category_severity_table(report)
    rows = [(cat, sev) for cat, sev in table.items() if sum(sev.values())]
    if rows:
        out.append("| category | " + " | ".join(SEVERITIES) + " |")
        out.append("|---|" + "---:|" * len(SEVERITIES))
        for cat, sev in rows:
            out.append(f"| {cat} | " + " | ".join(str(sev[s]) for s in SEVERITIES) + " |")
        out.append("")
    shown = [
        it for it in by_severity(live) if SEVERITY_RANK[it.finding.severity] >= _min_rank(options)
    ]
    if shown:
        out.append("### Most severe findings")
        out.append("")
    for it in shown[:MAX_FINDINGS]:
        f = it.finding
        seg = it.result.segment
        loc = it.loc
        where = f"`{_code(loc.path)}:{line_label(loc)}`" if loc else f"`{seg.id}`"
        out.append(
            f"- {_ICONS[f.severity]} **{f.severity}** `{f.rule}` {where}: {escape(f.message)}"
        )
        if f.expected is not None or f.found is not None:
            out.append(f"  {escape(evidence(f))}")
        out.append(f"  - EN: {excerpt(seg.source, f.source_span)}")
        out.append(f"  - ZH: {excerpt(seg.target, f.target_span)}")
    if len(shown) > MAX_FINDINGS:
        out.append("")
        out.append(
            f"…and {len(shown) - MAX_FINDINGS} more: see the full report (HTML, CSV or SARIF)."
        )
    if not live:
        out.append("No findings. ✅")
    stream.write("\n".join(out).rstrip() + "\n")


class Writer(GatheringWriter):
    NAME = NAME
    FILENAME = FILENAME

    def render(self, report: Report) -> None:
        write_whole(report, self.stream, self.options)
