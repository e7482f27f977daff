"""Vietnamese as an input method without preedit sends it to a terminal application.

Unikey, EVKey, OpenKey (Windows, macOS) and ibus-bamboo outside preedit mode (Linux) all do
the same: a letter is first sent bare; when the next key adds a mark (Telex: ``e`` → ``ê``,
``j`` → a dot below), they send a backspace and the marked letter in one burst.
"""

from __future__ import annotations

import unicodedata

BACKSPACE = b"\x7f"

# "việt" with Telex: v, i, e, e (⌫ ê), j (⌫ ệ), t — the bytes of the issue (7f c3 aa, 7f e1 bb 87).
VIET = [b"v", b"i", b"e", BACKSPACE + "ê".encode(), BACKSPACE + "ệ".encode(), b"t"]

SENTENCE = "Đã tổ chức hội nghị tuyên truyền"

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def keystrokes(text: str) -> list[bytes]:
    """What the terminal receives for ``text``, one write per key the person presses."""
    out: list[bytes] = []
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
        out.append(steps[0].encode())
        out += [BACKSPACE + step.encode() for step in steps[1:]]
    return out


def typed(strokes: list[bytes]) -> str:
    """The text a correct application ends up with (backspace deletes the last character)."""
    text: list[str] = []
    for stroke in strokes:
        for ch in stroke.decode():
            if ch == "\x7f":
                text.pop()
            else:
                text.append(ch)
    return "".join(text)
