"""Naming what a file that is not UTF-8 probably is — never decoding it as if it were.

Offices still have documents typed in the 8-bit Vietnamese encodings of the 1990s–2000s:
TCVN3 (the ``.VnTime`` fonts, "ABC"), VNI (the ``VNI-Times`` fonts) and Windows-1258, and
Notepad saves UTF-16 or UTF-8 with a BOM. dvtui stores UTF-8 only; a record in any other
encoding is refused with the encoding named, so the user knows what to convert
(Unikey's converter, or "Save as UTF-8"). Guessing is by evidence, not by elimination:

* UTF-16 — a byte-order mark, or NUL bytes in every other position of ASCII-like text;
* binary — NUL or other control bytes that text never holds;
* Windows-1258, TCVN3, VNI — the bytes are decoded each way and the words counted that
  come out as well-formed Vietnamese, minus those that come out as junk. Windows-1258
  writes tone marks as separate bytes after the vowel (0xCC grave, 0xEC acute, 0xD2 hook,
  0xDE tilde, 0xF2 dot below); TCVN3 has one byte per toned letter (0xB8 á, 0xB5 à,
  0xEA ờ …); VNI writes a plain vowel, then a byte for its marks (``a`` + 0xF9 for á).

A word counts as well-formed when it is one Vietnamese syllable — an onset (``ngh``, ``tr``,
``qu`` …), a vowel group that exists (``ươi``, ``uyê`` …), an ending (``ng``, ``ch`` …) —
with at most one tone mark: "Baùo", what VNI's "Báo" looks like read as Windows-1258,
is not one.

The result is only a name for a message; nothing is ever converted automatically.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["guess_encoding"]

# TCVN 5712:1993 (VN1, the superset of TCVN3/ABC) bytes 0x80–0xFF; "?" = unassigned.
_TCVN_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x80–0x9F: capitals of the VN1 fonts
    "?ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0–0xAF
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0–0xBF
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0–0xCF
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0–0xDF
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0–0xEF
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0–0xFF
)
assert len(_TCVN_HIGH) == 128

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_HAT, _BREVE = "\u0302", "\u0306"

# VNI-Windows: a plain vowel, then a byte for its marks (lower-case byte, upper-case byte).
_VNI_MARKS: dict[int, str] = {}
for _lower, _upper, _marks in (
    (0xF9, 0xD9, _ACUTE),
    (0xF8, 0xD8, _GRAVE),
    (0xFB, 0xDB, _HOOK),
    (0xF5, 0xD5, _TILDE),
    (0xEF, 0xCF, _DOT),
    (0xE2, 0xC2, _HAT),
    (0xE1, 0xC1, _HAT + _ACUTE),
    (0xE0, 0xC0, _HAT + _GRAVE),
    (0xE5, 0xC5, _HAT + _HOOK),
    (0xE3, 0xC3, _HAT + _TILDE),
    (0xE4, 0xC4, _HAT + _DOT),
    (0xEA, 0xCA, _BREVE),
    (0xE9, 0xC9, _BREVE + _ACUTE),
    (0xE8, 0xC8, _BREVE + _GRAVE),
    (0xFA, 0xDA, _BREVE + _HOOK),
    (0xFC, 0xDC, _BREVE + _TILDE),
    (0xEB, 0xCB, _BREVE + _DOT),
):
    _VNI_MARKS[_lower] = _VNI_MARKS[_upper] = _marks
# … and letters of their own: ơ ư đ and the toned i.
_VNI_LETTERS = {
    0xF4: "ơ", 0xD4: "Ơ", 0xF6: "ư", 0xD6: "Ư", 0xF1: "đ", 0xD1: "Đ",
    0xED: "í", 0xEC: "ì", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị",
    0xCD: "Í", 0xCC: "Ì", 0xC6: "Ỉ", 0xD3: "Ĩ", 0xD2: "Ị",
}  # fmt: skip

_ONSET = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx]"
_NUCLEUS = (
    "iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
    "[aăâeêioôơuưy]"
)
_SYLLABLE = re.compile(f"^(?:{_ONSET})?(?:{_NUCLEUS})(?:ch|ng|nh|[cmnpt])?$")
_WORD = re.compile(r"[^\s\"'=,.;:()\[\]{}0-9/\\-]+")


def _syllable(word: str) -> bool:
    """Is ``word`` one Vietnamese syllable (onset, vowels, ending) with at most one tone?"""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in decomposed if c in _TONES) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.match(toneless) is not None


def _score(text: str) -> int:
    """Well-formed Vietnamese syllables with a non-ASCII letter, minus junk words."""
    score = 0
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        if not word.isascii():
            score += 1 if _syllable(word) else -2
    return score


def _tcvn3(data: bytes) -> str:
    return "".join(chr(b) if b < 0x80 else _TCVN_HIGH[b - 0x80] for b in data)


def _vni(data: bytes) -> str:
    out: list[str] = []
    for b in data:
        marks = _VNI_MARKS.get(b)
        if marks is not None and out and out[-1].lower() in "aeiouyơư":
            out[-1] = unicodedata.normalize("NFC", out[-1] + marks)
        elif b in _VNI_LETTERS:
            out.append(_VNI_LETTERS[b])
        else:
            out.append(bytes([b]).decode("cp1252", errors="replace"))
    return "".join(out)


def guess_encoding(data: bytes) -> str:
    """A name for the encoding of ``data`` (known not to be clean UTF-8).

    ``UTF-8 BOM``, ``UTF-16``, ``binary``, ``Windows-1258``, ``TCVN3``, ``VNI`` or
    ``unknown``; the caller words it for the user.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "UTF-8 BOM"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    sample = data[:65536]
    nul = sample.count(0)
    if nul and (
        sample[1::2].count(0) > 0.4 * len(sample) / 2
        or sample[::2].count(0) > 0.4 * len(sample) / 2
    ):
        return "UTF-16"
    controls = sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r")
    if nul or controls > max(2, len(sample) // 100):
        return "binary"
    scores = {
        "Windows-1258": _score(sample.decode("cp1258", errors="replace")),
        "TCVN3": _score(_tcvn3(sample)),
        "VNI": _score(_vni(sample)),
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "unknown"
