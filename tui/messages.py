"""Messages the review app's widgets and workers send (all in one place, as harlequin does)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from auditor.session import SegmentView
from tui.state import Filters


@dataclass
class LoadProgress(Message):
    """The loader worker read ``done`` of ``total`` segments from the session."""

    done: int
    total: int


@dataclass
class Loaded(Message):
    """The loader worker has every segment view."""

    views: list[SegmentView]


@dataclass
class RowsFiltered(Message):
    """The filter worker computed the rows to show for ``filters``."""

    filters: Filters
    rows: list[int]
    #: The segment to keep the cursor on (or the first shown after it).
    anchor: int


@dataclass
class CursorMoved(Message):
    """The list's cursor is on another segment (``None``: the list is empty)."""

    segment_index: int | None


@dataclass
class FindingClicked(Message):
    """A finding line in the detail pane was clicked."""

    position: int
