"""The UI speaks the user's language at the moment a label is shown — Textual's own words too."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import stat
import time
from pathlib import Path
from typing import cast

from conftest import git
from pilothelp import TODAY, make_app, open_report, screen_text, settle, wait_until
from textual.app import App
from textual.binding import Binding
from textual.command import CommandInput, CommandList, CommandPalette
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Input, Select
from textual.widgets._footer import FooterKey
from textual.widgets._select import SelectOverlay

import dvtui.tui
from dvtui.i18n import set_language, translator
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
from dvtui.tui.translated import TEXTUAL, TEXTUAL_GROUPS, Palette

VI, EN = translator("vi"), translator("en")


def footer_labels(app: App[int]) -> list[str]:
    return [key.description for key in app.screen.query_one(Footer).query(FooterKey)]


async def test_key_labels_follow_the_language_chosen_after_the_app_class_was_defined(
    repo_path: Path,
) -> None:
    # DvtuiApp and its screens were imported (their BINDINGS made) while Vietnamese held.
    set_language("en")
    async with make_app(repo_path).run_test(size=(140, 32)) as pilot:
        await settle(pilot)
        shown = footer_labels(pilot.app)
    assert EN.t("ui.tab.tasks") in shown and EN.t("ui.key.sync") in shown
    assert VI.t("ui.tab.tasks") not in shown
    set_language("vi")
    async with make_app(repo_path).run_test(size=(140, 32)) as pilot:
        await settle(pilot)
        shown = footer_labels(pilot.app)
    assert VI.t("ui.tab.tasks") in shown and EN.t("ui.tab.tasks") not in shown


def _textual_classes() -> set[type[DOMNode]]:
    """Every Textual widget and screen class dvtui's UI uses, and the ones Textual adds."""
    found: set[type[DOMNode]] = {App, Screen, SelectOverlay, CommandPalette, CommandInput}
    for info in pkgutil.walk_packages(dvtui.tui.__path__, "dvtui.tui."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            for cls in value.__mro__:
                if issubclass(cls, DOMNode) and cls.__module__.startswith("textual."):
                    found.add(cls)
    return found


def test_every_label_textual_shows_for_the_widgets_dvtui_uses_has_a_translation() -> None:
    missing = set()
    for cls in _textual_classes():
        for item in cls.__dict__.get("BINDINGS", []):
            binding = item if isinstance(item, Binding) else Binding(*item)
            if binding.description and binding.description not in TEXTUAL:
                missing.add(f"{cls.__name__}: {binding.description}")
        title = cls.__dict__.get("BINDING_GROUP_TITLE")
        if title and title not in TEXTUAL_GROUPS:
            missing.add(f"{cls.__name__}: group {title}")
    assert not missing, sorted(missing)


def test_every_dvtui_screen_translates_its_key_labels() -> None:
    screens = set()
    for info in pkgutil.walk_packages(dvtui.tui.__path__, "dvtui.tui."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__.startswith("dvtui."):
                screens.add(value)
    assert len(screens) > 8
    untranslated = [s.__name__ for s in screens if "active_bindings" not in _own(s)]
    assert not untranslated, untranslated


def _own(cls: type) -> set[str]:
    """Names defined by ``cls`` or a dvtui base of it (not by Textual's classes)."""
    return {n for c in cls.__mro__ if c.__module__.startswith("dvtui.") for n in c.__dict__}


async def test_the_command_palette_speaks_vietnamese(repo_path: Path) -> None:
    async with make_app(repo_path).run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = pilot.app.screen
        assert isinstance(palette, Palette)
        prompt = palette.query_one(CommandInput)
        assert prompt.placeholder == VI.t("ui.palette.placeholder")
        for key in "zzqxw":
            await pilot.press(key)
        await wait_until(pilot, lambda: palette.query_one(CommandList).option_count > 0)
        await pilot.pause(0.8)  # Textual waits half a second before "nothing found"
        texts = [str(o.prompt) for o in palette.query_one(CommandList).options]
        system = [c.title for c in pilot.app.get_system_commands(palette)]
    assert any(VI.t("ui.palette.no_matches") in text for text in texts), texts
    assert not any("No matches" in text for text in texts)
    assert VI.t("ui.cmd.theme") in system and VI.t("ui.cmd.keys") in system
    assert not {"Theme", "Keys", "Quit", "Screenshot", "Maximize"} & set(system)


async def test_an_open_select_and_the_key_panel_say_their_keys_in_vietnamese(
    repo_path: Path,
) -> None:
    async with make_app(repo_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        form.query_one("#f-status", Select).focus()
        await pilot.press("enter")  # the menu opens: Textual's "esc Dismiss menu" in the footer
        await pilot.pause()
        assert isinstance(pilot.app.focused, SelectOverlay)
        shown = footer_labels(pilot.app)
        assert VI.t("ui.textual.dismiss_menu") in shown and "Dismiss menu" not in shown
        await pilot.press("escape")
        form.query_one("#f-document_number", Input).focus()
        pilot.app.action_show_help_panel()
        await settle(pilot)
        text = screen_text(cast(DvtuiApp, pilot.app))
    assert VI.t("ui.textual.delete_character_left") in text
    assert VI.t("ui.textual.group.input") in text
    for english in ("Delete character left", "Focus Next", "Paste text from the clipboard"):
        assert english not in text


def _hold_commits(repo: Path) -> tuple[Path, Path]:
    """A real pre-commit hook that waits (20 s at most) until the test lets the commit go."""
    started, go = repo / ".git" / "commit-started", repo / ".git" / "commit-go"
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(
        f"#!/bin/sh\ntouch '{started}'\n"
        f"for i in $(seq 200); do [ -e '{go}' ] && exit 0; sleep 0.1; done\nexit 0\n",
        encoding="utf-8",
    )
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    return started, go


def _labels_on_screen(pilot: Pilot[int]) -> list[str]:
    from textual.widgets import Label

    screen = pilot.app.screen
    return [str(label.render()) for label in screen.query(Label)] + footer_labels(pilot.app)


async def test_under_english_a_save_never_shows_a_vietnamese_label_and_commits_vietnamese(
    repo_path: Path,
) -> None:
    set_language("en")
    started, go = _hold_commits(repo_path)
    english = {EN.t("field.document_number"), EN.t("ui.key.save"), EN.t("ui.key.cancel")}
    vietnamese = {VI.t(k) for k in ("field.document_number", "ui.key.save", "ui.key.cancel")}
    app = DvtuiApp(Store(repo_path), today=TODAY, watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        form.query_one("#f-document_number", Input).value = "12/BC-UBND"
        await pilot.press("ctrl+s")
        deadline = time.monotonic() + 20
        while not started.exists():  # the save is running: its commit waits in the hook
            assert time.monotonic() < deadline, "the save never reached git commit"
            await pilot.pause(0.05)
        during = [*_labels_on_screen(pilot), screen_text(app)]
        go.touch()
        await settle(pilot)
        await pilot.pause(0.3)
        after = [screen_text(app)]
    for seen in (during, after):
        text = "\n".join(seen)
        assert not any(label in text for label in vietnamese), text
    assert english <= set(_split(during))
    assert EN.t("ui.saved", sha="")[:6] in "\n".join(after)
    message = git(repo_path, "log", "-1", "--format=%B")
    assert VI.t("field.document_number") in message  # the shared history is Vietnamese
    assert EN.t("field.document_number") not in message


def _split(texts: list[str]) -> list[str]:
    return [part.strip() for text in texts for part in text.split("\n")]
