"""Which Chinese the translation is audited as, when ``--locale`` is not given.

First what the file declares (XLIFF ``target-language``/``trgLang``, TMX ``xml:lang``:
see :mod:`auditor.formats.language`), else zh-TW. Then a look at the text itself: when
most translations are written in the other script, every segment would get a
wrong-script finding (LOC001), thousands on a long file, all saying one thing. The run
says that thing once instead, with the option to use, and leaves LOC001 out; a locale
the user chose with ``--locale`` is kept with its findings (the note still comes).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice

from auditor.formats import ReaderOptions, guess_format
from auditor.formats.language import declared_locale
from auditor.model import InputError
from auditor.options import Selection

#: Chinese texts looked at to judge the script (from the start of the input).
SAMPLE = 200
#: Share of the judged texts in the other script that counts as "most".
MOST = 0.5
#: The default when neither the user nor the file says.
DEFAULT_LOCALE = "zh-TW"
#: The rule that reports the other script's characters.
SCRIPT_RULE = "LOC001"


@dataclass(frozen=True)
class LocaleChoice:
    locale: str
    #: ``command line``, ``the file`` or ``default``.
    origin: str


def choose_locale(given: str | None, path: str, options) -> LocaleChoice:  # options: AuditOptions
    """The locale to audit as: ``--locale``, else the file's declaration, else zh-TW."""
    if given:
        return LocaleChoice(given, "command line")
    if options.target_path is None:
        try:
            fmt = options.input_format or guess_format(path)
            declared = declared_locale(path, fmt)
        except InputError:  # the reader will say what is wrong with the file
            declared = None
        if declared:
            return LocaleChoice(declared, "the file")
    return LocaleChoice(DEFAULT_LOCALE, "default")


def script_against_locale(path: str, options, choice: LocaleChoice, quiet: bool = False):
    """``options`` as they should run: with LOC001 left out (and one note on stderr)
    when most sampled translations are in the other script and the user did not ask
    for this locale."""
    if not options.selection.enabled(SCRIPT_RULE):
        return options
    try:
        texts = list(islice(_chinese_texts(path, options), SAMPLE))
    except InputError:  # reported with its line by the audit itself
        return options
    other = "zh-CN" if choice.locale == "zh-TW" else "zh-TW"
    judged = [s for s in map(script_of, texts) if s is not None]
    against = sum(s == other for s in judged)
    if not judged or against <= MOST * len(judged):
        return options
    script = "Simplified" if other == "zh-CN" else "Traditional"
    where = {"the file": " (as the file declares)", "default": " (the default)"}.get(
        choice.origin, ""
    )
    kept = choice.origin == "command line"
    if not quiet:
        print(
            f"auditor: note: {against} of {len(judged)} translations sampled are in {script} "
            f"script, but the locale is {choice.locale}{where}; use --locale {other} to audit "
            "them as " + script + ("" if kept else f" ({SCRIPT_RULE} is left out of this run)"),
            file=sys.stderr,
        )
    if kept:
        return options
    selection = options.selection
    return replace(options, selection=Selection(selection.select, (*selection.ignore, SCRIPT_RULE)))


def script_of(text: str) -> str | None:
    """``zh-CN`` when more of the text's characters are Simplified than Traditional,
    ``zh-TW`` for the reverse, ``None`` when it cannot tell.

    A character counts as Simplified when OpenCC's ``s2t`` changes it on its own, as
    Traditional when ``t2s`` does: two sets read from the user cache, where building the
    two phrase-aware converters would cost a one-pair check more than all its rules.
    (A character that only a phrase changes, as 制 in 制程, is not counted: the judgement
    is over the file's first few hundred translations, where such words are few.)
    """
    simplified_chars, traditional_chars = _script_characters()
    simplified = sum(ch in simplified_chars for ch in text)
    traditional = sum(ch in traditional_chars for ch in text)
    if simplified > traditional:
        return "zh-CN"
    if traditional > simplified:
        return "zh-TW"
    return None


@cache
def _script_characters() -> tuple[frozenset[str], frozenset[str]]:
    from auditor.checks.locale import converted_characters

    return converted_characters("s2t"), converted_characters("t2s")


def _chinese_texts(path: str, options) -> Iterator[str]:
    """The Chinese texts of the input, from its start, read lazily."""
    from auditor.formats import iter_pairs
    from auditor.formats.base import iter_lines
    from auditor.formats.interleaved import tag_lines
    from auditor.source import STREAMED_FORMATS

    if options.target_path is not None:
        return (line for _, line in iter_lines(options.target_path) if line.strip())
    fmt = options.input_format or guess_format(path)
    if fmt == "interleaved":
        return (line.text for line in tag_lines(iter_lines(path), path) if line.lang == "zh")
    if fmt in STREAMED_FORMATS:
        pairs = iter_pairs(path, fmt, ReaderOptions(*options.columns))
        return (target[0] for _, target in pairs if target is not None and target[0].strip())
    return iter(())
