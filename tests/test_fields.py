"""The text fields every screen uses (TextInput, TextEditor): Vietnamese typed through an
input method arrives as bursts of bytes; each key must be applied in the order it arrived.

The bytes go through Textual's own terminal parser (what the Linux driver runs on what it
reads from the terminal), all at once, as an input method sends them. The real program in a
real pseudo-terminal is tests/test_terminal.py.
"""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path
from typing import cast

import pytest
import telex
from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea

import dvtui.tui
from dvtui.tui.widgets.fields import FieldKeysApp, TextEditor, TextInput

VIET_BYTES = b"".join(telex.VIET)


class Fields(App[None]):
    """A one-line and a multi-line field, as the forms have them."""

    def __init__(self, one: type[Input] = TextInput, many: type[TextArea] = TextEditor) -> None:
        super().__init__()
        self.one, self.many = one, many

    def compose(self) -> ComposeResult:
        yield self.one(id="one")
        yield self.many(id="many")


async def type_bytes(pilot: Pilot[None], data: bytes) -> None:
    """Feed ``data`` to the app in one burst, through Textual's terminal parser."""
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for message in XTermParser().feed(data.decode()):
        driver.process_message(message)
    await pilot.pause()
    await pilot.pause()


def value_of(widget: Widget) -> str:
    """What a text field holds."""
    return widget.value if isinstance(widget, Input) else cast(TextArea, widget).text


def test_the_keystrokes_spell_the_text() -> None:
    strokes = telex.keystrokes(telex.SENTENCE)
    assert telex.BACKSPACE + "Đ".encode() in strokes and telex.BACKSPACE + "ổ".encode() in strokes
    assert telex.typed(strokes) == telex.SENTENCE
    assert telex.typed(telex.VIET) == "việt"


@pytest.mark.parametrize("field", ["one", "many"])
async def test_input_method_bursts_give_viet(field: str) -> None:
    app = Fields()
    async with app.run_test() as pilot:
        widget = app.query_one(f"#{field}")
        widget.focus()
        await pilot.pause()
        await type_bytes(pilot, VIET_BYTES)
        await type_bytes(pilot, b" " + b"".join(telex.keystrokes(telex.SENTENCE)))
        value = value_of(widget)
        assert value == "việt " + telex.SENTENCE


@pytest.mark.parametrize("field", ["one", "many"])
async def test_preedit_dead_keys_and_nfd_paste(field: str) -> None:
    app = Fields()
    async with app.run_test() as pilot:
        widget = app.query_one(f"#{field}")
        widget.focus()
        await pilot.pause()
        await type_bytes(pilot, "việt ".encode())  # preedit: the word arrives committed
        await type_bytes(pilot, "Na\u0323m vie\u0302\u0323t".encode())  # dead keys, combining marks
        nfd = unicodedata.normalize("NFD", " Quài Cang")
        await type_bytes(pilot, b"\x1b[200~" + nfd.encode() + b"\x1b[201~")  # bracketed paste
        value = value_of(widget)
        assert unicodedata.normalize("NFC", value) == "việt Nạm việt Quài Cang"
        assert value.endswith(" Quài Cang")  # the paste entered as NFC
        await type_bytes(pilot, b"\x7f" * 6)  # backspaces delete before the cursor, in order
        value = value_of(widget)
        assert unicodedata.normalize("NFC", value) == "việt Nạm việt Quà"


async def test_a_key_belongs_to_the_field_it_was_typed_in() -> None:
    """A click on the next field in the same burst: the backspace before it still deletes
    in the first field (whose queue may not have reached it yet), never in the second."""
    app = Fields()
    async with app.run_test(size=(60, 12)) as pilot:
        one = app.query_one("#one", Input)
        many = app.query_one("#many", TextArea)
        many.text = "xyz"
        one.focus()
        await pilot.pause()
        x, y = many.content_region.x + 5, many.content_region.y
        click = f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m".encode()
        await type_bytes(pilot, b"ab\x7fc" * 20 + click + b"d")
        assert one.value == "ac" * 20
        assert many.text == "xyzd"


class Saving(FieldKeysApp[None]):
    """Ctrl+S as the forms bind it (priority): records what the field holds when it runs."""

    BINDINGS = [Binding("ctrl+s", "save", "save", priority=True)]

    def __init__(self) -> None:
        super().__init__()
        self.saved: list[str] = []

    def compose(self) -> ComposeResult:
        yield TextInput(id="one")

    def action_save(self) -> None:
        self.saved.append(self.query_one(TextInput).value)


async def test_ctrl_s_right_behind_the_typing_saves_all_of_it() -> None:
    app = Saving()
    async with app.run_test() as pilot:
        app.query_one(TextInput).focus()
        await pilot.pause()
        await type_bytes(pilot, VIET_BYTES * 10 + b"\x13")  # Ctrl+S in the same burst
        assert app.saved == ["việt" * 10]


class Form(FieldKeysApp[None]):
    """Fields one below the other, as a form has them: Tab goes to the next."""

    def compose(self) -> ComposeResult:
        yield TextInput(id="first")
        yield TextEditor(id="second")
        yield TextInput(id="third")


async def test_a_key_typed_after_tab_goes_to_the_next_field() -> None:
    """A fast typist (or a slow computer) puts Tab and the next figure in one read: each
    key goes where the focus is once the keys before it were applied."""
    app = Form()
    async with app.run_test() as pilot:
        app.query_one("#first").focus()
        await pilot.pause()
        await type_bytes(pilot, b"12\t" + VIET_BYTES + b"\t5\x7f7")
        values = [value_of(app.query_one(f"#{name}")) for name in ("first", "second", "third")]
        assert values == ["12", "việt", "7"]
        await type_bytes(pilot, b"\x1b[Z\x1b[Z3")  # Shift+Tab twice, back to the first
        assert value_of(app.query_one("#first")) == "123"


async def test_bare_textual_fields_garble_the_burst() -> None:
    """The reason the subclasses exist: a plain Input loses the letters (Textual 8.2.8)."""
    app = Fields(Input, TextArea)
    async with app.run_test() as pilot:
        app.query_one("#one", Input).focus()
        await pilot.pause()
        await type_bytes(pilot, VIET_BYTES)
        assert app.query_one("#one", Input).value != "việt"


def test_no_screen_composes_a_bare_input_or_text_area() -> None:
    """Every text field of dvtui is a TextInput or a TextEditor (widgets/fields.py)."""
    package = Path(dvtui.tui.__file__).parent
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "fields.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bare = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual")
            for alias in node.names
            if alias.name in ("Input", "TextArea")
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name in bare or name in ("Input", "TextArea"):
                    offenders.append(f"{path.relative_to(package)}:{node.lineno}")
    assert not offenders, offenders


async def test_keys_applied_before_the_focus_event_are_not_selected_and_replaced() -> None:
    """Under load a field's Focus event can come after the keys typed right behind the Tab
    (they are applied in the App's turn, the event waits in the field's queue): Input's
    select-on-focus must not select them, or the next key replaces them (``120`` → ``0``)."""
    app = Form()
    async with app.run_test() as pilot:
        app.query_one("#first").focus()
        await pilot.pause()
        third = app.query_one("#third", TextInput)
        app.set_focus(third)  # the Focus event is posted to the field's queue, not yet handled
        for key in "12":
            await third._dispatch_message(events.Key(key, key))
        await pilot.pause()  # the Focus event now
        await type_bytes(pilot, b"0")
        assert third.value == "120"
