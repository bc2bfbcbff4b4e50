"""SVG snapshots of the review app (pytest-textual-snapshot; update with --snapshot-update).

Each compares the whole screen with an accepted SVG under ``tests/__snapshots__/``: the
segment list with its status / severity / rule columns, the detail pane with a finding's
spans highlighted in both texts, the help screen, both themes, 80×24 and a large terminal.

The session comes from a frozen JSON report of the sample (``tests/data/
tui_snapshot_report.json``), not a live audit, so the pictures change when the app's
drawing changes, not whenever a rule is tuned.
"""

from __future__ import annotations

from pathlib import Path

from tui_support import DATA, wait_loaded

from auditor.report.json_report import read_report_json
from auditor.session import Session
from tui.app import ReviewApp

FROZEN = DATA / "tui_snapshot_report.json"


def new_session(folder: Path) -> Session:
    return Session.create(folder / "snap.audit.sqlite", read_report_json(FROZEN))


async def _loaded(pilot) -> None:
    await wait_loaded(pilot.app, pilot)
    await pilot.pause(0.2)  # the detail pane redraws 80 ms after the cursor stops


async def _next_open(pilot) -> None:
    await wait_loaded(pilot.app, pilot)
    await pilot.press("n")
    await pilot.pause(0.2)


async def _detail(pilot) -> None:
    await wait_loaded(pilot.app, pilot)
    app = pilot.app
    # the first segment with two or more findings, second finding selected
    target = next(v.index for v in app.views if len(v.findings) >= 2 and v.segment.source)
    app.segment_list.move_to(app.segment_list.rows.index(target))
    await pilot.pause()
    await pilot.press("tab")
    await pilot.pause(0.2)


def test_main_screen_80x24(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        assert snap_compare(ReviewApp(session), terminal_size=(80, 24), run_before=_next_open)


def test_flagged_segment_80x24(snap_compare, tmp_path):
    """The most common terminal: the selected finding, its message, why its rule fires and
    both texts around the spans, without scrolling."""
    with new_session(tmp_path) as session:
        assert snap_compare(ReviewApp(session), terminal_size=(80, 24), run_before=_detail)


def test_flagged_segment_120x40(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        assert snap_compare(ReviewApp(session), terminal_size=(120, 40), run_before=_detail)


def test_flagged_segment_200x50(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        assert snap_compare(ReviewApp(session), terminal_size=(200, 50), run_before=_detail)


def test_light_theme_200x50(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session, theme="textual-light")
        assert snap_compare(app, terminal_size=(200, 50), run_before=_detail)


def test_help_screen(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        assert snap_compare(
            ReviewApp(session), press=["question_mark"], terminal_size=(100, 36), run_before=_loaded
        )


def test_help_screen_80x24(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        assert snap_compare(
            ReviewApp(session), press=["question_mark"], terminal_size=(80, 24), run_before=_loaded
        )


def test_help_screen_200x50(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        assert snap_compare(
            ReviewApp(session), press=["question_mark"], terminal_size=(200, 50), run_before=_loaded
        )


async def _term_finding(pilot) -> None:
    await wait_loaded(pilot.app, pilot)
    app = pilot.app
    target = next(v.index for v in app.views for f in v.findings if f.rule == "TERM002")
    app.segment_list.move_to(app.segment_list.rows.index(target))
    await pilot.pause(0.2)
    app.selected = next(i for i, f in enumerate(app.current.findings) if f.rule == "TERM002")
    app._show()
    await pilot.pause()


def test_explain_dialog_80x24(snap_compare, tmp_path):
    """i on a term finding: the rule's what / why / example and the glossary entry."""
    with new_session(tmp_path) as session:
        assert snap_compare(
            ReviewApp(session), press=["i"], terminal_size=(80, 24), run_before=_term_finding
        )


def test_bulk_dismiss_dialog_80x24(snap_compare, tmp_path):
    """D: how many findings like this one, before anything is applied."""
    with new_session(tmp_path) as session:
        assert snap_compare(
            ReviewApp(session), press=["D"], terminal_size=(80, 24), run_before=_term_finding
        )
