"""SVG snapshots of the review app (pytest-textual-snapshot; update with --snapshot-update).

Each compares the whole screen with an accepted SVG under ``tests/__snapshots__/``: the
segment list with its status / severity / rule columns, the detail pane with a finding's
spans highlighted in both texts, the help screen, both themes, 80×24 and a large terminal.
"""

from __future__ import annotations

from tui.app import ReviewApp
from tui_support import new_session, wait_loaded


async def _loaded(pilot) -> None:
    await wait_loaded(pilot.app, pilot)


async def _detail(pilot) -> None:
    await wait_loaded(pilot.app, pilot)
    app = pilot.app
    # the first segment with two or more findings, second finding selected
    target = next(v.index for v in app.views if len(v.findings) >= 2 and v.segment.source)
    app.segment_list.move_to(app.segment_list.rows.index(target))
    await pilot.press("tab")
    await pilot.pause()


def test_main_screen_80x24(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        assert snap_compare(ReviewApp(session), press=["n"], terminal_size=(80, 24), run_before=_loaded)


def test_detail_pane_with_findings_120x36(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        assert snap_compare(ReviewApp(session), terminal_size=(120, 36), run_before=_detail)


def test_light_theme_200x50(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session, theme="textual-light")
        assert snap_compare(app, terminal_size=(200, 50), run_before=_detail)


def test_help_screen(snap_compare, tmp_path):
    with new_session(tmp_path) as session:
        assert snap_compare(ReviewApp(session), press=["question_mark"], terminal_size=(100, 36),
                            run_before=_loaded)
