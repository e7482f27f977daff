"""The command palette: every screen and action, matched without diacritics."""

from __future__ import annotations

from typing import cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from dvtui.core.text import fold
from dvtui.tui.backend import Host


class DvtuiCommands(Provider):
    """``bao cao`` finds “Báo cáo”; every word typed must occur in the title or help."""

    def _commands(self) -> list[tuple[str, str, object]]:
        app = cast(Host, self.app)
        return list(app.commands())

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        words = fold(query).split()
        for title, help_text, callback in self._commands():
            haystack = fold(f"{title} {help_text}")
            if all(word in haystack for word in words):
                score = 1.0 if fold(title).startswith(fold(query)) else 0.5
                yield Hit(score, title, callback, text=title, help=help_text)  # type: ignore[arg-type]
