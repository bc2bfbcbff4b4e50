"""The one exception the glossary package raises for input a user can fix.

The glossary package sits below ``auditor`` and must not import it, so it cannot raise
``auditor.model.InputError`` itself; the auditor converts this error to that one at its
boundary (``auditor.pipeline.load_termbase`` and the ``glossary`` command), keeping the
"one line, exit 2" promise for bad glossary files.
"""

from __future__ import annotations


class GlossaryError(Exception):
    """A glossary file that cannot be read: names the file and, when known, the line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"
