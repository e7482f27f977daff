"""Vietnamese text handling: search folding, slugs, alphabetical order, dates, inert text."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvtui.core.ids import SLUG
from dvtui.core.text import fold, format_date, inert, matches, nfc, parse_date, slugify, sort_key

# --- fold and matches ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("toa tinh", "UBND xã Tỏa Tình"),
        ("toa tinh", "UBND xã Toả Tình"),  # the other placement of the tone mark
        ("uy ban", "Ủy ban MTTQ"),
        ("uy ban", "Uỷ ban MTTQ"),
        ("quai cang", "UBND xã Quài Cang"),
        ("chieng dong", "UBND xã Chiềng Đông"),  # đ folds to d
        ("QUAI   CANG", "Quài Cang"),  # case and spacing
    ],
)
def test_fold_makes_search_ignore_diacritics(query: str, text: str) -> None:
    assert fold(query) in fold(text)
    assert matches(query, text)


def test_fold_of_nfd_and_nfc_is_the_same() -> None:
    word = "Mường Khong Đông"
    assert fold(unicodedata.normalize("NFD", word)) == fold(word) == "muong khong dong"


def test_matches_needs_every_word_somewhere() -> None:
    assert matches("quai cang", "UBND xã", "Quài Cang")
    assert not matches("quai nua", "UBND xã Quài Cang")
    assert matches("", "anything")


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_ignores_normalisation_form(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(nfc(text))


# --- slugify ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("UBND xã Quài Cang", "ubnd-xa-quai-cang"),
        ("UBND thị trấn Tuần Giáo", "ubnd-thi-tran-tuan-giao"),
        ("Phòng Lao động - Thương binh và Xã hội", "phong-lao-dong-thuong-binh-va-xa-hoi"),
        ("Ủy ban MTTQ Việt Nam huyện", "uy-ban-mttq-viet-nam-huyen"),
        ("  Đảng ủy, (khối) ", "dang-uy-khoi"),
        ("II.2.1", "ii-2-1"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@given(st.text())
def test_slugify_gives_a_valid_id_or_nothing(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SLUG.fullmatch(slug)


def test_slugify_cuts_long_names_to_64() -> None:
    slug = slugify("Trung tâm " * 20)
    assert len(slug) <= 64 and SLUG.fullmatch(slug) and not slug.endswith("-")


# --- Vietnamese alphabetical order -----------------------------------------------------------


def test_sort_key_vietnamese_alphabet() -> None:
    words = ["Zét", "Đông", "Dương", "Ân", "Ăn", "An", "Bé", "Ơn", "Ôn", "On", "Ưng", "Ung"]
    assert sorted(words, key=sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Bé",
        "Dương",
        "Đông",
        "On",
        "Ôn",
        "Ơn",
        "Ung",
        "Ưng",
        "Zét",
    ]


def test_sort_key_d_stroke_is_not_after_z() -> None:
    assert sort_key("Đ") < sort_key("E") < sort_key("Z")
    assert sort_key("đông") < sort_key("Zét")


def test_sort_key_tones_only_break_ties() -> None:
    # a, à, ả, ã, á, ạ: level, grave, hook, tilde, acute, dot below
    assert sorted(["ạ", "á", "ã", "ả", "à", "a"], key=sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]
    # the letters decide before any tone: "bà" < "bb" although à carries a mark
    assert sort_key("bà") < sort_key("bb")


def test_sort_key_word_boundary_comes_first() -> None:
    # dictionary order: a shorter word sorts before a longer one that continues it
    names = ["Nậm", "Nam", "Na Sáy", "Nà"]
    assert sorted(names, key=sort_key) == ["Nà", "Na Sáy", "Nam", "Nậm"]


def test_sort_key_ignores_normalisation_form_and_case() -> None:
    word = "Tỏa Tình"
    assert sort_key(unicodedata.normalize("NFD", word)) == sort_key(word)
    assert sort_key(word.upper()) == sort_key(word.lower())


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "15/05/2023",
        "15/5/2023",
        "15-05-2023",
        "15.05.2023",
        "2023-05-15",
        "2023-5-15",
        " 15/05/2023 ",
    ],
)
def test_parse_date_forms(text: str) -> None:
    assert parse_date(text) == date(2023, 5, 15)


def test_parse_date_short_day_and_month() -> None:
    assert parse_date("9/6/2022") == date(2022, 6, 9)


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2023",
        "29/02/2023",
        "2023-02-31",
        "00/01/2023",
        "15/13/2023",
        "15/05/23",
        "",
        "hôm nay",
    ],
)
def test_parse_date_refuses_impossible_or_unknown(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_parse_date_leap_day() -> None:
    assert parse_date("29/02/2024") == date(2024, 2, 29)


def test_format_date() -> None:
    assert format_date(date(2023, 5, 9)) == "09/05/2023"
    assert format_date(None) == ""


@given(st.dates())
def test_format_then_parse_round_trip(day: date) -> None:
    assert parse_date(format_date(day)) == day
    assert parse_date(day.isoformat()) == day


# --- inert -----------------------------------------------------------------------------------


def test_inert_shows_control_characters_literally() -> None:
    assert inert("a\x1b[31mb") == "a\\x1b[31mb"
    assert inert("bell\x07 nul\x00 del\x7f csi\x9b") == "bell\\x07 nul\\x00 del\\x7f csi\\x9b"


def test_inert_shows_bidi_controls_and_c1_literally() -> None:
    # Trojan Source: an override or an isolate makes a line read in another order than stored
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C):
        assert inert(f"a{chr(code)}b") == f"a\\u{code:04x}b"
    assert inert("osc\x9d52;c;QQ==\x9c") == "osc\\x9d52;c;QQ==\\x9c"


def test_inert_keep_length_puts_one_visible_character_per_control() -> None:
    text = "a\x1b]52;c;QQ==\x07\u202eb\x9b2J\x7f\tc\n"
    shown = inert(text, keep_length=True)
    assert shown == "a␛]52;c;QQ==␇�b�2J␡\tc\n"
    assert len(shown) == len(text)
    assert inert(shown) == shown  # nothing left a terminal would act on


def test_inert_keeps_ordinary_text() -> None:
    text = "Báo cáo [bold]6 tháng[/bold]\tnăm 2023\nUBND xã Quài Cang"
    assert inert(text) == text


_BIDI_CONTROLS = ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")


def _acts_on_terminal(ch: str) -> bool:
    if unicodedata.category(ch) == "Cc":
        return ch not in "\t\n"
    return unicodedata.bidirectional(ch) in _BIDI_CONTROLS or ch in "\u200e\u200f\u061c"


@given(st.text())
def test_inert_output_has_no_control_characters(text: str) -> None:
    for keep_length in (False, True):
        out = inert(text, keep_length=keep_length)
        assert not any(_acts_on_terminal(ch) for ch in out), repr(out)
