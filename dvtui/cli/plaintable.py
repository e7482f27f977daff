"""A plain text table written fast: what Rich's borderless table prints, without Rich.

``dvtui list reports`` prints thousands of rows; Rich lays out every cell as a renderable
(seconds for 10,000 rows). When the table has nothing Rich must decide (no line breaks in
cells, and it fits the width), this writes the same characters directly: columns padded
to their widest cell, two spaces between them, the title above. Otherwise it returns None
and the caller lets Rich do it.
"""

from __future__ import annotations

from rich.cells import cell_len


def plain_table(
    headers: list[str], rows: list[list[str]], *, title: str = "", width: int = 1000
) -> str | None:
    """The table as Rich prints it (``box=None, pad_edge=False``), or None to leave it to Rich.

    Cells must already be inert (no control characters); a cell holding a line break or a
    tab, an empty column, a row of another length, or a table wider than ``width`` is left to Rich.
    """
    count = len(headers)
    if count == 0 or any(len(row) != count for row in rows):
        return None
    table = [headers, *rows]
    sizes: list[list[int]] = []
    known: dict[str, int] = {}  # cells repeat (a period, a status, a unit): measured once
    for row in table:
        size = []
        for cell in row:
            measured = known.get(cell)
            if measured is None:
                if "\n" in cell or "\t" in cell or "\r" in cell:
                    return None
                measured = known[cell] = len(cell) if cell.isascii() else cell_len(cell)
            size.append(measured)
        sizes.append(size)
    widths = [max(size[i] for size in sizes) for i in range(count)]
    total = sum(widths) + 2 * (count - 1)
    if 0 in widths or total > width or (title and cell_len(title) > total):
        return None
    lines = []
    if title:
        lines.append(title + " " * (total - cell_len(title)))
    for row, size in zip(table, sizes, strict=True):
        lines.append(
            "  ".join(cell + " " * (w - s) for cell, s, w in zip(row, size, widths, strict=True))
        )
    return "\n".join(lines) + "\n"
