"""The aligner's term anchors read lines the fast way (glossary/anchors_fast.py) and find
what the plain way finds: English words as the regex finds them, Chinese forms as plain
substrings, the longest at each start."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import load_termbase
from glossary.anchors import _PLURAL_S, TermAnchors, _en_phrase
from glossary.anchors_fast import en_words, utf8_chars

#: Letters, digits, every kind of gap, and characters whose case folding is ASCII
#: (ß -> ss, the fi ligature, the Kelvin sign, dotted I) or not a letter at all.
_EN_TEXT = st.text(
    alphabet="aAzZsS09 \t\n\u00a0-/.,'’&+ßﬁKİé記憶體ＰＣＩｅ", max_size=40
) | st.sampled_from(
    [
        "Our PCIe 6 retimers and rack-scale Switches’ ramps",
        "STRASSE, Straße and ﬁber: the U.S. market's 2H outlook",
    ]
)


@settings(max_examples=500, deadline=None)
@given(_EN_TEXT)
def test_english_words_equal_the_regex_ones(text):
    assert _PLURAL_S.sub("", en_words(text)) == _en_phrase(text)


def _zh_forms(termbase) -> dict[str, str]:
    forms: dict[str, str] = {}
    for index, concept in enumerate(termbase.concepts):
        if concept.context:
            continue
        for form in (*concept.zh_tw, *concept.zh_cn, *concept.forbidden):
            key = form.strip().casefold()
            if key and not concept.dnt:
                forms.setdefault(key, f"t:{index}")
    return forms


def _plain_zh_keys(forms: dict[str, str], text: str) -> frozenset[str]:
    """The longest form starting at each character, found by testing every form."""
    haystack = text.casefold()
    keys = set()
    for start in range(len(haystack)):
        found = [form for form in forms if haystack.startswith(form, start)]
        if found:
            keys.add(forms[max(found, key=len)])
    return frozenset(keys)


_TERMBASE = load_termbase()
_ANCHORS = TermAnchors(_TERMBASE)
_FORMS = _zh_forms(_TERMBASE)


def test_chinese_anchors_of_real_targets_equal_plain_substrings(gold_pairs):
    found = 0
    for _, zh in gold_pairs[:40]:
        expected = _plain_zh_keys(_FORMS, zh)
        assert _ANCHORS.keys(zh, "zh") == expected
        found += len(expected)
    assert found > 40


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(sorted(_FORMS)[:300:7])
        | st.text(alphabet="的擴展晶片ＡＢ ab\ud800", max_size=3),
        max_size=6,
    )
)
def test_chinese_anchors_equal_plain_substrings(pieces):
    text = "".join(pieces)
    assert _ANCHORS.keys(text, "zh") == _plain_zh_keys(_FORMS, text)


def test_utf8_chars_spell_one_character_per_byte():
    assert utf8_chars("PCIe 交換器") == "PCIe " + "交換器".encode().decode("latin-1")
    assert len(utf8_chars("交")) == 3
    assert utf8_chars("\ud800") == "\xed\xa0\x80"
