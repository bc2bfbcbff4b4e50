"""A per-user cache of what is slow to build from a termbase and quick to read back.

Parsing the shipped termbase and compiling it for the matcher cost about 0.4 s of CPU,
paid by every process before its first check: most of a one-pair ``auditor check`` from a
pre-commit hook. Both depend only on their input and on this package's code, so each is
kept in the user's cache directory (``$XDG_CACHE_HOME/auditor`` or ``~/.cache/auditor``)
under a digest of both, and read back in a few milliseconds.

A cache file is a pickle of ``{"format", "kind", "digest", "value"}``; it is used only when
all three keys match what the reader asked for (the file's own name is a prefix of the
digest, so a file renamed, truncated, of another version or of another kind is refused),
and anything unreadable is rebuilt and replaced. Files are written to a temporary file in
the same directory and renamed into place, so a reader never sees half a file and two
processes building the same entry at once each leave a whole one. The directory is the
user's own (as jieba's cache, :mod:`glossary.segmenter`); when it cannot be written the
value is built every time, with the same result.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

#: Bump when the layout of a cache file changes.
FORMAT = 1
#: Set to a non-empty value to bypass the cache (build every time, write nothing).
DISABLE_VARIABLE = "AUDITOR_NO_CACHE"

T = TypeVar("T")


def cache_dir() -> Path:
    """The user's cache directory for auditor."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "auditor"


@cache
def code_digest() -> str:
    """A digest of this package's source files, Python's version and the Aho-Corasick
    library's file (its automata are cached): a value built by other code is never read
    back, even without a version bump."""
    import ahocorasick

    root = Path(__file__).parent
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{_file_stamp(ahocorasick.__file__)}".encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_stamp(path: str | None) -> str:
    """A file's path, size and modification time (a reinstall changes them)."""
    if path is None:
        return ""
    try:
        stat = os.stat(path)
    except OSError:
        return path
    return f"{path}|{stat.st_size}|{stat.st_mtime_ns}"


def content_digest(parts: Iterable[bytes | str]) -> str:
    """The digest that keys an entry: the package's code and each part, length-prefixed
    (so ``("ab", "c")`` and ``("a", "bc")`` differ)."""
    digest = hashlib.sha256(code_digest().encode("ascii"))
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


@cache
def opencc_version() -> str:
    """OpenCC's version, where it is installed and when: what tables derived from its
    conversions are keyed by (a reinstall changes the time)."""
    import opencc

    location = Path(opencc.__file__).parent
    try:
        stamp = max(
            path.stat().st_mtime_ns for path in (location, location / "clib", Path(opencc.__file__))
        )
    except OSError:
        stamp = 0
    return f"{getattr(opencc, '__version__', '')}|{location}|{stamp}"


_TERMBASE_DIGESTS: dict[int, tuple[object, str]] = {}


def termbase_digest(termbase: object) -> str:
    """:func:`content_digest` of a termbase's content (its ``repr``: every field of every
    concept, in order), memoised for the termbase object."""
    memo = _TERMBASE_DIGESTS.get(id(termbase))
    if memo is not None and memo[0] is termbase:
        return memo[1]
    digest = content_digest((repr(termbase),))
    if len(_TERMBASE_DIGESTS) >= 8:
        _TERMBASE_DIGESTS.clear()
    _TERMBASE_DIGESTS[id(termbase)] = (termbase, digest)
    return digest


def cached(kind: str, digest: str, build: Callable[[], T], directory: Path | None = None) -> T:
    """The value cached as ``kind`` under ``digest``, or ``build()`` (then cached).

    ``build`` must return a value that depends only on what ``digest`` covers.
    """
    if os.environ.get(DISABLE_VARIABLE):
        return build()
    path = entry_path(kind, digest, directory)
    found = _read(path, kind, digest)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    value = build()
    _write(path, {"format": FORMAT, "kind": kind, "digest": digest, "value": value})
    return value


def entry_path(kind: str, digest: str, directory: Path | None = None) -> Path:
    """Where the entry of ``kind`` under ``digest`` is kept."""
    return (directory if directory is not None else cache_dir()) / f"{kind}-{digest[:24]}.pickle"


_MISSING = object()


def _read(path: Path, kind: str, digest: str) -> object:
    """The entry's value, or ``_MISSING`` when the file is absent, unreadable, corrupt or
    not the entry asked for."""
    try:
        with open(path, "rb") as handle:
            entry = pickle.load(handle)
    except Exception:  # noqa: BLE001 - any corrupt file (truncated, garbage, bad class) is a miss
        return _MISSING
    if (
        not isinstance(entry, dict)
        or entry.get("format") != FORMAT
        or entry.get("kind") != kind
        or entry.get("digest") != digest
        or "value" not in entry
    ):
        return _MISSING
    return entry["value"]


def _write(path: Path, entry: dict) -> None:
    try:
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return
    write_cache_file(path, data)


def write_cache_file(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (a temporary file renamed into place), so
    that a concurrent reader sees the old file or the new one; a failure only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass
