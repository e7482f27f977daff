"""Creating a data repo: from the bundled dataset (the demo, the default), or empty for an
office that types in its own plan, units and periods (``dvtui init PATH --empty --issuer …``)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from dvtui import __version__
from dvtui.core import codec
from dvtui.core.problems import DataError
from dvtui.core.text import inert, nfc
from dvtui.git.repo import GitRepo
from dvtui.i18n import language, t
from dvtui.storage.merge_driver import ensure_installed
from dvtui.storage.store import DATA_FORMAT, FORMAT_SINCE, REQUIRES_KEY, SETTINGS_FILE

# Every record merges field by field (the driver is configured per clone by dvtui).
GITATTRIBUTES = """\
# dvtui: records are canonical UTF-8 TOML with LF endings, merged field by field.
*.toml text eol=lf
records/**/*.toml merge=dvtui
"""

SETTINGS: dict[str, object] = {
    "schema": 1,
    "format": DATA_FORMAT,
    REQUIRES_KEY: FORMAT_SINCE[DATA_FORMAT],
    "deadline_inclusive": True,
    "require_signed_commits": False,
}
# The bundled 2023 plan of UBND huyện Tuần Giáo: its reports went through the district's
# Phòng Nội vụ, which drafted its letters (what dvtui 0.1 printed for every repo).
TUAN_GIAO_OFFICE: dict[str, object] = {
    "coordinator": "Phòng Nội vụ huyện",
    "letter_symbol": "UBND-NV",
}
EMPTY_MARKER = "records/.gitkeep"  # git keeps no empty folder: a data repo needs records/
# The level words of Vietnamese administrative units, longest first (place_of).
_LEVELS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")


def bundled_records() -> Path:
    """The ``records/`` folder shipped with dvtui (source tree or installed wheel)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "bundled_records", here.parent / "records"):
        if (candidate / "plans").is_dir():
            return candidate
    raise FileNotFoundError("bundled records/ not found")  # a broken install, not user error


def place_of(issuer: str) -> str:
    """The place name of an issuer, for a document's date line: ``UBND xã Mường Ảng`` ->
    ``Mường Ảng``, ``Sở Nội vụ tỉnh Điện Biên`` -> ``Điện Biên``; "" when it names none."""
    folded = issuer.casefold()
    found = [(folded.rfind(f"{level} "), level) for level in _LEVELS]
    at, level = max(found)
    return issuer[at + len(level) + 1 :].strip() if at >= 0 else ""


def init_data_repo(
    target: Path,
    *,
    empty: bool = False,
    issuer: str = "",
    place: str = "",
    practice_date: date | None = None,
) -> str:
    """Create a data repo at ``target``; return the commit sha.

    From the bundled records, or ``empty`` (no records) for an office that starts its own:
    then ``issuer`` (required) and ``place`` (default: from the issuer) go into dvtui.toml as
    the defaults of the plans it adds. ``practice_date`` marks practice data, opened as of
    that day (:mod:`dvtui.services.practice`). The folder must be missing or empty. The
    first commit is authored by the user's git identity.
    """
    target = Path(target).absolute()
    issuer, place = nfc(issuer.strip()), nfc(place.strip())
    if empty and not issuer:
        raise DataError("err.init.issuer")
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
        repo.close()
        shutil.rmtree(target / ".git")
        raise
    if empty:
        (target / EMPTY_MARKER).parent.mkdir()
        (target / EMPTY_MARKER).write_bytes(b"")
        settings = {**SETTINGS, "issuer": issuer, "place": place or place_of(issuer)}
        (target / SETTINGS_FILE).write_bytes(codec.encode_table(settings))
        with language("vi"):
            subject = t("commit.init_empty", issuer=inert(issuer))
    else:
        shutil.copytree(bundled_records(), target / "records")
        practice = {"practice_date": practice_date} if practice_date else {}
        settings = {**SETTINGS, **TUAN_GIAO_OFFICE, **practice}
        (target / SETTINGS_FILE).write_bytes(codec.encode_table(settings))
        subject = "Khởi tạo dữ liệu từ bộ hồ sơ Kế hoạch dân vận năm 2023"
    (target / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8", newline="\n")
    message = f"{subject}\n\nAction: init\nDvtui-Version: {__version__}\n"
    sha = repo.commit(["records", ".gitattributes", SETTINGS_FILE], message, author=author)
    # Changed-path filters from the start: a record's history reads far fewer commits, and
    # later rewrites (``git gc``, sync) keep them once the graph has them.
    repo.write_commit_graph()
    repo.close()
    return sha
