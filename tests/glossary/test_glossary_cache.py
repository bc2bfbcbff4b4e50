"""The user cache of compiled termbases (glossary/cache.py): what is read back is what
would have been built, and a bad file or a race costs only speed."""

from __future__ import annotations

import marshal
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import glossary
from glossary import cache, matcher
from glossary.matcher import FoldedText
from glossary.model import Concept, Termbase

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(cache.DISABLE_VARIABLE, raising=False)
    return tmp_path / "auditor"


def _counting_build(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_value_is_built_once_then_read_back(cache_home):
    build, calls = _counting_build({"wafer": ("晶圓",)})
    digest = cache.content_digest(("one",))
    assert cache.cached("demo", digest, build) == {"wafer": ("晶圓",)}
    assert cache.cached("demo", digest, build) == {"wafer": ("晶圓",)}
    assert len(calls) == 1
    assert [p.name for p in cache_home.iterdir()] == [cache.entry_path("demo", digest).name]


@pytest.mark.parametrize(
    "content",
    [
        b"",  # empty (a crash before anything was written)
        b"not a pickle at all \x00\xff",
        pickle.dumps({"format": cache.FORMAT, "kind": "demo", "digest": "x", "value": 1})[
            :-7
        ],  # truncated
    ],
    ids=["empty", "garbage", "truncated"],
)
def test_a_corrupt_file_is_ignored_and_rebuilt(cache_home, content):
    digest = cache.content_digest(("corrupt",))
    path = cache.entry_path("demo", digest)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    build, calls = _counting_build(["rebuilt"])
    assert cache.cached("demo", digest, build) == ["rebuilt"]
    assert calls == [1]
    build_again, calls_again = _counting_build(["never"])
    assert cache.cached("demo", digest, build_again) == ["rebuilt"]  # the file was replaced
    assert calls_again == []


@pytest.mark.parametrize(
    "entry",
    [
        {"format": cache.FORMAT + 1, "kind": "demo", "digest": "D", "value": "old layout"},
        {"format": cache.FORMAT, "kind": "fold-table", "digest": "D", "value": "other kind"},
        {"format": cache.FORMAT, "kind": "demo", "digest": "another", "value": "other content"},
        ["not", "an", "entry"],
    ],
    ids=["other-format", "other-kind", "other-digest", "not-a-dict"],
)
def test_a_foreign_file_is_ignored_and_rebuilt(cache_home, entry):
    digest = cache.content_digest(("foreign",))
    if isinstance(entry, dict) and entry["digest"] == "D":
        entry = {**entry, "digest": digest}
    path = cache.entry_path("demo", digest)
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps(entry))
    build, calls = _counting_build("ours")
    assert cache.cached("demo", digest, build) == "ours"
    assert calls == [1]


def test_a_digest_covers_each_part_and_where_parts_split():
    assert cache.content_digest(("ab", "c")) != cache.content_digest(("a", "bc"))
    assert cache.content_digest(("ab",)) != cache.content_digest(("ab", ""))
    assert cache.content_digest(("ab",)) == cache.content_digest((b"ab",))


def test_an_unwritable_directory_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    build, calls = _counting_build(42)
    digest = cache.content_digest(("x",))
    assert cache.cached("demo", digest, build) == 42
    assert cache.cached("demo", digest, build) == 42
    assert calls == [1, 1]


_RACER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from glossary import cache

    directory, me, other, rounds = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    (directory / me).touch()
    while not (directory / other).exists():  # start together
        time.sleep(0.001)
    value = [f"concept {n} 晶圓" for n in range(50_000)]
    digest = cache.content_digest(("race",))
    path = cache.entry_path("race", digest, directory / "cache")
    # Both miss and build at once ...
    assert cache.cached("race", digest, lambda: value, directory / "cache") == value
    # ... then keep rewriting the entry (as processes that each miss would) while reading
    # it: a file that exists is always whole.
    entry = {"format": cache.FORMAT, "kind": "race", "digest": digest, "value": value}
    for round in range(rounds):
        cache._write(path, entry)
        for _ in range(3):
            existed = path.exists()
            found = cache._read(path, "race", digest)
            assert found == value or not existed, f"round {round}: a torn file"
    print("ok")
    """
)


def test_two_processes_building_at_once_leave_whole_files(tmp_path):
    """Two processes write the same entry over and over while reading it: every read
    of the file is a whole value, and what is left is one file and no temporary one."""
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, str(tmp_path), me, other, "40"],
            cwd=REPO,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me, other in (("a", "b"), ("b", "a"))
    ]
    for racer in racers:
        out, err = racer.communicate(timeout=120)
        assert racer.returncode == 0, err
        assert out.strip() == "ok"
    files = list((tmp_path / "cache").iterdir())
    assert [f.suffix for f in files] == [".pickle"]
    expected = [f"concept {n} 晶圓" for n in range(50_000)]
    assert (
        cache.cached("race", cache.content_digest(("race",)), lambda: None, tmp_path / "cache")
        == expected
    )


def test_the_shipped_termbase_read_back_is_the_parsed_one(cache_home):
    parsed = glossary.default_termbase.__wrapped__()
    assert len(list(cache_home.glob("termbase-*.pickle"))) == 1
    read_back = glossary.default_termbase.__wrapped__()
    assert read_back == parsed and len(read_back) > 1000
    for path in cache_home.glob("termbase-*.pickle"):
        path.write_bytes(b"\x80\x05garbage")
    assert glossary.default_termbase.__wrapped__() == parsed


SENTENCES = [
    "Our PCIe 6 retimers and Taurus smart cable modules ramp in the second half.",
    "Wafer yield improved while the scale-up network moved to UALink switches.",
    "The gearbox and the Ethernet scale-out fabric ship with HBM3E memory.",
]
TARGETS = [
    "我們的 PCIe 6 重定時器與 Taurus 智慧電纜模組在下半年量產爬坡。",
    "晶圓收益改善,縱向擴展網路採用 UALink 交換器。",
]


def _matches(compiled) -> list:
    found = [compiled.match_source(s) for s in SENTENCES]
    concepts = range(len(compiled.concepts))
    found += [compiled.renderings(FoldedText.of(t), concepts) for t in TARGETS]
    return found


def test_a_termbase_compiled_from_the_cache_matches_as_one_compiled_afresh(cache_home):
    termbase = Termbase(
        tuple(glossary.default_termbase().concepts[:400])
        + (
            Concept("wafer yield", zh_tw=("晶圓良率",)),
            Concept("yield", forbidden=("收益",), context=("wafer",)),
        )
    )
    fresh = matcher.TermMatcher.load(termbase)
    assert len(list(cache_home.glob("compiled-termbase-*.pickle"))) == 1
    from_cache = _NoCompile.load(termbase)
    assert from_cache is not fresh and from_cache.termbase is termbase
    assert from_cache.built()["forms"] == fresh.built()["forms"]
    assert _matches(from_cache) == _matches(fresh)
    assert any(_matches(fresh))


class _NoCompile(matcher.TermMatcher):
    """Refuses to compile: a read from the cache must not need to."""

    def _compile(self) -> None:
        raise AssertionError("compiled although the cache holds this termbase")


# -- Pruning ------------------------------------------------------------------------------

_HOUR = cache.UNUSED_GRACE_SECONDS
_OTHER_VERSION = "0123456789ab"


def _aged(path: Path, seconds: float, content: bytes = b"x") -> Path:
    import os
    import time

    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(content)
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_pruning_removes_only_unused_entries_of_other_versions_and_stale_temporaries(
    cache_home,
):
    assert cache.code_digest()[: len(_OTHER_VERSION)] != _OTHER_VERSION
    digest = "f" * 64
    ours_ancient = _aged(cache.entry_path("termbase", digest, cache_home), 400 * 24 * 3600)
    other_old = _aged(cache_home / f"termbase-{_OTHER_VERSION}-{'a' * 24}.pickle", 2 * _HOUR)
    other_in_use = _aged(cache_home / f"termbase-{_OTHER_VERSION}-{'b' * 24}.pickle", 60)
    unversioned_old = _aged(cache_home / f"fold-table-{'c' * 24}.pickle", 2 * _HOUR)
    torn_write = _aged(
        cache_home / f"termbase-{_OTHER_VERSION}-{'a' * 24}.pickle3kx_9q.tmp", 2 * _HOUR
    )
    live_write = _aged(
        cache.entry_path("demo", digest, cache_home).with_name(
            cache.entry_path("demo", digest, cache_home).name + "abc123.tmp"
        ),
        5,
    )
    not_ours = [
        _aged(cache_home / "notes.txt", 2 * _HOUR),
        _aged(cache_home / f"termbase-{_OTHER_VERSION}-{'a' * 23}.pickle", 2 * _HOUR),
        _aged(cache_home / "Termbase-0123456789ab-aaaaaaaaaaaaaaaaaaaaaaaa.pickle", 2 * _HOUR),
        _aged(cache_home / f"jieba-parts-{'d' * 24}.marshal", 2 * _HOUR),
        _aged(cache_home / f"termbase-{_OTHER_VERSION}-{'e' * 24}.pickle.bak", 2 * _HOUR),
    ]
    a_directory = cache_home / f"termbase-{_OTHER_VERSION}-{'f' * 24}.pickle"
    a_directory.mkdir()

    removed = cache.prune(cache_home)

    assert sorted(removed) == sorted([other_old, unversioned_old, torn_write])
    for kept in (ours_ancient, other_in_use, live_write, *not_ours, a_directory):
        assert kept.exists(), kept.name
    assert not any(path.exists() for path in removed)


def test_a_miss_prunes_the_directory_and_a_hit_does_not(cache_home):
    stale = _aged(cache_home / f"demo-{_OTHER_VERSION}-{'a' * 24}.pickle", 2 * _HOUR)
    digest = cache.content_digest(("pruned on a miss",))
    build, calls = _counting_build("value")
    cache.cached("demo", digest, build)  # a hit needs the entry first
    assert calls == [1] and not stale.exists()
    again = _aged(cache_home / f"demo-{_OTHER_VERSION}-{'b' * 24}.pickle", 2 * _HOUR)
    assert cache.cached("demo", digest, build) == "value" and calls == [1]
    assert again.exists()  # reading an entry never pays for a directory scan


def test_reading_an_entry_marks_it_used_so_another_version_keeps_it(cache_home):
    import time

    digest = cache.content_digest(("marked",))
    cache.cached("demo", digest, lambda: "value")
    path = _aged(cache.entry_path("demo", digest), 3 * 24 * 3600)
    assert cache.cached("demo", digest, lambda: "rebuilt") == "value"
    assert time.time() - path.stat().st_mtime < 60
    recent = path.stat().st_mtime
    assert cache.cached("demo", digest, lambda: "rebuilt") == "value"
    assert path.stat().st_mtime == recent  # refreshed at most once a day, not on every read


def test_the_shipped_termbase_has_one_digest_whether_built_or_read_back(cache_home):
    built = glossary.default_termbase.__wrapped__()
    read_back = glossary.default_termbase.__wrapped__()
    assert built is not read_back and built == read_back
    assert cache.termbase_digest(built) == cache.termbase_digest(read_back)
    # A termbase of other content, made in the process, is keyed by its content.
    other = Termbase(built.concepts[:-1])
    assert cache.termbase_digest(other) != cache.termbase_digest(built)
    assert cache.termbase_digest(other) == cache.termbase_digest(Termbase(built.concepts[:-1]))


def _with_parts_index(data: bytes, index: bytes) -> bytes:
    """A parts file's header with ``index`` as its index (the words file: left as is)."""
    from glossary.segmenter import _PARTS_MAGIC

    if not data.startswith(_PARTS_MAGIC):
        return data
    return _PARTS_MAGIC + len(index).to_bytes(8, "little") + index + b"x" * 5


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: b"",
        lambda data: b"\x00garbage\xff",
        lambda data: marshal.dumps(["a list", "not the tables"]),
        lambda data: data[: len(data) - 100],  # truncated
        lambda data: data + b"\x00" * 100,  # padded
        lambda data: _with_parts_index(data, marshal.dumps((1, {"a": 5}))),  # a foreign index
    ],
    ids=["empty", "garbage", "foreign", "truncated", "padded", "foreign-index"],
)
def test_a_corrupt_jieba_table_is_ignored_and_rebuilt(tmp_path, spoil):
    from glossary.segmenter import LazyFreq, build_tokenizer

    words = ["變速箱", "速率轉換器"]
    build_tokenizer(words, cache_dir=tmp_path)
    tables = sorted(tmp_path.glob("jieba-*.marshal"))
    assert [p.name.split("-")[1] for p in tables] == ["parts", "words"]
    for path in tables:
        path.write_bytes(spoil(path.read_bytes()))
    rebuilt = build_tokenizer(words, cache_dir=tmp_path)
    assert isinstance(rebuilt.FREQ, dict)  # built the slow way, not read from the files
    assert "變速箱" in list(rebuilt.cut("汽車的變速箱壞了", HMM=False))
    again = build_tokenizer(words, cache_dir=tmp_path)
    assert isinstance(again.FREQ, LazyFreq)  # the files were replaced with whole ones
    assert list(again.cut("汽車的變速箱壞了", HMM=False)) == list(
        rebuilt.cut("汽車的變速箱壞了", HMM=False)
    )


def test_writing_jieba_tables_removes_only_unused_tables_of_their_kind(tmp_path):
    from glossary import segmenter

    day = 24 * 3600
    old_parts = _aged(tmp_path / f"jieba-parts-{'a' * 24}.marshal", 2 * _HOUR)
    parts_in_use = _aged(tmp_path / f"jieba-parts-{'b' * 24}.marshal", 60)
    old_words = _aged(tmp_path / f"jieba-words-{'c' * 24}.marshal", 31 * day)
    recent_words = _aged(tmp_path / f"jieba-words-{'d' * 24}.marshal", 2 * day)
    not_ours = _aged(tmp_path / f"jieba-parts-{'e' * 24}.marshal.bak", 400 * day)
    segmenter.build_tokenizer(["變速箱"], cache_dir=tmp_path)
    assert not old_parts.exists() and not old_words.exists()
    assert parts_in_use.exists() and recent_words.exists() and not_ours.exists()
    assert len(list(tmp_path.glob("jieba-parts-*.marshal"))) == 2  # ours and the one in use
    assert len(list(tmp_path.glob("jieba-words-*.marshal"))) == 2
