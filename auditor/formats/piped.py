"""Input that can be read only once: ``-`` (standard input), a pipe, a FIFO, process
substitution (``<(...)``), ``/dev/stdin``.

The readers look at an input more than once (sniff the format, count the segments, then
read them; worker processes read their own parts), so such an input is copied once to a
temporary file and every reader opens the copy under the name the user gave
(:data:`auditor.formats.base.BUFFERED_INPUTS`). Standard input is named ``<stdin>`` in
messages and reports. A regular file is never copied.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from auditor.formats.base import BUFFERED_INPUTS, MAX_INPUT_BYTES
from auditor.model import InputError

#: The name standard input goes by in messages and reports.
STDIN_NAME = "<stdin>"


def buffered_input(path: str) -> str:
    """The name to read ``path`` by: itself, after copying it if it can be read only once.

    ``-`` is standard input. A path that is not a regular file (a pipe, a character
    device, ``/dev/fd/N``) is copied once; a regular file, a directory or a missing
    path is left to the readers (which say what is wrong with it).
    """
    if path == "-":
        name = STDIN_NAME
        if name not in BUFFERED_INPUTS:
            if sys.stdin is None or sys.stdin.isatty():
                raise InputError(
                    "'-' reads the input from standard input, but nothing is piped in "
                    "(try: cat FILE | auditor check -)"
                )
            _copy(sys.stdin.buffer, name)
        return name
    if path in BUFFERED_INPUTS:
        return path
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return path
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return path
    try:
        with open(path, "rb") as stream:
            _copy(stream, path)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    return path


def _copy(stream: BinaryIO, name: str) -> None:
    """Copy ``stream`` to a private temporary file, at most :data:`MAX_INPUT_BYTES`."""
    fd, tmp = tempfile.mkstemp(prefix="auditor-input-")
    copy = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(_Limited(stream, MAX_INPUT_BYTES + 1, name), out, 1 << 20)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    BUFFERED_INPUTS[name] = copy


class _Limited:
    """A read-only view of a stream that refuses more than ``limit`` bytes."""

    def __init__(self, stream: BinaryIO, limit: int, name: str):
        self._stream, self._left, self._name = stream, limit, name

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size if size >= 0 else self._left)
        self._left -= len(data)
        if self._left <= 0:
            raise InputError(f"input larger than the {MAX_INPUT_BYTES} byte limit", self._name)
        return data


def release_buffered_inputs() -> None:
    """Remove the copies (at the end of a command)."""
    for copy in BUFFERED_INPUTS.values():
        copy.unlink(missing_ok=True)
    BUFFERED_INPUTS.clear()
