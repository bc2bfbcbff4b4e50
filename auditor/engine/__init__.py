"""Engines that run the checks: in process, in local worker processes, or on Dask.

Every engine runs the same unit of work, :func:`check_batch`, on batches of consecutive
segments, and yields results in input order, so the output does not depend on the
engine or the number of workers. See docs/scaling.md.
"""

from __future__ import annotations

from auditor.engine.batch import BatchResult, check_batch, combine_facts
from auditor.engine.local import BATCH_SIZE, default_jobs, run_local
from auditor.engine.stream import check_stream

ENGINES: tuple[str, ...] = ("local", "dask")

__all__ = [
    "BATCH_SIZE",
    "ENGINES",
    "BatchResult",
    "check_batch",
    "check_stream",
    "combine_facts",
    "default_jobs",
    "run_local",
]
