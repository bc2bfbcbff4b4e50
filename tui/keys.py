"""The app's keys in one table: bindings, footer, help screen and command palette all read it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeyHelp:
    #: Textual key names, comma-separated (the first is shown).
    keys: str
    action: str
    #: Short label for the footer and the command palette.
    label: str
    description: str
    footer: bool = False
    #: Also offered in the command palette.
    palette: bool = True
    priority: bool = False

    @property
    def shown_keys(self) -> str:
        names = {"question_mark": "?", "slash": "/", "down": "↓", "up": "↑",
                 "shift+tab": "shift+tab", "pagedown": "PgDn", "pageup": "PgUp"}
        return " ".join(names.get(k, k) for k in self.keys.split(","))


KEYS: tuple[KeyHelp, ...] = (
    KeyHelp("j,down", "cursor(1)", "Down", "next segment", palette=False),
    KeyHelp("k,up", "cursor(-1)", "Up", "previous segment", palette=False),
    KeyHelp("pagedown", "page(1)", "Page down", "one screen down", palette=False),
    KeyHelp("pageup", "page(-1)", "Page up", "one screen up", palette=False),
    KeyHelp("J,shift+down", "detail_scroll(1)", "Scroll detail", "scroll the detail pane down", palette=False),
    KeyHelp("K,shift+up", "detail_scroll(-1)", "Scroll detail up", "scroll the detail pane up", palette=False),
    KeyHelp("home", "edge(0)", "First", "first segment"),
    KeyHelp("end", "edge(1)", "Last", "last segment"),
    KeyHelp("n", "next_flagged", "Next", "next segment with open findings", footer=True),
    KeyHelp("p", "previous_flagged", "Prev open", "previous segment with open findings"),
    KeyHelp("tab", "cycle_finding(1)", "Next finding", "select the next finding of the segment", priority=True),
    KeyHelp("shift+tab", "cycle_finding(-1)", "Prev finding", "select the previous finding", priority=True, palette=False),
    KeyHelp("c", "confirm", "Confirm", "confirm the selected finding (a real defect)", footer=True),
    KeyHelp("d", "dismiss_finding", "Dismiss", "dismiss the selected finding as a false positive, with an optional reason", footer=True),
    KeyHelp("e", "edit", "Edit", "post-edit the translation; saving re-checks the segment", footer=True),
    KeyHelp("g", "glossary", "Glossary", "add a glossary entry from this segment to the project glossary"),
    KeyHelp("f", "filter", "Filter", "filter by category, rule, severity or review status", footer=True),
    KeyHelp("slash", "search", "Find", "show only segments containing a text (empty clears)", footer=True),
    KeyHelp("u", "undo", "Undo", "undo the last decision or edit", footer=True),
    KeyHelp("x", "export", "Export", "export a report or the corrected bilingual file"),
    KeyHelp("t", "toggle_theme", "Theme", "switch between the light and dark theme"),
    KeyHelp("question_mark", "help", "Help", "this help", footer=True),
    KeyHelp("q", "quit", "Quit", "quit (everything is already saved)", footer=True),
)


def bindings() -> list[Binding]:
    return [
        Binding(k.keys, k.action, k.label, show=k.footer, priority=k.priority,
                key_display=k.shown_keys.split(" ")[0])
        for k in KEYS
    ]
