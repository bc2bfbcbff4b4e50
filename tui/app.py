"""``ReviewApp``: walk the flagged segments, confirm / dismiss findings, post-edit, export.

The app only draws and dispatches: the session store (``auditor.session``) keeps every
decision, the pipeline (``auditor.pipeline.recheck_segment``) re-checks edits, the report
writers export. An action is committed to the session before the header shows "✓ saved".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar

from auditor.checks.base import CheckContext
from auditor.model import InputError
from auditor.session import Action, SegmentView, Session
from tui import keys
from tui.components import DetailPane, ReviewHeader, SegmentList
from tui.glossary_entry import GlossaryEntry, append_entry
from tui.messages import CursorMoved, FindingClicked, Loaded, LoadProgress, RowsFiltered
from tui.screens import EditScreen, ExportScreen, FilterScreen, GlossaryScreen, HelpScreen, PromptScreen
from tui.state import Filters, Progress, RowIndex, progress_of, visible_rows


class ReviewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "auditor review"
    BINDINGS = keys.bindings()
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self, session: Session, *, theme: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.views: list[SegmentView] = []
        self.filters = Filters()
        self.index = RowIndex([], [])
        self.selected = 0
        self.progress: Progress | None = None
        self._ctx: CheckContext | None = None
        self._restore_finding: int | None = None
        self._save_timer = None
        if theme:
            self.theme = theme

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield ReviewHeader(self._title(), id="header")
        with Vertical(id="main"):
            yield ProgressBar(id="loadbar", show_eta=False)
            yield SegmentList(id="list")
            yield DetailPane(id="detail")
        yield Footer(show_command_palette=False)

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
    def current(self) -> SegmentView | None:
        index = self.segment_list.current_index
        return None if index is None else self.views[index]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key in keys.KEYS:
            if key.palette:
                yield SystemCommand(
                    f"{key.label} ({key.shown_keys})", key.description,
                    lambda action=key.action: self.run_action(action),
                )

    # ------------------------------------------------------------------ loading

    def on_mount(self) -> None:
        self.header.busy = "loading…"
        self.segment_list.focus()
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        views = self.session.load(progress=lambda d, t: self.post_message(LoadProgress(d, t)))
        self.post_message(Loaded(views))

    def on_load_progress(self, message: LoadProgress) -> None:
        self.query_one("#loadbar", ProgressBar).update(total=message.total or 1, progress=message.done)

    def on_loaded(self, message: Loaded) -> None:
        self.views = message.views
        self.progress = progress_of(self.views)
        self.query_one("#loadbar").display = False
        self.header.busy = ""
        self.header.progress = self.progress
        self.header.mqm = self._mqm()
        state = self.session.get_state()
        self._restore_finding = int(state.get("finding", 0) or 0)  # type: ignore[arg-type]
        self._refilter(Filters.from_json(state.get("filters")), int(state.get("segment", 0) or 0))  # type: ignore[arg-type]

    def _refilter(self, filters: Filters, anchor: int) -> None:
        self.header.busy = "filtering…" if len(self.views) > 20000 and filters.active else ""
        self._filter_worker(self.views, filters, anchor)

    @work(thread=True, exclusive=True, group="filter")
    def _filter_worker(self, views: list[SegmentView], filters: Filters, anchor: int) -> None:
        self.post_message(RowsFiltered(filters, visible_rows(views, filters), anchor))

    def on_rows_filtered(self, message: RowsFiltered) -> None:
        self.filters = message.filters
        self.index = RowIndex(self.views, message.rows)
        self.header.busy = ""
        self.header.filter_text = message.filters.describe()
        self.segment_list.set_rows(self.views, message.rows, self.index.nearest_position(message.anchor))
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
        self._show()
        self._schedule_state_save()

    def _show(self) -> None:
        self.detail.show(self.current, self.selected, self.filters.search)

    @on(FindingClicked)
    def _finding_clicked(self, message: FindingClicked) -> None:
        self.selected = message.position
        self._show()

    def action_cursor(self, delta: int) -> None:
        self.segment_list.move_by(delta)

    def action_page(self, direction: int) -> None:
        self.segment_list.move_by(direction * self.segment_list.page)

    def action_edge(self, end: int) -> None:
        self.segment_list.move_to(len(self.index) - 1 if end else 0)

    def action_next_flagged(self) -> None:
        position = self.index.next_open(self.segment_list.cursor)
        if position is None:
            self.notify("No open findings further down.", timeout=2)
        else:
            self.segment_list.move_to(position)

    def action_previous_flagged(self) -> None:
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

        def done(reason: str | None) -> None:
            if reason is not None:
                self._decide(view, position, "dismissed", reason)

        self.push_screen(PromptScreen(f"Dismiss {rule} as a false positive: reason (optional)",
                                      "e.g. the figure is restated in the next sentence", id="reason"), done)

    def _decide(self, view: SegmentView, position: int, status: str, reason: str | None) -> None:
        try:
            new = self.session.decide(view.index, view.fids[position], status, reason)  # type: ignore[arg-type]
        except Exception as exc:  # the disk said no: nothing is shown as saved
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return
        self._replace(new)
        self.selected = _next_open_after(new, position)
        self._show()

    def _replace(self, new: SegmentView) -> None:
        """A committed change: update the row, the counts and the header's saved mark."""
        old = self.views[new.index]
        self.views[new.index] = new
        self.index.update(new)
        if self.progress is not None:
            self.progress = self.progress.replaced(old, new)
            self.header.progress = self.progress
        self.header.mqm = self._mqm()
        self.header.saved_at = datetime.now().strftime("%H:%M:%S")
        self.segment_list.segment_changed()

    def action_undo(self) -> None:
        try:
            action = self.session.undo()
        except Exception as exc:
            self.notify(f"Not undone: {exc}", severity="error", timeout=10)
            return
        if action is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        before = self.views[action.seg]
        new = self.session.view(action.seg)
        self._replace(new)
        self.notify(f"Undone: {_describe(action, before)}", timeout=3)
        position = self.index.position_of(action.seg)
        if position is not None and position != self.segment_list.cursor:
            self.segment_list.move_to(position)
        if action.fid is not None and action.fid in new.fids:
            self.selected = new.fids.index(action.fid)
        self._show()

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
            self._ctx = make_context([v.segment for v in self.views], options, load_termbase(options))
        return self._ctx

    def _save_edit(self, view: SegmentView, text: str) -> None:
        from auditor.pipeline import recheck_segment

        try:
            result = recheck_segment(view.segment.with_target(text), self._check_context(),
                                     self.session.options.selection)
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
        self.notify(f"Re-checked: {len(view.findings)} → {len(new.findings)} finding(s).", timeout=3)

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
            entry = GlossaryEntry(en=en, zh=zh if f.category == "term" and f.expected is None else "",
                                  forbidden=zh if f.category == "term" else "")
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
            self.notify(f"Added {new_entry.en!r} to {path}; re-checks use it.", timeout=4)

        self.push_screen(GlossaryScreen(self._project_glossary(), entry), done)

    # ------------------------------------------------------------------ filter, search, export

    def action_filter(self) -> None:
        from auditor.checks.registry import all_rules

        codes = sorted(set(all_rules()) | {f.rule for v in self.views for f in v.findings})

        def done(filters: Filters | None) -> None:
            if filters is not None:
                self._refilter(filters, self.segment_list.current_index or 0)

        self.push_screen(FilterScreen(self.filters, codes), done)

    def action_search(self) -> None:
        def done(text: str | None) -> None:
            if text is not None:
                self._refilter(replace(self.filters, search=text.strip()), self.segment_list.current_index or 0)

        self.push_screen(PromptScreen("Search English and Chinese (empty: show all)",
                                      "text", self.filters.search, id="search"), done)

    def action_export(self) -> None:
        from auditor.commands.export import CORRECTED, export_formats, write_export
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
        try:
            from auditor import scoring
        except ImportError:
            return None
        score = getattr(scoring, "mqm_score", None)
        if score is None or not self.views:
            return None
        try:
            return float(score(self.session.report_from_views(self.views)))  # type: ignore[attr-defined]
        except Exception:
            return None

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
        )


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


def _cut(text: str | None, span: tuple[int, int] | None) -> str:
    if not text or not span:
        return ""
    return text[span[0]:span[1]]


def _describe(action: Action, view: SegmentView) -> str:
    if action.kind == "edit":
        return f"post-edit of {view.segment.id}"
    rule = view.findings[view.fids.index(action.fid)].rule if action.fid in view.fids else "finding"
    return f"{action.status} {rule} in {view.segment.id}"
