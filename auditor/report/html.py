"""The HTML report: one self-contained file a manager opens in a browser.

No network at all: styles and script are inline and a Content-Security-Policy forbids
anything else, so the report opens the same from an e-mail attachment, an air-gapped
machine or a CI artifact. What it shows, top to bottom:

1. the verdict: MQM score (and pass/fail against the threshold), findings by severity,
   reference metrics with their sacrebleu signatures when there are any;
2. a category x severity table;
3. filters (severity, category, review status, free text) and a sort order (worst first,
   the default, then document order, MQM penalty, lowest sentence BLEU, highest HTER);
4. every flagged segment: location, English and Chinese text with each finding's span
   highlighted, the post-edit if any, and its findings.

Filters are also read from the URL fragment (``report.html#severity=critical&category=unit``)
so a filtered view can be linked; the page writes the filtered counts into ``#shown``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import TextIO

from auditor.model import CATEGORIES, SEVERITIES, SEVERITY_RANK, Report, SegmentResult
from auditor.report.base import GatheringWriter, WriterOptions
from auditor.report.common import (
    category_severity_table,
    decision_for,
    finding_loc,
    items,
    line_label,
)
from auditor.scoring import Scores, scores_of, segment_penalty

NAME = "html"
FILENAME = "report.html"
STATUSES = ("open", "confirmed", "dismissed")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def highlight(text: str, spans: Iterable[tuple[int, int, int, str]]) -> str:
    """Escape ``text`` and wrap each span ``(start, end, finding index, severity)`` in a
    ``<mark>``; overlapping spans split into pieces that list every finding covering them."""
    marks = [(s, e, i, sev) for s, e, i, sev in spans if 0 <= s < e <= len(text)]
    if not marks:
        return esc(text)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in marks), *(e for _, e, _, _ in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = esc(text[a:b])
        covering = [(i, sev) for s, e, i, sev in marks if s <= a and b <= e]
        if covering:
            worst = max((sev for _, sev in covering), key=SEVERITY_RANK.__getitem__)
            ids = " ".join(str(i) for i, _ in covering)
            out.append(f'<mark class="hl {worst}" data-f="{ids}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _summary(report: Report, scores: Scores) -> str:
    mqm = scores.mqm
    live = [it for it in items(report) if it.status != "dismissed"]
    flagged = len({it.result.segment.id for it in live})
    by_sev = {s: sum(1 for it in live if it.finding.severity == s) for s in SEVERITIES}
    verdict_class = "" if mqm.passed is None else ("pass" if mqm.passed else "fail")
    verdict = ""
    if mqm.passed is not None:
        verdict = f'<div class="verdict">{"PASS" if mqm.passed else "FAIL"} · threshold {mqm.threshold:g}</div>'
    cards = [
        f'<div class="card score {verdict_class}"><div class="label">MQM score</div>'
        f'<div class="value" id="mqm-score">{_fmt(mqm.score)}</div>{verdict}'
        f'<div class="sub">{mqm.penalty} penalty points · {mqm.words:,} source words · '
        f"{_fmt(mqm.per_1000_words)} per 1,000 words</div></div>",
        f'<div class="card"><div class="label">Findings</div><div class="value">{len(live)}</div>'
        f'<div class="sub">in {flagged} of {len(report.results)} segments</div></div>',
        '<div class="card"><div class="label">By severity</div><div class="sevs">'
        + "".join(
            f'<span class="badge {s if by_sev[s] else "none"}">{by_sev[s]} {s}</span>'
            for s in reversed(SEVERITIES)
        )
        + "</div></div>",
    ]
    ref = scores.reference
    if ref is not None or scores.hter is not None:
        rows = []
        sigs = []
        if ref is not None:
            for metric in (ref.bleu, ref.chrf, ref.ter):
                rows.append(
                    f"<tr><th>{metric.name.upper() if metric.name != 'chrf' else 'chrF'}</th><td>{metric.score:.1f}</td></tr>"
                )
                sigs.append(f"<li><code>{esc(metric.signature)}</code></li>")
        if scores.hter is not None:
            rows.append(f"<tr><th>HTER</th><td>{scores.hter.hter.score:.1f}</td></tr>")
            sigs.append(f"<li><code>{esc(scores.hter.hter.signature)}</code></li>")
        if ref is not None:
            against = f"{ref.segments} segments vs reference"
        else:
            against = f"{scores.hter.edited if scores.hter else 0} post-edited"
        cards.append(
            f'<div class="card"><div class="label">Reference metrics</div><table class="metrics">{"".join(rows)}</table>'
            f'<div class="sub">{esc(against)}</div>'
            f'<details><summary>sacrebleu signatures</summary><ul class="sigs">{"".join(sigs)}</ul></details></div>'
        )
    table = category_severity_table(report)
    head = "".join(f"<th>{s}</th>" for s in reversed(SEVERITIES))
    body = []
    for cat in CATEGORIES:
        row = table.get(cat, {})
        total = sum(row.values())
        cells = "".join(
            f'<td class="{s if row.get(s) else "zero"}">{row.get(s, 0)}</td>'
            for s in reversed(SEVERITIES)
        )
        body.append(
            f'<tr class="{"" if total else "empty"}"><th>{cat}</th>{cells}<td class="total">{total}</td></tr>'
        )
    matrix = (
        f'<table class="matrix"><thead><tr><th>category</th>{head}<th>total</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    baseline = report.extra.get("baseline")
    note = ""
    if isinstance(baseline, dict):
        note = f'<p class="note">Only new findings are shown: {int(baseline.get("known", 0))} known finding(s) are in the baseline.</p>'
    return (
        f'<section id="summary"><div class="cards">{"".join(cards)}</div>{matrix}{note}</section>'
    )


def _filters(report: Report, scores: Scores) -> str:
    present_cats = [c for c in CATEGORIES if any(f.category == c for f in report.findings)]

    def boxes(name: str, values: Iterable[str]) -> str:
        return "".join(
            f'<label class="chip {esc(v)}"><input type="checkbox" name="{name}" value="{esc(v)}" checked> {esc(v)}</label>'
            for v in values
        )

    sorts = [
        ("worst", "most severe first"),
        ("order", "document order"),
        ("penalty", "MQM penalty"),
    ]
    if scores.reference is not None:
        sorts.append(("bleu", "lowest sentence BLEU"))
    if scores.hter is not None:
        sorts.append(("hter", "highest HTER"))
    options = "".join(f'<option value="{k}">{esc(v)}</option>' for k, v in sorts)
    return (
        '<form id="filters" onsubmit="return false">'
        f"<fieldset><legend>Severity</legend>{boxes('severity', reversed(SEVERITIES))}</fieldset>"
        f"<fieldset><legend>Category</legend>{boxes('category', present_cats)}</fieldset>"
        f"<fieldset><legend>Review status</legend>{boxes('status', STATUSES)}</fieldset>"
        '<fieldset><legend>Search</legend><input type="search" id="q" placeholder="text, rule, message"></fieldset>'
        f'<fieldset><legend>Sort</legend><select id="sort">{options}</select></fieldset>'
        '<p id="shown" aria-live="polite"></p>'
        "</form>"
    )


def _segment(result: SegmentResult, order: int, scores: Scores) -> str:
    seg = result.segment
    loc = finding_loc(result)
    metrics = scores.segments.get(seg.id)
    worst = max((SEVERITY_RANK[f.severity] for f in result.findings), default=0)
    data: dict[str, float] = {
        "order": order,
        "worst": worst,
        "penalty": segment_penalty(result),
    }
    if metrics is not None and metrics.bleu is not None:
        data["bleu"] = round(metrics.bleu, 2)
    if metrics is not None and metrics.hter is not None:
        data["hter"] = round(metrics.hter, 2)
    attrs = " ".join(f'data-{k}="{v}"' for k, v in data.items())
    src_spans = [
        (f.source_span[0], f.source_span[1], i, f.severity)
        for i, f in enumerate(result.findings)
        if f.source_span
    ]
    tgt_spans = [
        (f.target_span[0], f.target_span[1], i, f.severity)
        for i, f in enumerate(result.findings)
        if f.target_span
    ]
    source = (
        highlight(seg.source, src_spans)
        if seg.source is not None
        else '<span class="none">(no English line)</span>'
    )
    target = (
        highlight(seg.target, tgt_spans)
        if seg.target is not None
        else '<span class="none">(no translation)</span>'
    )
    where = f"{esc(loc.path)}:{line_label(loc)}" if loc else ""
    lines = []
    if seg.source_loc:
        lines.append(f"EN line {line_label(seg.source_loc)}")
    if seg.target_loc:
        lines.append(f"ZH line {line_label(seg.target_loc)}")
    extra = [f"penalty {data['penalty']}"]
    if "bleu" in data:
        extra.append(f"BLEU {data['bleu']:.1f}")
    if metrics is not None and metrics.chrf is not None:
        extra.append(f"chrF {metrics.chrf:.1f}")
    if metrics is not None and metrics.ter is not None:
        extra.append(f"TER {metrics.ter:.1f}")
    if "hter" in data:
        extra.append(f"HTER {data['hter']:.1f}")
    findings = []
    for i, f in enumerate(result.findings):
        decision = decision_for(result, i)
        status = decision.status if decision else "open"
        reason = (
            f' <span class="reason">{esc(decision.reason)}</span>'
            if decision and decision.reason
            else ""
        )
        detail = ""
        if f.expected is not None or f.found is not None:
            detail = (
                f'<div class="ef">expected <q>{esc(f.expected) if f.expected is not None else "—"}</q>'
                f" · found <q>{esc(f.found) if f.found is not None else '—'}</q></div>"
            )
        if f.confidence is not None:
            detail += f'<div class="ef">confidence {f.confidence:.2f}</div>'
        findings.append(
            f'<li class="finding" data-f="{i}" data-severity="{f.severity}" data-category="{esc(f.category)}" '
            f'data-status="{status}" data-rule="{esc(f.rule)}">'
            f'<span class="badge {f.severity}">{f.severity}</span> <code class="rule">{esc(f.rule)}</code> '
            f'<span class="cat">{esc(f.category)}</span> <span class="msg">{esc(f.message)}</span>'
            f' <span class="status {status}">{status}</span>{reason}'
            f'<div class="mqm">{esc(f.mqm)}</div>{detail}</li>'
        )
    post = ""
    if result.post_edit is not None:
        post = f'<div class="text post"><span class="lbl">POST-EDIT</span><p lang="zh">{esc(result.post_edit)}</p></div>'
    return (
        f'<article class="seg" id="{esc(seg.id)}" {attrs}>'
        f'<header><a class="sid" href="#{esc(seg.id)}">{esc(seg.id)}</a> <span class="loc">{where}</span>'
        f' <span class="lines">{esc(" · ".join(lines))}</span> <span class="segscore">{esc(" · ".join(extra))}</span></header>'
        f'<div class="text src"><span class="lbl">EN</span><p lang="en">{source}</p></div>'
        f'<div class="text tgt"><span class="lbl">ZH</span><p lang="zh">{target}</p></div>'
        f"{post}"
        f'<ol class="findings">{"".join(findings)}</ol>'
        "</article>"
    )


def render(report: Report) -> str:
    scores = scores_of(report)
    title = ", ".join(i.path for i in report.inputs) or "translation"
    flagged = [r for r in report.results if r.findings]
    order = {r.segment.id: n for n, r in enumerate(report.results)}
    segments = "".join(_segment(r, order[r.segment.id], scores) for r in flagged)
    if not flagged:
        segments = '<p class="clean">No findings.</p>'
    meta = [f"auditor {esc(report.tool_version)}"]
    meta.append("inputs: " + ", ".join(f"{esc(i.path)} ({esc(i.format)})" for i in report.inputs))
    if report.glossaries:
        meta.append("glossaries: " + ", ".join(esc(g) for g in report.glossaries))
    if report.reviewed:
        meta.append("from a review session")
    data = json.dumps({"total": sum(len(r.findings) for r in flagged), "segments": len(flagged)})
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Translation audit: {esc(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header class="top"><h1>Translation audit</h1><p class="meta">{" · ".join(meta)}</p></header>
{_summary(report, scores)}
{_filters(report, scores)}
<main id="segments">{segments}</main>
<footer>MQM score = 100 × (1 − penalty ÷ source words); weights minor 1, major 5, critical 25 (MQM scoring model).</footer>
<script id="report-data" type="application/json">{data}</script>
<script>{_JS}</script>
</body>
</html>
"""


def write_whole(report: Report, stream: TextIO, options: WriterOptions) -> None:
    stream.write(render(report))


_CSS = """
:root{--crit:#b3261e;--major:#d9480f;--minor:#b08800;--ink:#1f2328;--mute:#59636e;--line:#d1d9e0;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK TC","Noto Sans TC","PingFang TC","Microsoft JhengHei","WenQuanYi Zen Hei",sans-serif;color:var(--ink);background:#fff}
[hidden]{display:none!important}
header.top{padding:16px 24px 8px;border-bottom:1px solid var(--line)}
h1{margin:0;font-size:22px}
.meta{margin:4px 0 0;color:var(--mute);font-size:13px}
#summary{padding:16px 24px;display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:180px;background:var(--bg)}
.card .label{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--mute)}
.card .value{font-size:34px;font-weight:700;line-height:1.2}
.card .sub{font-size:12px;color:var(--mute)}
.card.score.pass{border-color:#1a7f37;background:#dafbe1}
.card.score.fail{border-color:var(--crit);background:#ffebe9}
.verdict{font-weight:700}
.sevs{display:flex;flex-direction:column;gap:4px;margin-top:6px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff}
.badge.critical{background:var(--crit)}.badge.major{background:var(--major)}.badge.minor{background:var(--minor)}.badge.none{background:#c8ced6}
table.matrix,table.metrics{border-collapse:collapse;font-size:13px}
.matrix th,.matrix td{border:1px solid var(--line);padding:3px 10px;text-align:right}
.matrix th:first-child{text-align:left}
.matrix td.critical{color:var(--crit);font-weight:700}.matrix td.major{color:var(--major);font-weight:700}.matrix td.minor{color:var(--minor);font-weight:700}
.matrix td.zero,.matrix tr.empty{color:#aab}
.metrics th{text-align:left;padding-right:12px}
.sigs{font-size:11px;padding-left:16px;margin:4px 0;max-width:420px;word-break:break-all}
.note{flex-basis:100%;margin:0;color:var(--mute)}
#filters{position:sticky;top:0;z-index:2;background:#fff;border-top:1px solid var(--line);border-bottom:1px solid var(--line);padding:8px 24px;display:flex;flex-wrap:wrap;gap:12px;align-items:center}
#filters fieldset{border:0;margin:0;padding:0;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
#filters legend{float:left;font-size:12px;color:var(--mute);margin-right:4px}
.chip{border:1px solid var(--line);border-radius:14px;padding:1px 8px;font-size:13px;cursor:pointer;user-select:none}
#shown{margin:0 0 0 auto;font-size:13px;color:var(--mute)}
main{padding:8px 24px 24px}
.seg{border:1px solid var(--line);border-radius:8px;margin:12px 0;padding:8px 12px}
.seg header{font-size:13px;color:var(--mute);display:flex;gap:10px;flex-wrap:wrap}
.sid{font-weight:700;color:var(--ink)}
.segscore{margin-left:auto}
.text{display:flex;gap:8px;margin:6px 0}
.text p{margin:0;flex:1}
.lbl{font-size:11px;font-weight:700;color:var(--mute);width:72px;flex:none;padding-top:3px}
.post p{color:#1a7f37}
.none{color:var(--mute);font-style:italic}
mark.hl{border-radius:3px;padding:0 1px}
mark.hl.critical{background:#ffc9c5;box-shadow:inset 0 -2px var(--crit)}
mark.hl.major{background:#ffd8b5;box-shadow:inset 0 -2px var(--major)}
mark.hl.minor{background:#fff1a8;box-shadow:inset 0 -2px var(--minor)}
mark.hl.off{background:none;box-shadow:none}
ol.findings{margin:6px 0 2px;padding-left:20px;font-size:14px}
.finding{margin:3px 0}
.rule{font-weight:700}
.cat{color:var(--mute)}
.status{font-size:12px;border:1px solid var(--line);border-radius:8px;padding:0 6px;color:var(--mute)}
.status.confirmed{border-color:var(--crit);color:var(--crit)}
.status.dismissed{text-decoration:line-through}
.reason{font-size:12px;color:var(--mute);font-style:italic}
.mqm,.ef{font-size:12px;color:var(--mute)}
.clean{font-size:18px}
footer{padding:12px 24px;color:var(--mute);font-size:12px;border-top:1px solid var(--line)}
"""

_JS = r"""
(function () {
  var form = document.getElementById('filters');
  var main = document.getElementById('segments');
  var segs = Array.prototype.slice.call(main.querySelectorAll('article.seg'));
  var shown = document.getElementById('shown');
  var q = document.getElementById('q');
  var sort = document.getElementById('sort');
  var total = JSON.parse(document.getElementById('report-data').textContent);

  function checked(name) {
    var out = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (i) { if (i.checked) out[i.value] = true; });
    return out;
  }
  function apply() {
    var sev = checked('severity'), cat = checked('category'), st = checked('status');
    var needle = q.value.trim().toLowerCase();
    var nf = 0, ns = 0;
    segs.forEach(function (seg) {
      var textMatch = !needle || seg.textContent.toLowerCase().indexOf(needle) >= 0;
      var visible = {};
      var any = false;
      seg.querySelectorAll('li.finding').forEach(function (li) {
        var ok = textMatch && sev[li.dataset.severity] && cat[li.dataset.category] && st[li.dataset.status];
        li.hidden = !ok;
        if (ok) { visible[li.dataset.f] = true; any = true; nf++; }
      });
      seg.querySelectorAll('mark.hl').forEach(function (m) {
        var on = m.dataset.f.split(' ').some(function (f) { return visible[f]; });
        m.classList.toggle('off', !on);
      });
      seg.hidden = !any;
      if (any) ns++;
    });
    shown.textContent = 'Showing ' + nf + ' of ' + total.total + ' findings in ' + ns + ' of ' + total.segments + ' flagged segments';
    shown.dataset.findings = nf;
    shown.dataset.segments = ns;
    writeHash();
  }
  function num(seg, key, missing) {
    var v = seg.dataset[key];
    return v === undefined ? missing : parseFloat(v);
  }
  function reorder() {
    var key = sort.value;
    var sorted = segs.slice().sort(function (a, b) {
      var d = 0;
      if (key === 'worst') d = num(b, 'worst', 0) - num(a, 'worst', 0) || num(b, 'penalty', 0) - num(a, 'penalty', 0);
      else if (key === 'penalty') d = num(b, 'penalty', 0) - num(a, 'penalty', 0);
      else if (key === 'bleu') d = num(a, 'bleu', 1e9) - num(b, 'bleu', 1e9);
      else if (key === 'hter') d = num(b, 'hter', -1) - num(a, 'hter', -1);
      return d || num(a, 'order', 0) - num(b, 'order', 0);
    });
    sorted.forEach(function (seg) { main.appendChild(seg); });
  }
  function writeHash() {
    var parts = [];
    ['severity', 'category', 'status'].forEach(function (name) {
      var boxes = form.querySelectorAll('input[name="' + name + '"]');
      var on = [];
      boxes.forEach(function (b) { if (b.checked) on.push(b.value); });
      if (on.length !== boxes.length) parts.push(name + '=' + on.join(','));
    });
    if (q.value.trim()) parts.push('q=' + encodeURIComponent(q.value.trim()));
    if (sort.value !== sort.options[0].value) parts.push('sort=' + sort.value);
    var hash = parts.join('&');
    if (!hash && location.hash.indexOf('=') < 0) return;  // keep a plain #s0007 anchor
    if ('#' + hash === location.hash) return;
    try {
      history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
    } catch (e) { /* some viewers forbid it; filtering still works */ }
  }
  function readHash() {
    var h = location.hash.replace(/^#/, '');
    if (!h || h.indexOf('=') < 0) return;
    h.split('&').forEach(function (pair) {
      var kv = pair.split('='), name = kv[0], value = decodeURIComponent(kv.slice(1).join('='));
      if (name === 'q') q.value = value;
      else if (name === 'sort') sort.value = value;
      else {
        var want = {};
        value.split(',').forEach(function (v) { want[v] = true; });
        form.querySelectorAll('input[name="' + name + '"]').forEach(function (b) { b.checked = !!want[b.value]; });
      }
    });
  }
  form.addEventListener('change', function (e) { if (e.target === sort) reorder(); apply(); });
  q.addEventListener('input', apply);
  readHash();
  reorder();
  apply();
})();
"""


class Writer(GatheringWriter):
    NAME = NAME
    FILENAME = FILENAME

    def render(self, report: Report) -> None:
        write_whole(report, self.stream, self.options)
