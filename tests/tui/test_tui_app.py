"""Pilot tests: the real review app on the sample transcript, driven by keys."""

from __future__ import annotations

import pytest
from textual.widgets import Select, TextArea
from tui_support import new_session, sync, wait_loaded

from auditor.session import Session
from tui.app import ReviewApp
from tui.screens import FilterScreen, HelpScreen
from tui.screens.dismiss import DismissScreen


async def _until(pilot, condition, tries: int = 100) -> None:
    """Until ``condition()`` holds (a worker's answer has arrived)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not get there")


def _number_fix(app: ReviewApp):
    """A segment with a number finding whose target span can be replaced by its expectation."""
    for view in app.views:
        for finding in view.findings:
            if finding.category == "number" and finding.target_span and finding.expected:
                start, end = finding.target_span
                fixed = view.target[:start] + finding.expected.split(" / ")[0] + view.target[end:]
                return view, finding, fixed
    raise AssertionError("the sample should have a number finding with a target span")


@sync
async def test_review_walk_decide_edit_filter_search_undo_and_resume(tmp_path):
    session = new_session(tmp_path)
    path = session.path
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        assert app.segment_list.cursor == 0

        # n jumps to the next segment with open findings
        await pilot.press("n")
        first = app.current
        assert first.index > 0 and first.open_count > 0
        assert all(not v.open_count for v in app.views[1 : first.index])

        # c confirms the selected finding; the header says saved only after the commit
        await pilot.press("c")
        assert app.header.saved_at
        assert app.current.decisions[0].status == "confirmed"
        confirmed_fid = first.fids[0]

        # next flagged segment: d dismisses with a reason typed in the prompt
        await pilot.press("n")
        second = app.current
        assert second.index > first.index and second.open_count
        await pilot.press("d")
        assert isinstance(app.screen, DismissScreen)
        await pilot.press(*"house style", "enter")
        dismissed_fid = second.fids[app_selected_before_dismiss := 0]
        assert app.views[second.index].decisions[app_selected_before_dismiss].status == "dismissed"

        # u undoes the last decision (a throwaway confirm)
        await pilot.press("n")
        third = app.current
        await pilot.press("c")
        assert app.views[third.index].decisions[0].status == "confirmed"
        await pilot.press("u")
        assert app.views[third.index].decisions[0].status == "open"

        # / searches (the list keeps every segment); n walks the matches to the number
        # segment; e edits it; the finding goes
        view, finding, fixed = _number_fix(app)
        needle = view.segment.source.split()[3]
        await pilot.press("slash")
        await pilot.press(*needle, "enter")
        await _until(pilot, lambda: app.search == needle)
        assert len(app.segment_list.rows) == len(app.views)
        for _ in range(len(app.matches)):
            if app.segment_list.current_index == view.index:
                break
            await pilot.press("n")
            current = app.views[app.segment_list.current_index]
            assert needle.casefold() in (current.segment.source + (current.target or "")).casefold()
        assert app.segment_list.current_index == view.index
        await pilot.pause(0.15)
        await pilot.press("e")
        area = app.screen.query_one(TextArea)
        area.text = fixed
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = app.views[view.index]
        assert edited.post_edit == fixed
        assert (finding.rule, finding.target_span) not in [
            (f.rule, f.target_span) for f in edited.findings
        ]

        # f filters by category (search cleared first: an empty search clears it)
        await pilot.press("slash", "ctrl+u", "enter")  # ctrl+u clears the input line
        await pilot.pause()
        assert app.search == "" and app.matches == []
        await pilot.press("f")
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#f-category", Select).value = "term"
        await pilot.press("ctrl+s")
        await pilot.pause()
        rows = list(app.segment_list.rows)
        assert rows and all(any(f.category == "term" for f in app.views[i].findings) for i in rows)
        await pilot.press("j", "j")
        resume_at = app.segment_list.current_index

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("q")
    session.close()

    # reopen: decisions, reason, post-edit, filter and position are all there
    session = Session.open(path)
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        assert app.filters.category == "term"
        assert app.segment_list.current_index == resume_at
        by_fid = {fid: d for v in app.views for fid, d in zip(v.fids, v.decisions)}
        assert by_fid[confirmed_fid].status == "confirmed"
        assert by_fid[dismissed_fid].status == "dismissed"
        assert by_fid[dismissed_fid].reason == "house style"
        assert by_fid[third.fids[0]].status == "open"
        assert app.views[view.index].post_edit == fixed
        await pilot.press("q")
    session.close()


@sync
async def test_command_palette_lists_the_review_actions(tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_loaded(app, pilot)
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for label in ("Confirm", "Dismiss", "Edit", "Filter", "Undo", "Export", "Glossary"):
                assert any(t.startswith(label) for t in titles), label
            assert app.current_theme.dark
            await pilot.press("t")
            assert not app.current_theme.dark
            await pilot.press("q")


@sync
async def test_glossary_entry_is_appended_to_the_project_glossary(tmp_path):
    glossary = tmp_path / "project.tsv"
    glossary.write_text(
        "en\tzh_tw\tzh_cn\tforbidden\tdnt\tcase_sensitive\tcategory\tnote\n"
        "Aries\tAries\t\t\tyes\tyes\tproduct\t\n",
        encoding="utf-8",
    )
    with new_session(tmp_path) as session:
        session.add_glossary(str(glossary))
        app = ReviewApp(session)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_loaded(app, pilot)
            await pilot.press("g")
            screen = app.screen
            screen.query_one("#g-en").value = "retimer"
            screen.query_one("#g-zh").value = "重定時器"
            screen.query_one("#g-forbidden").value = "重新定時器"
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("q")
    lines = glossary.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("Aries\t")  # the file above the new row is untouched
    assert lines[-1].split("\t") == ["retimer", "重定時器", "", "重新定時器", "", "", "", ""]


@sync
async def test_export_from_the_app_writes_a_report(tmp_path):
    import json

    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_loaded(app, pilot)
            await pilot.press("n", "c", "x")
            target = tmp_path / "out.json"
            app.screen.query_one("#x-path").value = str(target)
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("q")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"].startswith("auditor-report/")
    assert len(data["segments"]) == len(app.views)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
@sync
async def test_layout_fits_small_and_large_terminals(tmp_path, size):
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=size) as pilot:
            await wait_loaded(app, pilot)
            await pilot.press("n")
            assert app.segment_list.size.height >= 4
            assert app.detail.size.height >= 8
            wide = size[0] >= 110
            src, tgt = app.detail.query_one("#source"), app.detail.query_one("#target")
            assert (src.region.y == tgt.region.y) == wide  # side by side only when wide
            await pilot.press("q")


@sync
async def test_finding_spans_keep_their_category_colour_when_selected(tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_loaded(app, pilot)
            view = next(v for v in app.views for f in v.findings if f.target_span)
            position = next(i for i, f in enumerate(view.findings) if f.target_span)
            finding = view.findings[position]
            colour = app.detail.get_component_rich_style(f"detail--{finding.category}").bgcolor
            text = app.detail._side(view, "target", position, "")
            start = finding.target_span[0]
            styles = [s.style for s in text.spans if s.start <= start < s.end]
            assert any(st.bgcolor == colour for st in styles)
            assert any(st.bold and st.underline for st in styles)  # selected: also bold, underlined
            await pilot.press("q")


@sync
async def test_filter_dialog_takes_a_confidence_floor_and_refuses_a_bad_one(tmp_path):
    session = new_session(tmp_path)
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("f")
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#f-confidence").value = "1.5"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FilterScreen)  # refused: the dialog stays
        app.screen.query_one("#f-confidence").value = "0.99"
        await pilot.press("ctrl+s")
        await _until(
            pilot,
            lambda: not isinstance(app.screen, FilterScreen) and not app.header.busy,
            tries=500,
        )
        assert app.filters.min_confidence == 0.99
        assert "confidence≥0.99" in app.header.filter_text
    session.close()
