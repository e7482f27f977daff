"""A data repo with a known history for the follow-up and report tests, built through the
real Store and CLI (every change is a real commit), and the numbers a person would count."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from conftest import cli, own_git_identity

from dvtui.core.ids import RecordId
from dvtui.core.records import Model, ModelField, ModelKind, Summary
from dvtui.services.setup import init_data_repo
from dvtui.storage import Store

PERIOD = "2023-h1"
TODAY = "2023-05-25"  # ten days after the 15/05/2023 deadline

ON_TIME_APPROVED = "ubnd-xa-quai-cang"  # 10/05, approved
ON_TIME_LAST_DAY = "phong-tu-phap"  # 15/05: on time because the deadline day counts
LATE_RETURNED = "ubnd-xa-ta-ma"  # 18/05 (3 days late), returned for more
LATE = "phong-y-te"  # 20/05 (5 days late), submitted
WITH_CONTACT = "ubnd-xa-mun-chung"  # missing; its contact is recorded


@dataclass(frozen=True)
class Expected:
    """Numbers counted by hand from the changes below."""

    units: int = 34
    received: int = 4
    on_time: int = 2
    late: int = 2
    missing: int = 30
    returned: int = 1
    approved: int = 1
    counted: int = 3  # received less the returned one: its figures are not summed
    # Sums of the three accepted reports (Ta Ma's, returned, gave 1 / 40 / 1 / 5 / 4 more).
    conferences: int = 5  # 3 + 2
    attendees: int = 200  # 120 + 80
    receptions: int = 6  # 4 + 2
    citizens: int = 40  # 30 + 10
    dialogues: int = 2  # 2
    petitions: int = 15  # 10 + 5
    resolved: int = 11  # 8 + 3 → 73,3%
    regulations: int = 2  # quai-cang and tu-phap, of 34 → 5,9%
    models: int = 2  # economy (quai-cang), culture-society (ta-ma)
    persons: int = 1  # political-system (quai-cang)


def sets(repo: Path, rid: str, *assignments: str) -> None:
    """One `dvtui set` (one commit), which must succeed."""
    r = cli("--repo", str(repo), "set", rid, *assignments)
    assert r.returncode == 0, r.stderr


def build_history(repo: Path) -> Expected:
    """Reports on time, late, missing, returned and approved; models; regulations; summary."""
    r = f"reports/{PERIOD}/"
    sets(
        repo,
        r + ON_TIME_APPROVED,
        "status=approved",
        "submitted_on=10/05/2023",
        "reviewed_on=12/05/2023",
        "document_number=45/BC-UBND",
        "figures.conferences=3",
        "figures.conference_attendees=120",
        "figures.citizen_receptions=4",
        "figures.citizens_received=30",
        "figures.dialogues=2",
        "figures.petitions_received=10",
        "figures.petitions_in_competence=8",
        "figures.petitions_resolved=8",
        "narrative.2023-ii-1=Quán triệt tại 12 bản, 100% cán bộ tham gia.",
        "narrative.2023-ii-7=Mô hình “Dân vận khéo” trồng cà phê ở bản Co Sản.",
    )
    sets(
        repo,
        r + ON_TIME_LAST_DAY,
        "status=submitted",
        "submitted_on=15/05/2023",
        "figures.conferences=2",
        "figures.conference_attendees=80",
        "figures.petitions_received=5",
        "figures.petitions_resolved=3",
        "narrative.2023-ii-1=Phổ biến Chỉ thị 33/CT-TTg cho toàn thể công chức.",
    )
    sets(
        repo,
        r + LATE_RETURNED,
        "status=submitted",
        "submitted_on=18/05/2023",
        "figures.conferences=1",
        "figures.conference_attendees=40",
        "figures.dialogues=1",
        "figures.petitions_received=5",
        "figures.petitions_resolved=4",
    )
    sets(
        repo,
        r + LATE_RETURNED,
        "status=returned",
        "reviewed_on=20/05/2023",
        "review_note=Thiếu số liệu tiếp công dân",
    )
    sets(
        repo,
        r + LATE,
        "status=submitted",
        "submitted_on=20/05/2023",
        "figures.citizen_receptions=2",
        "figures.citizens_received=10",
    )
    for unit, number in ((ON_TIME_APPROVED, "01/QC-UBND"), (ON_TIME_LAST_DAY, "02/QC-TP")):
        sets(
            repo,
            f"units/{unit}",
            "coordination_regulation.signed_on=01/03/2023",
            f"coordination_regulation.document_number={number}",
        )
    sets(repo, f"units/{WITH_CONTACT}", "contact.person=Lò Văn Minh", "contact.phone=0912 345 678")
    store = Store(repo)
    store.load()
    models: list[tuple[str, ModelKind, str, str, ModelField]] = [
        ("ca-phe-co-san", "model", "Trồng cà phê bản Co Sản", ON_TIME_APPROVED, "economy"),
        ("van-nghe-ta-ma", "model", "Đội văn nghệ bản Ta Ma", LATE_RETURNED, "culture-society"),
        ("lo-van-sang", "exemplary-person", "Lò Văn Sáng", ON_TIME_APPROVED, "political-system"),
    ]
    for slug, kind, name, unit, sector in models:
        store.save(
            Model(
                id=RecordId.parse(f"models/2023/{slug}"),
                kind=kind,
                name=name,
                unit=unit,
                sector=sector,
            ),
            create=True,
        )
    store.save(
        Summary(
            id=RecordId.parse(f"summaries/{PERIOD}"),
            number="125",
            issued_on=date(2023, 5, 26),
            strengths="Các đơn vị chủ động triển khai Kế hoạch.",
            limitations="Còn 30 đơn vị chưa báo cáo đúng hạn.",
            causes="Một số đơn vị chưa quan tâm đúng mức.",
            direction="Tiếp tục đôn đốc các đơn vị.",
            proposals="Đề nghị Sở Nội vụ mở lớp tập huấn.",
        ),
        create=True,
    )
    return Expected()


# --- the known history, shared by the modules that read it ---------------------------------------

WIDE = {"COLUMNS": "400"}  # Rich wraps table cells to the terminal width


def build_known(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Expected]:
    """The known history in a fresh repo, with its own git identity (a module fixture's body:
    built once, then copied for each test by :func:`private_copy`)."""
    with own_git_identity(tmp_path_factory):
        repo = tmp_path_factory.mktemp("known") / "data"
        init_data_repo(repo)
        expected = build_history(repo)
    return repo, expected


def private_copy(built: tuple[Path, Expected], tmp_path: Path) -> Path:
    """A copy of the known history one test may change."""
    copy = tmp_path / "data"
    shutil.copytree(built[0], copy, symlinks=True)
    return copy


def run(repo: Path, *args: str) -> str:
    """``dvtui --today TODAY …`` on ``repo`` in a wide terminal; its output (it must succeed)."""
    r = cli("--repo", str(repo), "--today", TODAY, *args, env=WIDE)
    assert r.returncode == 0, r.stderr
    return r.stdout
