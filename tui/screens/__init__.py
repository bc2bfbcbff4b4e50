"""Modal screens of the review app: help, prompts, questions, edit, filter, explain, glossary, export."""

from tui.screens.ask import AskScreen
from tui.screens.edit import EditScreen
from tui.screens.explain import ExplainScreen
from tui.screens.export import ExportScreen
from tui.screens.filter import FilterScreen
from tui.screens.glossary import GlossaryEntry, GlossaryScreen
from tui.screens.help import HelpScreen
from tui.screens.prompt import PromptScreen

__all__ = [
    "AskScreen",
    "EditScreen",
    "ExplainScreen",
    "ExportScreen",
    "FilterScreen",
    "GlossaryEntry",
    "GlossaryScreen",
    "HelpScreen",
    "PromptScreen",
]
