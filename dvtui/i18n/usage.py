"""Where the code names message keys: what Babel extracts, and what it cannot see.

A key is written out in full where it is chosen: ``t("ui.saved")``, ``tn("record.count",
n)``, ``N_("status.report.missing")`` in a table, or the code of an error or a problem
(``DataError("err.git.locked", …)``, ``Problem(file, field, "err.ref", …)``): the
:data:`KEYWORDS` Babel extracts. A key held in a variable (``t(spec.label)``,
``t(REPORT_STATUS[slug])``) is fine: it was written out where it was chosen.

Babel reads tokens, so it silently misses two things; :func:`scan` reads the syntax tree and
reports them:

- a key built at run time (``t(f"status.{s}")``, ``"ui.tab." + tab``, ``.format``), and any
  f-string or concatenation that starts like a key family (``key = f"audit.sig.{c}"``);
- a key written in full that Babel cannot extract: on Python 3.11 an f-string is a single
  token, so ``f"{t('ui.overdue')}"`` hides its key.
"""

from __future__ import annotations

import ast
import contextlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.extract import extract_from_dir

# Callables whose argument at this (1-based) position is a message key.
KEYWORDS: dict[str, tuple[int]] = {
    "t": (1,),
    "tn": (1,),
    "N_": (1,),
    "DataError": (1,),
    "BadId": (1,),
    "FieldError": (1,),
    "Problem": (3,),
    "Issue": (2,),
    "of": (1,),  # Msg.of(key, …): a report's message, translated by its renderer
}
PLURAL = "tn"
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Use:
    """A key written in full in the code, and where (``dvtui/x.py:12``).

    ``plural``: True for ``tn()``, False for ``t()``, None where either fits (an error's
    code: its message is plural when the error gives a count ``n``).
    """

    key: str
    plural: bool | None
    where: str


@dataclass
class Scan:
    """What :func:`scan` found in a package."""

    uses: list[Use] = field(default_factory=list)
    dynamic: dict[str, str] = field(default_factory=dict)  # where → what is wrong there
    hidden: list[Use] = field(default_factory=list)  # written in full, invisible to Babel


def scan(root: Path, families: Iterable[str]) -> Scan:
    """Every key under ``root`` (a package folder); ``families``: the catalog's key prefixes."""
    prefixes = frozenset(families)
    found = Scan()
    extracted = _babel(root)
    for path in sorted(root.rglob("*.py")):
        if path.parent == HERE:  # the catalogs' own tools and t() itself use no keys
            continue
        where = path.relative_to(root.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=where)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                _call(node, where, extracted, found)
            head = _literal_head(node)
            if head is not None and head in prefixes and isinstance(node, ast.expr):
                found.dynamic.setdefault(f"{where}:{node.lineno}", _BUILT.format(ast.unparse(node)))
    return found


def _babel(root: Path) -> set[tuple[str, str]]:
    """(file, key) for every key Babel extracts (the way ``pybabel extract`` would)."""
    out: set[tuple[str, str]] = set()
    # Babel warns on stderr about f-strings it skips; scan() says which ones matter and why.
    with contextlib.redirect_stderr(io.StringIO()):
        for filename, _lineno, message, _comments, _context in extract_from_dir(
            root, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
        ):
            if isinstance(message, str) and message:
                out.add((f"{root.name}/{Path(filename).as_posix()}", message))
    return out


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute) and call.func.attr in ("t", "tn", "of"):
        return call.func.attr  # a Translator's own t() and tn(), Msg.of()
    return None


def _call(call: ast.Call, where: str, extracted: set[tuple[str, str]], found: Scan) -> None:
    name = _name(call)
    if name not in KEYWORDS:
        return
    (position,) = KEYWORDS[name]
    if len(call.args) < position or isinstance(call.args[position - 1], ast.Starred):
        return
    arg = call.args[position - 1]
    line = f"{where}:{arg.lineno}"
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        use = Use(arg.value, _plural(name), line)
        found.uses.append(use)
        if (where, arg.value) not in extracted:
            found.hidden.append(use)
    elif _is_built(arg):
        found.dynamic[line] = _BUILT.format(ast.unparse(arg))
    elif name == "N_":  # t(KEY) and tn(KEY, n) may hold a key chosen elsewhere; N_ chooses it
        found.dynamic[line] = f"N_() needs its key written out here, not {ast.unparse(arg)}"


def _plural(name: str) -> bool | None:
    if name == PLURAL:
        return True
    return False if name == "t" else None


def _is_built(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("format", "join", "replace")
    )


def _literal_head(node: ast.AST) -> str | None:
    """``status.`` of ``f"status.{x}"`` or ``"status." + x``: the text before the first hole."""
    if isinstance(node, ast.JoinedStr) and len(node.values) > 1:
        first = node.values[0]
        text = first.value if isinstance(first, ast.Constant) else None
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        left = node.left
        text = left.value if isinstance(left, ast.Constant) else None
    else:
        return None
    if not isinstance(text, str) or "." not in text:
        return None
    return text[: text.rindex(".") + 1]


def families(keys: Iterable[str]) -> set[str]:
    """Every prefix up to a dot of the keys (``status.``, ``status.report.``)."""
    out: set[str] = set()
    for key in keys:
        parts = key.split(".")
        out.update(".".join(parts[:i]) + "." for i in range(1, len(parts)))
    return out


_BUILT = "a key built at run time ({}): write each key out in full (N_ in a table)"
