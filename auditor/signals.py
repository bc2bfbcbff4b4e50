"""Holding Ctrl-C and SIGTERM across a step that must not be cut in two.

The command line turns SIGINT and SIGTERM into exceptions (:mod:`auditor.cli`), which
unwind the run: workers are stopped, temporary files removed. An exception that lands in
the middle of some steps would leave them half done (a temporary file created but not yet
known, so never removed), or would be swallowed where Python ignores exceptions (the
hooks that run around ``fork`` while a process pool starts), so the run would go on.
Such steps run with the two signals held; they take effect right after.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

#: Signals whose handlers raise.
HELD = frozenset({signal.SIGINT, signal.SIGTERM})


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends (on POSIX; elsewhere no-op)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def release_in_child() -> None:
    """In a process forked while the signals were held: take them again."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
