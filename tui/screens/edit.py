"""Post-edit the translation in a text area; Ctrl+S saves (the app re-checks), Escape cancels.

Escape never throws a changed translation away silently: it asks first. Ctrl+A selects the
whole text (the text area's own Ctrl+A goes to the line start, which a one-line segment
rarely needs), so a reviewer can replace a translation wholesale.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from tui.screens.ask import AskScreen
from tui.wrap import CjkText


class EditScreen(ModalScreen[str | None]):
    """Returns the edited text (newlines folded to spaces: a segment is one line) or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save and re-check", priority=True),
        Binding("ctrl+a", "select_all", "Select all", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, source: str | None, target: str) -> None:
        super().__init__()
        self._source = source
        self._target = target

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Edit the translation", classes="dialog-title")
            if self._source:
                with VerticalScroll(classes="dialog-source"):
                    yield Static(CjkText(Text(self._source)))
            yield TextArea(self._target, id="edit-area", soft_wrap=True, show_line_numbers=False)
            yield Label(
                "Ctrl+S: save and re-check · Ctrl+A: select all · Escape: cancel",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return " ".join(self.query_one(TextArea).text.splitlines()).strip()

    @property
    def changed(self) -> bool:
        return self.text != " ".join(self._target.splitlines()).strip()

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_select_all(self) -> None:
        self.query_one(TextArea).select_all()

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(
            AskScreen(
                "Discard your changes?",
                "The translation was changed and is not saved. Discard the changes, or keep "
                "editing (Ctrl+S saves them)?",
                "Discard",
                "Keep editing",
                id="discard",
                yes_first=False,
            ),
            answered,
        )
