"""The load cache: validated records keyed by file path and git blob id, kept under ``.git``.

A blob id names exact bytes, so a cached entry can never be stale: a ``git pull``, a
checkout or a commit gives a changed file a new id, and the loader parses it again. Files
whose working-tree bytes differ from the index (a hand edit) are never looked up here
(see :mod:`dvtui.storage.loader`).

Two files in ``.git/dvtui/``: ``load-cache.bin`` (every record of some earlier load) and
``load-cache.delta`` (the few parsed since, so that one saved record does not rewrite
thousands). Each is ``MAGIC``, one JSON header line, then a JSON payload
(:mod:`dvtui.storage.cachecodec`: data only, records rebuilt through their dataclasses with
every value's type checked — whoever can write ``.git`` still cannot make dvtui run code).
The header names the format, a fingerprint of the code that decodes records (schema
version, dvtui version and the decoding modules' source) and a BLAKE2 digest of the
payload. A file that is truncated, corrupted, written by another version, or not ours at
all is ignored (and rebuilt). Writes are atomic (temp file, rename).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dvtui import __version__
from dvtui.core.records import SCHEMA_VERSION
from dvtui.git.dirs import find_git_dirs
from dvtui.storage import cachefile
from dvtui.storage.cachecodec import Cached, Entry, Key, Names, dumps_entries, loads_entries

# 2: what each record names (for the quick reference check); 3: (entry, names); 4: JSON
FORMAT = 4
MAGIC = b"dvtui-load-cache\n"
BASE_NAME = "load-cache.bin"
DELTA_NAME = "load-cache.delta"
# The delta is folded into the base once it holds this many entries (or a tenth of them).
DELTA_LIMIT = 500

__all__ = ["Cached", "Entry", "Key", "LoadCache", "Names", "cache_file", "fingerprint"]

# Modules whose code decides what a file decodes to: a change to any of them is a new
# fingerprint, so a developer's edit never meets records validated by the old rules.
_DECODERS = (
    "dvtui.core.records",
    "dvtui.core.schema",
    "dvtui.core.ids",
    "dvtui.core.problems",
    "dvtui.core.text",
    "dvtui.core.codec",
    "dvtui.storage.cachecodec",
)


def cache_dir(root: Path) -> Path | None:
    """``.git/dvtui``, where the cache files live (None when there is no git folder)."""
    found = find_git_dirs(root)
    return None if found is None else found.git_dir / "dvtui"


def cache_file(root: Path) -> Path:
    """The base cache file (removing it forces the next load to be a cold one)."""
    folder = cache_dir(root) or root / ".git" / "dvtui"
    return folder / BASE_NAME


@cache
def fingerprint() -> str:
    """What a cache must have been written by: format, schema, version, decoding code."""
    import importlib

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT}/{SCHEMA_VERSION}/{__version__}".encode())
    for name in _DECODERS:
        module = importlib.import_module(name)
        source = getattr(module, "__file__", None)
        if source is not None:
            digest.update(Path(source).read_bytes())
    return digest.hexdigest()


@dataclass
class _File:
    digest: str
    base: str  # the digest of the base a delta extends ("" for the base itself)
    entries: dict[Key, Cached]


def _read(path: Path, expect_base: str) -> _File | None:
    """A cache file's entries, or None if it is missing, damaged or not ours (or a delta of
    another base than ``expect_base``; "" for the base itself)."""
    found = cachefile.read(path, MAGIC, {"key": fingerprint(), "base": expect_base})
    if found is None:
        return None
    header, payload = found
    try:
        return _File(str(header["digest"]), expect_base, loads_entries(payload))
    except Exception:  # anything wrong with the entries means: not a cache we trust
        return None


def _write(path: Path, entries: dict[Key, Cached], base: str = "") -> str:
    """Write atomically; return the payload's digest ("" when it could not be written)."""
    payload = dumps_entries(entries.items())
    return cachefile.write(path, MAGIC, {"key": fingerprint(), "base": base}, payload)


class LoadCache:
    """The cache of one repository: read once per load, updated with what was parsed."""

    def __init__(self, root: Path) -> None:
        folder = cache_dir(root)
        self.folder = folder
        self._base: _File | None = None
        self._delta: _File | None = None
        self.entries: dict[Key, Cached] = {}
        self.damaged = False  # a file was there but not trusted (it gets rewritten)

    def read(self) -> dict[Key, Cached]:
        """Every trusted entry (the base, then the delta over it)."""
        if self.folder is None:
            return {}
        base_path, delta_path = self.folder / BASE_NAME, self.folder / DELTA_NAME
        self._base = _read(base_path, expect_base="")
        if self._base is None:
            self.damaged = base_path.exists()
            self.entries = {}
            return self.entries
        self._delta = _read(delta_path, expect_base=self._base.digest)
        self.entries = self._base.entries
        if self._delta is not None:
            self.entries = {**self.entries, **self._delta.entries}
        return self.entries

    def update(self, current: dict[Key, Cached], parsed: set[Key]) -> None:
        """Remember this load: ``current`` = every cacheable entry, ``parsed`` = the new ones.

        Only the small delta is written when few files changed; the base is rewritten when
        it is missing or damaged, when the delta grew large, or when most of it is stale.
        """
        if self.folder is None:
            return
        base, delta = self._base, self._delta
        limit = max(DELTA_LIMIT, len(current) // 10)
        if base is None:
            self._rewrite_base(current)
            return
        stale = len(base.entries.keys() - current.keys())
        if stale > max(limit, len(current) // 2):
            self._rewrite_base(current)
            return
        if not parsed:
            return
        kept = {} if delta is None else {k: v for k, v in delta.entries.items() if k in current}
        kept.update((k, current[k]) for k in parsed if k in current)
        if len(kept) > limit:
            self._rewrite_base(current)
            return
        digest = _write(self.folder / DELTA_NAME, kept, base=base.digest)
        if digest:
            self._delta = _File(digest, base.digest, kept)

    def _rewrite_base(self, current: dict[Key, Cached]) -> None:
        assert self.folder is not None
        digest = _write(self.folder / BASE_NAME, current)
        (self.folder / DELTA_NAME).unlink(missing_ok=True)
        self._base = _File(digest, "", current) if digest else None
        self._delta = None
