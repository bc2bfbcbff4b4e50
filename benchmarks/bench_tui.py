"""Review app with 100,000 segments: time to first paint, and key press to repaint.

    python3 benchmarks/bench_tui.py [--segments 100000] [--size 120x40] [--presses 30]

Builds a session from the sample transcript's real audit repeated to N segments (its
findings included), then runs the real app headless (``App.run_test``) and measures:

- first paint: from creating the app to the first time the list draws a segment row
  (loading the session in the worker, filtering, layout, compositing);
- ``j`` (down) and ``n`` (next segment with open findings): from the key press to the
  moment the list draws the row under the new cursor (measured once the worker that
  indexes the open findings is done; the detail pane follows 80 ms after the keys stop). ``n`` is also timed on a "sparse"
  session whose flagged segments are ~1,000 rows apart.

Targets: first paint <= 2 s, key to repaint <= 50 ms. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.model import Loc, Report, SegmentResult  # noqa: E402
from auditor.pipeline import audit  # noqa: E402
from auditor.session import Session  # noqa: E402

SAMPLE = ROOT / "samples" / "astera_q1_2025_bilingual.txt"


def scaled_report(base: Report, n: int, sparse: bool) -> Report:
    """``base``'s results repeated to ``n`` segments with fresh ids and line numbers."""
    results = []
    src = base.results
    for i in range(n):
        r = src[i % len(src)]
        seg = r.segment
        lines = 2 * i + 1
        seg = replace(
            seg,
            id=f"s{i + 1:06d}",
            source_loc=Loc(seg.source_loc.path, lines, lines) if seg.source_loc else None,
            target_loc=Loc(seg.target_loc.path, lines + 1, lines + 1) if seg.target_loc else None,
        )
        findings = r.findings
        if sparse:
            findings = r.findings if i % 997 == 0 else ()
            if i % 997 == 0 and not findings:
                findings = next(x.findings for x in src if x.findings)
        results.append(SegmentResult(seg, findings))
    return replace(base, results=tuple(results))


class Stamps:
    """Records when the list draws a row (patched into ``SegmentList.render_line``)."""

    def __init__(self) -> None:
        self.first_row: float | None = None
        self.cursor_drawn: dict[int, float] = {}


def instrument(stamps: Stamps) -> None:
    from tui.components.segment_list import SegmentList

    original = SegmentList.render_line

    def render_line(self, y):  # type: ignore[no-untyped-def]
        strip = original(self, y)
        position = int(self.scroll_offset.y) + y
        if position < len(self.rows):
            now = time.perf_counter()
            if stamps.first_row is None:
                stamps.first_row = now
            if position == self.cursor:
                stamps.cursor_drawn.setdefault(position, now)
        return strip

    SegmentList.render_line = render_line  # type: ignore[method-assign]


async def measure(
    path: Path, size: tuple[int, int], presses: int, stamps: Stamps
) -> dict[str, object]:
    from tui.app import ReviewApp

    session = Session.open(path)
    stamps.first_row = None
    stamps.cursor_drawn.clear()
    started = time.perf_counter()
    app = ReviewApp(session)
    out: dict[str, object] = {}
    async with app.run_test(size=size) as pilot:
        while stamps.first_row is None:
            await asyncio.sleep(0.001)
        out["first_paint"] = stamps.first_row - started
        out["segments"] = len(app.views)
        while app.header.busy:  # the open-findings index and counts, built in a worker
            await asyncio.sleep(0.005)
        out["indexed"] = time.perf_counter() - started
        if presses == 0:
            await pilot.press("q")
            session.close()
            return out
        await pilot.pause(0.2)

        async def key_to_repaint(key: str) -> float | None:
            stamps.cursor_drawn.clear()
            before = app.segment_list.cursor
            t = time.perf_counter()
            await pilot.press(key)
            target = app.segment_list.cursor
            if target == before:
                return None
            deadline = t + 2.0
            while target not in stamps.cursor_drawn and time.perf_counter() < deadline:
                await asyncio.sleep(0.0005)
            drawn = stamps.cursor_drawn.get(target)
            return None if drawn is None else drawn - t

        for key in ("j", "n"):
            # held down: presses back to back (the detail pane redraws between some of them)
            times = [
                x for x in [await key_to_repaint(key) for _ in range(presses)] if x is not None
            ]
            out[key] = times
            # single presses, the detail pane settled in between (a reviewer reading)
            single = []
            for _ in range(max(5, presses // 3)):
                await asyncio.sleep(0.25)
                x = await key_to_repaint(key)
                if x is not None:
                    single.append(x)
            out[key + "_single"] = single
        await pilot.press("q")
    session.close()
    return out


def fmt_ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms (n={len(ms)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))

    base = audit(str(SAMPLE))
    stamps = Stamps()
    instrument(stamps)
    with tempfile.TemporaryDirectory() as tmp:
        for label, sparse in (("dense", False), ("sparse", True)):
            report = scaled_report(base, args.segments, sparse)
            path = Path(tmp) / f"{label}.audit.sqlite"
            t = time.perf_counter()
            Session.create(path, report).close()
            created = time.perf_counter() - t
            flagged = sum(1 for r in report.results if r.findings)
            launches = [asyncio.run(measure(path, (width, height), 0, stamps)) for _ in range(2)]
            result = asyncio.run(measure(path, (width, height), args.presses, stamps))
            paints = sorted(x["first_paint"] for x in [*launches, result])
            indexed = sorted(x["indexed"] for x in [*launches, result])
            print(
                f"[{label}] {result['segments']:,} segments, {flagged:,} flagged, "
                f"terminal {width}x{height}, session file {path.stat().st_size / 1e6:.1f} MB "
                f"(created in {created:.2f} s)"
            )
            print(
                f"  first paint of the list: {' / '.join(f'{p:.2f}' for p in paints)} s over 3 launches"
                f"   (target <= 2 s)"
            )
            print(
                f"  open-findings index and counts ready (worker): {' / '.join(f'{p:.2f}' for p in indexed)} s"
            )
            for key, name in (("j", "j (down)"), ("n", "n (next flagged)")):
                print(
                    f"  {name} key to repaint, held down: {fmt_ms(result[key])}   (target <= 50 ms)"
                )
                print(f"  {name} key to repaint, single press: {fmt_ms(result[key + '_single'])}")


if __name__ == "__main__":
    main()
