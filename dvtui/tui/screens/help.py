"""F1: a short help screen in Vietnamese."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from dvtui.i18n import N_, t
from dvtui.tui.translated import TranslatedModal


class HelpScreen(TranslatedModal[None]):
    """What each key does, and how saving works."""

    BINDINGS = [
        Binding("escape,f1,q", "app.pop_screen", N_("ui.key.back")),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(Text(t("ui.help.title"), style="bold"))
            yield Static(Text(t("ui.help.body")))
