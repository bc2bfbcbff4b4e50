"""The matcher's fast paths give exactly what the plain ways give.

Each speed-up has a plain reference it must agree with, on the transcript's real gold_pairs
and on the awkward cases: the array fold against ``str.translate``; term starts from the
automaton against a regex search over every position; target renderings found with
``str.find`` against the one-pass automaton; the lazily loaded jieba dictionary against
a fully loaded tokenizer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import glossary.fold as fold
import glossary.matcher as matcher
from glossary.compiled import compile_termbase
from glossary.fold_fast import ArrayFold
from glossary.matcher import FoldedText, fold_zh
from glossary.model import Concept, Termbase
from glossary.segmenter import LazyFreq, build_tokenizer

DATA = Path(__file__).parents[1] / "data"


def test_array_fold_equals_translate_for_every_character():
    table = fold.fold_table()
    chars = [chr(cp) for cp in range(0x20, 0x30000) if not 0xD800 <= cp <= 0xDFFF]
    text = "".join(chars)
    assert len(text) >= fold.ARRAY_FOLD_MIN
    array = ArrayFold.of(table)
    assert array is not None and array.fold(text) == text.translate(table)
    assert fold_zh(text) == text.translate(table)
    # A lone surrogate cannot be encoded: the translate path takes over.
    odd = "記憶體\ud800ＰＣＩｅ 交換器" * 3
    assert fold_zh(odd) == odd.translate(table)


def test_the_array_fold_waits_until_enough_long_texts_were_folded(monkeypatch):
    """A short run never pays for numpy and the array: the first long texts are folded
    with ``str.translate``; past ARRAY_FOLD_AFTER of them the array takes over, with the
    same results. Short texts never count."""
    built = []

    def counted_array_fold():
        built.append(True)
        return ArrayFold.of(fold.fold_table())

    monkeypatch.setattr(fold, "_array_fold", counted_array_fold)
    monkeypatch.setattr(fold, "ARRAY_FOLD_AFTER", 3)
    monkeypatch.setattr(fold, "_long_texts_folded", 0)
    table = fold.fold_table()
    long_text = "記憶體與ＰＣＩｅ交換器的營收在第一季成長了百分之十二"
    assert len(long_text) >= fold.ARRAY_FOLD_MIN
    for _ in range(5):
        assert fold_zh("交換器") == "交换器"  # short: translate, not counted
    for _ in range(3):
        assert fold_zh(long_text) == long_text.translate(table)
    assert not built
    assert fold_zh(long_text) == long_text.translate(table)
    assert built


def test_span_maps_compact_offsets_back_across_runs_of_spaces():
    target = FoldedText.of("PCIe  6 交換器　與  重定時器")
    for start in range(len(target.compact)):
        for end in range(start + 1, len(target.compact) + 1):
            orig_start, orig_end = target.span(start, end)
            original = target.folded[orig_start:orig_end]
            assert original.replace(" ", "") == target.compact[start:end]
            assert not original.startswith(" ") and not original.endswith(" ")


def _search_everywhere(compiled, text: str) -> list:
    """The matcher's loop with a regex search over every position (no start filter)."""
    term_re = matcher._terms_pattern(compiled._index)  # every term in one pattern
    lowered = text.translate(matcher._ASCII_LOWER)
    hits, position = [], 0
    while (match := term_re.search(lowered, position)) is not None:
        found, end = compiled._lookup(text[match.start() : match.end()]), match.end()
        if found is None:
            longest = compiled._longest_at(text, match.start())
            found, end = (longest[0], longest[1]) if longest else (None, match.start() + 1)
        if found is not None:
            hits.append((found, match.start(), end))
        position = end
    return hits


AWKWARD_SOURCES = [
    "We scale - up and scale  up, scale/up, scale\u2011up and scaleup the network.",
    "The U.S. market and u.s. customers; R&D spend; PCIe-based, (PCIe) and “PCIe”.",
    "RETIMERS, Retimer's, retimer-class and the ramp\u2014ramping into production ramps.",
    "Taurus\u00a0smart cable modules, gearboxes/retimers and 2H ramps.",
    "the street expects more color on the first half, at the end of the day.",
    # One-word terms that begin longer ones (PCIe / PCIe switch, die / die-to-die): the
    # automaton settles them alone only when no second word follows within a gap.
    "PCIe. Switch, PCIe+switch, PCIe  switches, PCIe, switch and PCIe\u2013switch; PCIe-bridge.",
    "die-to-die, die to-die, die - to - die, die.to die, DIE SIZE, die+size and the die, size",
    "AI, accelerators; AI/accelerator; AI  servers; silicon - on - insulator; silicon, IP",
]


def test_term_starts_find_every_match_a_full_search_finds(shipped_matcher, gold_pairs):
    for text in [en for en, _ in gold_pairs] + AWKWARD_SOURCES:
        expected = _search_everywhere(shipped_matcher, text)
        assert [(h.concept, h.start, h.end) for h in shipped_matcher.match_source(text)] == expected
        starts = set(shipped_matcher._term_starts(text))
        assert {start for _, start, _ in expected} <= starts


#: Words of the shipped termbase's terms, their neighbours and words that begin with them
#: (``scaleup``, ``PCIex``), for texts where terms start, overlap and nearly match.
_WORDS = st.sampled_from(
    "scale up out Scale-Up PCIe pcie PCIEx switch switches AI ai rack racks retimer "
    "Retimers gearbox gearboxes die to size U.S. u.s. R&D 6.0 2H ramp ramps the of and "
    "silicon on insulator non GAAP second half design win wins Taurus smart cable "
    "modules 交換器 é".split()
)
_GAPS = st.sampled_from(
    [
        " ",
        "  ",
        "-",
        " - ",
        "/",
        "\u2010",
        "\u2011",
        " \u2013 ",
        "\u2014",
        ".",
        ", ",
        "+",
        "",
        "\u00a0",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(_WORDS, _GAPS), min_size=1, max_size=12))
def test_term_starts_and_small_patterns_match_a_full_search(shipped_matcher, parts):
    """Patterns of the first words met at an offset give what one pattern of every term
    gives, on texts made of term words and every kind of gap between them."""
    text = "".join(word + gap for word, gap in parts)
    expected = _search_everywhere(shipped_matcher, text)
    assert [(h.concept, h.start, h.end) for h in shipped_matcher.match_source(text)] == expected


def test_keys_spelling_the_same_string_keep_both_first_words():
    """``scal eup`` and ``scale up`` both spell ``scaleup`` with no gap: the start
    automaton keeps both first words there, and the pattern of both picks the term the
    full pattern picks."""
    tb = Termbase(
        (
            Concept("scal eup", zh_tw=("甲",)),
            Concept("scale up", zh_tw=("乙",)),
            Concept("scale", zh_tw=("丙",)),
        )
    )
    compiled = compile_termbase(tb).matcher
    for text in ("the scaleup is here", "scal eup and scale up", "scale, scale-up"):
        expected = _search_everywhere(compiled, text)
        assert [(h.concept, h.start, h.end) for h in compiled.match_source(text)] == expected
    assert compiled._term_starts("a scaleup")[2] == (0, frozenset({"scal", "scale"}))
    found = [(h.concept, h.text) for h in compiled.match_source("scal eup and scale, scale-up")]
    assert found == [(0, "scal eup"), (2, "scale"), (1, "scale-up")]


def test_find_and_automaton_give_the_same_renderings(shipped_matcher, gold_pairs, monkeypatch):
    targets = [(en, zh) for en, zh in gold_pairs] + [
        ("gearbox and scale-up", "變速箱與 縱向 擴展、Gearboxes 和 gearbox"),
        ("PCIe switch", "PCIe  交換器和ＰＣＩｅ交換器"),
    ]
    for en, zh in targets:
        concepts = {h.concept for h in shipped_matcher.match_source(en)}
        if not concepts:
            continue
        target = FoldedText.of(zh)
        monkeypatch.setattr(matcher, "_AUTOMATON_STEP", 10**9)  # always str.find
        by_find = shipped_matcher.renderings(target, concepts)
        monkeypatch.setattr(matcher, "_AUTOMATON_STEP", 0)  # always the automaton
        by_automaton = shipped_matcher.renderings(target, concepts)
        assert by_find == by_automaton
        for concept in concepts:
            assert shipped_matcher.find_renderings(target, concept, check_boundaries=False) == (
                by_find.get(concept, [])
            )


def test_renderings_by_kind_split_what_renderings_find(shipped_matcher, gold_pairs, monkeypatch):
    """The term rules' form (hits split by kind while resolved) against the plain list,
    with ``str.find`` (which skips strings whose first character is absent) and with the
    automaton."""
    split = 0
    for en, zh in gold_pairs + [
        ("gearbox and scale-up", "變速箱與 縱向 擴展、Gearboxes 和 gearbox")
    ]:
        concepts = {h.concept for h in shipped_matcher.match_source(en)}
        if not concepts or not zh:
            continue
        target = FoldedText.of(zh)
        for step in (10**9, 0):
            monkeypatch.setattr(matcher, "_AUTOMATON_STEP", step)
            plain = shipped_matcher.renderings(target, concepts)
            by_kind = shipped_matcher.renderings_by_kind(target, concepts)
            assert by_kind.keys() == plain.keys()
            for concept, hits in plain.items():
                assert by_kind[concept] == tuple(
                    tuple(h for h in hits if h.kind == kind)
                    for kind in ("approved", "english", "forbidden")
                )
                split += sum(1 for kinds in by_kind[concept] if kinds) > 1
    assert split  # some concept has hits of two kinds in one target


def test_renderings_resolve_ties_and_plurals_per_concept(monkeypatch):
    tb = Termbase(
        (
            Concept("ASIC", zh_tw=("ASIC",), variants=("ASICs",), forbidden=("特殊應用",)),
            Concept("application", zh_tw=("應用",), forbidden=("應用程式",)),
        )
    )
    compiled = compile_termbase(tb).matcher
    target = FoldedText.of("ASICs 與應用程式,以及 ASIC 的應用")
    for step in (0, 10**9):  # the automaton, then str.find
        monkeypatch.setattr(matcher, "_AUTOMATON_STEP", step)
        found = compiled.renderings(target, (0, 1))
        # ASICs is both the variant (5 letters) and ASIC + plural: the longer string, listed
        # first, wins the tie, as it always has.
        assert [(h.kind, h.text) for h in found[0]] == [("english", "ASICs"), ("approved", "ASIC")]
        assert [(h.kind, h.text) for h in found[1]] == [
            ("forbidden", "應用程式"),
            ("approved", "應用"),
        ]


def _windows(texts: list[str]) -> list[str]:
    return [
        text[i : i + size] for text in texts for i in range(0, len(text), 7) for size in (5, 13, 24)
    ]


def test_lazy_dictionary_cuts_exactly_like_the_loaded_one(tmp_path, gold_pairs):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    words = ["重定時器", "重定时器", "縱向擴展", "纵向扩展", "變速箱", "变速箱", "坡道", "小晶片"]
    loaded = build_tokenizer(words, cache_dir=tmp_path)  # first time: the slow way, cached
    assert isinstance(loaded.FREQ, dict)
    lazy = build_tokenizer(words, cache_dir=tmp_path)
    assert isinstance(lazy.FREQ, LazyFreq)
    assert lazy.total == loaded.total
    texts = [fold_zh(zh) for _, zh in gold_pairs[:60]] + [zh for _, zh in gold_pairs[:30]]
    for window in _windows(texts):
        assert list(lazy.cut(window, HMM=False)) == list(loaded.cut(window, HMM=False))
    # Other words: their own cache entry, same base dictionary.
    other = build_tokenizer(["坡道"], cache_dir=tmp_path)
    assert isinstance(other.FREQ, dict) and other.total != loaded.total


def test_unwritable_cache_still_gives_a_working_tokenizer(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    tokenizer = build_tokenizer(["變速箱"], cache_dir=blocker / "cache")
    assert "變速箱" in list(tokenizer.cut("汽車的變速箱壞了", HMM=False))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-directory"]
