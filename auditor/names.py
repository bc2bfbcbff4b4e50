"""Names a document introduces, harvested from the document itself.

The entity rules protect these names: a speaker called Mark addressed as ``Mark?`` must not
become the common word ``標記?``, a product called Falcon must not become 獵鷹 (a falcon), a
firm called Loop Capital must not become 循環資本 (a loop). A name counts when the document
shows it is one:

- speaker lines, repeated untranslated (``Leslie Green - Investor Relations``): the
  person, the nicknames they will be addressed by (Robert -> Bob, from the ``nicknames``
  package), and an analyst's firm after the dash;
- the operator's introductions (``... from Mark Delaney with Goldman Sachs``): the person
  and the firm;
- capitalised runs of words in running text that start with a given name (``Media contact:
  Grant Hunter``), and star signs or constellations capitalised in a run (``Gemini Smart
  Cable Modules``);
- a common word capitalised on its own in the middle of a sentence (``our Falcon
  retimers``), once it does so in two different sentences: one capital may be a title's.

Every line is harvested alone (:func:`names_in_line`), so a file split into partitions
harvests the same names as the whole (:func:`merge_names` joins the parts).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from auditor.model import Segment
from auditor.name_words import GIVEN_NAME_WORDS, is_word, senses_of
from glossary.cache import cached, content_digest, file_stamp

_NAME = re.compile(r"^([A-Z][a-zA-Z'.\-]+(?: [A-Z][a-zA-Z'.\-]+){0,3})(?:\s+[-–—,:]\s+|$)")
_NOT_NAMES = frozenset({"Operator", "Question", "Answer", "Unknown", "Speaker", "Analyst"})

#: Longer lines are prose, not a speaker's introduction.
SPEAKER_LINE_MAX = 120
#: How much of the introducing line a name keeps, to say where it came from.
EXCERPT_MAX = 90
#: Lines kept per name: two show that a lone capitalised word recurs.
KEPT_PER_NAME = 2

PERSON, NICKNAME, FIRM, PRODUCT = "person", "nickname", "firm", "product"


@dataclass(frozen=True, order=True)
class DocName:
    """One name and where the document introduced it."""

    name: str
    #: ``person``, ``nickname`` (of ``of``), ``firm`` or ``product``.
    kind: str
    #: The line (shortened) that shows it is a name.
    where: str
    #: For a nickname, the full name it shortens.
    of: str = ""
    #: Seen only as a lone capitalised word: it counts once a second line shows it.
    lone: bool = False


def names_in_speaker_line(line: str) -> list[str]:
    """``Priya Raman - Chief Executive Officer`` -> ``["Priya Raman", "Priya", "Raman"]``."""
    match = _NAME.match(line.strip())
    if not match:
        return []
    full = match.group(1)
    words = [w for w in full.split() if w not in _NOT_NAMES and not w.endswith(".")]
    if not words:
        return []
    return [" ".join(words), *words] if len(words) > 1 else words


# --- the pieces of a line ----------------------------------------------------------------

#: Words in a speaker line's second half that make it a job title, not a firm.
_TITLE_WORDS = re.compile(
    r"\b(?:Chief|Officer|President|Director|Relations|Vice|Head|Analyst|Chairman|Chairwoman|"
    r"Founder|CEO|CFO|COO|CTO|Manager|Executive|Treasurer|Controller|Secretary|Counsel|"
    r"Engineer|Lead|Operator|Moderator|Host|Partner|General|SVP|EVP|VP|IR)\b"
)
_SPEAKER_SPLIT = re.compile(r"\s+[-–—]\s+|,\s+")
#: ``Mark Delaney with Goldman Sachs``: a person (two or three capitalised words) and a firm.
_PERSON_WITH_FIRM = re.compile(
    r"(?P<person>[A-Z](?<![\w'’][A-Z])[a-z][\w'’\-]*(?: [A-Z][\w'’\-]+){1,2})"
    r"\s+(?:with|from|of|at)\s+"
    r"(?P<firm>[A-Z][\w&'’.\-]*(?: (?:&|and|of) [A-Z][\w&'’.\-]*| [A-Z][\w&'’.\-]*)*)"
)
#: ``Srini Pajjuri, Raymond James.``: the operator's line naming an analyst and the firm.
_PERSON_COMMA_FIRM = re.compile(
    r"^(?P<person>[A-Z][a-z][\w'’\-]*(?: [A-Z][\w'’\-]+){1,2}),\s+"
    r"(?P<firm>[A-Z][\w&'’.\-]*(?: (?:&|and|of) [A-Z][\w&'’.\-]*| [A-Z][\w&'’.\-]*)*)\.?$"
)
#: A run of capitalised words (``&`` may join them): a name, or a title's words.
#: (The look-behind follows the first letter so that a search skips to capitals quickly.
#: The repeats are possessive, ``*+``: nothing after them can fail, so the greedy match is
#: the match and giving characters back would never help; not keeping the means to costs
#: the engine less. Python 3.10 has no possessive repeats: there the plain form runs.)
CAPITAL_RUN_POSSESSIVE = (
    r"[A-Z](?<![\w'’\-][A-Z])[\w'’]*+(?:-[\w'’]+)*+(?: (?:& )?[A-Z][\w'’]*+(?:-[\w'’]+)*+)*+"
)
#: The same run with plain greedy repeats: the readable form, which a test holds equal.
CAPITAL_RUN_PLAIN = (
    r"[A-Z](?<![\w'’\-][A-Z])[\w'’]*(?:-[\w'’]+)*(?: (?:& )?[A-Z][\w'’]*(?:-[\w'’]+)*)*"
)
_CAPITAL_RUN = re.compile(
    CAPITAL_RUN_POSSESSIVE if sys.version_info >= (3, 11) else CAPITAL_RUN_PLAIN
)
#: What the person-and-firm pattern needs somewhere in a line (found faster than it).
_LINK_HINT = re.compile(r" (?:with|from|of|at) [A-Z]")
#: Characters after which a word is the first of a sentence or clause: its capital says
#: nothing.
_OPENERS = frozenset(".!?:;\"“”'‘([—–-•*")
#: Words capitalised by convention, not because they name a product: months and days,
#: corporate prose's defined terms (the Company, the Board), titles and honorifics.
CONVENTIONAL_CAPITALS = frozenset(
    {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Company",
        "Companies",
        "Board",
        "Directors",
        "Director",
        "Notes",
        "Note",
        "Shares",
        "Share",
        "Plan",
        "Agreement",
        "Offering",
        "Registrant",
        "Act",
        "Exchange",
        "Commission",
        "Annual",
        "Quarter",
        "Fiscal",
        "Meeting",
        "Report",
        "Form",
        "Section",
        "Item",
        "Rule",
        "Chairman",
        "Chief",
        "Officer",
        "President",
        "Executive",
        "Vice",
        "Operator",
        "Investor",
        "Investors",
        "Relations",
        "Question",
        "Questions",
        "Answer",
        "Street",
        "Government",
        "State",
        "States",
        "Federal",
        "Court",
        "Internet",
        "Web",
        "Securities",
        "Program",
        "Day",
        "Summit",
        "Conference",
        "Forum",
        "Event",
        "Call",
        "Team",
        "Thanks",
        "Thank",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sir",
        "Madam",
        "Ladies",
        "Gentlemen",
        "God",
        "Christmas",
        "Easter",
    }
)


#: Words that open a sentence before a name without being part of it.
_DETERMINERS = frozenset(
    {
        "The",
        "A",
        "An",
        "Our",
        "Its",
        "Their",
        "This",
        "That",
        "These",
        "Those",
        "Each",
        "Every",
        "Both",
        "With",
        "For",
        "In",
        "On",
        "At",
        "By",
        "From",
        "And",
        "But",
        "So",
        "Today",
        "Now",
    }
)


#: A determiner right before a capitalised word: the word names a thing.
#: Last words that make a run of capitalised words a company's name.
FIRM_SUFFIXES = frozenset(
    {
        "Semiconductor",
        "Semiconductors",
        "Microelectronics",
        "Microsystems",
        "Electronics",
        "Networks",
        "Systems",
        "Technologies",
        "Technology",
        "Labs",
        "Laboratories",
        "Devices",
        "Instruments",
        "Inc",
        "Corp",
        "Corporation",
        "Ltd",
        "Holdings",
        "Capital",
        "Securities",
        "Partners",
        "Research",
    }
)
_PRODUCT_CUE = re.compile(r"\b(?:[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hese|[Aa]n?|[Nn]ew) $")


def _excerpt(line: str) -> str:
    return line if len(line) <= EXCERPT_MAX else line[: EXCERPT_MAX - 1].rstrip() + "…"


@cache
def _nickname_table() -> dict[str, frozenset[str]]:
    """The ``nicknames`` package's table (a name, lower case -> its nicknames), kept in the
    user cache per installed copy of its data: importing the package reads every installed
    distribution's metadata, and loading its data takes 0.04 s."""
    from importlib.util import find_spec

    spec = find_spec("nicknames")  # finds the package without importing it
    where = spec.submodule_search_locations if spec is not None else None
    stamp = file_stamp(os.path.join(where[0], "names.csv")) if where else ""
    return cached("nicknames", content_digest(("nicknames", stamp)), _load_nickname_table)


def _load_nickname_table() -> dict[str, frozenset[str]]:
    from nicknames import NickNamer

    return {name: frozenset(nicks) for name, nicks in NickNamer().nickname_lookup.items()}


def _nicknames_of(name: str) -> frozenset[str]:
    """As ``NickNamer().nicknames_of(name)``."""
    return _nickname_table().get(name.lower().strip(), frozenset())


def is_given_name(word: str) -> bool:
    """A given name: one the hand-reviewed name words list, or one the ``nicknames`` data
    gives nicknames (its reverse direction is too loose: it lists *falcon* as a form of
    Fallon)."""
    return word in GIVEN_NAME_WORDS or bool(_nicknames_of(word.lower()))


def _person(full: str, where: str) -> list[DocName]:
    """A person and, for their given name, the nicknames that are also words (Bob, Rich)."""
    names = [DocName(full, PERSON, where)]
    first = full.split()[0]
    for nickname in sorted(_nicknames_of(first.lower())):
        nick = nickname.capitalize()
        if nick != first and senses_of(nick) is not None:
            names.append(DocName(nick, NICKNAME, where, of=full))
    return names


def _starts_sentence(line: str, start: int) -> bool:
    before = line[max(0, start - 16) : start].rstrip()
    return not before or before[-1] in _OPENERS


def _title_case(line: str) -> bool:
    """A headline: no full stop at the end, and most of its longer words capitalised."""
    if line.endswith((".", "?", "!", "。")):
        return False
    long_words = [
        w for w in (w.strip(",:;\"'()") for w in line.split()) if len(w) >= 4 and w.isalpha()
    ]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def _speaker_names(line: str) -> list[DocName]:
    where = _excerpt(line)
    words = names_in_speaker_line(line)
    if not words:
        return []
    names = _person(words[0], where)
    names += [DocName(w, PERSON, where) for w in words[1:]]
    parts = _SPEAKER_SPLIT.split(line, maxsplit=1)
    if len(parts) == 2:
        affiliation = parts[1].strip().rstrip(".")
        if affiliation and affiliation[0].isupper() and not _TITLE_WORDS.search(affiliation):
            names.append(DocName(affiliation, FIRM, where))
    return names


#: :func:`is_word` of the capitalised words met in running text, as they are written (a
#: word recurs in a document far more often than it is new; bounded, as any memo here).
_COMMON_WORD_MEMO: dict[str, bool] = {}
_COMMON_WORD_MEMO_LIMIT = 8192


def _running_text_names(line: str) -> list[DocName]:
    where = _excerpt(line)
    names: list[DocName] = []
    intro = _PERSON_COMMA_FIRM.match(line) if len(line) <= 100 else None
    introductions = (
        [intro] if intro else _PERSON_WITH_FIRM.finditer(line) if _LINK_HINT.search(line) else ()
    )
    for match in introductions:
        if any(
            w in CONVENTIONAL_CAPITALS or _TITLE_WORDS.match(w) for w in match["person"].split()
        ):
            continue  # ``Investor Relations with Astera Labs``: a title, not a person
        names += _person(match["person"], where)
        names.append(DocName(match["firm"].rstrip("."), FIRM, where))
    if _title_case(line):
        return names
    common, run_memo = _COMMON_WORD_MEMO, _RUN_MEMO
    for run in _CAPITAL_RUN.finditer(line):
        text = run.group()
        if " " not in text:  # one word, most runs: settled here
            known = common.get(text)
            if known is None:
                if len(common) >= _COMMON_WORD_MEMO_LIMIT:
                    common.clear()
                known = common[text] = is_word(text)
            if not known:
                continue  # no everyday sense (Astera, PCIe): nothing of it can become a word
            if not _starts_sentence(line, run.start()):
                cue = _PRODUCT_CUE.search(line[max(0, run.start() - 8) : run.start()])
                names += _lone_word(text, where, cue is not None)
            continue
        first_of_sentence = _starts_sentence(line, run.start())
        found = run_memo.get((text, first_of_sentence))
        if found is None:
            if len(run_memo) >= _RUN_MEMO_LIMIT:
                run_memo.clear()
            found = run_memo[(text, first_of_sentence)] = _names_in_run(text, first_of_sentence)
        names += [DocName(name, kind, where, lone=lone) for name, kind, lone in found]
    return names


#: What a run of capitalised words names, by the run and whether it opens a sentence (see
#: :func:`_names_in_run`): a document repeats its names, and the answer depends on nothing
#: else (bounded, as any memo here).
_RUN_MEMO: dict[tuple[str, bool], tuple[tuple[str, str, bool], ...]] = {}
_RUN_MEMO_LIMIT = 8192


def _names_in_run(text: str, first_of_sentence: bool) -> tuple[tuple[str, str, bool], ...]:
    """The names a run of two or more capitalised words holds, as ``(name, kind, lone)``:
    a firm (``Orion Semiconductor``), a person (``Mark Wen``), a word capitalised alone
    (``The Falcon retimer``, ``Leo CXL controllers``) or a star sign in a run."""
    words = [w for w in text.split() if w != "&"]
    if words[0] in _DETERMINERS and len(words) > 1:
        words = words[1:]  # ``The Falcon retimer``: Falcon stands alone, mid-sentence
        first_of_sentence = False
    if len(words) >= 2 and words[-1].rstrip(".,") in FIRM_SUFFIXES:
        # ``Orion Semiconductor``, ``Juniper Networks``: a firm, even first in a sentence
        return ((" ".join(words), FIRM, False),)
    alone = len(words) == 1
    if first_of_sentence and not (
        1 < len(words) <= 3 and is_given_name(words[0])  # ``Contact: Mark Wen``
    ):
        words = words[1:]  # the first word's capital is the sentence's
    named = [w for w in words if not w.isupper()]  # acronyms are not words
    if named and (alone or len(named) == 1 < len(words) and words[0] == named[0]):
        # ``Leo CXL controllers``: a word before a model's letters names a product
        # (not ``PCI Express`` or ``AI Infrastructure``, a standard's or a market's name)
        return tuple((n.name, n.kind, n.lone) for n in _lone_word(named[0], "", True))
    if named:
        if is_given_name(named[0]) and len(named) <= 3:
            return ((" ".join(named), PERSON, False),)
        found = []
        for word in named:
            senses = senses_of(word)
            if senses is not None and senses.celestial:
                found.append((word, PRODUCT, False))
        return tuple(found)
    return ()


def _lone_word(word: str, where: str, after_determiner: bool) -> list[DocName]:
    """A word capitalised alone mid-sentence: a name if it is also a common word (else
    nothing of it can turn into a word), unless capitals are conventional for it. A given
    name is a person's, unless a determiner shows a thing (``our Leo controllers``) or it
    is a star sign."""
    if len(word) < 3 or word.isupper() or word in CONVENTIONAL_CAPITALS:
        return []
    senses = senses_of(word)
    if senses is None or not senses.renderings:
        return []
    person = is_given_name(word) and not after_determiner and not senses.celestial
    return [DocName(word, PERSON if person else PRODUCT, where, lone=True)]


def names_in_line(source: str, copied: bool) -> list[DocName]:
    """The names one English line introduces; ``copied``: the line was repeated untranslated
    (a speaker line when it is short)."""
    line = source.strip()
    if not line:
        return []
    if copied and len(line) <= SPEAKER_LINE_MAX:
        return _speaker_names(line)
    return _running_text_names(line)


# --- a document's names ------------------------------------------------------------------


class NameHarvest:
    """The names of a document, line by line; keeps :data:`KEPT_PER_NAME` lines per name
    (the first in sort order, so that any split of the document keeps the same ones)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str, str], list[DocName]] = {}

    def add(self, source: str, copied: bool) -> None:
        for name in names_in_line(source, copied):
            self.keep(name)

    def keep(self, name: DocName) -> None:
        kept = self._kept.setdefault((name.name, name.kind, name.of), [])
        if name in kept:
            return
        kept.append(name)
        if len(kept) > KEPT_PER_NAME:
            kept.sort()
            del kept[KEPT_PER_NAME:]

    def names(self) -> frozenset[DocName]:
        return frozenset(name for kept in self._kept.values() for name in kept)


def merge_names(parts: Iterable[frozenset[DocName]]) -> frozenset[DocName]:
    """The names of a document from those of its parts (as if harvested whole)."""
    harvest = NameHarvest()
    for part in parts:
        for name in sorted(part):
            harvest.keep(name)
    return harvest.names()


def harvest_names(segments: Iterable[Segment]) -> frozenset[DocName]:
    """The names the segments introduce: speaker lines (which the aligner marked ``copy``)
    and translated running text."""
    harvest = NameHarvest()
    for segment in segments:
        if segment.source and segment.target:
            harvest.add(segment.source, segment.align_type == "copy")
    return harvest.names()
