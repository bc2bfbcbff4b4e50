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

An entry's file name carries the version of the code that wrote it, so that the cache can
prune itself: whenever a process writes an entry (a miss, as after an upgrade), it removes
the entries of other versions that no process has read for an hour, and the temporary files
a crashed writer left behind (:func:`prune`). Reading an entry marks it as used (its
modification time, refreshed at most once a day), so an older version still at work keeps
its files; the current version's entries and any file the cache did not name are never
removed.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

#: Bump when the layout of a cache file changes.
FORMAT = 1
#: Set to a non-empty value to bypass the cache (build every time, write nothing).
DISABLE_VARIABLE = "AUDITOR_NO_CACHE"
#: An entry of another version, or a temporary file, untouched for this long is removed.
UNUSED_GRACE_SECONDS = 3600
#: Reading an entry refreshes its modification time when it is older than this.
MARK_USED_AFTER_SECONDS = 24 * 3600
#: Characters of :func:`code_digest` in an entry's file name (its version).
_VERSION_CHARS = 12
#: The names :func:`entry_path` and :func:`write_cache_file` give (``kind``, version,
#: digest; a temporary file adds mkstemp's random part and ``.tmp``).
_ENTRY_NAME = re.compile(r"([a-z][a-z0-9-]*)-([0-9a-f]{12})-[0-9a-f]{24}\.pickle")
#: An entry's name before names carried a version (all of another version now).
_UNVERSIONED_NAME = re.compile(r"[a-z][a-z0-9-]*-[0-9a-f]{24}\.pickle")
_TEMPORARY_NAME = re.compile(r"[a-z][a-z0-9-]*-[0-9a-f]{12,24}\.(?:pickle|marshal)\w+\.tmp")

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
    import ahocorasick  # type: ignore[import-not-found]  # pyahocorasick ships no stubs

    root = Path(__file__).parent
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{file_stamp(ahocorasick.__file__)}".encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_stamp(path: str | None) -> str:
    """A file's path, size and modification time (a reinstall changes them): what a value
    derived from an installed package's data file is keyed by."""
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
    """Where OpenCC is installed and when (its package, its library and its dictionaries):
    what tables derived from its conversions are keyed by, a reinstall or an upgrade
    changes the times. Found without importing it: a run whose tables are all cached
    never loads OpenCC's library."""
    from importlib.util import find_spec

    spec = find_spec("opencc")
    if spec is None or spec.origin is None:
        return "no opencc"
    location = Path(spec.origin).parent
    places = (location, location / "clib", location / "clib" / "share" / "opencc")
    return "|".join([str(location), *(file_stamp(str(place)) for place in places)])


_TERMBASE_DIGESTS: dict[int, tuple[object, str]] = {}
#: Values this process read from (or wrote to) an entry, by ``id``: the value, its kind and
#: its entry's digest. A value's content is a function of its entry's digest.
_ENTRY_OF: dict[int, tuple[object, str, str]] = {}


def termbase_digest(termbase: object) -> str:
    """A digest of a termbase's content, memoised for the termbase object.

    For a termbase that is the value of a cache entry (the shipped one), a digest of that
    entry's kind and digest, which fix its content; for any other, :func:`content_digest`
    of its ``repr`` (every field of every concept, in order), which takes longer.
    """
    memo = _TERMBASE_DIGESTS.get(id(termbase))
    if memo is not None and memo[0] is termbase:
        return memo[1]
    entry = _ENTRY_OF.get(id(termbase))
    if entry is not None and entry[0] is termbase:
        digest = content_digest(("cache entry", entry[1], entry[2]))
    else:
        digest = content_digest((repr(termbase),))
    if len(_TERMBASE_DIGESTS) >= 8:
        _TERMBASE_DIGESTS.clear()
    _TERMBASE_DIGESTS[id(termbase)] = (termbase, digest)
    return digest


def cached(kind: str, digest: str, build: Callable[[], T], directory: Path | None = None) -> T:
    """The value cached as ``kind`` under ``digest``, or ``build()`` (then cached, and the
    directory pruned: :func:`prune`).

    ``build`` must return a value that depends only on what ``digest`` covers.
    """
    if os.environ.get(DISABLE_VARIABLE):
        return build()
    path = entry_path(kind, digest, directory)
    found = _read(path, kind, digest)
    if found is _MISSING:
        found = build()
        _write(path, {"format": FORMAT, "kind": kind, "digest": digest, "value": found})
        prune(path.parent)
    _remember(found, kind, digest)
    return found  # type: ignore[return-value]


def _remember(value: object, kind: str, digest: str) -> None:
    if len(_ENTRY_OF) >= 32:
        _ENTRY_OF.clear()
    _ENTRY_OF[id(value)] = (value, kind, digest)


def entry_path(kind: str, digest: str, directory: Path | None = None) -> Path:
    """Where the entry of ``kind`` under ``digest`` is kept (the name carries the code's
    version, for :func:`prune`)."""
    name = f"{kind}-{code_digest()[:_VERSION_CHARS]}-{digest[:24]}.pickle"
    return (directory if directory is not None else cache_dir()) / name


_MISSING = object()


def _read(path: Path, kind: str, digest: str) -> object:
    """The entry's value, or ``_MISSING`` when the file is absent, unreadable, corrupt or
    not the entry asked for."""
    try:
        with open(path, "rb") as handle, _collector_paused():
            entry = pickle.load(handle)
            mark_used(handle.fileno(), path)
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


_FREEZE_AFTER_READ = False


def freeze_after_read(enabled: bool = True) -> None:
    """Whether what an entry read makes is then frozen out of the cyclic collector's way
    (:func:`gc.freeze`): right for a process that keeps what it loads until it exits,
    which the command line turns it on for. Off by default, so that a library caller's
    collector (a test run, an application) works as it did."""
    global _FREEZE_AFTER_READ
    _FREEZE_AFTER_READ = enabled


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while an entry is unpickled (and, where
    :func:`freeze_after_read` asks for it, what it made frozen after): a large entry makes
    hundreds of thousands of containers that live as long as the process, and the
    collector would walk them again and again (about a third of the time of reading the
    compiled termbase, and as much again in the next collections)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _FREEZE_AFTER_READ:
            gc.freeze()
        if enabled:
            gc.enable()


def mark_used(fd: int, path: Path) -> None:
    """Refresh the modification time of an entry read (at most once a day), so that
    :func:`prune` in a process of another version leaves it alone while it is in use."""
    try:
        if time.time() - os.fstat(fd).st_mtime > MARK_USED_AFTER_SECONDS:
            os.utime(path)
    except OSError:  # a read-only cache is still a cache
        pass


def prune(directory: Path, now: float | None = None) -> list[Path]:
    """Remove from ``directory`` the entries of other versions and the temporary files
    that nothing has used for :data:`UNUSED_GRACE_SECONDS`; return what was removed.

    Only names the cache gives are considered: an entry of the current version and any
    other file are never removed. A process reading a file removed under it keeps its
    open file (POSIX), and one that finds its entry gone rebuilds it: pruning costs
    another version speed at worst, never a wrong value.
    """
    ours = code_digest()[:_VERSION_CHARS]

    def of_another_version(name: str) -> bool:
        entry = _ENTRY_NAME.fullmatch(name)
        if entry is not None:
            return entry.group(2) != ours
        return bool(_UNVERSIONED_NAME.fullmatch(name) or _TEMPORARY_NAME.fullmatch(name))

    return _remove_unused_if(directory, of_another_version, UNUSED_GRACE_SECONDS, now)


def remove_unused(
    directory: Path, names: re.Pattern[str], keep: str, unused_seconds: float
) -> list[Path]:
    """Remove from ``directory`` the files whose whole name ``names`` matches, other than
    ``keep``, that nothing has used (:func:`mark_used`) for ``unused_seconds``."""
    return _remove_unused_if(
        directory, lambda name: name != keep and bool(names.fullmatch(name)), unused_seconds
    )


def _remove_unused_if(
    directory: Path, chosen: Callable[[str], bool], unused_seconds: float, now: float | None = None
) -> list[Path]:
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        if not chosen(name):
            continue
        path = directory / name
        try:
            status = path.lstat()
            if not stat.S_ISREG(status.st_mode) or now - status.st_mtime < unused_seconds:
                continue
            path.unlink()
        except OSError:  # gone already, or not ours to remove
            continue
        removed.append(path)
    return removed


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
        import tempfile  # only on a miss: a warm run spares the import

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
