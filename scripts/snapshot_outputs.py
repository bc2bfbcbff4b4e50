"""Snapshot every output of `auditor` on fixed inputs, and compare two snapshots byte for byte:
how a change that must not change behaviour (a redesign, a speed-up) is checked.

    python3 scripts/snapshot_outputs.py snapshot DIR [--no-dask]
    python3 scripts/snapshot_outputs.py compare BASELINE DIR

Run from the root of the checkout to measure, with PYTHONPATH set to it (the old code: a
`git worktree` of the old commit). Inputs: the samples (every format, two-file input, the
sample project), a 20,000-pair corpus built from the sample (JSONL and TSV; `--jobs 1`,
`--jobs 2` and `--engine dask`), and a battery of bad inputs. Each run's stdout, stderr
(minus progress and Dask's own log lines), exit code and written files are kept, with the
paths of the checkout and the work folder replaced by markers.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path.cwd()
SAMPLE = "samples/astera_q1_2025_bilingual.txt"


def run(out: Path, name: str, argv: list[str], cwd: Path, files: list[str] = ()) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "AUDITOR_NO_CACHE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", *argv], cwd=cwd, env=env, capture_output=True, text=True
    )
    record = out / name
    record.mkdir(parents=True)

    def clean(data: bytes) -> bytes:  # the snapshot must not depend on where it ran
        for place, mark in ((str(cwd), "<CWD>"), (str(out), "<OUT>"), (str(ROOT), "<ROOT>")):
            data = data.replace(place.encode(), mark.encode())
        return data

    (record / "argv").write_bytes(clean((" ".join(argv) + "\n").encode()))
    (record / "rc").write_text(f"{proc.returncode}\n")
    (record / "stdout").write_bytes(clean(proc.stdout.encode()))
    stderr = "\n".join(
        line
        for line in proc.stderr.splitlines()
        if "segments/s" not in line
        and "\r" not in line
        and not any(
            k in line
            for k in (
                "distributed",
                "Port 8787",
                "warnings.warn",
                "cluster running",
                "HTTP server on port",
            )
        )
    )
    (record / "stderr").write_bytes(clean(stderr.encode()))
    for f in files:
        p = cwd / f
        found = (
            sorted(x for x in p.rglob("*") if x.is_file())
            if p.is_dir()
            else ([p] if p.exists() else [])
        )
        for x in found:
            target = record / "files" / str(x.relative_to(cwd)).replace("/", "_")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(clean(x.read_bytes()))
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


def corpus(work: Path) -> tuple[Path, Path]:
    jsonl, tsv = work / "corpus.jsonl", work / "corpus.tsv"
    pairs = []
    for line in (ROOT / "samples/astera_q1_2025.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            pairs.append((obj.get("en") or obj.get("source"), obj.get("zh") or obj.get("target")))
    rows = [pairs[i % len(pairs)] for i in range(20_000)]
    jsonl.write_text(
        "".join(json.dumps({"en": en, "zh": zh}, ensure_ascii=False) + "\n" for en, zh in rows),
        encoding="utf-8",
    )
    tsv.write_text(
        "en\tzh\n" + "".join(f"{en}\t{zh}\n" for en, zh in rows if "\t" not in en + zh),
        encoding="utf-8",
    )
    return jsonl, tsv


def bad_inputs(work: Path) -> list[Path]:
    bad = work / "bad"
    bad.mkdir()
    made = {
        "empty.txt": b"",
        "binary.tsv": b"en\tzh\n\x00\x01\x02",
        "latin1.txt": "The café grew 5%.\n收入成長 5%。\n".encode("latin-1", "replace"),
        "array.jsonl": b'[{"en": "a", "zh": "b"}]\n',
        "broken.jsonl": b'{"en": "Revenue rose 5%.", "zh": "\xe6\x94\xb6\xe5\x85\xa5"}\n{"en": \n',
        "english_only.txt": b"Revenue rose 5%.\nMargins held.\n",
        "utf16.tsv": "en\tzh\nRevenue rose 5%.\t收入成長5%。\n".encode("utf-16"),
        "bad_utf8.tsv": b"en\tzh\nRevenue rose 5%.\t\xff\xfe bad\n",
        "ragged.csv": b'en,zh\n"Revenue rose 5%.,\xe6\x94\xb6\n',
    }
    paths = []
    for name, data in made.items():
        (bad / name).write_bytes(data)
        paths.append(bad / name)
    for p in sorted((ROOT / "tests/data/formats").iterdir()):
        if any(
            k in p.name
            for k in ("bomb", "external", "malformed", "missing", "not_", "one_column", "ragged")
        ):
            shutil.copy(p, bad / p.name)
            paths.append(bad / p.name)
    paths.append(bad / "does_not_exist.tsv")
    return paths


def snapshot(out: Path, dask: bool) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    work = out / "_work"
    work.mkdir()
    q = ["-q"]
    # The sample, every report format, gathered and streamed, one and two jobs.
    for fmt in (
        "text",
        "json",
        "jsonl",
        "csv",
        "sarif",
        "html",
        "markdown",
        "junit",
        "github",
        "gitlab",
    ):
        for jobs in ("1", "2"):
            run(
                out,
                f"sample-{fmt}-j{jobs}",
                [
                    "check",
                    str(ROOT / SAMPLE),
                    "--format",
                    fmt,
                    "--jobs",
                    jobs,
                    "--color",
                    "never",
                    *q,
                ],
                work,
            )
    run(out, "sample-outdir", ["check", str(ROOT / SAMPLE), "--output-dir", "od", *q], work, ["od"])
    run(
        out,
        "sample-stream-outdir",
        [
            "check",
            str(ROOT / SAMPLE),
            "--format",
            "json,jsonl,csv,sarif",
            "--output-dir",
            "od2",
            "--jobs",
            "2",
            *q,
        ],
        work,
        ["od2"],
    )
    for sample in sorted((ROOT / "samples").glob("astera_q1_2025*")):
        if sample.name.endswith((".en.txt", ".zh.txt", "_bilingual.txt")):
            continue
        for fmt in ("jsonl", "json"):
            run(
                out,
                f"{sample.name}-{fmt}",
                ["check", str(sample), "--format", fmt, "--jobs", "2", *q],
                work,
            )
    run(
        out,
        "parallel-json",
        [
            "check",
            "--source",
            str(ROOT / "samples/astera_q1_2025.en.txt"),
            "--target",
            str(ROOT / "samples/astera_q1_2025.zh.txt"),
            "--format",
            "json",
            *q,
        ],
        work,
    )
    for t in sorted((ROOT / "samples/project/translations").iterdir()):
        run(
            out,
            f"project-{t.name}",
            ["check", f"translations/{t.name}", "--format", "json", *q],
            ROOT / "samples/project",
        )
    run(out, "align-jsonl", ["align", str(ROOT / SAMPLE), "--format", "jsonl"], work)
    run(out, "rules", ["rules"], work)
    # A 20,000-pair corpus.
    jsonl, tsv = corpus(work)
    for jobs in ("1", "2"):
        run(
            out,
            f"corpus-jsonl-j{jobs}",
            [
                "check",
                str(jsonl),
                "--format",
                "json,jsonl,csv,sarif",
                "--output-dir",
                f"c{jobs}",
                "--jobs",
                jobs,
                *q,
            ],
            work,
            [f"c{jobs}"],
        )
    run(out, "corpus-tsv-j2", ["check", str(tsv), "--format", "jsonl", "--jobs", "2", *q], work)
    if dask:
        run(
            out,
            "corpus-dask",
            [
                "check",
                str(jsonl),
                "--engine",
                "dask",
                "--format",
                "jsonl",
                "--output-dir",
                "dk",
                *q,
            ],
            work,
            ["dk"],
        )
    # Bad inputs: the message and the exit code.
    for path in bad_inputs(work):
        for jobs in ("1", "2"):
            run(
                out,
                f"bad-{path.name}-j{jobs}",
                ["check", str(path), "--format", "jsonl", "--jobs", jobs, *q],
                work,
            )
    shutil.rmtree(work)


def compare(a: Path, b: Path) -> int:
    diffs = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        for name in cmp.left_only + cmp.right_only:
            diffs.append(f"only on one side: {prefix}{name}")
        for name in cmp.diff_files:
            diffs.append(f"differs: {prefix}{name}")
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    # dircmp compares shallowly by stat; make sure with bytes.
    for left in a.rglob("*"):
        if left.is_file():
            right = b / left.relative_to(a)
            if right.is_file() and left.read_bytes() != right.read_bytes():
                line = f"differs: {left.relative_to(a)}"
                if line not in diffs:
                    diffs.append(line)
    if diffs:
        print("\n".join(diffs))
        print(f"{len(diffs)} difference(s)")
        return 1
    print("identical")
    return 0


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "snapshot":
        snapshot(Path(sys.argv[2]).resolve(), "--no-dask" not in sys.argv)
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "compare":
        return compare(Path(sys.argv[2]), Path(sys.argv[3]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
