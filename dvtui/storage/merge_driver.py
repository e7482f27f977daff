"""The git merge driver for records, and its set-up in each clone.

``.gitattributes`` of a data repo says ``records/**/*.toml merge=dvtui``; git config is not
versioned, so dvtui writes into each clone's own config (``.git/config``, shared by its
linked worktrees)::

    [merge "dvtui"]
        name = dvtui: hợp nhất hồ sơ theo từng trường
        driver = '/path/to/python' -m dvtui.storage.merge_driver %O %A %B %P

with the absolute path of the running interpreter, so a ``git pull`` typed by hand merges
field by field too (with ``pull.rebase = false``: pulling merges, it never rewrites).

dvtui, not the repository, decides how its files are merged and stored: a committed
``.gitattributes`` is whatever the last colleague pushed (``merge=union`` would let git
write two ``document_number`` lines into a record, ``working-tree-encoding=UTF-16LE-BOM``
would check every record out as UTF-16). So the same lines also go into the clone's
``info/attributes``, which git applies before any ``.gitattributes`` of the tree, and are
written again whenever dvtui opens the clone (:func:`ensure_installed`), before a clone's
first checkout and by ``dvtui init``.

Git runs the driver with the ancestor's, mine and theirs' versions in temporary files;
the driver writes the merged file over "mine" and exits 0, or, on a true conflict, writes
a valid canonical file holding my values and exits 1. It never writes conflict markers.
This module imports nothing heavy at the top: git starts it once per file.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dvtui.git.repo import ConfigFile, GitRepo

DRIVER_NAME = "dvtui"
DRIVER_LABEL = "dvtui: hợp nhất hồ sơ theo từng trường"


def driver_command() -> str:
    """The ``merge.dvtui.driver`` value for this interpreter."""
    return f"{shlex.quote(sys.executable)} -m dvtui.storage.merge_driver %O %A %B %P"


# What dvtui's files are, whatever the tree's .gitattributes says: canonical UTF-8 TOML with
# LF endings, stored as written (no encoding, filter or keyword expansion), records merged
# by the field-level driver, dvtui.toml by git's own line merge.
ATTRIBUTES = f"""\
# >>> dvtui: written by dvtui each time it opens this clone; edits here are replaced.
*.toml text eol=lf -working-tree-encoding -filter -ident -export-subst merge
records/**/*.toml merge={DRIVER_NAME}
# <<< dvtui
"""
_BLOCK_START, _BLOCK_END = ATTRIBUTES.splitlines()[0], ATTRIBUTES.splitlines()[-1]


def _attributes_wanted(current: str) -> str:
    """``info/attributes`` with dvtui's block last (lines later in a file win), others kept."""
    lines, inside = [], False
    for line in current.splitlines():
        if line == _BLOCK_START:
            inside = True
        elif line == _BLOCK_END and inside:
            inside = False
        elif not inside:
            lines.append(line)
    kept = "\n".join(lines).strip("\n")
    return (kept + "\n" if kept else "") + ATTRIBUTES


def ensure_attributes(repo: GitRepo) -> bool:
    """dvtui's attributes in ``info/attributes`` (one small read when already there).

    True when the file was written. A read-only clone is left as it is: reading works, and
    ``dvtui sync`` refuses a merge whose files do not validate anyway.
    """
    from dvtui.storage.regular import OWN_FILE_LIMIT, NotRegularFile, read_regular

    path = repo.dirs.attributes
    try:
        current = read_regular(path, limit=OWN_FILE_LIMIT).decode("utf-8", errors="replace")
    except (FileNotFoundError, NotRegularFile):  # a FIFO there would hang git too: replaced
        current = ""
    except OSError:
        return False
    wanted = _attributes_wanted(current)
    if current == wanted:
        return False
    from dvtui.storage.files import atomic_write

    try:
        atomic_write(path, wanted.encode("utf-8"))
    except OSError:
        return False
    return True


def is_installed(repo: GitRepo) -> bool:
    """Cheap check (one small file read): is the driver configured for this interpreter?"""
    try:
        text = repo.dirs.config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    # The exact module too: a clone set up by a dvtui whose driver lived elsewhere is redone.
    configured = f'[merge "{DRIVER_NAME}"]' in text and "[pull]" in text
    return configured and sys.executable in text and f"-m {__spec__.name} " in text


def install(repo: GitRepo) -> None:
    """Write the driver into the clone's own config (GitPython's writer, git's lock).

    ``git pull`` by hand is told to merge (never rebase, which would rewrite the user's
    commits), unless the user chose otherwise in this clone's config.
    """

    def change(config: ConfigFile) -> None:
        section = f'merge "{DRIVER_NAME}"'
        config.set_value(section, "name", DRIVER_LABEL)
        config.set_value(section, "driver", driver_command())
        if not config.has_option("pull", "rebase"):
            config.set_value("pull", "rebase", "false")

    repo.edit_config(change)


def ensure_installed(repo: GitRepo) -> bool:
    """dvtui's attributes, then the driver unless it is there; True when anything was written.

    Failures (a read-only clone, a locked config) are left for the next open: merges then
    fall back to git's text merge, and ``dvtui sync`` still merges field by field itself.
    """
    wrote = ensure_attributes(repo)
    if is_installed(repo):
        return wrote
    from configparser import Error as ConfigError  # only now: a set-up clone reads two small files

    try:
        install(repo)
    except (OSError, ValueError, ConfigError):  # ConfigError: a config GitPython can't read
        return wrote
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
