"""``make bench``: dvtui at province scale against the targets of issue 15, side by side with
Taskwarrior when ``task`` is installed.

For each size it generates a data repo with ``git fast-import`` (bench/gen.py) into a
temporary folder, as a bare "server" repo, and clones it the way an office does
(``dvtui clone``: merge driver, commit-graph). Taskwarrior gets the same number of tasks
(``task import`` of generated JSON) in its own data folder. Then every figure is the median
of several runs, each a fresh process, with the spread (min – max) and n. A figure held to a
ratio is measured alternately with what it is compared to (dvtui, then the other, then
dvtui …), so that both see the same machine; the ratio is of the two medians of that run.

Figures: ``dvtui list reports`` and ``dvtui set`` against ``task list`` and ``task N
modify``; ``dvtui show ID`` against Python reading that one file with tomllib; ``dvtui log ID
-n 20`` against ``git log -n 20 --raw -- path``; cold and warm load; the UI from process start
to a painted dashboard; a keystroke in a filter; ``dvtui sync`` with one commit each way
against plain ``git fetch`` + ``git merge`` + ``git push`` doing the same; peak memory of the
list and the UI (``ru_maxrss`` from ``os.wait4``).

Prints a table with every target MET or MISSED and writes bench/out/results.json.
``--quick``: 1,000 records only (about a minute); ``--size 200k``: 200,000 records with
200,000 commits (``make bench SIZE=200k``); the default is 10k/100k and 50k/100k.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen import Spec, generate, init_bare  # noqa: E402

PYTHON = sys.executable
DVTUI = [PYTHON, "-m", "dvtui"]
PROBE = [PYTHON, str(HERE / "probe.py")]
MB = 1024 * 1024
TASK = shutil.which("task")


@dataclass(frozen=True)
class Target:
    """What a figure is held to at each size: seconds, bytes, or a ratio to another figure.

    ``limits``: (10k, 50k, 200k) — None where the issue asks only to report it. ``ratio``:
    those limits are ratios to the figure named ``against`` (measured in the same run);
    ``absolute_200k``: at 200k the limit is in seconds instead (Taskwarrior is not the yardstick
    there).
    """

    limits: tuple[float | None, float | None, float | None]
    unit: str = "s"
    ratio: bool = False
    absolute_200k: bool = False

    def at(self, records: int) -> tuple[float | None, bool]:
        """The limit at a size and whether it is a ratio (below 10k: the 10k column)."""
        column = 2 if records >= 200_000 else 1 if records >= 50_000 else 0
        ratio = self.ratio and not (column == 2 and self.absolute_200k)
        return self.limits[column], ratio


# Issue 15's table.
TARGETS: dict[str, Target] = {
    "dvtui list reports": Target((0.3, 0.15, 0.5), ratio=True, absolute_200k=True),
    "dvtui set": Target((0.8, 0.4, 0.3), ratio=True, absolute_200k=True),
    "dvtui show ID": Target((2.0, 2.0, 2.0), ratio=True),
    "dvtui log ID -n 20": Target((2.0, 2.0, 2.0), ratio=True),
    "dvtui log ID -n 20, oldest": Target((2.0, 2.0, 2.0), ratio=True),
    "cold load": Target((0.9, 3.5, None)),
    "UI start to painted dashboard": Target((0.6, 1.0, 2.0)),
    "filter keystroke": Target((0.050, 0.050, 0.150)),
    "dvtui sync, one commit each way": Target((1.5, 1.5, 1.5), ratio=True),
    "peak memory, list": Target((80 * MB, 200 * MB, 300 * MB), unit="B"),
    "peak memory, UI": Target((80 * MB, 200 * MB, 300 * MB), unit="B"),
}


@dataclass
class Figure:
    """One measured figure: its samples, what it was compared with, what it is held to."""

    name: str
    samples: list[float]
    unit: str = "s"
    note: str = ""
    against: str = ""  # what the ratio is taken to
    against_samples: list[float] = field(default_factory=list)
    limit: float | None = None
    ratio_target: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def ratio(self) -> float | None:
        if not self.against_samples:
            return None
        return self.median / statistics.median(self.against_samples)

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        if self.ratio_target:
            return None if self.ratio is None else self.ratio <= self.limit
        return self.median <= self.limit


@dataclass
class Child:
    """A finished child process: wall time, peak memory, output."""

    seconds: float
    maxrss: int  # bytes
    stdout: str
    started: float  # time.time() at spawn


def run_child(
    cmd: list[str], env: dict[str, str], cwd: Path | None = None, stdin: bytes | None = None
) -> Child:
    """Run ``cmd`` to completion; its own wall time and peak RSS (``os.wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.time()
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=err,
            env=env,
            cwd=cwd,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        )
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise RuntimeError(
                f"{' '.join(cmd)} failed ({proc.returncode}):\n"
                + err.read().decode("utf-8", "replace")[-3000:]
            )
        return Child(seconds, usage.ru_maxrss * 1024, text, started)


def probe(what: str, *args: str, env: dict[str, str]) -> tuple[dict[str, Any], Child]:
    child = run_child([*PROBE, what, *args], env)
    return json.loads(child.stdout.strip().splitlines()[-1]), child


def bench_env(home: Path) -> dict[str, str]:
    """A private HOME with a git identity: the benchmark never reads the user's config."""
    home.mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n[user]\n\tname = Nguyễn Thị Lan\n"
        "\temail = lan.noivu@province.example\n",
        encoding="utf-8",
    )
    env = dict(os.environ)
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", LANG="C.UTF-8", DVTUI_LANG="vi")
    # Python caches compiled modules as an installed dvtui does; without the cache every
    # process compiles dvtui anew (this sandbox sets PYTHONDONTWRITEBYTECODE).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for var in ("GIT_DIR", "GIT_WORK_TREE", "DVTUI_REPO", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL"):
        env.pop(var, None)
    return env


def git(repo: Path, *args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    ).stdout


def alternate(runs: int, *steps: Callable[[int], float]) -> list[list[float]]:
    """Run each step once per round, in turn, ``runs`` rounds: the samples of each."""
    samples: list[list[float]] = [[] for _ in steps]
    for i in range(runs):
        for mine, step in zip(samples, steps, strict=True):
            mine.append(step(i))
    return samples


# --- Taskwarrior ------------------------------------------------------------------------------


class Taskwarrior:
    """Taskwarrior with ``count`` pending tasks in a data folder of its own."""

    def __init__(self, work: Path, count: int, env: dict[str, str]) -> None:
        self.data = work / "taskdata"
        self.rc = work / "taskrc"
        self.env = dict(env, TASKRC=str(self.rc), TASKDATA=str(self.data))
        self.count = count

    def prepare(self) -> float:
        """Import the tasks (what dvtui's records would be as tasks); seconds it took."""
        self.data.mkdir(parents=True, exist_ok=True)
        self.rc.write_text(
            f"data.location={self.data}\nconfirmation=off\nnews.version=2.6.0\nverbose=nothing\n",
            encoding="utf-8",
        )
        start = date(2021, 1, 15)
        tasks = [
            {
                "description": f"Báo cáo kết quả công tác dân vận số {i} của đơn vị {i % 400}",
                "project": f"dan-van.{2021 + i % 5}",
                "status": "pending",
                "entry": "20210105T010000Z",
                "due": (start + timedelta(days=i % 1800)).strftime("%Y%m%dT100000Z"),
                "tags": ["baocao", f"ky{i % 4}"],
            }
            for i in range(self.count)
        ]
        t0 = time.perf_counter()
        batch = 20_000  # one import per batch keeps Taskwarrior's memory reasonable
        for i in range(0, len(tasks), batch):
            payload = json.dumps(tasks[i : i + batch], ensure_ascii=False).encode()
            path = self.data.parent / "import.json"
            path.write_bytes(payload)
            run_child([TASK or "task", "import", str(path)], self.env)
        return time.perf_counter() - t0

    def run(self, *args: str) -> Child:
        return run_child([TASK or "task", *args], self.env)


# --- one size ---------------------------------------------------------------------------


class SizeBench:
    """Every figure at one size."""

    def __init__(self, spec: Spec, work: Path, runs: int, log: Callable[[str], None]) -> None:
        self.spec = spec
        self.work = work
        self.runs = runs
        self.log = log
        self.env = bench_env(work / "home")
        self.figures: list[Figure] = []
        self.info: dict[str, Any] = {}
        self.task = Taskwarrior(work, spec.records, self.env) if TASK else None

    def add(
        self,
        name: str,
        samples: list[float],
        note: str = "",
        *,
        against: str = "",
        against_samples: list[float] | None = None,
        unit: str = "s",
        **extra: Any,
    ) -> Figure:
        target = TARGETS.get(name)
        limit, ratio = target.at(self.spec.records) if target else (None, False)
        if target is not None:
            unit = target.unit
        fig = Figure(name, samples, unit, note, against, against_samples or [], limit, ratio, extra)
        self.figures.append(fig)
        shown = f"    {name}: {fmt(fig.median, unit)}  ({fmt_spread(fig)})"
        if fig.ratio is not None:
            shown += f"  {fig.ratio:.2f}× {against}"
        self.log(shown)
        return fig

    # -- set-up --

    def prepare(self) -> None:
        server = self.work / "server.git"
        t0 = time.perf_counter()
        init_bare(server)
        generated = generate(self.spec, server)
        gen_s = time.perf_counter() - t0
        self.log(
            f"  generated {generated.records} records, {generated.commits} commits in {gen_s:.1f} s"
        )
        self.generated = generated
        t0 = time.perf_counter()
        self.office = self.work / "office"
        self.colleague = self.work / "colleague"
        for clone in (self.office, self.colleague):
            run_child([*DVTUI, "clone", str(server), str(clone)], self.env)
        self.log(f"  cloned twice in {time.perf_counter() - t0:.1f} s")
        # One untimed run first: compiled modules cached, files in the OS cache.
        run_child([*DVTUI, "--repo", str(self.office), "validate"], self.env)
        self.info = {
            "records": generated.records,
            "commits": generated.commits,
            "kinds": generated.report_kinds,
            "busiest_record": generated.busiest,
            "busiest_commits": generated.busiest_commits,
            "recent_record": generated.recent,
            "oldest_record": generated.oldest,
            "generate_seconds": round(gen_s, 2),
        }
        if self.task is not None:
            seconds = self.task.prepare()
            self.log(f"  Taskwarrior: imported {self.spec.records:,} tasks in {seconds:.1f} s")
            self.task.run("list")  # untimed: its files in the OS cache
            self.info["taskwarrior_import_seconds"] = round(seconds, 1)

    # -- figures --

    def loads(self) -> None:
        repo = str(self.office)
        cold, warm = [], []
        for _ in range(self.runs):
            out, _child = probe("load", repo, "--cold", env=self.env)
            cold.append(out["seconds"])
            assert out["problems"] == 0, out
        for _ in range(self.runs):
            out, _child = probe("load", repo, env=self.env)
            warm.append(out["seconds"])
        self.add("cold load", cold, "Store(repo).load(), no cache; cache written")
        self.add("warm load", warm, "Store(repo).load() with the cache")

    def listing(self) -> None:
        repo = str(self.office)
        peaks: list[float] = []
        lines = 0

        def dvtui(_i: int) -> float:
            nonlocal lines
            child = run_child([*DVTUI, "--repo", repo, "list", "reports"], self.env)
            peaks.append(child.maxrss)
            lines = child.stdout.count("\n")
            return child.seconds

        steps = [dvtui]
        if self.task is not None:
            task = self.task
            steps.append(lambda _i: task.run("list").seconds)
        mine, *other = alternate(self.runs, *steps)
        self.add(
            "dvtui list reports",
            mine,
            f"whole process, {lines:,} lines",
            against="task list" if other else "",
            against_samples=other[0] if other else None,
        )
        self.add("peak memory, list", [max(peaks)], "max RSS of `dvtui list reports`")

    def setting(self) -> None:
        """A figure of the busiest report, then a task's priority: each run a real change."""
        repo = str(self.office)
        rid = self.generated.busiest

        def dvtui(i: int) -> float:
            value = f"figures.commendations={1000 + i}"
            return run_child([*DVTUI, "--repo", repo, "set", rid, value], self.env).seconds

        steps = [dvtui]
        if self.task is not None:
            task = self.task
            number = str(self.spec.records // 2)
            steps.append(lambda i: task.run(number, "modify", f"priority:{'HML'[i % 3]}").seconds)
        mine, *other = alternate(self.runs, *steps)
        self.add(
            "dvtui set",
            mine,
            "whole process: validate, write, commit",
            against="task N modify" if other else "",
            against_samples=other[0] if other else None,
        )

    def show(self) -> None:
        repo = str(self.office)
        rid = self.generated.recent
        path = str(self.office / "records" / f"{rid}.toml")
        floor = [PYTHON, "-c", "import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))", path]
        mine, other = alternate(
            self.runs,
            lambda _i: run_child([*DVTUI, "--repo", repo, "show", rid], self.env).seconds,
            lambda _i: run_child(floor, self.env).seconds,
        )
        self.add(
            "dvtui show ID",
            mine,
            f"whole process, {rid}",
            against="python + tomllib of the file",
            against_samples=other,
        )

    def history(self) -> None:
        """This year's busiest report (its changes are recent, the usual case) and the oldest
        year's (git walks nearly all history to find them)."""
        repo = str(self.office)
        for rid, which in ((self.generated.recent, ""), (self.generated.oldest, ", oldest")):
            path = f"records/{rid}.toml"
            floor = ["git", "-C", repo, "log", "-n", "20", "--raw", "--", path]
            mine, other = alternate(
                self.runs,
                lambda _i, r=rid: (
                    run_child([*DVTUI, "--repo", repo, "log", r, "-n", "20"], self.env).seconds
                ),
                lambda _i, f=floor: run_child(f, self.env).seconds,
            )
            self.add(
                f"dvtui log ID -n 20{which}",
                mine,
                f"whole process, {rid}",
                against="git log -n 20 --raw -- path",
                against_samples=other,
            )

    def tui(self) -> None:
        repo = str(self.office)
        start = []
        peak = 0
        for _ in range(self.runs):
            out, child = probe("tui", repo, env=self.env)
            start.append(out["painted_at"] - child.started)
            peak = max(peak, child.maxrss)
        self.add("UI start to painted dashboard", start, "process start → dashboard painted")
        out, child = probe("filter", repo, env=self.env)
        rows = out["all_rows"]
        base = statistics.median(out["pilot_baseline"])
        self.add(
            "filter keystroke",
            out["all_keystrokes"],
            f"RecordTable of all {rows:,} records: key press → list updated → painted "
            f"(a key in an idle box: {base * 1000:.0f} ms)",
            pilot_baseline=out["pilot_baseline"],
            reload_seconds=out["reload"],
        )
        self.add(
            "filter keystroke, app's largest list",
            out["app_keystrokes"],
            f"{out['app_list']} ({out['app_list_rows']:,} rows) in the running app",
        )
        self.add("peak memory, UI", [float(peak)], "max RSS of the UI until the dashboard")
        self.add(
            "peak memory, UI + every record listed",
            [float(child.maxrss)],
            "the filter probe: the app and a table of all records",
            unit="B",
        )

    def sync(self) -> None:
        """One commit each way: the colleague pushed one, the office has one to push. The
        same with plain git (fetch, merge, push) between two plain clones of the server."""
        office, colleague = str(self.office), str(self.colleague)
        server = str(self.work / "server.git")
        plain = [self.work / "plain-a", self.work / "plain-b"]
        for clone in plain:
            git(self.work, "clone", "-q", server, str(clone), env=self.env)
        ours, theirs, plain_ours, plain_theirs = _sync_records(self)

        def dvtui(i: int) -> float:
            # The colleague's change reaches the server first (set-up, not timed) …
            run_child(
                [*DVTUI, "--repo", colleague, "set", theirs, f"figures.dialogues={200 + i}"],
                self.env,
            )
            run_child([*DVTUI, "--repo", colleague, "sync"], self.env)
            # … the office saved one of its own; its sync fetches, merges and pushes.
            run_child(
                [*DVTUI, "--repo", office, "set", ours, f"figures.dialogues={300 + i}"], self.env
            )
            return run_child([*DVTUI, "--repo", office, "sync"], self.env).seconds

        def plain_git(i: int) -> float:
            a, b = plain
            _plain_commit(b, plain_theirs, 400 + i, self.env)
            git(b, "pull", "-q", "--no-rebase", env=self.env)
            git(b, "push", "-q", env=self.env)
            _plain_commit(a, plain_ours, 500 + i, self.env)
            t0 = time.perf_counter()
            git(a, "fetch", "-q", env=self.env)
            git(a, "merge", "-q", "--no-edit", "@{upstream}", env=self.env)
            git(a, "push", "-q", env=self.env)
            return time.perf_counter() - t0

        mine, other = alternate(self.runs, dvtui, plain_git)
        self.add(
            "dvtui sync, one commit each way",
            mine,
            "whole process: fetch 1 + field-level merge + push 1",
            against="git fetch + merge + push",
            against_samples=other,
        )

    def run(self) -> None:
        self.prepare()
        steps = (self.loads, self.listing, self.setting, self.show, self.history, self.tui)
        for step in (*steps, self.sync):
            step()
        self.info["load_average_after"] = os.getloadavg()


def _sync_records(bench: SizeBench) -> tuple[str, ...]:
    """Four different reports of the newest period (two for dvtui, two for plain git), so
    that every merge is clean."""
    listing = git(bench.office, "ls-files", "records/reports", env=bench.env).split()
    newest = sorted({p.split("/")[2] for p in listing})[-1]
    mine = sorted(p for p in listing if p.split("/")[2] == newest)
    return tuple(p.removeprefix("records/").removesuffix(".toml") for p in mine[:4])


def _plain_commit(clone: Path, rid: str, value: int, env: dict[str, str]) -> None:
    """A one-line change of a report committed with plain git (the plain side's own save)."""
    path = clone / "records" / f"{rid}.toml"
    path.write_text(path.read_text(encoding="utf-8") + f"# bench {value}\n", encoding="utf-8")
    git(clone, "commit", "-q", "-m", f"bench {value}", "--", f"records/{rid}.toml", env=env)


# --- printing ------------------------------------------------------------------------------


def fmt(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value / MB:.0f} MB"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 2 else f"{value:.2f} s"
    return f"{value:,.0f} {unit}"


def fmt_spread(fig: Figure) -> str:
    if len(fig.samples) == 1:
        return "1 run"
    lo, hi = min(fig.samples), max(fig.samples)
    return f"{fmt(lo, fig.unit)} – {fmt(hi, fig.unit)}, n={len(fig.samples)}"


def fmt_target(fig: Figure, records: int) -> str:
    if fig.limit is None:
        return "report it" if fig.name in TARGETS else "—"
    text = f"≤ {fig.limit:g}×" if fig.ratio_target else "≤ " + fmt(fig.limit, fig.unit)
    return text + (" (10k)" if records < 10_000 else "")


def table(results: list[SizeBench]) -> str:
    lines = [
        "| size | figure | median | spread, n | compared with | its median | ratio | target "
        "| result |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        size = f"{r.spec.records // 1000}k / {r.info.get('commits', r.spec.commits) // 1000}k"
        for fig in r.figures:
            other = fig.against_samples
            its = fmt(statistics.median(other), "s") if other else ""
            ratio = f"{fig.ratio:.2f}×" if fig.ratio is not None else ""
            result = {True: "MET", False: "MISSED", None: ""}[fig.met]
            lines.append(
                f"| {size} | {fig.name} | {fmt(fig.median, fig.unit)} | {fmt_spread(fig)} "
                f"| {fig.against} | {its} | {ratio} | {fmt_target(fig, r.spec.records)} "
                f"| {result} |"
            )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout
    task_version = (
        subprocess.run([TASK, "--version"], capture_output=True, text=True).stdout.strip()
        if TASK
        else None
    )
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": os.getloadavg(),  # other work on the machine skews every figure
        "git": git_version.strip(),
        "taskwarrior": task_version,
    }


SIZES = {
    "1k": Spec(1_000, 20_000),
    "10k": Spec(10_000, 100_000),
    "50k": Spec(50_000, 100_000),
    "200k": Spec(200_000, 200_000),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only 1,000 records (~1 minute)")
    parser.add_argument("--size", help="one or more of 1k,10k,50k,200k (default: 10k,50k)")
    parser.add_argument("--sizes", help="records:commits pairs: 10000:100000,50000:100000")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (7; 3 quick)")
    parser.add_argument("--keep", action="store_true", help="keep the generated repos")
    parser.add_argument("--out", default=str(HERE / "out" / "results.json"))
    args = parser.parse_args()
    if args.sizes:
        specs = [Spec(*map(int, s.split(":"))) for s in args.sizes.split(",")]
    elif args.size:
        specs = [SIZES[s.strip()] for s in args.size.split(",")]
    elif args.quick:
        specs = [SIZES["1k"]]
    else:
        specs = [SIZES["10k"], SIZES["50k"]]
    runs = max(3, args.runs or (3 if args.quick else 7))

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    if TASK is None:
        log("Taskwarrior is not installed (apt-get install taskwarrior): no ratios to it")
    results: list[SizeBench] = []
    started = time.perf_counter()
    for spec in specs:
        work = Path(tempfile.mkdtemp(prefix=f"dvtui-bench-{spec.records}-"))
        log(
            f"{spec.records:,} records, {spec.commits:,} commits in {work} (load {os.getloadavg()})"
        )
        bench = SizeBench(spec, work, runs, log)
        try:
            bench.run()
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        results.append(bench)
    report = table(results)
    print(report)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": machine(),
        "seconds": round(time.perf_counter() - started, 1),
        "sizes": [
            {
                "records": r.spec.records,
                "commits": r.spec.commits,
                "info": r.info,
                "figures": [
                    {**asdict(f), "median": f.median, "ratio": f.ratio, "met": f.met}
                    for f in r.figures
                ],
            }
            for r in results
        ],
        "table": report,
    }
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    log(f"wrote {out} ({payload['seconds']} s in all)")
    # A miss is a finding to read in the table, not a failure of the run: exit 0.
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
