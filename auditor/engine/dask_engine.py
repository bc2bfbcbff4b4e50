"""The Dask engine: the same batch function over a cluster, JSONL partitions out.

Needs the optional extra: ``pip install 'auditor[dask]'``, on the client and on every
worker, and a file system that the client and the workers share (the input is read and
the output written by the workers). The steps, each a task per partition:

1. count: lines and segments of each partition, and the speaker names in it (segment
   ids and line numbers depend on what comes before; the checks need the names);
2. check: read the partition, number its segments, :func:`check_batch` them; with no
   document-level rule selected the task writes its output partition straight away;
3. otherwise the results stay in worker memory, the facts of the document-level rules
   come back to the client, which runs each rule's ``combine`` once, and a last task per
   partition writes it with the document-level findings appended.

Output: ``part-00000.jsonl``, ``part-00001.jsonl``... in the output directory, which
concatenated are byte for byte what ``auditor check --format jsonl`` writes.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.checks.base import CheckContext
from auditor.engine.batch import (
    BatchResult,
    Facts,
    check_batch,
    combine_facts,
    has_document_rules,
    merge,
)
from auditor.engine.local import BATCH_SIZE
from auditor.engine.output import Tally, write_jsonl
from auditor.formats import ReaderOptions
from auditor.formats.partitions import PARTITION_BYTES, Partition, plan_partitions
from auditor.formats.partitions import file_header as header_columns
from auditor.model import Finding, InputError, SegmentResult
from auditor.names import merge_names
from auditor.options import Selection
from auditor.report.atomic import atomic_output
from auditor.source import PartitionCount, PartitionJob, count_partition, owned_segments, plan_jobs


def _require_dask():
    try:
        from dask.distributed import Client
    except ModuleNotFoundError:
        raise InputError(
            "the Dask engine needs the optional extra: pip install 'auditor[dask]'"
        ) from None
    return Client


@dataclass(frozen=True)
class DaskRun:
    """What a Dask run wrote, and the tally of its findings."""

    outputs: tuple[str, ...]
    tally: Tally


# --- tasks (run on workers) -------------------------------------------------------------


def _check(job: PartitionJob, ctx: CheckContext, selection: Selection):
    """The partition's results (segment-level findings) and its facts."""
    results: list[SegmentResult] = []
    facts: dict[str, Facts] = {}
    batch: list = []
    start = job.owned_start

    def flush() -> None:
        nonlocal start, batch
        if batch:
            checked: BatchResult = check_batch(batch, ctx, selection, start)
            results.extend(checked.results(batch))
            for name, found in checked.facts.items():
                facts.setdefault(name, []).extend(found)
            start += len(batch)
            batch = []

    for segment in owned_segments(job, ctx.termbase):
        batch.append(segment)
        if len(batch) == BATCH_SIZE:
            flush()
    flush()
    return results, facts


def _write(
    results: Sequence[SegmentResult], extra: dict[int, list[Finding]], start: int, out: str
) -> Tally:
    merged = (merge(r, extra.get(start + k)) for k, r in enumerate(results))
    with atomic_output(out, "the partition") as fh:
        return write_jsonl(merged, fh)


def _check_and_write(job: PartitionJob, ctx: CheckContext, selection: Selection, out: str) -> Tally:
    results, _ = _check(job, ctx, selection)
    return _write(results, {}, job.owned_start, out)


def _count(part: Partition, options: ReaderOptions, columns) -> PartitionCount:
    """:func:`count_partition`, on a worker: the first task that reads the input there."""
    if not os.access(part.path, os.R_OK):
        raise InputError(
            f"the Dask worker on {socket.gethostname()} cannot read {part.path}: on a real "
            "cluster the input must be on a file system every worker mounts at the same path"
        )
    return count_partition(part, options, columns)


def _results(checked):
    return checked[0]


def _facts(checked):
    return checked[1]


# --- the client -------------------------------------------------------------------------


def run_dask(
    path: str,
    fmt: str,
    reader_options: ReaderOptions,
    ctx_without_names: CheckContext,
    selection: Selection,
    output_dir: str,
    *,
    scheduler: str | None = None,
    client=None,
    partition_bytes: int = PARTITION_BYTES,
    timeout: float = 10.0,
) -> DaskRun:
    """Check ``path`` on a Dask cluster; write ``part-NNNNN.jsonl`` to ``output_dir``.

    ``client`` (a ``dask.distributed.Client``) wins over ``scheduler`` (its address);
    with neither, Dask starts a local cluster. A scheduler that does not answer within
    ``timeout`` seconds, a worker that cannot read the input and a worker that dies are
    each an :class:`InputError` saying so (exit 2), not a traceback.
    """
    Client = _require_dask()
    own_client = client is None
    if own_client:
        try:
            client = Client(scheduler, timeout=timeout) if scheduler else Client()
        except (OSError, TimeoutError):
            raise InputError(
                f"cannot reach the Dask scheduler at {scheduler} within {timeout:g} s "
                "(is it running? --scheduler-timeout sets how long to wait)"
            ) from None
    try:
        return _run(
            client,
            path,
            fmt,
            reader_options,
            ctx_without_names,
            selection,
            output_dir,
            partition_bytes,
        )
    except _killed_worker() as exc:
        raise InputError(
            f"a Dask worker died while running {getattr(exc, 'task', 'a task')} (out of memory, "
            "or killed); no partition of this run can be trusted"
        ) from None
    finally:
        if own_client:
            client.close()


def _killed_worker() -> type[BaseException]:
    from distributed import KilledWorker

    return KilledWorker


def _run(
    client, path, fmt, reader_options, ctx0, selection, output_dir, partition_bytes
) -> DaskRun:
    from dataclasses import replace

    parts = plan_partitions(path, fmt, partition_bytes)
    columns = header_columns(path, fmt, reader_options)
    counts = client.gather(
        [client.submit(_count, p, reader_options, columns, pure=False) for p in parts]
    )
    if sum(c.segments for c in counts) == 0:
        raise InputError(f"no translation pairs found in this {fmt.upper()} file", path)
    ctx = replace(ctx0, names=merge_names(c.names for c in counts))
    jobs = plan_jobs(parts, counts, reader_options, columns)
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    outs = [str(Path(output_dir) / f"part-{p.number:05d}.jsonl") for p in parts]
    for stale in Path(output_dir).glob("part-*.jsonl"):
        if str(stale) not in outs:
            stale.unlink()
    [ctx_f] = client.scatter([ctx], broadcast=True)
    if not has_document_rules(selection):
        tallies = client.gather(
            [
                client.submit(_check_and_write, job, ctx_f, selection, out, pure=False)
                for job, out in zip(jobs, outs, strict=True)
            ]
        )
    else:
        checked = [client.submit(_check, job, ctx_f, selection, pure=False) for job in jobs]
        facts = client.gather([client.submit(_facts, c) for c in checked])
        extra = combine_facts(selection, ctx, facts)
        writes = []
        for job, out, c in zip(jobs, outs, checked, strict=True):
            end = job.owned_start + job.take
            mine = {i: f for i, f in extra.items() if job.owned_start <= i < end}
            writes.append(
                client.submit(
                    _write, client.submit(_results, c), mine, job.owned_start, out, pure=False
                )
            )
        tallies = client.gather(writes)
        del checked
    tally = Tally()
    for t in tallies:
        tally.merge(t)
    return DaskRun(tuple(outs), tally)
