"""Which characters in a Chinese string belong to the wrong script.

A character is *Simplified-only* when OpenCC's Traditional->Simplified conversion leaves it
alone but Simplified->Traditional changes it (为, 发, 后 ...). Two refinements keep this from
crying wolf on good Traditional text:

- the conversion is done on the whole string, so OpenCC's phrase tables decide: 里 stays in
  公里 (kilometre) and is flagged in 这里; 后 stays in 皇后. The phrase tables are keyed on
  one script, so the string is first taken wholly to the other script and back (干擾 ->
  干扰 -> 干擾 keeps the 干 of "interfere", where char by char it would become 幹);
- variant pairs are not script errors: where OpenCC's standard Traditional form differs
  from the Taiwan form only as a variant (群/羣, 峰/峯, 台/臺, 着/著, 裡/裏), the Taiwan
  form is not flagged.

The same logic mirrored finds *Traditional-only* characters in zh-CN text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import opencc

#: Characters whose "Traditional" counterpart in OpenCC is only a variant that Taiwan
#: usage does not prefer: 台 (臺) is the everyday Taiwan form, 占 (佔) the MOE standard.
_TW_VARIANTS = frozenset("台占")


@dataclass(frozen=True)
class WrongChar:
    """A character at ``offset`` that belongs to the other script, and its counterpart."""

    offset: int
    char: str
    suggestion: str


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    return _converter(config).convert(text)


@lru_cache(maxsize=8192)
def is_simplified_only(char: str) -> bool:
    if char in _TW_VARIANTS or _convert("t2s", char) != char:
        return False
    traditional = _convert("s2t", char)
    if traditional == char:
        return False
    # 群 -> 羣 is a variant, not a simplification: Taiwan's standard form is 群 itself.
    return _convert("t2tw", traditional) != char


@lru_cache(maxsize=8192)
def is_traditional_only(char: str) -> bool:
    simplified = _convert("t2s", char)
    return simplified != char and _convert("s2t", char) == char


def _aligned(config: str, text: str) -> str:
    """Phrase-aware conversion, or char by char if a phrase changed the length."""
    converted = _convert(config, text)
    if len(converted) == len(text):
        return converted
    return "".join(_convert(config, ch) for ch in text)


def simplified_chars(text: str) -> list[WrongChar]:
    """Simplified-only characters in text meant to be Traditional (zh-TW)."""
    if text.isascii():
        return []
    converted = _aligned("s2tw", _aligned("t2s", text))
    return [
        WrongChar(i, ch, converted[i])
        for i, ch in enumerate(text)
        if converted[i] != ch and is_simplified_only(ch)
    ]


def traditional_chars(text: str) -> list[WrongChar]:
    """Traditional-only characters in text meant to be Simplified (zh-CN)."""
    if text.isascii():
        return []
    converted = _aligned("t2s", _aligned("s2t", text))
    return [
        WrongChar(i, ch, converted[i])
        for i, ch in enumerate(text)
        if converted[i] != ch and is_traditional_only(ch)
    ]
