"""Module-level regular expressions compiled when first used, not at import.

Python's ``re`` compiler is written in Python: a long alternation, or a class of CJK
ranges (each code point of a range is set one by one), costs a millisecond or more to
compile. The number readers, the sentence splitter and the rules define dozens of such
patterns at module level, and importing them compiled every one, although a one-pair
``auditor check`` uses a few of them and ``auditor rules`` none: a fifth of a short run.

:func:`lazy_compile` returns a stand-in that compiles its pattern on the first call and
from then on hands each call straight to the compiled pattern's own method (bound once,
kept on the stand-in), so a hot loop pays nothing more than with the pattern itself. The
matches are the pattern's: the stand-in only chooses when ``re.compile`` runs.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

#: The methods of :class:`re.Pattern` a stand-in forwards (bound on first use).
_METHODS = (
    "match",
    "fullmatch",
    "search",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
)


class LazyPattern:
    """``re.compile(pattern, flags)``, run when the pattern is first used.

    ``pattern`` (the source text) is known without compiling; any other attribute
    (``flags``, ``groups``, ``groupindex``) compiles the pattern and reads it there."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[Any] | None = None

    def compiled(self) -> re.Pattern[Any]:
        """The compiled pattern (compiled now if it is not yet); binds the forwarded
        methods on the stand-in, so later calls do not come back here."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self._flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
        return compiled

    # Each is called at most once per stand-in: compiling binds the compiled pattern's own
    # method under the same name on the instance, which then shadows these.
    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().fullmatch(*args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().search(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().sub(*args, **kwargs)

    def subn(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().subn(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().split(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_compiled", "_flags", "pattern"):
            raise AttributeError(name)  # (copying or unpickling an instance asks these)
        return getattr(self.compiled(), name)

    def __reduce__(self) -> tuple[Any, tuple[str | bytes, int]]:
        return lazy_compile, (self.pattern, self._flags)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags!r})"


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, compiled when first used (see :class:`LazyPattern`):
    for a pattern defined at a module's level."""
    return cast("re.Pattern[AnyStr]", LazyPattern(pattern, flags))
