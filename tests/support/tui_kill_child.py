"""Child process of the kill -9 test: the real review app confirming findings one by one.

After each confirm it prints ``SAVED <finding id>`` once the screen shows the decision
(the finding marked confirmed in the detail pane and ``✓`` in the header), then goes on
until it is killed.
"""

from __future__ import annotations

import asyncio
import sys

from tui_support import wait_loaded

from auditor.session import Session
from tui.app import ReviewApp


async def main(path: str) -> None:
    session = Session.open(path)
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        print("READY", flush=True)
        while True:
            await pilot.press("n")
            view = app.current
            if view is None or not view.open_count:
                await pilot.pause(0.05)
                continue
            fid = view.fids[app.selected]
            await pilot.press("c")
            shown = app.detail.query_one("#findings").text
            header = app.header.render().plain
            if "✓ confirmed" in shown and "✓" in header:
                print(f"SAVED {fid}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
