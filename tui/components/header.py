"""The header line: which file, how far the review is, the MQM score, search, filter, "saved".

It never cuts a word: each part has shorter forms, and when the line is too long the parts
are shortened, then dropped, in the order :data:`SHORTEN` gives (least useful first).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tui.state import Progress

#: Which part gives way next when the header is too long: each entry moves that part to
#: its next shorter form ("" drops it). Progress, search, filter and "saved" go last.
SHORTEN: tuple[str, ...] = (
    "segments",
    "edited",
    "open",
    "progress",
    "title",
    "filter",
    "search",
    "saved",
    "mqm",
    "open",
    "title",
    "filter",
    "search",
    "progress",
    "saved",
    "title",
    "saved",
    "filter",
    "search",
    "progress",
)

_SEP = " · "


def header_parts(
    title: str,
    busy: str,
    progress: Progress | None,
    mqm: float | None,
    filter_text: str,
    search_text: str,
    saved_at: str,
) -> dict[str, list[tuple[str, str]]]:
    """Each part's forms, longest first, as (text, style); the last form may be empty."""
    stem = title.rsplit(".", 1)[0] if "." in title else title
    parts: dict[str, list[tuple[str, str]]] = {
        "title": [(title, "bold"), (stem, "bold"), ("", "")],
    }
    if busy:
        parts["busy"] = [(busy, "italic")]
    if progress is not None:
        p = progress
        parts["progress"] = [
            (f"reviewed {p.reviewed}/{p.flagged} flagged", "bold"),
            (f"{p.reviewed}/{p.flagged} reviewed", "bold"),
            (f"{p.reviewed}/{p.flagged}", "bold"),
        ]
        parts["open"] = [(f"{p.open} open findings", ""), (f"{p.open} open", ""), ("", "")]
        parts["segments"] = [(f"{p.total} segments", ""), ("", "")]
        if p.edited:
            parts["edited"] = [(f"✎ {p.edited} edited", ""), ("", "")]
    if filter_text:
        parts["filter"] = [
            (f"filter {filter_text} (esc clears)", "italic"),
            (f"filter {filter_text}", "italic"),
            (f"⊘ {filter_text}", "italic"),
        ]
    if search_text:
        parts["search"] = [(f"search {search_text} (n/N)", "italic"), (f"/{search_text}", "italic")]
    if saved_at:
        parts["saved"] = [
            (f"✓ saved {saved_at}", ""),
            (f"✓ {saved_at}", ""),
            ("✓ saved", ""),
            ("✓", ""),
        ]
    if mqm is not None:
        parts["mqm"] = [(f"MQM {mqm:.1f}", "bold"), ("", "")]
    return parts


_ORDER = (
    "title",
    "busy",
    "progress",
    "open",
    "segments",
    "edited",
    "search",
    "filter",
    "saved",
    "mqm",
)


def fit_header(parts: dict[str, list[tuple[str, str]]], width: int) -> Text:
    """The header in ``width`` cells: parts shortened or dropped whole, never cut."""
    form = {name: 0 for name in parts}
    dropped: set[str] = set()

    def shown_names() -> list[str]:
        return [n for n in _ORDER if n in parts and n not in dropped and parts[n][form[n]][0]]

    def line() -> list[tuple[str, str]]:
        return [parts[n][form[n]] for n in shown_names()]

    def length() -> int:
        shown = line()
        return sum(cell_len(t) for t, _ in shown) + cell_len(_SEP) * max(len(shown) - 1, 0)

    for name in SHORTEN:
        if length() <= width:
            break
        if name in parts and form[name] + 1 < len(parts[name]):
            form[name] += 1
    while shown_names() and length() > width:  # narrower than the shortest forms
        dropped.add(shown_names()[-1])
    shown = line()
    out = Text(no_wrap=True, overflow="crop")
    for i, (text, style) in enumerate(shown):
        if i:
            out.append(_SEP)
        out.append(text, style)
    return out


class ReviewHeader(Static):
    """``file · reviewed r/f flagged · n open findings · n segments · search · filter · ✓ saved · MQM``."""

    DEFAULT_CSS = """
    ReviewHeader { dock: top; height: 1; }
    """

    progress: reactive[Progress | None] = reactive(None, layout=False)
    mqm: reactive[float | None] = reactive(None)
    filter_text: reactive[str] = reactive("")
    search_text: reactive[str] = reactive("")
    #: Time of the last committed action (shown only after the commit returned).
    saved_at: reactive[str] = reactive("")
    busy: reactive[str] = reactive("")

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.title = title

    def render(self) -> Text:
        parts = header_parts(
            self.title,
            self.busy,
            self.progress,
            self.mqm,
            self.filter_text,
            self.search_text,
            self.saved_at,
        )
        return fit_header(parts, max(self.size.width, 1))
