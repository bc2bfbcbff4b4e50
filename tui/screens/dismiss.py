"""The dismiss dialog (``d``): a reason, and whether to accept the finding for the project.

Accepting writes the finding to the project's suppression file (``auditor.suppressions``),
so ``auditor check`` stops reporting it there even after lines move; a plain dismissal
stays in this review session only.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label


@dataclass(frozen=True)
class Dismissal:
    reason: str
    #: Also record it in the project's suppression file.
    for_project: bool


class DismissScreen(ModalScreen[Dismissal | None]):
    """Returns the reason typed (possibly empty) and the project choice, or ``None``."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+t", "toggle_project", "Accept for the project", priority=True),
    ]

    def __init__(self, rule: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rule = rule

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"Dismiss {self._rule} as a false positive: reason (optional)",
                classes="dialog-title",
            )
            yield Input(
                placeholder="e.g. the figure is restated in the next sentence", id="prompt-input"
            )
            box = Checkbox(
                "Accept for this project: auditor check stops reporting it",
                id="for-project",
                compact=True,
            )
            box.can_focus = False  # Enter stays in the reason; Ctrl+T or a click ticks it
            yield box
            yield Label(
                "Enter: dismiss · Ctrl+T: accept for this project · Escape: cancel",
                classes="dialog-hint",
            )

    def action_toggle_project(self) -> None:
        self.query_one("#for-project", Checkbox).toggle()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(Dismissal(event.value, self.query_one("#for-project", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
