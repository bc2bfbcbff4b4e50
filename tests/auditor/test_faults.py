"""Fault injection: what a run leaves behind when it is killed, interrupted, starved of disk
or given a pipe. Every case checks the exit code, the one-line message, and that no report
written before was lost (the old one or a complete new one, never a partial file).

These tests start real ``python -m auditor`` processes and signal them; inputs are small
(the 40-pair excerpt, or the transcript repeated when workers must be busy) so the suite
stays fast.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from process_support import alive as _alive
from process_support import child_env as _env
from process_support import children as _children

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
EXCERPT = SAMPLES / "excerpt"
OLD_REPORT = '{"old": "a report from an earlier run"}\n'


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def busy_input(tmp_path_factory) -> Path:
    """The transcript's pairs 40 times over (5,360 JSON Lines): with ``--jobs 2`` the
    workers count the partitions, then check several batches each."""
    path = tmp_path_factory.mktemp("busy") / "busy.jsonl"
    path.write_text(
        (SAMPLES / "astera_q1_2025.jsonl").read_text(encoding="utf-8") * 40, encoding="utf-8"
    )
    return path


# --- random kills of a run that writes a report -----------------------------------------


def _forked_check(argv: list[str], err: Path | None = None, setup=None) -> int:
    """``auditor <argv>`` in a forked copy of this process (the imports and the checkers'
    one-off state are already warm, so a kill lands in the real work, not in start-up, and
    the suite stays fast); its stderr goes to ``err``. Returns the child's pid."""
    from auditor.cli import main

    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            if setup is not None:
                setup()
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            os.dup2(os.open(err or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
            sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 (the child exits right after)
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
            code = main(argv)
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001 (the child must never return into pytest)
            code = 98
        os._exit(code)
    return pid


def _exit_status(pid: int, timeout: float = 60) -> int:
    """The forked child's exit code (``-N`` when signal N ended it); fails on a hang."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the run hung")


def test_fifty_random_kills_leave_the_old_report_or_a_complete_new_one(tmp_path):
    """Kills at random moments of ``check -o`` (SIGKILL, which allows no clean-up, and
    every fifth SIGTERM): every report file is the old one or byte for byte the complete
    new one; after SIGTERM no temporary file is left either."""
    from auditor.cli import main

    source = str(EXCERPT / "excerpt.tsv")
    complete: dict[str, str] = {}
    span = 0.0
    for fmt in ("jsonl", "html"):  # a streamed writer and a gathered one
        out = tmp_path / f"complete.{fmt}"
        assert main(["check", source, "--format", fmt, "-o", str(out), "-q", "--jobs", "1"]) == 1
        complete[fmt] = out.read_text(encoding="utf-8")
        for _ in range(2):  # how long a whole run takes here, now (the machine is shared)
            started = time.monotonic()
            pid = _forked_check(
                ["check", source, "--format", fmt, "-o", str(out), "-q", "--jobs", "1"]
            )
            assert os.waitpid(pid, 0)[1] >> 8 == 1
            span = max(span, time.monotonic() - started)
            assert out.read_text(encoding="utf-8") == complete[fmt]
    rng = random.Random(16)
    outcomes = {"old": 0, "new": 0}
    for k in range(50):
        fmt = ("jsonl", "html")[k % 2]
        sig = signal.SIGTERM if k % 5 == 4 else signal.SIGKILL
        folder = tmp_path / f"kill{k}"
        folder.mkdir()
        target = folder / f"report.{fmt}"
        target.write_text(OLD_REPORT, encoding="utf-8")
        pid = _forked_check(
            ["check", source, "--format", fmt, "-o", str(target), "-q", "--jobs", "1"]
        )
        time.sleep(rng.uniform(0.0, span * 1.3))
        os.kill(pid, sig)
        status = os.waitpid(pid, 0)[1]
        text = target.read_text(encoding="utf-8")
        assert text in (OLD_REPORT, complete[fmt]), (
            f"kill {k}: a partial report of {len(text)} chars"
        )
        outcomes["old" if text == OLD_REPORT else "new"] += 1
        if sig == signal.SIGTERM and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 143:
            assert _leftovers(folder) == []
    print("kill outcomes:", outcomes)
    assert sum(outcomes.values()) == 50
    assert outcomes["old"] >= 5 and outcomes["new"] >= 1, outcomes  # kills landed before and after


# --- signals and workers ----------------------------------------------------------------


def _wait_for_workers(pid: int, count: int = 2, timeout: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = _children(pid)
        if len(kids) >= count:
            return kids
        if os.waitpid(pid, os.WNOHANG)[0]:
            pytest.fail("the run ended before its workers started")
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    pytest.fail("no worker processes appeared")


def _gone(pids: set[int], timeout: float = 10) -> list[int]:
    """Those of ``pids`` still running after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in pids if _alive(pid)]


@pytest.mark.parametrize(
    "sig,code,word", [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")]
)
def test_a_signal_stops_every_worker_and_keeps_the_old_report(
    tmp_path, busy_input, sig, code, word
):
    """The children are listed before the signal; after it, none of them runs."""
    target = tmp_path / "report.json"
    target.write_text(OLD_REPORT, encoding="utf-8")
    err = tmp_path / "stderr"
    pid = _forked_check(
        ["check", str(busy_input), "--jobs", "2", "--format", "json", "-o", str(target)], err
    )
    before = _wait_for_workers(pid)
    assert all(_alive(worker) for worker in before)
    os.kill(pid, sig)
    assert _exit_status(pid) == code, err.read_text()
    assert err.read_text().strip().splitlines() == [f"auditor: {word}"]
    assert _gone(before) == [], "orphaned workers"
    assert target.read_text(encoding="utf-8") == OLD_REPORT
    assert _leftovers(tmp_path) == []


def test_a_worker_killed_mid_run_ends_the_run_with_exit_2_and_names_it(tmp_path, busy_input):
    target = tmp_path / "report.json"
    target.write_text(OLD_REPORT, encoding="utf-8")
    err = tmp_path / "stderr"
    pid = _forked_check(
        ["check", str(busy_input), "--jobs", "2", "--format", "json", "-o", str(target)], err
    )
    workers = _wait_for_workers(pid)
    victim = min(workers)
    os.kill(victim, signal.SIGKILL)
    assert _exit_status(pid) == 2, err.read_text()  # never a hang
    lines = err.read_text().strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"auditor: error: worker process {victim} was killed by SIGKILL")
    assert target.read_text(encoding="utf-8") == OLD_REPORT
    assert _leftovers(tmp_path) == []
    assert _gone(workers) == []


def test_workers_die_with_a_main_process_killed_outright(tmp_path, busy_input):
    """SIGKILL allows no clean-up in the main process: the workers end themselves."""
    pid = _forked_check(["check", str(busy_input), "--jobs", "2", "--format", "jsonl", "-q"])
    workers = _wait_for_workers(pid)
    os.kill(pid, signal.SIGKILL)
    assert _exit_status(pid) == -signal.SIGKILL
    assert _gone(workers) == [], "orphaned workers"


# --- the disk -----------------------------------------------------------------------------


def _file_size_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("fmt", ["html", "jsonl"])  # a gathered writer, a streamed one
def test_a_full_disk_keeps_the_old_report_and_says_so(tmp_path, fmt):
    """A file-size limit (``ulimit -f``) makes every write past 4 KB fail, as a full disk does."""
    target = tmp_path / f"report.{fmt}"
    target.write_text(OLD_REPORT, encoding="utf-8")
    err = tmp_path / "stderr"
    pid = _forked_check(
        [
            "check",
            str(EXCERPT / "excerpt.tsv"),
            "--format",
            fmt,
            "-o",
            str(target),
            "-q",
            "--jobs",
            "1",
        ],
        err,
        _file_size_limit(4096),
    )
    assert _exit_status(pid) == 2, err.read_text()
    assert err.read_text().strip().splitlines() == [
        f"auditor: error: {target}: cannot write the report: File too large"
    ]
    assert target.read_text(encoding="utf-8") == OLD_REPORT
    assert _leftovers(tmp_path) == []


def test_a_full_disk_in_output_dir_keeps_every_old_report(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("report.json", "report.sarif", "report.csv"):
        (out / name).write_text(OLD_REPORT, encoding="utf-8")
    err = tmp_path / "stderr"
    pid = _forked_check(
        [
            "check",
            str(EXCERPT / "excerpt.tsv"),
            "--format",
            "json,sarif,csv",
            "--output-dir",
            str(out),
            "-q",
            "--jobs",
            "1",
        ],
        err,
        _file_size_limit(4096),
    )
    assert _exit_status(pid) == 2 and "File too large" in err.read_text()
    for name in ("report.json", "report.sarif", "report.csv"):
        assert (out / name).read_text(encoding="utf-8") == OLD_REPORT
    assert _leftovers(out) == []


def test_a_read_only_output_folder_is_one_line_and_exit_2(tmp_path, capsys):
    """A folder the run may not write in. Root writes anywhere a mode forbids, so as root
    the folder is ``/sys`` (sysfs refuses new files even to root)."""
    from auditor.cli import main

    if os.geteuid() == 0:
        folder = Path("/sys")
        if (folder / "report.json").exists() or not folder.is_dir():
            pytest.skip("no folder here that refuses root")
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        (folder / "report.json").write_text(OLD_REPORT, encoding="utf-8")
        folder.chmod(0o555)
    target = folder / "report.json"
    try:
        code = main(
            ["check", str(EXCERPT / "excerpt.tsv"), "--format", "json", "-o", str(target), "-q"]
        )
        err = capsys.readouterr().err
        dir_code = main(
            ["check", str(EXCERPT / "excerpt.tsv"), "--output-dir", str(folder / "out"), "-q"]
        )
        dir_err = capsys.readouterr().err
    finally:
        if folder != Path("/sys"):
            folder.chmod(0o755)
    assert code == 2
    assert err.strip().splitlines() == [
        f"auditor: error: {target}: cannot write the report: Permission denied"
    ]
    assert dir_code == 2 and len(dir_err.strip().splitlines()) == 1
    assert "cannot create the output directory" in dir_err
    if folder == Path("/sys"):
        assert not target.exists()
    else:
        assert target.read_text(encoding="utf-8") == OLD_REPORT
        assert _leftovers(folder) == []


# --- piped input --------------------------------------------------------------------------

PIPED = [
    ("interleaved", EXCERPT / "excerpt_bilingual.txt"),
    ("jsonl", SAMPLES / "astera_q1_2025.jsonl"),
    ("tsv", EXCERPT / "excerpt.tsv"),
    ("tmx", EXCERPT / "excerpt.tmx"),
    ("xliff", EXCERPT / "excerpt.xlf"),
    ("csv", SAMPLES / "astera_q1_2025.csv"),
]


def _report(text: str, shown: str) -> dict:
    """A JSON report with the input's name as shown replaced by a placeholder."""
    return json.loads(text.replace(json.dumps(shown)[1:-1], "INPUT"))


def _in_process(argv: list[str], capsys) -> tuple[int, str]:
    from auditor.cli import main

    code = main(argv)
    return code, capsys.readouterr().out


def _feed(path: Path, opener) -> threading.Thread:
    """Write the file's bytes into a pipe from a thread, as a shell's ``cat`` would."""

    def run() -> None:
        with opener() as pipe:
            pipe.write(path.read_bytes())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("fmt,path", PIPED, ids=[fmt for fmt, _ in PIPED])
def test_stdin_a_pipe_and_a_fifo_give_the_file_s_report(fmt, path, capsys, monkeypatch, tmp_path):
    code, from_file = _in_process(["check", str(path), "--format", "json", "-q"], capsys)
    expected = _report(from_file, str(path))
    assert code == 1 and expected["inputs"][0]["format"] == fmt

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    code, out = _in_process(["check", "-", "--format", "json", "-q"], capsys)
    assert code == 1 and _report(out, "<stdin>") == expected

    read_end, write_end = os.pipe()  # what <(...) hands over: /dev/fd/N of a pipe
    feeder = _feed(path, lambda: os.fdopen(write_end, "wb"))
    try:
        code, out = _in_process(["check", f"/dev/fd/{read_end}", "--format", "json", "-q"], capsys)
    finally:
        os.close(read_end)
    feeder.join(10)
    assert code == 1 and _report(out, f"/dev/fd/{read_end}") == expected

    fifo = tmp_path / "named.pipe"
    os.mkfifo(fifo)
    feeder = _feed(path, lambda: open(fifo, "wb"))  # noqa: SIM115 (closed by _feed)
    code, out = _in_process(["check", str(fifo), "--format", "json", "-q"], capsys)
    feeder.join(10)
    assert code == 1 and _report(out, str(fifo)) == expected


def _shell(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "path",
    [
        EXCERPT / "excerpt_bilingual.txt",
        SAMPLES / "astera_q1_2025.jsonl",
        EXCERPT / "excerpt.tsv",
        EXCERPT / "excerpt.tmx",
    ],
    ids=["interleaved", "jsonl", "tsv", "tmx"],
)
def test_process_substitution_in_a_shell(path, capsys):
    """The real thing: ``auditor check <(cat f)`` from bash."""
    _, from_file = _in_process(["check", str(path), "--format", "json", "-q"], capsys)
    expected = _report(from_file, str(path))
    substituted = _shell(f"{sys.executable} -m auditor check <(cat {path}) --format json -q")
    assert substituted.returncode == 1, substituted.stderr
    shown = json.loads(substituted.stdout)["inputs"][0]["path"]
    assert shown.startswith(("/dev/fd/", "/proc/"))
    assert _report(substituted.stdout, shown) == expected


def test_check_dash_reads_a_shell_pipe(capsys):
    """The real thing: ``cat f | auditor check -`` from bash."""
    path = EXCERPT / "excerpt.tmx"
    _, from_file = _in_process(["check", str(path), "--format", "json", "-q"], capsys)
    piped = _shell(f"cat {path} | {sys.executable} -m auditor check - --format json -q")
    assert piped.returncode == 1, piped.stderr
    assert _report(piped.stdout, "<stdin>") == _report(from_file, str(path))


def test_two_piped_files_with_workers(capsys):
    en, zh = EXCERPT / "excerpt.en.txt", EXCERPT / "excerpt.zh.txt"
    _, files = _in_process(
        ["check", "--source", str(en), "--target", str(zh), "--format", "jsonl", "-q"], capsys
    )
    piped = _shell(
        f"{sys.executable} -m auditor check --source <(cat {en}) --target <(cat {zh}) "
        "--format jsonl -q --jobs 2"
    )
    assert piped.returncode == 1, piped.stderr
    first = json.loads(piped.stdout.splitlines()[0])
    shown = (first["source_loc"]["path"], first["target_loc"]["path"])
    assert all(re.fullmatch(r"/dev/fd/\d+|/proc/self/fd/\d+", name) for name in shown)
    got, expected = piped.stdout, files
    for name, real, placeholder in zip(shown, (en, zh), ("EN", "ZH")):
        got = got.replace(name, placeholder)
        expected = expected.replace(str(real), placeholder)
    assert got == expected and got.count("\n") > 5


def test_piped_jsonl_read_in_partitions_by_workers(tmp_path, capsys, monkeypatch):
    big = tmp_path / "big.jsonl"
    big.write_text(
        (SAMPLES / "astera_q1_2025.jsonl").read_text(encoding="utf-8") * 4, encoding="utf-8"
    )
    _, files = _in_process(["check", str(big), "--format", "jsonl", "-q", "--jobs", "2"], capsys)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(big.read_bytes())))
    code, piped = _in_process(["check", "-", "--format", "jsonl", "-q", "--jobs", "2"], capsys)
    assert code == 1
    assert piped == files.replace(json.dumps(str(big))[1:-1], "<stdin>")


def test_bad_piped_input_is_one_line_with_its_line_number(capsys, monkeypatch):
    from auditor.cli import main

    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO('{"en": "a", "zh": "中"}\n{bad\n'.encode()))
    )
    assert main(["check", "-"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "auditor: error: <stdin>:2: not valid JSON: Expecting property name enclosed in double quotes (column 2)"
    ]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["check", "-"]) == 2
    assert capsys.readouterr().err.strip() == "auditor: error: <stdin>: the file is empty"
    assert main(["check", "--source", "-", "--target", "-"]) == 2
    assert "only one of --source and --target" in capsys.readouterr().err
