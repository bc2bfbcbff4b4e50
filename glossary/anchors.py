"""Which glossary concepts a line mentions: the aligner's term anchors.

The aligner (:mod:`auditor.align`) pairs an English line with the Chinese line that
mentions the same concepts; the omission rules count the concepts a translation lost.
Both ask :class:`TermAnchors`, part of the compiled termbase
(:class:`glossary.compiled.CompiledTermbase`), for ``t:<concept number>`` keys.
"""

from __future__ import annotations

import re
import sys

import ahocorasick  # type: ignore[import-not-found]  # pyahocorasick ships no stubs

from glossary.anchors_fast import en_words, utf8_chars
from glossary.cache import cached, termbase_digest
from glossary.matcher import plurals
from glossary.model import Termbase


class TermAnchors:
    """Finds which glossary concepts a line mentions, on each side (``t:`` keys).

    One Aho–Corasick automaton per language (pyahocorasick, in C) finds every form in a
    single pass, where a regex alternation of 1,000 forms would be tried at every
    character. English is matched as word sequences, with a plural ``s`` dropped and
    hyphens equal to spaces (``rack-scale retimers`` matches ``rack scale retimer``):
    the words are joined with single spaces and every form is padded with spaces, so a
    match always covers whole words. Chinese is matched as substrings. At each starting
    place only the longest form counts (``rack scale retimer``, not also ``rack``).
    """

    def __init__(self, termbase: Termbase):
        # Kept in the user cache per termbase content (:mod:`glossary.cache`, whose key
        # covers this package's code).
        self._en, self._zh = cached(
            "align-anchors", termbase_digest(termbase), lambda: _anchor_automata(termbase)
        )

    def keys(self, text: str, lang: str) -> frozenset[str]:
        if lang == "en":
            automaton = self._en
            if automaton is None:
                return frozenset()
            haystack = _PLURAL_S.sub("", en_words(text))  # _en_phrase, in C
        else:
            automaton = self._zh
            if automaton is None:
                return frozenset()
            haystack = utf8_chars(text.casefold())  # its forms are spelled so too
        # An English match ends on the space after its last word; its length counts the
        # space before the first word but not that one, so the start is a word's start.
        # (Chinese matches are in UTF-8 bytes, :func:`glossary.anchors_fast.utf8_chars`.)
        longest: dict[int, tuple[int, str]] = {}
        for end, found in automaton.iter(haystack):
            start = end - found[0] + 1
            best = longest.get(start)
            if best is None or found[0] > best[0]:
                longest[start] = found
        return frozenset(anchor for _, anchor in longest.values())


def _anchor_automata(
    termbase: Termbase,
) -> tuple[ahocorasick.Automaton | None, ahocorasick.Automaton | None]:
    """The English and the Chinese automaton of :class:`TermAnchors` (the Chinese forms
    spelled in UTF-8 bytes, :func:`glossary.anchors_fast.utf8_chars`)."""
    en_forms: dict[str, tuple[int, str]] = {}
    zh_forms: dict[str, tuple[int, str]] = {}
    for index, concept in enumerate(termbase.concepts):
        if concept.context:  # an ordinary word with a domain sense: too common to anchor
            continue
        anchor = sys.intern(f"t:{index}")
        for form in concept.english_forms:
            for key in _en_keys(form):
                en_forms.setdefault(key, (len(key) - 1, anchor))
        # Either script will do (the translation may be zh-TW or zh-CN), and a
        # forbidden rendering is wrong but still shows the concept is there: machine
        # translation produces exactly those.
        for form in (*concept.zh_tw, *concept.zh_cn, *concept.forbidden):
            key = utf8_chars(form.strip().casefold())
            if key and not concept.dnt:
                zh_forms.setdefault(key, (len(key), anchor))
    return _automaton(en_forms), _automaton(zh_forms)


def _en_keys(form: str) -> list[str]:
    """A term form, and the form with its last word in the plural (the glossary
    matcher's rule: ``gearboxes``, ``technologies``), as :func:`_en_phrase` leaves them."""
    words = form.split()
    if not words:
        return []
    forms = [form, *(" ".join([*words[:-1], p]) for p in plurals(words[-1]))]
    return [key for key in dict.fromkeys(map(_en_phrase, forms)) if key.strip()]


def _automaton(forms: dict[str, tuple[int, str]]) -> ahocorasick.Automaton | None:
    """An automaton whose value for each form is ``(match length, anchor key)``."""
    if not forms:
        return None
    automaton = ahocorasick.Automaton()
    for form, value in forms.items():
        automaton.add_word(form, value)
    automaton.make_automaton()
    return automaton


_EN_WORD = re.compile(r"[a-z0-9]+")
#: A plural ``s``: ending a word of four or more characters, not after another ``s``.
#: (The literal first lets the regex engine skip ahead to each ``s``.)
_PLURAL_S = re.compile(r"s(?<=[a-z0-9]{3}s)(?<!ss)(?= )")


def _en_phrase(text: str) -> str:
    """Case-folded words, a plural ``s`` dropped (``Retimers`` -> ``retimer``), joined
    by single spaces with one before and after: `` rack scale retimer ``. (Lines are
    read with :func:`glossary.anchors_fast.en_words`, which finds the words in C.)"""
    return _PLURAL_S.sub("", " " + " ".join(_EN_WORD.findall(text.casefold())) + " ")
