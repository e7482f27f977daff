"""Asked once when git does not know who the user is: commits need a real name."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from dvtui.core.text import nfc
from dvtui.i18n import N_, t
from dvtui.tui.translated import TranslatedModal
from dvtui.tui.widgets.fields import TextInput


class IdentityScreen(TranslatedModal[tuple[str, str] | None]):
    """Name and email for this data repo's commits (stored in its git config)."""

    BINDINGS = [
        Binding("ctrl+s", "ok", N_("ui.key.save"), priority=True),  # as its button says
        Binding("escape", "cancel", N_("ui.key.cancel")),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t("ui.identity.explain")))
            yield Label(t("ui.identity.name"))
            yield TextInput(id="name", compact=True)
            yield Label(t("ui.identity.email"))
            yield TextInput(id="email", compact=True)
            yield Static("", id="identity-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("ui.button.save"), id="ok", variant="primary")
                yield Button(t("ui.button.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#identity-error", Static).display = False
        self.query_one("#name", Input).focus()

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def action_ok(self) -> None:
        """Ctrl+S, Enter or the button: remember the name and email."""
        name = nfc(self.query_one("#name", Input).value.strip())
        email = self.query_one("#email", Input).value.strip()
        if not name or "@" not in email or any(c.isspace() for c in email):
            error = self.query_one("#identity-error", Static)
            error.update(Text(t("ui.identity.invalid")))
            error.display = True
            return
        self.dismiss((name, email))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Give up: nothing is saved."""
        self.dismiss(None)
