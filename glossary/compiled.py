"""A termbase compiled once, for everything that matches text against it.

Two consumers read a termbase while an audit runs, and each needs it compiled its own way:

- the aligner (:mod:`auditor.align`) and the omission rules ask which concepts a line
  mentions (:attr:`CompiledTermbase.anchors`, :class:`glossary.anchors.TermAnchors`);
- the term rules (:mod:`auditor.checks.terms`), the locale rule that asks whether a word
  crosses a Chinese word boundary, and the review app find terms and their renderings,
  with the sense cues worked out from the termbase (:attr:`CompiledTermbase.matcher`,
  :class:`glossary.matcher.TermMatcher`, and :mod:`glossary.senses`).

:func:`compile_termbase` gives the one :class:`CompiledTermbase` of a termbase object,
and each part is built the first time it is asked for: an ``auditor align`` never pays
for the term rules' tables. Each part is also kept in the user cache under a digest of
the termbase's content (:mod:`glossary.cache`), so a new process reads it back.
"""

from __future__ import annotations

import threading
from functools import cached_property

from glossary.anchors import TermAnchors
from glossary.matcher import TermMatcher
from glossary.model import Concept, Termbase


class CompiledTermbase:
    """A termbase and what is compiled from it, each part built on first use."""

    def __init__(self, termbase: Termbase):
        self.termbase = termbase
        self.concepts: tuple[Concept, ...] = termbase.concepts

    def __len__(self) -> int:
        return len(self.concepts)

    @cached_property
    def matcher(self) -> TermMatcher:
        """Terms in English sources and their renderings in Chinese targets."""
        return TermMatcher.load(self.termbase)

    @cached_property
    def anchors(self) -> TermAnchors:
        """The concepts a line mentions, as the aligner's anchor keys."""
        return TermAnchors(self.termbase)


_COMPILED: dict[int, tuple[Termbase, CompiledTermbase]] = {}
_COMPILED_LOCK = threading.Lock()
_COMPILED_SIZE = 8


def compile_termbase(termbase: Termbase) -> CompiledTermbase:
    """The compiled form of ``termbase``, one per termbase object (held by identity: the
    termbase is kept alive here, so its id cannot be reused meanwhile)."""
    entry = _COMPILED.get(id(termbase))
    if entry is not None and entry[0] is termbase:
        return entry[1]
    with _COMPILED_LOCK:
        entry = _COMPILED.get(id(termbase))
        if entry is not None and entry[0] is termbase:
            return entry[1]
        compiled = CompiledTermbase(termbase)
        if len(_COMPILED) >= _COMPILED_SIZE:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[id(termbase)] = (termbase, compiled)
        return compiled
