"""``ReviewApp``: walk the flagged segments, confirm / dismiss findings, post-edit, export.

The app only draws and dispatches: the session store (``auditor.session``) keeps every
decision, the pipeline (``auditor.pipeline.recheck_segment``) re-checks edits, the report
writers export. An action is committed to the session before the header shows "✓ saved".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ProgressBar

from auditor.checks.base import CheckContext
from auditor.model import InputError, SegmentResult
from auditor.session import Action, SegmentView, Session
from auditor.suppressions import accept_for_project
from tui import keys
from tui.components import DetailPane, ReviewFooter, ReviewHeader, SegmentList
from tui.explain import explain
from tui.glossary_entry import GlossaryEntry, append_entry
from tui.messages import CursorMoved, FindingClicked, Indexed, IndexFailed, Searched
from tui.screens import (
    AskScreen,
    EditScreen,
    ExplainScreen,
    ExportScreen,
    FilterScreen,
    GlossaryScreen,
    HelpScreen,
    PromptScreen,
)
from tui.screens.dismiss import Dismissal, DismissScreen
from tui.state import Filters, Progress, RowIndex, ViewStore, progress_from_summary

if TYPE_CHECKING:
    from auditor.project import ProjectPolicy
    from glossary.model import Termbase

#: Seconds the detail pane waits after the cursor stops before it redraws.
DETAIL_DELAY = 0.08


def _state_int(value: object) -> int:
    """A position kept in the session's state (JSON: a number), or 0 when absent."""
    if not value:
        return 0
    if isinstance(value, (int, float, str)):
        return int(value)
    raise TypeError(f"not a position: {value!r}")


class ReviewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "auditor review"
    BINDINGS = keys.bindings()
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    def __init__(self, session: Session, *, theme: str | None = None) -> None:
        super().__init__()
        self.session = session
        #: Empty until the app is mounted and knows the session's segment count.
        self.views = ViewStore(session, 0)
        self.filters = Filters()
        #: The search (``/``): its text and the segments containing it, ascending. Apart
        #: from the filter: it moves the cursor (``n`` / ``N``) and highlights, it hides nothing.
        self.search = ""
        self.matches: list[int] = []
        self._termbase: Termbase | None = None
        self.index = RowIndex([], [])
        self.selected = 0
        self.progress: Progress | None = None
        self._ctx: CheckContext | None = None
        #: The project's policy for re-checks (False: no input file to find it by).
        self._policy: ProjectPolicy | Literal[False] | None = None
        self._restore_finding: int | None = None
        self._save_timer: Timer | None = None
        self._detail_timer: Timer | None = None
        self._changes = 0
        #: The detail pane shows the whole texts (``J``) until the cursor moves.
        self._full_texts = False
        if theme:
            self.theme = theme

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield ReviewHeader(self._title(), id="header")
        with Vertical(id="main"):
            yield ProgressBar(id="loadbar", show_eta=False)
            yield SegmentList(id="list")
            yield DetailPane(id="detail")
        yield ReviewFooter(keys.KEYS, id="footer")

    def _title(self) -> str:
        if self.session.inputs:
            return Path(self.session.inputs[0].path).name
        return self.session.path.name

    @property
    def header(self) -> ReviewHeader:
        return self.query_one(ReviewHeader)

    @property
    def segment_list(self) -> SegmentList:
        return self.query_one(SegmentList)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    @property
    def footer(self) -> ReviewFooter:
        return self.query_one(ReviewFooter)

    @property
    def current(self) -> SegmentView | None:
        index = self.segment_list.current_index
        return None if index is None else self.views[index]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key in keys.KEYS:
            if key.palette:
                yield SystemCommand(
                    f"{key.label} ({key.shown_keys})",
                    key.description,
                    lambda action=key.action: self.run_action(action),
                )

    # ------------------------------------------------------------------ loading

    def on_mount(self) -> None:
        self.segment_list.focus()
        count = self.session.segment_count()
        self.views = ViewStore(self.session, count)
        state = self.session.get_state()
        self._restore_finding = _state_int(state.get("finding"))
        anchor = _state_int(state.get("segment"))
        filters = Filters.from_json(state.get("filters"))
        search = str(state.get("search") or "")
        if filters.search and not search:  # sessions saved when "/" filtered by text
            search = filters.search
            filters = replace(filters, search="")
        if search:
            self._search_worker(search, jump=False)
        if not filters.active:
            # Paint at once: every row is shown, rows are read as they scroll into view.
            self.index = RowIndex(range(count), [])
            self.segment_list.set_rows(self.views, self.index.rows, anchor)
        self._reindex(filters, anchor)

    def _reindex(self, filters: Filters, anchor: int) -> None:
        """Filter and find the open segments in a worker; the list stays usable meanwhile."""
        self.header.busy = "filtering…" if filters.active else "indexing…"
        bar = self.query_one("#loadbar", ProgressBar)
        bar.update(total=None)
        bar.display = True
        self._index_worker(filters, anchor, len(self.views), self._changes)

    @work(thread=True, exclusive=True, group="index")
    def _index_worker(self, filters: Filters, anchor: int, count: int, changes: int) -> None:
        session = self.session  # only its read-only, per-call connections are used here
        try:
            if filters.active:
                rows: Sequence[int] = session.find_segments(
                    filters.category,
                    filters.rule,
                    filters.severity,
                    filters.status,
                    filters.search,
                    filters.min_confidence,
                )
            else:
                rows = range(count)
            index = RowIndex(rows, session.open_segments())
            progress = progress_from_summary(session.summary())
        except Exception as exc:  # shown to the user; the list keeps what it had
            self.post_message(IndexFailed(str(exc)))
            return
        self.post_message(Indexed(filters, index, progress, anchor, changes))

    def on_index_failed(self, message: IndexFailed) -> None:
        self.header.busy = ""
        self.query_one("#loadbar").display = False
        self.notify(f"Could not read the session: {message.error}", severity="error", timeout=10)

    def on_indexed(self, message: Indexed) -> None:
        self.query_one("#loadbar").display = False
        self.header.busy = ""
        self.progress = message.progress
        self.header.progress = self.progress
        self.header.mqm = self._mqm()
        rows_changed = list_rows_differ(self.index.rows, message.index.rows)
        had_rows = bool(self.segment_list.rows)
        self.filters = message.filters
        self.index = message.index
        self.header.filter_text = message.filters.describe()
        if had_rows and not rows_changed:
            self.segment_list.rows = self.index.rows  # only the open-row index was new
        else:
            current = self.segment_list.current_index if had_rows else None
            anchor = message.anchor if current is None else current
            self.segment_list.set_rows(
                self.views, self.index.rows, self.index.nearest_position(anchor)
            )
        if message.changes != self._changes:  # a decision landed while it ran: count again
            self._reindex(self.filters, self.segment_list.current_index or 0)
        self._schedule_state_save()

    # ------------------------------------------------------------------ cursor and detail

    @on(CursorMoved)
    def _cursor_moved(self, message: CursorMoved) -> None:
        view = self.current
        if self._restore_finding is not None and view is not None:
            self.selected = min(self._restore_finding, max(len(view.findings) - 1, 0))
            self._restore_finding = None
        else:
            self.selected = _first_open(view)
        self._full_texts = False
        # The list has already repainted; the detail pane (a relayout of half the screen)
        # follows once the keys stop (key repeat is ~30 ms), so holding j or n stays smooth.
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._show)
        self._schedule_state_save()

    def _show(self) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        if not self.query(DetailPane):  # a timer that fires while the app closes
            return
        self.detail.show(
            self.current, self.selected, self.search or self.filters.search, full=self._full_texts
        )
        if not self._full_texts:
            self.detail.scroll_home(animate=False)
        self._update_search_position()

    @on(FindingClicked)
    def _finding_clicked(self, message: FindingClicked) -> None:
        self.selected = message.position
        self._show()

    def action_cursor(self, delta: int) -> None:
        self.segment_list.move_by(delta)

    def action_page(self, direction: int) -> None:
        self.segment_list.move_by(direction * self.segment_list.page)

    def action_detail_scroll(self, lines: int) -> None:
        if self.detail.clipped and not self._full_texts:  # first J: the whole texts
            self._full_texts = True
            self._show()
            return
        self.detail.scroll_relative(y=lines * 3, animate=False)

    def action_edge(self, end: int) -> None:
        self.segment_list.move_to(len(self.index) - 1 if end else 0)

    def _indexing(self) -> bool:
        if self.header.busy:
            self.notify("Still indexing the open findings…", timeout=2)
            return True
        return False

    def action_next(self, step: int) -> None:
        """``n`` / ``N``: the next or previous search match while searching, else the next
        or previous segment with open findings."""
        if self.search:
            self._next_match(step)
        elif step > 0:
            self.action_next_flagged()
        else:
            self.action_previous_flagged()

    def action_next_flagged(self) -> None:
        if self._indexing():
            return
        position = self.index.next_open(self.segment_list.cursor)
        if position is None:
            self.notify("No open findings further down.", timeout=2)
        else:
            self.segment_list.move_to(position)

    def action_previous_flagged(self) -> None:
        if self._indexing():
            return
        position = self.index.previous_open(self.segment_list.cursor)
        if position is None:
            self.notify("No open findings further up.", timeout=2)
        else:
            self.segment_list.move_to(position)

    def action_cycle_finding(self, step: int) -> None:
        view = self.current
        if view is None or not view.findings:
            return
        self.selected = (self.selected + step) % len(view.findings)
        self._show()
        self._schedule_state_save()

    # ------------------------------------------------------------------ decisions

    def _selected_finding(self) -> tuple[SegmentView, int] | None:
        view = self.current
        if view is None or not view.findings:
            self.notify("No finding in this segment.", severity="warning", timeout=2)
            return None
        return view, min(self.selected, len(view.findings) - 1)

    def action_confirm(self) -> None:
        picked = self._selected_finding()
        if picked:
            self._decide(*picked, "confirmed", None)

    def action_dismiss_finding(self) -> None:
        picked = self._selected_finding()
        if not picked:
            return
        view, position = picked
        rule = view.findings[position].rule

        def done(answer: Dismissal | None) -> None:
            if answer is None:
                return
            if answer.for_project and not self._accept_for_project(view, position, answer.reason):
                return
            self._decide(view, position, "dismissed", answer.reason or None)

        self.push_screen(DismissScreen(rule, id="reason"), done)

    def _accept_for_project(self, view: SegmentView, position: int, reason: str) -> bool:
        """Record the finding in the project's suppression file; False (and nothing
        decided) when there is no input file to find the project by, or it can't be written."""
        if not self.session.inputs:
            self.notify("No input file: nothing to accept it for.", severity="error", timeout=6)
            return False
        segment = (
            view.segment if view.post_edit is None else view.segment.with_target(view.post_edit)
        )
        try:
            file = accept_for_project(
                self.session.inputs[0].path, segment, view.findings[position], reason or None
            )
        except InputError as exc:
            self.notify(f"Not accepted: {exc}", severity="error", timeout=10)
            return False
        self.notify(f"Accepted for the project in {file}", timeout=4)
        return True

    def _decide(self, view: SegmentView, position: int, status: str, reason: str | None) -> None:
        try:
            new = self.session.decide(view.index, view.fids[position], status, reason)  # type: ignore[arg-type]
        except Exception as exc:  # the disk said no: nothing is shown as saved
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return
        self._replace(new)
        self.selected = _next_open_after(new, position)
        self._show()

    def _before(self, segments: Iterable[int]) -> dict[int, SegmentView]:
        """The views of ``segments`` as they are now, read before a write changes them (a
        view not in the cache would otherwise be read after the write, and the counts
        would not move)."""
        return {seg: self.views[seg] for seg in segments}

    def _replace(self, new: SegmentView, old: SegmentView | None = None) -> None:
        """A committed change: update the row, the counts and the header's saved mark."""
        if old is None:
            old = self.views[new.index]
        self.views.replace(new)
        self._changes += 1
        self.index.update(new)
        if self.progress is not None:
            self.progress = self.progress.replaced(old, new)
            self.header.progress = self.progress
        self.header.mqm = self._mqm()
        self.header.saved_at = datetime.now().strftime("%H:%M:%S")
        self.segment_list.segment_changed()

    def action_bulk(self, status: str) -> None:
        """``C`` / ``D``: confirm or dismiss every open finding like the selected one (same
        rule, same expected / found) in the document, after showing how many."""
        picked = self._selected_finding()
        if not picked:
            return
        view, position = picked
        finding = view.findings[position]
        try:
            similar = self.session.similar_findings(finding.rule, finding.expected, finding.found)
        except Exception as exc:
            self.notify(f"Could not read the session: {exc}", severity="error", timeout=10)
            return
        targets = [(s.seg, s.fid) for s in similar if s.status == "open"]
        if not targets:
            self.notify(f"No open {finding.rule} finding like this one is left.", timeout=3)
            return
        decided = len(similar) - len(targets)
        segments = len({seg for seg, _ in targets})
        verb = "Confirm" if status == "confirmed" else "Dismiss"
        body = (
            f"{verb} {len(targets)} open {finding.rule} finding{_s(len(targets))} in "
            f"{segments} segment{_s(segments)}: every one with\n"
            f"  expected {finding.expected or '—'}\n  found    {finding.found or '—'}"
        )
        if decided:
            body += f"\n{decided} already decided stay{'s' if decided == 1 else ''} as they are."
        body += "\nOne undo (u) takes the whole batch back."

        def apply(reason: str | None) -> None:
            before = self._before(seg for seg, _ in targets)
            try:
                changed = self.session.decide_many(targets, status, reason)  # type: ignore[arg-type]
            except Exception as exc:  # the disk said no: the transaction kept none of it
                self.notify(
                    f"Not saved (none of the {len(targets)}): {exc}", severity="error", timeout=10
                )
                return
            for new in changed:
                self._replace(new, before[new.index])
            current = self.current
            if current is not None:
                self.selected = _next_open_after(
                    current, min(self.selected, max(len(current.findings) - 1, 0))
                )
            self._show()
            self.notify(
                f"{'Confirmed' if status == 'confirmed' else 'Dismissed'} {len(targets)} "
                f"finding{_s(len(targets))}; u undoes all of them.",
                timeout=4,
            )

        if status == "dismissed":
            self.push_screen(
                PromptScreen(
                    f"Dismiss all {len(targets)} like this as false positives",
                    "reason (optional)",
                    body=body,
                    hint=f"Enter: dismiss all {len(targets)} · Escape: cancel",
                    id="bulk",
                ),
                lambda reason: apply(reason) if reason is not None else None,
            )
        else:
            self.push_screen(
                AskScreen(
                    f"Confirm all {len(targets)} like this",
                    body,
                    f"Confirm all {len(targets)}",
                    "Cancel",
                    id="bulk",
                ),
                lambda yes: apply(None) if yes else None,
            )

    def action_undo(self) -> None:
        try:
            olds = self._before(sorted({a.seg for a in self.session.next_undo()}))
            actions = self.session.undo_batch()
        except Exception as exc:
            self.notify(f"Not undone: {exc}", severity="error", timeout=10)
            return
        if not actions:
            self.notify("Nothing to undo.", timeout=2)
            return
        last = actions[-1]
        news = {seg: self.session.view(seg) for seg in sorted({a.seg for a in actions})}
        for new in news.values():
            self._replace(new, olds.get(new.index))
        before = olds.get(last.seg, self.views[last.seg])
        if len(actions) > 1:
            self.notify(
                f"Undone: {last.status} of {len(actions)} findings in {len(news)} "
                f"segment{_s(len(news))}",
                timeout=3,
            )
        else:
            self.notify(f"Undone: {_describe(last, before)}", timeout=3)
        current = self.segment_list.current_index
        if current not in news:  # stay put when the batch touched this segment
            position = self.index.position_of(last.seg)
            if position is not None and position != self.segment_list.cursor:
                self.segment_list.move_to(position)
        new = news.get(self.segment_list.current_index, news[last.seg])  # type: ignore[arg-type]
        fid = next(
            (a.fid for a in reversed(actions) if a.seg == new.index and a.fid is not None), None
        )
        if fid is not None and fid in new.fids:
            self.selected = new.fids.index(fid)
        self._show()

    def action_explain(self) -> None:
        """``i``: why the selected finding was raised, in a dialog over the segment."""
        picked = self._selected_finding()
        if not picked:
            return
        view, position = picked
        finding = view.findings[position]
        termbase = None
        if finding.category in ("term", "entity"):
            try:
                termbase = self._glossary()
            except InputError as exc:
                self.notify(f"Glossary not read: {exc.describe()}", severity="warning", timeout=6)
        locale = self.session.options.target_locale
        self.push_screen(
            ExplainScreen(explain(finding, view.segment.source, view.target, termbase, locale))
        )

    def _glossary(self) -> Termbase:
        """The termbase the audit used (shipped plus project glossaries), read once."""
        if self._termbase is None:
            from auditor.pipeline import load_termbase

            self._termbase = load_termbase(self.session.options)
        return self._termbase

    # ------------------------------------------------------------------ edit and glossary

    def action_edit(self) -> None:
        view = self.current
        if view is None:
            return

        def done(text: str | None) -> None:
            if text is not None and text != (view.target or ""):
                self._save_edit(view, text)

        self.push_screen(EditScreen(view.segment.source, view.target or ""), done)

    def _check_context(self) -> CheckContext:
        if self._ctx is None:
            from auditor.pipeline import load_termbase, make_context

            options = self.session.options
            self._ctx = make_context(self.session.segments(), options, load_termbase(options))
        return self._ctx

    def _as_project_sees(self, result: SegmentResult) -> SegmentResult:
        """A re-checked segment under the project's checklist, severities and accepted
        findings, as ``auditor check`` would report it (the policy is read once)."""
        if self._policy is None:
            from auditor.project import policy_for_input

            self._policy = (
                policy_for_input(self.session.inputs[0].path, self.session.options.selection)
                if self.session.inputs
                else False
            )
        if not self._policy or not self._policy.active:
            return result
        return self._policy.apply([result])[0][0]

    def _save_edit(self, view: SegmentView, text: str) -> None:
        from auditor.pipeline import recheck_segment

        try:
            result = self._as_project_sees(
                recheck_segment(
                    view.segment.with_target(text),
                    self._check_context(),
                    self.session.options.selection,
                )
            )
            new = self.session.post_edit(view.index, text, result)
        except InputError as exc:
            self.notify(f"Not saved: {exc.describe()}", severity="error", timeout=10)
            return
        except Exception as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return
        self._replace(new)
        self.selected = _first_open(new)
        self._show()
        self.notify(
            f"Re-checked: {len(view.findings)} → {len(new.findings)} finding(s).", timeout=3
        )

    def _project_glossary(self) -> str:
        if self.session.options.glossaries:
            return self.session.options.glossaries[0]
        base = Path(self.session.inputs[0].path) if self.session.inputs else self.session.path
        return str(base.with_name(base.name.split(".")[0] + ".glossary.tsv"))

    def action_glossary(self) -> None:
        view = self.current
        if view is None:
            return
        entry = GlossaryEntry(en="")
        if view.findings:
            f = view.findings[min(self.selected, len(view.findings) - 1)]
            en = _cut(view.segment.source, f.source_span) or (f.expected or "")
            zh = _cut(view.target, f.target_span) or ""
            entry = GlossaryEntry(
                en=en,
                zh=zh if f.category == "term" and f.expected is None else "",
                forbidden=zh if f.category == "term" else "",
            )
        locale = self.session.options.target_locale

        def done(answer: tuple[str, GlossaryEntry] | None) -> None:
            if answer is None:
                return
            path, new_entry = answer
            try:
                append_entry(path, new_entry, locale)
                self.session.add_glossary(path)
            except (InputError, OSError) as exc:
                message = exc.describe() if isinstance(exc, InputError) else str(exc)
                self.notify(f"Not added: {message}", severity="error", timeout=10)
                return
            self._ctx = None  # the next re-check loads the new entry
            self._termbase = None
            self.notify(f"Added {new_entry.en!r} to {path}; re-checks use it.", timeout=4)

        self.push_screen(GlossaryScreen(self._project_glossary(), entry), done)

    # ------------------------------------------------------------------ filter, search, export

    def action_clear(self) -> None:
        """Escape: clear the search if there is one, else the filter."""
        if self.search:
            self._set_search("", [])
            self.notify("Search cleared.", timeout=2)
        elif self.filters.active:
            self._reindex(Filters(), self.segment_list.current_index or 0)
            self.notify("Filter cleared: every segment is listed.", timeout=2)

    def action_filter(self) -> None:
        from auditor.checks.registry import all_rules

        codes = sorted(set(all_rules()) | set(self.session.rule_codes()))

        def done(filters: Filters | None) -> None:
            if filters is not None:
                self._reindex(filters, self.segment_list.current_index or 0)

        self.push_screen(FilterScreen(self.filters, codes), done)

    def action_search(self) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            if text.strip():
                self._search_worker(text.strip(), jump=True)
            else:
                self._set_search("", [])

        self.push_screen(
            PromptScreen(
                "Search the English, the Chinese and the post-edits",
                "text",
                self.search,
                id="search",
                hint="Enter: search (n / N: next / previous match) · empty: clear · Escape: cancel",
            ),
            done,
        )

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self, text: str, jump: bool) -> None:
        try:
            matches = self.session.find_segments(search=text)
        except Exception as exc:
            self.post_message(IndexFailed(str(exc)))
            return
        self.post_message(Searched(text, matches, jump))

    def on_searched(self, message: Searched) -> None:
        self._set_search(message.text, message.matches)
        if not message.matches:
            self.notify(f"No segment contains {message.text!r}.", severity="warning", timeout=3)
        elif message.jump:
            current = self.segment_list.current_index
            if current is None or current not in message.matches:
                self._next_match(1)

    def _set_search(self, text: str, matches: list[int]) -> None:
        self.search = text
        self.matches = matches
        self.segment_list.set_search(text)
        self.footer.set_labels({"next(1)": "Next match", "next(-1)": "Prev match"} if text else {})
        self._update_search_position()
        self._show()
        self._schedule_state_save()

    def _visible_matches(self) -> list[int]:
        position_of = self.index.position_of
        return [seg for seg in self.matches if position_of(seg) is not None]

    def _next_match(self, step: int) -> None:
        """Move to the next (``step`` 1) or previous (-1) segment containing the search,
        among the listed ones, wrapping around at the ends as vim does."""
        matches = self._visible_matches()
        if not matches:
            self.notify(f"No listed segment contains {self.search!r}.", timeout=2)
            return
        current = self.segment_list.current_index or 0
        if step > 0:
            i = bisect_right(matches, current)
            target = matches[i] if i < len(matches) else matches[0]
            wrapped = i >= len(matches)
        else:
            i = bisect_left(matches, current)
            target = matches[i - 1] if i > 0 else matches[-1]
            wrapped = i == 0
        if wrapped and len(matches) > 1:
            self.notify(
                "Search wrapped around to the " + ("top." if step > 0 else "bottom."), timeout=2
            )
        position = self.index.position_of(target)
        if position is not None:
            self.segment_list.move_to(position)

    def _update_search_position(self) -> None:
        if not self.search:
            self.header.search_text = ""
            return
        matches = self._visible_matches()
        current = self.segment_list.current_index if self.segment_list.rows else None
        i = bisect_left(matches, current) if current is not None else len(matches)
        here = (
            f"{i + 1}/{len(matches)}"
            if i < len(matches) and matches[i] == current
            else f"–/{len(matches)}"
        )
        self.header.search_text = f"{self.search} {here}"

    def action_export(self) -> None:
        from auditor.export import CORRECTED, export_formats, write_export
        from auditor.formats.writers import PAIR_EXTENSIONS
        from auditor.report import get_writer

        base = self.session.path.name.removesuffix(".sqlite").removesuffix(".audit")
        folder = self.session.path.parent

        def default_path(fmt: str) -> str:
            if fmt.startswith(CORRECTED):
                bare = fmt.removeprefix(CORRECTED)
                return str(folder / f"{base}.corrected{PAIR_EXTENSIONS.get(bare, '.' + bare)}")
            suffix = Path(get_writer(fmt).FILENAME).suffix
            return str(folder / f"{base}.report{suffix}")

        def done(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            fmt, path = answer
            try:
                write_export(self.session.report(), fmt, path, self.session.options.target_locale)
            except (InputError, OSError) as exc:
                message = exc.describe() if isinstance(exc, InputError) else str(exc)
                self.notify(f"Export failed: {message}", severity="error", timeout=10)
                return
            self.notify(f"Exported {fmt} to {path}", timeout=4)

        self.push_screen(ExportScreen(export_formats(), default_path), done)

    # ------------------------------------------------------------------ misc

    def action_help(self) -> None:
        self.push_screen(HelpScreen(keys.KEYS))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    async def action_quit(self) -> None:
        self._save_state()
        self.exit()

    def _mqm(self) -> float | None:
        return None if self.progress is None else self.progress.mqm

    def _schedule_state_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.5, self._save_state)

    def _save_state(self) -> None:
        if self.session.closed or not self.views:
            return
        self.session.set_state(
            segment=self.segment_list.current_index or 0,
            finding=self.selected,
            filters=self.filters.to_json(),
            search=self.search,
        )


def list_rows_differ(a: Sequence[int], b: Sequence[int]) -> bool:
    if isinstance(a, range) and isinstance(b, range):
        return a != b
    return len(a) != len(b) or list(a) != list(b)


def _first_open(view: SegmentView | None) -> int:
    if view is None:
        return 0
    return next((i for i, d in enumerate(view.decisions) if d.status == "open"), 0)


def _next_open_after(view: SegmentView, position: int) -> int:
    n = len(view.decisions)
    for step in range(1, n + 1):
        i = (position + step) % n
        if view.decisions[i].status == "open":
            return i
    return position


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _cut(text: str | None, span: tuple[int, int] | None) -> str:
    if not text or not span:
        return ""
    return text[span[0] : span[1]]


def _describe(action: Action, view: SegmentView) -> str:
    if action.kind == "edit":
        return f"post-edit of {view.segment.id}"
    rule = view.findings[view.fids.index(action.fid)].rule if action.fid in view.fids else "finding"
    return f"{action.status} {rule} in {view.segment.id}"
