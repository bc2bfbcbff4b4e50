"""Pilot test: dismiss a finding as accepted for the project in the review app, then
check the file again after an edit that moves its lines: the finding stays suppressed."""

from __future__ import annotations

import json
from pathlib import Path

from tui_support import sync, wait_loaded

from auditor.cli import main
from auditor.options import AuditOptions
from auditor.pipeline import audit
from auditor.session import Session
from tui.app import ReviewApp
from tui.screens.dismiss import DismissScreen

PAIRS = [
    ("Revenue was $159.4 million in the first quarter.", "第一季營收為 1.594 萬美元。"),
    (
        "The gearbox converts lane rates between generations.",
        "該變速箱可在不同世代之間轉換通道速率。",
    ),
]
INSERTED = [
    ("Good afternoon, everyone.", "大家午安。"),
    ("Thank you for joining the call.", "感謝各位參加本次電話會議。"),
]


def _write(path: Path, pairs) -> None:
    path.write_text("".join(f"{en}\n{zh}\n" for en, zh in pairs), encoding="utf-8")


def _rules(capsys, path: Path) -> list[tuple[str, int]]:
    main(["check", str(path), "--format", "jsonl", "-q"])
    return [(f["rule"], f["line"]) for f in map(json.loads, capsys.readouterr().out.splitlines())]


@sync
async def test_dismissed_as_accepted_stays_suppressed_after_lines_move(tmp_path, capsys):
    (tmp_path / "auditor.toml").write_text('select = ["NUM", "TERM"]\n', encoding="utf-8")
    call = tmp_path / "call.txt"
    _write(call, PAIRS)
    assert [r for r, _ in _rules(capsys, call)] == ["NUM003", "TERM002"]

    session = Session.create(
        tmp_path / "call.audit.sqlite", audit(str(call), AuditOptions()), AuditOptions()
    )
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        while not any(f.rule == "TERM002" for f in (app.current.findings if app.current else ())):
            await pilot.press("n")
        view = app.current
        while view.findings[app.selected].rule != "TERM002":
            await pilot.press("tab")
        await pilot.press("d")
        assert isinstance(app.screen, DismissScreen)
        await pilot.press(*"customer term", "ctrl+t", "enter")
        await pilot.pause()
        decision = app.views[view.index].decisions[
            app.views[view.index].findings.index(view.findings[app.selected])
        ]
        assert decision.status == "dismissed" and decision.reason == "customer term"
    session.close()

    assert "變速箱" in (tmp_path / "auditor-suppressions.toml").read_text(encoding="utf-8")
    _write(call, INSERTED + PAIRS)  # every line moves down by four
    assert _rules(capsys, call) == [("NUM003", 6)]


@sync
async def test_plain_dismissal_writes_no_suppression(tmp_path):
    call = tmp_path / "call.txt"
    _write(call, PAIRS)
    session = Session.create(
        tmp_path / "call.audit.sqlite", audit(str(call), AuditOptions()), AuditOptions()
    )
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        if not (app.current and app.current.findings):
            await pilot.press("n")
        await pilot.press("d", *"not an error", "enter")
        await pilot.pause()
        assert app.views[app.current.index].decisions[0].status == "dismissed"
    session.close()
    assert not (tmp_path / "auditor-suppressions.toml").exists()
