"""The text fields of every screen: keys applied in the order they arrive, record text inert.

Vietnamese input methods (Unikey, EVKey, OpenKey, ibus-bamboo outside preedit) turn ``e``
into ``ê`` by sending a backspace and the new letter in one burst. Textual inserts a
printable key in the focused field's own key handler, but runs backspace as a *binding*: the
key first bubbles up the DOM, one message queue at a time, and only the App runs the field's
binding, once the key gets there — after the letters that followed it were inserted, so the
wrong letter goes (``vie`` ⌫ê ⌫ệ ``t`` became ``viet``). Here a field runs its own bindings
(backspace, delete, arrows, home, end …) the moment the key reaches it, in the same queue as
the letters, so every key is applied before the next one, to the field it was typed in (even
when a click already moved the focus on). Keys the field has no binding for (Tab, F-keys,
Esc) travel on as before.

Text pasted in is normalised to NFC; combining marks typed one by one are kept as typed
while editing (an input method in "Unicode tổ hợp" mode counts them when it sends its
backspaces) and normalised when the record is saved. A value holding control characters is
shown with visible stand-ins (``␛``), one per character, and kept as it is.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.expand_tabs import expand_tabs_inline
from textual.widget import Widget
from textual.widgets import Input, TextArea

from dvtui.core.text import inert, nfc

__all__ = ["TextEditor", "TextInput"]


async def run_own_binding(field: Widget, event: events.Key) -> None:
    """Run the field's own binding for ``event`` now, instead of after the keys behind it."""
    if event.is_printable:
        return  # the field's own handler inserts it, in order
    # The field's own bindings, whether or not it still has the focus: under load its queue
    # can lag behind a click on the next field, and the key still belongs to this one.
    bindings = field._bindings
    if field.app._keymap:  # as Textual's own dispatch applies it
        bindings = bindings.copy()
        bindings.apply_keymap(field.app._keymap)
    for binding in bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await field.app.run_action(binding.action, field):
            event.stop()  # handled: the App must not run it a second time
            event.prevent_default()  # nor Textual's own handlers of the key
            return


class TextInput(Input):
    """The one-line text field of dvtui (use it, never a bare ``Input``)."""

    async def _on_key(self, event: events.Key) -> None:
        await run_own_binding(self, event)

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
        await run_own_binding(self, event)

    async def _on_paste(self, event: events.Paste) -> None:
        event.text = nfc(event.text)  # TextArea's own handler inserts it next

    def get_line(self, line_index: int) -> Text:
        """A line as shown: control characters as visible stand-ins, one per character."""
        line = self.document.get_line(line_index)
        return Text(inert(line, keep_length=True), end="", no_wrap=True)
