"""The practice data repo of ``make run``: the 2023 plan as three staff lived it until May.

Built through dvtui's own save path (every change a real commit, ``dvtui audit`` clean) with
fixed authors and dates (``GIT_AUTHOR_DATE``/``GIT_COMMITTER_DATE``), so the same history is
made every time: Nguyễn Thị Lan records what arrives, Quàng Văn Hùng (on his own clone,
shared through a server and merged by ``sync``) the coordination regulations and the
"Dân vận khéo" models, Lường Thị Thu (head of the office) returns and approves reports. By
20/05/2023 — the day the repo opens as (``practice_date`` in dvtui.toml) — 13 of 34 six-month
reports are in: 10 on time, 3 late; 4 approved (one of them returned first and completed),
one still returned.

The "server" is a bare repo inside the data repo's ``.git`` folder, so that F9 (sync) works
in practice too and nothing is left outside the folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.core.records import Note, Report, ReportStatus, Task
from dvtui.git.repo import Identity
from dvtui.services.setup import init_data_repo
from dvtui.services.sync import clone, sync
from dvtui.storage.store import Store

PRACTICE_DATE = date(2023, 5, 20)
SERVER = "dvtui-practice-server.git"  # inside .git: removed with the folder
LAN = Identity("Nguyễn Thị Lan", "lan.noivu@tuangiao.example")
HUNG = Identity("Quàng Văn Hùng", "hung.noivu@tuangiao.example")
THU = Identity("Lường Thị Thu", "thu.truongphong@tuangiao.example")
_DATE_VARS = ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE")


@contextmanager
def _as(who: Identity, when: str) -> Iterator[None]:
    """Commits made inside are ``who``'s, at ``when`` (``2023-03-06 08:15``, Hà Nội time)."""
    stamp = f"{when.replace(' ', 'T')}:00+07:00"
    saved = {name: os.environ.get(name) for name in (*who.env(), *_DATE_VARS)}
    os.environ.update(who.env())
    os.environ.update(dict.fromkeys(_DATE_VARS, stamp))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _fetched_on(store: Store, when: str) -> None:
    """The last fetch dated as the history is (``dvtui status`` says when it was)."""
    stamp = datetime.fromisoformat(f"{when.replace(' ', 'T')}:00+07:00").timestamp()
    os.utime(store.git.git_dir / "FETCH_HEAD", (stamp, stamp))


def _set(store: Store, rid: str, **fields: str) -> None:
    """One save, as ``dvtui set`` makes it (dotted names with ``__`` for ``.``)."""
    store.set_fields(RecordId.parse(rid), {k.replace("__", "."): v for k, v in fields.items()})


def _note(store: Store, slug: str, who: Identity, on: date, text: str, status: str) -> None:
    task = store.get(RecordId("tasks", (slug,)))
    assert isinstance(task, Task)
    note = Note(on=on, author=who.name, text=text)
    store.replace(task, status=status, notes=[*task.notes, note])


@dataclass(frozen=True)
class _Received:
    """A unit's six-month report as it arrived."""

    unit: str
    on: str  # dd/mm/yyyy
    number: str
    seed: int  # varies the figures from one unit to the next


def _report_fields(r: _Received) -> dict[str, str]:
    s = r.seed
    petitions = 3 + s % 7
    return {
        "status": "submitted",
        "submitted_on": r.on,
        "document_number": r.number,
        "figures__conferences": str(1 + s % 4),
        "figures__conference_attendees": str(40 + 15 * (s % 9)),
        "figures__citizen_receptions": str(2 + s % 5),
        "figures__citizens_received": str(10 + 4 * (s % 8)),
        "figures__dialogues": str(s % 3),
        "figures__petitions_received": str(petitions),
        "figures__petitions_in_competence": str(petitions - s % 2),
        "figures__petitions_resolved": str(petitions - 1 - s % 2),
        "narrative__2023-ii-1": "Tổ chức quán triệt Kế hoạch tới toàn thể cán bộ, công chức.",
        "narrative__2023-ii-4": "Công khai thủ tục hành chính tại bộ phận một cửa.",
    }


ON_TIME = (
    _Received("ubnd-xa-quai-cang", "04/05/2023", "45/BC-UBND", 1),
    _Received("phong-noi-vu", "05/05/2023", "12/BC-NV", 2),
    _Received("phong-tu-phap", "08/05/2023", "08/BC-TP", 3),
    _Received("ubnd-thi-tran-tuan-giao", "08/05/2023", "51/BC-UBND", 4),
    _Received("ubnd-xa-chieng-sinh", "10/05/2023", "33/BC-UBND", 6),
    _Received("phong-giao-duc-va-dao-tao", "11/05/2023", "102/BC-GDĐT", 7),
    _Received("phong-y-te", "12/05/2023", "09/BC-YT", 9),
    _Received("ubnd-xa-ta-ma", "12/05/2023", "19/BC-UBND", 10),
    _Received("phong-tai-chinh-ke-hoach", "15/05/2023", "21/BC-TCKH", 11),
    _Received("ubnd-xa-pu-nhung", "15/05/2023", "30/BC-UBND", 12),
)
LATE = (
    _Received("ubnd-xa-na-say", "16/05/2023", "24/BC-UBND", 13),
    _Received("phong-tai-nguyen-va-moi-truong", "17/05/2023", "18/BC-TNMT", 14),
    _Received("ubnd-xa-rang-dong", "18/05/2023", "22/BC-UBND", 15),
)
REGULATIONS = (  # (unit, number, signed on) — Hùng, in March
    ("phong-noi-vu", "01/QC-NV", "01/03/2023"),
    ("ubnd-xa-quai-cang", "01/QC-UBND", "02/03/2023"),
    ("phong-tu-phap", "02/QC-TP", "06/03/2023"),
    ("ubnd-thi-tran-tuan-giao", "05/QC-UBND", "08/03/2023"),
    ("ubnd-xa-chieng-sinh", "03/QC-UBND", "10/03/2023"),
    ("phong-giao-duc-va-dao-tao", "04/QC-GDĐT", "20/03/2023"),
)
CONTACTS = (  # (unit, person, phone) — Lan, in March
    ("ubnd-xa-mun-chung", "Lò Văn Minh", "0912 345 678"),
    ("ubnd-xa-ta-ma", "Quàng Thị Mai", "0915 220 418"),
    ("phong-y-te", "Nguyễn Văn Bình", "0914 567 231"),
)
MODELS = (  # (slug, kind, name, unit, sector, person, place, households) — Hùng, in April
    ("ca-phe-co-san", "model", "Trồng cà phê bản Co Sản", "ubnd-xa-quai-cang", "economy",
     "", "bản Co Sản", "42"),
    ("van-nghe-ban-ta-ma", "model", "Đội văn nghệ bản Ta Ma", "ubnd-xa-ta-ma",
     "culture-society", "", "bản Ta Ma", ""),
    ("hoa-giai-co-so", "model", "Tổ hòa giải ở cơ sở giỏi", "phong-tu-phap",
     "defence-security", "", "", ""),
    ("mot-cua-than-thien", "model", "Bộ phận một cửa thân thiện", "ubnd-thi-tran-tuan-giao",
     "political-system", "", "", ""),
    ("lo-van-sang", "exemplary-person", "Lò Văn Sáng, trưởng bản Co Sản", "ubnd-xa-quai-cang",
     "political-system", "Lò Văn Sáng", "bản Co Sản", ""),
    ("quang-thi-dung", "exemplary-person", "Quàng Thị Dung, hội viên phụ nữ bản Phiêng Pi",
     "ubnd-xa-chieng-sinh", "culture-society", "Quàng Thị Dung", "bản Phiêng Pi", ""),
)  # fmt: skip
_MODEL_DAYS = ("05/04", "07/04", "11/04", "14/04", "20/04", "21/04")


def build_practice_repo(target: Path) -> str:
    """Make the practice data repo at ``target`` (missing or empty); the last commit's sha.

    Built in a scratch folder in memory when the system has one (``/dev/shm``), then copied:
    its ~40 saves are real commits through the Store, each made durable (fsync) as an
    office's are, which on a disk is most of the time — and a practice repo cut short is
    simply made again.
    """
    target = Path(target).absolute()
    if target.exists() and any(target.iterdir()):
        raise DataError("err.init.exists", path=str(target))
    scratch = Path(tempfile.mkdtemp(prefix="dvtui-practice-", dir=_memory_folder()))
    try:
        head = _build(scratch / "lan", scratch / "hung")
        shutil.copytree(scratch / "lan", target, symlinks=True, dirs_exist_ok=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    moved = Store(target)
    moved.git.run("remote", "set-url", "origin", str(moved.git.git_dir / SERVER))
    moved.git.close()
    return head


def _memory_folder() -> str | None:
    """A folder in memory to build in (Linux's ``/dev/shm``); None: the usual temp folder."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def _build(office: Path, laptop: Path) -> str:
    """The history: Lan's repo at ``office`` (its server inside), Hùng's clone at ``laptop``."""
    with _as(LAN, "2023-03-06 08:15"):
        init_data_repo(office, practice_date=PRACTICE_DATE)
    lan = Store(office)
    server = lan.git.git_dir / SERVER
    lan.git.run("clone", "-q", "--bare", str(office), str(server))
    lan.git.run("remote", "add", "origin", str(server))
    with _as(LAN, "2023-03-06 08:20"):
        sync(lan)  # published: the branch now follows the server's
    clone(str(server), laptop)
    hung = Store(laptop)
    _march(lan, hung)
    _april(hung)
    with _as(HUNG, "2023-04-28 16:30"):
        sync(hung)  # his March and April go to the server
    hung.git.close()
    with _as(LAN, "2023-05-02 07:45"):
        sync(lan)  # both worked meanwhile: a merge commit, pushed
    _fetched_on(lan, "2023-05-02 07:45")
    _may(lan)
    lan.git.write_commit_graph()
    head = lan.git.head() or ""
    lan.git.close()
    return head


def _march(lan: Store, hung: Store) -> None:
    """Lan writes down who to call and starts II.1; Hùng, on his laptop, the regulations."""
    with _as(LAN, "2023-03-07 09:00"):
        text = "Đã gửi Kế hoạch đến các cơ quan, đơn vị và UBND các xã, thị trấn."
        _note(lan, "2023-ii-1", LAN, date(2023, 3, 7), text, "in-progress")
    for day, (unit, person, phone) in zip(("09", "09", "10"), CONTACTS, strict=True):
        with _as(LAN, f"2023-03-{day} 10:30"):
            _set(lan, f"units/{unit}", contact__person=person, contact__phone=phone)
    with _as(THU, "2023-03-14 15:00"):
        text = "Phòng Nội vụ xây dựng kế hoạch kiểm tra tại 5 xã trong quý II."
        _note(lan, "2023-ii-8", THU, date(2023, 3, 14), text, "in-progress")
    # Recorded as the signed copies reach the office, some signed before the plan came.
    for day, (unit, number, signed) in zip(
        ("13", "14", "16", "20", "21", "22"), REGULATIONS, strict=True
    ):
        with _as(HUNG, f"2023-03-{day} 14:00"):
            _set(
                hung,
                f"units/{unit}",
                coordination_regulation__document_number=number,
                coordination_regulation__signed_on=signed,
            )
    with _as(HUNG, "2023-03-24 16:00"):
        text = "6/34 cơ quan, đơn vị đã ký quy chế phối hợp với Ủy ban MTTQ cùng cấp."
        _note(hung, "2023-ii-6", HUNG, date(2023, 3, 24), text, "in-progress")


def _april(hung: Store) -> None:
    """Hùng registers the "Dân vận khéo" models and exemplary persons."""
    for day, (slug, kind, name, unit, sector, person, place, households) in zip(
        _MODEL_DAYS, MODELS, strict=True
    ):
        fields = {"kind": kind, "name": name, "unit": unit, "sector": sector}
        fields |= {k: v for k, v in (("person", person), ("place", place)) if v}
        if households:
            fields["households_benefiting"] = households
        dd, mm = day.split("/")
        with _as(HUNG, f"2023-{mm}-{dd} 09:30"):
            hung.add_fields(RecordId("models", ("2023", slug)), fields)
    with _as(HUNG, "2023-04-26 10:00"):
        text = "Đã đăng ký 4 mô hình “Dân vận khéo” và 2 gương điển hình."
        _note(hung, "2023-ii-7", HUNG, date(2023, 4, 26), text, "in-progress")


def _may(lan: Store) -> None:
    """Reports arrive; Thu returns two, approves others; one returned report comes back."""
    for r in ON_TIME:
        dd, mm = r.on[:2], r.on[3:5]
        with _as(LAN, f"2023-{mm}-{dd} 10:00"):
            _set(lan, f"reports/2023-h1/{r.unit}", **_report_fields(r))
        if r.unit in ("phong-noi-vu", "phong-tu-phap"):
            _review(lan, r.unit, "approved", f"{dd}/{mm}", "")
    _review(lan, "ubnd-xa-quai-cang", "approved", "12/05", "")
    _review(lan, "ubnd-xa-ta-ma", "returned", "15/05", "Thiếu số liệu tiếp công dân.")
    _review(lan, "phong-y-te", "returned", "16/05", "Chưa có kết quả nhiệm vụ II.2.")
    for r in LATE:
        dd, mm = r.on[:2], r.on[3:5]
        with _as(LAN, f"2023-{mm}-{dd} 14:00"):
            _set(lan, f"reports/2023-h1/{r.unit}", **_report_fields(r))
    with _as(LAN, "2023-05-18 15:30"):  # Ta Ma sends what was missing
        _set(
            lan,
            "reports/2023-h1/ubnd-xa-ta-ma",
            status="submitted",
            figures__citizen_receptions="3",
            figures__citizens_received="21",
        )
    _review(lan, "ubnd-xa-ta-ma", "approved", "19/05", "")


def _review(lan: Store, unit: str, status: ReportStatus, day: str, note: str) -> None:
    """Thu's decision on a report, saved on the office's machine."""
    dd, mm = day.split("/")
    report = lan.get(RecordId("reports", ("2023-h1", unit)))
    assert isinstance(report, Report)
    with _as(THU, f"2023-{mm}-{dd} 16:00"):
        lan.save(
            replace(
                report,
                status=status,
                reviewer=THU.name,
                reviewed_on=date(2023, int(mm), int(dd)),
                review_note=note or None,
            )
        )


__all__ = ["PRACTICE_DATE", "build_practice_repo"]
