"""Maintaining the catalogs with Babel: ``python -m dvtui.i18n.catalogs COMMAND``.

- ``order``: each ``.po`` rewritten in the catalog's order, grouped by area (see
  ``dvtui.i18n.pofiles``), so a message added anywhere lands in its place.
- ``check``: every key the code uses (``t("…")``, ``tn("…", n)``, ``N_("…")``) is in every
  catalog, with the same ``{placeholders}`` as the Vietnamese source; plural messages have
  their plural forms; every ``.po`` is in the catalog's order. Prints the problems, exits 1
  when there are any.
- ``compile``: each ``.po`` into the ``.mo`` the program reads (``make messages`` runs
  ``order``, ``check`` and ``compile``).
- ``template``: ``locale/dvtui.pot``, the keys with the Vietnamese text as comments, from
  which a translator starts a new language (``pybabel init -D dvtui -i dvtui/i18n/locale/
  dvtui.pot -d dvtui/i18n/locale -l <lang>``; see the README).

A maintainer's tool: Babel is a development dependency, imported only here.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from dvtui.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, Lang
from dvtui.i18n.pofiles import (
    AREAS,
    area_of,
    canonical,
    in_order,
    key_of,
    po_path,
    read,
    write_canonical,
)

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {"t": (1,), "tn": (1,), "N_": (1,)}
SOURCE: Lang = "vi"
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


@dataclass(frozen=True)
class Use:
    """A message key written in the code, and where."""

    key: str
    plural: bool
    where: str


def uses() -> Iterator[Use]:
    """Every literal key passed to ``t``, ``tn`` or ``N_`` in the package."""
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        if isinstance(message, str) and message:
            yield Use(message, False, f"dvtui/{filename}:{lineno}")
    yield from _plural_uses()


def _plural_uses() -> Iterator[Use]:
    # Babel reports ``tn("key", n)`` like ``t``; plural-ness is read from the call itself.
    call = re.compile(r"\btn\(\s*\"([^\"]+)\"")
    for path in PACKAGE.rglob("*.py"):
        if path == Path(__file__).resolve():
            continue
        for m in call.finditer(path.read_text(encoding="utf-8")):
            yield Use(m.group(1), True, str(path.relative_to(PACKAGE.parent)))


def placeholders(text: str) -> set[str]:
    """The names of the ``{placeholders}`` in a message."""
    return {m.group(1) for m in _PLACEHOLDER.finditer(text)}


def _texts(message: object) -> list[str]:
    string = getattr(message, "string", "")
    return [s for s in (string if isinstance(string, tuple) else (string,)) if isinstance(s, str)]


def problems() -> list[str]:
    """Everything ``check`` reports."""
    out: list[str] = []
    catalogs = {lang: read(lang) for lang in LANGUAGES}
    source = catalogs[SOURCE]
    for use in uses():
        for lang, catalog in catalogs.items():
            message = catalog.get(use.key)
            if message is None or not any(_texts(message)):
                out.append(f"{use.where}: {use.key}: missing from {lang}")
            elif use.plural and not message.pluralizable:
                out.append(f"{use.where}: {use.key}: not a plural message in {lang}")
    for message in source:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        wanted = set().union(*(placeholders(s) for s in _texts(message)))
        for lang, catalog in catalogs.items():
            other = catalog.get(key)
            if other is None:
                out.append(f"{po_path(lang).name} ({lang}): {key}: missing")
                continue
            for text in _texts(other):
                if placeholders(text) != wanted and not (other.pluralizable and "n" in wanted):
                    found = ", ".join(sorted(placeholders(text))) or "none"
                    out.append(f"{lang}: {key}: placeholders {found}, not {sorted(wanted)}")
    out += _order_problems(catalogs)
    return out


def _order_problems(catalogs: dict[Lang, Catalog]) -> list[str]:
    out = []
    for lang, catalog in catalogs.items():
        for message in catalog:
            if message.id and area_of(key_of(message)) is None:
                known = ", ".join(p for _title, prefixes in AREAS for p in prefixes)
                out.append(f"{lang}: {key_of(message)}: no area has its prefix ({known})")
        if po_path(lang).read_text(encoding="utf-8") != canonical(lang):
            out.append(f"{po_path(lang)}: not in the catalog's order: run `make messages`")
    return out


def messages_of_mo(data: bytes) -> dict[object, str]:
    """The messages a ``.mo`` holds, as gettext reads them (the header left out)."""
    import gettext

    found: dict[object, str] = getattr(gettext.GNUTranslations(io.BytesIO(data)), "_catalog", {})
    return {k: v for k, v in found.items() if k != ""}


def compiled(lang: Lang) -> bytes:
    """The ``.mo`` bytes of ``lang``'s catalog."""
    buffer = io.BytesIO()
    write_mo(buffer, read(lang), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    """Write every ``.mo`` next to its ``.po``."""
    for lang in LANGUAGES:
        po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))


def write_template() -> Path:
    """``locale/dvtui.pot``: every key, its Vietnamese text as the translator's comment."""
    template = Catalog(domain=DOMAIN, project="dvtui", fuzzy=False)
    for message in in_order(read(SOURCE)):
        if message.id:
            comments = [" / ".join(_texts(message))]
            template.add(message.id, "", auto_comments=comments)
    target = LOCALE_DIR / f"{DOMAIN}.pot"
    with open(target, "wb") as f:
        write_po(f, template, width=0, no_location=True, omit_header=False)
    return target


def main(argv: list[str]) -> int:
    """The command line of this tool."""
    command = argv[0] if argv else "check"
    if command == "check":
        found = problems()
        for line in found:
            print(line)
        print(f"{len(found)} problem(s) in the catalogs", file=sys.stderr)
        return 1 if found else 0
    if command == "order":
        for lang in LANGUAGES:
            if write_canonical(lang):
                print(f"{po_path(lang)}: put in the catalog's order")
        return 0
    if command == "compile":
        compile_all()
        return 0
    if command == "template":
        print(write_template())
        return 0
    print("usage: python -m dvtui.i18n.catalogs order|check|compile|template", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
