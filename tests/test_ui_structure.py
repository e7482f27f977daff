"""The UI's shape, read from its source: one place for each style rule, translated prompts.

Styles live in ``app.tcss``, except a widget's own ``DEFAULT_CSS`` when it stands alone (a
widget of ``dvtui/tui/widgets``); no selector is styled in two places, so a change of one
rule is made once and nothing overrides it unseen.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections import Counter
from pathlib import Path

from textual.css.parse import parse
from textual.css.tokenize import tokenize_values
from textual.dom import DOMNode
from textual.theme import BUILTIN_THEMES

import dvtui.tui

TUI = Path(dvtui.tui.__file__).parent


def selectors(css: str, where: str) -> list[str]:
    """Every selector ``css`` styles (nested rules flattened), once per rule set naming it."""
    variables = tokenize_values(BUILTIN_THEMES["textual-dark"].to_color_system().generate())
    found: list[str] = []
    for rule_set in parse("", css, (where, ""), variable_tokens=variables):
        found += [s.strip() for s in rule_set.selectors.split(",")]
    return found


def styled_classes() -> list[type[DOMNode]]:
    """Every widget, screen or app class of ``dvtui.tui`` with CSS of its own."""
    found = []
    for info in pkgutil.walk_packages(dvtui.tui.__path__, "dvtui.tui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != info.name or not issubclass(cls, DOMNode):
                continue
            if "DEFAULT_CSS" in vars(cls) or "CSS" in vars(cls):
                found.append(cls)
    return found


def test_no_selector_is_styled_twice() -> None:
    app = selectors((TUI / "app.tcss").read_text(encoding="utf-8"), "app.tcss")
    everywhere = Counter(app)
    for cls in styled_classes():
        everywhere.update(selectors(vars(cls).get("DEFAULT_CSS", ""), cls.__name__))
    assert [s for s, n in everywhere.items() if n > 1] == []


def test_only_widgets_that_stand_alone_carry_their_css_and_the_app_leaves_them_alone() -> None:
    app = selectors((TUI / "app.tcss").read_text(encoding="utf-8"), "app.tcss")
    classes = styled_classes()
    assert classes, "the check sees no DEFAULT_CSS at all"
    for cls in classes:
        assert cls.__module__.startswith("dvtui.tui.widgets."), cls  # screens: app.tcss
        assert "CSS" not in vars(cls), cls  # CSS is the app's; a widget has DEFAULT_CSS
        named = [s for s in app if cls.__name__ in s.replace(">", " ").split()]
        assert named == [], (cls.__name__, named)  # its own DEFAULT_CSS says all of it


def select_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.value if isinstance(node.func, ast.Subscript) else node.func
            if isinstance(func, ast.Name) and func.id == "Select":
                calls.append((f"{path.relative_to(TUI)}:{node.lineno}", node))
    return calls


def test_every_select_has_a_translated_prompt() -> None:
    """Textual's own prompt is the English "Select": every choice names ours (``t(…)``)."""
    calls = select_calls()
    assert len(calls) >= 5  # the check sees the dialogs' and the forms' choices
    for where, call in calls:
        prompt = next((k.value for k in call.keywords if k.arg == "prompt"), None)
        assert isinstance(prompt, ast.Call), where
        assert isinstance(prompt.func, ast.Name) and prompt.func.id == "t", where
