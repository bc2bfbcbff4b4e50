"""Add a glossary entry from the current segment to the project glossary file."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label

from tui.glossary_entry import GlossaryEntry


class GlossaryScreen(ModalScreen[tuple[str, GlossaryEntry] | None]):
    """Returns (glossary path, entry) or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, path: str, entry: GlossaryEntry) -> None:
        super().__init__()
        self._path = path
        self._entry = entry

    def compose(self) -> ComposeResult:
        e = self._entry
        with Vertical(classes="dialog"):
            yield Label("Add a glossary entry", classes="dialog-title")
            # compact fields: the whole dialog fits an 80×24 terminal
            yield _row("English", Input(e.en, id="g-en", compact=True))
            yield _row(
                "Chinese",
                Input(
                    e.zh, placeholder="approved rendering(s), | between", id="g-zh", compact=True
                ),
            )
            yield _row(
                "Forbidden",
                Input(
                    e.forbidden,
                    placeholder="wrong renderings, | between",
                    id="g-forbidden",
                    compact=True,
                ),
            )
            yield _row("Note", Input(e.note, id="g-note", compact=True))
            yield Checkbox(
                "do not translate (keep the English form)", e.dnt, id="g-dnt", compact=True
            )
            yield _row("File", Input(self._path, id="g-path", compact=True))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield Label("Ctrl+S: add · Escape: cancel", classes="dialog-hint")

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def action_save(self) -> None:
        if not self._text("g-en"):
            self.notify("The English term is required.", severity="error")
            return
        entry = GlossaryEntry(
            en=self._text("g-en"),
            zh=self._text("g-zh"),
            forbidden=self._text("g-forbidden"),
            dnt=self.query_one("#g-dnt", Checkbox).value,
            note=self._text("g-note"),
        )
        self.dismiss((self._text("g-path") or self._path, entry))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)


def _row(label: str, widget: Input) -> Horizontal:
    return Horizontal(Label(label, classes="field-label"), widget, classes="field compact")
