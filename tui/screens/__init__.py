"""Modal screens of the review app: help, dismiss reason, edit, filter, search, glossary, export."""

from tui.screens.edit import EditScreen
from tui.screens.export import ExportScreen
from tui.screens.filter import FilterScreen
from tui.screens.glossary import GlossaryEntry, GlossaryScreen
from tui.screens.help import HelpScreen
from tui.screens.prompt import PromptScreen

__all__ = [
    "EditScreen", "ExportScreen", "FilterScreen", "GlossaryEntry", "GlossaryScreen",
    "HelpScreen", "PromptScreen",
]
