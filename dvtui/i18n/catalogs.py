"""Maintaining the catalogs with Babel: ``python -m dvtui.i18n.catalogs COMMAND``.

- ``order``: each ``.po`` rewritten in the catalog's order, grouped by area (see
  ``dvtui.i18n.pofiles``), so a message added anywhere lands in its place.
- ``check``: fails (exit 1, one line per problem) unless

  - every key is written out in full where it is chosen: no key built at run time
    (``t(f"status.{s}")``), none hidden from Babel's extraction (see ``dvtui.i18n.usage``);
  - every key the code uses is in every catalog, and every key of a catalog is used;
  - every translation has the ``{placeholders}`` of the Vietnamese source; a key used with
    ``tn()`` is a plural message, one used with ``t()`` is not;
  - every ``.po`` is in the catalog's order, each key in an area.
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
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from dvtui.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE, Lang
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
from dvtui.i18n.usage import families, scan

PACKAGE = Path(__file__).resolve().parent.parent
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def placeholders(text: str) -> set[str]:
    """The names of the ``{placeholders}`` in a message."""
    return {m.group(1) for m in _PLACEHOLDER.finditer(text)}


def _texts(message: object) -> list[str]:
    string = getattr(message, "string", "")
    return [s for s in (string if isinstance(string, tuple) else (string,)) if isinstance(s, str)]


def problems(root: Path = PACKAGE, catalogs: dict[str, Catalog] | None = None) -> list[str]:
    """Everything ``check`` reports about the code under ``root`` and the catalogs."""
    if catalogs is None:
        catalogs = {lang: read(lang) for lang in LANGUAGES}
    keys = {lang: {key_of(m): m for m in catalog if m.id} for lang, catalog in catalogs.items()}
    found = scan(root, families(keys[SOURCE]))
    out = [f"{where}: {what}" for where, what in found.dynamic.items()]
    out += [
        f"{use.where}: {use.key}: Babel cannot extract it (a t() inside an f-string): "
        "take the call out of the f-string"
        for use in found.hidden
    ]
    for use in found.uses:
        for lang, messages in keys.items():
            message = messages.get(use.key)
            if message is None or not any(_texts(message)):
                out.append(f"{use.where}: {use.key}: missing from {lang}")
            elif use.plural and not message.pluralizable:
                out.append(f"{use.where}: {use.key}: used with tn() but not plural in {lang}")
            elif use.plural is False and message.pluralizable:
                out.append(f"{use.where}: {use.key}: a plural message in {lang}: use tn()")
    used = {use.key for use in found.uses}
    for lang, messages in keys.items():
        for key in sorted(messages.keys() - used):
            out.append(f"{lang}: {key}: used nowhere in the code (delete it, or write it out)")
        for key in sorted(messages.keys() - keys[SOURCE].keys()):
            out.append(f"{lang}: {key}: not in the source catalog ({SOURCE})")
    out += _placeholder_problems(keys)
    return out


def _placeholder_problems(keys: dict[str, dict[str, Message]]) -> list[str]:
    out = []
    for key, message in keys[SOURCE].items():
        wanted = set().union(*(placeholders(s) for s in _texts(message)))
        for lang, messages in keys.items():
            other = messages.get(key)
            if other is None:
                continue
            for text in _texts(other):
                found = placeholders(text)
                # a singular form may say "one" instead of {n}: "1 record" / "{n} records"
                if found != wanted and not (other.pluralizable and found == wanted - {"n"}):
                    have = ", ".join(sorted(found)) or "none"
                    out.append(f"{lang}: {key}: placeholders {have}, not {sorted(wanted)}")
    return out


def order_problems() -> list[str]:
    """Messages without an area, files out of the catalog's order."""
    catalogs = {lang: read(lang) for lang in LANGUAGES}
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


REPRODUCIBLE_DATE = datetime(2020, 1, 1, tzinfo=UTC)


def compiled(lang: Lang) -> bytes:
    """The ``.mo`` bytes of ``lang``'s catalog."""
    catalog = read(lang)
    # Babel stamps the header with the time of reading: a fixed one makes the bytes depend on
    # the .po alone, so compiling unchanged catalogs changes no committed file.
    catalog.creation_date = REPRODUCIBLE_DATE
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
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
        found = problems() + order_problems()
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
