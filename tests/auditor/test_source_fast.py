"""The fast construction of unscored pair segments (``auditor/source_fast.py``) gives
exactly the readable path's segments: ``numbered`` over ``_pair_segments``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.source import _pair_segments, numbered
from auditor.source_fast import numbered_unscored

PATH = "talk.jsonl"


def readable(pairs, start: int, total: int):
    segments = _pair_segments(pairs, PATH, "jsonl", None, scored=False)
    return list(numbered(segments, start, total))


def fast(pairs, start: int, total: int):
    return list(numbered_unscored(pairs, PATH, start, total))


def _pairs(rows):
    """Reader pairs from ``(english, chinese)`` rows, a line each (``None``: no side)."""
    return [
        (
            (en, k, k) if en is not None else None,
            (zh, k, k) if zh is not None else None,
        )
        for k, (en, zh) in enumerate(rows, start=1)
    ]


WRITTEN = [
    ("Revenue rose 12% to $3.4 billion.", "營收成長12%，達34億美元。"),
    ("  Dana Whitfield  ", "Dana  Whitfield"),  # a name repeated: a copy
    ("Thank you.", None),  # an English line left untranslated
    (None, "（掌聲）"),  # a Chinese line of its own
    ("   ", "\t"),  # blank on both sides: no segment
    ("", "謝謝大家。"),
    ("Next question, please.", "   "),
]


def test_written_pairs_make_the_same_segments():
    pairs = _pairs(WRITTEN)
    assert fast(pairs, 0, 6) == readable(pairs, 0, 6)
    kinds = [s.align_type for s in fast(pairs, 0, 6)]
    assert kinds == ["1-1", "copy", "1-0", "0-1", "0-1", "1-0"]
    assert fast(pairs, 0, 6)[1].source == "Dana Whitfield"  # stripped, as a reader line


def test_ids_follow_the_start_and_the_width_of_the_total():
    pairs = _pairs(WRITTEN)
    assert [s.id for s in fast(pairs, 99_997, 100_003)][:2] == ["s099998", "s099999"]
    assert fast(pairs, 99_997, 100_003) == readable(pairs, 99_997, 100_003)


_side = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from("ab 營收\t\u3000 Q1"), max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(_side, _side), max_size=12), start=st.integers(0, 20))
def test_any_pairs_make_the_same_segments(rows, start):
    pairs = _pairs(rows)
    if not readable_has_pairs(pairs):
        assert fast(pairs, start, start + 12) == []
        return
    assert fast(pairs, start, start + 12) == readable(pairs, start, start + 12)


def readable_has_pairs(pairs) -> bool:
    """Whether the readable path makes any segment (with none it raises: no pairs)."""
    return any(
        (en is not None and en[0].strip()) or (zh is not None and zh[0].strip()) for en, zh in pairs
    )
