"""The speed-ups of the extractors must not change what they read.

``FirstCharDispatch`` tries at a position only the token alternatives that can start with
its character; the Chinese token starts come from a character scan plus a look back from
the digits. Both must give exactly what the plain patterns give, on real sentences and on
arbitrary text.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.numbers import chinese, chinese_fast, english
from auditor.numbers.dispatch_fast import FirstCharDispatch
from auditor.numbers.normalize import normalize_width

DATA = Path(__file__).parents[2] / "data"
GOLD = [
    json.loads(line)
    for line in (DATA / "astera_q1_2025_gold.jsonl").read_text(encoding="utf-8").splitlines()
]


def _same_matches(dispatch: FirstCharDispatch, text: str) -> None:
    for pos in range(len(text) + 1):
        want = dispatch.full.match(text, pos)
        got = dispatch.match(text, pos)
        assert (got and (got.span(), got.lastgroup, got.groupdict())) == (
            want and (want.span(), want.lastgroup, want.groupdict())
        ), (text[pos : pos + 30], pos)


def test_dispatch_matches_the_full_alternation_on_the_transcript() -> None:
    for g in GOLD:
        _same_matches(english._TOKENS, normalize_width(g["en"]))
        _same_matches(chinese._TOKENS, normalize_width(g["zh"]))


def test_dispatch_keeps_only_alternatives_that_can_start_with_the_character() -> None:
    full = english.TOKEN.pattern.count("|(?P<")
    # "$" can start only an amount; a digit never tries the number-word alternatives
    assert english._TOKENS.pattern_for("$").pattern.count("|(?P<") < full
    assert english._TOKENS.pattern_for("5").match("five") is None
    m = english._TOKENS.match("revenue of $159.4 million", 11)
    assert m is not None and m.lastgroup == "amt" and m.group("mag") == "million"
    # the groups of dropped alternatives still exist (the readers ask for them by name)
    assert m.group("wn") is None


def test_case_insensitive_alternatives_survive_dispatch() -> None:
    d = FirstCharDispatch([r"(?P<a>(?i:half))", r"(?P<b>H[12])", r"(?P<c>\d+)"])
    assert d.match("Half", 0).lastgroup == "a"
    assert d.match("H2", 0).lastgroup == "b"
    assert d.match("hALF", 0).lastgroup == "a"
    assert d.match("42", 0).lastgroup == "c"
    assert d.match("x", 0) is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789 .,-$'QHFYqhfyabcdefmnorstuvwx一二十百萬億第季年月%兆 ")
        )
        | st.characters(),
        max_size=30,
    )
)
def test_dispatch_equals_full_pattern_on_arbitrary_text(text: str) -> None:
    _same_matches(english._TOKENS, text)
    _same_matches(chinese._TOKENS, text)


def test_chinese_token_starts_equal_the_single_pattern() -> None:
    texts = [normalize_width(g["zh"]) for g in GOLD] + [
        "PCIe 6 與 Gen-5、FY24 以及 a.b-7",
        "-5 與 x -3",
        "..-5",
        "ab- 5",
        "5ab6",
        "中文 Q1 和 1H25",
    ]
    for t in texts:
        assert chinese_fast.anchor_starts(t) == chinese.token_starts(t), t


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aB.- 50十一中Q")), max_size=16))
def test_chinese_token_starts_on_arbitrary_text(text: str) -> None:
    assert chinese_fast.anchor_starts(text) == chinese.token_starts(text)


def _plain_anchors(text: str, weak: bool) -> list[int]:
    return [p for p in chinese.token_starts(text) if chinese.may_start_token(text, p, weak)]


def test_the_filtered_anchor_scans_drop_what_the_reader_would() -> None:
    texts = [normalize_width(g["zh"]) for g in GOLD] + [
        "上半年營收上升,上千家客戶;數十億美元,數以萬計,數據中心",
        "一些客戶,一個季度,三種產品,兩年內,五成,一",
        "下半年、前半段、後半年、首季、財年、成千上萬、負 5%、負債、幾十億、幾乎",
        "第一季,十分,零件,一 GB,二-3,$5,上",
    ]
    for text in texts:
        for weak, scan in ((True, chinese._ANCHORS_WITH_WEAK), (False, chinese._ANCHORS)):
            assert chinese_fast.anchor_starts(text, scan) == _plain_anchors(text, weak), text


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("上下前後數幾成負財首一二三十萬個年半季千以 -5aG$第%些")),
        max_size=16,
    )
)
def test_the_filtered_anchor_scans_on_arbitrary_text(text: str) -> None:
    assert chinese_fast.anchor_starts(text, chinese._ANCHORS_WITH_WEAK) == _plain_anchors(
        text, True
    )
    assert chinese_fast.anchor_starts(text, chinese._ANCHORS) == _plain_anchors(text, False)


def _ends_inside_digits(text: str) -> list[tuple[int, str]]:
    bad = []
    for pos in range(len(text)):
        m = chinese.TOKEN.match(text, pos)
        if (
            m is not None
            and pos < m.end() < len(text)
            and "0" <= text[m.end() - 1] <= "9" <= text[m.end()] <= "9"
        ):
            bad.append((pos, m.group()))
    return bad


def test_no_chinese_token_ends_inside_a_run_of_digits() -> None:
    """Why anchor_starts may skip all but the first digit of a run: the token tried at an
    earlier start never stops between two digits, so the next start tried is past the run
    or at a new one."""
    for t in [normalize_width(g["zh"]) for g in GOLD] + [
        "1,2345 萬",
        "FY2025財年",
        "1Q2525",
        "第1季123",
    ]:
        assert _ends_inside_digits(t) == [], t


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789,.-~ $%'QHFYGbBs/aeiCP第季年月份財萬億千百十兆一二三四兩點個倍至")
        ),
        max_size=20,
    )
)
def test_no_chinese_token_ends_inside_a_run_of_digits_on_arbitrary_text(text: str) -> None:
    assert _ends_inside_digits(text) == []


def test_characters_of_a_shared_class_share_one_pattern_and_match_as_the_full_one() -> None:
    alts = [r"(?P<one>\b1st\b)", r"(?P<two>2G\b)", r"(?P<num>\d+)", r"(?P<word>[a-z]+)"]
    d = FirstCharDispatch(alts, shared=("0123456789",))
    # each of 1 and 2 alone would drop the other's alternative; in their class they share
    assert d.pattern_for("1") is d.pattern_for("2") is d.pattern_for("7")
    assert d.pattern_for("a") is not d.pattern_for("1")
    for text in ["1st place", "2G and 1G", "12 x", "7", "2Gb", "abc 1"]:
        _same_matches(d, text)
        for pos in range(len(text)):
            if text[pos] in d.by_char or text[pos].isdigit():
                got, want = d.pattern_for(text[pos]).match(text, pos), d.full.match(text, pos)
                assert (got and (got.span(), got.lastgroup, got.groupdict())) == (
                    want and (want.span(), want.lastgroup, want.groupdict())
                )


def test_the_readers_share_patterns_only_among_digits() -> None:
    assert set(english._TOKENS._class_of) == set("0123456789")
    assert set(chinese._TOKENS._class_of) == set("0123456789")
    # the shared patterns give the full alternation's matches (here, on every digit)
    for text in ["PCIe 6 與 Gen-5、FY24 以及 3Q24 和 2H25", "in 1Q25 and 2H 2024, 4G to 5G, 10x"]:
        for d in (english._TOKENS, chinese._TOKENS):
            for pos, ch in enumerate(text):
                if ch in d._class_of:
                    got, want = d.pattern_for(ch).match(text, pos), d.full.match(text, pos)
                    assert (got and (got.span(), got.lastgroup, got.groupdict())) == (
                        want and (want.span(), want.lastgroup, want.groupdict())
                    ), (text, pos)
