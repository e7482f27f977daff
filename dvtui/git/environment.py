"""The one environment every git process of dvtui runs in.

- Nothing from outside decides *which* repository, index, object store, namespace or
  configuration git works on: git itself exports ``GIT_DIR``, ``GIT_INDEX_FILE``,
  ``GIT_CONFIG_PARAMETERS``… to hooks and aliases, so a dvtui started from one would
  otherwise read (or write) another repository. They are removed from this process's own
  environment before any git starts (:func:`scrub`), so that GitPython — which copies
  ``os.environ`` for every command — and dvtui's plain runner both start git without them.
- Never a prompt: ``GIT_TERMINAL_PROMPT=0``, ``GCM_INTERACTIVE=never``; SSH runs in batch
  mode unless the user chose an SSH command (:func:`ssh_batch_mode`).
- The C locale, so that the messages dvtui recognises are git's English ones.
- Credentials never reach a message: :func:`redact`.

The user's own configuration files (``HOME``, ``GIT_CONFIG_GLOBAL``, ``GIT_CONFIG_NOSYSTEM``)
and identity (``GIT_AUTHOR_NAME``…) stay: they are where git keeps the user, not a redirect.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

# Variables that point git at another repository or change what its paths and refs mean.
REDIRECTS = frozenset(
    {
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_COMMON_DIR",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_QUARANTINE_PATH",
        "GIT_NAMESPACE",
        "GIT_SHALLOW_FILE",
        "GIT_GRAFT_FILE",
        "GIT_REPLACE_REF_BASE",
        "GIT_NO_REPLACE_OBJECTS",
        "GIT_PREFIX",
        "GIT_IMPLICIT_WORK_TREE",
        "GIT_CEILING_DIRECTORIES",
        "GIT_DISCOVERY_ACROSS_FILESYSTEM",
        "GIT_CONFIG",
        "GIT_CONFIG_PARAMETERS",
        "GIT_CONFIG_COUNT",
        "GIT_LITERAL_PATHSPECS",
        "GIT_GLOB_PATHSPECS",
        "GIT_NOGLOB_PATHSPECS",
        "GIT_ICASE_PATHSPECS",
    }
)
# ``GIT_CONFIG_KEY_<n>`` / ``GIT_CONFIG_VALUE_<n>``: configuration injected like ``git -c``.
_REDIRECT_PREFIXES = ("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_")

FIXED = {
    "LC_ALL": "C",  # git's messages in English: dvtui recognises some of them
    "LANGUAGE": "C",
    "GIT_TERMINAL_PROMPT": "0",  # never a password prompt on the terminal
    "GCM_INTERACTIVE": "never",  # nor a window from Git Credential Manager
}

_CREDENTIALS = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<cred>[^/@\s]+)@")


def is_redirect(name: str) -> bool:
    """True for a variable that would redirect git (see :data:`REDIRECTS`)."""
    return name in REDIRECTS or name.startswith(_REDIRECT_PREFIXES)


def scrub() -> None:
    """Remove the redirecting variables from this process's environment (cheap when none).

    Called before every git process starts. Only a variable that is there is removed, so
    after the first call (normally on the main thread, before any worker) it changes nothing.
    """
    found = [name for name in os.environ if is_redirect(name)]
    for name in found:
        os.environ.pop(name, None)


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The complete environment of a git process: this one's, scrubbed, plus :data:`FIXED`."""
    scrub()
    env = {name: value for name, value in os.environ.items() if not is_redirect(name)}
    env.update(FIXED)
    if extra:
        env.update(extra)
    return env


def ssh_batch_mode(ssh_command_configured: bool) -> dict[str, str]:
    """SSH that never asks for a password, unless the user chose an SSH command.

    ``GIT_SSH_COMMAND`` would override the user's ``core.sshCommand``, so it is set only
    when neither that nor ``GIT_SSH``/``GIT_SSH_COMMAND`` is.
    """
    if ssh_command_configured or "GIT_SSH_COMMAND" in os.environ or "GIT_SSH" in os.environ:
        return {}
    return {"GIT_SSH_COMMAND": "ssh -o BatchMode=yes"}


def redact(text: str) -> str:
    """``https://lan:secret@host/x`` → ``https://host/x`` in any text."""
    return _CREDENTIALS.sub(lambda m: m.group("scheme"), text)


def strip_password(url: str) -> str:
    """A URL without its password (the user name, which is not secret, stays)."""
    m = _CREDENTIALS.match(url)
    if m is None:
        return url
    user = m.group("cred").split(":", 1)[0]
    return f"{m.group('scheme')}{user}@{url[m.end() :]}"
