"""A one-line question (dismiss reason, search text, bulk dismissal): Enter answers, Escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class PromptScreen(ModalScreen[str | None]):
    """Returns the text typed (possibly empty) or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        placeholder: str = "",
        value: str = "",
        *,
        id: str | None = None,
        body: str = "",
        hint: str = "Enter: OK · Escape: cancel",
    ):
        super().__init__(id=id)
        self._title = title
        self._placeholder = placeholder
        self._value = value
        self._body = body
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            if self._body:
                yield Static(self._body, markup=False, classes="dialog-body")
            yield Input(value=self._value, placeholder=self._placeholder, id="prompt-input")
            yield Label(self._hint, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
