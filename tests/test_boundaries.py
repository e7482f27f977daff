"""Only ``dvtui.git`` starts git (or imports GitPython), only it and ``dvtui.programs`` start
processes at all: checked on the source, so a new import fails here before any review."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dvtui"
MAY_START_PROCESSES = ("git/", "programs.py")
PROCESS_MODULES = {"subprocess", "multiprocessing", "pty", "git"}  # git: GitPython
PROCESS_CALLS = {"system", "popen", "spawnl", "spawnv", "execv", "execvp", "execl", "fork"}


def offences(source: str) -> list[str]:
    """The imports and calls in ``source`` that start a process (or load GitPython)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in PROCESS_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in PROCESS_MODULES:
                found.append(node.module)
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in PROCESS_CALLS
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        ):
            found.append(f"os.{node.attr}")
    return found


def test_only_the_git_package_and_programs_start_processes() -> None:
    bad = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(MAY_START_PROCESSES):
            continue
        found = offences(path.read_text(encoding="utf-8"))
        if found:
            bad[rel] = found
    assert bad == {}


def test_the_check_sees_every_way_in() -> None:
    sample = (
        "import subprocess\nfrom git import Repo\nimport git.cmd\nimport os\n"
        "from dvtui.git.repo import GitRepo\nfrom . import git\nos.system('x')\n"
    )
    assert offences(sample) == ["subprocess", "git", "git.cmd", "os.system"]
