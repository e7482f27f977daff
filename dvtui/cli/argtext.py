"""argparse's own messages ("usage:", "error:", "invalid choice" …) in the user's language.

argparse (Python 3.11) looks each message up through the module globals ``argparse._`` and
``argparse.ngettext``, bound to gettext's default domain, which has no dvtui catalog.
:func:`install` points them at :func:`gettext`/:func:`ngettext` here, which find the
message in :data:`MESSAGES` and answer in the current language (the language context, read
at each call: nothing is switched). A message not in the table stays argparse's English; a test
checks that every entry is still spelled as argparse spells it.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from dvtui.i18n import N_, t, tn

# argparse's English (its gettext msgid) → our message key. The translations keep
# argparse's %-placeholders: argparse fills them in after the lookup.
MESSAGES: Mapping[str, str] = {
    "usage: ": N_("cli.argparse.usage"),
    "positional arguments": N_("cli.argparse.positionals"),
    "options": N_("cli.argparse.options"),
    "show this help message and exit": N_("cli.argparse.help"),
    "%(prog)s: error: %(message)s\n": N_("cli.argparse.error"),
    "argument %(argument_name)s: %(message)s": N_("cli.argparse.argument"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_("cli.argparse.invalid_choice"),
    "invalid %(type)s value: %(value)r": N_("cli.argparse.invalid_value"),
    "the following arguments are required: %s": N_("cli.argparse.required"),
    "one of the arguments %s is required": N_("cli.argparse.one_required"),
    "unrecognized arguments: %s": N_("cli.argparse.unrecognized"),
    "not allowed with argument %s": N_("cli.argparse.not_allowed_with"),
    "ignored explicit argument %r": N_("cli.argparse.ignored_value"),
    "expected one argument": N_("cli.argparse.expected_one"),
    "expected at most one argument": N_("cli.argparse.expected_at_most_one"),
    "expected at least one argument": N_("cli.argparse.expected_at_least_one"),
    "ambiguous option: %(option)s could match %(matches)s": N_("cli.argparse.ambiguous"),
    "unexpected option string: %s": N_("cli.argparse.unexpected_option"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_("cli.argparse.unknown_command"),
}
# ngettext("expected %s argument", "expected %s arguments", n)
PLURALS: Mapping[str, str] = {"expected %s argument": N_("cli.argparse.expected_n")}


def gettext(message: str) -> str:
    """argparse's ``message`` in the current language (itself when dvtui has no translation)."""
    key = MESSAGES.get(message)
    return message if key is None else t(key)


def ngettext(singular: str, plural: str, n: int) -> str:
    """argparse's plural message for ``n`` in the current language."""
    key = PLURALS.get(singular)
    if key is None:
        return singular if n == 1 else plural
    return tn(key, n)


def install() -> None:
    """Make argparse ask :func:`gettext`/:func:`ngettext` for its messages (idempotent)."""
    setattr(argparse, "_", gettext)  # noqa: B010 - a private module global, set on purpose
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
