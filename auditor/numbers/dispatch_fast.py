"""First-character dispatch for a long alternation of token patterns: the fast version of
:class:`auditor.numbers.dispatch.Alternation`.

At a position, Python's ``re`` tries the alternatives of ``A|B|C|...`` one after another,
and it can skip one cheaply only when it begins with a literal or a character class; ours
begin with a named group and an assertion (``\\b``, a look-behind), so a failing match
pays for all twenty of them. :class:`FirstCharDispatch` reads the parsed pattern once to
learn which characters each alternative can start with, and at a position tries only
those alternatives: the same first match, the same named groups, at a fraction of the
cost. The per-character patterns are memoised (bounded).

Reading a parsed pattern needs CPython's own regex parser, whose layout is stable within a
version only: it is read where it has the 3.11 layout (``re._parser``, ``re._constants``)
and nowhere else (Python 3.10 names them ``sre_parse``, ``sre_constants``), and then
:data:`AVAILABLE` is false and :func:`auditor.numbers.dispatch.alternation` gives the plain
:class:`~auditor.numbers.dispatch.Alternation`. ``tests/auditor/numbers/test_numbers_dispatch.py`` holds this to the plain computation.
"""

from __future__ import annotations

import importlib
import re
import sys
from functools import cached_property
from types import ModuleType
from typing import Any

from auditor.lazy_pattern import lazy_compile


def _regex_internals() -> tuple[ModuleType, ModuleType] | None:
    """CPython's parsed-pattern opcodes and parser, where they have the 3.11 layout."""
    if sys.implementation.name != "cpython" or sys.version_info < (3, 11):
        return None
    try:
        return importlib.import_module("re._constants"), importlib.import_module("re._parser")
    except ImportError:  # another layout
        return None


_INTERNALS = _regex_internals()
#: Whether the dispatch can read patterns here; without it every match uses the full
#: alternation (the plain computation: same matches, slower).
AVAILABLE = _INTERNALS is not None
if _INTERNALS is not None:
    sre, _parser = _INTERNALS
    _ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
    _REPEATS = tuple(
        op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op
    )
_MEMO_LIMIT = 4096
#: The ASCII digits: a class of characters that may share one pattern (see
#: :class:`FirstCharDispatch`).
DIGITS = "0123456789"


def _same(ch: str, code: int, icase: bool) -> bool:
    lit = chr(code)
    if ch == lit:
        return True
    if not icase:
        return False
    if not (ch.isascii() and lit.isascii()):
        return True  # Unicode case folding has its surprises (K, ſ): assume it can match
    return ch.lower() == lit.lower()


def _in_set(items: list[tuple[Any, Any]], ch: str, icase: bool) -> bool:
    """Whether ``ch`` may match a character class (``True`` whenever unsure)."""
    for op, av in items:
        if op is sre.NEGATE:
            return True  # a negated class matches almost anything: do not try to be clever
        if op is sre.LITERAL:
            if _same(ch, av, icase):
                return True
        elif op is sre.RANGE:
            lo, hi = av
            if icase and not (ch.isascii() and lo < 128 and hi < 128):
                return True
            if any(lo <= ord(c) <= hi for c in ({ch, ch.lower(), ch.upper()} if icase else {ch})):
                return True
        elif op is sre.CATEGORY:
            if av is sre.CATEGORY_DIGIT:
                if ch.isdecimal():
                    return True
            elif av is sre.CATEGORY_WORD:
                if ch.isalnum() or ch == "_":
                    return True
            elif av is sre.CATEGORY_SPACE:
                if ch.isspace():
                    return True
            else:
                return True
        else:
            return True
    return False


def _can_start(items: Any, ch: str, icase: bool) -> bool | None:
    """Can the sequence ``items`` match a string starting with ``ch``? ``None``: it can
    match the empty string, so the answer lies with what follows. Errs towards ``True``."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # assertions only narrow: ignoring them keeps the answer safe
        if op is sre.LITERAL:
            return _same(ch, av, icase)
        if op is sre.IN:
            return _in_set(av, ch, icase)
        if op is sre.SUBPATTERN:
            _group, add, remove, sub = av
            inner = (
                icase or bool(add & sre.SRE_FLAG_IGNORECASE)
            ) and not remove & sre.SRE_FLAG_IGNORECASE
            r = _can_start(sub, ch, inner)
            if r is None:
                continue
            return r
        if op is sre.BRANCH:
            answers = [_can_start(alt, ch, icase) for alt in av[1]]
            if any(answers):
                return True
            if None in answers:
                continue
            return False
        if op in _REPEATS:
            lo, _hi, sub = av
            r = _can_start(sub, ch, icase)
            if r:
                return True
            if lo == 0 or r is None:
                continue
            return False
        return True  # anything else (ANY, NOT_LITERAL, group references): assume it can
    return None


class FirstCharDispatch:
    """``pattern.match(text, pos)`` for ``pattern = "|".join(alternatives)``, faster.

    A character is matched with the full alternation until it has been met
    :data:`PROMOTE` times; then the alternatives that can start with it are compiled into a
    pattern of its own. Compiling costs milliseconds: only a long run earns it back, and a
    short run (a small file, a test) never pays it."""

    #: how often a character is met before it gets a pattern of its own
    PROMOTE = 200

    def __init__(
        self, alternatives: list[str], flags: int = 0, shared: tuple[str, ...] = ()
    ) -> None:
        """``shared``: classes of characters that share one pattern, the alternatives any of
        them can start with. Each of a class's characters would otherwise get a pattern of
        its own, compiled at a few milliseconds each (a document meets most digits), though
        their subsets differ by an alternative or two. The extra alternatives cannot start
        with the character at hand, so the first match is the same; they only cost a
        failed try each, which is worth it where they are few (measure before adding a
        class)."""
        self.alternatives = alternatives
        self.flags = flags
        self._class_of = {c: cls for cls in shared for c in cls}
        self.full = lazy_compile("|".join(alternatives), flags)
        #: the pattern of a promoted character (read directly by hot loops)
        self.by_char: dict[str, re.Pattern[str]] = {}
        self._seen: dict[str, int] = {}
        self._by_subset: dict[tuple[bool, ...], re.Pattern[str]] = {}
        self._class_subsets: dict[str, tuple[bool, ...]] = {}

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        if pos >= len(text):
            return self.full.match(text, pos)
        found = self.by_char.get(text[pos])
        if found is not None:
            return found.match(text, pos)
        return self.match_slow(text, pos)

    def match_slow(self, text: str, pos: int) -> re.Match[str] | None:
        """:meth:`match` for a character without a pattern of its own (yet)."""
        if not AVAILABLE:
            return self.full.match(text, pos)
        ch = text[pos]
        seen = self._seen.get(ch, 0) + 1
        if seen < self.PROMOTE:
            if len(self._seen) >= _MEMO_LIMIT:
                self._seen.clear()
            self._seen[ch] = seen
            return self.full.match(text, pos)
        return self.pattern_for(ch).match(text, pos)

    @cached_property
    def _parsed(self) -> list[Any]:
        """Each alternative parsed: read when a first character is first promoted, as
        parsing them all costs a short run more than it saves."""
        return [_parser.parse(a, self.flags) for a in self.alternatives] if AVAILABLE else []

    @cached_property
    def _icase(self) -> list[bool]:
        return [bool((self.flags | p.state.flags) & re.IGNORECASE) for p in self._parsed]

    def pattern_for(self, ch: str) -> re.Pattern[str]:
        """The alternation of the alternatives that can start with ``ch`` (compiled now)."""
        found = self.by_char.get(ch)
        if found is not None:
            return found
        keep = self._subset_of(ch)
        found = self._by_subset.get(keep)
        if found is None:
            found = self._by_subset[keep] = self._compile(keep)
        if len(self.by_char) >= _MEMO_LIMIT:
            self.by_char.clear()
        self.by_char[ch] = found
        return found

    def _can_start_with(self, ch: str) -> tuple[bool, ...]:
        """Which alternatives can start with ``ch`` (``True`` whenever unsure)."""
        return tuple(_can_start(p, ch, i) is not False for p, i in zip(self._parsed, self._icase))

    def _subset_of(self, ch: str) -> tuple[bool, ...]:
        """The alternatives ``ch``'s pattern keeps: those that can start with ``ch``, or,
        for a character of a shared class, with any character of that class."""
        shared = self._class_of.get(ch)
        if shared is None:
            return self._can_start_with(ch)
        keep = self._class_subsets.get(shared)
        if keep is None:
            subsets = [self._can_start_with(c) for c in shared]
            keep = self._class_subsets[shared] = tuple(map(any, zip(*subsets)))
        return keep

    def _compile(self, keep: tuple[bool, ...]) -> re.Pattern[str]:
        """The kept alternatives in order, then one that never matches and only declares the
        dropped alternatives' group names (so ``m.group(name)`` works as on the full one)."""
        kept = [a for a, k in zip(self.alternatives, keep) if k]
        names = [name for p, k in zip(self._parsed, keep) if not k for name in p.state.groupdict]
        if names:
            kept.append("(?!)" + "".join(f"(?P<{n}>)" for n in names))
        return re.compile("|".join(kept) or "(?!)", self.flags)
