"""The message catalogs: complete, consistent, compiled; the language is a context, not a switch."""

from __future__ import annotations

import threading
from pathlib import Path

from dvtui.i18n import LANGUAGES, current_language, language, set_language, t, translator
from dvtui.i18n.catalogs import compiled, messages_of_mo, problems
from dvtui.i18n.pofiles import AREAS, area_of, canonical_text, po_path


def test_every_key_the_code_uses_is_in_every_catalog_with_the_same_placeholders() -> None:
    assert problems() == []


def test_the_compiled_catalogs_are_those_of_the_po_files() -> None:
    for lang in LANGUAGES:
        mo = Path(po_path(lang)).with_suffix(".mo")
        have, want = messages_of_mo(mo.read_bytes()), messages_of_mo(compiled(lang))
        assert have == want, f"run `make messages` ({lang})"


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
