"""Filter the list by category, rule, severity, review status and text (choices from the
registry). Filtering hides segments; the search (``/``) only moves the cursor to matches."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from auditor.model import CATEGORIES, SEVERITIES
from tui.state import STATUS_CHOICES, Filters


class FilterScreen(ModalScreen[Filters | None]):
    """Returns the new filters or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "apply", "Apply")]

    def __init__(self, current: Filters, rule_codes: Sequence[str]) -> None:
        super().__init__()
        self._current = current
        self._codes = list(rule_codes)

    def compose(self) -> ComposeResult:
        c = self._current
        prefixes = sorted({code.rstrip("0123456789") for code in self._codes})
        rules = [*prefixes, *self._codes]
        with Vertical(classes="dialog"):
            yield Label("Filter segments", classes="dialog-title")
            yield _row(
                "Category",
                Select(
                    [(x, x) for x in CATEGORIES],
                    value=c.category or Select.NULL,
                    id="f-category",
                    compact=True,
                ),
            )
            yield _row(
                "Rule",
                Select(
                    [(x, x) for x in rules],
                    value=c.rule if c.rule in rules else Select.NULL,
                    id="f-rule",
                    compact=True,
                ),
            )
            yield _row(
                "Severity ≥",
                Select(
                    [(x, x) for x in SEVERITIES],
                    value=c.severity or Select.NULL,
                    id="f-severity",
                    compact=True,
                ),
            )
            yield _row(
                "Status",
                Select(
                    [(x, x) for x in STATUS_CHOICES],
                    value=c.status or Select.NULL,
                    id="f-status",
                    compact=True,
                ),
            )
            yield _row(
                "Text",
                Input(
                    c.search,
                    placeholder="only segments containing this text",
                    id="f-text",
                    compact=True,
                ),
            )
            yield _row(
                "Sure ≥",
                Input(
                    "" if c.min_confidence is None else f"{c.min_confidence:g}",
                    placeholder="0-1: omission findings at least this confident",
                    id="f-confidence",
                    compact=True,
                ),
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="apply", compact=True)
                yield Button("Clear", id="clear", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield Label("Ctrl+S: apply · Escape: cancel", classes="dialog-hint")

    def _value(self, widget_id: str) -> str | None:
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value is Select.NULL else str(value)

    def _confidence(self) -> float | None:
        """The confidence floor typed, or ``None`` for none (a value outside 0-1 or not a
        number is refused with a note, and the dialog stays open)."""
        text = self.query_one("#f-confidence", Input).value.strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if not 0.0 <= value <= 1.0:
            raise ValueError(text)
        return value

    def action_apply(self) -> None:
        try:
            floor = self._confidence()
        except ValueError as exc:
            self.notify(
                f"Confidence must be a number from 0 to 1, not {exc}", severity="error", timeout=4
            )
            return
        self.dismiss(
            Filters(
                min_confidence=floor,
                category=self._value("f-category"),
                rule=self._value("f-rule"),
                severity=self._value("f-severity"),
                status=self._value("f-status"),
                search=self.query_one("#f-text", Input).value.strip(),
            )
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "clear":
            self.dismiss(Filters())
        else:
            self.dismiss(None)


def _row(label: str, widget: Select | Input) -> Horizontal:
    return Horizontal(Label(label, classes="field-label"), widget, classes="field compact")
