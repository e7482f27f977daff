"""What the quick ``show`` and ``log`` load before they print (issue 15): none of the
modules only the rest of dvtui needs. Each would cost every run its import; a test is the
only way to notice one coming back through a new import at the top of a module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import dvtui, own_git_identity

# Modules neither command needs: the full command line, GitPython, the Store and its
# caches, writing TOML or JSON, hashing; ``show`` starts no process.
NEVER = {
    "argparse",
    "git",
    "rich",
    "tomli_w",
    "hashlib",
    "json",
    "dvtui.storage.store",
    "dvtui.storage.loader",
    "dvtui.storage.cachecodec",
    "dvtui.cli.main",
}
SHOW_NEVER = NEVER | {"subprocess", "dvtui.git.repo"}

SCRIPT = """
import sys
from dvtui.cli.quick import run
done = run(sys.argv[1:])
sys.stdout.flush()
print("\\nquick:", done, file=sys.stderr)
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def loaded(*args: str) -> set[str]:
    """The modules loaded by the quick path for ``dvtui ARGS`` (it must take it)."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, check=True
    )
    quick, modules = done.stderr.strip().splitlines()[-2:]
    assert quick == "quick: 0", done.stderr
    return set(modules.split())


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("quick") / "repo"
    with own_git_identity(tmp_path_factory):
        assert dvtui("init", str(path), "--practice").returncode == 0
    return path


def test_show_loads_only_what_it_needs(repo: Path) -> None:
    modules = loaded("--repo", str(repo), "show", "reports/2023-year/ubnd-xa-mun-chung")
    assert not modules & SHOW_NEVER, modules & SHOW_NEVER


def test_log_loads_only_what_it_needs(repo: Path) -> None:
    modules = loaded("--repo", str(repo), "log", "reports/2023-year/ubnd-xa-mun-chung", "-n", "5")
    assert not modules & NEVER, modules & NEVER
