"""The detail pane: the segment's English and Chinese in full, findings highlighted in both.

Each finding's spans get a background in its category's colour (from the stylesheet, so
both themes work); the selected finding is also bold and underlined. Text wraps by terminal
cells, so Chinese (two cells a character) wraps where it should.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from auditor.model import CATEGORIES, Finding
from auditor.session import SegmentView
from tui.messages import FindingClicked
from tui.wrap import CjkText

_STATUS_MARK = {"open": "●", "confirmed": "✓", "dismissed": "✗"}


class FindingsView(Static):
    """The findings of one segment, one block each; posts :class:`FindingClicked`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._blocks: list[Text] = []

    def show(self, blocks: list[Text], empty: Text | None = None) -> None:
        self._blocks = blocks
        self.update(Text("\n").join(blocks) if blocks else (empty or Text()))

    @property
    def text(self) -> str:
        """What the pane shows, as plain text."""
        return "\n".join(block.plain for block in self._blocks)

    def on_click(self, event: events.Click) -> None:
        """Map the clicked screen line to its finding, counting wrapped lines."""
        width = self.content_region.width
        y = event.y - self.styles.gutter.top
        for position, block in enumerate(self._blocks):
            height = len(block.wrap(self.app.console, width)) if width > 0 else 1
            if y < height:
                self.post_message(FindingClicked(position))
                return
            y -= height


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
        "detail--search",
    }

    def compose(self) -> ComposeResult:
        # Findings first: on a small terminal they stay in view; the texts follow.
        yield Static(id="meta", markup=False)
        yield FindingsView(id="findings")
        with Horizontal(id="texts"):
            yield Static(id="source", markup=False)
            yield Static(id="target", markup=False)

    def show(self, view: SegmentView | None, selected: int, search: str = "") -> None:
        meta = self.query_one("#meta", Static)
        source = self.query_one("#source", Static)
        target = self.query_one("#target", Static)
        findings = self.query_one("#findings", FindingsView)
        if view is None:
            meta.update(Text("No segment matches the filter. Press f to change it.", "italic"))
            source.update("")
            target.update("")
            findings.show([])
            return
        meta.update(self._meta(view))
        source.update(CjkText(self._side(view, "source", selected, search)))
        target.update(CjkText(self._side(view, "target", selected, search)))
        if view.findings:
            findings.show(self._findings(view, selected))
        else:
            findings.show([], Text("No findings in this segment.", self._style("dim")))

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
        if view.post_edit is not None:
            parts.append("post-edited")
        return Text(" · ".join(parts), self._style("dim"))

    def _side(self, view: SegmentView, side: str, selected: int, search: str) -> Text:
        label = "EN" if side == "source" else ("ZH (post-edit)" if view.post_edit is not None else "ZH")
        text = view.segment.source if side == "source" else view.target
        out = Text()
        out.append(f"{label}\n", self._style("label"))
        if text is None:
            out.append("(no line)", self._style("dim"))
            return out
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
        out.append_text(body)
        if side == "target" and view.post_edit is not None and view.segment.target is not None:
            out.append("\nmachine translation: ", self._style("label"))
            out.append(view.segment.target, self._style("dim"))
        return out

    def _findings(self, view: SegmentView, selected: int) -> list[Text]:
        return [
            _finding_block(finding, decision.status, decision.reason, i == selected, self._style)
            for i, (finding, decision) in enumerate(zip(view.findings, view.decisions, strict=True))
        ]


def _lines(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _finding_block(finding: Finding, status: str, reason: str | None, selected: bool, style) -> Text:
    block = Text()
    block.append("▶ " if selected else "  ", style("selected") if selected else Style())
    block.append("■ ", style(finding.category))
    block.append(f"{finding.rule} ", Style(bold=True))
    block.append(f"{finding.severity} · {finding.category} ")
    block.append(f"{_STATUS_MARK[status]} {status}", style(status))
    block.append(f"\n    {finding.message}")
    details = []
    if finding.expected is not None:
        details.append(f"expected {finding.expected}")
    if finding.found is not None:
        details.append(f"found {finding.found}")
    if details:
        block.append("\n    " + " · ".join(details), style("dim"))
    if reason:
        block.append(f"\n    reason: {reason}", style("dim"))
    if selected:
        block.stylize(Style(bold=True), 0, len(block.plain.split("\n", 1)[0]))
    return block
