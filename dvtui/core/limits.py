"""Limits every TOML text passes before it reaches the parser.

tomllib is correct but not built for hostile input: arrays or inline tables nested ~500
deep raise ``RecursionError``, an integer of more than 4,300 digits raises ``ValueError``,
and a table header of many dotted parts costs time quadratic in their number (100 KB of
``[a.a.a…]``: half a minute). A data repo is shared, so such a file would stop every command
of every clone. These checks refuse it first, cheaply: the usual record costs a few
``str.count`` calls and one short search; only a text with many brackets, dots or long
words is looked at more closely, with regular expressions over a copy whose strings and
comments are blanked out (a ``[`` or ``.`` inside a narrative is not structure).

The limits are far above anything dvtui writes (a record nests three levels deep, keys are
field names and task slugs, figures are counts) and each refusal names the line.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Any

from dvtui.core.recordclass import frozen
from dvtui.i18n import N_

MAX_DEPTH = 32  # arrays and inline tables open at once; dots on one line outside strings
MAX_KEY_PARTS = 16  # parts of one dotted key or table header
MAX_KEY_CHARS = 256  # characters of one key part, bare or quoted
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # TOML integers are 64-bit

__all__ = ["INT_MAX", "INT_MIN", "Exceeded", "check_toml", "in_int_range"]


@frozen
class Exceeded:
    """A limit a text goes over: the message key and its values (``line`` among them)."""

    code: str
    args: dict[str, Any]


def in_int_range(value: int) -> bool:
    """True for the integers TOML (and so a record) can hold: signed 64-bit."""
    return INT_MIN <= value <= INT_MAX


# Strings and comments as TOML lexes them (multi-line forms first), with possessive loops:
# linear time whatever the text. A string that never ends is left alone: tomllib stops
# there with a syntax error anyway.
_LEXEMES = re.compile(
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"{3,5}'
    r"|'''(?:[^']++|'(?!''))*+'{3,5}"
    r'|"(?:[^"\\\n]++|\\[^\n])*+"'
    r"|'[^'\n]*+'"
    r"|#[^\n]*+"
)
_LONG_STRING = "\x01"  # stands for a string too long to be a key


def _blank(match: re.Match[str]) -> str:
    """A string becomes one bare-key character (``\\x01`` when too long for a key);
    a comment disappears. Line breaks inside multi-line strings are kept, so that a
    line number in the blanked copy is the line number in the file."""
    text = match[0]
    if text[0] == "#":
        return ""
    short = len(text) <= MAX_KEY_CHARS + 2  # the quotes do not count
    return ("_" if short else _LONG_STRING) + "\n" * text.count("\n")


# The searches below start only where a word starts (the look-behinds), so each is linear
# in the length of the text.
_WORD = r"(?<![\w\x01-])"
_BRACKETS = re.compile(r"[\[\]{}]")
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_DOTTED_LINE = re.compile(r"^[^\n.]*+(?:\.[^\n.]*+){" + str(MAX_DEPTH + 1) + "}", re.MULTILINE)
_PARTS = re.compile(_WORD + r"(?:[\w\x01-]++[ \t]*+\.[ \t]*+){" + str(MAX_KEY_PARTS) + "}")
_LONG_KEY = re.compile(_WORD + r"[\w-]{" + str(MAX_KEY_CHARS + 1) + "}")
# A long string followed by ``.``/``=`` is a key part; on a line starting with ``[``, a header.
_LONG_QUOTED_KEY = re.compile(r"\x01[ \t]*+[.=]|^[ \t]*+\[[^\n\x01]*+\x01", re.MULTILINE)
# Integer literals long enough to leave 64 bits (shorter ones always fit).
_BIG_INT = re.compile(
    r"(?<![\w.:+-])[+-]?+(?:0x[0-9A-Fa-f_]{16,}+|0o[0-7_]{21,}+|0b[01_]{64,}+|[0-9][0-9_]{18,}+)"
    r"(?![\w.:-])"
)

# The quick look, over the bytes: ``translate`` maps every byte at C speed, so a run of
# digits (a big integer) or of key characters (a long key) is one substring search.
_DIGIT_BYTES = bytes(0x30 if chr(b) in "0123456789_" else 0x20 for b in range(256))
_KEY_BYTES = bytes(
    0x61 if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "_-") else 0x20 for b in range(256)
)
_DIGIT_RUN = b"0" * 19  # 19 digits may leave 64 bits; 18 never do
_KEY_RUN = b"a" * (MAX_KEY_CHARS + 1)


def check_toml(data: bytes) -> Exceeded | None:
    """The first limit a TOML file (UTF-8 ``data``) goes over; None when tomllib may parse it."""
    openers = data.count(b"[") + data.count(b"{")
    dots = data.count(b".")
    if (
        dots < MAX_KEY_PARTS
        and openers + dots <= MAX_DEPTH
        and _DIGIT_RUN not in data.translate(_DIGIT_BYTES)
        and b"0x" not in data
        and (len(data) <= MAX_KEY_CHARS or _KEY_RUN not in data.translate(_KEY_BYTES))
    ):
        return None  # the usual record: nothing in it can be deep, long or big
    skeleton = _LEXEMES.sub(_blank, data.decode("utf-8", "replace"))
    for check in (_integers, _key_length, _key_parts, _depth):
        found = check(skeleton)
        if found is not None:
            return found
    return None


def _line(skeleton: str, pos: int) -> int:
    return skeleton.count("\n", 0, pos) + 1


def _integers(skeleton: str) -> Exceeded | None:
    for match in _BIG_INT.finditer(skeleton):
        literal = match[0].replace("_", "")
        sign = -1 if literal.startswith("-") else 1
        digits = literal.lstrip("+-")
        base = {"0x": 16, "0o": 8, "0b": 2}.get(digits[:2], 10)
        body = digits if base == 10 else digits[2:]
        if not body:  # "0x" before a string (blanked to "_"): no number; tomllib says what
            continue
        if len(body) > 64 or not in_int_range(sign * int(body, base)):
            return Exceeded(N_("err.limit.integer"), {"line": _line(skeleton, match.start())})
    return None


def _key_length(skeleton: str) -> Exceeded | None:
    match = _LONG_KEY.search(skeleton) or _LONG_QUOTED_KEY.search(skeleton)
    if match is None:
        return None
    return Exceeded(
        N_("err.limit.key_length"), {"limit": MAX_KEY_CHARS, "line": _line(skeleton, match.start())}
    )


def _key_parts(skeleton: str) -> Exceeded | None:
    match = _PARTS.search(skeleton)
    if match is None:
        return None
    return Exceeded(
        N_("err.limit.key_parts"), {"limit": MAX_KEY_PARTS, "line": _line(skeleton, match.start())}
    )


def _depth(skeleton: str) -> Exceeded | None:
    """Brackets open at once (whatever their kind: tomllib recurses into each before it
    checks the closing one), and dots on one line.

    Inline tables and headers are one line each, so the dotted keys nested in an inline
    table are on one line: with the brackets, this bounds how deep the tables tomllib
    builds can be (dvtui's own code walks them again). Brackets are summed in C
    (``accumulate``); only a refused text is walked again, to name the line.
    """
    brackets = _NOT_BRACKET.sub("", skeleton)
    if len(brackets) > MAX_DEPTH and max(accumulate(map(_STEP.__getitem__, brackets))) > MAX_DEPTH:
        depth = 0
        for match in _BRACKETS.finditer(skeleton):
            depth += _STEP[match[0]]
            if depth > MAX_DEPTH:
                return _too_deep(skeleton, match.start())
    dotted = _DOTTED_LINE.search(skeleton)
    return None if dotted is None else _too_deep(skeleton, dotted.start())


def _too_deep(skeleton: str, pos: int) -> Exceeded:
    return Exceeded(N_("err.limit.depth"), {"limit": MAX_DEPTH, "line": _line(skeleton, pos)})
