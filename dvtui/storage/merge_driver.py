"""The git merge driver for records, and its set-up in each clone.

``.gitattributes`` of a data repo says ``records/**/*.toml merge=dvtui``; git config is not
versioned, so dvtui writes into each clone's ``.git/config``::

    [merge "dvtui"]
        name = dvtui: hợp nhất hồ sơ theo từng trường
        driver = '/path/to/python' -m dvtui.storage.merge_driver %O %A %B %P

with the absolute path of the running interpreter, so a ``git pull`` typed by hand merges
field by field too (with ``pull.rebase = false``: pulling merges, it never rewrites).

Git runs the driver with the ancestor's, mine and theirs' versions in temporary files;
the driver writes the merged file over "mine" and exits 0, or, on a true conflict, writes
a valid canonical file holding my values and exits 1. It never writes conflict markers.
This module imports nothing heavy at the top: git starts it once per file.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

DRIVER_NAME = "dvtui"
DRIVER_LABEL = "dvtui: hợp nhất hồ sơ theo từng trường"


def driver_command() -> str:
    """The ``merge.dvtui.driver`` value for this interpreter."""
    return f"{shlex.quote(sys.executable)} -m dvtui.storage.merge_driver %O %A %B %P"


def _config_file(root: Path) -> Path | None:
    git = root / ".git"
    return git / "config" if git.is_dir() else None  # a worktree's .git file: ask git


def is_installed(root: Path) -> bool:
    """Cheap check (one small file read): is the driver configured for this interpreter?"""
    config = _config_file(root)
    if config is None:
        return False
    try:
        text = config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    # The exact module too: a clone set up by a dvtui whose driver lived elsewhere is redone.
    configured = f'[merge "{DRIVER_NAME}"]' in text and "[pull]" in text
    return configured and sys.executable in text and f"-m {__spec__.name} " in text


def install(root: Path) -> None:
    """Write the driver into the clone's ``.git/config`` (through git, which locks the file).

    ``git pull`` by hand is told to merge (never rebase, which would rewrite the user's
    commits), unless the user chose otherwise in this clone's config.
    """
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}

    def config(*args: str, check: bool = True) -> int:
        proc = subprocess.run(
            ["git", "-C", str(root), "config", "--local", *args],
            check=check,
            capture_output=True,
            env=env,
        )
        return proc.returncode

    config(f"merge.{DRIVER_NAME}.name", DRIVER_LABEL)
    config(f"merge.{DRIVER_NAME}.driver", driver_command())
    if config("--get", "pull.rebase", check=False) != 0:
        config("pull.rebase", "false")


def ensure_installed(root: Path) -> bool:
    """Install the driver unless it is already there; True when something was written.

    Failures (a read-only clone, a locked config) are left for the next open: merges then
    fall back to git's text merge, and ``dvtui sync`` still merges field by field itself.
    """
    if is_installed(root):
        return False
    try:
        install(root)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def run(base: Path, mine: Path, theirs: Path, path: str) -> int:
    """Merge the three files; write the result over ``mine``; 0 clean, 1 conflict."""
    from dvtui.core.merge import merge_file
    from dvtui.storage.files import atomic_write

    def read(p: Path) -> bytes | None:
        data = p.read_bytes()
        # Git passes an empty file for a side where the file did not exist.
        return data if data else None

    result = merge_file(path, read(base), read(mine), read(theirs))
    if result.data is None:
        return 1  # deleted on one side, changed on the other: git keeps "mine" as it is
    atomic_write(mine, result.data)
    return 0 if result.clean else 1


def main(argv: list[str] | None = None) -> int:
    """``python -m dvtui.storage.merge_driver BASE MINE THEIRS PATH``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 4:
        print("usage: python -m dvtui.storage.merge_driver %O %A %B %P", file=sys.stderr)
        return 2
    try:
        return run(Path(args[0]), Path(args[1]), Path(args[2]), args[3])
    except Exception as exc:  # never leave git with half a file: it keeps "mine" as is
        print(f"dvtui merge driver: {args[3]}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
