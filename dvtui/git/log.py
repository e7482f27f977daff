"""One typed :class:`Commit` and the one parser of ``git log`` output.

``git log -z --raw --format=<fields>`` separates everything with NUL, the one byte a commit
message, a name or a path can never hold (git refuses it): the fields (sha, parents,
author, email, date, optionally the signature letter) come first and the message last,
then the changed files as ``:<modes> <old> <new> <status>`` NUL ``<path>`` NUL pairs, then
the next commit's sha. Fields are read by position, so nothing in a message or a file
name — ``\\x1e``, ``\\x1f``, a newline, a colon — can be taken for a separator.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from dvtui.core.recordclass import frozen

__all__ = ["NULL_SHA", "Commit", "FileChange", "log_format", "parse_log"]

NULL_SHA = "0" * 40
_FIELDS = ("%H", "%P", "%an", "%ae", "%aI")


@frozen
class FileChange:
    """One path a commit changed: blob ids before and after (None = absent)."""

    path: str
    old_blob: str | None
    new_blob: str | None

    @property
    def action(self) -> str:
        """``create``, ``delete`` or ``update``."""
        if self.old_blob is None:
            return "create"
        return "delete" if self.new_blob is None else "update"


@frozen
class Commit:
    """A commit: who, when, the message, the files it changed (against its first parent)."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    when: datetime
    message: str
    files: tuple[FileChange, ...] = ()
    signature: str = ""  # git's %G? letter when asked for: G good, N none, B bad …

    @property
    def subject(self) -> str:
        """The first line of the message."""
        return self.message.split("\n", 1)[0]

    @property
    def is_merge(self) -> bool:
        """A commit with more than one parent."""
        return len(self.parents) > 1


def log_format(signatures: bool = False) -> str:
    """The ``--format`` that :func:`parse_log` reads (``-z`` and ``--raw`` go with it)."""
    fields = [*_FIELDS, *(["%G?"] if signatures else []), "%B"]
    return "--format=" + "%x00".join(fields)


def _tokens(chunks: Iterable[bytes]) -> Iterator[bytes]:
    pending = b""
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\0")
        yield from complete
    if pending:
        yield pending


def _text(token: bytes) -> str:
    return token.decode("utf-8", "replace")


def _blob(sha: str) -> str | None:
    return None if sha.strip("0") == "" else sha


def parse_log(chunks: Iterable[bytes], *, signatures: bool = False) -> Iterator[Commit]:
    """The commits of ``git log -z --raw`` output given in ``log_format(signatures)``."""
    tokens = _tokens(chunks)
    width = len(_FIELDS) + (1 if signatures else 0) + 1
    first = next(tokens, None)
    while first is not None:
        head = [first]
        for _ in range(width - 1):
            token = next(tokens, None)
            if token is None:
                return  # cut short (git killed): no half commit
            head.append(token)
        files: list[FileChange] = []
        first = None
        for token in tokens:
            if token.startswith((b":", b"\n:")):
                meta = _text(token).split()
                path = next(tokens, None)
                if path is None or len(meta) < 4:
                    break
                name = path.decode("utf-8", "surrogateescape")
                files.append(FileChange(name, _blob(meta[2]), _blob(meta[3])))
            elif token.strip():
                first = token  # the next commit's sha
                break
        sha, parents, author, email, when = (_text(t) for t in head[:5])
        yield Commit(
            sha=sha.strip(),
            parents=tuple(parents.split()),
            author=author,
            email=email,
            when=datetime.fromisoformat(when),
            message=_text(head[-1]).rstrip("\n"),  # not strip(): \x1c-\x1f count as spaces
            files=tuple(files),
            signature=_text(head[5]) if signatures else "",
        )
