"""Pilot tests of the review flow added for long reviews: bulk decisions with one undo,
edits never lost by Escape, search apart from the filter, findings explained in place,
marks that read without colour, and a header and footer that never cut a word."""

from __future__ import annotations

from collections import Counter

from rich.cells import cell_len
from textual.widgets import TextArea
from tui_support import new_session, sync, wait_loaded

from auditor.checks.registry import all_rules
from tui.app import ReviewApp
from tui.components.footer import footer_keys
from tui.components.header import fit_header, header_parts
from tui.components.segment_list import status_mark
from tui.keys import KEYS
from tui.screens import AskScreen, EditScreen, ExplainScreen, PromptScreen
from tui.screens.explain import explanation_text
from tui.state import Progress, progress_from_summary
from tui.wrap import CjkText


async def _until(pilot, condition, tries: int = 150) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not get there")


async def _select(pilot, app: ReviewApp, segment: int, position: int) -> None:
    app.segment_list.move_to(app.segment_list.rows.index(segment))
    await pilot.pause(0.15)
    for _ in range(position):
        await pilot.press("tab")
    assert app.selected == position


def _most_repeated(app: ReviewApp):
    counts = Counter((f.rule, f.expected, f.found) for v in app.views for f in v.findings)
    key, n = counts.most_common(1)[0]
    assert n >= 5
    where = [
        (v.index, i, v.fids[i])
        for v in app.views
        for i, f in enumerate(v.findings)
        if (f.rule, f.expected, f.found) == key
    ]
    return key, where


@sync
async def test_bulk_dismissal_of_a_repeated_finding_is_undone_in_one_step(tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_loaded(app, pilot)
            (rule, expected, found), where = _most_repeated(app)
            segment, position, _ = where[0]
            await _select(pilot, app, segment, position)
            open_before = app.progress.open

            # Escape on the count dialog applies nothing
            await pilot.press("D")
            assert isinstance(app.screen, PromptScreen)
            await pilot.press("escape")
            assert session.actions() == []

            await pilot.press("D")
            body = str(app.screen.query_one(".dialog-body").render())
            assert (
                f"Dismiss {len(where)} open {rule} findings in {len({s for s, _, _ in where})} segments"
                in body
            )
            assert expected in body and found in body
            await pilot.press(*"brand usage", "enter")
            await pilot.pause()
            assert all(app.views[s].decisions[i].status == "dismissed" for s, i, _ in where)
            assert {app.views[s].decisions[i].reason for s, i, _ in where} == {"brand usage"}
            assert app.progress.open == open_before - len(where)
            # the header's counts are those of the whole session, recounted
            assert app.progress == progress_from_summary(session.summary())
            assert app.header.saved_at
            only_this = [s for s, _, _ in where if len(app.views[s].findings) == 1]
            assert only_this and all(status_mark(app.views[s]) == "✗" for s in only_this)
            stored = {fid: d.status for v in session.load() for fid, d in zip(v.fids, v.decisions)}
            assert all(stored[fid] == "dismissed" for _, _, fid in where)

            # one u takes the whole batch back
            await pilot.press("u")
            await pilot.pause()
            assert all(app.views[s].decisions[i].status == "open" for s, i, _ in where)
            assert app.progress.open == open_before
            assert app.progress == progress_from_summary(session.summary())
            stored = {fid: d.status for v in session.load() for fid, d in zip(v.fids, v.decisions)}
            assert all(stored[fid] == "open" for _, _, fid in where)
            assert session.actions(live_only=True) == []

            # C confirms after a yes; findings already decided are left as they are
            await pilot.press("c")  # the selected one, by itself
            await pilot.press("C")
            assert isinstance(app.screen, AskScreen)
            await pilot.press("y")
            await pilot.pause()
            assert all(app.views[s].decisions[i].status == "confirmed" for s, i, _ in where)
            batch = [a for a in session.actions(live_only=True) if a.batch is not None]
            assert len(batch) == len(where) - 1
            await pilot.press("q")


@sync
async def test_escape_on_a_changed_edit_asks_first(tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_loaded(app, pilot)
            await pilot.press("n")
            await pilot.pause(0.15)
            view = app.current

            # unchanged: Escape just closes
            await pilot.press("e")
            assert isinstance(app.screen, EditScreen)
            await pilot.press("escape")
            assert not isinstance(app.screen, EditScreen)

            # changed: Escape asks; "no" keeps the edit open with the text
            await pilot.press("e")
            await pilot.press(*"改")
            await pilot.press("escape")
            assert isinstance(app.screen, AskScreen)
            await pilot.press("n")
            assert isinstance(app.screen, EditScreen)
            assert app.screen.query_one(TextArea).text == (view.target or "") + "改"
            # Enter on the question keeps editing (the safe button has the focus)
            await pilot.press("escape", "enter")
            assert isinstance(app.screen, EditScreen)
            # "yes" discards: nothing was written
            await pilot.press("escape", "y")
            assert not isinstance(app.screen, (EditScreen, AskScreen))
            assert app.views[view.index].post_edit is None
            assert session.actions() == []

            # Ctrl+A selects the whole translation: typing replaces it
            await pilot.press("e", "ctrl+a", *"全新的譯文", "ctrl+s")
            await _until(pilot, lambda: app.views[view.index].post_edit is not None)
            assert app.views[view.index].post_edit == "全新的譯文"
            await pilot.press("q")


@sync
async def test_search_with_n_and_N_apart_from_the_filter(tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_loaded(app, pilot)
            needle = "Scorpio"
            expected = [
                v.index
                for v in app.views
                if needle.casefold() in (v.segment.source or "").casefold()
                or needle.casefold() in (v.segment.target or "").casefold()
            ]
            assert len(expected) >= 3
            await pilot.press("slash", *needle, "enter")
            await _until(
                pilot,
                lambda: app.matches == expected and app.segment_list.current_index == expected[0],
            )
            assert len(app.segment_list.rows) == len(app.views)  # nothing is hidden
            await pilot.pause(0.15)
            assert f"1/{len(expected)}" in app.header.render().plain
            # the match is highlighted in the list row and in the detail pane
            assert app.segment_list.search == needle
            text = app.detail._side(app.current, "source", app.selected, needle)
            start = text.plain.casefold().index(needle.casefold())
            assert any(s.start <= start < s.end and s.style.reverse for s in text.spans)

            await pilot.press("n", "n")
            assert app.segment_list.current_index == expected[2]
            await pilot.press("N")
            assert app.segment_list.current_index == expected[1]
            await pilot.press("N", "N")  # wraps to the last match
            assert app.segment_list.current_index == expected[-1]

            # a filter narrows the list; the search then walks only the listed matches
            app._reindex(app.filters.__class__(category="term"), app.segment_list.current_index)
            await wait_loaded(app, pilot)
            listed = [seg for seg in expected if app.index.position_of(seg) is not None]
            assert 0 < len(listed) < len(expected) or listed == expected
            assert "filter term" in app.header.render().plain
            await pilot.press("home", "n")
            assert app.segment_list.current_index == listed[0]

            # esc clears the search, then the filter; n goes back to the next open finding
            await pilot.press("escape")
            assert app.search == "" and app.filters.category == "term"
            await pilot.press("escape")
            await wait_loaded(app, pilot)
            assert not app.filters.active and len(app.segment_list.rows) == len(app.views)
            await pilot.press("home", "n")
            assert app.current.open_count > 0
            await pilot.press("q")


@sync
async def test_explain_shows_rule_glossary_entry_and_number_readings(tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_loaded(app, pilot)
            term = next(
                (v.index, i)
                for v in app.views
                for i, f in enumerate(v.findings)
                if f.rule == "TERM002"
            )
            await _select(pilot, app, *term)
            finding = app.current.findings[term[1]]
            rule = all_rules()["TERM002"]
            # the line under the finding names the rule and what it checks
            assert f"rule: {rule.name}: " in app.detail.query_one("#findings").text
            await pilot.press("i")
            assert isinstance(app.screen, ExplainScreen)
            shown = explanation_text(app.screen._explanation).plain
            for part in (
                rule.what,
                rule.why,
                rule.example,
                finding.message,
                "glossary/data/semiconductor.tsv:",
                finding.found,
            ):
                assert part in shown, part
            approved = [x.strip() for x in finding.expected.split("/")]
            assert all(a in shown for a in approved)
            await pilot.press("escape")

            number = next(
                (v.index, i)
                for v in app.views
                for i, f in enumerate(v.findings)
                if f.rule == "NUM004"
            )
            await _select(pilot, app, *number)
            await pilot.press("i")
            shown = explanation_text(app.screen._explanation).plain
            assert "How the numbers were read" in shown
            assert "→  2025" in shown and "→  25  year" in shown  # '25 as a year; 25 年 as years
            await pilot.press("escape", "q")


@sync
async def test_marks_tell_open_confirmed_dismissed_and_edited_apart(tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_loaded(app, pilot)
            singles = [v.index for v in app.views if len(v.findings) == 1][:2]
            await _select(pilot, app, singles[0], 0)
            assert status_mark(app.current) == "●"
            await pilot.press("c")
            assert status_mark(app.views[singles[0]]) == "✓"
            assert "✓ confirmed" in app.detail.query_one("#findings").text
            await _select(pilot, app, singles[1], 0)
            await pilot.press("d", "enter")
            assert status_mark(app.views[singles[1]]) == "✗"
            assert "✗ dismissed" in app.detail.query_one("#findings").text
            # the list row carries the same marks, and ✎ for an edit
            await pilot.press("e", "ctrl+a", *"新譯文", "ctrl+s")
            await _until(pilot, lambda: app.views[singles[1]].post_edit is not None)
            row = app.segment_list.render_line(
                app.segment_list.cursor - int(app.segment_list.scroll_offset.y)
            ).text
            assert row.startswith("›") and "✎" in row[:4]
            await pilot.press("q")


def test_header_shortens_and_drops_parts_but_never_cuts_a_word():
    progress = Progress(199, 63, 2, 115, 110, 3, 100, 4000)
    parts = header_parts(
        "astera_q1_2025_bilingual.txt",
        "",
        progress,
        94.8,
        "term ≥major",
        "'gearbox' 3/12",
        "01:49:48",
    )
    forms = {text for variants in parts.values() for text, _ in variants if text}
    for width in range(8, 220):
        line = fit_header(parts, width).plain
        assert cell_len(line) <= width
        assert all(piece in forms for piece in line.split(" · ") if piece), (width, line)
    assert "✓ saved 01:49:48" in fit_header(parts, 120).plain
    assert "filter term ≥major" in fit_header(parts, 120).plain
    assert "reviewed" in fit_header(parts, 80).plain


def test_footer_keeps_the_most_useful_keys_whole():
    labels = {k.action: k.label for k in KEYS}
    for width in range(10, 200):
        kept = footer_keys(KEYS, width)
        shown = "  ".join(f"{k.first_key} {label}" for k, label in kept)
        assert cell_len(shown) + 1 <= width
        assert all(labels[k.action] == label for k, label in kept)
    at_80 = [k.action for k, _ in footer_keys(KEYS, 80)]
    assert at_80[:3] == ["next(1)", "confirm", "dismiss_finding"] and "help" in at_80


def _squeeze(text: str) -> str:
    return "".join(text.split())


@sync
async def test_every_flagged_segment_fits_80x24_without_scrolling(tmp_path):
    """At 80×24 the selected finding, its message, its rule line and both texts around its
    spans are on screen for every flagged segment of the sample, with no scrolling."""
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_loaded(app, pilot)
            flagged = [v.index for v in app.views if v.findings]
            assert len(flagged) > 30
            for segment in flagged:
                app.segment_list.move_to(app.segment_list.rows.index(segment))
                detail = app.detail
                for _ in range(
                    100
                ):  # the pane redraws once the cursor rests (slower on a busy machine)
                    await pilot.pause(0.04)
                    view = app.current
                    finding = view.findings[app.selected]
                    shown = detail.query_one("#findings").text
                    if app._detail_timer is None and _squeeze(finding.message) in _squeeze(shown):
                        break
                await pilot.pause(0.12)  # and its text windows are laid out
                assert detail.max_scroll_y == 0, view.segment.id  # nothing below the fold
                assert finding.rule in shown and _squeeze(finding.message) in _squeeze(shown)
                assert "rule: " in shown
                for side, text, span in (
                    ("#source", view.segment.source, finding.source_span),
                    ("#target", view.target, finding.target_span),
                ):
                    if text and span:
                        content = detail.query_one(side).content
                        window = (
                            content.text.plain if isinstance(content, CjkText) else content.plain
                        )
                        assert _squeeze(text[span[0] : span[1]]) in _squeeze(window), (
                            view.segment.id,
                            side,
                        )
            await pilot.press("q")


@sync
async def test_dialogs_fit_80x24(tmp_path):
    with new_session(tmp_path) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_loaded(app, pilot)
            await pilot.press("n")
            await pilot.pause(0.15)
            for key in ("question_mark", "i", "e", "f", "x", "g", "D", "C", "d", "slash"):
                await pilot.press(key)
                await pilot.pause(0.1)
                dialog = app.screen.query(".dialog").first()
                assert dialog.region.right <= 80 and dialog.region.bottom <= 24, key
                # the whole dialog is shown, or it scrolls (help, explain): nothing is clipped
                scrolls = dialog.styles.overflow_y in ("auto", "scroll")
                assert scrolls or dialog.virtual_size.height <= dialog.container_size.height, key
                await pilot.press("escape")
                await pilot.pause(0.05)
            await pilot.press("q")
