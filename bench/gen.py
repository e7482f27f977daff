"""Generate a province-sized dvtui data repo with ``git fast-import``.

The repo looks like years of real use: every year a plan with ten task groups, four
reporting periods (two quarters, the half-year, the year), one report per assigned unit and
period, "Dân vận khéo" models; units of several districts with their communes. History:
a root ``Action: init`` commit with the first year, then one ``Action: create`` commit per
record as later years roll over, then single-record ``Action: update`` commits (figures
filled in, narratives written, reports submitted, returned, approved) spread over each
year, authored by a handful of staff. Every file is made by dvtui's own codec and every
message by its own ``build_message``, so ``dvtui validate`` and ``dvtui audit`` pass.

Deterministic: the same arguments give the same repo (same blob ids, same shas).
"""

from __future__ import annotations

import dataclasses
import random
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from dvtui.core import codec
from dvtui.core.changes import diff
from dvtui.core.dataset import Dataset
from dvtui.core.ids import RecordId
from dvtui.core.records import KINDS, SCHEMA_VERSION, Figures, Record
from dvtui.core.schema import from_table
from dvtui.core.text import slugify
from dvtui.core.trailers import build_message
from dvtui.services.setup import GITATTRIBUTES, SETTINGS

TZ = timezone(timedelta(hours=7))

DISTRICT_NAMES = [
    "Tuần Giáo",
    "Mường Ảng",
    "Điện Biên Đông",
    "Mường Chà",
    "Tủa Chùa",
    "Nậm Pồ",
    "Mường Nhé",
    "Điện Biên",
    "Mường Lay",
    "Điện Biên Phủ",
    "Si Pa Phìn",
    "Mường Thanh",
    "Na Son",
    "Pú Nhi",
    "Chà Cang",
    "Xa Dung",
    "Keo Lôm",
    "Phình Giàng",
    "Luân Giới",
    "Háng Lìa",
]
AGENCIES = [
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Kinh tế và Hạ tầng",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Thanh tra",
    "Phòng Dân tộc",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Văn phòng HĐND và UBND",
]
PARTNERS = ["Ủy ban MTTQ Việt Nam", "Hội Cựu chiến binh", "Liên đoàn Lao động"]
SYLLABLES = [
    "Quài",
    "Cang",
    "Mùn",
    "Chung",
    "Phình",
    "Sáng",
    "Tỏa",
    "Tình",
    "Mường",
    "Thín",
    "Nà",
    "Tòng",
    "Rạng",
    "Đông",
    "Pú",
    "Xi",
    "Chiềng",
    "Sinh",
    "Khong",
    "Say",
    "Nhung",
    "Tênh",
    "Phông",
    "Ta",
    "Ma",
    "Nưa",
    "Tở",
    "Lay",
    "Hua",
    "Ẳng",
    "Búng",
    "Lao",
    "Pa",
    "Ham",
]
STAFF = [
    ("Nguyễn Thị Lan", "lan.noivu"),
    ("Lò Văn Thắng", "thang.noivu"),
    ("Quàng Thị Hoa", "hoa.noivu"),
    ("Trần Minh Đức", "duc.noivu"),
    ("Lường Văn Pọm", "pom.noivu"),
    ("Vì Thị Xuân", "xuan.noivu"),
]
TASK_TITLES = [
    "Tổ chức quán triệt các quan điểm, chủ trương của Đảng về công tác dân vận",
    "Thực hiện tốt công tác dân vận trong cơ quan hành chính nhà nước",
    "Đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ Nhân dân",
    "Thực hiện Quy chế dân chủ ở cơ sở",
    "Tiếp công dân, giải quyết khiếu nại, tố cáo",
    "Phong trào thi đua “Dân vận khéo”",
    "Phối hợp với Ủy ban MTTQ và các đoàn thể",
    "Công tác thông tin, tuyên truyền",
    "Đối thoại với Nhân dân",
    "Kiểm tra, giám sát việc thực hiện",
]
TASK_CODES = ["II.1", "II.2", "II.2.1", "II.2.2", "II.3", "II.4", "II.5", "II.6", "II.7", "II.8"]
PERIODS = [  # slug suffix, kind, name pattern, due (month, day)
    ("q1", "quarter", "Báo cáo quý I năm {y}", (4, 15)),
    ("h1", "half-year", "Báo cáo 6 tháng năm {y}", (5, 15)),
    ("q3", "quarter", "Báo cáo quý III năm {y}", (9, 15)),
    ("year", "year", "Báo cáo tổng kết năm {y}", (10, 15)),
]
# (total, done): "done" never exceeds "total" (the schema's rule), so totals come first.
FIGURE_PAIRS = [
    ("petitions_received", "petitions_resolved"),
    ("voter_recommendations_received", "voter_recommendations_resolved"),
    ("models_registered", "models_recognised"),
]
FREE_FIGURES = [
    "conferences",
    "conference_attendees",
    "citizen_receptions",
    "citizens_received",
    "dialogues",
    "exemplary_persons",
    "commendations",
]
FIGURE_ORDER = [f.name for f in dataclasses.fields(Figures)]
CHECK_EVERY = 97  # one generated file in this many is compared with codec.encode
SIZES: dict[int, tuple[int, int]] = {1_000: (1, 5), 10_000: (10, 7), 50_000: (20, 16)}


@dataclass
class Spec:
    """What to generate."""

    records: int
    commits: int
    last_year: int = 2025
    seed: int = 7


@dataclass
class Generated:
    """What was generated: counts and a few records worth measuring."""

    records: int
    commits: int
    busiest: str  # the record with the most commits
    busiest_commits: int
    recent: str  # the busiest report of the newest year (what people open most)
    oldest: str  # the busiest report of the oldest year (its history is far back)
    report_kinds: dict[str, int] = field(default_factory=dict)


def _dated(rng: random.Random, year: int, month: int, day: int, spread: int) -> date:
    return date(year, month, day) + timedelta(days=rng.randint(-spread, spread))


def _units(districts: int) -> list[dict[str, Any]]:
    """Agencies and communes of each district (129 communes over 10 districts)."""
    out: list[dict[str, Any]] = []
    communes_each = [13] * districts
    if districts >= 10:
        communes_each[0] = 13 + 129 - 13 * 10 + 1  # 129 communes over the first ten
    for d in range(districts):
        # Past the 20 names, "Tuần Giáo 2" …: a name that repeats would repeat every slug.
        district = DISTRICT_NAMES[d % len(DISTRICT_NAMES)]
        if d >= len(DISTRICT_NAMES):
            district += f" {d // len(DISTRICT_NAMES) + 1}"
        suffix = f" huyện {district}"
        for name in AGENCIES:
            out.append({"name": name + suffix, "kind": "agency"})
        for name in PARTNERS:
            out.append(
                {"name": name + suffix, "kind": "front" if "MTTQ" in name else "mass-organization"}
            )
        out.append({"name": f"UBND thị trấn {district}", "kind": "township", "gso": True})
        for c in range(communes_each[d]):
            a, b = SYLLABLES[(d * 7 + c) % len(SYLLABLES)], SYLLABLES[(c * 5 + d + 3) % 34]
            out.append({"name": f"UBND xã {a} {b} {district}", "kind": "commune", "gso": True})
    seen: set[str] = set()
    for i, u in enumerate(out):
        slug = slugify(u["name"])
        if slug in seen:  # the number at the end: slugify cuts long names at 64 characters
            slug = f"{slug[:56].rstrip('-')}-{i}"
        assert slug not in seen, slug
        seen.add(slug)
        u["slug"] = slug
        if u.pop("gso", False):
            u["gso_code"] = f"{3000 + i:05d}"
    return out


class _Builder:
    """Record tables by address; each version goes through dvtui's schema before use."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, Any]] = {}

    def record(self, rid: str, table: dict[str, Any]) -> Record:
        parsed = RecordId.parse(rid)
        record, issues = from_table(KINDS[parsed.kind], table, id=parsed)
        if record is None or issues:
            raise AssertionError(f"generated an invalid record {rid}: {issues}")
        return record


def _year_records(
    rng: random.Random,
    year: int,
    units: list[dict[str, Any]],
    reports_per_period: int,
    models: int,
    district: str,
) -> dict[str, dict[str, Any]]:
    """Every record a year adds: its plan, tasks, periods, empty reports and models."""
    y = str(year)
    assignees = [u for u in units if u["kind"] in ("agency", "commune", "township")]
    out: dict[str, dict[str, Any]] = {}
    out[f"plans/{y}"] = {
        "year": year,
        "title": f"Về tăng cường công tác dân vận của cơ quan Nhà nước trên địa bàn tỉnh năm {y}",
        "issuer": f"Ủy ban nhân dân huyện {district}",
        "place": district,
        "symbol": "KH-UBND",
        "issued_month": 3,
        "issued_year": year,
        "purposes": ["Đẩy mạnh việc tuyên truyền, quán triệt công tác dân vận."],
    }
    for code, title in zip(TASK_CODES, TASK_TITLES, strict=True):
        slug = f"{y}-{code.lower().replace('.', '-')}"
        task: dict[str, Any] = {"plan": y, "code": code, "title": title}
        if code.count(".") == 2:
            task["parent"] = f"{y}-ii-2"
        task["text"] = f"{title} trong năm {y}, bám sát Kế hoạch của UBND tỉnh."
        task["lead_unit"] = assignees[0]["slug"]
        task["assigned_units"] = [u["slug"] for u in assignees[: 8 + rng.randint(0, 20)]]
        task["due"] = date(year, 12, 15)
        out[f"tasks/{slug}"] = task
    for suffix, kind, name, (m, d) in PERIODS:
        out[f"periods/{y}-{suffix}"] = {
            "plan": y,
            "name": name.format(y=y),
            "kind": kind,
            "due": date(year, m, d),
        }
    for suffix, *_ in PERIODS:
        for u in assignees[:reports_per_period]:
            out[f"reports/{y}-{suffix}/{u['slug']}"] = {"status": "missing"}
    for i in range(models):
        u = assignees[i % len(assignees)]
        kind = "model" if i % 3 else "exemplary-person"
        name = f"Mô hình “Dân vận khéo” số {i + 1} của {u['name']}"
        table = {"kind": kind, "name": name, "unit": u["slug"], "sector": "economy"}
        if kind == "exemplary-person":
            table["person"] = f"Ông/bà {SYLLABLES[i % 34]} {SYLLABLES[(i * 3) % 34]}"
        table["description"] = "Vận động Nhân dân hiến đất làm đường, giữ gìn vệ sinh thôn bản."
        out[f"models/{y}/{slugify(name)[:40].rstrip('-')}-{i}"] = table
    return out


def _report_steps(rng: random.Random, rid: str, year: int, due: date) -> list[dict[str, Any]]:
    """The versions a report goes through: figures, narrative, submitted, reviewed."""
    tasks = [f"{year}-{c.lower().replace('.', '-')}" for c in TASK_CODES]
    steps: list[dict[str, Any]] = []
    table: dict[str, Any] = {"status": "missing"}
    figures: dict[str, int] = {}

    def push(**changes: Any) -> None:
        table.update(changes)
        table["figures"] = dict(figures)
        steps.append({k: (dict(v) if isinstance(v, dict) else v) for k, v in table.items()})

    for total, done in FIGURE_PAIRS[: rng.randint(1, 3)]:
        figures[total] = rng.randint(5, 200)
        push()
        figures[done] = rng.randint(0, figures[total])
        push()
    for name in rng.sample(FREE_FIGURES, rng.randint(2, len(FREE_FIGURES))):
        figures[name] = rng.randint(1, 300)
        push()
    narrative: dict[str, str] = {}
    for slug in rng.sample(tasks, rng.randint(1, 4)):
        narrative[slug] = f"Đơn vị đã triển khai nhiệm vụ {slug} đầy đủ, đúng tiến độ."
        push(narrative=dict(narrative))
    submitted = due + timedelta(days=rng.randint(-20, 10))
    push(status="submitted", submitted_on=submitted, document_number=f"{rng.randint(1, 400)}/BC")
    if rng.random() < 0.2:
        push(
            status="returned",
            reviewer="Nguyễn Thị Lan",
            reviewed_on=submitted + timedelta(days=3),
            review_note="Bổ sung số liệu.",
        )
        figures["dialogues"] = rng.randint(1, 50)
        push(status="submitted", reviewed_on=None, review_note=None)
    push(status="approved", reviewer="Nguyễn Thị Lan", reviewed_on=submitted + timedelta(days=5))
    return [{k: v for k, v in s.items() if v is not None} for s in steps]


def _extra_step(rng: random.Random, current: dict[str, Any]) -> dict[str, Any]:
    """A correction of a free figure (always valid, keeps the status)."""
    new = {k: (dict(v) if isinstance(v, dict) else v) for k, v in current.items()}
    figures = dict(new.get("figures", {}))
    name = rng.choice(FREE_FIGURES)
    old = figures.get(name)
    value = rng.randint(1, 300)
    figures[name] = value + 1 if value == old else value
    new["figures"] = figures
    return new


def _stream(path: str, data: bytes) -> bytes:
    return b"M 100644 inline " + path.encode() + b"\ndata %d\n" % len(data) + data + b"\n"


def _commit(author: tuple[str, str], when: datetime, message: str, body: bytes) -> bytes:
    name, user = author
    stamp = f"{int(when.timestamp())} +0700"
    ident = f"{name} <{user}@province.example> {stamp}".encode()
    msg = message.encode()
    return (
        b"commit refs/heads/main\nauthor "
        + ident
        + b"\ncommitter "
        + ident
        + b"\ndata %d\n" % len(msg)
        + msg
        + b"\n"
        + body
        + b"\n"
    )


def generate(spec: Spec, target: Path) -> Generated:
    """Create a bare repository at ``target`` with the whole generated history."""
    rng = random.Random(spec.seed)
    districts, years = SIZES.get(spec.records, (max(1, spec.records // 5000), 5))
    units = _units(districts)
    assignees = [u for u in units if u["kind"] != "front" and u["kind"] != "mass-organization"]
    fixed = len(units) + years * (1 + len(TASK_CODES) + len(PERIODS))
    per_year = (spec.records - fixed) // years
    reports_per_period = min(len(assignees), per_year // len(PERIODS))
    year_list = list(range(spec.last_year - years + 1, spec.last_year + 1))
    district = DISTRICT_NAMES[0]

    # All records in their first version, year by year.
    created: dict[int, dict[str, dict[str, Any]]] = {}
    total = len(units)
    for i, year in enumerate(year_list):
        remaining_years = years - i
        budget = (spec.records - total) // remaining_years
        rpp = min(reports_per_period, (budget - 15) // len(PERIODS))
        models = budget - (1 + len(TASK_CODES) + len(PERIODS) + rpp * len(PERIODS))
        created[year] = _year_records(rng, year, units, rpp, max(0, models), district)
        total += len(created[year])
    unit_tables = {
        f"units/{u['slug']}": {
            k: v
            for k, v in {
                "name": u["name"],
                "kind": u["kind"],
                "gso_code": u.get("gso_code"),
            }.items()
            if v
        }
        for u in units
    }

    builder = _Builder()
    everything: dict[str, dict[str, Any]] = dict(unit_tables)
    for year in year_list:
        everything.update(created[year])
    data = Dataset([builder.record(rid, tb) for rid, tb in everything.items()])

    # Plan the updates: a share of the commit budget per year, reports' own sequences first.
    create_commits = sum(len(created[y]) for y in year_list[1:])
    updates_total = max(0, spec.commits - 1 - create_commits)
    current: dict[str, dict[str, Any]] = dict(everything)
    for rid in current:
        if rid.startswith("reports/"):
            current[rid] = {"status": "missing"}

    proc = subprocess.Popen(
        ["git", "-C", str(target), "fast-import", "--quiet", "--done"],
        stdin=subprocess.PIPE,
    )
    assert proc.stdin is not None
    out = proc.stdin
    commits = 0
    touched: dict[str, int] = {}

    first_version = {rid: builder.record(rid, current[rid]) for rid in current}
    checked = 0

    def emit(author: tuple[str, str], when: datetime, message: str, body: bytes) -> None:
        nonlocal commits
        out.write(_commit(author, when, message, body))
        commits += 1

    # Root commit: settings, attributes, units and the first year.
    first = year_list[0]
    settings = codec.encode_table(SETTINGS)
    body = _stream(".gitattributes", GITATTRIBUTES.encode()) + _stream("dvtui.toml", settings)
    for rid, table in {**unit_tables, **created[first]}.items():
        record = builder.record(rid, current[rid] if rid.startswith("reports/") else table)
        body += _stream(f"records/{rid}.toml", codec.encode(record))
        touched[rid] = 1
    message = (
        f"Khởi tạo dữ liệu kế hoạch dân vận năm {first}\n\nAction: init\nDvtui-Version: 0.1.0\n"
    )
    emit(STAFF[0], datetime(first, 1, 5, 8, 0, tzinfo=TZ), message, body)

    for index, year in enumerate(year_list):
        when = datetime(year, 1, 6, 8, 0, tzinfo=TZ)
        if index > 0:
            for rid, table in created[year].items():
                record = builder.record(rid, current[rid] if rid.startswith("reports/") else table)
                msg = build_message(record, data, "create", diff(None, _plain(record)), None)
                when += timedelta(seconds=rng.randint(20, 90))
                emit(
                    rng.choice(STAFF),
                    when,
                    msg,
                    _stream(f"records/{rid}.toml", codec.encode(record)),
                )
                touched[rid] = 1
        # This year's share of updates, interleaved across its reports in order.
        share = updates_total // years + (1 if index < updates_total % years else 0)
        reports = [rid for rid in created[year] if rid.startswith("reports/")]
        queues: dict[str, list[dict[str, Any]]] = {}
        for rid in reports:
            period = data.period(rid.split("/")[1])
            assert period is not None
            queues[rid] = _report_steps(rng, rid, year, period.due)
        planned = sum(len(q) for q in queues.values())
        events: list[str] = []
        if planned >= share:  # not enough budget for every step: the busiest reports win
            order = sorted(reports, key=lambda r: rng.random())
            for rid in order:
                room = share - len(events)
                take = min(room, len(queues[rid]))
                events += [rid] * take
                queues[rid] = queues[rid][:take]
                if room <= 0:
                    break
        else:
            for rid in reports:
                events += [rid] * len(queues[rid])
            extra = share - planned
            hot = reports[: max(1, len(reports) // 20)]  # a few reports get corrected often
            for _ in range(extra):
                rid = rng.choice(hot) if rng.random() < 0.5 else rng.choice(reports)
                events.append(rid)
        rng.shuffle(events)
        start = datetime(year, 1, 20, 8, 0, tzinfo=TZ).timestamp()
        span = datetime(year, 12, 20, 17, 0, tzinfo=TZ).timestamp() - start
        for n, rid in enumerate(events):
            queue = queues.get(rid)
            new = queue.pop(0) if queue else _extra_step(rng, current[rid])
            old_table = _report_table(current[rid])
            new_table = _report_table(new)
            changes = diff(old_table, new_table)
            if not changes:
                continue
            current[rid] = new
            record = first_version[rid]  # the title a message needs never changes
            msg = build_message(record, data, "update", changes, old_table)
            when = datetime.fromtimestamp(start + span * n / max(1, len(events)), TZ)
            blob = _encode_report(new_table)
            checked += 1
            if checked % CHECK_EVERY == 1:  # the fast writer must agree with dvtui's own
                assert blob == codec.encode(builder.record(rid, new)), rid
            emit(rng.choice(STAFF), when, msg, _stream(f"records/{rid}.toml", blob))
            touched[rid] = touched.get(rid, 0) + 1
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")
    busiest = max(touched, key=lambda r: touched[r])

    def busiest_of(year: int) -> str:
        mine = [r for r in touched if r.startswith(f"reports/{year}-")]
        return max(mine, key=lambda r: touched[r])

    kinds: dict[str, int] = {}
    for rid in everything:
        kinds[rid.split("/")[0]] = kinds.get(rid.split("/")[0], 0) + 1
    return Generated(
        len(everything),
        commits,
        busiest,
        touched[busiest],
        busiest_of(year_list[-1]),
        busiest_of(year_list[0]),
        kinds,
    )


_REPORT_KEYS = [
    "status",
    "submitted_on",
    "document_number",
    "figures",
    "narrative",
    "reviewer",
    "reviewed_on",
    "review_note",
]


def _report_table(table: dict[str, Any]) -> dict[str, Any]:
    """A report's table in the declared key order, empty values left out (as to_table)."""
    out: dict[str, Any] = {}
    for key in _REPORT_KEYS:
        value = table.get(key)
        if value is None or value == {} or value == "":
            continue
        if key == "figures":
            value = {k: value[k] for k in FIGURE_ORDER if k in value}
        elif key == "narrative":  # dvtui writes a table's keys in natural order
            value = {k: value[k] for k in sorted(value, key=_natural_key)}
        out[key] = value
    return out


def _natural_key(key: str) -> tuple[tuple[tuple[int, int, str], ...], str]:
    """The order of ``dvtui.core.schema`` for a table's keys (``ii-2`` < ``ii-10``)."""
    from dvtui.core.schema import _natural

    return (_natural(key), key)


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        assert '"' not in value and "\\" not in value and "\n" not in value
        return f'"{value}"'
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _encode_report(table: dict[str, Any]) -> bytes:
    """The canonical bytes of a report (what codec.encode writes; checked on samples)."""
    lines = [f"schema = {SCHEMA_VERSION}"]
    sections = []
    for key, value in table.items():
        if isinstance(value, dict):
            sections.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, section in sections:
        lines.append("")
        lines.append(f"[{key}]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in section.items()]
    return ("\n".join(lines) + "\n").encode()


def _plain(record: Record) -> dict[str, Any]:
    from dvtui.core.schema import to_table

    return to_table(record)


def init_bare(target: Path) -> None:
    """An empty bare repository with ``main`` as its branch."""
    subprocess.run(
        ["git", "init", "-q", "--bare", "--initial-branch=main", str(target)], check=True
    )


def iter_sizes(quick: bool) -> Iterator[Spec]:
    """The sizes ``make bench`` runs (only the smallest with QUICK=1)."""
    yield Spec(1_000, 20_000)
    if not quick:
        yield Spec(10_000, 100_000)
        yield Spec(50_000, 100_000)


__all__ = ["SCHEMA_VERSION", "Generated", "Spec", "generate", "init_bare", "iter_sizes"]
