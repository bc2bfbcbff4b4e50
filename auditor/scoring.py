"""Quality scores: an MQM-style score from the findings, and sacrebleu metrics against a
reference translation or a reviewer's post-edits.

MQM (the MQM Council's scoring model, themqm.org "The MQM Scoring Models"; the same
arithmetic as the TAUS DQF-MQM scorecards) turns error counts into a score:

- APT, absolute penalty total = sum of severity weights (minor 1, major 5, critical 25)
  over the counted findings (a finding a reviewer dismissed is not counted);
- EWC, evaluation word count = English (source) words of the document;
- ONPT, penalty per 1,000 source words = APT / EWC * 1000 (the reference word count);
- OQS, overall quality score = 100 * (1 - APT / EWC) = 100 - ONPT / 10.

A document passes ``--pass-threshold T`` when OQS >= T. OQS goes below 0 when there are more
penalty points than words; it is not clamped, so a very bad text stays distinguishable.

Reference metrics use sacrebleu and carry its signature (so a figure can be reproduced with
``sacrebleu REF -i HYP ...``): BLEU with ``tokenize='zh'`` (corpus; sentence BLEU with
``effective_order``), chrF (character n-grams, whitespace ignored), and TER with
``normalized=True, asian_support=True``: tercom normalisation then every CJK character is a
token, so TER counts character edits in Chinese and word edits in embedded Latin text (plain
TER would see a whole unspaced Chinese sentence as one "word"). HTER is that TER of the
machine output against the reviewer's post-edit.

Before any metric, both sides are normalised the same way: NFKC (full-width digits, letters
and punctuation to their usual forms) and OpenCC ``t2s`` (one script), so a Traditional
output is not punished against a Simplified reference, nor ``，`` against ``,``.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from auditor.model import InputError, Report, SegmentResult

#: MQM severity multipliers (MQM Council scoring model defaults).
WEIGHTS: dict[str, int] = {"minor": 1, "major": 5, "critical": 25}
#: Reference word count used to normalise the penalty.
REFERENCE_WORDS = 1000
#: Maximum score value.
MAX_SCORE = 100.0


# --------------------------------------------------------------------------- MQM


@dataclass(frozen=True)
class MqmScore:
    words: int
    findings: int
    penalty: int
    #: ONPT: penalty points per 1,000 source words (``None`` for a text with no words).
    per_1000_words: float | None
    #: OQS: 100 * (1 - penalty / words).
    score: float | None
    threshold: float | None = None

    @property
    def passed(self) -> bool | None:
        if self.threshold is None or self.score is None:
            return None
        return self.score >= self.threshold

    def to_json(self) -> dict[str, object]:
        return {
            "score": _round(self.score),
            "penalty": self.penalty,
            "per_1000_words": _round(self.per_1000_words),
            "words": self.words,
            "findings": self.findings,
            "weights": dict(WEIGHTS),
            "threshold": self.threshold,
            "passed": self.passed,
        }


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def counted(result: SegmentResult) -> list[int]:
    """Indexes of the findings that count: all but those a reviewer dismissed."""
    out = []
    for index, _finding in enumerate(result.findings):
        decision = (
            result.decisions[index] if result.decisions and index < len(result.decisions) else None
        )
        if decision is None or decision.status != "dismissed":
            out.append(index)
    return out


def segment_penalty(result: SegmentResult) -> int:
    """MQM penalty points of one segment (to sort a review list worst first)."""
    return sum(WEIGHTS[result.findings[i].severity] for i in counted(result))


def mqm_score(report: Report, threshold: float | None = None) -> MqmScore:
    words = report.source_word_count()
    penalty = sum(segment_penalty(r) for r in report.results)
    n = sum(len(counted(r)) for r in report.results)
    return mqm_of(words, n, penalty, threshold)


def mqm_of(words: int, findings: int, penalty: int, threshold: float | None = None) -> MqmScore:
    """The MQM score of a run from its counts: the one formula, for gathered reports and
    for the running tally of a streamed one (:class:`auditor.report.tally.Tally`)."""
    if words == 0:
        return MqmScore(words, findings, penalty, None, None, threshold)
    per_word = penalty / words
    return MqmScore(
        words=words,
        findings=findings,
        penalty=penalty,
        per_1000_words=per_word * REFERENCE_WORDS,
        score=MAX_SCORE * (1 - per_word),
        threshold=threshold,
    )


# --------------------------------------------------------------------------- normalisation


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalise_text(text: str) -> str:
    """NFKC then OpenCC t2s: the form both hypothesis and reference are scored in."""
    return _t2s().convert(unicodedata.normalize("NFKC", text))


# --------------------------------------------------------------------------- sacrebleu


def _metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    return (
        BLEU(tokenize="zh"),
        CHRF(),
        TER(normalized=True, asian_support=True),
        BLEU(tokenize="zh", effective_order=True),
    )


@dataclass(frozen=True)
class Metric:
    name: str
    score: float
    signature: str

    def to_json(self) -> dict[str, object]:
        return {"score": round(self.score, 2), "signature": self.signature}


@dataclass(frozen=True)
class SegmentMetrics:
    bleu: float | None = None
    chrf: float | None = None
    ter: float | None = None
    hter: float | None = None

    def to_json(self) -> dict[str, float]:
        out = {}
        for key in ("bleu", "chrf", "ter", "hter"):
            value = getattr(self, key)
            if value is not None:
                out[key] = round(value, 2)
        return out


@dataclass(frozen=True)
class ReferenceScores:
    """Corpus BLEU / chrF / TER of the translation against references (or post-edits)."""

    against: str  # "reference" or "post_edit"
    segments: int
    bleu: Metric
    chrf: Metric
    ter: Metric
    sentence_bleu_signature: str
    source: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "against": self.against,
            "source": self.source,
            "segments": self.segments,
            "bleu": self.bleu.to_json(),
            "chrf": self.chrf.to_json(),
            "ter": self.ter.to_json(),
            "sentence_bleu_signature": self.sentence_bleu_signature,
        }


@dataclass(frozen=True)
class HterScore:
    """TER of the machine output against the reviewer's post-edits."""

    segments: int
    edited: int
    hter: Metric

    def to_json(self) -> dict[str, object]:
        return {"segments": self.segments, "edited": self.edited, **self.hter.to_json()}


def reference_metrics(
    hypotheses: Sequence[str], references: Sequence[str]
) -> tuple[Metric, Metric, Metric, str, list[SegmentMetrics]]:
    """Corpus metrics and per-segment metrics of normalised hypotheses vs references."""
    if len(hypotheses) != len(references):
        raise ValueError("hypotheses and references differ in length")
    hyps = [normalise_text(h) for h in hypotheses]
    refs = [normalise_text(r) for r in references]
    bleu, chrf, ter, sbleu = _metrics()
    corpus = []
    for name, metric in (("bleu", bleu), ("chrf", chrf), ("ter", ter)):
        result = metric.corpus_score(hyps, [refs])
        corpus.append(Metric(name, result.score, metric.get_signature().format()))
    per_segment = [
        SegmentMetrics(
            bleu=sbleu.sentence_score(h, [r]).score,
            chrf=chrf.sentence_score(h, [r]).score,
            ter=ter.sentence_score(h, [r]).score,
        )
        for h, r in zip(hyps, refs)
    ]
    sbleu_sig = sbleu.get_signature().format() if hyps else ""
    return corpus[0], corpus[1], corpus[2], sbleu_sig, per_segment


def ter_only(hypotheses: Sequence[str], references: Sequence[str]) -> tuple[Metric, list[float]]:
    _bleu, _chrf, ter, _sbleu = _metrics()
    hyps = [normalise_text(h) for h in hypotheses]
    refs = [normalise_text(r) for r in references]
    result = ter.corpus_score(hyps, [refs])
    per = [ter.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    return Metric("hter", result.score, ter.get_signature().format()), per


# --------------------------------------------------------------------------- references


def _source_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def match_references(
    report: Report, pairs: Sequence[tuple[str | None, str | None]]
) -> dict[str, str]:
    """Segment id -> reference translation, matched by (normalised) English text in order.

    Repeated English lines ("Thank you.") are matched first to first, second to second.
    """
    queues: dict[str, deque[str]] = defaultdict(deque)
    for source, target in pairs:
        if source and target:
            queues[_source_key(source)].append(target)
    out: dict[str, str] = {}
    for result in report.results:
        seg = result.segment
        if seg.source is None:
            continue
        queue = queues.get(_source_key(seg.source))
        if queue:
            out[seg.id] = queue.popleft()
    return out


def load_references(report: Report, path: str, input_format: str | None = None) -> dict[str, str]:
    """Read a reference file and pair it with the report's segments.

    A bilingual reference (any input format: interleaved, TSV, TMX...) is aligned like any
    input and matched by its English text. A Chinese-only file (one reference per line) is
    aligned against the English lines of the audited document.
    """
    from auditor.align import align_document
    from auditor.formats import read_document
    from auditor.model import Document, TextLine

    document = read_document(path, input_format)
    if document.kind != "pairs" and not document.source_lines:
        sources = [
            TextLine(r.segment.source, r.segment.source_loc, "en")
            for r in report.results
            if r.segment.source is not None and r.segment.source_loc is not None
        ]
        document = Document(
            path=path,
            format=document.format,
            kind="parallel",
            lines=tuple(sources) + document.target_lines,
            target_path=path,
        )
    segments = align_document(document)
    matched = match_references(report, [(s.source, s.target) for s in segments])
    if not matched:
        raise InputError("no reference line matches an English line of the audited text", path)
    return matched


# --------------------------------------------------------------------------- all together


@dataclass(frozen=True)
class Scores:
    mqm: MqmScore
    reference: ReferenceScores | None = None
    hter: HterScore | None = None
    #: segment id -> metrics of that segment (only segments with a reference or post-edit).
    segments: Mapping[str, SegmentMetrics] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "mqm": self.mqm.to_json(),
            "reference": self.reference.to_json() if self.reference else None,
            "hter": self.hter.to_json() if self.hter else None,
        }

    def segment_json(self, result: SegmentResult) -> dict[str, object]:
        out: dict[str, object] = {"penalty": segment_penalty(result)}
        metrics = self.segments.get(result.segment.id)
        if metrics is not None:
            out.update(metrics.to_json())
        return out


def score_report(
    report: Report,
    references: Mapping[str, str] | None = None,
    threshold: float | None = None,
    reference_source: str | None = None,
) -> Scores:
    """Every score the report supports: MQM always; BLEU/chrF/TER with references; HTER
    when segments carry post-edits (a report from a review session)."""
    per_segment: dict[str, SegmentMetrics] = {}
    reference = None
    if references:
        ids, hyps, refs = [], [], []
        for result in report.results:
            seg = result.segment
            if seg.id in references:
                ids.append(seg.id)
                hyps.append(seg.target or "")
                refs.append(references[seg.id])
        bleu, chrf, ter, sbleu_sig, per = reference_metrics(hyps, refs)
        reference = ReferenceScores(
            "reference", len(ids), bleu, chrf, ter, sbleu_sig, reference_source
        )
        per_segment.update(zip(ids, per))
    hter = None
    if any(r.post_edit is not None for r in report.results):
        # A reviewed document: a segment left unedited was accepted as it is (0 edits).
        ids, hyps, refs = [], [], []
        for result in report.results:
            seg = result.segment
            if seg.target is None and result.post_edit is None:
                continue
            ids.append(seg.id)
            hyps.append(seg.target or "")
            refs.append(result.post_edit if result.post_edit is not None else seg.target or "")
        metric, per_ter = ter_only(hyps, refs)
        edited = sum(1 for r in report.results if r.post_edit is not None)
        hter = HterScore(len(ids), edited, metric)
        for seg_id, value in zip(ids, per_ter):
            per_segment[seg_id] = replace(per_segment.get(seg_id, SegmentMetrics()), hter=value)
    return Scores(mqm_score(report, threshold), reference, hter, per_segment)


def with_scores(report: Report, scores: Scores) -> Report:
    """The report carrying its scores for the writers (``report.extra['scores']``)."""
    extra = dict(report.extra)
    extra["scores"] = scores
    return replace(report, extra=extra)


def scores_of(report: Report) -> Scores:
    """The scores attached to a report, else the scores it supports by itself (MQM, and
    HTER when it has post-edits), computed once per report even when several writers ask."""
    scores = report.extra.get("scores")
    if isinstance(scores, Scores):
        return scores
    cached = report.extra.get("_computed_scores")
    # ``replace(report, results=...)`` shares ``extra``: the cache holds for these results only.
    if isinstance(cached, tuple) and cached[0] is report.results:
        return cached[1]
    scores = score_report(report)
    report.extra["_computed_scores"] = (report.results, scores)
    return scores
