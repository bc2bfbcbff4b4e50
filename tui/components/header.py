"""The header line: which file, how far the review is, the MQM score, and "saved"."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tui.state import Progress


class ReviewHeader(Static):
    """``file · reviewed r/f flagged · n segments · MQM s · filter · ✓ saved HH:MM:SS``."""

    DEFAULT_CSS = """
    ReviewHeader { dock: top; height: 1; }
    """

    progress: reactive[Progress | None] = reactive(None, layout=False)
    mqm: reactive[float | None] = reactive(None)
    filter_text: reactive[str] = reactive("")
    #: Time of the last committed action (shown only after the commit returned).
    saved_at: reactive[str] = reactive("")
    busy: reactive[str] = reactive("")

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.title = title

    def render(self) -> Text:
        """Narrow terminals get short labels; what matters most (progress, the filter in
        force, the saved mark) comes before the score, which is cut first."""
        narrow = self.size.width < 120
        out = Text(no_wrap=True, overflow="ellipsis")
        title = Text(self.title, "bold")
        if narrow:
            title.truncate(24, overflow="ellipsis")
        out.append_text(title)
        p = self.progress
        if self.busy:
            out.append(f"  {self.busy}", "italic")
        if p is not None:
            if narrow:
                out.append(f"  {p.reviewed}/{p.flagged} reviewed", "bold")
                out.append(f" · {p.open} open")
            else:
                out.append(f"  reviewed {p.reviewed}/{p.flagged} flagged", "bold")
                out.append(f" · {p.open} open findings · {p.total} segments")
                if p.edited:
                    out.append(f" · {p.edited} edited")
        if self.filter_text:
            out.append(f" · {'' if narrow else 'filter '}{self.filter_text}", "italic")
        if self.saved_at:
            out.append(f" · ✓ {'' if narrow else 'saved '}{self.saved_at}")
        if self.mqm is not None:
            out.append(f" · MQM {self.mqm:.1f}", "bold")
        return out
