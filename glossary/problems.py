"""Problems found in a glossary file: one code per class of problem, like a linter.

Readers report what they notice while parsing (a bad ``dnt`` value, a row with too many
cells) as problems; ``glossary.lint`` adds the checks that need the whole file or several
layered files. Each code has one fixed severity and a one-line title (``docs/glossary-format.md``
lists them all). A *fatal* problem makes the file unusable for an audit: loading it raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LintSeverity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: LintSeverity
    title: str


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("GL001", "error", "missing required column (or no header row)"),
        Code("GL002", "warning", "unknown column"),
        Code("GL003", "error", "bad yes/no value in dnt or case_sensitive"),
        Code("GL004", "error", "empty required cell"),
        Code("GL005", "error", "row has more cells than the header"),
        Code("GL006", "error", "duplicate concept or English form"),
        Code("GL007", "error", "conflicting approved renderings across layered glossaries"),
        Code("GL008", "error", "approved rendering is also forbidden"),
        Code("GL009", "error", "Simplified-only character in a zh-TW cell"),
        Code("GL010", "error", "Traditional-only character in a zh-CN cell"),
        Code("GL011", "warning", "stray whitespace"),
        Code(
            "GL012", "error", "do-not-translate concept with a Chinese rendering unlike its English"
        ),
        Code("GL013", "warning", "the same alternative listed twice"),
        Code("GL014", "warning", "machine-proposed cell not yet reviewed"),
        Code("GL015", "error", "malformed TBX structure"),
    )
}


@dataclass(frozen=True)
class Problem:
    """One problem at one place: ``line`` is 1-based (0: the file as a whole)."""

    code: str
    path: str
    line: int
    message: str
    #: The glossary column concerned (``zh_tw``, ``dnt`` ...), empty when not one cell.
    column: str = ""
    #: The file cannot be loaded for an audit while this problem stands.
    fatal: bool = False

    @property
    def severity(self) -> LintSeverity:
        return CODES[self.code].severity

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.code} {self.severity}: {self.message}"
