"""A yes/no question (apply a bulk decision? discard an edit?): the safe answer is Escape."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class AskScreen(ModalScreen[bool]):
    """Returns True for ``yes`` (y, Enter on it, its button) and False for ``no`` (n, Escape)."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(
        self,
        title: str,
        body: str,
        yes: str,
        no: str,
        *,
        id: str | None = None,
        yes_first: bool = True,
    ) -> None:
        super().__init__(id=id)
        self._title = title
        self._body = body
        self._yes = yes
        self._no = no
        self._yes_first = yes_first

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Static(self._body, markup=False, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._yes} (y)", variant="warning", id="yes", compact=True)
                yield Button(f"{self._no} (n)", variant="primary", id="no", compact=True)
            yield Label("y: yes · n or Escape: no", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#yes" if self._yes_first else "#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
