"""A pattern defined with ``lazy_compile`` matches as ``re.compile``'s does, compiles once,
on first use, and an import of the number readers compiles none of their patterns."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys

from auditor.lazy_pattern import LazyPattern, lazy_compile

TEXT = "Revenue rose to $1.2 billion in Q1 2025, up 30% (營收 12 億美元)."


def test_every_method_gives_what_the_compiled_pattern_gives():
    source, flags = r"(?P<num>\d+(?:\.\d+)?)\s?(?P<unit>%|billion)?", re.I
    lazy, plain = lazy_compile(source, flags), re.compile(source, flags)
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    assert lazy.findall(TEXT) == plain.findall(TEXT)
    assert lazy.search(TEXT, 30).groupdict() == plain.search(TEXT, 30).groupdict()
    assert lazy.match(TEXT, 17).group() == "1.2 billion"
    assert lazy.fullmatch("30%") is not None and lazy.fullmatch("30 %x") is None
    assert lazy.sub("N", TEXT) == plain.sub("N", TEXT)
    assert lazy.subn("N", TEXT) == plain.subn("N", TEXT)
    assert lazy.split(TEXT) == plain.split(TEXT)
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (
        plain.flags,
        plain.groups,
        plain.groupindex,
    )
    assert lazy.pattern == source


def test_a_bytes_pattern_stays_bytes():
    lazy = lazy_compile(rb"encoding=\"([\w-]+)\"")
    assert lazy.search(b'<?xml encoding="big5"?>').group(1) == b"big5"


def test_it_compiles_on_first_use_and_then_calls_the_compiled_pattern_directly():
    lazy = lazy_compile(r"(unclosed")  # an error shows when the pattern is first used
    try:
        lazy.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("an invalid pattern must fail when used")
    stand_in = LazyPattern(r"\d+")
    assert stand_in.search("a 12").group() == "12"
    compiled = stand_in.compiled()
    assert stand_in.match.__self__ is compiled  # bound once: no stand-in on the hot path
    assert stand_in.compiled() is compiled


def test_copies_and_pickles_match_alike():
    lazy = lazy_compile(r"q([1-4])", re.I)
    lazy.search("Q3")  # compiled, methods bound
    for other in (pickle.loads(pickle.dumps(lazy)), copy.deepcopy(lazy), copy.copy(lazy)):
        assert other.search("in Q2").group(1) == "2"
        assert other.pattern == lazy.pattern and other.flags == lazy.flags


def test_importing_the_number_readers_compiles_none_of_their_patterns():
    probe = (
        "import re, re._compiler\n"
        "compiled = []\n"
        "original = re._compiler.compile\n"
        "def counting(p, flags=0):\n"
        "    compiled.append(p)\n"
        "    return original(p, flags)\n"
        "re._compiler.compile = counting\n"
        "import auditor.numbers.english as en, auditor.numbers.chinese as zh\n"
        "big = [p for p in compiled if len(p) > 1000]\n"
        "assert not big, [p[:80] for p in big]\n"
        "assert en.TOKEN.pattern not in compiled and zh.TOKEN.pattern not in compiled\n"
        "assert en.extract_english('up 30% to $2 billion')\n"
        "assert en.TOKEN.pattern in compiled\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
