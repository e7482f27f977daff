"""Creating a data repo from the bundled dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

from dvtui import __version__
from dvtui.core import codec
from dvtui.core.problems import DataError
from dvtui.git.repo import GitRepo, Identity
from dvtui.storage.merge_driver import ensure_installed
from dvtui.storage.store import DATA_FORMAT, SETTINGS_FILE

# Every record merges field by field (the driver is configured per clone by dvtui).
GITATTRIBUTES = """\
# dvtui: records are canonical UTF-8 TOML with LF endings, merged field by field.
*.toml text eol=lf
records/**/*.toml merge=dvtui
"""

SETTINGS_TEXT = codec.encode_table(
    {
        "schema": 1,
        "format": DATA_FORMAT,
        "deadline_inclusive": True,
        "require_signed_commits": False,
    }
)

# Used only for the import commit of a scratch repo on a machine with no git identity:
# it marks the bundled sample data, never a person's change.
SAMPLE_AUTHOR = Identity("dvtui (dữ liệu mẫu)", "dvtui@localhost")


def bundled_records() -> Path:
    """The ``records/`` folder shipped with dvtui (source tree or installed wheel)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "bundled_records", here.parent / "records"):
        if (candidate / "plans").is_dir():
            return candidate
    raise FileNotFoundError("bundled records/ not found")  # a broken install, not user error


def init_data_repo(target: Path, *, scratch: bool = False) -> str:
    """Create a data repo at ``target`` from the bundled records; return the commit sha.

    The folder must be missing or empty. The import commit is authored by the user's git
    identity; ``scratch`` (``make run``'s sample repo) falls back to a labelled sample
    author when none is configured, so that a fresh machine can open the app.
    """
    target = Path(target).absolute()
    if target.exists() and any(target.iterdir()):
        raise DataError("err.init.exists", path=str(target))
    target.mkdir(parents=True, exist_ok=True)
    repo = GitRepo.init(target)
    # Before the first commit: git applies the attributes when it stores the records.
    # The merge driver too: git config is per clone, .gitattributes alone is not enough.
    ensure_installed(repo)
    try:
        author = repo.identity()
    except DataError:
        if not scratch:
            shutil.rmtree(target / ".git")
            raise
        author = SAMPLE_AUTHOR
    shutil.copytree(bundled_records(), target / "records")
    (target / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8", newline="\n")
    (target / SETTINGS_FILE).write_bytes(SETTINGS_TEXT)
    message = (
        "Khởi tạo dữ liệu từ bộ hồ sơ Kế hoạch dân vận năm 2023\n\n"
        f"Action: init\nDvtui-Version: {__version__}\n"
    )
    sha = repo.commit(["records", ".gitattributes", SETTINGS_FILE], message, author=author)
    # Changed-path filters from the start: a record's history reads far fewer commits, and
    # later rewrites (``git gc``, sync) keep them once the graph has them.
    repo.write_commit_graph()
    repo.close()
    return sha
