"""Files a hostile or careless colleague can push: each is one problem line, never a crash.

Issue 12, items 1, 2, 4 (64-bit integers) and 7. A data repo is shared: whatever one clone
commits, every clone receives, and keeps in its history. So every command that reads —
``validate``, ``list``, ``status``, ``show``, ``set``, ``log``, ``audit``, ``review`` — must
answer such a file with ``file: reason`` and go on; nothing may hang on a FIFO or follow a
symlink out of the repository. Real repositories; the command line runs in the test's process
(``cli``, stopped by SIGALRM after TIMEOUT: a hang fails the test), the merge driver as git
runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli, git

from dvtui.core import codec
from dvtui.core.limits import INT_MAX, MAX_DEPTH, MAX_KEY_CHARS, MAX_KEY_PARTS

EVIL = "records/units/evil.toml"
UNIT_HEAD = 'schema = 1\nname = "UBND xã Ác"\nkind = "commune"\n'
QUAI_CANG = "reports/2023-h1/ubnd-xa-quai-cang"
TIMEOUT = 60  # a command that takes longer is hanging (the old FIFO and header cases)

# name -> (the file's text, the start of the reason dvtui must give)
HOSTILE: dict[str, tuple[str, str]] = {
    "arrays-600-deep": (UNIT_HEAD + "x = " + "[" * 600 + "]" * 600 + "\n", "lồng nhau quá sâu"),
    "inline-tables-600-deep": (
        UNIT_HEAD + "x = " + "{a = " * 600 + "1" + "}" * 600 + "\n",
        "lồng nhau quá sâu",
    ),
    "integer-5000-digits": (UNIT_HEAD + "x = " + "7" * 5000 + "\n", "số nguyên ở dòng"),
    "header-300kb": (
        "schema = 1\n[" + ".".join(["a"] * 150_000) + "]\n",
        "khoá hoặc tiêu đề bảng có quá nhiều phần",
    ),
    "header-quoted-long": (
        UNIT_HEAD + '["' + "k" * 100_000 + '"]\n',
        "khoá hoặc tiêu đề bảng quá dài",
    ),
}


def run(repo: Path, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """The command line; a traceback is a failure whatever the exit code (in this process an
    uncaught error is raised in the test, a hang is :class:`conftest.Hung`)."""
    result = cli("--repo", str(repo), *args, timeout=timeout)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


def commit_file(repo: Path, relpath: str, text: str, message: str = "Sửa tay") -> None:
    path = repo / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    git(repo, "add", relpath)
    git(repo, "commit", "-q", "-m", message)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_record_in_history_is_one_problem_for_every_command(
    repo_path: Path, case: str
) -> None:
    text, reason = HOSTILE[case]
    commit_file(repo_path, EVIL, text)
    line = f"{EVIL}: {reason}"

    validate = run(repo_path, "validate")
    assert validate.returncode == 1
    assert [ln for ln in validate.stdout.splitlines() if ln.startswith(EVIL)] == [
        next(ln for ln in validate.stdout.splitlines() if ln.startswith(line))
    ]
    listed = run(repo_path, "list", "units")
    assert listed.returncode == 0 and "UBND xã Quài Cang" in listed.stdout
    assert run(repo_path, "status").returncode == 0
    shown = run(repo_path, "show", "units/evil")
    assert shown.returncode == 1 and line in shown.stderr
    assert run(repo_path, "set", QUAI_CANG, "document_number=12/BC").returncode == 0

    log = run(repo_path, "log")
    assert log.returncode == 0 and "units/evil: tạo mới" in log.stdout
    assert run(repo_path, "log", "units/evil").returncode == 0
    audit = run(repo_path, "audit")
    assert audit.returncode == 1 and line in audit.stdout
    assert run(repo_path, "review").returncode in (0, 1)


@pytest.mark.parametrize("case", ["arrays-600-deep", "integer-5000-digits", "header-300kb"])
def test_a_hostile_settings_file_is_one_problem_and_the_rest_works(
    repo_path: Path, case: str
) -> None:
    text = HOSTILE[case][0].replace(UNIT_HEAD, "schema = 1\n")
    commit_file(repo_path, "dvtui.toml", text)
    validate = run(repo_path, "validate")
    assert validate.returncode == 1
    assert f"dvtui.toml: {HOSTILE[case][1]}" in validate.stdout
    assert run(repo_path, "list", "reports").returncode == 0
    assert run(repo_path, "audit").returncode == 1
    assert run(repo_path, "log").returncode == 0
    # Its layout is unknown, not old: nothing to migrate, and saves go on (as with a FIFO).
    saved = run(repo_path, "set", "reports/2023-h1/ubnd-xa-quai-cang", "figures.dialogues=3")
    assert saved.returncode == 0 and "migrate" not in saved.stderr, saved.stderr


def test_a_hostile_file_arriving_through_sync_leaves_both_clones_working(
    tmp_path: Path,
) -> None:
    from dvtui.services.setup import init_data_repo

    server = tmp_path / "server.git"
    first, second = tmp_path / "first", tmp_path / "second"
    init_data_repo(first)
    git(tmp_path, "init", "-q", "--bare", "--initial-branch=main", str(server))
    git(first, "remote", "add", "origin", str(server))
    assert run(first, "sync").returncode == 0
    assert cli("clone", str(server), str(second)).returncode == 0
    commit_file(first, EVIL, HOSTILE["arrays-600-deep"][0])
    commit_file(first, "records/units/evil2.toml", HOSTILE["integer-5000-digits"][0])
    assert run(first, "sync").returncode == 0
    # The second clone made its own version of one of them: git merges three hostile files.
    commit_file(second, "records/units/evil2.toml", HOSTILE["header-quoted-long"][0], "Bên kia")
    synced = run(second, "sync")
    assert synced.returncode == 3 and "units/evil2: cả tệp" in synced.stdout
    assert run(second, "resolve", "units/evil2", "*=theirs").returncode == 0
    assert run(first, "sync").returncode == 0
    for clone in (first, second):
        validate = run(clone, "validate")
        assert validate.returncode == 1
        assert f"{EVIL}: lồng nhau quá sâu" in validate.stdout
        assert "records/units/evil2.toml: số nguyên ở dòng 4" in validate.stdout
        assert run(clone, "log").returncode == 0
        assert run(clone, "audit").returncode == 1
        assert run(clone, "status", "--sync").returncode == 0


def test_the_merge_driver_answers_hostile_versions_with_a_conflict(tmp_path: Path) -> None:
    files = {}
    for name, case in (("base", "arrays-600-deep"), ("mine", "header-300kb"), ("theirs", "x")):
        text = HOSTILE[case][0] if case in HOSTILE else UNIT_HEAD + "x = " + "9" * 29 + "\n"
        files[name] = tmp_path / name
        files[name].write_text(text, encoding="utf-8")
    mine_before = files["mine"].read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "dvtui.storage.merge_driver"]
        + [str(files[n]) for n in ("base", "mine", "theirs")]
        + [EVIL],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 1, done.stderr  # a conflict for a person: never a crash
    assert "Traceback" not in done.stderr and "Error" not in done.stderr
    assert files["mine"].read_bytes() == mine_before


# --- every reader goes through the limits ---------------------------------------------------


def test_no_module_parses_toml_but_the_codec() -> None:
    # One place decodes bytes into tables: a second parser would skip the limits.
    package = Path(codec.__file__).resolve().parent.parent
    users = sorted(
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if "tomllib" in p.read_text(encoding="utf-8").replace("tomllib is", "")
    )
    assert users == ["core/codec.py", "core/limits.py"]
    limits_text = (package / "core" / "limits.py").read_text(encoding="utf-8")
    assert "import tomllib" not in limits_text


ABOVE_LIMITS: dict[str, tuple[str, str]] = {
    "arrays": ("x = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "err.limit.depth"),
    "inline-tables": (
        "x = " + "{a=" * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1),
        "err.limit.depth",
    ),
    "header-parts": ("[" + ".".join(["a"] * (MAX_KEY_PARTS + 1)) + "]", "err.limit.key_parts"),
    "key-parts": (".".join(["a"] * (MAX_KEY_PARTS + 1)) + " = 1", "err.limit.key_parts"),
    "bare-key": ("k" * (MAX_KEY_CHARS + 1) + " = 1", "err.limit.key_length"),
    "quoted-key": ('"' + "k" * (MAX_KEY_CHARS + 1) + '" = 1', "err.limit.key_length"),
    "int-max+1": ("x = " + str(INT_MAX + 1), "err.limit.integer"),
    "int-min-1": ("x = " + str(-INT_MAX - 2), "err.limit.integer"),
    "hex": ("x = 0x" + "f" * 17, "err.limit.integer"),
    "binary": ("x = 0b1" + "0" * 64, "err.limit.integer"),
    "underscores": ("x = 1_000_000_000_000_000_000_000", "err.limit.integer"),
}
WITHIN_LIMITS: dict[str, str] = {
    "arrays": "x = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH,
    "header-parts": "[" + ".".join(["a"] * MAX_KEY_PARTS) + "]",
    "bare-key": "k" * MAX_KEY_CHARS + " = 1",
    "int-range": f"x = {INT_MAX}\ny = {-INT_MAX - 1}",
    "string": 'x = "' + "[{." * 100_000 + '"',  # brackets and dots in a string: not structure
    "literal-multiline": "x = '''\n" + "[[[[....\n" * 5000 + "'''",
    "basic-multiline": 'x = """\n' + "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r\n" * 50 + '"""',
    "comment": "# " + "[" * 1000 + "\nx = 1",
    "digits-in-values": 'p = "091234567890123456789"\nd = 2023-05-15\nt = 07:32:00.99999999999999',
}


@pytest.mark.parametrize("case", list(ABOVE_LIMITS))
def test_each_limit_is_refused_just_above_it(case: str) -> None:
    text, code = ABOVE_LIMITS[case]
    table, problems = codec.read_table("records/units/x.toml", text.encode())
    assert table is None and [p.code for p in problems] == [code]
    assert "line" in problems[0].args


@pytest.mark.parametrize("case", list(WITHIN_LIMITS))
def test_what_is_within_the_limits_still_parses(case: str) -> None:
    table, problems = codec.read_table("records/units/x.toml", WITHIN_LIMITS[case].encode())
    assert problems == [] and table is not None


def test_a_count_beyond_64_bits_is_refused_in_a_file_and_when_typed(repo_path: Path) -> None:
    relpath = f"records/{QUAI_CANG}.toml"
    path = repo_path / relpath
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\n[figures]\ndialogues = " + "9" * 29 + "\n", encoding="utf-8")
    validate = run(repo_path, "validate")
    assert f"{relpath}: số nguyên ở dòng" in validate.stdout
    path.write_text(original, encoding="utf-8")
    done = run(repo_path, "set", QUAI_CANG, f"figures.dialogues={'9' * 29}")
    assert done.returncode == 1 and "figures.dialogues: số quá lớn" in done.stderr
    assert path.read_text(encoding="utf-8") == original
    assert run(repo_path, "set", QUAI_CANG, f"figures.dialogues={INT_MAX}").returncode == 0


# --- file types: never wait on a FIFO ---------------------------------------------------------


@pytest.mark.parametrize("where", ["records/units/f.toml", "dvtui.toml"])
def test_a_fifo_named_like_a_record_never_hangs_a_command(repo_path: Path, where: str) -> None:
    if where == "dvtui.toml":
        (repo_path / where).unlink()
    os.mkfifo(repo_path / where)
    expected = f"{where}: không phải tệp thường"
    validate = run(repo_path, "validate")
    assert validate.returncode == 1 and expected in validate.stdout
    assert run(repo_path, "list", "units").returncode == 0
    assert run(repo_path, "status").returncode == 0
    assert run(repo_path, "set", QUAI_CANG, "document_number=7/BC").returncode == 0
    if where != "dvtui.toml":
        shown = run(repo_path, "show", "units/f")
        assert shown.returncode == 1 and expected in shown.stderr
        refused = run(repo_path, "set", "units/f", "name=X")
        assert refused.returncode == 1 and expected in refused.stderr


@pytest.mark.parametrize("where", ["dvtui-save.json", "info/attributes", "dvtui-conflicts.json"])
def test_a_fifo_in_place_of_a_file_dvtui_keeps_in_git_never_hangs_a_command(
    repo_path: Path, where: str
) -> None:
    """The save journal, dvtui's attributes, the sync's conflict state: read without blocking
    (the caches too: ``test_a_cache_file_that_is_not_a_regular_file_is_ignored``)."""
    path = repo_path / ".git" / where
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    assert run(repo_path, "validate").returncode == 0
    assert run(repo_path, "status").returncode == 0
    assert run(repo_path, "set", QUAI_CANG, "document_number=7/BC").returncode == 0
    assert "7/BC" in git(repo_path, "show", f"HEAD:records/{QUAI_CANG}.toml")


# --- symlinks: reads refuse, as writes do, whatever leads out -------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the repo holding a record-shaped secret."""
    folder = tmp_path / "x" / ".config"
    folder.mkdir(parents=True)
    (folder / "evil.toml").write_text(
        'schema = 1\nname = "BÍ MẬT NGOÀI KHO"\nkind = "2023-h1"\ndue = 2023-05-15\n'
        'plan = "2023"\n',
        encoding="utf-8",
    )
    return folder


def _push_symlink(tmp_path: Path, link: str, target: str) -> Path:
    """A symlink committed in one clone and received by another (as an office would)."""
    from dvtui.services.setup import init_data_repo

    server, first, second = tmp_path / "s.git", tmp_path / "first", tmp_path / "second"
    init_data_repo(first)
    git(tmp_path, "init", "-q", "--bare", "--initial-branch=main", str(server))
    git(first, "remote", "add", "origin", str(server))
    path = first / link
    if path.is_dir():
        git(first, "rm", "-rq", link)
    path.symlink_to(target)
    git(first, "add", link)
    git(first, "commit", "-q", "-m", "symlink")
    git(first, "push", "-q", "origin", "main")
    git(tmp_path, "clone", "-q", str(server), str(second))
    assert (second / link).is_symlink()
    return second


@pytest.mark.parametrize(
    ("link", "target", "show"),
    [
        ("records/periods", "../../x/.config", "periods/evil"),
        ("records", "../x/.config/..", "periods/evil"),
    ],
)
def test_a_pushed_symlink_never_lets_a_read_leave_the_repo(
    tmp_path: Path, outside: Path, link: str, target: str, show: str
) -> None:
    repo = _push_symlink(tmp_path, link, target)
    if link == "records":  # the folder it points at looks like a records/ tree
        (outside.parent / "periods").mkdir()
        (outside / "evil.toml").rename(outside.parent / "periods" / "evil.toml")
    shown = run(repo, "show", show)
    assert shown.returncode == 1
    assert "BÍ MẬT" not in shown.stdout + shown.stderr
    assert f"nằm trong “{link}”, là liên kết tượng trưng" in shown.stderr
    validate = run(repo, "validate")
    assert validate.returncode == 1 and f"{link}: là liên kết tượng trưng" in validate.stdout
    assert "BÍ MẬT" not in validate.stdout
    listed = run(repo, "list", "periods", "--format", "json")
    assert "BÍ MẬT" not in listed.stdout


def test_a_symlinked_settings_file_is_not_read(repo_path: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.toml"
    secret.write_text("schema = 1\nrequire_signed_commits = 7\n", encoding="utf-8")
    (repo_path / "dvtui.toml").unlink()
    (repo_path / "dvtui.toml").symlink_to(secret)
    validate = run(repo_path, "validate")
    assert "dvtui.toml: là liên kết tượng trưng" in validate.stdout
    assert "require_signed_commits" not in validate.stdout


# --- the UI: never stuck on "Đang tải…" -------------------------------------------------------


async def _loaded(app: object, pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _dashboard_text(app: object) -> str:
    from textual.widgets import Static

    from dvtui.tui.app import DvtuiApp

    assert isinstance(app, DvtuiApp)
    return str(app.screen.query_one("#dashboard-body", Static).content)


async def test_the_ui_loads_and_names_a_hostile_file(repo_path: Path) -> None:
    from datetime import date

    from dvtui.storage import Store
    from dvtui.tui.app import DvtuiApp

    commit_file(repo_path, EVIL, HOSTILE["arrays-600-deep"][0])
    commit_file(repo_path, "dvtui.toml", HOSTILE["integer-5000-digits"][0])
    os.mkfifo(repo_path / "records" / "units" / "f.toml")
    app = DvtuiApp(Store(repo_path), today=date(2023, 6, 1), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _loaded(app, pilot)
        assert app.data is not None
        problems = {p.file for p in app.data.problems}
        assert {EVIL, "dvtui.toml", "records/units/f.toml"} <= problems
        assert "Đang tải" not in _dashboard_text(app)


async def test_a_load_that_fails_says_so_instead_of_loading_for_ever(repo_path: Path) -> None:
    from datetime import date

    from dvtui.storage import Store
    from dvtui.tui.app import DvtuiApp

    store = Store(repo_path)
    head = repo_path / ".git" / "HEAD"
    head.unlink()
    head.mkdir()  # a repository broken underneath the open Store: its state can't be read
    app = DvtuiApp(store, today=date(2023, 6, 1), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _loaded(app, pilot)
        text = _dashboard_text(app)
        assert "Đang tải" not in text and "Không tải được dữ liệu" in text


def test_a_hex_prefix_before_a_string_is_a_toml_problem_not_a_crash() -> None:
    # Found by test_fuzz: the limits' scan blanks strings, and "0x" followed by blanks held
    # no digits at all (int("", 16) raised).
    data = b'name = "x"\n0x' + b'""' * 100
    table, problems = codec.read_table("records/units/x.toml", data)
    assert table is None and [p.code for p in problems] == ["err.toml"]
