"""Files kept with a record (the document a unit sent): where their bytes live, safe names.

A record lists its attachments (``records.Attachment``: name, sha256, size, when, who); the
bytes are stored once per content, by hash, outside ``records/``:

- ``attachments/<sha256[:2]>/<sha256>``: an ordinary git blob (no extension: no
  ``.gitattributes`` rule converts or merges it; two clones adding the same name add the
  same bytes, so they never conflict);
- ``attachments/lfs/<sha256[:2]>/<sha256>``: the same, routed to Git LFS by
  ``.gitattributes`` (:data:`LFS_ATTRIBUTES`) when the office turned ``lfs_attachments`` on
  in ``dvtui.toml``.

The same file attached twice (to two reports) is stored once. Pure: no I/O here.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ATTACHMENTS_DIR",
    "LFS_ATTRIBUTES",
    "LFS_DIR",
    "blob_path",
    "blob_paths",
    "content_hash",
    "is_blob_path",
    "is_safe_name",
    "lfs_pointer_oid",
    "numbered",
    "safe_name",
    "sha_of_blob_path",
    "size_text",
]

ATTACHMENTS_DIR = "attachments"
LFS_DIR = f"{ATTACHMENTS_DIR}/lfs"
SHA256 = re.compile(r"[0-9a-f]{64}")
NAME_LIMIT = 180  # characters: every file system of an office PC takes that (255 bytes max)
FALLBACK_NAME = "tep-dinh-kem"

# The line of ``.gitattributes`` that routes blobs to Git LFS; dvtui adds it, in the commit
# of the first attachment stored there, when ``lfs_attachments`` is on.
LFS_ATTRIBUTES = f"{LFS_DIR}/** filter=lfs diff=lfs merge=lfs -text"


def size_text(size: int) -> str:
    """``1,4 MB``, ``320 KB``: a file size as an office worker reads it (decimal comma)."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB" if size else "0 KB"


def content_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes, as recorded and as its blob is named."""
    import hashlib  # here: reading records (``show``, ``log``) never hashes (issue 15)

    return hashlib.sha256(data).hexdigest()


def blob_path(sha256: str, *, lfs: bool = False) -> str:
    """Where the bytes of ``sha256`` are stored in the data repo."""
    return f"{LFS_DIR if lfs else ATTACHMENTS_DIR}/{sha256[:2]}/{sha256}"


def blob_paths(sha256: str) -> tuple[str, str]:
    """Both places the bytes of ``sha256`` may be stored (plain git first, then LFS)."""
    return blob_path(sha256), blob_path(sha256, lfs=True)


_BLOB = re.compile(rf"{ATTACHMENTS_DIR}/(?:lfs/)?([0-9a-f]{{2}})/([0-9a-f]{{64}})")


def sha_of_blob_path(path: str) -> str | None:
    """The hash a stored blob's path names, or None when the path is not one."""
    found = _BLOB.fullmatch(path)
    if found is None or not found.group(2).startswith(found.group(1)):
        return None
    return found.group(2)


def is_blob_path(path: str) -> bool:
    """True for a path under ``attachments/`` (a well-named blob or not)."""
    return path.startswith(f"{ATTACHMENTS_DIR}/")


_LFS_POINTER = re.compile(
    rb"version https://git-lfs\.github\.com/spec/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*?"
    rb"oid sha256:([0-9a-f]{64})\n(?:[a-z0-9.-]+ [^\n]*\n)*"
)
LFS_POINTER_MAX = 1024  # git-lfs's own limit for what may be a pointer


def lfs_pointer_oid(data: bytes) -> str | None:
    """The content hash a Git LFS pointer file names, or None when ``data`` is not one."""
    if len(data) > LFS_POINTER_MAX:
        return None
    found = _LFS_POINTER.fullmatch(data)
    return found.group(1).decode("ascii") if found else None


_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|\u200b-\u200f\u202a-\u202e\u2066-\u2069]')


def safe_name(name: str) -> str:
    """A file name that is safe to write on any office PC: the original, cleaned.

    No folder parts (``/``, ``\\``), no control or bidi characters, none of the characters
    Windows refuses (``:*?"<>|``), no leading dots or spaces (``..``, hidden files), NFC,
    at most :data:`NAME_LIMIT` characters (the extension kept). Never empty.
    """
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub("_", text)
    text = " ".join(text.split())  # tabs and runs of spaces: one space
    text = text.lstrip(". ").rstrip(". ")
    if len(text) > NAME_LIMIT:
        stem, dot, ext = text.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            text = stem[: NAME_LIMIT - len(ext) - 1].rstrip(". ") + "." + ext
        else:
            text = text[:NAME_LIMIT].rstrip(". ")
    if not text or text.upper().split(".")[0] in _WINDOWS_RESERVED:
        text = f"{FALLBACK_NAME}-{text}" if text else FALLBACK_NAME
    return text


_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{port}{i}" for port in ("COM", "LPT") for i in range(1, 10)}
)


def is_safe_name(name: str) -> bool:
    """True when ``name`` is already what :func:`safe_name` makes of it."""
    return bool(name) and safe_name(name) == name


def numbered(name: str, n: int) -> str:
    """``bao-cao.pdf`` → ``bao-cao (2).pdf``: a second file of the same name, kept beside."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({n})"
    return f"{stem} ({n}).{ext}"
