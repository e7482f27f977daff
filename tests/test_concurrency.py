"""Two programs saving at the same moment: both commits land, in some order, nothing is lost.

Two long-lived saver processes (``tests/crash/harness.py child serve``, each a real Store,
like an open UI) get their commands in the same instant, round after round: different
records, the same record (different fields), a new record beside an update. Then real
CLIs started together, and the UI (through Pilot) saving while a CLI saves.

``DVTUI_CONCURRENCY_ROUNDS`` sets the number of rounds (20 here; ``make crash`` runs 100).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NotRequired, TypedDict

import pytest
from conftest import git
from crash import harness
from pilothelp import open_report, settle
from textual.widgets import Input

from dvtui.core import codec
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
from dvtui.tui.screens.forms import ReportForm

ROUNDS = int(os.environ.get("DVTUI_CONCURRENCY_ROUNDS", "20"))
UNITS = harness.UNITS
LANDED: list[int] = []  # commits that landed, per test, for the summary line


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    """Say how many concurrent saves were tried (``make crash`` prints it)."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None or not LANDED:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(
            f"\nconcurrency: {sum(LANDED)} saves made two at a time, every one landed "
            "and kept (or, for the same field changed two ways, refused with a message)"
        )


class SaveCommand(TypedDict):
    """One line to a saver process (see ``harness.serve_main``)."""

    id: str
    fields: dict[str, str]
    fresh: NotRequired[bool]
    create: NotRequired[bool]


class Saver:
    """A saver process: send a command, read its answer."""

    def __init__(self, repo: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, harness.__file__, "child", "serve", str(repo)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline() == "ready\n"

    def send(self, command: SaveCommand) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()

    def answer(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read() if self.proc.stderr else ""
        return line.strip()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@contextmanager
def savers(repo: Path) -> Iterator[tuple[Saver, Saver]]:
    a, b = Saver(repo), Saver(repo)
    try:
        yield a, b
    finally:
        a.close()
        b.close()


def field(repo: Path, rid: str, dotted: str) -> Any:
    """A field of a record as it is on disk now."""
    record, problems = codec.decode(
        f"records/{rid}.toml", (repo / f"records/{rid}.toml").read_bytes()
    )
    assert record is not None, problems
    value: Any = record
    for part in dotted.split("."):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def round_commands(n: int) -> tuple[SaveCommand, SaveCommand, list[tuple[str, str, int | str]]]:
    """Two commands for round ``n`` and the (record, field, value) each must leave."""
    unit_a, unit_b = UNITS[n % len(UNITS)], UNITS[(n + 1) % len(UNITS)]
    fresh = n % 4 == 3  # now and then a new Store, as a new CLI would open
    shape = n % 3
    if shape == 0:  # two different records
        ra, rb = f"reports/2023-h1/{unit_a}", f"reports/2023-year/{unit_b}"
        fa, fb = "document_number", "document_number"
    elif shape == 1:  # the same record, different fields
        ra = rb = f"reports/2023-h1/{unit_a}"
        fa, fb = "document_number", "narrative.2023-ii-1"
    else:  # a new record beside an update
        ra, rb = f"models/2023/mo-hinh-{n}", f"reports/2023-year/{unit_a}"
        fa, fb = "name", "figures.dialogues"
    va = f"Mô hình số {n}" if shape == 2 else f"{n}/BC-UBND"
    vb = str(n + 1) if fb == "figures.dialogues" else f"Vòng {n}: đối thoại với Nhân dân"
    a: SaveCommand = {"id": ra, "fields": {fa: va}, "fresh": fresh}
    if shape == 2:
        a["create"] = True
        a["fields"] = {"kind": "model", "name": va, "unit": unit_a, "sector": "economy"}
    b: SaveCommand = {"id": rb, "fields": {fb: vb}, "fresh": fresh}
    expect = [(ra, fa, va), (rb, fb, int(vb) if fb == "figures.dialogues" else vb)]
    return a, b, expect


def test_two_savers_at_the_same_moment(repo_path: Path) -> None:
    lost: list[str] = []
    with savers(repo_path) as (a, b):
        for n in range(ROUNDS):
            before = commits(repo_path)
            ca, cb, expect = round_commands(n)
            a.send(ca)
            b.send(cb)
            answers = [a.answer(), b.answer()]
            assert all(x.startswith("ok ") for x in answers), (n, answers)
            assert commits(repo_path) == before + 2, n
            for rid, name, value in expect:
                if field(repo_path, rid, name) != value:
                    lost.append(f"round {n}: {rid} {name}")
    assert lost == []
    assert git(repo_path, "status", "--porcelain") == ""
    assert git(repo_path, "fsck", "--no-dangling", "--no-progress") == ""
    assert commits(repo_path) == 1 + 2 * ROUNDS
    LANDED.append(2 * ROUNDS)


def test_the_same_field_two_ways_at_once_is_refused_not_lost(repo_path: Path) -> None:
    rid = "reports/2023-h1/ubnd-xa-quai-cang"
    with savers(repo_path) as (a, b):
        a.send({"id": rid, "fields": {"document_number": "1/BC-UBND"}})
        b.send({"id": rid, "fields": {"document_number": "2/BC-UBND"}})
        answers = sorted([a.answer(), b.answer()])
    assert answers[0].startswith("error ") and answers[1].startswith("ok ")
    assert "vừa được người khác sửa cùng trường (Số văn bản)" in answers[0]
    assert commits(repo_path) == 2
    assert field(repo_path, rid, "document_number") in ("1/BC-UBND", "2/BC-UBND")
    assert git(repo_path, "status", "--porcelain") == ""


def test_two_real_clis_started_together(repo_path: Path) -> None:
    rounds = max(3, ROUNDS // 4)
    for n in range(rounds):
        rid = f"reports/2023-h1/{UNITS[n % len(UNITS)]}"
        args = [
            [rid, f"document_number={n}/BC-UBND"],
            [
                rid if n % 2 else f"reports/2023-year/{UNITS[n % len(UNITS)]}",
                f"figures.dialogues={n + 1}",
            ],
        ]
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "dvtui", "--repo", str(repo_path), "set", *a],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for a in args
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
        assert field(repo_path, args[0][0], "document_number") == f"{n}/BC-UBND"
        assert field(repo_path, args[1][0], "figures.dialogues") == n + 1
    assert commits(repo_path) == 1 + 2 * rounds
    assert git(repo_path, "status", "--porcelain") == ""
    LANDED.append(2 * rounds)


@pytest.mark.parametrize("same_record", [True, False])
async def test_the_ui_and_a_cli_saving_at_once(repo_path: Path, same_record: bool) -> None:
    quai_cang = "reports/2023-h1/ubnd-xa-quai-cang"
    other = quai_cang if same_record else "reports/2023-year/ubnd-xa-ta-ma"
    app = DvtuiApp(Store(repo_path), today=date(2023, 5, 20), watch=False)
    rounds = 2
    with savers(repo_path) as (cli, _unused):
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            for n in range(rounds):
                form = await open_report(pilot, "quai cang")
                form.query_one("#f-document_number", Input).value = f"{n}/BC-UBND"
                cli.send({"id": other, "fields": {"narrative.2023-ii-1": f"Vòng {n}"}})
                await pilot.press("ctrl+s")
                assert cli.answer().startswith("ok ")
                await settle(pilot)
                assert not isinstance(app.screen, ReportForm), "the UI save failed"
                assert field(repo_path, quai_cang, "document_number") == f"{n}/BC-UBND"
                assert field(repo_path, other, "narrative")["2023-ii-1"] == f"Vòng {n}"
    assert commits(repo_path) == 1 + 2 * rounds
    assert git(repo_path, "status", "--porcelain") == ""
    LANDED.append(2 * rounds)
