"""One save path (issue 10): sign-offs and summaries save through the Store like any record,
and a missing git identity is asked the same way for each."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from conftest import git, write_gitconfig
from pilothelp import QUAI_CANG_H1, commit_count, make_app, settle, wait_until
from textual.widgets import Input

from dvtui.core.ids import RecordId
from dvtui.core.records import Report, Summary
from dvtui.services.summary import save_summary
from dvtui.storage import Store
from dvtui.tui.screens.identity import IdentityScreen
from dvtui.tui.screens.review import ReviewScreen


async def test_a_sign_off_without_an_identity_asks_for_it_then_saves(
    repo_path: Path, isolated_git: Path
) -> None:
    Store(repo_path).set_fields(RecordId.parse(QUAI_CANG_H1), {"document_number": "9/BC"})
    write_gitconfig(isolated_git, name=None, email=None)
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await wait_until(
            pilot, lambda: "9/BC" in str(app.screen.query_one("#review-body").render())
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IdentityScreen)  # asked, as every other save asks
        assert commit_count(repo_path) == before
        app.screen.query_one("#name", Input).value = "Lò Văn Minh"
        app.screen.query_one("#email", Input).value = "minh@tuangiao.example"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: commit_count(repo_path) == before + 1)
        assert isinstance(app.screen, ReviewScreen)
    assert git(repo_path, "log", "-1", "--format=%an").strip() == "Lò Văn Minh"
    assert "reviews/" in git(repo_path, "log", "-1", "--format=%B")


def test_a_summary_is_created_then_updated_through_the_stores_fields(store: Store) -> None:
    result = save_summary(store, "2023-h1", {"number": "125", "issued_on": "20/05/2023"})
    assert isinstance(result.record, Summary)
    assert result.record.number == "125"
    again = save_summary(store, "2023-h1", {"leadership": "Chỉ đạo kịp thời"})
    assert isinstance(again.record, Summary)
    assert (again.record.number, again.record.leadership) == ("125", "Chỉ đạo kịp thời")


def test_a_second_save_before_any_full_load_merges_against_what_the_first_wrote(
    repo_path: Path,
) -> None:
    # The Store's one record cache: what a save wrote is what the next save merges against.
    # (With a cache per purpose, the first save dropped the record from the one that gave
    # the default base, and the second save wrote its whole record over a colleague's.)
    rid = RecordId.parse(QUAI_CANG_H1)
    mine, theirs = Store(repo_path), Store(repo_path)
    first = mine.set_fields(rid, {"document_number": "9/BC"}).record
    theirs.set_fields(rid, {"figures.dialogues": "4"})
    assert isinstance(first, Report)
    mine.save(dataclasses.replace(first, review_note="Đủ số liệu"))
    saved = Store(repo_path).get(rid)
    assert isinstance(saved, Report)
    assert (saved.document_number, saved.review_note) == ("9/BC", "Đủ số liệu")
    assert saved.figures.dialogues == 4  # the colleague's save is kept


# What makes a commit or moves the files of the working tree: only the Store calls these.
COMMITTING = {"commit", "commit_tree", "fast_forward", "commit_merge"}
# The one exception: ``dvtui init`` commits the new repository's first tree before any Store
# can be opened on it (no record to merge against; it asks git for the identity too).
MAY_COMMIT = ("git/", "storage/store.py", "services/setup.py")


def committing_calls(source: str) -> list[str]:
    """The calls in ``source`` of a method or function named in COMMITTING, but the Store's
    own (``store.commit_merge(…)``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr in COMMITTING and not (
                isinstance(func.value, ast.Name) and func.value.id == "store"
            ):
                found.append(f"{func.attr}:{node.lineno}")
        elif isinstance(func, ast.Name) and func.id in COMMITTING:
            found.append(f"{func.id}:{node.lineno}")
    return found


def test_only_the_store_commits_records_or_moves_the_working_tree() -> None:
    """Saves, deletions, batches, sign-offs, summaries, migrations, roll-overs and a sync's
    merge all commit through the Store, which asks for a missing identity one way."""
    package = Path(__file__).resolve().parent.parent / "dvtui"
    bad = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if not rel.startswith(MAY_COMMIT):
            found = committing_calls(path.read_text(encoding="utf-8"))
            if found:
                bad[rel] = found
    assert bad == {}
    assert committing_calls("repo.commit(p, m)\nstore.commit_merge(t, p, m)\ncommit_tree(r)") == [
        "commit:1",
        "commit_tree:3",
    ]
