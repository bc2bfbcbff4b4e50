"""A private jieba tokenizer that knows every glossary rendering, cheap to start.

The matcher asks jieba for token boundaries around a few candidate hits only, yet a jieba
tokenizer loads its whole prefix dictionary (about 580,000 entries) before its first cut:
a second or more per process, paid again by every worker process. Segmenting a short
window only ever looks up fragments of that window, so here the dictionary is kept on
disk split by first character and each part is read the first time a fragment starting
with that character is looked up. The tokenizer is jieba's own (its ``cut`` runs
unchanged); only its ``FREQ`` table is lazy, and it holds exactly the entries and
frequencies a fully loaded tokenizer would have after the same ``add_word`` calls, so
every cut is identical.

Caches (a per-user directory; when it cannot be written the tokenizer is built the slow
way, with the same result):

- ``jieba-parts-KEY.marshal``: jieba's dictionary split by first character, each part a
  marshalled ``{fragment: frequency}``, behind an index of where each part lies; keyed by
  jieba's version and dictionary file. The file (9 MB) is mapped into memory, not read:
  a run reads the index and the few parts its windows touch (reading all of it cost a
  run that needs jieba 30 ms);
- ``jieba-words-KEY.marshal``: what the glossary's words changed (the entries
  ``add_word`` set, with their final values) and the new total, keyed by the parts'
  key and the words.

Writing a file (a miss) removes the files of its kind that nothing has read for a while
(:func:`glossary.cache.remove_unused`): the parts of another jieba after an hour, the
words of another glossary after 30 days; reading one marks it used.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import mmap
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from glossary.cache import (
    UNUSED_GRACE_SECONDS,
    mark_used,
    remove_unused,
    write_cache_file,
)

#: Bump when the layout of the cache files changes.
_FORMAT = 2
#: A parts file starts with this, then the length of its index (8 bytes, little-endian),
#: the index (marshalled ``(total, {first character: (offset, length)})``, offsets from
#: the end of the index), then the parts.
_PARTS_MAGIC = b"auditor jieba parts\n"
_PARTS_NAME = re.compile(r"jieba-parts-[0-9a-f]{24}\.marshal")
_WORDS_NAME = re.compile(r"jieba-words-[0-9a-f]{24}\.marshal")
#: A words file nothing has read for this long is removed when another is written.
WORDS_UNUSED_SECONDS = 30 * 24 * 3600


class PartsFile(Mapping[str, bytes]):
    """The parts of a parts file by first character, each sliced from the memory-mapped
    file when asked for (the operating system reads only those pages)."""

    def __init__(self, index: dict[str, tuple[int, int]], data: mmap.mmap, start: int):
        self._index = index
        self._data = data
        self._start = start

    def __getitem__(self, first: str) -> bytes:
        offset, length = self._index[first]
        return self._data[self._start + offset : self._start + offset + length]

    def __iter__(self):
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


class LazyFreq:
    """jieba's ``FREQ`` (fragment -> frequency, 0 for a prefix that is not a word), one
    first-character part at a time, with the glossary's entries on top.

    Implements what jieba's ``Tokenizer`` uses of its ``FREQ`` dict: ``in``, ``[]``,
    ``get`` and item assignment (``add_word``).
    """

    def __init__(self, parts: Mapping[str, bytes], overrides: dict[str, int]):
        self._parts = parts
        self._loaded: dict[str, dict[str, int]] = {}
        self._overrides = overrides

    def _part(self, fragment: str) -> dict[str, int]:
        first = fragment[:1]
        part = self._loaded.get(first)
        if part is None:
            blob = self._parts.get(first)
            part = marshal.loads(blob) if blob is not None else {}
            self._loaded[first] = part
        return part

    def __contains__(self, fragment: object) -> bool:
        if not isinstance(fragment, str):
            return False
        return fragment in self._overrides or fragment in self._part(fragment)

    def __getitem__(self, fragment: str) -> int:
        value = self._overrides.get(fragment)
        if value is None:
            return self._part(fragment)[fragment]
        return value

    def get(self, fragment: str, default: int | None = None) -> int | None:
        value = self._overrides.get(fragment)
        if value is None:
            return self._part(fragment).get(fragment, default)
        return value

    def __setitem__(self, fragment: str, value: int) -> None:
        self._overrides[fragment] = value


def import_jieba():
    """The ``jieba`` module, imported without ``pkg_resources``.

    jieba reads its bundled files through ``pkg_resources`` when it can be imported and
    through a plain ``open`` beside its own module otherwise; importing
    ``pkg_resources`` costs 0.1 s of start-up (it scans every installed distribution).
    While jieba is imported, ``pkg_resources`` is marked absent (a ``None`` entry in
    ``sys.modules``, which makes its import fail), so jieba takes the ``open`` path;
    a ``pkg_resources`` something else has imported already is left alone.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba  # type: ignore[import-untyped]  # jieba ships no type hints

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba  # type: ignore[import-untyped]
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def build_tokenizer(words: Iterable[str], cache_dir: Path | None = None):
    """A jieba tokenizer with ``words`` added (in sorted order, each with at least the
    frequency 10,000 so that it is always cut as one token), the global one left alone.

    ``cache_dir`` defaults to the user's cache directory; pass a directory to use another
    (tests) or an unwritable one to disable the caches.
    """
    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    words = sorted(set(words))
    directory = cache_dir if cache_dir is not None else _cache_dir()
    parts_key = _parts_key(jieba)
    words_key = hashlib.sha256("\n".join([parts_key, *words]).encode("utf-8")).hexdigest()[:24]
    parts_path = directory / f"jieba-parts-{parts_key}.marshal"
    words_path = directory / f"jieba-words-{words_key}.marshal"
    parts = _read_parts(parts_path)
    added = _read(words_path)
    if not (
        isinstance(added, tuple)
        and len(added) == 2
        and isinstance(added[0], dict)
        and isinstance(added[1], int)
    ):
        added = None
    if parts is not None and added is not None:
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ = LazyFreq(parts, dict(added[0]))
        tokenizer.total = added[1]
        tokenizer.initialized = True
        return tokenizer
    return _build_and_cache(jieba, words, parts_path if parts is None else None, words_path)


def _build_and_cache(jieba, words: list[str], parts_path: Path | None, words_path: Path):
    """The slow way (jieba loads everything), saving what the fast way needs."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    if parts_path is not None:
        by_first: dict[str, dict[str, int]] = {}
        for fragment, freq in tokenizer.FREQ.items():
            by_first.setdefault(fragment[:1], {})[fragment] = freq
        _write_parts(
            parts_path, {f: marshal.dumps(p) for f, p in by_first.items()}, tokenizer.total
        )
        remove_unused(parts_path.parent, _PARTS_NAME, parts_path.name, UNUSED_GRACE_SECONDS)
    touched: set[str] = set()
    for word in words:
        tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 10_000))
        touched.update(word[: i + 1] for i in range(len(word)))
    overrides = {fragment: tokenizer.FREQ[fragment] for fragment in touched}
    _write(words_path, (overrides, tokenizer.total))
    remove_unused(words_path.parent, _WORDS_NAME, words_path.name, WORDS_UNUSED_SECONDS)
    return tokenizer


def _write_parts(path: Path, blobs: dict[str, bytes], total: int) -> None:
    index: dict[str, tuple[int, int]] = {}
    offset = 0
    for first, blob in blobs.items():
        index[first] = (offset, len(blob))
        offset += len(blob)
    head = marshal.dumps((total, index))
    data = b"".join([_PARTS_MAGIC, len(head).to_bytes(8, "little"), head, *blobs.values()])
    write_cache_file(path, data)


def _read_parts(path: Path) -> PartsFile | None:
    """The parts file at ``path``, or ``None`` when it is absent, unreadable, truncated or
    not a parts file (then it is rebuilt)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_PARTS_MAGIC) + 8)
            if len(head) < len(_PARTS_MAGIC) + 8 or not head.startswith(_PARTS_MAGIC):
                return None
            length = int.from_bytes(head[len(_PARTS_MAGIC) :], "little")
            total, index = marshal.loads(handle.read(length))
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            mark_used(handle.fileno(), path)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    start = len(_PARTS_MAGIC) + 8 + length
    if not (isinstance(total, int) and isinstance(index, dict) and index):
        return None
    # Whole: the parts laid end to end fill the file exactly (a truncated or padded file
    # is refused).
    try:
        filled = start + sum(size for _, size in index.values())
    except (TypeError, ValueError):  # an index of something else
        return None
    return PartsFile(index, data, start) if filled == len(data) else None


def _parts_key(jieba) -> str:
    """jieba's version and its dictionary file (path, size, modification time)."""
    path = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    try:
        stat = path.stat()
        ident = f"{path}|{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        ident = str(path)
    text = f"{_FORMAT}|{jieba.__version__}|{ident}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "auditor"


def _read(path: Path):
    try:
        with open(path, "rb") as handle:
            value = marshal.load(handle)
            mark_used(handle.fileno(), path)
            return value
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write(path: Path, value: tuple[dict, int]) -> None:
    write_cache_file(path, marshal.dumps(value))
