"""The help screen: every key of the review app, from the same table as the bindings, and
what the marks mean. It fits the terminal: long descriptions wrap, and it scrolls when the
terminal is too short."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.keys import MARKS, KeyHelp


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, keys: Sequence[KeyHelp]) -> None:
        super().__init__()
        self._keys = keys

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1)
        for key in self._keys:
            table.add_row(key.shown_keys, key.description)
        table.add_row("", "")
        for mark, meaning in MARKS:
            table.add_row(mark, meaning)
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Label("auditor review: keys and marks", classes="dialog-title")
            yield Static(table, id="help-table")
            yield Static(
                "Every decision and edit is written to the session file before the header "
                "shows ✓ saved. Ctrl+P opens the command palette. Escape closes this help.",
                classes="dialog-hint",
            )

    def action_close(self) -> None:
        self.dismiss(None)
