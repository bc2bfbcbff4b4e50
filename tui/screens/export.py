"""Export from inside the app: a report (json, html, …) or the corrected bilingual file."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Returns (format, path) or ``None``. ``default_path(format)`` proposes a file name."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Export")]

    def __init__(
        self, formats: Sequence[str], default_path: Callable[[str], str], initial: str = "json"
    ) -> None:
        super().__init__()
        self._formats = list(formats)
        self._default_path = default_path
        self._initial = initial if initial in self._formats else self._formats[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export", classes="dialog-title")
            yield Horizontal(
                Label("Format", classes="field-label"),
                Select(
                    [(f, f) for f in self._formats],
                    value=self._initial,
                    allow_blank=False,
                    id="x-format",
                ),
                classes="field",
            )
            yield Horizontal(
                Label("File", classes="field-label"),
                Input(self._default_path(self._initial), id="x-path"),
                classes="field",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
            yield Label("Ctrl+S or Enter: export · Escape: cancel", classes="dialog-hint")

    def on_select_changed(self, event: Select.Changed) -> None:
        self.query_one("#x-path", Input).value = self._default_path(str(event.value))

    def action_save(self) -> None:
        fmt = str(self.query_one("#x-format", Select).value)
        path = self.query_one("#x-path", Input).value.strip()
        if path:
            self.dismiss((fmt, path))

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
