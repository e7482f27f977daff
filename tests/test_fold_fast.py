"""``fold`` folds a character at a time (a translate table): the same as folding the NFD
decomposition of the whole text, for any text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from dvtui.core.text import fold

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def reference(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(VIETNAMESE + VIETNAMESE.upper() + " \t\u0301\u0323"))))
def test_vietnamese_in_any_form(text: str) -> None:
    for form in (text, unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)):
        assert fold(form) == reference(form)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text(text: str) -> None:
    assert fold(text) == reference(text)


def test_every_character_alone() -> None:
    for code in range(0x3100):
        char = chr(code)
        assert fold(char) == reference(char), hex(code)
