"""The README's layout table names every module of ``dvtui/`` and nothing that is not there;
each package's ``__init__.py`` says what it is for and what it may import."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dvtui"


def layout_rows() -> list[str]:
    """The first cell of every row of README's "### Layout" table: one path each."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n### Layout\n", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    paths = []
    for row in rows:
        cell = row.split("|")[1].strip()
        assert re.fullmatch(r"`[^`]+`", cell), f"one path a row: {cell}"
        paths.append(cell.strip("`"))
    return paths


def tree() -> set[str]:
    """Every module and package of ``dvtui/`` (and the stylesheet), as the table names them."""
    found = {"dvtui/tui/app.tcss", "dvtui/i18n/locale/"}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py":
            found.add(relative.removesuffix("__init__.py") if path.parent != PACKAGE else relative)
        else:
            found.add(relative)
    return found


def test_the_layout_table_matches_the_tree() -> None:
    named = [p for p in layout_rows() if p.startswith("dvtui/")]
    assert len(named) == len(set(named)), "a path named twice"
    missing = sorted(tree() - set(named))
    stale = sorted(set(named) - tree())
    assert (missing, stale) == ([], []), "README's layout table: add the missing, drop the stale"
    for path in (p for p in layout_rows() if not p.startswith("dvtui/")):
        assert (ROOT / path).exists(), path


def test_every_package_says_what_it_is_for_and_what_it_may_import() -> None:
    for init in sorted(PACKAGE.rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        where = init.relative_to(ROOT)
        assert doc, where
        purpose, _, rest = doc.partition("\n")
        assert purpose.strip(), where
        assert rest.strip().startswith("May import"), f"{where}: the second line says it"
