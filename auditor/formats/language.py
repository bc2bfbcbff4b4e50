"""The target language a bilingual file declares, as one of the locales the auditor checks.

XLIFF 1.2 says it on ``<file target-language="zh-CN">``, XLIFF 2 on
``<xliff trgLang="zh-CN">``, TMX on each ``<tuv xml:lang="zh-CN">``: each format that
can say it declares how (``InputFormat.declared_locale``, usually :func:`locale_in_head`
with its pattern). A file that says which Chinese it is should be audited as that
Chinese without the user repeating it with ``--locale`` (a zh-CN file audited as zh-TW
drowns in "Simplified characters").
"""

from __future__ import annotations

import re

from auditor.formats.base import read_head
from auditor.formats.registry import format_named

#: BCP 47 subtags (lower case) that settle the script: regions and script codes.
_SIMPLIFIED = frozenset({"hans", "cn", "sg", "my"})
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})


def locale_of_tag(tag: str) -> str | None:
    """``zh-CN`` or ``zh-TW`` for a Chinese language tag that settles the script
    (zh-CN, zh-SG, zh-Hans → zh-CN; zh-TW, zh-HK, zh-MO, zh-Hant → zh-TW); ``None``
    for other languages and for a bare ``zh``. A script subtag wins over a region
    (zh-Hant-CN is Traditional)."""
    subtags = tag.strip().lower().replace("_", "-").split("-")
    if subtags[0] not in ("zh", "cmn", "yue"):
        return None
    rest = set(subtags[1:])
    if "hant" in rest:
        return "zh-TW"
    if "hans" in rest:
        return "zh-CN"
    if rest & _TRADITIONAL:
        return "zh-TW"
    if rest & _SIMPLIFIED:
        return "zh-CN"
    return None


def locale_in_head(path: str, pattern: re.Pattern[str]) -> str | None:
    """The first locale that settles the script among the language tags ``pattern``
    (its group 1) finds in the start of the file."""
    for match in pattern.finditer(read_head(path)):
        locale = locale_of_tag(match.group(1))
        if locale is not None:
            return locale
    return None


def declared_locale(path: str, fmt: str) -> str | None:
    """The locale a file declares for its Chinese side, if its format can say and it
    settles the script; ``None`` otherwise."""
    read = format_named(fmt, path).declared_locale
    return read(path) if read is not None else None
