"""Throughput of ``auditor check`` against pofilter and bare jieba, on 10k to 1M pairs.

    python3 benchmarks/bench_throughput.py [--sizes 10000 100000 1000000] [--jobs 1 2]
                                           [--formats jsonl tsv tmx interleaved]
                                           [--others pofilter jieba] [--keep DIR]

The corpus is the hand-checked transcript pairs (tests/data/astera_q1_2025_gold.jsonl)
repeated to the size wanted, with errors injected into about one pair in ten (a number
changed, a magnitude 億 -> 萬, Gb -> GB, a term's rendering swapped, a translation cut
short or dropped), written as JSONL, TSV, TMX, interleaved text, and PO (for pofilter)
and as the bare Chinese side (for jieba). Every tool runs as a child process under ``/usr/bin/time``; the figures:

- pairs/s and MB/s (input bytes of that tool's file) from wall time, and pairs per
  CPU-second (user + system time of the run and its children): on a shared machine the
  wall figures depend on the load, the CPU figure much less;
- peak memory: the largest resident set of any one process of the run (``%M``), and for
  ``--jobs N`` runs also the peak of the whole process tree (sampled from /proc).

The rows compared: ``auditor check`` with every rule (``--format jsonl`` to a file),
``pofilter -t numbers -t acronyms -t short`` (Translate Toolkit), and ``jieba.lcut`` of
every Chinese line (the floor: what segmenting everything would cost).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "astera_q1_2025_gold.jsonl"

# --- corpus ---------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")


def _inject(zh: str, rng: random.Random) -> str:
    """One plausible machine-translation defect."""
    kind = rng.randrange(6)
    if kind == 0 and _DIGITS.search(zh):  # a figure changed
        m = list(_DIGITS.finditer(zh))[rng.randrange(len(_DIGITS.findall(zh)))]
        return zh[: m.start()] + str(int(m.group()) + rng.randint(1, 9)) + zh[m.end() :]
    if kind == 1 and "億" in zh:  # magnitude
        return zh.replace("億", "萬", 1)
    if kind == 2 and "G" in zh:  # bits became bytes
        return zh.replace("Gb", "GB", 1).replace("G ", "GB ", 1)
    if kind == 3 and "營收" in zh:  # a term rendered otherwise
        return zh.replace("營收", "收入", 1)
    if kind == 4:  # cut short
        return zh[: max(1, len(zh) // 3)]
    return ""  # dropped


def corpus(size: int, seed: int = 7) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    base = [(r["en"], r["zh"]) for r in rows]
    rng = random.Random(seed)
    out = []
    for k in range(size):
        en, zh = base[k % len(base)]
        if rng.random() < 0.1:
            zh = _inject(zh, rng)
        out.append((en, zh))
    return out


def _po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def write_inputs(pairs: list[tuple[str, str]], directory: Path) -> dict[str, Path]:
    paths = {
        "jsonl": directory / "corpus.jsonl",
        "tsv": directory / "corpus.tsv",
        "po": directory / "corpus.po",
        "zh": directory / "corpus.zh.txt",
        "tmx": directory / "corpus.tmx",
        "interleaved": directory / "corpus.bilingual.txt",
    }
    with paths["jsonl"].open("w", encoding="utf-8") as fh:
        for en, zh in pairs:
            fh.write(json.dumps({"en": en, "zh": zh or None}, ensure_ascii=False) + "\n")
    with paths["tsv"].open("w", encoding="utf-8") as fh:
        fh.write("en\tzh\n")
        for en, zh in pairs:
            fh.write(f"{en.replace(chr(9), ' ')}\t{zh.replace(chr(9), ' ')}\n")
    with paths["po"].open("w", encoding="utf-8") as fh:
        fh.write(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: zh_TW\\n"\n\n'
        )
        for k, (en, zh) in enumerate(pairs):
            # msgctxt keeps repeated sources distinct (a PO file may not repeat a msgid).
            fh.write(f'msgctxt "{k}"\nmsgid "{_po_escape(en)}"\nmsgstr "{_po_escape(zh)}"\n\n')
    with paths["zh"].open("w", encoding="utf-8") as fh:
        for _, zh in pairs:
            fh.write(zh + "\n")
    with paths["tmx"].open("w", encoding="utf-8") as fh:
        fh.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
            'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="bench" '
            'creationtool="bench" creationtoolversion="1"/><body>\n'
        )
        for en, zh in pairs:
            fh.write(
                f'<tu><tuv xml:lang="en"><seg>{escape(en)}</seg></tuv>'
                f'<tuv xml:lang="zh-TW"><seg>{escape(zh)}</seg></tuv></tu>\n'
            )
        fh.write("</body></tmx>\n")
    with paths["interleaved"].open("w", encoding="utf-8") as fh:
        for en, zh in pairs:  # a dropped translation leaves its English line alone
            fh.write(f"{en}\n{zh}\n" if zh else f"{en}\n")
    return paths


# --- running ---------------------------------------------------------------------------------

_JIEBA = (
    "import sys, jieba\n"
    "jieba.setLogLevel(60)\n"
    "n = 0\n"
    "with open(sys.argv[1], encoding='utf-8') as fh:\n"
    "    for line in fh:\n"
    "        n += len(jieba.lcut(line.rstrip('\\n')))\n"
    "print(n, file=sys.stderr)\n"
)


@dataclass(frozen=True)
class Run:
    tool: str
    size: int
    input_bytes: int
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    tree_rss_mb: float | None

    @property
    def pairs_per_s(self) -> float:
        return self.size / self.seconds

    @property
    def pairs_per_cpu_s(self) -> float:
        return self.size / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.input_bytes / 1e6 / self.seconds


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def run(tool: str, size: int, input_path: Path, argv: list[str], sample_tree: bool) -> Run:
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.name, *argv]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0
        if sample_tree:

            def sample() -> None:
                nonlocal peak
                while proc.poll() is None:
                    peak = max(peak, _tree_rss(proc.pid))
                    time.sleep(0.2)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
        _, err = proc.communicate()
        wall = time.perf_counter() - start
        if sample_tree:
            sampler.join()
        # (exit 1 means findings for auditor, but it is also Python's exit on a crash)
        if proc.returncode not in (0, 1) or b"Traceback" in err:
            raise SystemExit(
                f"{tool} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}"
            )
        parts = Path(timing.name).read_text().split()
    return Run(
        tool=tool,
        size=size,
        input_bytes=input_path.stat().st_size,
        seconds=float(parts[-4]) if parts else wall,
        cpu_seconds=float(parts[-3]) + float(parts[-2]) if parts else 0.0,
        max_rss_mb=int(parts[-1]) / 1024 if parts else 0.0,
        tree_rss_mb=peak / 1e6 if sample_tree else None,
    )


def bench(
    size: int, jobs: list[int], formats: list[str], work: Path, others: list[str]
) -> list[Run]:
    paths = write_inputs(corpus(size), work)
    runs: list[Run] = []
    python = sys.executable
    for fmt in formats:
        for n in jobs:
            out = work / f"out-{fmt}-{n}.jsonl"
            argv = [
                python,
                "-m",
                "auditor",
                "check",
                str(paths[fmt]),
                "--format",
                "jsonl",
                "-o",
                str(out),
                "--jobs",
                str(n),
                "--quiet",
                "--fail-on",
                "never",
            ]
            runs.append(run(f"auditor {fmt} --jobs {n}", size, paths[fmt], argv, sample_tree=n > 1))
            print(_row(runs[-1], None), flush=True)
    if "pofilter" in others:
        pofilter = shutil.which("pofilter")
        if pofilter:
            argv = [
                pofilter,
                "-t",
                "numbers",
                "-t",
                "acronyms",
                "-t",
                "short",
                str(paths["po"]),
                str(work / "pofilter-out.po"),
            ]
            runs.append(run("pofilter numbers,acronyms,short", size, paths["po"], argv, False))
            print(_row(runs[-1], None), flush=True)
        else:
            print("pofilter not found: pip install translate-toolkit", file=sys.stderr)
    if "jieba" in others:
        runs.append(
            run(
                "jieba.lcut (zh side)",
                size,
                paths["zh"],
                [python, "-c", _JIEBA, str(paths["zh"])],
                False,
            )
        )
        print(_row(runs[-1], None), flush=True)
    return runs


def _row(r: Run, reference: tuple[float, float] | None) -> str:
    tree = f"{r.tree_rss_mb:8.0f}" if r.tree_rss_mb is not None else "       -"
    ratio = f"{r.pairs_per_s / reference[0]:5.2f}" if reference else "    -"
    cpu_ratio = f"{r.pairs_per_cpu_s / reference[1]:5.2f}" if reference else "    -"
    return (
        f"| {r.size:>9,} | {r.tool:<32} | {r.pairs_per_s:>8,.0f} | {r.mb_per_s:5.2f} | "
        f"{r.seconds:7.1f} | {r.cpu_seconds:7.1f} | {r.pairs_per_cpu_s:>8,.0f} | "
        f"{r.max_rss_mb:6.0f} | {tree} | {ratio} | {cpu_ratio} |"
    )


HEADER = (
    "|     pairs | tool                             | pairs/s  |  MB/s |  wall s |   CPU s | pairs/CPU-s | max RSS MB | tree MB | x pofilter (wall) | x pofilter (CPU) |\n"
    "|----------:|----------------------------------|---------:|------:|--------:|--------:|---------:|-------:|--------:|------:|------:|"
)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores (shared), {mem:.0f} GB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--formats",
        nargs="+",
        default=["jsonl", "tsv"],
        choices=["jsonl", "tsv", "tmx", "interleaved"],
    )
    parser.add_argument(
        "--others",
        nargs="*",
        default=["pofilter", "jieba"],
        choices=["pofilter", "jieba"],
        help="the other tools to run beside auditor (none: --others with no name)",
    )
    parser.add_argument("--keep", metavar="DIR", help="keep the generated files here")
    args = parser.parse_args()
    print(machine())
    all_runs: list[Run] = []
    for size in args.sizes:
        work = Path(args.keep) / str(size) if args.keep else Path(tempfile.mkdtemp(prefix="bench-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            all_runs.extend(bench(size, args.jobs, args.formats, work, args.others))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    print()
    print(machine())
    print(HEADER)
    for size in args.sizes:
        runs = [r for r in all_runs if r.size == size]
        ref = next(
            ((r.pairs_per_s, r.pairs_per_cpu_s) for r in runs if r.tool.startswith("pofilter")),
            None,
        )
        for r in runs:
            print(_row(r, ref))


if __name__ == "__main__":
    main()
