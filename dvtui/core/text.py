"""Vietnamese text handling: normalisation, search folding, slugs, sorting and dates.

Everything here is pure and fast; it runs on every keystroke of a filter box.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

__all__ = [
    "fold",
    "format_date",
    "inert",
    "nfc",
    "parse_date",
    "slugify",
    "sort_key",
]


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the only form dvtui stores."""
    return unicodedata.normalize("NFC", text)


class _Unmarked(dict[int, str]):
    """``str.translate`` table: each character without its marks (đ→d), made on first use.

    The decomposition (NFD) of a text is that of its characters one by one, up to the order
    of the combining marks, which are all dropped: so folding a character at a time gives
    what folding the whole text gives, at the speed of ``str.translate``.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "đĐ":
            plain = "d" if char == "đ" else "D"
        else:
            decomposed = unicodedata.normalize("NFD", char)
            plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        self[code] = plain
        return plain


_UNMARKED = _Unmarked()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold text for search: no tone or vowel marks, đ→d, case-folded.

    ``fold("Tỏa Tình") == fold("Toả Tình") == "toa tinh"``.
    """
    return " ".join(text.translate(_UNMARKED).casefold().split())


def matches(query: str, *fields: str) -> bool:
    """True when every word of ``query`` occurs in one of ``fields`` (folded)."""
    words = fold(query).split()
    if not words:
        return True
    haystack = " ".join(fold(f) for f in fields)
    return all(w in haystack for w in words)


_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Make an ASCII record ID: ``UBND xã Quài Cang`` → ``ubnd-xa-quai-cang``."""
    slug = _SLUG_JUNK.sub("-", fold(text)).strip("-")
    return slug[:64].rstrip("-")


# Vietnamese alphabetical order. Tone marks only break ties (secondary key).
_ALPHABET = (
    *("a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l"),
    *("m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"),
)
_LETTER_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
# grave, acute, hook above, tilde, dot below: the five tones in their dictionary order
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sort key in Vietnamese order: a < ă < â, d < đ, o < ô < ơ, u < ư; tones second."""
    primary: list[int] = []
    tones: list[int] = []
    for ch in nfc(text).casefold():
        parts = unicodedata.normalize("NFD", ch)
        tone = 0
        letter = parts[0]
        for mark in parts[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            else:
                letter += mark
        letter = unicodedata.normalize("NFC", letter)
        rank = _LETTER_RANK.get(letter)
        if rank is not None:
            primary.append(1000 + rank)
        elif letter.isspace() or letter in "-,.()":
            primary.append(0)  # a word boundary sorts first: "Na Sáy" < "Nam"
        else:
            primary.append(ord(letter[0]) * 10 + 2000)
        tones.append(tone)
    return tuple(primary), tuple(tones)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),  # ISO, as in TOML and --today
    re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"),  # dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy
)


def parse_date(text: str) -> date:
    """Parse dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy) or ISO yyyy-mm-dd.

    Raises ``ValueError`` for anything else, including impossible dates (31/02/2023).
    """
    text = text.strip()
    iso, vn = _DATE_PATTERNS
    if m := iso.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := vn.match(text):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise ValueError(text)
    return date(year, month, day)


def format_date(value: date | None) -> str:
    """Show a date the Vietnamese way, dd/mm/yyyy; empty for no date."""
    # Not strftime: its %Y drops the zero padding of years before 1000 on glibc.
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if value else ""


# What a terminal acts on instead of showing: the C0 controls but tab and line feed (ESC starts
# the sequences that clear the screen, retitle the window or write the clipboard), DEL, the C1
# controls (U+009B is a one-character CSI), and the bidirectional controls that make a line
# read in another order than it is stored (U+202A–U+202E, U+2066–U+2069, the marks U+200E,
# U+200F, U+061C).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␀ for NUL
    return "\u2421" if code == 0x7F else "\ufffd"  # ␡ for DEL, � for C1 and bidi controls


def is_inert(text: str) -> bool:
    """Whether ``text`` holds nothing a terminal would act on (``inert(text) == text``)."""
    return _CONTROL.search(text) is None


def inert(text: str, *, keep_length: bool = False) -> str:
    """Text safe to show on a terminal: every control character made visible.

    ``inert("a\\x1b[2J")`` is ``a\\x1b[2J`` with a literal backslash; a bidi override shows
    as ``\\u202e``. Tabs and line breaks stay. With ``keep_length`` each control becomes one
    visible character instead (``␛``, ``␡``, ``�``), so a text field showing a value keeps
    every character where its cursor counts it.
    """
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_picture if keep_length else _escape, text)
