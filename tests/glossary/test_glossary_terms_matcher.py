"""The term matcher: English word boundaries and variants, Chinese script folding with
original offsets, jieba token boundaries, and one compiled matcher per termbase."""

from __future__ import annotations

from glossary import load_termbase
from glossary.compiled import compile_termbase
from glossary.matcher import FoldedText, fold_zh
from glossary.model import Concept, Termbase


def _terms(compiled, text):
    return [(compiled.concepts[h.concept].en, h.text) for h in compiled.match_source(text)]


def test_english_plurals_hyphens_and_longest_match(shipped_matcher):
    text = (
        "We also see strong momentum for our gearboxes, and PCIe scale up and the "
        "Ethernet scale-out networks ramping into production ramps."
    )
    found = _terms(shipped_matcher, text)
    assert ("gearbox", "gearboxes") in found
    assert ("scale-up", "scale up") in found
    assert ("scale-out", "scale-out networks") in found
    assert ("production ramp", "production ramps") in found  # longest match wins over 'ramp'
    assert ("ramp", "ramping") in found


def test_english_word_boundaries(shipped_matcher):
    # 'port' must not match inside 'support', nor 'die' inside 'studied'.
    found = [en for en, _ in _terms(shipped_matcher, "We support the customers who studied it.")]
    assert "port" not in found and "die" not in found


def test_case_sensitive_concepts_only_match_their_case():
    tb = Termbase((Concept("Leo", zh_tw=("Leo",), dnt=True, case_sensitive=True),))
    compiled = compile_termbase(tb).matcher
    assert [h.text for h in compiled.match_source("Leo CXL controllers; leo is a word")] == ["Leo"]


def test_source_spans_point_into_the_original(shipped_matcher):
    text = "Leo continues to ship in preproduction volumes."
    for hit in shipped_matcher.match_source(text):
        assert text[hit.start : hit.end] == hit.text


def test_fold_is_length_preserving_and_merges_scripts():
    text = "ＰＣＩｅ 交換器與芯片、晶片"
    folded = fold_zh(text)
    assert len(folded) == len(text)
    assert folded.startswith("pcie ")
    assert fold_zh("記憶體") == fold_zh("记忆体")


def test_zh_cn_entry_matches_zh_tw_text_with_original_offsets():
    tb = Termbase((Concept("memory expansion", zh_cn=("内存扩展",), forbidden=("回忆扩展",)),))
    compiled = compile_termbase(tb).matcher
    target = "CXL　記憶擴展與 回憶擴展"
    hits = compiled.find_renderings(FoldedText.of(target), 0)
    assert [(h.kind, target[h.start : h.end]) for h in hits] == [("forbidden", "回憶擴展")]


def test_renderings_match_across_spaces():
    tb = Termbase((Concept("PCIe switch", zh_tw=("PCIe 交換器",)),))
    compiled = compile_termbase(tb).matcher
    target = "Scorpio PCIe交換器"
    (hit,) = compiled.find_renderings(FoldedText.of(target), 0)
    assert target[hit.start : hit.end] == "PCIe交換器"


def test_forbidden_short_term_not_matched_inside_longer_word():
    # 晶片 forbidden for a made-up concept must not fire inside 小晶片 (a different word
    # the glossary knows, so jieba keeps it as one token).
    tb = Termbase(
        (
            Concept("wafer", zh_tw=("晶圓",), forbidden=("晶片",)),
            Concept("chiplet", zh_tw=("小晶片",)),
        )
    )
    compiled = compile_termbase(tb).matcher
    inside = compiled.find_renderings(FoldedText.of("這是小晶片的設計"), 0)
    alone = compiled.find_renderings(FoldedText.of("這是晶片的設計"), 0)
    assert [h.kind for h in inside] == []
    assert [h.kind for h in alone] == ["forbidden"]


def test_english_kept_in_target_counts_with_plural():
    tb = Termbase((Concept("gearbox", zh_tw=("速率轉換器",), forbidden=("變速箱",)),))
    compiled = compile_termbase(tb).matcher
    target = "Aries PCIe Gearboxes 和 Gearbox"
    kinds = [(h.kind, h.text) for h in compiled.find_renderings(FoldedText.of(target), 0)]
    assert kinds == [("english", "Gearboxes"), ("english", "Gearbox")]


def test_match_target_finds_renderings_of_any_concept(shipped_matcher):
    target = "我們的變速箱用於 PCIe 縱向擴展"
    found = {
        (shipped_matcher.concepts[h.concept].en, h.kind, h.text)
        for h in shipped_matcher.match_target(target)
    }
    assert ("gearbox", "forbidden", "變速箱") in found
    assert ("scale-up", "approved", "縱向擴展") in found


def test_compiled_once_per_termbase_object():
    tb = load_termbase()
    assert compile_termbase(tb).matcher is compile_termbase(tb).matcher
    other = Termbase(tb.concepts[:3])
    assert compile_termbase(other).matcher is not compile_termbase(tb).matcher
