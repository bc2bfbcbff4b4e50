"""Messages the review app's widgets and workers send (all in one place, as harlequin does)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.state import Filters, Progress, RowIndex


@dataclass
class Indexed(Message):
    """The index worker has the rows ``filters`` keeps and the segments with open findings."""

    filters: Filters
    index: RowIndex
    progress: Progress
    #: The segment to keep the cursor on (or the first shown after it).
    anchor: int
    #: The app's change counter when the worker started (a later change makes it stale).
    changes: int = 0


@dataclass
class IndexFailed(Message):
    """The index worker could not read the session."""

    error: str


@dataclass
class CursorMoved(Message):
    """The list's cursor is on another segment (``None``: the list is empty)."""

    segment_index: int | None


@dataclass
class FindingClicked(Message):
    """A finding line in the detail pane was clicked."""

    position: int


@dataclass
class Searched(Message):
    """The search worker has the segments containing ``text`` (ascending indices)."""

    text: str
    matches: list[int]
    #: Jump to the first match at or after the cursor (a new search, not a resume).
    jump: bool = True
