"""The review screen's state without a terminal: filters (SQL vs the Python reference),
next / previous open row, progress counts, the CJK line breaker."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from tui_support import new_session

from auditor import scoring
from auditor.model import SegmentResult
from tui.state import Filters, RowIndex, ViewStore, progress_from_summary, progress_of, visible_rows
from tui.wrap import wrap_offsets

FILTERS = [
    Filters(category="term"),
    Filters(rule="TERM"),
    Filters(rule="ALN002"),
    Filters(severity="major"),
    Filters(status="flagged"),
    Filters(status="open"),
    Filters(status="confirmed"),
    Filters(status="dismissed"),
    Filters(status="edited"),
    Filters(status="clean"),
    Filters(search="Taurus"),
    Filters(search="營收"),
    Filters(search="taurus", category="term", status="open"),
    Filters(category="number", severity="critical"),
    Filters(min_confidence=0.9),
    Filters(category="omission", min_confidence=0.5),
    Filters(status="clean", min_confidence=0.9),
]


def test_sql_filter_matches_the_python_reference(tmp_path):
    with new_session(tmp_path) as session:
        views = session.load()
        flagged = [v for v in views if v.findings]
        session.decide(flagged[0].index, flagged[0].fids[0], "confirmed")
        session.decide(flagged[1].index, flagged[1].fids[0], "dismissed", "x")
        session.post_edit(
            flagged[2].index, "Taurus 重定時器", SegmentResult(flagged[2].segment, ())
        )
        views = session.load()
        for filters in FILTERS:
            expected = visible_rows(views, filters)
            got = session.find_segments(
                filters.category,
                filters.rule,
                filters.severity,
                filters.status,
                filters.search,
                filters.min_confidence,
            )
            assert got == expected, filters
        assert visible_rows(views, Filters(status="edited")) == [flagged[2].index]


def test_summary_matches_the_views_and_the_scoring_module(tmp_path):
    with new_session(tmp_path) as session:
        flagged = [v for v in session.load() if v.findings]
        session.decide(flagged[0].index, flagged[0].fids[0], "dismissed", "fine")
        for fid in flagged[1].fids:
            session.decide(flagged[1].index, fid, "confirmed")
        views = session.load()
        summary = progress_from_summary(session.summary())
        assert summary == progress_of(views)
        assert summary.reviewed == 1 + (len(flagged[0].fids) == 1)
        assert summary.mqm == scoring.mqm_score(session.report()).score
        assert session.open_segments() == [v.index for v in views if v.open_count]


def test_progress_replaced_equals_a_recount(tmp_path):
    with new_session(tmp_path) as session:
        views = session.load()
        before = progress_of(views)
        v = next(v for v in views if v.findings)
        new = session.decide(v.index, v.fids[0], "dismissed", None)
        views[v.index] = new
        assert before.replaced(v, new) == progress_of(views)


def test_row_index_jumps_over_a_filtered_list():
    rows = [3, 8, 20, 21, 40]
    index = RowIndex(rows, open_segments=[8, 21, 30])
    assert index.next_open(0) == 1 and index.next_open(1) == 3 and index.next_open(3) is None
    assert index.previous_open(3) == 1 and index.previous_open(1) is None
    assert index.nearest_position(22) == 4 and index.position_of(30) is None
    full = RowIndex(range(100), open_segments=[5, 50])
    assert full.next_open(5) == 50 and full.position_of(99) == 99


def test_view_store_reads_pages_on_demand(tmp_path):
    with new_session(tmp_path) as session:
        store = ViewStore(session, session.segment_count())
        everything = session.load()
        assert store[150] == everything[150] and store[-1] == everything[-1]
        assert list(store) == everything


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab 1,.晶片「」。，PCIe重定時器 \u3000")), max_size=80),
    st.integers(min_value=1, max_value=30),
)
def test_wrap_lines_fit_and_lose_nothing_but_spaces(text, width):
    lines = wrap_offsets(text, width)
    for start, end in lines:
        piece = text[start:end]
        assert cell_len(piece) <= width or len(piece) == 1
    kept = "".join(text[s:e] for s, e in lines)
    assert "".join(kept.split()) == "".join(text.split())
    assert all(a[1] <= b[0] for a, b in zip(lines, lines[1:]))


def test_wrap_breaks_chinese_anywhere_but_before_closing_punctuation():
    text = "他們正在舉辦一場網路研討會，探討如何利用 UALink 拓展人工智慧基礎設施領域的機會。"
    lines = [text[s:e] for s, e in wrap_offsets(text, 26)]
    assert all(cell_len(line) >= 22 for line in lines[:-1])  # no half-empty lines
    assert not any(line.startswith(("，", "。")) for line in lines)
    assert "UALink" in "".join(lines)  # a Latin word is never cut


def test_confidence_floor_hides_only_the_less_sure_omissions(tmp_path):
    """A floor above an omission's confidence hides its segment (unless another finding keeps
    it); findings without a confidence are never hidden by it."""
    with new_session(tmp_path) as session:
        views = session.load()
        sure = [
            (f.confidence, v.index) for v in views for f in v.findings if f.confidence is not None
        ]
        assert sure, "the sample should have an omission finding with a confidence"
        confidence, index = min(sure)
        only_that = [v for v in views if v.index == index][0]
        at = session.find_segments(category="omission", min_confidence=confidence)
        above = session.find_segments(
            category="omission", min_confidence=min(1.0, confidence + 0.01)
        )
        assert index in at and index not in above
        assert (
            visible_rows(views, Filters(category="omission", min_confidence=confidence + 0.01))
            == above
        )
        # its other findings (no confidence) still show the segment when no category is asked
        if any(f.confidence is None for f in only_that.findings):
            assert index in session.find_segments(min_confidence=1.0)
