"""Child process of the bulk kill -9 test: the real review app dismissing every finding like
one in bulk, then undoing the batch, over and over until it is killed.

Prints ``APPLYING`` just before the key that applies a batch, ``APPLIED <ms>`` once the
screen shows it (with how long it took), and ``UNDONE`` after the undo.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import Counter

from tui_support import wait_loaded

from auditor.session import Session
from tui.app import ReviewApp


async def main(path: str) -> None:
    session = Session.open(path)
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        counts = Counter((f.rule, f.expected, f.found) for v in app.views for f in v.findings)
        key = counts.most_common(1)[0][0]
        segment, position = next(
            (v.index, i)
            for v in app.views
            for i, f in enumerate(v.findings)
            if (f.rule, f.expected, f.found) == key
        )
        app.segment_list.move_to(app.segment_list.rows.index(segment))
        await pilot.pause(0.15)
        while True:
            app.selected = position
            await pilot.press("D")
            print("APPLYING", flush=True)
            started = time.perf_counter()
            await pilot.press("enter")
            if (
                app.current.decisions[position].status == "dismissed"
                and "✓" in app.header.render().plain
            ):
                print(f"APPLIED {(time.perf_counter() - started) * 1000:.0f}", flush=True)
            await pilot.press("u")
            print("UNDONE", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
