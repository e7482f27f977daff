"""Record addresses: a kind folder and ASCII slugs, e.g. ``reports/2023-h1/ubnd-xa-quai-cang``.

An address is checked before any file is touched, so ``..``, absolute paths, backslashes
and NUL bytes never reach the filesystem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dvtui.core.problems import FieldError

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

# How many slugs follow each kind folder.
KIND_DEPTH: dict[str, int] = {
    "plans": 1,
    "units": 1,
    "tasks": 1,
    "periods": 1,
    "reports": 2,  # reports/<period>/<unit>
    "models": 2,  # models/<year>/<id>
    "summaries": 1,  # summaries/<period>: the office's assessment for its report
    "reviews": 1,  # reviews/<yyyymmdd-hhmmss-who>: a reviewer's sign-off
}


class BadId(FieldError):
    """An address that is not a record address (``code`` and ``values`` say why)."""


@dataclass(frozen=True, order=True, slots=True)
class RecordId:
    """The identity of a record: its kind folder and slugs. ``str()`` gives the address."""

    kind: str
    parts: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> RecordId:
        """Parse ``kind/slug[/slug]``; tolerate a leading ``records/`` and a ``.toml`` suffix."""
        if "\x00" in text or "\\" in text:
            raise BadId("err.id.chars", {"id": text.replace("\x00", "\\0")})
        if text.startswith("/"):
            raise BadId("err.id.absolute", {"id": text})
        if ".." in text.split("/"):
            raise BadId("err.id.path", {"id": text})
        text = text.removeprefix("records/").removesuffix(".toml")
        kind, *parts = text.split("/")
        if kind not in KIND_DEPTH:
            raise BadId("err.id.kind", {"id": text, "kinds": ", ".join(KIND_DEPTH)})
        if len(parts) != KIND_DEPTH[kind]:
            raise BadId("err.id.depth", {"id": text, "n": KIND_DEPTH[kind]})
        for part in parts:
            if not SLUG.fullmatch(part):  # not match(): ``$`` also matches before a final \n
                raise BadId("err.id.slug", {"id": text, "part": part})
        return cls(kind, tuple(parts))

    def __str__(self) -> str:
        return "/".join((self.kind, *self.parts))

    @property
    def relpath(self) -> str:
        """Path of the record's file inside the data repo."""
        return f"records/{self}.toml"

    @property
    def name(self) -> str:
        """The last slug."""
        return self.parts[-1]
