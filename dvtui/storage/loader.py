"""Reading every record file of a data repo, fast: git says which files changed, the cache
holds the rest, and a large cold load is shared between the CPU cores.

While this process lists ``records/`` (one ``scandir`` per folder, no ``stat`` per file), two
git commands run beside it:

- ``git ls-files -s -v`` — every tracked file with the blob id of its staged version;
- ``git diff-files`` — tracked files whose working-tree bytes may differ from the index
  (a hand edit, a file being written): git compares stat data, racy cases included.

A tracked file git finds unchanged is looked up in the load cache by (path, blob id).
Everything else — edited, untracked, unmerged, marked ``assume-unchanged`` or
``skip-worktree``, not a regular file — is parsed from disk and never cached. A file parsed
because the cache missed is checked against its blob id (the git hash of the bytes read)
before it is cached, so an edit made between git's look and our read is never remembered
under the old id.

A cold load of many files git vouches for, when they are not in the system's file cache
(after a reboot, or once the system reclaimed the memory: :func:`in_memory`), reads them
from git's objects with one ``git cat-file --batch`` (a pack read in order instead of
thousands of small files), each checked to be the size of the file on disk (so a file
converted on checkout is read from disk) and within the size limit before it is asked for.

Without git (or when git fails) every file is parsed from disk, as a plain walk finds them.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dvtui.core import codec
from dvtui.core.dataset import names_of
from dvtui.core.problems import Problem
from dvtui.git import process
from dvtui.programs import start_worker
from dvtui.storage.cachecodec import dumps_results, loads_results
from dvtui.storage.files import read_problem, walk_toml
from dvtui.storage.loadcache import Cached, Entry, Key, LoadCache
from dvtui.storage.regular import READ_FLAGS, read_regular

# An entry of ``git ls-files -s -v -z`` git vouches for: tag H, a regular file, stage 0.
# Anchored at the start of an entry, so a strange path can never be read as one.
_TRUSTED = re.compile(r"(?<![^\0])H 100(?:644|755) ([0-9a-f]{40}|[0-9a-f]{64}) 0\t([^\0]*)")

# A cold load of more files than this is shared with worker processes (one per extra core).
# Below it, starting a worker (an interpreter and dvtui's imports) costs more than it saves.
PARALLEL_THRESHOLD = 4000

# A parse of at least this many files git vouches for reads them from git's objects with one
# ``git cat-file`` (a cold load); fewer are opened one by one (a process costs more).
GIT_READ_THRESHOLD = 64
RESIDENCY_SAMPLE = 16  # files looked at to tell whether they are in the system's file cache
MAX_RECORD = codec.MAX_RECORD_BYTES


@dataclass
class Scan:
    """What git says about the files under ``records/``."""

    clean: dict[str, str] = field(default_factory=dict)  # path -> blob id (bytes as in git)
    from_disk: list[str] = field(default_factory=list)  # read from disk, never cached
    symlinks: list[str] = field(default_factory=list)  # reported, never followed


@dataclass
class Loaded:
    """Every record file's outcome, and how the load went (for the benchmark and tests)."""

    files: dict[str, Entry]
    from_cache: int = 0
    parsed: int = 0
    used_git: bool = True
    named: dict[str, set[str]] | None = None  # kind -> slugs the records name (if known)
    vouched: bool = False  # git vouched for every file: tracked, unchanged, no symlink
    from_git: int = 0  # of those parsed here (not by a worker), read from git's objects


# Reading must never take (or wait for) index.lock.
_READ_ONLY = {"GIT_OPTIONAL_LOCKS": "0"}


def walk(root: Path) -> tuple[list[str], list[str]]:
    """Record-named files under ``records/`` and the symlinks to report, as ``walk_toml``
    finds them, without a ``stat`` per file (the folder listing says what each entry is)."""
    files: list[str] = []
    links: list[str] = []
    base = str(root)
    if os.path.islink(os.path.join(base, "records")):
        return files, ["records"]  # the whole folder somewhere else: reported, not followed
    stack = ["records"]
    while stack:
        rel = stack.pop()
        try:
            entries = os.scandir(os.path.join(base, rel))
        except OSError:
            continue
        prefix = rel + "/"
        with entries:
            for entry in entries:
                name = entry.name
                record_name = name.endswith(".toml") and not name.startswith(".")
                if entry.is_symlink():
                    if record_name or entry.is_dir():
                        links.append(prefix + name)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(prefix + name)
                elif record_name:
                    files.append(prefix + name)
    return files, links


def scan(root: Path) -> Scan | None:
    """Ask git about ``records/`` while walking it; None when git cannot answer."""
    try:
        procs = [
            process.start(root, "ls-files", "-s", "-v", "-z", "--", "records", env=_READ_ONLY),
            process.start(root, "diff-files", "--name-only", "-z", "--", "records", env=_READ_ONLY),
        ]
    except OSError:
        return None
    files, links = walk(root)  # while git works
    outputs = []
    for proc in procs:
        out, _ = proc.communicate()
        if proc.returncode != 0:
            return None
        outputs.append(out.decode("utf-8", "surrogateescape"))
    staged, changed = outputs
    dirty = {p for p in changed.split("\0") if p}
    # H: an ordinary entry. h/S/s…: assume-unchanged or skip-worktree, where git stops
    # looking at the working tree, so its word "unchanged" proves nothing. Only regular
    # files at stage 0 (not in a merge conflict) that git finds unchanged are trusted.
    clean = {path: blob for blob, path in _TRUSTED.findall(staged) if path not in dirty}
    result = Scan(symlinks=links)
    for path in files:
        known = clean.get(path)
        if known is None:
            result.from_disk.append(path)
        else:
            result.clean[path] = known
    return result


def blob_id(data: bytes, like: str) -> str:
    """The git blob id of ``data`` (SHA-1, or SHA-256 in a repository that uses it)."""
    algo = hashlib.sha256 if len(like) == 64 else hashlib.sha1
    digest = algo(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


def decode_file(root: str, relpath: str) -> tuple[bytes | None, Entry]:
    """Read and decode one file (its bytes too, None when it vanished meanwhile)."""
    try:
        # No Path per file: 10% of a load.
        data = read_regular(os.path.join(root, relpath), limit=codec.MAX_RECORD_BYTES)
    except FileNotFoundError:  # removed since git listed it
        return None, (None, ())
    except OSError as exc:  # a FIFO, no permission on a shared folder …: this file only
        return None, (None, (read_problem(relpath, exc),))
    record, problems = codec.decode(relpath, data)
    return data, (record, tuple(problems))


def _same_as_blob(root: str, items: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """The files git vouches for that its blob can stand for: (path, blob id, size).

    Git vouched for each (tracked, unchanged, a regular file); what is left to check is
    that its working-tree bytes are the blob's bytes, not converted on checkout (line
    endings, ``working-tree-encoding``, ``ident``: each changes the size, which the caller
    compares with the blob's), and the size limit (a larger file is refused from disk,
    without reading it, as always)."""
    out = []
    for path, blob in items:
        if not blob:
            continue
        try:
            info = os.lstat(os.path.join(root, path))
        except OSError:
            continue  # gone since git looked: the disk read says what it is
        if stat.S_ISREG(info.st_mode) and info.st_size <= codec.MAX_RECORD_BYTES:
            out.append((path, blob, info.st_size))
    return out


def _from_git(root: str, items: list[tuple[str, str]]) -> Iterator[tuple[str, bytes | None]]:
    """(path, bytes) of the files git vouches for, in order, read from git's objects as git
    gives them (one ``cat-file`` run instead of a file opened per record); None where the
    file must be read from disk after all. Nothing when there are few, or git fails."""
    vouched = [path for path, blob in items if blob]
    if len(vouched) < GIT_READ_THRESHOLD or in_memory(root, vouched):
        return
    wanted = _same_as_blob(root, items)
    if len(wanted) < GIT_READ_THRESHOLD:
        return
    try:
        read = process.blobs(Path(root), [blob for _, blob, _ in wanted], limit=MAX_RECORD)
    except OSError:  # git cannot be started: every file from disk
        return
    with contextlib.closing(read):
        unlike = 0
        for seen, ((path, _, size), data) in enumerate(zip(wanted, read, strict=True), 1):
            if data is not None and len(data) == size:
                yield path, data
                continue
            yield path, None
            unlike += 1
            if unlike >= 16 and unlike * 4 > seen:  # converted on checkout: the rest from disk
                return


def in_memory(root: str, paths: list[str]) -> bool:
    """Whether the files are in the system's file cache, from a sample of them: a file read
    without waiting for the disk (``RWF_NOWAIT``), as right after a clone or a checkout
    wrote them. Then reading them is cheaper than git's unpacking; when they are not (after
    a reboot, or once the system reclaimed the memory), git's one pack read in order is far
    cheaper than thousands of small reads. Unknown (no ``RWF_NOWAIT``): not in memory."""
    nowait = getattr(os, "RWF_NOWAIT", None)
    if nowait is None or not paths:
        return False
    sample = paths[:: max(1, len(paths) // RESIDENCY_SAMPLE)][:RESIDENCY_SAMPLE]
    cached = 0
    buffer = bytearray(1)
    for path in sample:
        try:
            fd = os.open(os.path.join(root, path), READ_FLAGS)
        except OSError:
            continue
        try:
            os.preadv(fd, [buffer], 0, nowait)
            cached += 1
        except OSError:  # BlockingIOError: on disk only (or no RWF_NOWAIT on this file system)
            pass
        finally:
            os.close(fd)
    return cached * 2 > len(sample)


def parse_chunk(
    root: str, items: list[tuple[str, str]], tally: list[int] | None = None
) -> list[tuple[str, Entry, bool]]:
    """Decode files (in a worker process too): (path, entry, bytes match the blob id).
    ``tally[0]`` counts those read from git's objects.

    Many files git vouches for (a cold load) are read from git's objects while they are
    decoded: the blob's bytes are the file's, and match its id by construction."""
    out: list[tuple[str, Entry, bool]] = []
    from_git = _from_git(root, items)
    upcoming = next(from_git, None)
    for path, blob in items:
        if upcoming is not None and upcoming[0] == path:
            data = upcoming[1]
            upcoming = next(from_git, None)
            if data is not None:
                record, problems = codec.decode(path, data)
                out.append((path, (record, tuple(problems)), True))
                if tally is not None:
                    tally[0] += 1
                continue
        if not blob and os.path.islink(os.path.join(root, path)):  # files git does not vouch for
            out.append((path, (None, (Problem(path, "", "err.symlink"),)), False))
            continue
        found, entry = decode_file(root, path)
        if found is None:
            if entry[1]:  # unreadable: reported, never cached
                out.append((path, entry, False))
            continue
        out.append((path, entry, not blob or blob_id(found, blob) == blob))
    return out


def _parse_all(
    root: Path, items: list[tuple[str, str]], tally: list[int]
) -> list[tuple[str, Entry, bool]]:
    """Decode many files, sharing them with worker processes when it pays."""
    workers = min(_cpus() - 1, len(items) // PARALLEL_THRESHOLD)
    if workers <= 0:
        return parse_chunk(str(root), items, tally)
    # Workers are plain ``python -m dvtui.storage.loader`` processes (not multiprocessing:
    # it would re-run the caller's main script, and forking a threaded UI can deadlock).
    # This process parses the first share while they start.
    share = len(items) // (workers + 1)
    mine, rest = items[:share], items[share:]
    chunks = [rest[i::workers] for i in range(workers)]
    threads = [_Worker(root, chunk) for chunk in chunks]
    out = parse_chunk(str(root), mine, tally)
    for worker, chunk in zip(threads, chunks, strict=True):
        result = worker.result()
        out += result if result is not None else parse_chunk(str(root), chunk)
    return out


class _Worker:
    """A worker process decoding a share of the files, fed and read by a thread."""

    def __init__(self, root: Path, items: list[tuple[str, str]]) -> None:
        self._result: list[tuple[str, Entry, bool]] | None = None
        payload = "\0".join(f"{path}\t{blob}" for path, blob in items).encode()
        self._proc = start_worker("dvtui.storage.loader", str(root))
        if self._proc is None:
            return
        self._thread = threading.Thread(target=self._run, args=(payload,), daemon=True)
        self._thread.start()

    def _run(self, payload: bytes) -> None:
        assert self._proc is not None
        try:
            out, _ = self._proc.communicate(payload)
        except OSError:
            return
        if self._proc.returncode == 0:
            try:
                self._result = loads_results(out)
            except (ValueError, RecursionError):  # not what a worker writes
                self._result = None  # the caller parses this share itself

    def result(self) -> list[tuple[str, Entry, bool]] | None:
        """The worker's results (None: it failed; parse its share here)."""
        if self._proc is None:
            return None
        self._thread.join()
        return self._result


def _worker_main(argv: list[str]) -> int:
    """``python -m dvtui.storage.loader ROOT``: decode ``path\tblob`` items read from stdin."""
    data = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
    pairs = (item.split("\t", 1) for item in data.split("\0") if item)
    result = parse_chunk(argv[0], [(path, blob) for path, blob in pairs])
    sys.stdout.buffer.write(dumps_results(result))
    return 0


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _symlink_problems(paths: Iterable[str]) -> dict[str, Entry]:
    """A symlinked record file or folder is reported, never followed (as ``walk_toml``)."""
    return {path: (None, (Problem(path, "", "err.symlink"),)) for path in paths}


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection meanwhile, and none walking what it made afterwards.

    A load makes hundreds of thousands of objects and no garbage; each collection would
    walk them all again (a third of a warm load), and so would the collections after it,
    for as long as the records live (seconds on every screen at province scale). So they
    are frozen (``gc.freeze``): still freed as usual when no longer referenced, never
    walked by the cyclic collector. What the previous load froze is unfrozen first, so
    that any cycle of garbage among it can still be collected.
    """
    enabled = gc.isenabled()
    gc.disable()
    gc.unfreeze()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_files(root: Path, *, use_cache: bool = True) -> Loaded:
    """Every record file of the repo at ``root``: path -> (record or None, problems)."""
    with paused_gc():
        return _load_files(root, use_cache=use_cache)


def _load_files(root: Path, *, use_cache: bool) -> Loaded:
    found = scan(root)
    if found is None:
        return _load_by_walking(root)
    cache = LoadCache(root)
    cached = cache.read() if use_cache else {}
    files: dict[str, Entry] = {}
    current: dict[Key, Cached] = {}
    names: list[tuple[str, str]] = []
    wanted: list[tuple[str, str]] = []
    for path, blob in found.clean.items():
        hit = cached.get((path, blob))
        if hit is None:
            wanted.append((path, blob))
        else:
            files[path], named = hit
            names += named
            current[(path, blob)] = hit
    from_cache = len(files)
    wanted += [(path, "") for path in found.from_disk]
    parsed: set[Key] = set()
    tally = [0]
    for path, entry, matches in _parse_all(root, wanted, tally):
        files[path] = entry
        record = entry[0]
        named = names_of(record) if record is not None else ()
        names += named
        known = found.clean.get(path)
        if known is not None and matches:
            current[(path, known)] = (entry, named)
            parsed.add((path, known))
    files.update(_symlink_problems(found.symlinks))
    cache.update(current, parsed)
    vouched = not found.from_disk and not found.symlinks
    return Loaded(
        dict(sorted(files.items())),
        from_cache,
        len(wanted),
        named=_by_kind(names),
        vouched=vouched,
        from_git=tally[0],
    )


def _by_kind(names: list[tuple[str, str]]) -> dict[str, set[str]]:
    """kind -> the slugs named (the pairs repeat a lot: deduplicated in one go)."""
    out: dict[str, set[str]] = {}
    for kind, slug in set(names):
        out.setdefault(kind, set()).add(slug)
    return out


def _load_by_walking(root: Path) -> Loaded:
    files: dict[str, Entry] = {}
    for relpath, path in walk_toml(root):
        if path.is_symlink():
            files[relpath] = (None, (Problem(relpath, "", "err.symlink"),))
            continue
        data, entry = decode_file(str(root), relpath)
        if data is not None or entry[1]:
            files[relpath] = entry
    return Loaded(files, 0, len(files), used_git=False)


if __name__ == "__main__":
    raise SystemExit(_worker_main(sys.argv[1:]))
