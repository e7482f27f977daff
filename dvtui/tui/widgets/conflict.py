"""One conflicting field: its versions side by side and the user's choice among them.

Used by the sync's conflict screen (mine / the server's / the common ancestor, or a typed
value) and by a form's save conflict (mine / on disk now, with who changed it and when).
The chosen option carries a text marker (●), not only a colour.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, RadioButton, RadioSet, Static

from dvtui.core.changes import Lookup, field_label, value_text
from dvtui.core.merge import Choice, Conflict, choice_from_text
from dvtui.core.text import inert
from dvtui.i18n import t
from dvtui.tui.widgets.fields import TextInput


class ChoiceButton(RadioButton):
    """A radio button whose mark is a character: ● when chosen, blank when not."""

    @property
    def _button(self) -> Content:
        button_style = self.get_visual_style("toggle--button")
        return Content.assemble(
            ("(", button_style), ("●" if self.value else " ", button_style), (")", button_style)
        )


class ConflictRow(Vertical):
    """One conflicting field; ``labels`` names each version offered (take → label),
    ``names`` the records its values name."""

    DEFAULT_CSS = """
    ConflictRow {
        height: auto;
        margin: 1 0;
        padding: 0 1;
        border-left: thick $warning;
    }
    ConflictRow RadioSet {
        width: 100%;
    }
    """

    def __init__(
        self,
        conflict: Conflict,
        index: int,
        title: str,
        labels: Mapping[str, str],
        *,
        names: Lookup,
        typed_value: bool = False,
        row_id: str | None = None,
    ) -> None:
        super().__init__(id=row_id)
        self.conflict = conflict
        self.index = index
        self.title = title
        self.labels = labels
        self.names = names  # the records values name, for their names
        self.typed_value = typed_value

    def compose(self) -> ComposeResult:
        c = self.conflict
        field = c.field
        title = Text(f"{inert(self.title)} · ", style="bold")
        what = field_label(field, self.names) if field else t("sync.whole_file")
        title.append(what, style="bold cyan")
        yield Static(title)
        if c.problem:
            yield Static(Text(inert(c.problem), style="yellow"))
        with RadioSet(id=f"choice-{self.index}"):
            for n, (take, label_text) in enumerate(self.labels.items()):
                value = value_text(field, getattr(c, take), self.names, limit=70) if field else "…"
                label = Text(f"{inert(label_text)}: ")
                label.append(inert(value), style="bold")
                yield ChoiceButton(label, value=n == 0, name=take)
            if field and self.typed_value:
                yield ChoiceButton(Text(t("ui.conflict.value")), name="value")
        if field and self.typed_value:
            yield TextInput(
                placeholder=t("ui.conflict.value_placeholder"),
                id=f"value-{self.index}",
                compact=True,
            )
        yield Static("", id=f"error-{self.index}", classes="error")

    def on_mount(self) -> None:
        self.query_one(f"#error-{self.index}", Static).display = False

    def choose(self, take: str) -> None:
        """Pick a version by name (``mine``, ``theirs`` …), as a click on it would."""
        for button in self.query(ChoiceButton):
            if button.name == take:
                button.value = True

    def choice(self) -> Choice:
        """The chosen version, or a typed value (ValueError when it is not valid)."""
        pressed = self.query_one(RadioSet).pressed_button
        take = pressed.name if pressed is not None and pressed.name else "mine"
        if take != "value":
            return Choice(take)  # type: ignore[arg-type]
        return choice_from_text(self.conflict, self.query_one(Input).value)

    def show_error(self, text: str) -> None:
        """A reason under the row (empty: none)."""
        error = self.query_one(f"#error-{self.index}", Static)
        error.update(Text(inert(text)))  # a reason can quote what was typed
        error.display = bool(text)
