"""Crash harness: kill a real dvtui save with SIGKILL at many points and check what is left.

Each case copies a fresh data repo, starts one save in a subprocess and kills it:

* ``point``  — the real CLI (``python -m dvtui set …``) with ``DVTUI_CRASH_AT=<point>``: the
  save kills itself at a named step (see ``dvtui/storage/crash.py``);
* ``hook``   — a git hook of the case repo kills the whole process group (dvtui, git and the
  hook) from inside ``git commit``: while git holds ``index.lock`` (``pre-commit``), while
  it holds the ref locks (``reference-transaction prepared``), after the ref moved but
  before the index was written (``reference-transaction committed``), or after everything
  (``post-commit``) — the states a power cut inside git leaves;
* ``timed``  — a random delay after the save started (the child says "ready" right before
  calling ``Store.save``), then SIGKILL to the dvtui process alone (its git child finishes
  as an orphan) or to its whole process group (dvtui and git die together).

After each kill, before any dvtui touches the repo again, it checks: every record parses;
every record is byte-for-byte its old version or (the one being saved) its new version;
``git fsck`` is clean; HEAD is either unchanged or one new commit holding exactly the new
version. Then a next save (in this process, through the real Store) must work; after it the
killed save is either committed or cleanly absent (file and index back to HEAD), no lock,
journal or temp file is left, and the working tree is clean.

Run ``python tests/crash/harness.py 200`` (``make crash``) for the long version.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from dvtui.core import codec
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.core.records import KINDS, Record
from dvtui.core.schema import assign, from_table, parse_field, to_table
from dvtui.git.dirs import find_git_dirs
from dvtui.git.locks import lock_files
from dvtui.services.setup import init_data_repo
from dvtui.storage import Store
from dvtui.storage.crash import ENV, POINTS
from dvtui.storage.journal import JOURNAL_NAME

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ("pre-commit", "ref-prepared", "ref-committed", "post-commit")
HOOK_ENV = "DVTUI_TEST_KILL_HOOK"
MAX_DELAY = 0.150  # timed kills land 0–150 ms after the save started …
TIMED_SPREAD = 1.3  # … or up to 1.3 × a measured save, whichever is longer

_HOOK_SCRIPTS = {
    "pre-commit": f'[ "${HOOK_ENV}" = pre-commit ] && kill -KILL 0\nexit 0\n',
    "post-commit": f'[ "${HOOK_ENV}" = post-commit ] && kill -KILL 0\nexit 0\n',
    "reference-transaction": (
        f'[ "${HOOK_ENV}" = ref-prepared ] && [ "$1" = prepared ] && kill -KILL 0\n'
        f'[ "${HOOK_ENV}" = ref-committed ] && [ "$1" = committed ] && kill -KILL 0\n'
        "cat >/dev/null\nexit 0\n"
    ),
}


# --- the save that gets killed (runs in the subprocess) ----------------------------------------


def child_main(argv: list[str]) -> int:
    """``harness.py child set|create REPO ID field=value …``: one real save, "ready" first."""
    if argv[0] == "serve":
        return serve_main(argv[1])
    mode, repo, rid_text, *pairs = argv
    wait = mode.endswith("-wait")  # then wait for a line on stdin after "ready": a barrier
    mode = mode.removesuffix("-wait")
    store = Store(Path(repo))
    store.load()
    rid = RecordId.parse(rid_text)
    assignments = dict(p.split("=", 1) for p in pairs)
    record = None if mode == "set" else build_record(rid, assignments)
    store.git.identity()  # identity read: the timed window covers the save alone
    print("ready", flush=True)
    if wait:
        sys.stdin.readline()
    started = time.perf_counter()
    if record is None:
        result = store.set_fields(rid, assignments)
    else:
        result = store.save(record, create=True)
    print(f"saved {result.sha} {time.perf_counter() - started:.4f}", flush=True)
    return 0


def serve_main(repo: str) -> int:
    """``harness.py child serve REPO``: a long-lived saver, like an open UI.

    Reads one JSON command a line — ``{"id": …, "fields": {…}, "create": false,
    "fresh": false}`` — saves it at once and answers ``ok <sha>`` or ``error <message>``.
    ``fresh`` opens a new Store first (as a new CLI would); otherwise the Store keeps the
    data it loaded before, which may be older than the other process's last save.
    """
    store = Store(Path(repo))
    store.load()
    store.git.identity()
    print("ready", flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("fresh"):
            store = Store(Path(repo))
        rid = RecordId.parse(command["id"])
        try:
            if command.get("create"):
                result = store.save(build_record(rid, command["fields"]), create=True)
            else:
                result = store.set_fields(rid, command["fields"])
        except DataError as exc:
            print(f"error {exc}", flush=True)
            continue
        print(f"ok {result.sha}", flush=True)
    return 0


def build_record(rid: RecordId, assignments: dict[str, str]) -> Record:
    """A new record of ``rid``'s kind from field texts (as a form would make it)."""
    cls = KINDS[rid.kind]
    table: dict[str, object] = {}
    for name, text in assignments.items():
        assign(table, name, parse_field(cls, name, text))
    record, issues = from_table(cls, table, id=rid)
    assert isinstance(record, cls) and not issues, issues
    return record


def expected_bytes(repo: Path, edit: Edit) -> bytes:
    """The bytes the save must write: the same steps as ``Store.set_fields``, without saving."""
    if edit.create:
        return codec.encode(build_record(edit.rid, edit.assignments))
    record, problems = codec.decode(edit.rid.relpath, (repo / edit.rid.relpath).read_bytes())
    assert record is not None, problems
    table = to_table(record)
    for name, text in edit.assignments.items():
        assign(table, name, parse_field(type(record), name, text))
    new, issues = from_table(type(record), table, id=edit.rid)
    assert new is not None, issues
    return codec.encode(new)


# --- cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One save: a record and the field texts it sets (or a new record)."""

    rid: RecordId
    assignments: dict[str, str]
    create: bool = False

    def args(self) -> list[str]:
        return [str(self.rid), *(f"{k}={v}" for k, v in self.assignments.items())]


@dataclass(frozen=True)
class Case:
    """How one save is killed."""

    number: int
    kind: str  # point | hook | timed
    where: str  # the crash point, the hook, or "pid"/"group" for a timed kill
    edit: Edit
    delay: float = 0.0
    seed: int = 0

    def __str__(self) -> str:
        extra = f" after {self.delay * 1000:.0f} ms" if self.kind == "timed" else ""
        what = "create" if self.edit.create else "update"
        return f"#{self.number} {self.kind}:{self.where}{extra} ({what} {self.edit.rid})"


UNITS = ("ubnd-xa-quai-cang", "ubnd-xa-ta-ma", "phong-noi-vu", "ubnd-thi-tran-tuan-giao")
WORDS = ("Đã tổ chức", "hội nghị", "đối thoại", "với Nhân dân", "xã Quài Nưa", "tháng 5")


def random_edit(rng: random.Random, create: bool) -> Edit:
    """A save that certainly changes something (random values)."""
    if create:
        slug = f"mo-hinh-{rng.randrange(10**8):08d}"
        return Edit(
            RecordId.parse(f"models/2023/{slug}"),
            {
                "kind": "model",
                "name": f"Mô hình “{rng.choice(WORDS)}” {rng.randrange(1000)}",
                "unit": rng.choice(UNITS),
                "sector": "economy",
            },
            create=True,
        )
    unit = rng.choice(UNITS)
    period = rng.choice(("2023-h1", "2023-year"))
    rid = RecordId.parse(f"reports/{period}/{unit}")
    choice = rng.randrange(3)
    if choice == 0:
        fields = {"document_number": f"{rng.randrange(1, 999)}/BC-UBND"}
    elif choice == 1:
        fields = {"figures.dialogues": str(rng.randrange(1, 500))}
    else:
        text = " ".join(rng.sample(WORDS, 3)) + f" {rng.randrange(10**6)}"
        fields = {"narrative.2023-ii-1": text}
    return Edit(rid, fields)


def plan_cases(count: int, seed: int) -> list[Case]:
    """Every named point and hook (updates and creates), then timed kills for the rest."""
    rng = random.Random(seed)
    fixed: list[tuple[str, str]] = [("point", p) for p in POINTS] + [("hook", h) for h in HOOKS]
    cases: list[Case] = []
    for create in (False, True):
        for kind, where in fixed:
            cases.append(Case(len(cases) + 1, kind, where, random_edit(rng, create)))
    while len(cases) < count:
        where = rng.choice(("pid", "group"))
        cases.append(
            Case(
                len(cases) + 1,
                "timed",
                where,
                random_edit(rng, rng.random() < 0.25),
                delay=rng.random(),  # a fraction of the window, scaled when run
                seed=rng.randrange(2**32),
            )
        )
    return cases[:count]


# --- the base repo ----------------------------------------------------------------------------


def make_base(folder: Path) -> Path:
    """A data repo with the killing hooks installed (inert unless the env var names them)."""
    base = folder / "base"
    init_data_repo(base)
    hooks = base / ".git" / "kill-hooks"
    hooks.mkdir()
    for name, body in _HOOK_SCRIPTS.items():
        script = hooks / name
        script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
        script.chmod(0o755)
    _git(base, "config", "core.hooksPath", str(hooks))
    return base


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=check
    )


def measure_save(base: Path, work: Path) -> float:
    """Seconds one uncrashed save takes here (the timed kills spread over it)."""
    repo = work / "measure"
    shutil.copytree(base, repo, symlinks=True)
    edit = random_edit(random.Random(0), False)
    proc = subprocess.run(
        [sys.executable, __file__, "child", "set", str(repo), *edit.args()],
        capture_output=True,
        text=True,
        check=True,
    )
    shutil.rmtree(repo)
    return float(proc.stdout.split()[-1])


# --- running and checking one case --------------------------------------------------------------


@dataclass
class Outcome:
    """What a killed save left: ``committed``, ``written`` (not committed), ``untouched``."""

    case: Case
    state: str
    leftovers: list[str] = field(default_factory=list)  # lock/temp/journal files after the kill
    notices: list[str] = field(default_factory=list)


def _env(case: Case) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(ENV, None)
    env.pop(HOOK_ENV, None)
    if case.kind == "point":
        env[ENV] = case.where
    elif case.kind == "hook":
        env[HOOK_ENV] = case.where
    return env


def run_case(base: Path, work: Path, case: Case, window: float) -> Outcome:
    """Copy the base repo, kill one save as ``case`` says, check everything; AssertionError."""
    repo = work / f"case-{case.number}"
    shutil.copytree(base, repo, symlinks=True)
    try:
        return _run_case(repo, case, window)
    except AssertionError as exc:
        raise AssertionError(f"{case}: {exc}  [repo kept at {repo}]") from None
    finally:
        if not os.environ.get("DVTUI_CRASH_KEEP"):
            shutil.rmtree(repo, ignore_errors=True)


def _run_case(repo: Path, case: Case, window: float) -> Outcome:
    before = snapshot(repo)
    head_before = _git(repo, "rev-parse", "HEAD").stdout.strip()
    new = expected_bytes(repo, case.edit)
    target = case.edit.rid.relpath
    mode = "create" if case.edit.create else "set"
    if case.kind == "timed" or case.edit.create:
        argv = [sys.executable, __file__, "child", mode, str(repo), *case.edit.args()]
    else:
        argv = [sys.executable, "-m", "dvtui", "--repo", str(repo), "set", *case.edit.args()]
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(case),
        start_new_session=True,  # its own process group: a "group" kill takes git too
    )
    if case.kind == "timed":
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == b"ready\n", (line, proc.stderr.read() if proc.stderr else b"")
        time.sleep(case.delay * max(MAX_DELAY, window * TIMED_SPREAD))
        try:
            if case.where == "group":
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                os.kill(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, err = proc.communicate(timeout=60)
    wait_for_group(proc.pid)
    if case.kind != "timed":
        assert proc.returncode == -signal.SIGKILL, (proc.returncode, err.decode())

    # --- what the kill left, before any dvtui opens the repo again ---
    after = snapshot(repo)
    temp = [p for p in after if p not in before and p != target]
    assert all(Path(p).name.endswith(".tmp") for p in temp), f"unexpected files {temp}"
    for rel, data in after.items():
        if rel in temp:
            continue
        record, problems = codec.decode(rel, data)
        assert record is not None and not problems, f"{rel} does not parse: {problems}"
        if rel == target:
            assert data == new or data == before.get(rel), f"{rel} is neither old nor new"
        else:
            assert data == before[rel], f"{rel} changed"
    for rel in before:
        if rel != target or not case.edit.create:
            assert rel in after, f"{rel} disappeared"
    fsck(repo)
    head = _git(repo, "rev-parse", "HEAD").stdout.strip()
    if head == head_before:
        state = "written" if after.get(target) == new else "untouched"
    else:
        check_commit(repo, head_before, target, new)
        state = "committed"
    git_dir = repo / ".git"
    dirs = find_git_dirs(repo)
    assert dirs is not None
    leftovers = [str(p.relative_to(repo)) for p in lock_files(dirs)] + temp
    if (git_dir / JOURNAL_NAME).exists():
        leftovers.append(JOURNAL_NAME)

    # --- the next save works and cleans up ---
    store = Store(repo)
    rng = random.Random(case.seed)
    rid = random_edit(rng, False).rid
    if not case.edit.create and rng.random() < 0.5:
        rid = case.edit.rid  # the record whose save was killed, half of the time
    nxt = Edit(rid, {"document_number": f"{rng.randrange(10**9)}/BC-UBND"})
    result = store.set_fields(nxt.rid, nxt.assignments)
    notices = store.take_notices()
    assert _git(repo, "rev-parse", "HEAD^").stdout.strip() == (
        head if state == "committed" else head_before
    ), "the next save is not on top of the last commit"
    assert result.sha == _git(repo, "rev-parse", "HEAD").stdout.strip()
    final = snapshot(repo)
    if nxt.rid.relpath != target:
        if state == "committed":
            assert final.get(target) == new, "a committed save was lost"
        else:
            assert final.get(target) == before.get(target), "an uncommitted save was not undone"
    status = _git(repo, "status", "--porcelain", "--untracked-files=all").stdout
    assert status == "", f"working tree not clean after the next save:\n{status}"
    assert lock_files(dirs) == [], "a lock file is left"
    assert not (git_dir / JOURNAL_NAME).exists(), "the journal is left"
    fsck(repo)
    return Outcome(case, state, leftovers, notices)


def snapshot(repo: Path) -> dict[str, bytes]:
    """Every file under records/ (temp files included), by path."""
    out = {}
    for path in sorted((repo / "records").rglob("*")):
        if path.is_file():
            out[path.relative_to(repo).as_posix()] = path.read_bytes()
    return out


def fsck(repo: Path) -> None:
    """``git fsck`` finds nothing wrong (dangling objects of an unfinished commit are fine)."""
    proc = _git(repo, "fsck", "--no-dangling", "--no-progress", check=False)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def check_commit(repo: Path, parent: str, target: str, new: bytes) -> None:
    """HEAD is one commit on ``parent`` that changed only ``target``, to exactly ``new``."""
    assert _git(repo, "rev-parse", "HEAD^").stdout.strip() == parent, "not one commit"
    changed = _git(repo, "diff", "--name-only", "HEAD^", "HEAD").stdout.split()
    assert changed == [target], changed
    blob = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "blob", f"HEAD:{target}"],
        capture_output=True,
        check=True,
    ).stdout
    assert blob == new, "the commit does not hold the new version"
    trailers = _git(repo, "log", "-1", "--format=%(trailers:key=Record,valueonly)").stdout
    assert trailers.strip() == target.removeprefix("records/").removesuffix(".toml")


def wait_for_group(pgid: int, timeout: float = 30.0) -> None:
    """Wait until no live process of the group is left (an orphaned git finishing)."""
    deadline = time.monotonic() + timeout
    while _group_alive(pgid):
        assert time.monotonic() < deadline, "the killed save's processes never ended"
        time.sleep(0.01)


def _group_alive(pgid: int) -> bool:
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


# --- many cases -------------------------------------------------------------------------------


@dataclass
class Summary:
    """What a run tried and found."""

    outcomes: list[Outcome]
    failures: list[str]
    seconds: float

    def report(self) -> str:
        by_state = Counter(o.state for o in self.outcomes)
        by_kind = Counter(o.case.kind for o in self.outcomes)
        leftovers = Counter(
            re.sub(r"\.[^/]+\.\d+\.tmp$", ".RECORD.PID.tmp", re.sub(r"-\d+\.lock$", "-PID.lock", x))
            for o in self.outcomes
            for x in o.leftovers
        )
        lines = [
            f"crash harness: {len(self.outcomes) + len(self.failures)} saves killed "
            f"in {self.seconds:.0f} s ({_counts(by_kind)})",
            f"  after the kill: {_counts(by_state)}",
            "  left behind by the kill and cleaned up by the next save: "
            + (", ".join(f"{k} ×{n}" for k, n in sorted(leftovers.items())) or "nothing"),
        ]
        if self.failures:
            lines.append(f"  {len(self.failures)} FAILED:")
            lines += [f"    {f}" for f in self.failures]
        else:
            lines.append("  no data lost: every record old or new, fsck clean, next save fine")
        return "\n".join(lines)


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in sorted(counter.items()))


def run_many(count: int, seed: int, workers: int | None = None) -> Summary:
    """Run ``count`` cases (``workers`` at a time) in a scratch folder."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dvtui-crash-") as tmp:
        work = Path(tmp)
        base = make_base(work)
        window = measure_save(base, work)
        outcomes: list[Outcome] = []
        failures: list[str] = []
        cases = plan_cases(count, seed)
        with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
            futures = [pool.submit(run_case, base, work, c, window) for c in cases]
            for future in futures:
                try:
                    outcomes.append(future.result())
                except AssertionError as exc:
                    failures.append(str(exc))
    return Summary(outcomes, failures, time.monotonic() - started)


def isolate_git() -> None:
    """Run with a scratch HOME and git identity (as the tests do), never the developer's."""
    home = Path(tempfile.mkdtemp(prefix="dvtui-crash-home-"))
    (home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n[user]\n\tname = Nguyễn Thị Lan\n"
        "\temail = lan.noivu@tuangiao.example\n",
        encoding="utf-8",
    )
    os.environ.update({"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8"})
    for var in ("GIT_DIR", "GIT_WORK_TREE", "DVTUI_REPO", ENV, HOOK_ENV):
        os.environ.pop(var, None)


def main(argv: list[str]) -> int:
    """``harness.py [COUNT] [SEED]``, or ``harness.py child …`` (the killed save)."""
    if argv and argv[0] == "child":
        return child_main(argv[1:])
    isolate_git()
    count = int(argv[0]) if argv else 200
    seed = int(argv[1]) if len(argv) > 1 else int(time.time())
    print(f"crash harness: {count} cases, seed {seed}", flush=True)
    summary = run_many(count, seed)
    print(summary.report())
    return 1 if summary.failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
