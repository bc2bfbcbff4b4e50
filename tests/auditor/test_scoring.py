"""Scores: the MQM arithmetic, and sacrebleu figures that equal sacrebleu's own command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from report_sample import SAMPLE, gold_report, reviewed_report

from auditor.model import Decision, Finding, InputInfo, Loc, Report, Segment, SegmentResult
from auditor.scoring import (
    load_references,
    mqm_score,
    normalise_text,
    reference_metrics,
    score_report,
    segment_penalty,
)

ZH = re.compile(r"[\u4e00-\u9fff]{2}")


def _finding(severity: str) -> Finding:
    return Finding("NUM003", "number", severity, "Accuracy/Mistranslation", "value changed")  # type: ignore[arg-type]


def _report(words: int, severities: list[str], decisions=None) -> Report:
    seg = Segment(
        "s0001", " ".join(["word"] * words), "譯文", Loc("a.txt", 1, 1), Loc("a.txt", 2, 2)
    )
    result = SegmentResult(seg, tuple(_finding(s) for s in severities), decisions)
    return Report((InputInfo("a.txt", "interleaved"),), (), (result,))


# --------------------------------------------------------------------------- MQM


def test_mqm_formula_weights_and_normalisation():
    score = mqm_score(_report(500, ["minor", "major", "critical"]), threshold=90)
    assert score.penalty == 1 + 5 + 25
    assert score.per_1000_words == pytest.approx(62.0)  # 31 points per 500 words
    assert score.score == pytest.approx(100 * (1 - 31 / 500)) == pytest.approx(93.8)
    assert score.passed is True
    assert mqm_score(_report(500, ["critical"] * 3), threshold=90).passed is False  # 85.0


def test_dismissed_findings_do_not_count():
    decisions = (Decision("dismissed", "fine"), Decision("confirmed"), Decision("open"))
    report = _report(100, ["critical", "major", "minor"], decisions)
    assert mqm_score(report).penalty == 6
    assert segment_penalty(report.results[0]) == 6


def test_mqm_of_a_text_without_words_is_undefined():
    score = mqm_score(_report(0, ["minor"]), threshold=50)
    assert score.score is None and score.passed is None


def test_mqm_of_the_sample():
    score = mqm_score(gold_report())
    assert score.penalty == 1 * 105 + 5 * 29 + 25 * 1 == 275
    assert score.words == 8317
    assert score.score == pytest.approx(100 * (1 - 275 / 8317))


# --------------------------------------------------------------------------- sacrebleu


def _chinese_lines(limit: int = 60) -> list[str]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if ZH.search(line)][:limit]


def _post_edit(line: str, n: int) -> str:
    """A deterministic 'reference': a few real edits a reviewer makes."""
    edited = line.replace("成長", "增長").replace("指導", "指引").replace(",", ",")
    return edited[:-2] if n % 4 == 0 and len(edited) > 10 else edited


def _sacrebleu_cli(ref: Path, hyp: Path, *args: str) -> str:
    exe = shutil.which("sacrebleu")
    cmd = [exe] if exe else [sys.executable, "-m", "sacrebleu"]
    out = subprocess.run(
        [*cmd, str(ref), "-i", str(hyp), *args, "-b", "-w", "4"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return out.stdout


def test_corpus_figures_equal_sacrebleus_command_line(tmp_path):
    hyps = _chinese_lines()
    refs = [_post_edit(h, n) for n, h in enumerate(hyps)]
    bleu, chrf, ter, _sig, per_segment = reference_metrics(hyps, refs)
    # The CLI sees the same normalised text the library scores.
    hyp_file, ref_file = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp_file.write_text("\n".join(normalise_text(h) for h in hyps) + "\n", encoding="utf-8")
    ref_file.write_text("\n".join(normalise_text(r) for r in refs) + "\n", encoding="utf-8")
    cli = _sacrebleu_cli(
        ref_file,
        hyp_file,
        "-m",
        "bleu",
        "chrf",
        "ter",
        "--tokenize",
        "zh",
        "--ter-normalized",
        "--ter-asian-support",
    )
    assert json.loads(cli) == [round(bleu.score, 4), round(chrf.score, 4), round(ter.score, 4)]
    assert 0 < ter.score < 20 and 70 < bleu.score < 100
    assert "tok:zh" in bleu.signature and "asian:yes" in ter.signature and "nc:6" in chrf.signature
    # sentence BLEU of one segment equals the CLI's sentence-level score
    one_h, one_r = tmp_path / "h1.txt", tmp_path / "r1.txt"
    one_h.write_text(normalise_text(hyps[4]) + "\n", encoding="utf-8")
    one_r.write_text(normalise_text(refs[4]) + "\n", encoding="utf-8")
    sentence = _sacrebleu_cli(one_r, one_h, "-m", "bleu", "--tokenize", "zh", "--sentence-level")
    assert float(sentence.split()[0]) == round(per_segment[4].bleu, 4)


def test_traditional_output_is_not_punished_against_a_simplified_reference():
    hyps = _chinese_lines(20)
    refs_traditional = [_post_edit(h, n) for n, h in enumerate(hyps)]
    import opencc

    to_simplified = opencc.OpenCC("t2s")
    refs_simplified = [to_simplified.convert(r) for r in refs_traditional]
    a = reference_metrics(hyps, refs_traditional)
    b = reference_metrics(hyps, refs_simplified)
    assert (a[0].score, a[1].score, a[2].score) == (b[0].score, b[1].score, b[2].score)
    assert normalise_text("１２３，營收") == "123,营收"


def test_ter_counts_character_edits_in_chinese():
    # one character changed in an eleven-character sentence: TER 1/11, not 100 (a whole "word")
    _b, _c, ter, _s, per = reference_metrics(["第一季營收成長百分之十"], ["第一季營收增長百分之十"])
    assert ter.score == pytest.approx(100 / 11)
    assert per[0].ter == pytest.approx(ter.score)


def test_hter_against_post_edits_of_a_reviewed_report():
    report = reviewed_report()
    scores = score_report(report)
    assert scores.hter is not None
    edited = [r for r in report.results if r.post_edit is not None]
    assert scores.hter.edited == len(edited)
    changed = [r for r in edited if r.post_edit != r.segment.target]
    assert changed
    for r in changed:
        assert scores.segments[r.segment.id].hter > 0
    untouched = next(r for r in report.results if r.post_edit is None and r.segment.target)
    assert scores.segments[untouched.segment.id].hter == 0
    assert 0 < scores.hter.hter.score < 5


# --------------------------------------------------------------------------- references


def test_reference_file_chinese_only_is_aligned_to_the_english(tmp_path):
    report = gold_report()
    targets = [r.segment.target for r in report.results]
    ref = tmp_path / "ref.zh.txt"
    ref.write_text(
        "\n".join(_post_edit(t, n) for n, t in enumerate(targets)) + "\n", encoding="utf-8"
    )
    matched = load_references(report, str(ref))
    assert len(matched) >= 0.95 * len(report.results)
    first = report.results[0].segment
    assert matched[first.id] == _post_edit(first.target, 0)


def test_reference_file_bilingual_is_matched_by_english_text(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    edited = [line.replace("成長", "增長") if ZH.search(line) else line for line in lines]
    ref = tmp_path / "ref.txt"
    ref.write_text("\n".join(edited) + "\n", encoding="utf-8")
    report = gold_report()
    matched = load_references(report, str(ref))
    with_both = [r for r in report.results if r.segment.source and r.segment.target]
    assert len(matched) >= len(with_both) - 2
    scores = score_report(report, matched, reference_source=str(ref))
    assert scores.reference is not None and 90 < scores.reference.bleu.score < 100
    some = next(
        r.segment
        for r in report.results
        if r.segment.source and r.segment.target and "成長" in r.segment.target
    )
    assert scores.segments[some.id].bleu < 100
    assert replace(scores.mqm, threshold=None).score == pytest.approx(mqm_score(report).score)
