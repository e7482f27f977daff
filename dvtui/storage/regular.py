"""Reading a regular file and nothing else (standard library only).

Opened without blocking and checked with ``fstat`` before any byte is read, so a FIFO or a
device where a file is expected can never hang a command; a symlink at the last step is
refused (``ELOOP``); a file over the limit is not read into memory. Every file dvtui reads
from a data repo goes through :func:`read_regular`: records and ``dvtui.toml``
(:mod:`dvtui.storage.files` names their problems), attachments, and the cache files of
``.git/dvtui``, which the quick command line reads without importing the codec.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["OWN_FILE_LIMIT", "READ_FLAGS", "FileTooLarge", "NotRegularFile", "read_regular"]

# dvtui's own files under ``.git`` (the caches, the save journal, info/attributes): far above
# any real one (a repo of 50,000 records caches tens of MB), and the size of a symlink's target
# such as /proc/kcore is refused before anything is read.
OWN_FILE_LIMIT = 1 << 30

# Never wait on a FIFO or a device, never follow a symlink at the last step (where the
# platform can say so), never leak the descriptor into a child process.
READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """A FIFO, a device, a socket or a folder where a file is expected."""


class FileTooLarge(OSError):
    """A file bigger than anything dvtui reads (it is not read at all)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, "file too large")
        self.size = size
        self.limit = limit


def read_regular(path: str | Path, *, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit``); OSError for anything else."""
    fd = os.open(path, READ_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise FileTooLarge(info.st_size, limit)
        chunks = []
        left = limit + 1  # one byte more: a file that grew meanwhile is still caught
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
