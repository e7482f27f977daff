"""The fast table printer writes exactly what Rich writes, or leaves the table to Rich."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table

from dvtui.cli.output import plain_table

TEXT = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÀàẢảÃãẠạỲỳ 0123456789-/·→漢字")),
    max_size=25,
)


def rich_table(headers: list[str], rows: list[list[str]], title: str, width: int) -> str:
    table = Table(
        *headers,
        box=None,
        pad_edge=False,
        highlight=False,
        show_edge=False,
        title=title or None,
        title_justify="left",
    )
    for row in rows:
        table.add_row(*row)
    out = io.StringIO()
    Console(
        file=out, markup=False, emoji=False, highlight=False, soft_wrap=False, width=width
    ).print(table)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda n: st.tuples(
            st.lists(TEXT, min_size=n, max_size=n),
            st.lists(st.lists(TEXT, min_size=n, max_size=n), max_size=8),
        )
    ),
    TEXT,
    st.sampled_from([40, 80, 1000]),
)
def test_same_characters_as_rich(
    table: tuple[list[str], list[list[str]]], title: str, width: int
) -> None:
    headers, rows = table
    fast = plain_table(headers, rows, title=title, width=width)
    if fast is not None:
        assert fast == rich_table(headers, rows, title, width)


def test_left_to_rich_when_it_must_wrap_or_break_lines() -> None:
    assert plain_table(["a", "b"], [["x" * 50, "y" * 50]], width=80) is None
    assert plain_table(["a"], [["hai\ndòng"]]) is None
    assert plain_table(["a", "b"], [["thiếu"]]) is None
    assert plain_table(["Mã", "Tên"], [["ubnd-xa-quai-cang", "UBND xã Quài Cang"]]) == (
        "Mã                 Tên              \nubnd-xa-quai-cang  UBND xã Quài Cang\n"
    )


def test_the_quick_width_is_richs_for_every_character_it_takes() -> None:
    """``width_of`` skips Rich's table for text it calls narrow: it must count as Rich does."""
    from rich.cells import cell_len

    from dvtui.reports.cells import width_of

    narrow = [*range(0x20, 0x7F), *range(0xA0, 0x300), *range(0x1E00, 0x1F00)]
    text = "".join(chr(c) for c in narrow)
    assert width_of(text) == len(text) == cell_len(text)
    for mixed in ("Quài\u0300 Cang", "日本 xã", "e\u0301", "\u200b"):
        assert width_of(mixed) == cell_len(mixed)
