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
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea

import dvtui.tui
from dvtui.tui.widgets.fields import TextEditor, TextInput

# "việt" as Unikey/EVKey/OpenKey/ibus-bamboo (no preedit) send it with Telex: v i e, then
# e again (backspace, ê), then j (backspace, ệ), then t.
VIET_BYTES = b"vie" + b"\x7f\xc3\xaa" + b"\x7f\xe1\xbb\x87" + b"t"


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def telex_bursts(text: str) -> bytes:
    """``text`` as an input method without preedit sends it: a marked letter is first typed
    bare, then replaced (backspace + the letter with its vowel mark), then again for a tone."""
    out = bytearray()
    for ch in text:
        if ch in "đĐ":
            steps = ["d" if ch == "đ" else "D", ch]
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            base, marks = decomposed[0], decomposed[1:]
            vowel_marks = "".join(m for m in marks if m not in _TONES)
            steps = [base]
            if vowel_marks:
                steps.append(unicodedata.normalize("NFC", base + vowel_marks))
            if len(vowel_marks) < len(marks):
                steps.append(ch)
        out += steps[0].encode()
        for step in steps[1:]:
            out += b"\x7f" + step.encode()
    return bytes(out)


SENTENCE = "Đã tổ chức hội nghị tuyên truyền"


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


def test_telex_bursts_spell_the_sentence() -> None:
    raw = telex_bursts(SENTENCE).decode()
    assert "\x7f" in raw and "\x7f" + "Đ" in raw
    typed: list[str] = []
    for ch in raw:
        if ch == "\x7f":
            typed.pop()
        else:
            typed.append(ch)
    assert "".join(typed) == SENTENCE


@pytest.mark.parametrize("field", ["one", "many"])
async def test_input_method_bursts_give_viet(field: str) -> None:
    app = Fields()
    async with app.run_test() as pilot:
        widget = app.query_one(f"#{field}")
        widget.focus()
        await pilot.pause()
        await type_bytes(pilot, VIET_BYTES)
        await type_bytes(pilot, b" " + telex_bursts(SENTENCE))
        value = value_of(widget)
        assert value == "việt " + SENTENCE


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
