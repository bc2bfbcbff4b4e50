"""Why this finding: the rule's what / why / example, the glossary entry of a term finding,
and the two readings of a number finding, on the screen where the decision is made."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.explain import Explanation
from tui.wrap import CjkText


def explanation_text(e: Explanation) -> Text:
    """The dialog's body (also what tests read)."""
    out = Text()

    def section(title: str, body: str) -> None:
        out.append(f"{title}\n", "bold")
        out.append(f"{body}\n\n")

    f = e.finding
    out.append(f"{f.rule}", "bold")
    out.append(f" {e.rule.name if e.rule else ''} · {f.severity} · {f.category} · {f.mqm}\n\n")
    section("Here", f.message)
    if f.expected is not None or f.found is not None:
        section("Expected / found", f"expected {f.expected or '—'}\nfound    {f.found or '—'}")
    if e.readings:
        lines = [f"{r.side}  {r.text}  →  {r.value}  {r.unit}" for r in e.readings]
        section("How the numbers were read", "\n".join(lines))
    if e.concept is not None:
        c = e.concept
        lines = [
            f"term       {c.en}" + ("  (do not translate)" if c.dnt else ""),
            f"approved   {' / '.join(c.approved) or '—'}",
            f"forbidden  {' / '.join(c.forbidden) or '—'}",
        ]
        if c.note:
            lines.append(f"note       {c.note}")
        lines.append(f"file       {c.where or '—'}")
        section("Glossary entry", "\n".join(lines))
    if e.rule is not None:
        section("What the rule checks", e.rule.what)
        section("Why it matters", e.rule.why)
        if e.rule.example:
            section("Example", e.rule.example)
    out.rstrip()
    return out


class ExplainScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,i", "close", "Close")]

    def __init__(self, explanation: Explanation) -> None:
        super().__init__()
        self._explanation = explanation

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="explain"):
            yield Label(f"Why {self._explanation.finding.rule} was raised", classes="dialog-title")
            yield Static(CjkText(explanation_text(self._explanation)), id="explain-body")
            yield Label("Escape or i: close · ↑↓: scroll", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
