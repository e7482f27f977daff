"""Labels in the user's language at the moment they are shown — ours and Textual's own.

Key bindings name their label by message key (``Binding("f2", "tab('dashboard')",
N_("ui.tab.dashboard"))``), never by a text made when the class is defined. Textual reads
binding labels from ``Screen.active_bindings`` (the footer, the key panel): every dvtui screen
derives from :class:`TranslatedScreen` or :class:`TranslatedModal`, which answer it with each
label translated now — our keys through the catalogs, Textual's own English (an Input's
"Delete character left", a Select's "Dismiss menu") through :data:`TEXTUAL`. The command
palette is :class:`Palette`: Vietnamese prompt and "nothing found".
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import TypeVar

from rich.align import Align
from rich.text import Text
from textual import events, on
from textual.binding import ActiveBinding, Binding
from textual.command import CommandList, CommandPalette, ProviderSource
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets.option_list import Option

from dvtui.i18n import N_, current_language, has, t

ResultType = TypeVar("ResultType")

# Textual's own labels (Textual 8.2.8, pinned) → our keys. tests/test_i18n_tui.py checks that
# every binding of the widgets dvtui uses is here.
TEXTUAL: dict[str, str] = {
    "Bottom": N_("ui.textual.bottom"),
    "Copy": N_("ui.textual.copy"),
    "Copy selected text": N_("ui.textual.copy_selected_text"),
    "Cursor down": N_("ui.textual.cursor_down"),
    "Cursor down select": N_("ui.textual.cursor_down_select"),
    "Cursor left": N_("ui.textual.cursor_left"),
    "Cursor left select": N_("ui.textual.cursor_left_select"),
    "Cursor left word select": N_("ui.textual.cursor_left_word_select"),
    "Cursor line end": N_("ui.textual.cursor_line_end"),
    "Cursor line end select": N_("ui.textual.cursor_line_end_select"),
    "Cursor line start": N_("ui.textual.cursor_line_start"),
    "Cursor line start select": N_("ui.textual.cursor_line_start_select"),
    "Cursor page down": N_("ui.textual.cursor_page_down"),
    "Cursor page up": N_("ui.textual.cursor_page_up"),
    "Cursor right": N_("ui.textual.cursor_right"),
    "Cursor right select": N_("ui.textual.cursor_right_select"),
    "Cursor right word select": N_("ui.textual.cursor_right_word_select"),
    "Cursor up": N_("ui.textual.cursor_up"),
    "Cursor up select": N_("ui.textual.cursor_up_select"),
    "Cursor word left": N_("ui.textual.cursor_word_left"),
    "Cursor word right": N_("ui.textual.cursor_word_right"),
    "Cut": N_("ui.textual.cut"),
    "Cut selected text": N_("ui.textual.cut_selected_text"),
    "Delete all to the left": N_("ui.textual.delete_all_to_the_left"),
    "Delete all to the right": N_("ui.textual.delete_all_to_the_right"),
    "Delete character left": N_("ui.textual.delete_character_left"),
    "Delete character right": N_("ui.textual.delete_character_right"),
    "Delete left to start of word": N_("ui.textual.delete_left_to_start_of_word"),
    "Delete line": N_("ui.textual.delete_line"),
    "Delete right to start of word": N_("ui.textual.delete_right_to_start_of_word"),
    "Delete to line end": N_("ui.textual.delete_to_line_end"),
    "Delete to line start": N_("ui.textual.delete_to_line_start"),
    "Dismiss menu": N_("ui.textual.dismiss_menu"),
    "Down": N_("ui.textual.down"),
    "End": N_("ui.textual.end"),
    "Exit the command palette": N_("ui.textual.exit_the_command_palette"),
    "First": N_("ui.textual.first"),
    "Focus Next": N_("ui.textual.focus_next"),
    "Focus Previous": N_("ui.textual.focus_previous"),
    "Go to bottom": N_("ui.textual.go_to_bottom"),
    "Go to end": N_("ui.textual.go_to_end"),
    "Go to start": N_("ui.textual.go_to_start"),
    "Go to top": N_("ui.textual.go_to_top"),
    "Home": N_("ui.textual.home"),
    "Last": N_("ui.textual.last"),
    "Move cursor left": N_("ui.textual.move_cursor_left"),
    "Move cursor left a word": N_("ui.textual.move_cursor_left_a_word"),
    "Move cursor left a word and select": N_("ui.textual.move_cursor_left_a_word_and_select"),
    "Move cursor left and select": N_("ui.textual.move_cursor_left_and_select"),
    "Move cursor right a word": N_("ui.textual.move_cursor_right_a_word"),
    "Move cursor right a word and select": N_("ui.textual.move_cursor_right_a_word_and_select"),
    "Move cursor right and select": N_("ui.textual.move_cursor_right_and_select"),
    "Move cursor right or accept the completion suggestion": N_(
        "ui.textual.move_cursor_right_or_accept"
    ),
    "Next command": N_("ui.textual.next_command"),
    "Next option": N_("ui.textual.next_option"),
    "Next page": N_("ui.textual.next_page"),
    "Next tab": N_("ui.textual.next_tab"),
    "Page Down": N_("ui.textual.page_down"),
    "Page down": N_("ui.textual.page_down"),
    "Page Left": N_("ui.textual.page_left"),
    "Page Right": N_("ui.textual.page_right"),
    "Page Up": N_("ui.textual.page_up"),
    "Page up": N_("ui.textual.page_up"),
    "Paste": N_("ui.textual.paste"),
    "Paste text from the clipboard": N_("ui.textual.paste_text_from_the_clipboard"),
    "Press button": N_("ui.textual.press_button"),
    "Previous command": N_("ui.textual.previous_command"),
    "Previous option": N_("ui.textual.previous_option"),
    "Previous page": N_("ui.textual.previous_page"),
    "Previous tab": N_("ui.textual.previous_tab"),
    "Quit": N_("ui.textual.quit"),
    "Redo": N_("ui.textual.redo"),
    "Scroll Down": N_("ui.textual.scroll_down"),
    "Scroll End": N_("ui.textual.scroll_end"),
    "Scroll Home": N_("ui.textual.scroll_home"),
    "Scroll Left": N_("ui.textual.scroll_left"),
    "Scroll Right": N_("ui.textual.scroll_right"),
    "Scroll Up": N_("ui.textual.scroll_up"),
    "Select": N_("ui.textual.select"),
    "Select all": N_("ui.textual.select_all"),
    "Select line": N_("ui.textual.select_line"),
    "Select line end": N_("ui.textual.select_line_end"),
    "Select line start": N_("ui.textual.select_line_start"),
    "Show menu": N_("ui.textual.show_menu"),
    "Submit": N_("ui.textual.submit"),
    "Toggle": N_("ui.textual.toggle"),
    "Toggle option": N_("ui.textual.toggle_option"),
    "Top": N_("ui.textual.top"),
    "Undo": N_("ui.textual.undo"),
    "Up": N_("ui.textual.up"),
}
# The key panel heads a widget's keys with its class's BINDING_GROUP_TITLE.
TEXTUAL_GROUPS: dict[str, str] = {"Input": N_("ui.textual.group.input")}


def label_text(description: str) -> str:
    """A binding's label now: a message key translated, Textual's English looked up."""
    key = TEXTUAL.get(description)
    if key is not None:
        return t(key)
    return t(description) if has(description) else description


@lru_cache(maxsize=512)
def _translated(binding: Binding, lang: str) -> Binding:
    # ``lang`` is part of the cache key: the same binding in another language is another label
    group = binding.group
    if group is not None:
        group = dataclasses.replace(group, description=label_text(group.description))
    return dataclasses.replace(
        binding,
        description=label_text(binding.description),
        tooltip=label_text(binding.tooltip) if binding.tooltip else "",
        group=group,
    )


def translate(active: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """``active`` with every label in the current language."""
    lang = current_language()
    return {
        key: found._replace(
            binding=_translated(found.binding, lang),
            tooltip=label_text(found.tooltip) if found.tooltip else "",
        )
        for key, found in active.items()
    }


def _name_group(widget: Widget) -> None:
    # the class's own title (English), not one a previous focus set on this widget
    english = next(
        (
            c.__dict__["BINDING_GROUP_TITLE"]
            for c in type(widget).__mro__
            if "BINDING_GROUP_TITLE" in c.__dict__
        ),
        None,
    )
    key = TEXTUAL_GROUPS.get(english) if isinstance(english, str) else None
    if key is not None:
        widget.BINDING_GROUP_TITLE = t(key)


class TranslatedScreen(Screen[ResultType]):
    """A screen whose key labels (footer, key panel) are in the language of the moment."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings, labels translated."""
        return translate(super().active_bindings)

    @on(events.DescendantFocus)
    def _name_binding_group(self, event: events.DescendantFocus) -> None:
        _name_group(event.widget)


class TranslatedModal(ModalScreen[ResultType]):
    """A modal screen whose key labels are in the language of the moment."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings, labels translated."""
        return translate(super().active_bindings)

    @on(events.DescendantFocus)
    def _name_binding_group(self, event: events.DescendantFocus) -> None:
        _name_group(event.widget)


class Palette(CommandPalette):
    """Textual's command palette, speaking the user's language."""

    def __init__(self, providers: ProviderSource | None = None, *, placeholder: str) -> None:
        super().__init__(providers, placeholder=placeholder, id="--command-palette")

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings, labels translated."""
        return translate(super().active_bindings)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2.8's own, with our words for "No matches found" (its text is inline).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("ui.palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
