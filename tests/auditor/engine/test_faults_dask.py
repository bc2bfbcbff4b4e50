"""The Dask engine's faults: relative paths, inputs the workers cannot see, an unreachable
scheduler, SIGTERM with a local cluster. Each case: exit code, one line, nothing left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from process_support import alive as _alive
from process_support import child_env as _env
from process_support import children as _children

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "samples" / "astera_q1_2025.jsonl"


def _run(
    *args: str, cwd: Path = ROOT, timeout: float = 120, stdin=None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=stdin,
    )


@pytest.fixture(scope="module")
def cluster_elsewhere():
    """A scheduler and a worker process started with ``/`` as their working directory, as
    on another machine: a relative path means nothing there."""
    from distributed import LocalCluster

    here = os.getcwd()
    os.chdir("/")
    try:
        cluster = LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        )
    finally:
        os.chdir(here)
    yield cluster.scheduler_address
    cluster.close()


def test_a_relative_input_reaches_workers_that_run_elsewhere(tmp_path, cluster_elsewhere, capsys):
    (tmp_path / "in.jsonl").write_bytes(SAMPLE.read_bytes())
    result = _run(
        "check",
        "in.jsonl",
        "--engine",
        "dask",
        "--scheduler",
        cluster_elsewhere,
        "--format",
        "jsonl",
        "--output-dir",
        "out",
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr  # findings: the sample has defects
    assert "Traceback" not in result.stderr
    parts = sorted((tmp_path / "out").glob("part-*.jsonl"))
    from auditor.cli import main

    assert main(["check", str(SAMPLE), "--format", "jsonl", "-q"]) == 1
    local = capsys.readouterr().out
    lines = "".join(p.read_text(encoding="utf-8") for p in parts)
    shown = json.dumps(str(tmp_path / "in.jsonl"))[1:-1]
    assert lines.replace(shown, "IN") == local.replace(json.dumps(str(SAMPLE))[1:-1], "IN")


def test_piped_input_is_refused_for_the_cluster_in_one_line(tmp_path, cluster_elsewhere):
    with SAMPLE.open("rb") as stdin:
        result = _run(
            "check",
            "-",
            "--engine",
            "dask",
            "--scheduler",
            cluster_elsewhere,
            "--format",
            "jsonl",
            "--output-dir",
            str(tmp_path / "out"),
            stdin=stdin,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        (
            "auditor: error: <stdin>: the Dask workers read the input themselves and cannot see a "
            "pipe or standard input: save it to a file on a file system every worker shares"
        )
    ]


def test_an_unreachable_scheduler_is_one_line_and_exit_2_within_the_timeout(tmp_path):
    started = time.monotonic()
    result = _run(
        "check",
        str(SAMPLE),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
        "--scheduler-timeout",
        "1",
        "--format",
        "jsonl",
        "--output-dir",
        str(tmp_path / "o"),
    )
    took = time.monotonic() - started
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        (
            "auditor: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 1 s "
            "(is it running? --scheduler-timeout sets how long to wait)"
        )
    ]
    assert took < 20  # the default wait was 30 s (plus start-up)


def test_sigterm_stops_the_local_dask_cluster(tmp_path):
    big = tmp_path / "big.jsonl"
    big.write_bytes(SAMPLE.read_bytes() * 5)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "auditor",
            "check",
            str(big),
            "--engine",
            "dask",
            "--format",
            "jsonl",
            "--output-dir",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    kids: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        kids = _children(proc.pid)
        if kids:
            time.sleep(0.5)  # the cluster's workers are being started
            kids |= _children(proc.pid)
            break
        time.sleep(0.05)
    assert kids, "the local cluster did not start"
    descendants = set(kids)
    for kid in kids:
        descendants |= _children(kid)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert err.strip().splitlines()[-1] == "auditor: terminated"
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in descendants) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in descendants if _alive(pid)] == [], "orphaned Dask processes"
