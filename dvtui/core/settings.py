"""A data repo's settings (``dvtui.toml`` at its root): rules that differ between offices."""

from __future__ import annotations

from dataclasses import field
from datetime import date

from dvtui.core.recordclass import record


@record
class Settings:
    """Office rules. Read from ``dvtui.toml``; every field has a sensible default."""

    # "trước ngày 15/5": True counts a report handed in on 15/5 as on time.
    deadline_inclusive: bool = True
    # Audit flags commits without a valid signature when True.
    require_signed_commits: bool = False
    # The office that issues plans and reports ("UBND xã Mường Ảng"), and the place name of
    # its documents' date line ("Mường Ảng"): the defaults of a new plan (dvtui init --empty).
    issuer: str = ""
    place: str = ""
    # Who the units' reports go through and who answers their questions ("Phòng Nội vụ
    # huyện", "Văn phòng HĐND và UBND xã"): the letters' "(qua …)" and "liên hệ …", the
    # forms' "gửi lại cho …". Empty: the plan's issuer, and no "(qua …)".
    coordinator: str = ""
    # The symbol after the number of the office's letters ("UBND-NV"). Empty: "UBND" for a
    # People's Committee, none for another issuer.
    letter_symbol: str = ""
    # The plan the screens open on; empty means the newest.
    default_plan: str = ""
    # The largest file ``dvtui attach`` keeps, in MB (a scan of a signed report is 1–3 MB).
    attachment_limit_mb: int = field(default=20, metadata={"min": 1})
    # Attached files go to Git LFS (``git lfs install`` done on every clone and the server).
    lfs_attachments: bool = False
    # The layout version of the data repo (see dvtui.storage.store.DATA_FORMAT); written by
    # dvtui, absent in repos made by dvtui 0.1 (format 1), raised only by a migration.
    format: int = field(default=1, metadata={"min": 1})
    # The first dvtui that reads that layout ("0.2.0"): what an older one names when it
    # refuses the repo (dvtui.storage.store.FORMAT_SINCE). Written with ``format``.
    requires_dvtui: str = ""
    # Practice data (``make run``'s repo): opened as of this day unless --today says another,
    # with a line on screen saying so. Never set in an office's real data repo.
    practice_date: date | None = None
