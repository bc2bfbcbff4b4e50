"""The app's keys in one table: bindings, footer, help screen and command palette all read it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class KeyHelp:
    #: Textual key names, comma-separated (the first is shown).
    keys: str
    action: str
    #: Short label for the footer and the command palette.
    label: str
    description: str
    #: Place in the footer: 0 not shown; 1 is kept longest when the terminal is narrow.
    footer: int = 0
    #: Also offered in the command palette.
    palette: bool = True
    priority: bool = False

    @property
    def shown_keys(self) -> str:
        names = {
            "question_mark": "?",
            "slash": "/",
            "down": "↓",
            "up": "↑",
            "shift+tab": "shift+tab",
            "pagedown": "PgDn",
            "pageup": "PgUp",
            "escape": "esc",
        }
        return " ".join(names.get(k, k) for k in self.keys.split(","))

    @property
    def first_key(self) -> str:
        return self.shown_keys.split(" ")[0]


KEYS: tuple[KeyHelp, ...] = (
    KeyHelp("j,down", "cursor(1)", "Down", "next segment", palette=False),
    KeyHelp("k,up", "cursor(-1)", "Up", "previous segment", palette=False),
    KeyHelp("pagedown", "page(1)", "Page down", "one screen down", palette=False),
    KeyHelp("pageup", "page(-1)", "Page up", "one screen up", palette=False),
    KeyHelp(
        "J,shift+down",
        "detail_scroll(1)",
        "Scroll detail",
        "show the whole texts and scroll the detail pane down",
        palette=False,
    ),
    KeyHelp(
        "K,shift+up",
        "detail_scroll(-1)",
        "Scroll detail up",
        "scroll the detail pane up",
        palette=False,
    ),
    KeyHelp("home", "edge(0)", "First", "first segment"),
    KeyHelp("end", "edge(1)", "Last", "last segment"),
    KeyHelp(
        "n",
        "next(1)",
        "Next",
        "next segment with open findings (next match while searching)",
        footer=1,
    ),
    KeyHelp(
        "N",
        "next(-1)",
        "Prev",
        "previous segment with open findings (previous match while searching)",
        footer=12,
    ),
    KeyHelp("p", "previous_flagged", "Prev open", "previous segment with open findings"),
    KeyHelp(
        "tab",
        "cycle_finding(1)",
        "Next finding",
        "select the next finding of the segment",
        priority=True,
    ),
    KeyHelp(
        "shift+tab",
        "cycle_finding(-1)",
        "Prev finding",
        "select the previous finding",
        priority=True,
        palette=False,
    ),
    KeyHelp("c", "confirm", "Confirm", "confirm the selected finding (a real defect)", footer=2),
    KeyHelp(
        "d",
        "dismiss_finding",
        "Dismiss",
        "dismiss the selected finding as a false positive, with an optional reason (ctrl+t there: accept it for the whole project)",
        footer=3,
    ),
    KeyHelp(
        "C",
        "bulk('confirmed')",
        "Confirm all",
        "confirm every open finding like this one (same rule, same expected / found) in the document",
        footer=13,
    ),
    KeyHelp(
        "D",
        "bulk('dismissed')",
        "Dismiss all",
        "dismiss every open finding like this one (same rule, same expected / found) in the document",
        footer=10,
    ),
    KeyHelp(
        "i",
        "explain",
        "Why",
        "why this finding: the rule's what / why / example, the glossary entry, the numbers read",
        footer=6,
    ),
    KeyHelp(
        "e", "edit", "Edit", "post-edit the translation; saving re-checks the segment", footer=5
    ),
    KeyHelp(
        "g",
        "glossary",
        "Glossary",
        "add a glossary entry from this segment to the project glossary",
    ),
    KeyHelp(
        "slash",
        "search",
        "Search",
        "search the English, Chinese and post-edits; n / N go to the next / previous match",
        footer=7,
    ),
    KeyHelp(
        "f",
        "filter",
        "Filter",
        "narrow the list by category, rule, severity, review status or text",
        footer=9,
    ),
    KeyHelp("escape", "clear", "Clear", "clear the search, then the filter", palette=False),
    KeyHelp("u", "undo", "Undo", "undo the last decision, bulk decision or edit", footer=8),
    KeyHelp("x", "export", "Export", "export a report or the corrected bilingual file"),
    KeyHelp("t", "toggle_theme", "Theme", "switch between the light and dark theme"),
    KeyHelp("question_mark", "help", "Help", "this help", footer=4),
    KeyHelp("q", "quit", "Quit", "quit (everything is already saved)", footer=11),
)

#: What the marks in the list and the detail pane mean (the help screen shows this).
MARKS: tuple[tuple[str, str], ...] = (
    ("●", "open: a finding still to decide"),
    ("✓", "confirmed: a real defect (in the list: all decided, at least one confirmed)"),
    ("✗", "dismissed: a false alarm (in the list: every finding dismissed)"),
    ("✎", "edited: the translation was post-edited"),
    ("›", "the list's cursor; ▶ the selected finding"),
)


def bindings() -> list[BindingType]:
    return [
        Binding(k.keys, k.action, k.label, show=False, priority=k.priority, key_display=k.first_key)
        for k in KEYS
    ]
