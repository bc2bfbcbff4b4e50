"""Sense concepts: ordinary words whose everyday rendering is wrong where their domain sense
is meant, multi-word terms lending their sense to their words, forbidden heads of Chinese
compounds, and findings that explain themselves. Sentences written for these tests."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path

from auditor.checks import terms
from auditor.checks.base import CheckContext
from auditor.model import Segment
from glossary.compiled import compile_termbase
from glossary.formats import parse_glossary, write_glossary
from glossary.matcher import fold_zh
from glossary.model import Concept, Termbase
from glossary.senses import SourceWords, lend_senses, parse_everyday, with_everyday

ROOT = Path(__file__).resolve().parents[2]


def _findings(termbase: Termbase, en: str, zh: str) -> list:
    ctx = CheckContext(termbase=termbase)
    return [
        f
        for f in terms.check_segment(Segment("s", en, zh, None, None), ctx)
        if f.category == "term"
    ]


# --- a single-word sense trap ---------------------------------------------------------------


def test_an_everyday_rendering_of_a_sense_word_is_reported_where_its_cue_is_near(shipped_termbase):
    found = _findings(
        shipped_termbase,
        "Yields on our first 3-nanometer lots are above plan.",
        "我們首批 3 奈米批次的收益高於計畫。",
    )
    assert [(f.rule, f.found) for f in found] == [("TERM002", "收益")]


def test_the_same_rendering_without_a_cue_is_the_right_sense(shipped_termbase):
    assert (
        _findings(shipped_termbase, "Bond yields rose after the meeting.", "會議後債券收益率上升。")
        == []
    )
    assert (
        _findings(shipped_termbase, "It was a big win for the team.", "這是團隊的一大勝利。") == []
    )
    assert (
        _findings(
            shipped_termbase,
            "The guide for new hires covers our values.",
            "新進員工指南介紹了我們的價值觀。",
        )
        == []
    )


def test_sequential_means_quarter_over_quarter_only_beside_financial_words(shipped_termbase):
    """A storage datasheet's 'sequential read' is 循序讀取; 'sequentially' after a revenue
    figure is quarter over quarter, where 依序 is the everyday sense."""
    assert (
        _findings(
            shipped_termbase,
            "The drive reaches 14 GB/s of sequential read throughput.",
            "該硬碟的循序讀取吞吐量達到 14 GB/s。",
        )
        == []
    )
    # a magnitude word is no financial cue: datasheets count in millions too
    assert (
        _findings(
            shipped_termbase,
            "It delivers 14 GB/s of sequential read bandwidth and 3.2 million IOPS.",
            "它提供 14 GB/s 的循序讀取頻寬和 320 萬次 IOPS。",
        )
        == []
    )
    found = _findings(
        shipped_termbase,
        "Revenue grew 6% sequentially, ahead of our outlook.",
        "營收依序成長 6%,優於我們的展望。",
    )
    assert [(f.rule, f.found) for f in found] == [("TERM002", "依序")]


def test_a_term_of_another_sense_holds_the_word_even_beside_a_cue(shipped_termbase):
    # 'chip' is a cue of the manufacturing yield, but 'Treasury yields' is a finance term.
    assert (
        _findings(
            shipped_termbase,
            "Treasury yields climbed while chip stocks fell.",
            "美國公債收益率攀升,晶片股則下跌。",
        )
        == []
    )


def test_a_capitalised_word_inside_the_sentence_is_a_name_not_the_sense(shipped_termbase):
    assert (
        _findings(
            shipped_termbase,
            "We welcome her to our Board of Directors, where she will review our server design.",
            "我們歡迎她加入董事會,她將審查我們的伺服器設計。",
        )
        == []
    )
    found = _findings(
        shipped_termbase, "Each board carries four retimers.", "每塊董事會搭載四顆重定時器。"
    )
    assert [(f.rule, f.found) for f in found] == [("TERM002", "董事會")]


def test_a_sense_word_never_requires_its_approved_rendering(shipped_termbase):
    # Paraphrase of an ordinary word is normal: no TERM001 for a sense concept.
    assert (
        _findings(
            shipped_termbase,
            "A larger die yields fewer good parts per wafer.",
            "較大的晶粒每片晶圓產出的良品較少。",
        )
        == []
    )


def test_an_everyday_approved_word_elsewhere_does_not_excuse_the_wrong_sense(shipped_termbase):
    # 取得 (obtained) is an approved rendering of 'win', but 勝利 still renders the win.
    found = _findings(
        shipped_termbase,
        "The win follows 18 months of joint validation with the customer.",
        "此次勝利是在與客戶共同驗證 18 個月之後取得的。",
    )
    assert [(f.rule, f.found) for f in found] == [("TERM002", "勝利")]


def test_cues_count_only_near_the_word():
    words = SourceWords(
        "The board met on Monday and, after a long discussion of many other topics "
        "unrelated to anything at all, approved the new wafer plan."
    )
    start = words.source.index("board")
    assert not words.sense_meant(start, start + 5, frozenset({"wafer"}))
    close = SourceWords("The board holds the wafer.")
    assert close.sense_meant(4, 9, frozenset({"wafer"}))


# --- multi-word terms lend their sense -------------------------------------------------------


def _lending_termbase() -> Termbase:
    return Termbase(
        (
            Concept(
                "yield",
                zh_tw=("良率",),
                forbidden=("收益",),
                context=("defect",),
                category="manufacturing",
            ),
            Concept("wafer yield", zh_tw=("晶圓良率",), category="manufacturing"),
            Concept("dividend yield", zh_tw=("殖利率",), category="finance"),
        )
    )


def test_a_term_lends_its_words_as_cues_and_takes_the_words_forbidden_renderings():
    termbase = _lending_termbase()
    lent, cues = lend_senses(termbase.concepts)
    assert cues[0] == {"wafer"}  # 'dividend' renders yield otherwise (殖利率): it lends nothing
    assert lent[1] == ("收益",) and lent[2] == ()
    compiled = compile_termbase(termbase).matcher
    assert "wafers" in compiled.cues[0] and "dividend" not in compiled.cues[0]


def test_a_lone_word_takes_the_sense_its_terms_give_it():
    termbase = _lending_termbase()
    # No cue of its own ('defect') in the sentence: 'wafer' is a cue because 'wafer yield' says so.
    found = _findings(
        termbase, "The yield of each wafer improved in March.", "每片晶圓的收益在三月提升。"
    )
    assert [(f.rule, f.found) for f in found] == [("TERM002", "收益")]
    assert _findings(termbase, "The yield on the notes is 5%.", "該票據的收益為 5%。") == []


def test_the_term_itself_is_checked_with_the_lent_rendering_but_not_required():
    termbase = _lending_termbase()
    found = _findings(termbase, "Wafer yield improved.", "晶圓收益提升了。")
    assert [(f.rule, f.found) for f in found] == [("TERM002", "收益")]
    assert (
        _findings(termbase, "Wafer yield improved.", "晶圓的良品比例提升了。") == []
    )  # paraphrase


def test_shipped_terms_lend_to_their_words(shipped_termbase):
    compiled = compile_termbase(shipped_termbase).matcher
    numbers = {c.en: i for i, c in enumerate(compiled.concepts)}
    assert "wafer" in compiled.cues[numbers["yield"]]
    assert "收益" in compiled.forms[numbers["die yield"]].forbidden
    assert "收益" not in compiled.forms[numbers["dividend yield"]].forbidden


# --- compound heads --------------------------------------------------------------------------


def test_a_forbidden_word_heading_a_longer_token_is_a_hit(shipped_termbase):
    found = _findings(
        shipped_termbase,
        "Our guidance assumes a gross margin of about 62%.",
        "我們的具體指導假設毛利率約為 62%。",
    )
    assert [(f.rule, f.found) for f in found] == [("TERM002", "指導")]


def test_heads_of_compounds_at_the_matcher():
    termbase = Termbase(
        (
            Concept("guidance", zh_tw=("財測",), forbidden=("指導",), category="finance"),
            Concept("wafer", zh_tw=("晶圓",), forbidden=("晶片",), category="manufacturing"),
            Concept("chiplet", zh_tw=("小晶片",), category="device"),
        )
    )
    compiled = compile_termbase(termbase).matcher
    text = fold_zh("我們的具體指導假設毛利率")
    at = text.index(fold_zh("指導"))
    assert not compiled.on_boundaries(text, at, at + 2)  # jieba cuts 具體指導 as one token
    assert compiled.forbidden_on_boundaries(text, at, at + 2)
    chiplet = fold_zh("新的小晶片設計")
    at = chiplet.index(fold_zh("晶片"))
    assert not compiled.forbidden_on_boundaries(chiplet, at, at + 2)  # 小晶片 is a term of its own
    compass = compile_termbase(
        Termbase((Concept("guide", zh_tw=("財測",), forbidden=("指南",)),))
    ).matcher
    modifier = fold_zh("他拿出指南針看方向")  # 指南 begins 指南針 (a compass): not its head
    at = modifier.index(fold_zh("指南"))
    assert not compass.forbidden_on_boundaries(modifier, at, at + 2)


# --- explanations ----------------------------------------------------------------------------


def test_a_finding_says_the_word_its_sense_what_the_translation_says_and_what_to_use(
    shipped_termbase,
):
    (finding,) = _findings(
        shipped_termbase,
        "We closed 14 design wins and our first win at a hyperscaler.",
        "我們完成了 14 項設計導入,以及在一家超大規模雲端業者的首次勝利。",
    )
    assert finding.found == "勝利"
    assert "'win'" in finding.message
    assert "here: a design or customer win" in finding.message
    assert "'勝利' (victory" in finding.message  # the everyday meaning, from CC-CEDICT
    assert finding.expected and finding.expected in finding.message


# --- the glossary format and the CC-CEDICT data ----------------------------------------------


def test_context_round_trips_through_tsv_and_tbx():
    concept = Concept(
        "yield", zh_tw=("良率",), forbidden=("收益",), context=("wafer", "die"), category="x"
    )
    for fmt in ("tsv", "tbx"):
        out = io.StringIO()
        write_glossary([concept], out, fmt)
        (back,) = parse_glossary(out.getvalue().encode("utf-8"), f"g.{fmt}", fmt).concepts
        assert back.context == ("wafer", "die")


def test_everyday_renderings_join_sense_concepts_only_and_never_an_approved_one():
    base = Termbase(
        (
            Concept(
                "family", zh_tw=("系列", "產品家族"), forbidden=("家庭",), context=("product",)
            ),
            Concept("gearbox", zh_tw=("速率轉換器",), forbidden=("變速箱",)),
        )
    )
    everyday = parse_everyday(
        "# licence\nen\tforbidden\tgloss\torigin\nfamily\t家室\tfamily; household\treview\n"
        "family\t家族\tclan\treview\nfamily\t家庭\thome\ttermbase\nfamily\t家人\trelatives\ttermbase\n"
        "gearbox\t齒輪箱\tgearbox\treview\n"
    )
    merged = with_everyday(base, everyday)
    # 家族 is part of 產品家族: not added; 家人 only has a meaning (origin termbase), not a ban.
    assert merged.concepts[0].forbidden == ("家庭", "家室")
    assert dict(merged.concepts[0].glosses) == {"家庭": "home", "家室": "family; household"}
    assert merged.concepts[1] == base.concepts[1]  # not a sense concept


def test_the_shipped_cedict_data_names_sense_concepts_and_carries_its_licence(shipped_termbase):
    text = (ROOT / "glossary" / "data" / "cedict_senses.tsv").read_text("utf-8")
    assert "CC BY-SA 4.0" in text and "CC-CEDICT" in text
    senses = {c.key for c in shipped_termbase.concepts if c.context}
    everyday = parse_everyday(text)
    assert everyday and set(everyday) <= senses
    by_key = {c.key: c for c in shipped_termbase.concepts}
    assert "屈服" in by_key["yield"].forbidden and "讓位" in by_key["yield"].forbidden


def test_the_recipe_proposes_dictionary_words_that_are_not_approved():
    spec = importlib.util.spec_from_file_location(
        "build_sense_inventory", ROOT / "scripts" / "build_sense_inventory.py"
    )
    recipe = importlib.util.module_from_spec(spec)
    sys.modules["build_sense_inventory"] = recipe  # dataclasses look their module up
    spec.loader.exec_module(recipe)
    entries = [
        recipe.Entry("收益", "收益", "shou1 yi4", ("earnings", "profit", "yield")),
        recipe.Entry("良率", "良率", "liang2 lü4", ("yield (rate)",)),
        recipe.Entry("屈服", "屈服", "qu1 fu2", ("to surrender", "to yield")),
        recipe.Entry("產", "产", "chan3", ("to yield",)),  # one character: not a candidate
    ]
    index = recipe.renderings_by_word(entries)
    assert [e.traditional for e in index["yield"]] == ["收益", "良率", "屈服"]
    concept = Concept("yield", zh_tw=("良率",), forbidden=("收益",), context=("wafer",))
    assert [e.traditional for e in recipe.candidates_for(concept, index["yield"])] == ["屈服"]


# --- the dev set's build half ----------------------------------------------------------------


def test_the_build_half_of_the_dev_set(shipped_termbase):
    pairs = [
        json.loads(line)
        for line in (ROOT / "tests" / "data" / "terms_dev.jsonl").read_text("utf-8").splitlines()
    ]
    build = [p for p in pairs if p["split"] == "build"]
    assert len(pairs) >= 100 and {p["split"] for p in pairs} == {"build", "held"}
    tp = fp = fn = 0
    for pair in build:
        got = bool(_findings(shipped_termbase, pair["en"], pair["zh"]))
        want = any(e["type"] == "term" for e in pair["errors"])
        tp += got and want
        fp += got and not want
        fn += want and not got
    assert tp / (tp + fn) >= 0.9 and tp / max(1, tp + fp) >= 0.9
