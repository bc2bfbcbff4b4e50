"""Line breaking for mixed Chinese and English by terminal cells.

Word wrapping that breaks only at spaces treats a whole Chinese clause as one "word" and
pushes it to the next line, leaving half-empty lines. Chinese may break between any two
characters, except before closing punctuation (``，。」）``…) or after opening
punctuation (``「（``…); Latin words still break only at spaces. Offsets are into the
original string, so spans (findings) stay where they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

#: One token: a CJK character (with any closing punctuation that must stay on its line),
#: a run of other non-space characters, or a run of spaces.
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ebef]"
_CLOSE = "、。，．,.：:；;！!？?）)」』】〉》〕］｝…—％%"
_OPEN = "（(「『【〈《〔［｛"
_TOKEN = re.compile(
    rf"[{re.escape(_OPEN)}]*{_CJK}[{re.escape(_CLOSE)}]*"
    rf"|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ebef]+[{re.escape(_CLOSE)}]*"
    r"|\s+"
)


@lru_cache(maxsize=1024)
def wrap_offsets(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each line of ``text`` wrapped to ``width`` cells.

    Spaces where a line breaks are dropped; a token wider than a line is cut by cells.
    Memoised: the detail pane measures, then draws, the same texts at the same widths.
    """
    if width <= 0:
        return ((0, len(text)),)
    lines: list[tuple[int, int]] = []
    start = end = 0  # current line [start, end) without trailing spaces
    used = 0
    for match in _TOKEN.finditer(text):  # the tokens cover the whole text
        token = match.group()
        t_start, t_end = match.span()
        w = cell_len(token)
        if token.isspace():
            if used + w <= width:
                used += w
            else:
                lines.append((start, end))
                start = end = t_end
                used = 0
            continue
        if used + w <= width:
            end = t_end
            used += w
            continue
        if used > 0 and end > start:
            lines.append((start, end))
        start = end = t_start
        used = 0
        for i, ch in enumerate(token):  # fold a token wider than the line
            cw = cell_len(ch)
            if used + cw > width and end > start:
                lines.append((start, end))
                start = end
                used = 0
            end = t_start + i + 1
            used += cw
    if end > start or not lines:
        lines.append((start, end))
    return tuple(lines)


def wrap_lines(text: Text, width: int, hanging: bool = False) -> list[Text]:
    """``text`` wrapped to ``width`` cells, paragraph by paragraph. With ``hanging``, the
    lines that continue a paragraph get its leading spaces too (an indented message stays
    indented when it wraps)."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        indent = len(plain) - len(plain.lstrip(" ")) if hanging else 0
        if indent and indent < width - 4:
            body = paragraph[indent:]
            for i, (start, end) in enumerate(wrap_offsets(body.plain, width - indent)):
                line = paragraph[:indent] if i == 0 else Text(" " * indent)
                line.append_text(body[start:end])
                lines.append(line)
        else:
            lines.extend(paragraph[start:end] for start, end in wrap_offsets(plain, width))
    return lines


def line_count(text: Text | str, width: int, hanging: bool = False) -> int:
    """How many lines :func:`wrap_lines` makes of ``text``, from its plain string alone
    (the detail pane sizes itself with this on every cursor move)."""
    plain = text.plain if isinstance(text, Text) else text
    count = 0
    for paragraph in plain.split("\n"):
        indent = len(paragraph) - len(paragraph.lstrip(" ")) if hanging else 0
        if indent and indent < width - 4:
            count += len(wrap_offsets(paragraph[indent:], width - indent))
        else:
            count += len(wrap_offsets(paragraph, width))
    return count


class CjkText:
    """A Rich renderable: styled text wrapped with :func:`wrap_offsets` at render width.

    Wrapping at render time (not when the text is built) means a resize or a switch between
    side-by-side and stacked layout re-wraps correctly, and spans keep their styles.
    """

    def __init__(self, text: Text, hanging: bool = False):
        self.text = text
        self.hanging = hanging

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = wrap_lines(self.text, options.max_width, self.hanging)
        out = Text("\n").join(lines)
        out.no_wrap = True
        out.overflow = "crop"
        yield out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(1, min(longest, options.max_width))
