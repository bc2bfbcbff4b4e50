"""Invariants of the aligner on arbitrary inputs: whatever the lines, the beads cover
every line exactly once, in order, with a valid type and a confidence in [0, 1]."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.align import align_lines
from auditor.model import Loc, TextLine

EN_POOL = (
    "Thank you.",
    "Operator",
    "Quarterly revenues of $159.4 million was up 13% from the prior quarter.",
    "Our PCIe 6 retimers are shipping in volume to multiple hyperscalers.",
    "We expect gross margins to be approximately 74%.",
    "Harlan Sur - Analyst",
    "And then maybe as a follow-up, could you talk about the gearbox opportunity in more detail, please?",
)
ZH_POOL = (
    "謝謝。",
    "Operator",
    "季度營收為 1.594 億美元,較上一季成長 13%。",
    "我們的 PCIe 6 重定時器正在向多家超大規模企業大量出貨。",
    "我們預期毛利率約為 74%。",
    "Harlan Sur - Analyst",
    "然後也許作為後續行動,您能否更詳細地談談變速箱的機會?",
    "本週末天氣晴朗,適合全家一起到郊外踏青。",
)


def _lines(texts: list[str], path: str, lang: str) -> list[TextLine]:
    return [TextLine(t, Loc(path, k + 1, k + 1), lang) for k, t in enumerate(texts)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(EN_POOL), max_size=25),
    st.lists(st.sampled_from(ZH_POOL), max_size=25),
    st.booleans(),
)
def test_beads_cover_every_line_once_in_order(en_texts, zh_texts, interleaved):
    en = _lines(en_texts, "en.txt", "en")
    zh = _lines(zh_texts, "zh.txt", "zh")
    positions = {}
    if interleaved:  # pretend the lines alternate in one file
        positions = {
            "en_positions": [2 * k for k in range(len(en))],
            "zh_positions": [2 * k + 1 for k in range(len(zh))],
        }
    beads = align_lines(en, zh, **positions)
    got_en = [line for src, _, _, _ in beads for line in src]
    got_zh = [line for _, tgt, _, _ in beads for line in tgt]
    assert got_en == en and got_zh == zh
    for src, tgt, kind, score in beads:
        assert 0.0 <= score <= 1.0
        expected = {
            (1, 1): {"1-1", "copy"},
            (1, 0): {"1-0"},
            (0, 1): {"0-1"},
            (2, 1): {"2-1"},
            (1, 2): {"1-2"},
        }[(len(src), len(tgt))]
        assert kind in expected
        if kind == "copy":
            assert src[0].text == tgt[0].text
