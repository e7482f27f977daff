"""Every user-facing text, from gettext catalogs: Vietnamese by default, English for maintainers.

Messages are named by keys (``err.required``, ``ui.tab.tasks``): the catalogs are
"monolingual" gettext, Vietnamese (``locale/vi``) is the source text and every other language
translates it (``locale/<lang>/LC_MESSAGES/dvtui.po``, compiled to ``.mo`` by Babel; see
``dvtui.i18n.catalogs``). Values are filled in with ``str.format``.

The language is an explicit context, never a global switch: the user's language is chosen
once at start-up (:func:`set_language`), and a block that must speak another one (an official
document, a commit message: always Vietnamese) says so with ``with language("vi"):``, which
holds only for the code running in that block's context (a worker thread writing a commit
never changes what the UI thread shows). A renderer can also hold a :class:`Translator`.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)
DOMAIN = "dvtui"
LOCALE_DIR = Path(__file__).parent / "locale"

_user: Lang = "vi"  # the language the user chose at start-up
_override: ContextVar[Lang | None] = ContextVar("dvtui_language", default=None)


class Translator:
    """The messages of one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as mo:
            self._catalog = gettext.GNUTranslations(mo)
        # gettext answers an unknown key with the key itself; ``has`` needs to know.
        self._keys = frozenset(
            k if isinstance(k, str) else k[0] for k in getattr(self._catalog, "_catalog", {})
        )

    def has(self, key: str) -> bool:
        """Whether the catalog has a message named ``key``."""
        return key in self._keys

    def t(self, key: str, **values: Any) -> str:
        """The message ``key`` with ``values`` filled in."""
        text = self._catalog.gettext(key)
        return text.format(**values) if values else text

    def tn(self, key: str, n: int, **values: Any) -> str:
        """The plural form of ``key`` for the count ``n`` (also given to the text as ``n``)."""
        return self._catalog.ngettext(key, key, n).format(n=n, **values)


@cache
def translator(lang: Lang) -> Translator:
    """The (shared, read-only) translator of ``lang``."""
    return Translator(lang)


def set_language(lang: str) -> None:
    """Choose the user's language, once at start-up (``--lang``, ``DVTUI_LANG``)."""
    global _user
    for known in LANGUAGES:
        if lang == known:
            _user = known
            return
    raise ValueError(lang)


def current_language() -> Lang:
    """The language of the code running now: a ``language()`` block's, else the user's."""
    return _override.get() or _user


@contextmanager
def language(lang: Lang) -> Iterator[None]:
    """Speak ``lang`` inside the block, in this context only (commit messages: Vietnamese)."""
    token = _override.set(lang)
    try:
        yield
    finally:
        _override.reset(token)


def t(key: str, **values: Any) -> str:
    """The message ``key`` in the current language, with ``values`` filled in."""
    return translator(current_language()).t(key, **values)


def tn(key: str, n: int, **values: Any) -> str:
    """The plural form of ``key`` for ``n`` in the current language."""
    return translator(current_language()).tn(key, n, **values)


def has(key: str) -> bool:
    """Whether ``key`` names a message (in the source catalog, which every other mirrors)."""
    return translator("vi").has(key)


def N_(key: str) -> str:
    """Mark a key for extraction where it is chosen now and translated later."""
    return key
