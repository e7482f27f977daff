"""The text fields of every screen: keys applied in the order they arrive, record text inert.

Vietnamese input methods (Unikey, EVKey, OpenKey, ibus-bamboo outside preedit) turn ``e``
into ``ê`` by sending a backspace and the new letter in one burst. Textual inserts a
printable key in the focused field's own key handler, but runs backspace as a *binding*: the
key first bubbles up the DOM, one message queue at a time, and only the App runs the field's
binding, once the key gets there — after the letters that followed it were inserted, so the
wrong letter goes (``vie`` ⌫ê ⌫ệ ``t`` became ``viet``). Here a field runs its own bindings
(backspace, delete, arrows, home, end …) the moment the key reaches it, in the same queue as
the letters, so every key is applied before the next one, to the field it was typed in (even
when a click already moved the focus on). In an app made with ``FieldKeysApp`` the field
also runs the priority bindings (Ctrl+S …) in its turn. Keys bound elsewhere (Tab, F-keys,
Esc) travel on as before.

Text pasted in is normalised to NFC; combining marks typed one by one are kept as typed
while editing (an input method in "Unicode tổ hợp" mode counts them when it sends its
backspaces) and normalised when the record is saved. A value holding control characters is
shown with visible stand-ins (``␛``), one per character, and kept as it is.
"""

from __future__ import annotations

from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import App
from textual.expand_tabs import expand_tabs_inline
from textual.widget import Widget
from textual.widgets import Input, TextArea

from dvtui.core.text import inert, nfc

__all__ = ["FieldKeysApp", "TextEditor", "TextInput"]


ReturnType = TypeVar("ReturnType")


class FieldKeysApp(App[ReturnType]):
    """An app whose text fields also run the priority bindings (Ctrl+S, Ctrl+Q …) in turn.

    Textual runs a priority binding the moment the App reads the key, before the keys typed
    just before it have reached the focused field: on a slow machine Ctrl+S would save a
    note without its last letters, and close the form. Here the field runs it when it gets
    to the key, after them.
    """

    async def _check_bindings(self, key: str, priority: bool = False) -> bool:
        if priority and isinstance(self.focused, (TextInput, TextEditor)):
            return False  # the field runs them in its turn (run_in_order)
        return await super()._check_bindings(key, priority)

    async def run_priority_bindings(self, key: str) -> bool:
        """Textual's own check of the priority bindings, from the focused widget up."""
        return await super()._check_bindings(key, priority=True)


async def run_in_order(field: Widget, event: events.Key) -> None:
    """Run what ``event`` is bound to now, in the field's turn, not after the keys behind it."""
    app = field.app
    if isinstance(app, FieldKeysApp) and await app.run_priority_bindings(event.key):
        _handled(event)
        return
    if event.is_printable:
        return  # the field's own handler inserts it, in order
    # The field's own bindings, whether or not it still has the focus: under load its queue
    # can lag behind a click on the next field, and the key still belongs to this one.
    bindings = field._bindings
    if app._keymap:  # as Textual's own dispatch applies it
        bindings = bindings.copy()
        bindings.apply_keymap(app._keymap)
    for binding in bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await app.run_action(binding.action, field):
            _handled(event)
            return


def _handled(event: events.Key) -> None:
    event.stop()  # the App must not run it a second time
    event.prevent_default()  # nor Textual's own handlers of the key


class TextInput(Input):
    """The one-line text field of dvtui (use it, never a bare ``Input``)."""

    async def _on_key(self, event: events.Key) -> None:
        await run_in_order(self, event)

    def _on_paste(self, event: events.Paste) -> None:
        event.text = nfc(event.text)  # Input's own handler inserts it next

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(inert(self.value, keep_length=True), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        # Input's own count, over the stand-ins shown rather than the zero-width controls.
        return cell_len(expand_tabs_inline(inert(self.value[:position], keep_length=True), 4))


class TextEditor(TextArea):
    """The multi-line text field of dvtui (use it, never a bare ``TextArea``)."""

    async def _on_key(self, event: events.Key) -> None:
        await run_in_order(self, event)

    async def _on_paste(self, event: events.Paste) -> None:
        event.text = nfc(event.text)  # TextArea's own handler inserts it next

    def get_line(self, line_index: int) -> Text:
        """A line as shown: control characters as visible stand-ins, one per character."""
        line = self.document.get_line(line_index)
        return Text(inert(line, keep_length=True), end="", no_wrap=True)
