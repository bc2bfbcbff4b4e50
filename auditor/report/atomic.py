"""Writing an output file all at once or not at all.

A report that is cut short (Ctrl-C, SIGTERM, a CI timeout, a full disk) must never
replace the previous one, and must never be left behind looking complete: a 0-byte
``report.jsonl`` reads as "no findings". So every output file is written to a temporary
file beside its target (same directory, so the rename is atomic), flushed to disk, and
renamed over the target only when the writer has finished; on any failure the temporary
file is removed and the target is untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from auditor.model import InputError
from auditor.signals import signals_held


class AtomicFile:
    """A text file being written beside ``target``; :meth:`commit` renames it over the
    target, :meth:`discard` removes it. Opening it never touches the target."""

    def __init__(self, target: str | Path, what: str = "the output"):
        self.target = Path(os.path.realpath(target))  # write through a symlink, not over it
        self._shown = str(target)
        self._what = what
        if self.target.is_dir():
            raise InputError(
                f"cannot write {what}: it is a directory; give a file name", self._shown
            )
        try:
            fd, tmp = tempfile.mkstemp(
                dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp"
            )
        except OSError as exc:
            raise InputError(f"cannot write {what}: {exc.strerror}", self._shown) from None
        self.temp = Path(tmp)
        try:
            self.stream: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except BaseException:
            os.close(fd)
            self.temp.unlink(missing_ok=True)
            raise

    def commit(self) -> None:
        """Flush to disk, give the file the target's permissions, rename it over the target."""
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self.temp, _mode_for(self.target))
            os.replace(self.temp, self.target)
        except OSError as exc:
            self.discard()
            raise InputError(f"cannot write {self._what}: {exc.strerror}", self._shown) from None
        except BaseException:
            self.discard()
            raise
        _sync_directory(self.target.parent)

    def discard(self) -> None:
        """Remove the temporary file; the target keeps what it had."""
        try:
            self.stream.close()
        except OSError:  # a full disk fails the final flush too; the file goes anyway
            pass
        self.temp.unlink(missing_ok=True)


@contextmanager
def atomic_output(target: str | Path, what: str = "the output") -> Iterator[TextIO]:
    """A text stream whose content replaces ``target`` when the block ends normally.

    An exception in the block (or a write error such as a full disk), Ctrl-C or SIGTERM
    included, leaves ``target`` as it was and removes the temporary file; a write error
    becomes an :class:`InputError` naming the file.
    """
    out: AtomicFile | None = None
    try:
        with signals_held():  # the temporary file exists only once we know its name
            out = AtomicFile(target, what)
        yield out.stream
        with signals_held():  # renamed, or not at all
            out.commit()
    except OSError as exc:
        if out is not None:
            out.discard()
        raise InputError(f"cannot write {what}: {exc.strerror}", str(target)) from None
    except BaseException:
        if out is not None:
            out.discard()
        raise


def _mode_for(target: Path) -> int:
    """The existing file's permissions, else what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (not possible on every platform or file system)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
