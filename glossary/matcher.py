"""Exact term matching for English sources and Chinese (Traditional or Simplified) targets.

Why not a loop of ``str.find`` per term: with hundreds of concepts and a hundred thousand
segments that is far too slow, and a naive substring test on Chinese (no spaces) reports
``晶片`` inside ``小晶片``. So:

- **English**: one compiled pattern (a trie of every term form, with generated plurals)
  finds terms on word boundaries, hyphen and space interchangeable (``scale-up`` =
  ``scale up``), leftmost-longest (``Aries 6 Retimer`` beats ``retimer``); an index keyed
  by case-folded tokens says which concept a match is, case per concept. An Aho-Corasick
  automaton of the terms' first words says where a term can start, so the pattern is only
  tried there.
- **Chinese**: text and glossary strings are folded to one script character by character
  (an OpenCC ``t2s`` table built once, so a zh-CN entry matches zh-TW text and back and
  offsets never move), full-width forms and case are folded, spaces ignored. The
  renderings of all the concepts of a source are found at once: with ``str.find`` per
  string for a sentence (a few dozen scans in C), or with one Aho-Corasick automaton
  (pyahocorasick) over every concept's strings when the target is long (a document on
  one line), where one pass beats thousands of scans.
- **Token boundaries**: jieba (with every glossary rendering loaded as a user word) runs
  only on a small window around a candidate hit, to confirm the hit starts and ends on
  word boundaries. It is slow, so it is used where a false alarm would cost a reviewer
  (forbidden renderings), not on every approved rendering; its dictionary is read
  lazily (:mod:`glossary.segmenter`), so a process does not pay for loading all of it.

The matcher is part of the compiled termbase (:mod:`glossary.compiled`), built once per
termbase; its tables are also kept in the user cache by the termbase's content
(:mod:`glossary.cache`).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, chain
from typing import NamedTuple

import ahocorasick  # type: ignore[import-not-found]  # pyahocorasick ships no stubs

from glossary.cache import cached, termbase_digest
from glossary.fold import fold_zh
from glossary.model import Concept, Termbase
from glossary.senses import cue_words, lend_senses


@dataclass(frozen=True)
class FoldedText:
    """A target text, its folded form (same length, so offsets are shared) and the folded
    form without spaces (``compact``), where glossary strings are looked up with
    ``str.find``: spacing around Latin words varies (``PCIe交換器`` / ``PCIe 交換器``)."""

    original: str
    folded: str
    compact: str

    @classmethod
    def of(cls, text: str) -> FoldedText:
        folded = fold_zh(text)
        # One per segment: the fields go straight into the instance dictionary, sparing
        # the frozen ``__init__``'s ``object.__setattr__`` call per field.
        self = object.__new__(cls)
        self.__dict__.update(
            original=text,
            folded=folded,
            compact=folded.replace(" ", "") if " " in folded else folded,
        )
        return self

    @property
    def _space_marks(self) -> list[int]:
        """For each removed space, in order, the ``compact`` offset it sat before.

        Non-decreasing, so the number of spaces removed before a ``compact`` offset is a
        bisection (spaces are few in Chinese text; a table per character is not needed).
        Worked out on first use and kept (a plain property: ``cached_property`` takes a
        lock on every first use, which costs more than the work here).
        """
        marks = self.__dict__.get("_marks")
        if marks is None:
            # The k-th space sat before as many characters as the first k + 1 runs
            # between spaces hold (runs counted in C: split, len, accumulate).
            runs = self.folded.split(" ")
            runs.pop()
            marks = self.__dict__["_marks"] = list(accumulate(map(len, runs)))
        return marks

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of a ``compact`` ``[start, end)``."""
        if self.compact is self.folded:
            return start, end
        marks = self._space_marks
        return start + bisect_right(marks, start), end + bisect_right(marks, end - 1)


def _pattern(string: str, latin_bounds: bool, plural: bool = False) -> re.Pattern[str]:
    """A folded glossary string as a pattern that ignores spacing between characters.

    ``PCIe 交換器`` matches ``PCIe交換器`` and ``非 GAAP`` matches ``非GAAP``. English forms
    also need Latin word boundaries (``PCIe`` is not inside ``PCIex``).
    """
    chars = [c for c in string if not c.isspace()]
    body = r"\s*".join(re.escape(c) for c in chars)
    if plural and chars and chars[-1].isalpha():
        body += "(?:e?s)?"  # Gearboxes, ASICs kept in English
    if latin_bounds:
        body = r"(?<![a-z0-9])" + body + r"(?![a-z0-9])"
    return re.compile(body)


# ---------------------------------------------------------------------------
# English side
# ---------------------------------------------------------------------------

#: Abbreviations with dots (U.S.), decimals (6.0), then words that may carry & + '.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:\.\d+)+|[A-Za-z0-9&]+\+?")
#: What may sit between two words of one term: spaces, one hyphen or slash.
_GAP = re.compile(r"\s*[-/\u2010\u2011\u2013]?\s*")
#: The dashes of :data:`_GAP` other than ``-``, which the text the term patterns match has
#: as ``-`` (:data:`_TERMS_LOWER`): a class of ASCII characters compiles in a tenth of the
#: time of one that also holds these (a table of the whole Basic Multilingual Plane).
_DASHES = "\u2010\u2011\u2013"
#: :data:`_GAP` for that text.
_ASCII_GAP = r"\s*[-/]?\s*"


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def plurals(word: str) -> tuple[str, ...]:
    """Regular plural (and third-person) forms of the last word of a term."""
    if not word.isalpha() or len(word) < 2:
        return ()
    if word.isupper() or any(c.isupper() for c in word[1:]):  # acronym: ASICs, DSOs, NICs
        return (word + "s",)
    lower = word.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return (word + "es",)
    if lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiou":
        return (word[:-1] + "ies",)
    return (word + "s",)


class SourceHit(NamedTuple):
    """A term found in the English source: which concept, where, and the surface form.

    (Named tuples, not dataclasses: hits are made by the million and a tuple is cheap.)
    """

    concept: int
    start: int
    end: int
    text: str


class TargetHit(NamedTuple):
    """A rendering found in the Chinese target (offsets into the original target)."""

    concept: int
    start: int
    end: int
    text: str
    #: ``approved``, ``forbidden`` or ``english`` (the English form kept verbatim).
    kind: str


@dataclass(frozen=True)
class _Entry:
    concept: int
    #: Exact tokens when the concept is case-sensitive, else ``None``.
    exact: tuple[str, ...] | None


@dataclass(frozen=True)
class ConceptForms:
    """A concept's strings folded and without spaces, for target matching.

    ``items`` holds every string with its kind, longest first, so that overlapping hits
    resolve leftmost-longest.
    """

    approved: tuple[str, ...]
    forbidden: tuple[str, ...]
    english: tuple[str, ...]
    items: tuple[tuple[str, str], ...]
    #: ``items`` by their first character.
    by_initial: dict[str, tuple[tuple[str, str, bool], ...]]

    @cached_property
    def ordered(self) -> tuple[tuple[str, str, bool], ...]:
        """``(string, kind, latin)`` in the order that breaks ties between hits of equal
        span (``by_initial`` flattened: the order the strings were always tried in)."""
        return tuple(chain.from_iterable(self.by_initial.values()))

    @cached_property
    def searched_by_initial(
        self,
    ) -> tuple[tuple[str, tuple[tuple[str, str, bool, int, int], ...]], ...]:
        """:attr:`searched` grouped by the strings' first character."""
        groups: dict[str, list[tuple[str, str, bool, int, int]]] = {}
        for item in self.searched:
            groups.setdefault(item[0][0], []).append(item)
        return tuple((initial, tuple(group)) for initial, group in groups.items())

    @cached_property
    def searched(self) -> tuple[tuple[str, str, bool, int, int], ...]:
        """``ordered`` with each string's rank and length: ``(string, kind, latin, order,
        length)``."""
        return tuple((*item, order, len(item[0])) for order, item in enumerate(self.ordered))


class TermMatcher:
    """Everything the matcher needs from a termbase, built once (as part of the compiled
    termbase, :class:`glossary.compiled.CompiledTermbase`)."""

    def __init__(self, termbase: Termbase, built: dict[str, object] | None = None):
        """Compile ``termbase``; or, with ``built`` (what :meth:`built` returned for a
        termbase of the same content), take the compiled tables from there."""
        self.termbase = termbase
        self.concepts: tuple[Concept, ...] = termbase.concepts
        if built is not None:
            self.__dict__.update(built)
        else:
            self._compile()
        #: The English-terms pattern per first word, or set of first words, met at an
        #: offset (:meth:`_pattern_for`), each compiled the first time it is needed.
        self._term_res: dict[str | frozenset[str], re.Pattern[str]] = {}
        self._lookups: dict[str, int | None] = {}
        self._bounds: dict[str, frozenset[int]] = {}
        self._heads: dict[tuple[str, str], bool] = {}
        self._zh_index: dict[str, list[tuple[int, str, re.Pattern[str]]]] | None = None
        self._zh_ac: ahocorasick.Automaton | None = None
        self._build_lock = threading.Lock()
        self._jieba = None
        self._jieba_lock = threading.Lock()

    def _compile(self) -> None:
        self._index: dict[tuple[str, ...], list[_Entry]] = {}
        self._first: dict[str, int] = {}
        self.forms: list[ConceptForms] = []
        #: Senses lent between words and the terms that contain them (glossary/senses.py):
        #: forbidden renderings lent to each concept, and each concept's cue words
        #: (``None``: checked in every sentence).
        lent, lent_cues = lend_senses(self.concepts)
        self.lent: list[tuple[str, ...]] = lent
        #: ``lent`` folded and without spaces, as target hits are compared.
        self.lent_folded: list[frozenset[str]] = [
            frozenset(_compact(s) for s in strings) for strings in lent
        ]
        self.cues: list[frozenset[str] | None] = cue_words(self.concepts, lent_cues)
        for number, concept in enumerate(self.concepts):
            self._add_english(number, concept)
            self.forms.append(_concept_forms(concept, lent[number]))
        self._starts_ac: ahocorasick.Automaton = _starts_automaton(self._index)

    def built(self) -> dict[str, object]:
        """The tables :meth:`_compile` built: plain data, what the cache keeps
        (:meth:`load`)."""
        return {name: self.__dict__[name] for name in _BUILT}

    @classmethod
    def load(cls, termbase: Termbase) -> TermMatcher:
        """The matcher of ``termbase``, its tables read from the user cache
        (:mod:`glossary.cache`, under a digest of the termbase's content) or compiled."""
        built = cached(
            "compiled-termbase", termbase_digest(termbase), lambda: cls(termbase).built()
        )
        return cls(termbase, built)

    # -- English ------------------------------------------------------------------

    def _add_english(self, number: int, concept: Concept) -> None:
        for form in concept.english_forms:
            toks = [t for _, _, t in _tokens(form)]
            if not toks:
                continue
            variants = [toks] + [toks[:-1] + [p] for p in plurals(toks[-1])]
            for variant in variants:
                key = tuple(t.casefold() for t in variant)
                entry = _Entry(number, tuple(variant) if concept.case_sensitive else None)
                bucket = self._index.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
                self._first[key[0]] = max(self._first.get(key[0], 0), len(key))

    def match_source(self, text: str) -> list[SourceHit]:
        """Every term in ``text``, leftmost-longest, non-overlapping, in text order.

        One regular expression over every term form (a trie of their words, so the regex
        engine makes one pass in C) finds the terms; the index then says which concept a
        match is and checks case where the concept asks for it. The pattern is tried only
        where a term's first word starts a word (:meth:`_term_starts`), which gives the
        same matches as searching everywhere, several times faster.
        """
        lowered = None
        hits: list[SourceHit] = []
        position = 0
        starts = self._term_starts(text)
        lookups = self._lookups
        for at in sorted(starts):
            if at < position:
                continue
            known, firsts = starts[at]
            if known:  # a one-word term whose first word begins no longer term
                end = at + known
            else:
                if lowered is None:  # same length as ``text``; the pattern is lower case
                    lowered = text.lower() if text.isascii() else text.translate(_TERMS_LOWER)
                term_re = self._term_res.get(firsts) or self._pattern_for(firsts)
                match = term_re.match(lowered, at)
                if match is None:
                    continue
                end = match.end()
            surface = text[at:end]
            found = lookups.get(surface, _UNKNOWN)
            if found is _UNKNOWN:
                found = self._lookup(surface)
            if found is None:  # e.g. a case-sensitive form in the wrong case: try shorter
                longest = self._longest_at(text, at)
                found, end = (longest[0], longest[1]) if longest else (None, at + 1)
                surface = text[at:end]
            if found is not None:
                hits.append(_new(SourceHit, (found, at, end, surface)))
            position = end
        return hits

    def _pattern_for(self, firsts: str | frozenset[str]) -> re.Pattern[str]:
        """The pattern of the terms whose first word is ``firsts`` (one word, or a set of
        them: the first words of every key :meth:`_term_starts` found at an offset).

        At an offset only the terms whose first word the automaton found there can match
        (it finds a superset of where each term can match), and a trie pattern of just
        those terms makes the same choice there as one of every term: the branches left
        out fail at that offset anyway, and every node the match may end on keeps its
        term. So each pattern is small, and only those for the first words a text meets
        are compiled (a pattern of every term takes a quarter of a second).
        """
        words = _word_set(firsts)
        by_first = self._keys_by_first
        pattern = _terms_pattern(
            (key for word in words for key in by_first.get(word, ())), gap=_ASCII_GAP
        )
        with self._build_lock:
            if len(self._term_res) < _LOOKUP_CACHE:
                pattern = self._term_res.setdefault(firsts, pattern)
        return pattern

    @cached_property
    def _keys_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        """The index's keys by their first word."""
        groups: dict[str, list[tuple[str, ...]]] = {}
        for key in self._index:
            groups.setdefault(key[0], []).append(key)
        return groups

    def _term_starts(self, text: str) -> dict[int, tuple[int, str | frozenset[str]]]:
        """Offsets where a term can start: a term's first word, not preceded by a letter,
        digit or ``&``, and followed by what the term needs next (the end of a word, or
        its second word). A superset of where the pattern can match, and a small one: it
        is tried only there.

        Each offset maps to ``(length, first words)``. The length of the match is known
        (not 0) when a one-word term is found alone at that offset: that is what the
        pattern would match there. The pattern could only go further through a longer
        first word or a second word, and either would have matched a key of its own at
        the same offset (a term of several words has keys for its second word after no
        gap, one gap character, or two or more); with two candidates the length is 0, and
        the pattern of the first words found there (:meth:`_pattern_for`) decides.

        The text is mapped to ASCII word characters (lower case) and blanks, one byte per
        character (``&.+`` kept: they belong to tokens; any gap between words becomes
        blanks), and one automaton (:func:`_starts_automaton`) finds them in one pass.
        """
        automaton = self._starts_ac
        mapped = text.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii")
        starts: dict[int, tuple[int, str | frozenset[str]]] = {}
        for last, (offset, found) in automaton.iter(f" {mapped} "):
            seen = starts.setdefault(last - offset, found)
            if seen is not found:  # two candidates: the pattern of both first words decides
                # (Each key of the automaton has a value of its own, and a key ends at
                # most once where it starts.)
                starts[last - offset] = (0, _union(seen[1], found[1]))
        return starts

    def _lookup(self, surface: str) -> int | None:
        """The concept of a matched surface form (memoised: texts repeat their terms)."""
        cache = self._lookups
        if surface in cache:
            return cache[surface]
        words = _TOKEN.findall(surface)
        found = None
        for entry in self._index.get(tuple(w.casefold() for w in words), ()):
            if entry.exact is None or entry.exact == tuple(words):
                found = entry.concept
                break
        if len(cache) < _LOOKUP_CACHE:
            cache[surface] = found
        return found

    def _longest_at(self, text: str, start: int) -> tuple[int, int] | None:
        """The longest term starting at ``start``: ``(concept, end)``."""
        first = _TOKEN.match(text, start)
        if first is None:
            return None
        longest = self._first.get(first.group().casefold())
        if longest is None:
            return None
        toks = [first]
        while len(toks) < longest:
            gap = _GAP.match(text, toks[-1].end())
            nxt = _TOKEN.match(text, gap.end()) if gap else None
            if nxt is None:
                break
            toks.append(nxt)
        for size in range(len(toks), 0, -1):
            words = [t.group() for t in toks[:size]]
            entries = self._index.get(tuple(w.casefold() for w in words))
            if not entries:
                continue
            exact = tuple(words)
            for entry in entries:
                if entry.exact is None or entry.exact == exact:
                    return entry.concept, toks[size - 1].end()
        return None

    # -- Chinese ------------------------------------------------------------------

    def find_renderings(
        self, target: FoldedText, concept: int, *, check_boundaries: bool = True
    ) -> list[TargetHit]:
        """Approved, forbidden and English-form occurrences of one concept in ``target``.

        Leftmost-longest and non-overlapping: a forbidden string inside a longer approved
        one is part of the approved hit (擴展 in 縱向擴展), an approved string inside a
        longer forbidden one part of the forbidden hit (應用 in 應用程式). Latin forms need
        Latin word boundaries and may carry a plural (Gearboxes). With
        ``check_boundaries``, forbidden hits must also start and end on jieba token
        boundaries (:meth:`on_boundaries`); callers that filter hits first pass ``False``
        and check the survivors themselves, since jieba is the slow part.
        """
        found = self.renderings(target, (concept,), check_boundaries=check_boundaries)
        return found.get(concept, [])

    def renderings(
        self, target: FoldedText, concepts: Collection[int], *, check_boundaries: bool = False
    ) -> dict[int, list[TargetHit]]:
        """:meth:`find_renderings` of several concepts at once (those without any
        occurrence are left out of the result).

        Occurrences of the concepts' strings are found either with ``str.find`` per
        string (a sentence with a handful of source terms: a few dozen scans in C) or,
        when the strings are many for the length of the target (a whole document on one
        line), with one pass of an automaton over every concept's strings; both give the
        same occurrences. Each concept's occurrences are then resolved leftmost-longest.
        """
        folded = target.folded
        keep = (
            (lambda start, end, kind: kind != "forbidden" or self.on_boundaries(folded, start, end))
            if check_boundaries
            else None
        )
        found = self._occurrences(target, concepts)
        return {
            concept: _resolved(concept, items, target.original, keep)
            for concept, items in found.items()
        }

    def renderings_by_kind(
        self, target: FoldedText, concepts: Collection[int]
    ) -> dict[int, tuple[tuple[TargetHit, ...], tuple[TargetHit, ...], tuple[TargetHit, ...]]]:
        """:meth:`renderings` (without boundary checks), each concept's hits split by kind:
        ``concept -> (approved, english, forbidden)``, each in text order (what the term
        rules ask for)."""
        result = {}
        original = target.original
        for concept, items in self._occurrences(target, concepts).items():
            kinds: dict[str, list[TargetHit]] = {"approved": [], "english": [], "forbidden": []}
            for hit in _resolved(concept, items, original):
                kinds[hit.kind].append(hit)
            result[concept] = (
                tuple(kinds["approved"]),
                tuple(kinds["english"]),
                tuple(kinds["forbidden"]),
            )
        return result

    def _occurrences(
        self, target: FoldedText, concepts: Collection[int]
    ) -> dict[int, list[tuple[int, int, int, int, str]]]:
        """Occurrences of the concepts' strings, found either with ``str.find`` per string
        or with the automaton, whichever costs less for the target (see
        :meth:`renderings`)."""
        compact = target.compact
        strings = sum(map(self._item_counts.__getitem__, concepts))
        if strings * (len(compact) + _FIND_CALL) > _AUTOMATON_STEP * len(compact):
            return self._occurrences_automaton(target, concepts)
        return self._occurrences_find(target, concepts)

    @cached_property
    def _item_counts(self) -> list[int]:
        """How many strings each concept has (the cost of finding its renderings)."""
        return [len(forms.items) for forms in self.forms]

    def _occurrences_find(
        self, target: FoldedText, concepts: Collection[int]
    ) -> dict[int, list[tuple[int, int, int, int, str]]]:
        """``concept -> [(start, start - end, order, end, kind)]`` with ``str.find``."""
        compact, folded = target.compact, target.folded
        find = compact.find
        # Offsets in ``compact`` map back past the spaces removed before them (the
        # arithmetic of :meth:`FoldedText.span`, inlined: this runs for every occurrence).
        marks = None if compact is folded else target._space_marks
        found: dict[int, list[tuple[int, int, int, int, str]]] = {}
        forms = self.forms
        for concept in concepts:
            bucket = None
            for initial, group in forms[concept].searched_by_initial:
                # Strings sharing a first character share one cheap test for it (a
                # one-character ``in`` is a fraction of a ``str.find`` of a string).
                if initial not in compact:
                    continue
                for string, kind, latin, order, size in group:
                    at = find(string)
                    while at >= 0:
                        if marks is None:
                            start, end = at, at + size
                        else:
                            start = at + bisect_right(marks, at)
                            end = at + size + bisect_right(marks, at + size - 1)
                        if latin:
                            end = _latin_word(folded, start, end)
                        if end:
                            if bucket is None:
                                bucket = found[concept] = []
                            bucket.append((start, start - end, order, end, kind))
                        at = find(string, at + 1)
        return found

    def _occurrences_automaton(
        self, target: FoldedText, concepts: Collection[int]
    ) -> dict[int, list[tuple[int, int, int, int, str]]]:
        """The same as :meth:`_occurrences_find`, in one pass over the target."""
        compact, folded = target.compact, target.folded
        found: dict[int, list[tuple[int, int, int, int, str]]] = {}
        for last, (length, latin, entries) in self._zh_automaton().iter(compact):
            span = None
            for concept, kind, order in entries:
                if concept not in concepts:
                    continue
                if span is None:
                    start, end = target.span(last + 1 - length, last + 1)
                    if latin:
                        end = _latin_word(folded, start, end)
                    span = (start, end)
                    if not end:
                        break
                bucket = found.get(concept)
                if bucket is None:
                    bucket = found[concept] = []
                bucket.append((start, start - end, order, end, kind))
        return found

    def _zh_automaton(self) -> ahocorasick.Automaton:
        """Every concept's folded strings in one automaton: string -> ``(length, latin,
        ((concept, kind, order), ...))``, where ``order`` ranks a concept's strings as
        :class:`ConceptForms` lists them (longest first; approved before English before
        forbidden)."""
        automaton = self._zh_ac
        if automaton is None:
            with self._build_lock:
                automaton = self._zh_ac
                if automaton is None:
                    entries: dict[str, list[tuple[int, str, int]]] = {}
                    for number, forms in enumerate(self.forms):
                        for order, (string, kind, _latin) in enumerate(forms.ordered):
                            entries.setdefault(string, []).append((number, kind, order))
                    automaton = ahocorasick.Automaton()
                    for string, values in entries.items():
                        automaton.add_word(string, (len(string), string.isascii(), tuple(values)))
                    automaton.make_automaton()
                    self._zh_ac = automaton
        return automaton

    def match_target(self, text: str) -> list[TargetHit]:
        """Every approved or forbidden rendering of any concept in ``text`` (all overlaps).

        For tools that look at a Chinese text alone (glossary suggestions, the review
        app's highlighting); the term rules use :meth:`find_renderings` on the concepts
        found in the source instead.
        """
        index = self._target_index()
        folded = fold_zh(text)
        hits: list[TargetHit] = []
        for i in range(len(folded) - 1):
            bucket = index.get(folded[i : i + 2])
            if not bucket:
                continue
            for concept, kind, pattern in bucket:
                match = pattern.match(folded, i)
                if match:
                    hits.append(TargetHit(concept, i, match.end(), text[i : match.end()], kind))
        return hits

    def _target_index(self) -> dict[str, list[tuple[int, str, re.Pattern[str]]]]:
        if self._zh_index is None:
            index: dict[str, list[tuple[int, str, re.Pattern[str]]]] = {}
            for number, forms in enumerate(self.forms):
                for kind, strings in (("approved", forms.approved), ("forbidden", forms.forbidden)):
                    for string in strings:
                        if len(string) >= 2 and not string.isascii():
                            index.setdefault(string[:2], []).append(
                                (number, kind, _pattern(string, latin_bounds=False))
                            )
            self._zh_index = index
        return self._zh_index

    # -- token boundaries ------------------------------------------------------------

    def on_boundaries(self, folded: str, start: int, end: int) -> bool:
        """Whether ``folded[start:end]`` starts and ends on jieba token boundaries.

        jieba runs on a window of a few characters either side of the hit only.
        """
        if start > 0 and folded[start - 1] in _LATIN and folded[start] in _LATIN:
            return False
        if end < len(folded) and folded[end - 1] in _LATIN and folded[end] in _LATIN:
            return False
        lo, hi = max(0, start - _WINDOW), min(len(folded), end + _WINDOW)
        bounds = self._window_bounds(folded[lo:hi])
        return start - lo in bounds and end - lo in bounds

    def crosses_word(self, folded: str, start: int, end: int) -> bool:
        """Whether ``folded[start:end]`` straddles two words: a jieba token boundary falls
        inside it and it does not start and end on boundaries (季增 in 本季|增长 does; 信息
        inside the one token 信息技術 does not)."""
        lo, hi = max(0, start - _WINDOW), min(len(folded), end + _WINDOW)
        bounds = self._window_bounds(folded[lo:hi])
        inside = any(start - lo < b < end - lo for b in bounds)
        return inside and not (start - lo in bounds and end - lo in bounds)

    def forbidden_on_boundaries(self, folded: str, start: int, end: int) -> bool:
        """Whether a forbidden hit at ``folded[start:end]`` is a word of the text: on token
        boundaries (:meth:`on_boundaries`), or the head of a longer word.

        Chinese compounds are head-final, and jieba cuts some modifier + head phrases as
        one token: 具體指導 (concrete guidance) is one token, yet 指導 is its head and the
        wrong word for *guidance*. So a hit that ends a token and is one of its sub-words
        in jieba's search mode (the sub-words ``cut_for_search`` gives) counts too, unless
        the token is a rendering the glossary approves (晶片 inside 小晶片, a chiplet, is
        not a hit: that word is a term of its own).
        """
        if self.on_boundaries(folded, start, end):
            return True
        if end < len(folded) and folded[end - 1] in _LATIN and folded[end] in _LATIN:
            return False
        lo, hi = max(0, start - _WINDOW), min(len(folded), end + _WINDOW)
        window = folded[lo:hi]
        bounds = self._window_bounds(window)
        if end - lo not in bounds:
            return False
        token_start = max(b for b in bounds if b <= start - lo)
        return self._is_head(window[token_start : end - lo], folded[start:end])

    def _is_head(self, token: str, head: str) -> bool:
        """Whether ``head`` ends ``token`` as a search-mode sub-word, ``token`` not being
        an approved rendering (memoised per pair)."""
        key = (token, head)
        cached = self._heads.get(key)
        if cached is None:
            cached = (
                token.endswith(head)
                and token not in self._approved_strings
                and head in self._tokenizer().cut_for_search(token, HMM=False)
            )
            if len(self._heads) < _LOOKUP_CACHE:
                self._heads[key] = cached
        return cached

    @cached_property
    def _approved_strings(self) -> frozenset[str]:
        """Every approved rendering of the termbase, folded and without spaces."""
        return frozenset(a for forms in self.forms for a in forms.approved)

    def _window_bounds(self, window: str) -> frozenset[int]:
        """Token boundaries of a window (memoised: a document repeats its phrases)."""
        cached = self._bounds.get(window)
        if cached is None:
            position, bounds = 0, {0, len(window)}
            for token in self._tokenizer().cut(window, HMM=False):
                position += len(token)
                bounds.add(position)
            cached = frozenset(bounds)
            if len(self._bounds) < _LOOKUP_CACHE:
                self._bounds[window] = cached
        return cached

    def _tokenizer(self):
        if self._jieba is None:
            with self._jieba_lock:
                if self._jieba is None:
                    self._jieba = _build_tokenizer(self.forms)
        return self._jieba


_WINDOW = 6


def _build_tokenizer(forms: Sequence[ConceptForms]):
    """A private jieba tokenizer (the global one is left alone) knowing every rendering
    (:mod:`glossary.segmenter`: its dictionary is read lazily, so it starts fast)."""
    from glossary.segmenter import build_tokenizer

    return build_tokenizer(
        s for f in forms for s in (*f.approved, *f.forbidden) if not any(c.isascii() for c in s)
    )


def _concept_forms(concept: Concept, lent: Sequence[str] = ()) -> ConceptForms:
    approved = tuple(a for a in _unique(_compact(s) for s in (*concept.zh_tw, *concept.zh_cn)) if a)
    english = tuple(
        e
        for e in _unique(_compact(unicodedata.normalize("NFKC", s)) for s in concept.english_forms)
        if e and e not in approved
    )
    forbidden = tuple(
        f
        for f in _unique(_compact(s) for s in (*concept.forbidden, *lent))
        if f and f not in approved
    )
    items = [(a, "approved") for a in approved] + [(e, "english") for e in english]
    items += [(f, "forbidden") for f in forbidden]
    items.sort(key=lambda item: -len(item[0]))  # stable: approved before forbidden on ties
    return ConceptForms(
        approved=approved,
        forbidden=forbidden,
        english=english,
        items=tuple(items),
        by_initial={
            ch: tuple((string, kind, string.isascii()) for string, kind in items if string[0] == ch)
            for ch in dict.fromkeys(string[0] for string, _ in items)
        },
    )


def _latin_word(folded: str, start: int, end: int) -> int:
    """End of a Latin form at ``[start, end)`` as a whole word (with an ``s``/``es``
    plural), or 0 when it is part of a longer Latin word."""
    if start > 0 and folded[start - 1] in _LATIN and folded[start] in _LATIN:
        return 0
    if end < len(folded) and folded[end - 1] in _LATIN and folded[end] in _LATIN:
        for suffix in ("es", "s"):
            stop = end + len(suffix)
            if folded.startswith(suffix, end) and (
                stop == len(folded) or folded[stop] not in _LATIN
            ):
                return stop
        return 0
    return end


def _compact(string: str) -> str:
    """Folded, without spaces (patterns allow any spacing between characters)."""
    return "".join(fold_zh(string).split())


def _unique(strings: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(strings))


#: ASCII letters and digits: what a Latin word is made of.
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


_SEPARATOR = "\x00"
#: Named tuples made without their Python-level ``__new__`` (a C call: hits are many).
_new = tuple.__new__
#: A surface form not looked up yet (``None`` is a cached "no concept").
_UNKNOWN = object()
#: Costs for choosing between ``str.find`` per string and the automaton (measured on the
#: benchmark corpus's pairs and on 300 of them as one line of 34,000 characters, with the
#: first-character test that spares most calls), in characters that one ``str.find``
#: scans: a call costs about as much as scanning this many characters ...
_FIND_CALL = 250
#: ... and the automaton's step over one character as much as scanning this many.
_AUTOMATON_STEP = 400
_LOOKUP_CACHE = 100_000
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
#: What the term patterns match: ASCII lower case, and the dashes of a gap as ``-`` (no
#: term holds one, so only the gap sees them, and :data:`_ASCII_GAP` takes ``-``).
_TERMS_LOWER = {**_ASCII_LOWER, **{ord(dash): ord("-") for dash in _DASHES}}
#: Bytes -> lower-case letters, digits and the other characters of a token (``&.+``) kept,
#: everything else a blank (non-ASCII characters arrive as ``?``).
_WORD_BYTES = bytes(
    b
    if chr(b).isascii() and (chr(b).isdigit() or chr(b).islower() or chr(b) in "&.+")
    else b + 32
    if 65 <= b <= 90
    else 32
    for b in range(256)
)


def _resolved(
    concept: int,
    items: list[tuple[int, int, int, int, str]],
    original: str,
    keep: Callable[[int, int, str], bool] | None = None,
) -> list[TargetHit]:
    """A concept's occurrences ``(start, start - end, order, end, kind)`` resolved
    leftmost-longest, as hits in text order: longest first at each start, and on a tie
    the string listed first (approved before English before forbidden; ``order`` is unique
    in a concept). An occurrence ``keep`` refuses leaves its span to the others."""
    if len(items) > 1:
        items.sort()
    hits: list[TargetHit] = []
    last_end = -1
    for start, _, _, end, kind in items:
        if start < last_end or (keep is not None and not keep(start, end, kind)):
            continue
        hits.append(_new(TargetHit, (concept, start, end, original[start:end], kind)))
        last_end = end
    return hits


def _starts_automaton(keys: Iterable[tuple[str, ...]]) -> ahocorasick.Automaton:
    """Where terms can start in the mapped text (see :meth:`TermMatcher._term_starts`).

    Each key is a character a word may follow (a blank, or a token's own ``.`` / ``+``),
    then the term's first word, then what must come next: for a one-word term a character
    that ends a word; for a longer term its second word, straight after the first or
    after one blank (``scale up``, ``scale-up``, ``scaleup``), or any two blanks (a wider
    gap, ``scale - up``, whose end the pattern checks itself). The value is the key's
    length without its first character (a hit ending at ``last`` starts the word at
    ``last - value``) and ``(length, first words)``: the length of the match when the key
    settles it, else 0, and the term's first word (the first words, when keys of two
    terms spell the same string: ``scal`` + ``eup`` and ``scale`` + ``up``).
    """
    words: dict[str, tuple[int, str | frozenset[str]]] = {}
    for key in keys:
        first = key[0]
        if len(key) == 1:
            tails = (" ", ".", "+")
            known = len(first)
        else:
            tails = (key[1], " " + key[1], "  ")
            known = 0
        for before in " .+":
            for tail in tails:
                word = before + first + tail
                seen = words.get(word)
                words[word] = (
                    (known, first)
                    if seen is None or seen == (known, first)
                    else (0, _union(seen[1], first))
                )
    automaton = ahocorasick.Automaton()
    for word, found in words.items():
        automaton.add_word(word, (len(word) - 1, found))
    automaton.make_automaton()
    return automaton


def _union(seen: str | frozenset[str], other: str | frozenset[str]) -> str | frozenset[str]:
    """The first words of two keys found at one offset (mostly the same word)."""
    if seen == other:
        return seen
    return _word_set(seen) | _word_set(other)


def _word_set(words: str | frozenset[str]) -> frozenset[str]:
    return frozenset((words,)) if isinstance(words, str) else words


def _terms_pattern(keys: Iterable[tuple[str, ...]], gap: str = _GAP.pattern) -> re.Pattern[str]:
    """A case-insensitive pattern matching any term form as whole words.

    Built as a trie (``ram(?:p(?:ing|s)?)?``), words joined by the gap pattern (spaces,
    one hyphen or slash), so the regex engine makes one pass instead of trying every
    term at every position. With ``gap`` :data:`_ASCII_GAP` it is for text whose dashes
    are ``-`` (:data:`_TERMS_LOWER`).
    """
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in _SEPARATOR.join(key):
            node = node.setdefault(ch, {})
        node[""] = {}

    def piece(ch: str) -> str:
        return gap if ch == _SEPARATOR else re.escape(ch)

    def emit(node: dict) -> str:
        alternatives = [piece(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    # Matched against ASCII-lower-cased text: no IGNORECASE, which slows the engine down.
    return re.compile(r"(?<![a-zA-Z0-9&])" + emit(trie) + r"(?![a-zA-Z0-9&])")


#: The tables :meth:`TermMatcher._compile` builds (what the user cache keeps).
_BUILT = ("_index", "_first", "forms", "lent", "lent_folded", "cues", "_starts_ac")
