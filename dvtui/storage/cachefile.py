"""dvtui's cache files under ``.git/dvtui``: a magic line, one JSON header line, a payload.

The header holds what the reader must match (format, code fingerprint, kind …) and the
payload's length and BLAKE2 digest. A file that is missing, cut short, damaged, written by
another version or not ours at all reads as no file: a cache is rebuilt, never trusted
blindly. Writes are atomic (temp file, rename) without fsync: a file a crash cut short fails
its digest. The load cache (:mod:`dvtui.storage.loadcache`) and the row cache
(:mod:`dvtui.storage.rowcache`) are both such files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from dvtui.storage.regular import OWN_FILE_LIMIT, read_regular

__all__ = ["digest", "read", "write"]


def digest(payload: bytes) -> str:
    """The payload's BLAKE2 digest, as the header records it."""
    return hashlib.blake2b(payload, digest_size=32).hexdigest()


def read(
    path: Path, magic: bytes, expect: Mapping[str, object]
) -> tuple[dict[str, object], bytes] | None:
    """The header and payload of the cache file at ``path``, or None when it is missing,
    damaged or not ours, or when its header differs from ``expect`` in any key."""
    try:  # a regular file only: a FIFO or a symlink to /dev/zero there must not hang dvtui
        data = read_regular(path, limit=OWN_FILE_LIMIT)
    except OSError:
        return None
    if not data.startswith(magic):
        return None
    try:
        end = data.index(b"\n", len(magic))
        header = json.loads(data[len(magic) : end])
    except ValueError:  # no header line, or not JSON
        return None
    if not isinstance(header, dict) or any(header.get(k) != v for k, v in expect.items()):
        return None
    payload = data[end + 1 :]
    if header.get("length") != len(payload) or header.get("digest") != digest(payload):
        return None
    return header, payload


def write(path: Path, magic: bytes, header: Mapping[str, object], payload: bytes) -> str:
    """Write the file atomically; the payload's digest ("" when it could not be written:
    a read-only clone, a full disk — dvtui still works, only slower)."""
    done = digest(payload)
    line = json.dumps({**header, "length": len(payload), "digest": done}).encode()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as out:
            out.write(magic + line + b"\n")
            out.write(payload)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):  # on a read-only disk even this refuses (EROFS)
            tmp.unlink(missing_ok=True)
        return ""
    return done
