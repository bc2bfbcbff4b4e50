"""The review app's widgets: header, segment list, detail pane, footer."""

from tui.components.detail import DetailPane
from tui.components.footer import ReviewFooter
from tui.components.header import ReviewHeader
from tui.components.segment_list import SegmentList

__all__ = ["DetailPane", "ReviewFooter", "ReviewHeader", "SegmentList"]
