"""Locale rules: the right script and the right region's vocabulary.

A zh-TW translation must not contain Simplified characters (LOC001) or mainland
vocabulary (LOC002: 以太網 for 乙太網路, 信息 for 資訊, 內存 for 記憶體); a zh-CN translation
mirrors both. Digits are written one way across a document (LOC003 grouping, LOC004 width:
:mod:`auditor.checks.locale_digits`). Characters that are at home in Taiwanese text although a converter would
change them (台, 占, 里) are never flagged.

Why a curated vocabulary table and not OpenCC ``s2twp`` wholesale: ``s2twp`` rewrites
words Taiwanese writers use every day (擴展 -> 擴充套件, 連接 -> 連線, 支持 -> 支援), which
would flood a review with false alarms. OpenCC is used where it is exact: characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.checks.base import CheckContext, Checker, Rule
from auditor.checks.locale_digits import (
    LOC003,
    LOC004,
    collect_digit_styles,
    combine_digit_styles,
)
from auditor.model import Finding, Segment
from glossary.cache import cached, content_digest, opencc_version

if TYPE_CHECKING:
    from glossary.model import Termbase

LOC001 = Rule(
    code="LOC001",
    name="wrong-script-characters",
    category="locale",
    severity="minor",
    mqm="Locale convention/Character encoding",
    what="Simplified-only characters in a zh-TW translation (Traditional-only characters in "
    "a zh-CN one).",
    why="Machine translation and copy-paste mix scripts; a Taiwanese reader sees a "
    "Simplified character as a typo or as text lifted from another source.",
    example="'我们的营收' in zh-TW text (expected 我們的營收)",
)
LOC002 = Rule(
    code="LOC002",
    name="other-region-vocabulary",
    category="locale",
    severity="minor",
    mqm="Locale convention/Other locale-specific content",
    what="Mainland vocabulary in a zh-TW translation (Taiwanese vocabulary in a zh-CN one).",
    why="The same concept has different words across the strait (乙太網路 / 以太网, 記憶體 / "
    "内存, 晶片 / 芯片); the wrong region's word reads as foreign or careless.",
    example="'基於以太網的擴展' in zh-TW text (expected 乙太網路)",
)
RULES = (LOC001, LOC002, LOC003, LOC004)

#: Characters a character-level converter changes but Taiwanese text uses as they are
#: (台 for 臺, 占 for 佔, 里 in 公里), plus 著/着 handled by the converter itself.
TW_VARIANTS_OK = frozenset("台占里群峰床")
#: Characters the Traditional->Simplified converter changes but mainland text keeps.
CN_VARIANTS_OK = frozenset("")

#: Mainland word -> Taiwanese word, for words whose mainland form is unambiguous in a
#: technical or financial text (no ambiguous pairs such as 項目 or 數字).
MAINLAND_TO_TW: dict[str, str] = {
    "信息": "資訊",
    "軟件": "軟體",
    "硬件": "硬體",
    "內存": "記憶體",
    "芯片": "晶片",
    "芯片組": "晶片組",
    "以太網": "乙太網路",
    "以太網絡": "乙太網路",
    "網絡": "網路",
    "互聯網": "網際網路",
    "服務器": "伺服器",
    "數據中心": "資料中心",
    "數據庫": "資料庫",
    "數據": "資料",
    "視頻": "影片",
    "默認": "預設",
    "接口": "介面",
    "屏幕": "螢幕",
    "打印": "列印",
    "激光": "雷射",
    "集成電路": "積體電路",
    "晶體管": "電晶體",
    "緩存": "快取",
    "帶寬": "頻寬",
    "字節": "位元組",
    "算法": "演算法",
    "模塊": "模組",
    "運營": "營運",
    "營銷": "行銷",
    "渠道": "通路",
    "計算機": "電腦",
    "人工智能": "人工智慧",
    "智能": "智慧",
    "定制": "客製",
    "文檔": "文件",
    "操作系統": "作業系統",
    "源代碼": "原始碼",
    "代碼": "程式碼",
    "兼容": "相容",
    "傳感器": "感測器",
    "攝像頭": "攝影機",
    "運營商": "電信業者",
    "集群": "叢集",
    "固件": "韌體",
    "閃存": "快閃記憶體",
    "硬盤": "硬碟",
    "總線": "匯流排",
    "寄存器": "暫存器",
    "線程": "執行緒",
    "調試": "除錯",
    "異構": "異質",
    "高端": "高階",
    "低端": "低階",
    "性價比": "性價比(CP 值)",
    "同比": "年增",
    "環比": "季增",
    "淨利潤": "淨利",
    "每股收益": "每股盈餘",
    "現金等價物": "約當現金",
    "首席執行官": "執行長",
    "首席財務官": "財務長",
    "首席運營官": "營運長",
    "首席技術官": "技術長",
    "實時": "即時",
    "分辨率": "解析度",
    "硅": "矽",
    "光刻": "微影",
    "刻蝕": "蝕刻",
    "流片": "投片",
    "良品率": "良率",
    "支持": "支援",
    "質量": "品質",
    "視頻會議": "視訊會議",
    "在線": "線上",
    "博客": "部落格",
    "鼠標": "滑鼠",
    "U盤": "隨身碟",
    "激活": "啟用",
    "攝像": "攝影",
}
#: Of the pairs above, those too common in Taiwanese usage to report in zh-CN text the
#: other way round (支援 / 品質 are fine in mainland text as well).
_NOT_MIRRORED = frozenset(
    {
        "支持",
        "質量",
        "數據",
        "智能",
        "高端",
        "低端",
        "性價比",
        "攝像",
        "運營",
        "實時",
        "在線",
        "激活",
        "文檔",
        "模塊",
        "良品率",
        "刻蝕",
        "渠道",
    }
)
#: Of the pairs above, those Taiwanese writers also use (reported only in zh-CN mirror).
_TW_ALSO_SAYS = frozenset(
    {
        "支持",
        "質量",
        "智能",
        "數據",
        "高端",
        "低端",
        "性價比",
        "攝像",
        "代碼",
        "在線",
    }
)


@lru_cache(maxsize=4)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(f"{config}.json")


#: The code points whose conversion one by one is looked up (the CJK Unified Ideographs).
_CJK_UNIFIED = (0x4E00, 0xA000)


@lru_cache(maxsize=4)
def converted_characters(config: str) -> frozenset[str]:
    """The characters the OpenCC ``config`` changes when each is converted alone (for
    ``s2t``: the Simplified forms; for ``t2s``: the Traditional ones).

    Kept in the user cache per OpenCC version (:mod:`glossary.cache`): converting 20,000
    characters, and building the converter, cost more than the rest of a one-pair check.
    """
    # This module's source is part of the key: it builds the value.
    digest = content_digest((opencc_version(), config, Path(__file__).read_bytes()))
    return cached("converted-characters", digest, lambda: _build_converted(config))


def _build_converted(config: str) -> frozenset[str]:
    chars = [chr(cp) for cp in range(*_CJK_UNIFIED)]
    converted = _converter(config).convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return frozenset()
    return frozenset(c for c, new in zip(chars, converted, strict=True) if new != c)


@lru_cache(maxsize=2)
def _candidates(config: str, keep_if_unchanged_by: str) -> frozenset[str]:
    """Characters ``config`` changes one by one and ``keep_if_unchanged_by`` leaves alone:
    for ``s2tw`` / ``t2s``, Simplified-only characters (a quick pre-check, so the phrase-
    aware conversion runs only on texts that contain one)."""
    if not converted_characters(config) or not converted_characters(keep_if_unchanged_by):
        return frozenset()  # a conversion that changed the number of lines: no pre-check
    return converted_characters(config) - converted_characters(keep_if_unchanged_by)


@lru_cache(maxsize=2)
def _script_setup(locale: str) -> tuple[str, frozenset[str], str]:
    """For a locale: the OpenCC config that writes its script, the characters of the
    other script that config changes (less the variants the locale accepts), and the
    other script's name."""
    if locale == "zh-CN":
        return "t2s", _candidates("t2s", "s2t") - CN_VARIANTS_OK, "Traditional"
    return "s2tw", _candidates("s2tw", "t2s") - TW_VARIANTS_OK, "Simplified"


@lru_cache(maxsize=2)
def _any_candidate(locale: str) -> re.Pattern[str]:
    """One character class of :func:`_script_setup`'s characters: searching a text with
    it is several times faster than testing each character against the set."""
    candidates = _script_setup(locale)[1]
    if not candidates:
        return re.compile(r"(?!)")
    return re.compile("[" + "".join(re.escape(c) for c in sorted(candidates)) + "]")


def script_findings(text: str, locale: str) -> Iterator[Finding]:
    """LOC001: characters of the other script, each run with its conversion."""
    locale = "zh-CN" if locale == "zh-CN" else "zh-TW"
    if _any_candidate(locale).search(text) is None:
        return
    config, candidates, what = _script_setup(locale)
    # Convert from the all-Simplified form so phrase rules see whole words: 干擾 stays 干擾
    # (interference), where 干 alone next to a Traditional 擾 would become 幹.
    basis = _converter("t2s").convert(text) if locale != "zh-CN" else text
    converted = _converter(config).convert(basis) if len(basis) == len(text) else ""
    if len(converted) != len(text):  # conversion is character for character in practice
        converted = "".join(
            _converter(config).convert(ch) if ch in candidates else ch for ch in text
        )
    start = None
    for i, (ch, new) in enumerate(zip(text, converted, strict=True)):
        wrong = ch != new and ch in candidates
        if wrong and start is None:
            start = i
        if not wrong and start is not None:
            yield _script_finding(text, converted, start, i, what)
            start = None
    if start is not None:
        yield _script_finding(text, converted, start, len(text), what)


def _script_finding(text: str, converted: str, start: int, end: int, what: str) -> Finding:
    found, expected = text[start:end], converted[start:end]
    return LOC001.finding(
        f"{what} character(s) '{found}' in a {'zh-CN' if what == 'Traditional' else 'zh-TW'} "
        f"translation; write '{expected}'",
        target_span=(start, end),
        expected=expected,
        found=found,
    )


@lru_cache(maxsize=2)
def _vocabulary(locale: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern over the other region's words, longest first, in the text's script."""
    table = _vocabulary_table(locale)
    words = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)), table


def _vocabulary_table(locale: str) -> dict[str, str]:
    """The other region's words, in the text's script, each with this region's word.
    Kept in the user cache per OpenCC version: building a converter for a few dozen
    words costs more than checking a one-pair file."""
    digest = content_digest((opencc_version(), locale, Path(__file__).read_bytes()))
    return cached("locale-vocabulary", digest, lambda: _build_vocabulary_table(locale))


def _build_vocabulary_table(locale: str) -> dict[str, str]:
    if locale == "zh-CN":
        to_cn = _converter("t2s")
        return {
            to_cn.convert(tw): to_cn.convert(cn)
            for cn, tw in MAINLAND_TO_TW.items()
            if cn not in _NOT_MIRRORED and "(" not in tw
        }
    table = {cn: tw for cn, tw in MAINLAND_TO_TW.items() if cn not in _TW_ALSO_SAYS}
    to_s = _converter("t2s")
    table.update({to_s.convert(cn): tw for cn, tw in list(table.items())})
    return table


def vocabulary_findings(
    text: str, locale: str, termbase: Termbase | None = None
) -> Iterator[Finding]:
    """LOC002: words of the other region, with the word this region uses. With a termbase,
    a match that straddles two words is none of them (季增 in 本季|增长, "this quarter grew")."""
    pattern, table = _vocabulary("zh-CN" if locale == "zh-CN" else "zh-TW")
    region, other = ("mainland", "Taiwanese") if locale == "zh-CN" else ("Taiwanese", "mainland")
    folded = None
    for match in pattern.finditer(text):
        word = match.group()
        suggestion = table[word]
        if text.startswith(suggestion, match.start()):  # 硅 inside a correct phrase, etc.
            continue
        if termbase is not None and len(termbase):
            from glossary.compiled import compile_termbase  # only when a word is found
            from glossary.fold import fold_zh

            folded = folded if folded is not None else fold_zh(text)
            if compile_termbase(termbase).matcher.crosses_word(folded, *match.span()):
                continue
        yield LOC002.finding(
            f"{other} word '{word}' in a {locale} translation; {region} usage is '{suggestion}'",
            target_span=match.span(),
            expected=suggestion,
            found=word,
        )


def check_segment(segment: Segment, ctx: CheckContext) -> Iterator[Finding]:
    target = segment.target
    if not target or segment.align_type == "copy":
        return
    locale = ctx.target_locale
    if locale not in ("zh-TW", "zh-CN"):
        return
    yield from script_findings(target, locale)
    yield from vocabulary_findings(target, locale, ctx.termbase)


CHECKER = Checker(
    name="locale",
    rules=RULES,
    segment=check_segment,
    collect=collect_digit_styles,  # LOC003/LOC004, document-level
    combine=combine_digit_styles,
)
