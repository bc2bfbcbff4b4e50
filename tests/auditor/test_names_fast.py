"""The name scan's faster pieces, held to their plain forms."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import names
from auditor.names import _CAPITAL_RUN, CAPITAL_RUN_PLAIN, names_in_line

_PLAIN = re.compile(CAPITAL_RUN_PLAIN)


def _runs(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


def test_possessive_capital_runs_match_the_plain_pattern_on_written_text():
    text = (
        "Our Falcon-X retimers ship to Orion Semiconductor & Harbor Point Partners. "
        "Co-op members met Mary-Jane O'Neil and Jean-Luc at McKinsey's office; "
        "the PCIe Gen-6 and Leo CXL lines - then - A & B, X-ray and Go- on."
    )
    assert _runs(_CAPITAL_RUN, text) == _runs(_PLAIN, text)
    assert "Orion Semiconductor & Harbor Point Partners" in [
        m.group() for m in _CAPITAL_RUN.finditer(text)
    ]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["A", "Bc", "x", "de", "-", " ", "&", "'", "’", "_", "1", "É", "é", ".", "  ", "& "]
        ),
        max_size=20,
    )
)
def test_possessive_capital_runs_match_the_plain_pattern_everywhere(parts):
    text = "".join(parts)
    assert _runs(_CAPITAL_RUN, text) == _runs(_PLAIN, text)


def test_the_common_word_memo_gives_the_same_names_and_stays_bounded(monkeypatch):
    line = "We met Grant Hunter. Our Falcon retimers and the Falcon line ship with Astera parts."
    monkeypatch.setattr(names, "_COMMON_WORD_MEMO", {})
    first = names_in_line(line, copied=False)
    again = names_in_line(line, copied=False)  # now read from the memo
    assert first == again
    assert any(n.name == "Falcon" for n in first)
    monkeypatch.setattr(names, "_COMMON_WORD_MEMO", {})
    monkeypatch.setattr(names, "_COMMON_WORD_MEMO_LIMIT", 2)
    assert names_in_line(line, copied=False) == first
    assert len(names._COMMON_WORD_MEMO) <= 2


_LINES = [
    "Media contact: Grant Hunter. Orion Semiconductor and Juniper Networks signed on.",
    "The Falcon retimer ships; our Leo CXL controllers and the Gemini Smart Cable Modules too.",
    "Mark Wen joined. Later, Mark Wen spoke about PCI Express and AI Infrastructure.",
    "Falcon Semiconductor grew. The Orion line, Leo CXL and Grant Hunter again.",
]


def _harvest(lines):
    return [sorted(names_in_line(line, copied=False)) for line in lines]


def test_the_run_memo_gives_what_each_run_gives_alone(monkeypatch):
    monkeypatch.setattr(names, "_RUN_MEMO", {})
    fresh = _harvest(_LINES)
    assert names._RUN_MEMO  # the runs were kept ...
    assert _harvest(_LINES) == fresh  # ... and give the same names when met again
    assert _harvest(list(reversed(_LINES))) == list(reversed(fresh))
    monkeypatch.setattr(names, "_RUN_MEMO", {})
    monkeypatch.setattr(names, "_RUN_MEMO_LIMIT", 1)
    assert _harvest(_LINES) == fresh  # a memo cleared at every run changes nothing
    assert len(names._RUN_MEMO) <= 1
    found = {(n.name, n.kind) for line in fresh for n in line}
    assert {
        ("Grant Hunter", "person"),
        ("Orion Semiconductor", "firm"),
        ("Juniper Networks", "firm"),
        ("Mark Wen", "person"),
    } <= found
    # the place a name is seen is its own line's, not the first line the run was met in
    assert all(n.where == line for line, got in zip(_LINES, fresh) for n in got)
