"""The segment list: one line per segment, drawn line by line (Textual's line API).

Why a ``ScrollView`` and not a ``DataTable``: a table builds every row up front, which takes
seconds at 100,000 segments. Here ``render_line`` draws only the rows on screen, on demand,
from the views the app already holds; moving the cursor repaints two lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from auditor.model import SEVERITY_RANK
from auditor.session import SegmentView
from tui.messages import CursorMoved

_SEVERITY_LABEL = {"critical": "CRIT", "major": "MAJ ", "minor": "MIN ", None: "    "}


def segment_status(view: SegmentView) -> str | None:
    """``open`` (findings to decide), ``confirmed`` (all decided, a real defect among them),
    ``dismissed`` (every finding a false alarm), or None when clean."""
    if not view.findings:
        return None
    if view.open_count:
        return "open"
    return "confirmed" if any(d.status == "confirmed" for d in view.decisions) else "dismissed"


#: The list's marks read without colour: ``●`` open, ``✓`` confirmed, ``✗`` dismissed.
_MARK = {"open": "●", "confirmed": "✓", "dismissed": "✗", None: " "}


def status_mark(view: SegmentView) -> str:
    return _MARK[segment_status(view)]


def line_number(view: SegmentView) -> str:
    loc = view.segment.source_loc or view.segment.target_loc
    return f"L{loc.first}" if loc else view.segment.id


class SegmentList(ScrollView, can_focus=True):
    """Rows ``rows`` (indices into ``views``) with a cursor; posts :class:`CursorMoved`."""

    COMPONENT_CLASSES = {
        "segment-list--cursor",
        "segment-list--critical",
        "segment-list--major",
        "segment-list--minor",
        "segment-list--open",
        "segment-list--confirmed",
        "segment-list--dismissed",
        "segment-list--match",
        "segment-list--dim",
        "segment-list--edited",
    }

    DEFAULT_CSS = """
    SegmentList { overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: Sequence[SegmentView] = ()
        self.rows: Sequence[int] = ()
        self.cursor = 0
        #: Text the search highlights in the rows ("" for none).
        self.search = ""
        self._cache: LRUCache[tuple[int, bool, int], Strip] = LRUCache(maxsize=512)

    # ----- data

    def set_rows(self, views: Sequence[SegmentView], rows: Sequence[int], cursor: int) -> None:
        self.views = views
        self.rows = rows
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.refresh()
        self.scroll_to_cursor(center=True)
        self.post_message(CursorMoved(self.current_index))

    def set_search(self, text: str) -> None:
        if text != self.search:
            self.search = text
            self._cache.clear()
            self.refresh()

    def segment_changed(self) -> None:
        """A decision or edit changed a segment: drop cached rows; only visible ones redraw."""
        self._cache.clear()
        self.refresh()

    @property
    def current_index(self) -> int | None:
        """The segment under the cursor."""
        if not self.rows:
            return None
        return self.rows[self.cursor]

    # ----- cursor

    def move_to(self, position: int) -> None:
        if not self.rows:
            return
        position = max(0, min(position, len(self.rows) - 1))
        if position == self.cursor:
            return
        old = self.cursor
        self.cursor = position
        self.refresh_line(old)
        self.refresh_line(position)
        self.scroll_to_cursor(center=abs(position - old) > 1)
        self.post_message(CursorMoved(self.current_index))

    def move_by(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    @property
    def page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def scroll_to_cursor(self, center: bool = False) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = int(self.scroll_offset.y)
        if center and not top <= self.cursor < top + height:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False, immediate=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        self.move_to(int(self.scroll_offset.y) + event.y)

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # ----- drawing

    def render_line(self, y: int) -> Strip:
        position = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if position >= len(self.rows) or width <= 0:
            return Strip.blank(width, self.rich_style)
        is_cursor = position == self.cursor
        key = (self.rows[position], is_cursor, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(self.views[self.rows[position]], is_cursor, width)
            self._cache[key] = strip
        return strip

    def _render_row(self, view: SegmentView, is_cursor: bool, width: int) -> Strip:
        style = self.get_component_rich_style
        base = self.rich_style + (style("segment-list--cursor") if is_cursor else Style())
        status = segment_status(view)
        mark = _MARK[status]
        mark_style = style(f"segment-list--{status}") if status else Style()
        sev = max((f.severity for f in view.findings), key=SEVERITY_RANK.__getitem__, default=None)
        codes = ",".join(dict.fromkeys(f.rule for f in view.findings))
        row = Text(no_wrap=True, overflow="ellipsis")
        row.append("›" if is_cursor else " ")  # the cursor shows without colour too
        row.append(mark, mark_style)
        row.append("✎" if view.post_edit is not None else " ", style("segment-list--edited"))
        row.append(" ")
        row.append(_SEVERITY_LABEL[sev], style(f"segment-list--{sev}") if sev else Style())
        row.append(" ")
        row.append_text(_fit(codes, 12, style("segment-list--dim")))
        row.append(" ")
        row.append_text(_fit(line_number(view), 7, style("segment-list--dim")))
        rest = max(width - row.cell_len, 0)
        if rest > 10:
            src_w = rest * 11 // 20
            tgt_w = rest - src_w - 1
            source, target = (
                _fit(view.segment.source or "—", src_w),
                _fit(view.target or "—", tgt_w),
            )
            if self.search:
                match = style("segment-list--match")
                source.highlight_words([self.search], match, case_sensitive=False)
                target.highlight_words([self.search], match, case_sensitive=False)
            row.append_text(source)
            row.append("│", style("segment-list--dim"))
            row.append_text(target)
        segments = list(row.render(self.app.console))
        strip = Strip(segments, row.cell_len).crop_extend(0, width, None)
        return strip.apply_style(base)


def _fit(text: str, width: int, style: Style | str = "") -> Text:
    """``text`` on one line in exactly ``width`` cells (double-width aware), with an ellipsis."""
    out = Text(" ".join(text.split()), style=style, no_wrap=True, overflow="ellipsis")
    out.truncate(width, overflow="ellipsis", pad=True)
    return out


__all__ = ["SegmentList", "line_number", "segment_status", "status_mark"]
