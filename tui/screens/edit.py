"""Post-edit the translation in a text area; Ctrl+S saves (the app re-checks), Escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from tui.wrap import CjkText


class EditScreen(ModalScreen[str | None]):
    """Returns the edited text (newlines folded to spaces: a segment is one line) or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save and re-check", priority=True),
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
            yield Label("Ctrl+S: save and re-check · Escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = " ".join(self.query_one(TextArea).text.splitlines()).strip()
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
