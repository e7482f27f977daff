"""A yes/no question, e.g. before throwing away unsaved edits."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from dvtui.core.text import inert
from dvtui.i18n import N_, t
from dvtui.tui.translated import TranslatedModal


class ConfirmScreen(TranslatedModal[bool]):
    """Ask a question; dismiss with True (Có) or False (Không)."""

    BINDINGS = [
        Binding("escape", "answer(False)", N_("ui.button.no")),
        Binding("c,y", "answer(True)", N_("ui.button.yes"), show=False),
        Binding("k,n", "answer(False)", N_("ui.button.no"), show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(inert(self.question)))
            with Horizontal(classes="buttons"):
                yield Button(t("ui.button.yes"), id="yes", variant="error")
                yield Button(t("ui.button.no"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
