"""Shared helpers for the session and review-app tests (not a test module itself)."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from auditor.model import Report
from auditor.options import AuditOptions
from auditor.pipeline import audit

DATA = Path(__file__).parents[1] / "data"
SAMPLE = DATA / "astera_q1_2025_bilingual.txt"


@cache
def sample_report() -> Report:
    """The sample transcript audited once per test run (findings from the real rules)."""
    return audit(str(SAMPLE), AuditOptions())


def copy_sample(folder: Path) -> Path:
    target = folder / SAMPLE.name
    shutil.copy(SAMPLE, target)
    return target


def new_session(folder: Path, name: str = "review.audit.sqlite"):
    from auditor.session import Session

    return Session.create(folder / name, sample_report(), AuditOptions())


async def wait_loaded(app, pilot) -> None:
    """Until the loader and filter workers have filled the list."""
    for _ in range(200):
        await pilot.pause(0.02)
        if app.views and app.segment_list.rows and not app.header.busy:
            await pilot.pause()
            return
    raise AssertionError("the review app did not finish loading")


def sync(test):
    """Run an ``async def`` test with ``asyncio.run`` (no pytest asyncio plugin needed)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


def repeated_report(times: int) -> Report:
    """The sample's audit repeated ``times`` over (fresh segment ids): a long document in
    which each repeated finding occurs ``times`` as often."""
    from dataclasses import replace

    base = sample_report()
    results = []
    for copy in range(times):
        for r in base.results:
            results.append(replace(r, segment=replace(r.segment, id=f"c{copy}-{r.segment.id}")))
    return replace(base, results=tuple(results))
