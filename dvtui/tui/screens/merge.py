"""A save that met someone else's change to the same field: the user chooses, field by field.

Shown by a form when the store refuses its save with :class:`SaveConflict`: for each field
both changed, the user's value and the one on disk now, with who saved it and when.
Nothing is written until the user chooses and saves again; Esc goes back to the form.
"""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Static

from dvtui.core.changes import NO_RECORDS
from dvtui.core.merge import Choice
from dvtui.core.text import inert
from dvtui.i18n import N_, t, tn
from dvtui.storage.store import ChangedBoth, SaveConflict
from dvtui.tui.backend import Host
from dvtui.tui.translated import TranslatedScreen
from dvtui.tui.widgets.conflict import ConflictRow


def who_text(changed: ChangedBoth) -> str:
    """``Nguyễn Thị Lan lưu lúc 20/05/2023 10:15`` (or: changed on disk, not committed)."""
    if changed.author is None or changed.when is None:
        return t("ui.save_conflict.uncommitted")
    return t("ui.save_conflict.who", name=changed.author, when=f"{changed.when:%d/%m/%Y %H:%M}")


class SaveConflictScreen(TranslatedScreen[dict[str, Choice] | None]):
    """Dismisses with field → choice for every conflicting field, or None (back to the form)."""

    BINDINGS = [
        Binding("ctrl+s", "done", N_("ui.save_conflict.save"), priority=True),
        Binding("escape", "back", N_("ui.save_conflict.back")),
    ]

    def __init__(self, title: str, conflict: SaveConflict) -> None:
        super().__init__()
        self.heading = title
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        names = cast(Host, self.app).data or NO_RECORDS
        with VerticalScroll(id="conflicts"):
            yield Static(Text(tn("ui.save_conflict.explain", len(self.conflict.fields))))
            for i, changed in enumerate(self.conflict.fields):
                labels = {
                    "mine": t("ui.save_conflict.mine"),
                    "theirs": t("ui.save_conflict.theirs"),
                }
                yield ConflictRow(
                    changed.conflict,
                    i,
                    self.heading,
                    labels,
                    names=names,
                    row_id=f"save-conflict-{i}",
                )
                yield Static(Text(inert(who_text(changed)), style="italic"), classes="who")
        with Horizontal(classes="buttons form-buttons"):
            yield Button(t("ui.save_conflict.save"), id="done", variant="primary", compact=True)
            yield Button(t("ui.save_conflict.back"), id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("ui.save_conflict.title")
        rows = list(self.query(ConflictRow))
        if rows:
            rows[0].query_one("RadioSet").focus()

    def choose(self, index: int, take: str) -> None:
        """Pick ``mine`` or ``theirs`` for one field."""
        self.query_one(f"#save-conflict-{index}", ConflictRow).choose(take)

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        """Save with the choices made."""
        self.dismiss({row.conflict.field: row.choice() for row in self.query(ConflictRow)})

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the form; nothing was saved."""
        self.dismiss(None)
