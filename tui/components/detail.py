"""The detail pane: the segment's findings, each with why its rule fires, and the English and
Chinese with the findings highlighted in both.

Each finding's spans get a background in its category's colour (from the stylesheet, so
both themes work); the selected finding is also bold and underlined. Text wraps by terminal
cells, so Chinese (two cells a character) wraps where it should.

When everything does not fit (80×24), the pane goes compact rather than scrolling: the
other findings take one line each, and each text shows the lines around the selected
finding's span, its label saying which lines; ``J`` shows the whole texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from auditor.model import CATEGORIES, Finding
from auditor.session import SegmentView
from tui.explain import rule_line
from tui.messages import FindingClicked
from tui.wrap import CjkText, line_count, wrap_lines, wrap_offsets

#: A finding's review status as a mark that reads without colour.
STATUS_MARK = {"open": "●", "confirmed": "✓", "dismissed": "✗"}
EDITED_MARK = "✎"
#: Indent of a finding's message and detail lines.
_INDENT = "    "


class FindingsView(Static):
    """The findings of one segment, one block each; posts :class:`FindingClicked`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._blocks: list[Text] = []
        #: The finding each block shows (None: a "more findings" line).
        self._positions: list[int | None] = []

    def show(
        self,
        blocks: list[Text],
        empty: Text | None = None,
        positions: list[int | None] | None = None,
    ) -> None:
        self._blocks = blocks
        self._positions = list(range(len(blocks))) if positions is None else positions
        self.update(CjkText(Text("\n").join(blocks), hanging=True) if blocks else (empty or Text()))

    @property
    def text(self) -> str:
        """What the pane shows, as plain text."""
        return "\n".join(block.plain for block in self._blocks)

    def on_click(self, event: events.Click) -> None:
        """Map the clicked screen line to its finding, counting wrapped lines."""
        width = self.content_region.width
        y = event.y - self.styles.gutter.top
        for position, block in zip(self._positions, self._blocks, strict=True):
            height = line_count(block, width, hanging=True) if width > 0 else 1
            if y < height:
                if position is not None:
                    self.post_message(FindingClicked(position))
                return
            y -= height


@dataclass(frozen=True)
class _Shown:
    view: SegmentView | None
    selected: int
    search: str
    full: bool


class DetailPane(VerticalScroll, can_focus=False):
    """Shows one :class:`SegmentView` and which of its findings is selected."""

    COMPONENT_CLASSES = {
        *(f"detail--{c}" for c in CATEGORIES),
        "detail--selected",
        "detail--label",
        "detail--dim",
        "detail--open",
        "detail--confirmed",
        "detail--dismissed",
        "detail--edited",
        "detail--search",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown = _Shown(None, 0, "", False)
        #: Whether the texts were cut to fit (``J`` then shows them whole).
        self.clipped = False
        #: (compact, stacked) as last set by :meth:`_set_compact`.
        self._layout: tuple[bool, bool] | None = None

    def compose(self) -> ComposeResult:
        # Findings first: on a small terminal they stay in view; the texts follow.
        yield Static(id="meta", markup=False)
        yield FindingsView(id="findings")
        with Horizontal(id="texts"):
            yield Static(id="source", markup=False)
            yield Static(id="target", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        if self._shown.view is not None:
            s = self._shown
            self.show(s.view, s.selected, s.search, full=s.full)

    def show(
        self, view: SegmentView | None, selected: int, search: str = "", *, full: bool = False
    ) -> None:
        """Draw ``view``; ``full`` shows the whole texts even when they do not fit."""
        self._shown = _Shown(view, selected, search, full)
        meta = self.query_one("#meta", Static)
        source = self.query_one("#source", Static)
        target = self.query_one("#target", Static)
        findings = self.query_one("#findings", FindingsView)
        self.clipped = False
        if view is None:
            self._set_compact(False, self.screen.has_class("-narrow"))
            meta.update(
                Text(
                    "No segment matches the filter. Press f to change it, esc to clear it.",
                    "italic",
                )
            )
            source.update("")
            target.update("")
            findings.show([])
            return
        meta.update(self._meta(view))
        sides = {side: self._side(view, side, selected, search) for side in ("source", "target")}
        width = self.scrollable_content_region.width
        height = self.scrollable_content_region.height
        stacked = self.screen.has_class("-narrow")
        text_width = width if stacked else max(width // 2 - 1, 1)
        blocks, _ = self._findings(view, selected, compact=False, width=width)
        if (
            full
            or width <= 0
            or height <= 0
            or self._fits(blocks, sides, width, height, text_width, stacked)
        ):
            self._set_compact(False, stacked)
            findings.show(blocks, self._no_findings(view))
            source.update(CjkText(self._labelled(view, "source", sides["source"])))
            target.update(CjkText(self._labelled(view, "target", sides["target"])))
            return
        # Compact: one line per other finding (as many as leave the texts two lines each),
        # no blank lines, texts cut around the span.
        self._set_compact(True, stacked)
        least_for_texts = 6 if stacked else 3
        blocks, positions = self._findings(
            view, selected, compact=True, width=width, lines=height - 1 - least_for_texts
        )
        used = 1 + sum(line_count(b, width, hanging=True) for b in blocks) + (0 if blocks else 1)
        room = max(height - used, 4)
        if stacked:
            n_src, n_tgt = _share(
                line_count(sides["source"], text_width),
                line_count(sides["target"], text_width),
                room - 2,
            )
        else:
            n_src = n_tgt = max(room - 1, 1)
        findings.show(blocks, self._no_findings(view), positions)
        anchor = (
            view.findings[selected] if view.findings and selected < len(view.findings) else None
        )
        for widget, side, n in ((source, "source", n_src), (target, "target", n_tgt)):
            widget.update(self._window(view, side, sides[side], text_width, n, anchor))

    # ----- sizing

    def _set_compact(self, compact: bool, stacked: bool) -> None:
        """Drop (or restore) the blank lines under the findings and each text. Inline
        styles on three widgets, not a class on the pane: a class re-applies the stylesheet
        to the whole pane, ten times the cost of drawing it."""
        if (compact, stacked) == self._layout:
            return
        self._layout = (compact, stacked)
        bottom = 0 if compact else 1
        self.query_one("#findings").styles.padding = (0, 0, bottom, 0)
        for side in ("#source", "#target"):
            self.query_one(side).styles.padding = (0, 0 if stacked else 1, bottom, 0)

    def _fits(
        self,
        blocks: list[Text],
        sides: dict[str, Text],
        width: int,
        height: int,
        text_width: int,
        stacked: bool,
    ) -> bool:
        findings = sum(line_count(b, width, hanging=True) for b in blocks) + 1
        src = line_count(sides["source"], text_width) + 2  # label, blank line
        tgt = line_count(sides["target"], text_width) + 2
        texts = src + tgt if stacked else max(src, tgt)
        return 1 + findings + texts <= height

    def _window(
        self, view: SegmentView, side: str, body: Text, width: int, n: int, anchor: Finding | None
    ) -> Text:
        """The ``n`` wrapped lines around the anchor finding's span, under a label saying
        which lines they are when some are left out."""
        lines = wrap_lines(body, width)
        total = len(lines)
        first = 0
        if total > n:
            span = (
                (anchor.source_span if side == "source" else anchor.target_span) if anchor else None
            )
            offset = span[0] if span else _first_span(view, side)
            line_of = _line_at(body.plain, width, offset) if offset is not None else 0
            first = max(0, min(line_of - (n - 1) // 3, total - n))
            self.clipped = True
        shown = lines[first : first + n]
        out = self._label(view, side)
        if total > n:
            out.append(
                f" · lines {first + 1}–{first + len(shown)} of {total} · J: all", self._style("dim")
            )
        out.append("\n")
        out.append_text(Text("\n").join(shown))
        out.no_wrap = True
        out.overflow = "crop"
        return out

    # ----- drawing

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"detail--{name}")

    def _attrs(self, name: str) -> Style:
        """Only the text attributes (bold, underline, reverse) of a component style: layered
        over a category's background, its own colours would hide that background."""
        s = self._style(name)
        return Style(bold=s.bold, italic=s.italic, underline=s.underline, reverse=s.reverse)

    def _meta(self, view: SegmentView) -> Text:
        seg = view.segment
        parts = [seg.id]
        if seg.source_loc:
            parts.append(f"EN line {_lines(seg.source_loc.first, seg.source_loc.last)}")
        if seg.target_loc:
            parts.append(f"ZH line {_lines(seg.target_loc.first, seg.target_loc.last)}")
        parts.append(f"align {seg.align_type} {seg.align_score:.2f}")
        out = Text(" · ".join(parts), self._style("dim"))
        if view.post_edit is not None:
            out.append(" · ", self._style("dim"))
            out.append(f"{EDITED_MARK} post-edited", self._style("edited"))
        return out

    def _label(self, view: SegmentView, side: str) -> Text:
        label = (
            "EN" if side == "source" else ("ZH (post-edit)" if view.post_edit is not None else "ZH")
        )
        return Text(label, self._style("label"))

    def _labelled(self, view: SegmentView, side: str, body: Text) -> Text:
        out = self._label(view, side)
        out.append("\n")
        out.append_text(body)
        return out

    def _side(self, view: SegmentView, side: str, selected: int, search: str) -> Text:
        """One side's text with the findings' spans and the search matches styled."""
        text = view.segment.source if side == "source" else view.target
        if text is None:
            return Text("(no line)", self._style("dim"))
        body = Text(text)
        for i, finding in enumerate(view.findings):
            span = finding.source_span if side == "source" else finding.target_span
            if span and 0 <= span[0] < span[1] <= len(text):
                style = self._style(finding.category)
                if i == selected:
                    style = style + self._attrs("selected")
                body.stylize(style, span[0], span[1])
        if search:
            body.highlight_words([search], self._attrs("search"), case_sensitive=False)
        if side == "target" and view.post_edit is not None and view.segment.target is not None:
            body.append("\nmachine translation: ", self._style("label"))
            body.append(view.segment.target, self._style("dim"))
        return body

    def _no_findings(self, view: SegmentView) -> Text:
        return Text("No findings in this segment.", self._style("dim"))

    def _findings(
        self, view: SegmentView, selected: int, *, compact: bool, width: int, lines: int = 0
    ) -> tuple[list[Text], list[int | None]]:
        """The findings' blocks and the finding each shows. Compact: the selected one in
        full, the others one line each, those nearest the selected one first when not all
        fit in ``lines``; a last line counts the ones left out."""
        pairs = list(zip(view.findings, view.decisions, strict=True))
        if not compact:
            return (
                [
                    _finding_block(f, d.status, d.reason, i == selected, self._style)
                    for i, (f, d) in enumerate(pairs)
                ],
                list(range(len(pairs))),
            )
        selected = min(selected, len(pairs) - 1) if pairs else 0
        full = (
            {
                selected: _finding_block(
                    pairs[selected][0],
                    pairs[selected][1].status,
                    pairs[selected][1].reason,
                    True,
                    self._style,
                    width,
                )
            }
            if pairs
            else {}
        )
        room = lines - sum(line_count(b, width, hanging=True) for b in full.values())
        others = sorted(
            (i for i in range(len(pairs)) if i != selected), key=lambda i: (abs(i - selected), i)
        )
        if len(others) > room:
            others = others[: max(room - 1, 0)]
        shown = sorted([*full, *others])
        blocks: list[Text] = []
        for i in shown:
            f, d = pairs[i]
            blocks.append(full[i] if i in full else _finding_line(f, d.status, self._style, width))
        positions: list[int | None] = list(shown)
        left_out = len(pairs) - len(shown)
        if left_out:
            blocks.append(
                Text(
                    f"  + {left_out} more finding{'' if left_out == 1 else 's'} (tab / shift+tab)",
                    self._style("dim"),
                )
            )
            positions.append(None)
        return blocks, positions


def _share(a: int, b: int, room: int) -> tuple[int, int]:
    """Lines for two stacked texts of ``a`` and ``b`` lines in ``room`` lines: an even split,
    a short text giving what it does not need to the other; at least one line each."""
    room = max(room, 2)
    half = room // 2
    if a <= half:
        return a, max(min(b, room - a), 1)
    if b <= room - half:
        return max(min(a, room - b), 1), b
    return half, room - half


def _line_at(text: str, width: int, offset: int) -> int:
    """The line (as :func:`~tui.wrap.wrap_lines` wraps ``text``) holding character ``offset``."""
    index = base = 0
    for paragraph in text.split("\n"):
        for _, end in wrap_offsets(paragraph, width):
            if offset < base + end:
                return index
            index += 1
        base += len(paragraph) + 1
    return max(index - 1, 0)


def _first_span(view: SegmentView, side: str) -> int | None:
    for f in view.findings:
        span = f.source_span if side == "source" else f.target_span
        if span:
            return span[0]
    return None


def _lines(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _head(finding: Finding, status: str, selected: bool, style) -> Text:
    head = Text()
    head.append("▶ " if selected else "  ", style("selected") if selected else Style())
    head.append("■ ", style(finding.category))
    head.append(f"{finding.rule} ", Style(bold=True))
    head.append(f"{finding.severity} · {finding.category} ")
    head.append(f"{STATUS_MARK[status]} {status}", style(status))
    if selected:
        head.append("  i: why", style("label"))
    return head


def _finding_line(finding: Finding, status: str, style, width: int) -> Text:
    """A finding on one line (compact pane): its head, then as much of the message as fits."""
    line = _head(finding, status, False, style)
    line.append(f" — {' '.join(finding.message.split())}", style("dim"))
    line.truncate(max(width, 1), overflow="ellipsis")
    return line


def _finding_block(
    finding: Finding, status: str, reason: str | None, selected: bool, style, crop: int = 0
) -> Text:
    """A finding in full: head, message, expected / found, reason, and the rule's one line
    (cropped to ``crop`` cells when the pane is compact)."""
    block = _head(finding, status, selected, style)
    block.append(f"\n{_INDENT}{' '.join(finding.message.split())}")
    details = []
    if finding.expected is not None:
        details.append(f"expected {finding.expected}")
    if finding.found is not None:
        details.append(f"found {finding.found}")
    if details:
        block.append(f"\n{_INDENT}" + " · ".join(details), style("dim"))
    if reason:
        block.append(f"\n{_INDENT}reason: {reason}", style("dim"))
    why = Text(f"{_INDENT}rule: {rule_line(finding)}", style("dim"))
    if crop:
        why.truncate(crop, overflow="ellipsis")
    block.append("\n")
    block.append_text(why)
    if selected:
        block.stylize(Style(bold=True), 0, len(block.plain.split("\n", 1)[0]))
    return block
