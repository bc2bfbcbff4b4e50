"""The aligner on the real seed transcript, on damaged two-file input, and on the bead
types one by one (merges, splits, identical lines, glossary anchors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from align_synthetic import Unit, corrupt, link_scores, predicted_links, units_from_document

from auditor.align import align_document, align_lines, length_cost, line_anchors, number_key
from auditor.formats import read_document
from auditor.model import Document, Loc, TextLine
from glossary.model import Concept, Termbase

DATA = Path(__file__).parents[1] / "data"
SEED = DATA / "astera_q1_2025_bilingual.txt"
GOLD = DATA / "astera_q1_2025_gold.jsonl"


@pytest.fixture(scope="module")
def seed_document() -> Document:
    return read_document(str(SEED), "interleaved")


@pytest.fixture(scope="module")
def seed_segments(seed_document):
    return align_document(seed_document)


@pytest.fixture(scope="module")
def seed_units(seed_document):
    return units_from_document(seed_document)


def _parallel(en: list[str], zh: list[str]) -> Document:
    lines = [TextLine(t, Loc("en.txt", k + 1, k + 1), "en") for k, t in enumerate(en)]
    lines += [TextLine(t, Loc("zh.txt", k + 1, k + 1), "zh") for k, t in enumerate(zh)]
    return Document("en.txt", "parallel", "parallel", tuple(lines), target_path="zh.txt")


# --- the seed transcript, interleaved -------------------------------------------------


def test_every_gold_english_line_gets_exactly_its_own_chinese_line(seed_segments):
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    by_en_line = {s.source_loc.first: s for s in seed_segments if s.source_loc is not None}
    assert len(gold) == 134
    for pair in gold:
        segment = by_en_line[pair["en_line"]]
        assert segment.align_type == "1-1", pair["id"]
        assert segment.source_loc == Loc(str(SEED), pair["en_line"], pair["en_line"])
        assert segment.target_loc == Loc(str(SEED), pair["zh_line"], pair["zh_line"])
        assert segment.source == pair["en"] and segment.target == pair["zh"]


def test_seed_transcript_structure(seed_segments):
    kinds = [s.align_type for s in seed_segments]
    # Five Chinese-only lines open the file: the summary and the MT disclaimer.
    assert kinds[:5] == ["0-1"] * 5
    assert seed_segments[4].target.startswith("使用警語")
    # Speaker lines repeated untranslated pair with themselves; no English line is lost.
    copies = [s for s in seed_segments if s.align_type == "copy"]
    assert len(copies) == 60
    assert all(s.source == s.target for s in copies)
    assert {"Operator", "Leslie Green - Investor Relations"} <= {s.source for s in copies}
    assert "1-0" not in kinds
    assert len(seed_segments) == 134 + 60 + 5


def test_segments_are_numbered_in_document_order(seed_segments):
    assert [s.id for s in seed_segments[:3]] == ["s0001", "s0002", "s0003"]
    assert [s.id for s in seed_segments] == [f"s{k:04d}" for k in range(1, len(seed_segments) + 1)]
    firsts = [min(loc.first for loc in (s.source_loc, s.target_loc) if loc) for s in seed_segments]
    assert firsts == sorted(firsts)


def test_confidences_are_probabilities_and_high_on_clean_pairs(seed_segments):
    assert all(0.0 <= s.align_score <= 1.0 for s in seed_segments)
    pairs = [s.align_score for s in seed_segments if s.align_type == "1-1"]
    assert min(pairs) > 0.9


# --- damaged two-file input -------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_link_f1_on_damaged_two_file_input(seed_units, seed):
    noisy = corrupt(seed_units, seed)
    assert noisy.counts["deleted"] >= 5 and noisy.counts["split"] >= 3
    segments = align_document(noisy.document())
    _, _, f1 = link_scores(noisy.links, predicted_links(segments))
    assert f1 >= 0.97


def test_generator_gold_links_are_consistent(seed_units):
    noisy = corrupt(seed_units, 7)
    assert all(0 <= i < len(noisy.en) and 0 <= j < len(noisy.zh) for i, j in noisy.links)
    # Every Chinese line but the inserted ones and the Chinese-only ones is linked.
    linked = {j for _, j in noisy.links}
    chinese_only = sum(1 for u in seed_units if u.en is None)
    assert len(noisy.zh) - len(linked) == noisy.counts["inserted"] + chinese_only


def test_a_long_run_of_deleted_translations_does_not_derail_the_path(seed_units):
    units = [
        Unit(u.en, None) if 60 <= k < 100 and u.en and u.zh and u.en != u.zh else u
        for k, u in enumerate(seed_units)
    ]
    noisy = corrupt(units, 3)
    _, _, f1 = link_scores(noisy.links, predicted_links(align_document(noisy.document())))
    assert f1 >= 0.97


def test_f1_when_the_chinese_file_has_no_speaker_lines(seed_units):
    # Speaker labels only in the English file: they stay alone, not merged into the
    # next sentence's translation.
    units = [Unit(u.en, None) if u.en == u.zh else u for u in seed_units]
    f1s = []
    for seed in range(3):
        noisy = corrupt(units, seed)
        f1s.append(link_scores(noisy.links, predicted_links(align_document(noisy.document())))[2])
    assert min(f1s) >= 0.97


# --- bead types ------------------------------------------------------------------------

EN = [
    "Quarterly revenues of $159.4 million was up 13% from the prior quarter and up 144% versus Q1 of last year.",
    "Our Aries product family continues to see strong demand.",
    "Leo continues to ship in preproduction volumes as customers qualify their next-generation systems.",
    "We expect revenues to be in the range of $170 million to $175 million.",
    "Thank you.",
]
ZH = [
    "季度營收為 1.594 億美元,較上一季成長 13%,較去年第一季成長 144%。",
    "我們的 Aries 產品系列持續受到強勁需求。",
    "隨著客戶對其下一代系統進行認證,Leo 繼續以預生產量出貨。",
    "我們預計營收將在 1.7 億美元至 1.75 億美元之間。",
    "謝謝。",
]


def test_two_english_lines_merged_into_one_chinese_line_is_2_1():
    zh = [ZH[0], ZH[1] + ZH[2], ZH[3], ZH[4]]
    segments = align_document(_parallel(EN, zh))
    assert [s.align_type for s in segments] == ["1-1", "2-1", "1-1", "1-1"]
    merged = segments[1]
    assert merged.source == EN[1] + " " + EN[2]  # English joined with a space
    assert merged.target == zh[1]
    assert merged.source_loc == Loc("en.txt", 2, 3)
    assert merged.target_loc == Loc("zh.txt", 2, 2)


def test_one_english_line_split_into_two_chinese_lines_is_1_2():
    head, tail = ZH[0].split(",", 1)
    zh = [head + ",", tail, *ZH[1:]]
    segments = align_document(_parallel(EN, zh))
    assert [s.align_type for s in segments] == ["1-2", "1-1", "1-1", "1-1", "1-1"]
    assert segments[0].target == ZH[0]  # Chinese joined with nothing
    assert segments[0].target_loc == Loc("zh.txt", 1, 2)


def test_deleted_and_inserted_lines_are_1_0_and_0_1():
    zh = [ZH[0], ZH[2], ZH[3], "本週末天氣晴朗,適合全家一起到郊外踏青。", ZH[4]]
    segments = align_document(_parallel(EN, zh))
    kinds = [
        (s.align_type, s.source_loc and s.source_loc.first, s.target_loc and s.target_loc.first)
        for s in segments
    ]
    assert kinds == [
        ("1-1", 1, 1),
        ("1-0", 2, None),
        ("1-1", 3, 2),
        ("1-1", 4, 3),
        ("0-1", None, 4),
        ("1-1", 5, 5),
    ]


def test_identical_lines_pair_with_themselves_in_two_files():
    en = ["Operator", EN[0], "Harlan Sur - Analyst", EN[1]]
    zh = ["Operator", ZH[0], "Harlan Sur - Analyst", ZH[1]]
    segments = align_document(_parallel(en, zh))
    assert [s.align_type for s in segments] == ["copy", "1-1", "copy", "1-1"]
    assert segments[2].source == segments[2].target == "Harlan Sur - Analyst"


def test_untranslated_speaker_label_is_left_alone_not_merged():
    en = ["Harlan Sur - Analyst", EN[0], "Michael Tate - Chief Financial Officer", EN[1], EN[2]]
    zh = [ZH[0], ZH[1], ZH[2]]
    segments = align_document(_parallel(en, zh))
    assert [s.align_type for s in segments] == ["1-0", "1-1", "1-0", "1-1", "1-1"]


def test_identical_line_is_not_swallowed_by_a_merge():
    # The translation of EN[0] is missing; the speaker line must still pair with itself.
    en = [EN[0], "Sanjay Gajendra - President", EN[1]]
    zh = ["Sanjay Gajendra - President", ZH[1]]
    segments = align_document(_parallel(en, zh))
    assert [s.align_type for s in segments] == ["1-0", "copy", "1-1"]


def test_interleaved_repeats_are_copies_and_order_beats_length(tmp_path):
    # A far-too-short translation right after its English line stays paired with it.
    text = "\n".join(
        ["Operator", "Operator", EN[0], ZH[0], EN[1], "我們的", EN[3], ZH[3], "本公司聲明:僅供參考"]
    )
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    segments = align_document(read_document(str(path), "interleaved"))
    got = [
        (s.align_type, s.source_loc and s.source_loc.first, s.target_loc and s.target_loc.first)
        for s in segments
    ]
    assert got == [("copy", 1, 2), ("1-1", 3, 4), ("1-1", 5, 6), ("1-1", 7, 8), ("0-1", None, 9)]


def test_interleaved_merges_and_splits(tmp_path):
    head, tail = ZH[0].split(",", 1)
    path = tmp_path / "x.txt"
    path.write_text(
        "\n".join([EN[0], head + ",", tail, EN[1], EN[2], ZH[1] + ZH[2], EN[3], ZH[3]]),
        encoding="utf-8",
    )
    segments = align_document(read_document(str(path), "interleaved"))
    got = [
        (s.align_type, s.source_loc.first, s.source_loc.last, s.target_loc.first, s.target_loc.last)
        for s in segments
    ]
    assert got == [("1-2", 1, 1, 2, 3), ("2-1", 4, 5, 6, 6), ("1-1", 7, 7, 8, 8)]
    assert segments[0].target == ZH[0] and segments[1].source == EN[1] + " " + EN[2]


def test_interleaved_english_line_without_translation_is_1_0(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("\n".join([EN[0], ZH[0], EN[1], EN[3], ZH[3]]), encoding="utf-8")
    segments = align_document(read_document(str(path), "interleaved"))
    assert [s.align_type for s in segments] == ["1-1", "1-0", "1-1"]
    assert segments[1].source == EN[1] and segments[1].target is None


def test_pairs_documents_keep_their_pairing():
    def line(text, lang, n):
        return TextLine(text, Loc("x.tsv", n, n), lang)

    doc = Document(
        "x.tsv",
        "tsv",
        "pairs",
        pairs=(
            (line(EN[0], "en", 2), line(ZH[0], "zh", 2)),
            (line("Operator", "en", 3), line("Operator", "zh", 3)),
            (line(EN[1], "en", 4), None),
            (None, line(ZH[2], "zh", 5)),
            (line(EN[3], "en", 6), line("", "zh", 6)),
        ),
    )
    segments = align_document(doc)
    assert [s.align_type for s in segments] == ["1-1", "copy", "1-0", "0-1", "1-0"]
    assert [s.id for s in segments] == ["s0001", "s0002", "s0003", "s0004", "s0005"]
    assert segments[4].target is None and segments[4].target_loc is None
    assert segments[0].align_score > 0.9 and segments[1].align_score == 1.0


def test_a_misaligned_row_of_a_paired_file_gets_a_low_confidence():
    def line(text, lang, n):
        return TextLine(text, Loc("x.tsv", n, n), lang)

    rows = [(EN[0], ZH[0]), (EN[2], ZH[2]), (EN[3], ZH[0])]  # the last row is wrong
    doc = Document(
        "x.tsv",
        "tsv",
        "pairs",
        pairs=tuple((line(e, "en", k), line(z, "zh", k)) for k, (e, z) in enumerate(rows, 2)),
    )
    scores = [s.align_score for s in align_document(doc)]
    assert scores[0] > 0.9 and scores[1] > 0.9 and scores[2] < 0.1


def test_empty_sides_align_to_nothing():
    en = [TextLine(t, Loc("en.txt", k + 1, k + 1), "en") for k, t in enumerate(EN[:2])]
    zh = [TextLine(t, Loc("zh.txt", k + 1, k + 1), "zh") for k, t in enumerate(ZH[:2])]
    assert [b[2] for b in align_lines(en, [])] == ["1-0", "1-0"]
    assert [b[2] for b in align_lines([], zh)] == ["0-1", "0-1"]


@pytest.mark.parametrize(
    ("target", "concept"),
    [
        ("重定時器延長了整塊長主機板上的訊號傳輸距離。", Concept("retimer", zh_tw=("重定時器",))),
        ("重定时器延长了整块长主板上的信号传输距离。", Concept("retimer", zh_cn=("重定时器",))),
    ],
)
def test_glossary_term_pairs_are_anchors(target, concept):
    # Neither line has a number or Latin token; the lengths slightly favour the wrong
    # pairing. Only the glossary (retimer = 重定時器) tells which English line was kept,
    # in Traditional or Simplified Chinese.
    en = [
        "The new switches bridge the speed gap between current devices.",
        "The retimers extend the signal reach across the long board.",
    ]
    termbase = Termbase((concept,))
    without = align_document(_parallel(en, [target]))
    with_terms = align_document(_parallel(en, [target]), termbase)
    assert [s.align_type for s in with_terms] == ["1-0", "1-1"]
    assert with_terms[1].source == en[1]
    assert [s.align_type for s in without] == ["1-1", "1-0"]  # the anchor made the difference


# --- features --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("en", "zh"),
    [("159.4", "1.594"), ("1,024", "1024"), ("2.5", "25"), ("150", "1.5"), ("2025", "２０２５")],
)
def test_number_keys_survive_magnitude_shifts_and_full_width_digits(en, zh):
    assert line_anchors(en, "en") == line_anchors(f"約{zh}億", "zh")


def test_full_width_latin_tokens_are_anchors_too():
    assert line_anchors("支援 ＰＣＩｅ ６ 的 ＣＸＬ 裝置", "zh") == line_anchors("PCIe 6 CXL", "en")


def test_number_key_strips_separators_and_zeros():
    assert number_key("1,024") == "1024"
    assert number_key("0.50") == "5"
    assert number_key("000") == "0"


def test_english_anchors_are_capitalised_or_alphanumeric_tokens():
    keys = line_anchors("Our PCIe 6 retimers and the Scorpio X-Series at 64GT/s", "en")
    assert {"l:pcie", "l:scorpio", "l:series", "n:6"} <= keys
    assert "l:retimers" not in keys and "l:our" in keys  # capitalised: kept (harmless)


def test_length_cost_is_zero_at_the_expected_ratio_and_grows_away_from_it():
    assert length_cost(1000, 378) < 0.05
    assert length_cost(1000, 300) > length_cost(1000, 350) > length_cost(1000, 378)
    # Far tail: about delta^2 / 2, never an underflow to infinity.
    assert 70 < length_cost(1000, 10) < 90
    assert 800 < length_cost(10000, 0) < 900


def test_glossary_anchors_match_whole_words_plurals_and_either_script():
    from glossary.anchors import TermAnchors

    termbase = Termbase(
        (
            Concept("retimer", zh_tw=("重定時器",), zh_cn=("重定时器",)),
            Concept("rack-scale retimer", zh_tw=("機架級重定時器",)),
            Concept("gearbox", zh_tw=("齒輪箱",), forbidden=("變速箱",)),
            Concept("Aries", dnt=True),
            Concept("rack", zh_tw=("機架",)),
        )
    )
    matcher = TermAnchors(termbase)
    # hyphen = space, plural s dropped; at a starting word only the longest form counts
    # ("rack" is inside "rack-scale retimer"), a form starting later counts too
    assert matcher.keys("Our Rack-Scale Retimers shipped.", "en") == {"t:1", "t:0"}
    assert matcher.keys("a rack of servers", "en") == {"t:4"}
    assert matcher.keys("Retimers and gearboxes", "en") == {"t:0", "t:2"}
    # whole words only: "retimerless" and "gearboxer" mention nothing
    assert matcher.keys("retimerless gearboxer", "en") == frozenset()
    # either script, and a forbidden rendering still shows the concept is there
    assert matcher.keys("出貨重定时器與變速箱", "zh") == {"t:0", "t:2"}
    # a do-not-translate concept has no Chinese form to anchor on
    assert matcher.keys("Aries 晶片", "zh") == frozenset()


@pytest.mark.parametrize("window, margin", [(37, 5), (100, 20)])
def test_interleaved_text_aligned_window_by_window_pairs_like_the_whole_file(window, margin):
    """The streamed reader aligns interleaved text a window at a time; even windows of a
    few dozen lines give the whole file's pairs (the scores move by under 0.01, as the
    rarity of anchors is counted per window)."""
    from auditor.align import align_interleaved
    from auditor.formats.interleaved import lines as interleaved_lines
    from auditor.source import segments_from_interleaved

    path = str(DATA / "astera_q1_2025_bilingual.txt")
    whole = align_interleaved(read_document(path, "interleaved"), None)
    windowed = list(segments_from_interleaved(interleaved_lines(path), path, None, window, margin))

    def pairing(s):
        return s.source, s.target, s.align_type, s.source_loc, s.target_loc

    assert [pairing(s) for s in windowed] == [pairing(s) for s in whole]
    assert max(abs(a.align_score - b.align_score) for a, b in zip(whole, windowed)) < 0.01
