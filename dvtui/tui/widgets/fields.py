"""The text fields of every screen: keys applied in the order they arrive, record text inert.

Vietnamese input methods (Unikey, EVKey, OpenKey, ibus-bamboo outside preedit) turn ``e``
into ``ê`` by sending a backspace and the new letter in one burst. Textual inserts a
printable key in the focused field's own key handler, but runs backspace as a *binding*: the
key first bubbles up the DOM, one message queue at a time, and only the App runs the field's
binding, once the key gets there — after the letters that followed it were inserted, so the
wrong letter goes (``vie`` ⌫ê ⌫ệ ``t`` became ``viet``). Here a field runs every binding of
a key (its own: backspace, delete, arrows …; then its screen's and the App's: Tab, Esc,
F-keys) the moment the key reaches it, in the same queue as the letters, to the field it was
typed in (even when a click already moved the focus on). ``FieldKeysApp`` hands each key to
the focused field in its own turn, so the next key is read once this one was applied: a
figure typed right behind a Tab goes to the next field, and Ctrl+S (a priority binding,
run by the App) saves every letter typed before it.

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
from textual.binding import BindingsMap
from textual.expand_tabs import expand_tabs_inline
from textual.widget import Widget
from textual.widgets import Input, TextArea

from dvtui.core.text import inert, nfc

__all__ = ["FieldKeysApp", "TextEditor", "TextInput"]


ReturnType = TypeVar("ReturnType")


class FieldKeysApp(App[ReturnType]):
    """An app that applies each key to the focused text field before it reads the next one.

    Textual posts a key to the focused widget's queue and reads on: the keys behind a Tab
    went to the field being left (``12`` ⇥ ``5`` gave ``125``), and a priority binding
    (Ctrl+S) ran before the letters typed just before it. Here a key for a text field is
    handled in the App's own turn, the field's bindings and then its screen's and the App's
    (Tab, Esc, F-keys …) included, so the next key finds the focus where this one left it.
    """

    async def on_event(self, event: events.Event) -> None:
        input_event = isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded
        field = self.focused if input_event else None
        if (
            isinstance(field, (TextInput, TextEditor))
            and isinstance(event, (events.Key, events.Paste))
            and self.screen.maximized is None  # Esc then minimizes, as Textual does it
        ):
            self.app_focus = True
            if isinstance(event, events.Key):
                self.screen._clear_tooltip()
                if await self._check_bindings(event.key, priority=True):
                    return
            event._set_forwarded()
            await field._dispatch_message(event)  # now, not through the field's queue
            return
        await super().on_event(event)


async def run_in_order(field: TextInput | TextEditor, event: events.Key) -> None:
    """Apply ``event`` now, as Textual would once the key had travelled up the DOM: the
    field's own bindings (backspace, arrows …), its own insertion of what it types, then the
    screen's and the App's bindings (Tab, Esc …)."""
    if not event.is_printable and await _run_binding(field, field._bindings, event):
        return
    await field.insert_key(event)  # the widget's own handler: a letter, Enter in a text area
    if event._stop_propagation:
        return
    app = field.app
    if field is app.focused:  # else (a plain App, the focus moved on) it travels up as before
        await app._check_bindings(event.key)
        _handled(event)  # every binding of the chain was tried: none may run it again later


async def _run_binding(field: Widget, bindings: BindingsMap, event: events.Key) -> bool:
    app = field.app
    if app._keymap:  # as Textual's own dispatch applies it
        bindings = bindings.copy()
        bindings.apply_keymap(app._keymap)
    for binding in bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await app.run_action(binding.action, field):
            _handled(event)
            return True
    return False


def _handled(event: events.Key) -> None:
    event.stop()  # the App must not run it a second time
    event.prevent_default()  # nor Textual's own handlers of the key


class TextInput(Input):
    """The one-line text field of dvtui (use it, never a bare ``Input``)."""

    _focus_handled = False  # Textual's Focus event for the focus it has now was handled
    _typed_before_focus = False  # keys applied after the focus came, before that event

    async def _on_key(self, event: events.Key) -> None:
        await run_in_order(self, event)
        event.prevent_default()  # Input's own handler ran in its turn (insert_key)

    async def insert_key(self, event: events.Key) -> None:
        """Input's own handling of a key: a printable one is inserted."""
        if not self._focus_handled:
            self._typed_before_focus = True
        await super()._on_key(event)

    def _on_focus(self, event: events.Focus) -> None:
        # Keys typed right behind a Tab are applied in the App's turn, and under load before
        # this event: Input's select-on-focus would select them, and the next key replace
        # them (``4⇥120`` saved 0). What was already there is still selected.
        typed, self._typed_before_focus = self._typed_before_focus, False
        self._focus_handled = True
        if typed and self.select_on_focus:
            self.select_on_focus = False  # for Input's own handler, next for this event
            self.call_next(setattr, self, "select_on_focus", True)

    def _on_blur(self, event: events.Blur) -> None:
        self._focus_handled = False  # Input's own handler runs next

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
        event.prevent_default()  # TextArea's own handler ran in its turn (insert_key)

    async def insert_key(self, event: events.Key) -> None:
        """TextArea's own handling of a key: a printable one, Enter (a line break)."""
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        event.text = nfc(event.text)  # TextArea's own handler inserts it next

    def get_line(self, line_index: int) -> Text:
        """A line as shown: control characters as visible stand-ins, one per character."""
        line = self.document.get_line(line_index)
        return Text(inert(line, keep_length=True), end="", no_wrap=True)
