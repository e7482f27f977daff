"""The message catalogs: complete, consistent, compiled; the language is a context, not a switch."""

from __future__ import annotations

import io
import threading
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from dvtui.i18n import LANGUAGES, current_language, language, set_language, t, translator
from dvtui.i18n.catalogs import compiled, messages_of_mo, order_problems, problems
from dvtui.i18n.pofiles import AREAS, area_of, canonical_text, po_path, read
from dvtui.i18n.usage import families, scan


def test_every_key_the_code_uses_is_in_every_catalog_with_the_same_placeholders() -> None:
    assert problems() == []  # no dynamic key, none missing or unused, plurals, placeholders
    assert order_problems() == []


def test_the_compiled_catalogs_are_those_of_the_po_files() -> None:
    for lang in LANGUAGES:
        mo = Path(po_path(lang)).with_suffix(".mo")
        have, want = messages_of_mo(mo.read_bytes()), messages_of_mo(compiled(lang))
        assert have == want, f"run `make messages` ({lang})"
        # and byte for byte: compiling an unchanged catalog changes no committed file
        assert mo.read_bytes() == compiled(lang), f"run `make messages` ({lang})"


def test_a_thread_speaking_vietnamese_leaves_the_ui_in_english() -> None:
    set_language("en")
    inside = threading.Event()
    leave = threading.Event()
    seen: list[str] = []

    def worker() -> None:
        with language("vi"):  # what a save worker does for its commit message
            seen.append(t("ui.key.save"))
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(5)
    try:
        assert current_language() == "en"
        assert t("ui.key.save") == translator("en").t("ui.key.save")
    finally:
        leave.set()
        thread.join()
    assert seen == [translator("vi").t("ui.key.save")]
    assert seen != [translator("en").t("ui.key.save")]


def test_a_message_added_anywhere_is_put_in_its_area_in_every_catalog() -> None:
    for lang in LANGUAGES:
        text = po_path(lang).read_text(encoding="utf-8")
        assert canonical_text(text, lang) == text, "run `make messages`"
        entry = next(e for e in text.split("\n\n") if 'msgid "err.sync.offline"' in e)
        moved = text.replace(entry + "\n\n", "") + "\n" + entry + "\n"
        assert moved != text
        assert canonical_text(moved, lang) == text


def test_each_area_of_the_catalog_has_its_heading_once() -> None:
    text = po_path("vi").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("# ── ")]
    assert headings == [f"# ── {title} ──" for title, _prefixes in AREAS]
    sync = next(i for i, (title, _prefixes) in enumerate(AREAS) if title == "Sync and merge")
    assert area_of("err.sync.offline") == sync
    assert area_of("no-such-area.key") is None


SAMPLE = """\
from dvtui.i18n import N_, t, tn

STATUS = {"missing": N_("status.report.missing")}


def shown(slug: str, tab: str, n: int) -> list[str]:
    return [
        t(STATUS[slug]),
        t(f"status.report.{slug}"),
        t("ui.tab." + tab),
        f"{t('ui.saved', sha='x')} …",
        tn("ui.n_items", n),
        t("ui.n_items"),
    ]


KEY = f"audit.sig.{STATUS}"
"""


def sample_catalog(lang: str, entries: str) -> Catalog:
    header = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    return read_po(io.StringIO(header + entries), locale=lang, domain="dvtui")


def test_the_check_fails_on_keys_built_at_run_time_and_keys_babel_cannot_see(
    tmp_path: Path,
) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "shown.py").write_text(SAMPLE, encoding="utf-8")
    vi = read("vi")
    found = scan(package, families(m.id for m in vi if isinstance(m.id, str) and m.id))
    assert sorted(found.dynamic, key=lambda w: int(w.split(":")[1])) == [
        "pkg/shown.py:9",  # t(f"status.report.{slug}")
        "pkg/shown.py:10",  # t("ui.tab." + tab)
        "pkg/shown.py:17",  # KEY = f"audit.sig.{…}": a key family, built
    ]
    assert [u.key for u in found.hidden] == ["ui.saved"]  # inside an f-string: Babel misses it
    plural = {u.key: u.plural for u in found.uses}
    assert plural["status.report.missing"] is None and plural["ui.saved"] is False


def test_the_check_fails_on_missing_unused_plural_misuse_and_placeholders(
    tmp_path: Path,
) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "shown.py").write_text(
        'from dvtui.i18n import t, tn\nA = t("a.used", n=1)\nB = tn("a.count", 2)\n'
        'C = t("a.count")\nD = t("a.gone")\n',
        encoding="utf-8",
    )
    vi = sample_catalog(
        "vi",
        'msgid "a.used"\nmsgstr "{n} cái"\n\n'
        'msgid "a.count"\nmsgid_plural "a.count"\nmsgstr[0] "{n} mục"\n\n'
        'msgid "a.stale"\nmsgstr "cũ"\n\n'
        'msgid "a.gone"\nmsgstr "đã mất"\n',
    )
    en = sample_catalog(
        "en",
        'msgid "a.used"\nmsgstr "{count} things"\n\n'
        'msgid "a.count"\nmsgid_plural "a.count"\nmsgstr[0] "one item"\nmsgstr[1] "{n} items"\n\n'
        'msgid "a.stale"\nmsgstr "old"\n',
    )
    found = problems(package, {"vi": vi, "en": en})
    assert "pkg/shown.py:4: a.count: a plural message in vi: use tn()" in found
    assert "pkg/shown.py:4: a.count: a plural message in en: use tn()" in found
    assert "pkg/shown.py:5: a.gone: missing from en" in found
    assert "vi: a.stale: used nowhere in the code (delete it, or write it out)" in found
    assert "en: a.used: placeholders count, not ['n']" in found
    assert not any("a.count: placeholders" in p for p in found)  # "one item": n may go
    assert len(found) == 6, found


def test_plural_messages_have_english_forms_and_one_vietnamese_form() -> None:
    assert translator("en").tn("record.count", 1) == "1 record"
    assert translator("en").tn("record.count", 3) == "3 records"
    assert translator("vi").tn("record.count", 1) == "1 hồ sơ"
    assert translator("vi").tn("record.count", 3) == "3 hồ sơ"
    for lang in LANGUAGES:
        catalog = read(lang)
        counted = [m for m in catalog if m.id and "{n}" in str(m.string)]
        assert counted and all(m.pluralizable for m in counted), [
            m.id for m in counted if not m.pluralizable
        ]
