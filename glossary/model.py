"""The termbase data model: concepts with approved, forbidden and do-not-translate forms.

One concept is one row of the human-edited TSV (see docs/glossary-format.md). A
:class:`Termbase` is several glossaries layered: a later layer (a project glossary) overrides
an earlier one (the shipped termbase) concept by concept, keyed by the English term.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Concept:
    """One term and how it must (and must not) be rendered in Chinese.

    ``en`` is the head term; ``variants`` are other English forms (plural, spelling,
    abbreviation) that mean the same concept. ``dnt`` (do not translate) means the English
    form must appear verbatim in the translation (product names, PCIe, CXL). ``forbidden``
    holds renderings machine translation is known to produce that are wrong in this domain
    (``gearbox`` -> ``變速箱``).
    """

    en: str
    variants: tuple[str, ...] = ()
    zh_tw: tuple[str, ...] = ()
    zh_cn: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    dnt: bool = False
    case_sensitive: bool = False
    category: str = ""
    note: str = ""
    #: English cue words that establish the domain sense of an ordinary word (``wafer``,
    #: ``die`` for *yield*). A concept with cues is a *sense* concept: its forbidden
    #: renderings count only where a cue is in the same source sentence, and it never
    #: requires an approved rendering (see ``glossary/senses.py``).
    context: tuple[str, ...] = ()
    #: ``(forbidden rendering, what it means)`` pairs (its everyday sense, from CC-CEDICT:
    #: ``glossary/data/cedict_senses.tsv``), for explaining a finding.
    glosses: tuple[tuple[str, str], ...] = ()
    #: Where the concept was defined: glossary path and 1-based line (for lint and findings).
    source: str = ""
    line: int = 0

    @property
    def key(self) -> str:
        """Identity across layers: the head term, case-folded unless case matters."""
        return self.en if self.case_sensitive else self.en.casefold()

    @property
    def english_forms(self) -> tuple[str, ...]:
        return (self.en, *self.variants)

    def approved(self, locale: str) -> tuple[str, ...]:
        """Approved renderings for ``zh-TW`` or ``zh-CN``; the other column is the fallback."""
        primary, fallback = (
            (self.zh_cn, self.zh_tw) if locale == "zh-CN" else (self.zh_tw, self.zh_cn)
        )
        return primary or fallback


@dataclass(frozen=True)
class Termbase:
    """Concepts after layering, plus the paths they came from (listed in reports)."""

    concepts: tuple[Concept, ...] = ()
    sources: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.concepts)

    def layered(self, other: Termbase) -> Termbase:
        """``other`` on top of ``self``: a concept in ``other`` replaces one with the same key."""
        keys = {c.key for c in other.concepts}
        kept = tuple(c for c in self.concepts if c.key not in keys)
        return Termbase(kept + other.concepts, self.sources + other.sources)
