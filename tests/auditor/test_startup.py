"""Start-up: a short run imports only what its path needs, and the command line parses
the same whether it registers one command or all of them."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from auditor.cli import COMMANDS, build_parser

REPO = Path(__file__).resolve().parents[2]

_MODULES_AFTER = textwrap.dedent(
    """
    import json, sys
    from auditor.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
    print(json.dumps(sorted(sys.modules)))
    """
)


def _modules_after(tmp_path: Path, *argv: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER, *argv],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={
            "PYTHONPATH": str(REPO),
            "PATH": "/usr/bin:/bin",
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        },
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return set(json.loads(run.stdout.splitlines()[-1]))


def test_a_one_pair_check_that_needs_jieba_leaves_pkg_resources_textual_and_sacrebleu_out(tmp_path):
    pair = tmp_path / "pair.txt"
    # 變速箱 (a car's gearbox) is a forbidden rendering: confirming it needs jieba.
    pair.write_text(
        "The PCIe gearbox ships this quarter.\n這款 PCIe 變速箱本季出貨。\n", encoding="utf-8"
    )
    modules = _modules_after(
        tmp_path, "check", str(pair), "--format", "jsonl", "-o", str(tmp_path / "out.jsonl")
    )
    assert "jieba" in modules
    assert not {"pkg_resources", "textual", "sacrebleu"} & modules
    findings = [
        json.loads(line)
        for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert any("變速箱" in json.dumps(f, ensure_ascii=False) for f in findings)


def test_a_one_pair_check_with_a_warm_cache_loads_no_converter_and_no_pool(tmp_path):
    """What the user cache holds is not built again: no OpenCC (the locale tables), no
    nicknames package (its table), and a one-pair file starts no process pool."""
    pair = tmp_path / "pair.jsonl"
    pair.write_text(
        json.dumps({"en": "Revenue grew 5% to $120 million.", "zh": "營收成長 5% 至 1.2 億美元。"})
        + "\n",
        encoding="utf-8",
    )
    argv = ("check", str(pair), "--format", "jsonl", "-o", str(tmp_path / "out.jsonl"))
    cold = _modules_after(tmp_path, *argv)
    assert "opencc" in cold  # built the tables (so the warm run below has them)
    warm = _modules_after(tmp_path, *argv)
    assert (
        not {
            "opencc",
            "nicknames",
            "importlib.metadata",
            "multiprocessing",
            "concurrent.futures",
            "pkg_resources",
        }
        & warm
    )


def test_listing_the_rules_imports_no_pipeline_and_no_writers(tmp_path):
    modules = _modules_after(tmp_path, "rules")
    assert "auditor.checks.numbers" in modules  # the rules are defined with their checks
    assert not {"auditor.pipeline", "auditor.formats.writers", "jieba", "opencc"} & modules


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "a.txt", "--format", "json", "--jobs", "2", "--locale", "zh-CN"],
        ["rule", "NUM003"],
        ["rules", "--all"],
        ["review", "a.txt", "--session", "s.sqlite"],
        ["glossary", "lint", "g.tsv"],
        ["align", "a.en.txt", "--target", "a.zh.txt"],
    ],
)
def test_one_command_registered_alone_parses_as_with_every_command(argv):
    def parsed(parser) -> dict:
        values = vars(parser.parse_args(argv))
        func = values.pop("func")  # closures are made afresh per parser: compare what runs
        return {**values, "func": (func.__module__, func.__qualname__, func.__code__)}

    assert parsed(build_parser(argv)) == parsed(build_parser())


def test_a_name_that_is_no_command_gets_the_full_parser_and_its_error(capsys):
    with pytest.raises(SystemExit) as exited:
        build_parser(["bogus"]).parse_args(["bogus"])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert all(name in error for name in COMMANDS)


def test_a_single_item_is_mapped_here_without_a_pool_and_many_in_order(monkeypatch):
    import concurrent.futures

    from auditor.engine import local

    started = []
    monkeypatch.setattr(
        concurrent.futures, "ProcessPoolExecutor", lambda *a, **k: started.append(1) or _no_pool()
    )
    seen = []
    assert list(local.map_ordered(abs, [-3], 2, initializer=seen.append, initargs=("ready",))) == [
        (-3, 3)
    ]
    assert seen == ["ready"] and started == []
    assert list(local.map_ordered(abs, [], 2)) == []
    monkeypatch.undo()
    assert list(local.map_ordered(abs, [-1, -2, -3], 2)) == [(-1, 1), (-2, 2), (-3, 3)]


def _no_pool():
    raise AssertionError("a process pool was started for a single item")


_THRESHOLD_AFTER = textwrap.dedent(
    """
    import gc, sys
    from auditor import cli
    library = sys.argv[1] == "library"
    sys.argv = ["auditor", "rules"]
    try:
        cli.main(["rules"] if library else None)
    except SystemExit:
        pass
    print(gc.get_threshold()[0], cli.YOUNG_COLLECTION_EVERY)
    """
)


@pytest.mark.parametrize("how", ["program", "library"])
def test_the_program_collects_young_objects_less_often_and_a_library_call_leaves_gc_alone(
    tmp_path, how
):
    run = subprocess.run(
        [sys.executable, "-c", _THRESHOLD_AFTER, how],
        check=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    threshold, program_threshold = map(int, run.stdout.splitlines()[-1].split())
    assert threshold == (program_threshold if how == "program" else 700)
    assert program_threshold > 700
