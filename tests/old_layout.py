"""A data repo as dvtui 0.1 made it, built from the bundled records: tasks without their plan's
year (``tasks/ii-7.toml`` with ``plan = "2023"``), no ``format`` in ``dvtui.toml``, and a
report whose narratives are keyed by those old task slugs — committed as 0.1 committed."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import git

from dvtui.services.setup import GITATTRIBUTES, bundled_records

# dvtui.toml as ``dvtui init`` of 0.1 wrote it.
SETTINGS_01 = "schema = 1\ndeadline_inclusive = true\nrequire_signed_commits = false\n"
REPORT = "reports/2023-h1/ubnd-xa-quai-cang"
REPORT_01 = """\
schema = 1
status = "submitted"
submitted_on = 2023-05-10

[narrative]
ii-1 = "Quán triệt tại 12 bản."
ii-7 = "Mô hình trồng cà phê ở bản Co Sản."
"""
TASKS = 10  # II.1 … II.8 with II.2.1 and II.2.2


def make_01_repo(path: Path) -> Path:
    """The 0.1 layout at ``path``: an init commit and one report saved with narratives."""
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    shutil.copytree(bundled_records(), path / "records")
    for task in sorted((path / "records" / "tasks").glob("2023-*.toml")):
        text = task.read_text(encoding="utf-8").replace('parent = "2023-', 'parent = "')
        (task.parent / task.name.removeprefix("2023-")).write_text(text, encoding="utf-8")
        task.unlink()
    (path / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
    (path / "dvtui.toml").write_text(SETTINGS_01, encoding="utf-8")
    git(path, "add", "-A")
    git(
        path,
        "commit",
        "-q",
        "-m",
        "Khởi tạo dữ liệu từ bộ hồ sơ Kế hoạch dân vận năm 2023\n\n"
        "Action: init\nDvtui-Version: 0.1.0\n",
    )
    (path / "records" / f"{REPORT}.toml").write_text(REPORT_01, encoding="utf-8")
    git(
        path,
        "commit",
        "-q",
        "-a",
        "-m",
        "Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang: Chưa nộp → Đã nộp\n\n"
        f"Record: {REPORT}\nAction: update\nField: status\nField: submitted_on\n"
        "Field: narrative.ii-1\nField: narrative.ii-7\nDvtui-Version: 0.1.0\n",
    )
    return path
