"""Every user-facing text, from gettext catalogs: Vietnamese by default, English for maintainers.

May import only the standard library (Babel in ``catalogs``, a development tool); every
other package may import it.

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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)
SOURCE: Lang = "vi"  # the source text; every other catalog translates it
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
        if lang != SOURCE:  # a message not translated yet reads in Vietnamese, never as a key
            self._catalog.add_fallback(translator(SOURCE)._catalog)
        # gettext answers an unknown key with the key itself; ``has`` needs to know.
        found = getattr(self._catalog, "_catalog", {})
        self._keys = frozenset(k if isinstance(k, str) else k[0] for k in found)
        self._plurals = frozenset(k[0] for k in found if isinstance(k, tuple))

    def has(self, key: str) -> bool:
        """Whether the catalog has a message named ``key``."""
        return key in self._keys

    def is_plural(self, key: str) -> bool:
        """Whether ``key`` is a plural message (``tn``), its count given as ``n``."""
        return key in self._plurals

    def t(self, key: str, **values: Any) -> str:
        """The message ``key`` with ``values`` filled in."""
        text = self._catalog.gettext(key)
        return text.format(**values) if values else text

    def tn(self, key: str, n: int, /, **values: Any) -> str:
        """The plural form of ``key`` for the count ``n``, given to the text as ``n`` unless
        ``values`` shows it otherwise (``n="1.155"``: the count with its thousands grouped)."""
        return self._catalog.ngettext(key, key, n).format(**{"n": n, **values})

    def text(self, key: str, values: Mapping[str, Any]) -> str:
        """The message ``key`` with ``values``; a plural message is counted by ``values["n"]``.

        For keys chosen elsewhere (an error's code, a problem's, a report's :class:`Msg`): the
        code says which message, the message says whether it counts.
        """
        count = values.get("n")
        if self.is_plural(key) and isinstance(count, int):
            return self.tn(key, count, **{k: v for k, v in values.items() if k != "n"})
        return self.t(key, **values)


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


def tn(key: str, n: int, /, **values: Any) -> str:
    """The plural form of ``key`` for ``n`` in the current language."""
    return translator(current_language()).tn(key, n, **values)


def text(key: str, values: Mapping[str, Any]) -> str:
    """:meth:`Translator.text` in the current language."""
    return translator(current_language()).text(key, values)


def has(key: str) -> bool:
    """Whether ``key`` names a message (in the source catalog, which every other mirrors)."""
    return translator("vi").has(key)


def N_(key: str) -> str:
    """Mark a key for extraction where it is chosen now and translated later."""
    return key
