"""The ``.po`` files on disk: read with Babel, written back in one order, grouped by area.

Every catalog lists its messages area by area (validation, git, sync, records' labels, CLI,
UI, documents, history and audit), each area under a ``# ── Area ──`` heading, keys in
alphabetical order inside it. A key's area follows from its prefix (:data:`AREAS`), so a
message added anywhere in the file lands in its place the next time ``make messages`` runs,
and two people adding messages never reorder each other's.

A maintainer's tool, imported only by ``dvtui.i18n.catalogs`` (Babel is a development
dependency).
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import normalize, read_po

from dvtui.i18n import DOMAIN, LOCALE_DIR

# (heading, key prefixes): a key belongs to the area of its longest matching prefix.
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Validation: records, fields, IDs, typed values", ("err.",)),
    (
        "Files, saving and git",
        (
            "err.git.",
            "err.save.",
            "err.changed_meanwhile",
            "err.init.",
            "err.read",
            "err.os",
            "notice.",
        ),
    ),
    ("Sync and merge", ("err.sync.", "err.clone.", "sync.", "commit.merge")),
    (
        "Records: kinds, fields, values, columns",
        (
            "record.",
            "field.",
            "status.",
            "kind.",
            "sector.",
            "period.",
            "timeliness.",
            "target.",
            "title.",
            "action.",
            "col.",
        ),
    ),
    ("Command line", ("cli.",)),
    ("Terminal UI", ("ui.",)),
    (
        "Official documents: report, urging letter, tables",
        ("doc.", "xlsx.", "owe.", "report.step.", "err.letter.", "err.output_required"),
    ),
    ("Attachments and Excel forms", ("form.", "err.form.", "err.attach.")),
    (
        "History, review and audit",
        ("audit.", "commit.", "err.review.", "err.log.", "err.git.revision"),
    ),
)
_OPEN, _CLOSE = "── ", " ──"


def po_path(lang: str) -> Path:
    """The ``.po`` file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    """The catalog of ``lang`` as Babel reads it."""
    with open(po_path(lang), "rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def key_of(message: Message) -> str:
    """The key (msgid) of a message, plural or not."""
    return message.id if isinstance(message.id, str) else str(message.id[0])


def area_of(key: str) -> int | None:
    """The index in :data:`AREAS` of the area ``key`` belongs to; None when no prefix fits."""
    best: tuple[int, int] | None = None  # (prefix length, area)
    for index, (_title, prefixes) in enumerate(AREAS):
        for prefix in prefixes:
            if key.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def canonical(lang: str) -> str:
    """The text ``lang``'s ``.po`` file has in canonical order."""
    return canonical_text(po_path(lang).read_text(encoding="utf-8"), lang)


def canonical_text(text: str, lang: str) -> str:
    """``text`` (a ``.po`` file) in canonical order, its header (to the first blank line) kept."""
    catalog = read_po(io.StringIO(text), locale=lang, domain=DOMAIN)
    return render(text.split("\n\n", 1)[0], catalog)


def render(header: str, catalog: Catalog) -> str:
    """The ``.po`` text of ``catalog``'s messages in canonical order, under ``header``."""
    out = [header + "\n"]
    area: int | None = -1
    for message in in_order(catalog):
        here = area_of(key_of(message))
        lines = []
        if here != area:
            title = "Other" if here is None else AREAS[here][0]
            lines.append(f"# {_OPEN}{title}{_CLOSE}")
            area = here
        lines += _entry(message)
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def in_order(catalog: Catalog) -> list[Message]:
    """The messages of ``catalog`` (header left out) by area, then by key."""

    def rank(message: Message) -> tuple[int, str]:
        area = area_of(key_of(message))
        return (len(AREAS) if area is None else area, key_of(message))

    return sorted((m for m in catalog if m.id), key=rank)


def _is_heading(comment: str) -> bool:
    return comment.startswith(_OPEN) and comment.endswith(_CLOSE)


def _entry(message: Message) -> list[str]:
    lines = [f"# {c}" for c in message.user_comments if not _is_heading(c)]
    lines += [f"#. {c}" for c in message.auto_comments]
    if message.flags:
        lines.append("#, " + ", ".join(sorted(message.flags)))
    if isinstance(message.id, str):
        lines.append(f"msgid {_quoted(message.id)}")
        lines.append(f"msgstr {_quoted(str(message.string))}")
        return lines
    lines.append(f"msgid {_quoted(message.id[0])}")
    lines.append(f"msgid_plural {_quoted(message.id[1])}")
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    lines += [f"msgstr[{i}] {_quoted(str(s))}" for i, s in enumerate(forms)]
    return lines


def _quoted(text: str) -> str:
    return normalize(text, width=0)


def write_canonical(lang: str) -> bool:
    """Rewrite ``lang``'s ``.po`` file in canonical order; True when it changed."""
    path = po_path(lang)
    text = canonical(lang)
    if path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
