"""The footer: the most useful keys that fit, never a key cut in half.

Textual's ``Footer`` crops whatever does not fit, mid-word at 80 columns. This one keeps the
keys by their footer rank (``tui.keys.KeyHelp.footer``), drops the least useful first, and
shows them in the table's order. Clicking a key runs it, as with Textual's footer.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widgets import Static

from tui.keys import KeyHelp

_GAP = "  "


def footer_keys(
    keys: Sequence[KeyHelp], width: int, labels: dict[str, str] | None = None
) -> list[tuple[KeyHelp, str]]:
    """The keys (with their label) that fit in ``width`` cells, most useful first kept."""
    labels = labels or {}
    shown = [(k, labels.get(k.action, k.label)) for k in keys if k.footer]
    ranked = sorted(shown, key=lambda pair: pair[0].footer)

    def cost(pairs: Sequence[tuple[KeyHelp, str]]) -> int:
        return (
            sum(cell_len(f"{k.first_key} {label}") for k, label in pairs)
            + cell_len(_GAP) * max(len(pairs) - 1, 0)
            + 1
        )

    while ranked and cost(ranked) > width:
        ranked.pop()
    kept = {id(k) for k, _ in ranked}
    return [(k, label) for k, label in shown if id(k) in kept]


class ReviewFooter(Static):
    DEFAULT_CSS = """
    ReviewFooter { dock: bottom; height: 1; background: $footer-background; }
    """

    COMPONENT_CLASSES = {"review-footer--key"}

    def __init__(self, keys: Sequence[KeyHelp], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._keys = keys
        self._labels: dict[str, str] = {}
        self._spots: list[tuple[int, int, str]] = []

    def set_labels(self, labels: dict[str, str]) -> None:
        """Labels that depend on the app's state (``n`` is "Next match" while searching)."""
        if labels != self._labels:
            self._labels = labels
            self.refresh()

    def render(self) -> Text:
        out = Text(" ", no_wrap=True, overflow="crop")
        key_style = self.get_component_rich_style("review-footer--key") + Style(bold=True)
        self._spots = []
        for i, (key, label) in enumerate(footer_keys(self._keys, self.size.width, self._labels)):
            if i:
                out.append(_GAP)
            start = out.cell_len
            out.append(key.first_key, key_style)
            out.append(f" {label}")
            self._spots.append((start, out.cell_len, key.action))
        return out

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self._spots:
            if start <= event.x < end:
                await self.app.run_action(action)
                return
