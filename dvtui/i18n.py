"""The message catalog: every user-facing text, in Vietnamese (default) and English.

``t("err.required")`` returns the text in the current language; values are filled in
with ``str.format``. Keys are grouped by prefix: ``err.`` validation and errors,
``status.`` labels of stored slugs, ``cli.`` command-line output, ``ui.`` the TUI.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

Lang = Literal["vi", "en"]
_lang: Lang = "vi"

CATALOG: dict[str, tuple[str, str]] = {
    # --- validation: `file: field: reason` -------------------------------------------
    "err.required": ("thiếu trường bắt buộc", "required field is missing"),
    "err.unknown_key": ("trường không có trong mẫu hồ sơ", "unknown field"),
    "err.enum": (
        "giá trị “{value}” không hợp lệ, chỉ nhận: {allowed}",
        "value “{value}” is not allowed; expected one of: {allowed}",
    ),
    "err.type.str": ("phải là một chuỗi chữ", "must be text"),
    "err.type.int": ("phải là một số nguyên", "must be a whole number"),
    "err.type.bool": ("phải là true hoặc false", "must be true or false"),
    "err.type.date": ("phải là một ngày (yyyy-mm-dd)", "must be a date (yyyy-mm-dd)"),
    "err.type.list": ("phải là một danh sách", "must be a list"),
    "err.type.table": ("phải là một bảng", "must be a table"),
    "err.type.date_text": (
        "“{value}” không phải ngày hợp lệ (nhập dd/mm/yyyy)",
        "“{value}” is not a valid date (use dd/mm/yyyy)",
    ),
    "err.type.int_text": ("“{value}” không phải số nguyên", "“{value}” is not a whole number"),
    "err.type.bool_text": ("“{value}”: nhập có hoặc không", "“{value}”: use yes or no"),
    "err.not_settable": (
        "trường này không sửa được bằng lệnh set",
        "this field cannot be set from the command line",
    ),
    "err.min": ("không được nhỏ hơn {min}", "must not be less than {min}"),
    "err.rule.completed_on": (
        "nhiệm vụ đã hoàn thành phải có ngày hoàn thành",
        "a done task needs its completion date",
    ),
    "err.rule.submitted_on": (
        "báo cáo đã nộp phải có ngày nộp",
        "a submitted report needs its submission date",
    ),
    "err.rule.reviewed_on": (
        "báo cáo đã duyệt hoặc trả lại phải có ngày xem xét",
        "a reviewed report needs its review date",
    ),
    "err.rule.not_more_than": ("không được lớn hơn {other}", "must not be more than {other}"),
    "err.ref": ("không có hồ sơ “{kind}/{value}”", "no record “{kind}/{value}” exists"),
    "err.schema.missing": ("thiếu số phiên bản mẫu (schema)", "the schema version is missing"),
    "err.schema.newer": (
        "hồ sơ được ghi bằng phiên bản dvtui mới hơn (mẫu {found}), hãy cập nhật dvtui",
        "written by a newer dvtui (schema {found}); update dvtui",
    ),
    "err.schema.bad": (
        "phiên bản mẫu “{found}” không hợp lệ",
        "schema version “{found}” is invalid",
    ),
    "err.toml": ("tệp TOML bị lỗi: {detail}", "malformed TOML: {detail}"),
    "err.encoding": (
        "tệp không phải UTF-8 ({guess}); hãy lưu lại dưới dạng UTF-8",
        "the file is not UTF-8 ({guess}); save it as UTF-8",
    ),
    "err.too_large": (
        "tệp quá lớn ({size} byte, tối đa {limit})",
        "the file is too large ({size} bytes, at most {limit})",
    ),
    "err.symlink": (
        "là liên kết tượng trưng (symlink), dvtui không đọc",
        "is a symbolic link; dvtui does not follow it",
    ),
    "err.stray_file": (
        "tệp không đúng chỗ trong thư mục records/",
        "file is not where a record can be",
    ),
    "err.id.chars": ("mã “{id}” chứa ký tự không hợp lệ", "ID “{id}” contains invalid characters"),
    "err.id.absolute": (
        "mã “{id}” là đường dẫn tuyệt đối, không phải mã hồ sơ",
        "ID “{id}” is an absolute path, not a record ID",
    ),
    "err.id.path": (
        "mã “{id}” là một đường dẫn, không phải mã hồ sơ",
        "ID “{id}” is a path, not a record ID",
    ),
    "err.id.kind": (
        "mã “{id}” không bắt đầu bằng loại hồ sơ ({kinds})",
        "ID “{id}” does not start with a record kind ({kinds})",
    ),
    "err.id.depth": (
        "mã “{id}” phải có {depth} phần sau loại hồ sơ",
        "ID “{id}” needs {depth} part(s) after the kind",
    ),
    "err.id.slug": (
        "mã “{id}”: “{part}” chỉ được gồm chữ thường không dấu, số và gạch nối (tối đa 64 ký tự)",
        "ID “{id}”: “{part}” may only hold a-z, 0-9 and '-' (64 characters at most)",
    ),
    "err.id.year": ("“{part}” phải là một năm (4 chữ số)", "“{part}” must be a year (4 digits)"),
    "err.not_found": ("không có hồ sơ “{id}”", "no record “{id}”"),
    "err.exists": ("hồ sơ “{id}” đã có", "record “{id}” already exists"),
    "err.invalid_record": (
        "hồ sơ “{id}” đang có lỗi, hãy sửa tệp trước: {detail}",
        "record “{id}” is invalid; fix the file first: {detail}",
    ),
    "err.unknown_field": ("“{id}” không có trường “{field}”", "“{id}” has no field “{field}”"),
    "err.assignment": (
        "“{text}”: viết dạng trường=giá_trị",
        "“{text}”: write field=value",
    ),
    "err.no_change": ("không có gì thay đổi", "nothing changed"),
    "err.path_escape": (
        "“{path}” dẫn ra ngoài thư mục records/",
        "“{path}” leads outside records/",
    ),
    "err.lang": ("ngôn ngữ phải là vi hoặc en", "language must be vi or en"),
    "err.today": (
        "--today “{value}” không phải ngày hợp lệ",
        "--today “{value}” is not a valid date",
    ),
    # --- git --------------------------------------------------------------------------
    "err.git.not_repo": (
        "“{path}” không phải kho dữ liệu dvtui (chưa có git); tạo bằng: dvtui init {path}",
        "“{path}” is not a dvtui data repository; create one with: dvtui init {path}",
    ),
    "err.git.no_records": (
        "“{path}” là kho git nhưng không có thư mục records/ của dvtui",
        "“{path}” is a git repository but has no dvtui records/ folder",
    ),
    "err.git.identity": (
        'chưa khai báo người dùng git; hãy chạy: git config --global user.name "Họ Tên" '
        'và git config --global user.email "email@..."',
        'no git identity; run: git config --global user.name "Your Name" '
        'and git config --global user.email "you@..."',
    ),
    "err.git.merging": (
        "kho đang dở một lần hợp nhất (merge); hãy hoàn tất hoặc hủy trước khi lưu",
        "a merge is in progress; finish or abort it before saving",
    ),
    "err.git.rebasing": (
        "kho đang dở một lần rebase; hãy hoàn tất hoặc hủy trước khi lưu",
        "a rebase is in progress; finish or abort it before saving",
    ),
    "err.git.locked": (
        "kho đang bị một chương trình khác khóa (index.lock); thử lại sau giây lát",
        "the repository is locked by another program (index.lock); try again shortly",
    ),
    "err.git.detached": (
        "kho không ở trên một nhánh (detached HEAD); hãy chuyển về nhánh chính",
        "the repository is not on a branch (detached HEAD); check out the main branch",
    ),
    "err.git.failed": ("git báo lỗi: {detail}", "git failed: {detail}"),
    "err.init.exists": (
        "“{path}” đã có dữ liệu; chọn một thư mục trống",
        "“{path}” is not empty; choose an empty folder",
    ),
    # --- labels of stored slugs --------------------------------------------------------
    "status.report.missing": ("Chưa nộp", "Missing"),
    "status.report.submitted": ("Đã nộp", "Submitted"),
    "status.report.returned": ("Yêu cầu bổ sung", "Returned"),
    "status.report.approved": ("Đã duyệt", "Approved"),
    "status.task.not-started": ("Chưa thực hiện", "Not started"),
    "status.task.in-progress": ("Đang thực hiện", "In progress"),
    "status.task.done": ("Đã hoàn thành", "Done"),
    "kind.unit.agency": ("Cơ quan, đơn vị", "Agency"),
    "kind.unit.commune": ("UBND xã", "Commune"),
    "kind.unit.township": ("UBND thị trấn", "Township"),
    "kind.unit.front": ("Ủy ban MTTQ", "Fatherland Front"),
    "kind.unit.mass-organization": ("Đoàn thể", "Mass organisation"),
    "kind.model.model": ("Mô hình “Dân vận khéo”", "“Dân vận khéo” model"),
    "kind.model.exemplary-person": ("Gương điển hình", "Exemplary person"),
    "sector.economy": ("Kinh tế", "Economy"),
    "sector.culture-society": ("Văn hóa - xã hội", "Culture and society"),
    "sector.defence-security": ("Quốc phòng - an ninh", "Defence and security"),
    "sector.political-system": ("Xây dựng hệ thống chính trị", "Political system"),
    "record.plans": ("Kế hoạch", "Plan"),
    "record.units": ("Đơn vị", "Unit"),
    "record.tasks": ("Nhiệm vụ", "Task"),
    "record.periods": ("Kỳ báo cáo", "Period"),
    "record.reports": ("Báo cáo", "Report"),
    "record.models": ("Dân vận khéo", "Model"),
    "action.create": ("tạo mới", "created"),
    "action.update": ("cập nhật", "updated"),
    "action.delete": ("xóa", "deleted"),
    "commit.n_fields": ("cập nhật {n} trường", "{n} fields updated"),
    "ui.empty_value": ("(trống)", "(empty)"),
    "ui.yes": ("có", "yes"),
    "ui.no": ("không", "no"),
    "ui.n_items": ("{n} mục", "{n} items"),
    "target.regulation": (
        "Cơ quan, đơn vị có quy chế phối hợp với Ủy ban MTTQ",
        "Units with a coordination regulation with the Fatherland Front",
    ),
    "target.models": (
        "Đơn vị có ít nhất một mô hình “Dân vận khéo”",
        "Units with at least one “Dân vận khéo” model",
    ),
    "target.persons": (
        "Đơn vị có ít nhất một gương điển hình",
        "Units with at least one exemplary person",
    ),
    # --- command line -----------------------------------------------------------------
    "cli.description": (
        "Theo dõi kế hoạch công tác dân vận; mọi thay đổi là một commit git.",
        "Track the yearly dân vận plan; every change is a git commit.",
    ),
    "cli.opt.repo": (
        "thư mục kho dữ liệu (hoặc biến DVTUI_REPO)",
        "data repo folder (or DVTUI_REPO)",
    ),
    "cli.opt.today": (
        "ngày dùng để tính hạn, dạng YYYY-MM-DD (mặc định: hôm nay)",
        "the date lateness is computed against, YYYY-MM-DD (default: today)",
    ),
    "cli.opt.lang": ("ngôn ngữ giao diện", "interface language"),
    "cli.opt.scratch": (
        "kho thử nghiệm (cho make run): chấp nhận máy chưa khai báo người dùng git",
        "scratch repo (for make run): works on a machine with no git identity",
    ),
    "cli.opt.status": ("lọc theo trạng thái", "filter by status"),
    "cli.opt.unit": ("lọc theo đơn vị (mã)", "filter by unit (slug)"),
    "cli.opt.period": ("lọc theo kỳ báo cáo (mã)", "filter by period (slug)"),
    "cli.opt.search": ("tìm kiếm, không phân biệt dấu", "search, ignoring diacritics"),
    "cli.arg.id": (
        "mã hồ sơ, ví dụ reports/2023-h1/ubnd-xa-quai-cang",
        "record ID, e.g. tasks/ii-7",
    ),
    "cli.arg.init_path": ("thư mục sẽ tạo kho dữ liệu", "folder to create the data repo in"),
    "cli.cmd.init": (
        "tạo kho dữ liệu mới từ bộ hồ sơ kèm theo",
        "create a data repo from the bundled records",
    ),
    "cli.cmd.validate": ("kiểm tra toàn bộ hồ sơ", "check every record"),
    "cli.cmd.list": ("liệt kê hồ sơ một loại", "list the records of one kind"),
    "cli.cmd.show": ("xem một hồ sơ", "show one record"),
    "cli.cmd.set": (
        "sửa trường của một hồ sơ và lưu (commit)",
        "change fields of a record and commit",
    ),
    "cli.cmd.log": ("lịch sử thay đổi", "history of changes"),
    "cli.cmd.ui": ("mở giao diện (mặc định)", "open the terminal UI (default)"),
    "cli.init.done": (
        "Đã tạo kho dữ liệu {path} (commit {sha}).",
        "Created data repo {path} (commit {sha}).",
    ),
    "cli.validate.ok": ("Không có lỗi: {n} hồ sơ hợp lệ.", "No problems: {n} valid records."),
    "cli.validate.problems": (
        "{n} lỗi; {ok} hồ sơ hợp lệ.",
        "{n} problem(s); {ok} valid records.",
    ),
    "cli.set.done": (
        "Đã lưu: commit {sha}, {n} trường thay đổi.",
        "Saved: commit {sha}, {n} field(s) changed.",
    ),
    "col.id": ("Mã", "ID"),
    "col.year": ("Năm", "Year"),
    "col.title": ("Tiêu đề", "Title"),
    "col.name": ("Tên", "Name"),
    "col.kind": ("Loại", "Kind"),
    "col.gso": ("Mã ĐVHC", "GSO code"),
    "col.code": ("Mục", "Code"),
    "col.lead": ("Chủ trì", "Lead"),
    "col.status": ("Trạng thái", "Status"),
    "col.due": ("Hạn", "Due"),
    "col.period": ("Kỳ báo cáo", "Period"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.submitted_on": ("Ngày nộp", "Submitted"),
    "col.timeliness": ("Thời hạn", "Timeliness"),
    "col.sector": ("Lĩnh vực", "Field"),
    "timeliness.on-time": ("Đúng hạn", "On time"),
    "timeliness.late": ("Nộp muộn {days} ngày", "{days} days late"),
    "timeliness.pending": ("Chưa đến hạn", "Not yet due"),
    "timeliness.overdue": ("Quá hạn {days} ngày", "{days} days overdue"),
    "ui.overdue": ("quá hạn", "overdue"),
    # --- field labels (forms, history, commit bodies) ------------------------------------
    "field.status": ("Trạng thái", "Status"),
    "field.submitted_on": ("Ngày nộp", "Submitted on"),
    "field.document_number": ("Số văn bản", "Document number"),
    "field.reviewer": ("Người duyệt", "Reviewer"),
    "field.reviewed_on": ("Ngày xem xét", "Reviewed on"),
    "field.review_note": ("Ý kiến xem xét", "Review note"),
    "field.figures.conferences": ("Số hội nghị tuyên truyền", "Dissemination conferences"),
    "field.figures.conference_attendees": ("Số người dự hội nghị", "Conference attendees"),
    "field.figures.citizen_receptions": ("Số buổi tiếp công dân", "Citizen reception sessions"),
    "field.figures.citizens_received": ("Số lượt công dân được tiếp", "Citizens received"),
    "field.figures.dialogues": ("Số cuộc đối thoại với Nhân dân", "Dialogues with citizens"),
    "field.figures.petitions_received": (
        "Đơn thư khiếu nại, tố cáo, kiến nghị nhận được",
        "Petitions received",
    ),
    "field.figures.petitions_in_competence": ("Đơn thuộc thẩm quyền", "Petitions in competence"),
    "field.figures.petitions_resolved": ("Đơn đã giải quyết", "Petitions resolved"),
    "field.figures.voter_recommendations_received": (
        "Kiến nghị cử tri nhận được",
        "Voters' recommendations received",
    ),
    "field.figures.voter_recommendations_resolved": (
        "Kiến nghị cử tri đã giải quyết",
        "Voters' recommendations resolved",
    ),
    "field.figures.models_registered": ("Mô hình “Dân vận khéo” đăng ký", "Models registered"),
    "field.figures.models_recognised": ("Mô hình được công nhận", "Models recognised"),
    "field.figures.exemplary_persons": ("Gương điển hình", "Exemplary persons"),
    "field.figures.commendations": ("Khen thưởng", "Commendations"),
    "field.name": ("Tên", "Name"),
    "field.kind": ("Loại", "Kind"),
    "field.gso_code": ("Mã đơn vị hành chính", "GSO code"),
    "field.contact.person": ("Người liên hệ", "Contact person"),
    "field.contact.phone": ("Điện thoại", "Phone"),
    "field.contact.email": ("Thư điện tử", "Email"),
    "field.coordination_regulation.document_number": (
        "Số quy chế phối hợp",
        "Coordination regulation number",
    ),
    "field.coordination_regulation.signed_on": (
        "Ngày ký quy chế phối hợp",
        "Coordination regulation signed on",
    ),
    "field.title": ("Tiêu đề", "Title"),
    "field.code": ("Mã", "Code"),
    "field.text": ("Nội dung", "Text"),
    "field.lead_unit": ("Đơn vị chủ trì", "Lead unit"),
    "field.assigned_units": ("Đơn vị thực hiện", "Assigned units"),
    "field.due": ("Hạn", "Due"),
    "field.completed_on": ("Ngày hoàn thành", "Completed on"),
    "field.notes": ("Ghi chú tiến độ", "Progress notes"),
    "field.unit": ("Đơn vị", "Unit"),
    "field.person": ("Người thực hiện", "Person"),
    "field.place": ("Địa bàn", "Place"),
    "field.sector": ("Lĩnh vực", "Field"),
    "field.started_on": ("Ngày bắt đầu", "Started on"),
    "field.description": ("Cách làm", "What is done"),
    "field.results": ("Kết quả", "Results"),
    "field.households_benefiting": ("Số hộ hưởng lợi", "Households benefiting"),
    "field.resources_mobilised": ("Nguồn lực huy động", "Resources mobilised"),
    "field.recognition_level": ("Cấp công nhận", "Level recognised"),
    "field.award": ("Khen thưởng", "Award"),
    "field.due_period": ("Hạn nộp", "Deadline"),
    # --- issue 5: follow-up, status, reports, review, audit (kept as one block) --------
    "err.rule.sha": (
        "“{value}” không phải mã commit đầy đủ (40 ký tự 0-9, a-f)",
        "“{value}” is not a full commit id (40 characters 0-9, a-f)",
    ),
    "record.summaries": ("Tổng hợp của huyện", "District summary"),
    "record.reviews": ("Ký xác nhận rà soát", "Review sign-off"),
    "title.summary": ("Tổng hợp {period}", "Summary · {period}"),
    "title.review": ("Rà soát thay đổi · {reviewer}", "Review of changes · {reviewer}"),
    "field.number": ("Số văn bản", "Number"),
    "field.symbol": ("Ký hiệu", "Symbol"),
    "field.issued_on": ("Ngày ban hành", "Issued on"),
    "field.subject": ("Trích yếu", "Subject"),
    "field.leadership": ("Công tác lãnh đạo, chỉ đạo", "Leadership and direction"),
    "field.strengths": ("Ưu điểm", "Strengths"),
    "field.limitations": ("Hạn chế", "Limitations"),
    "field.causes": ("Nguyên nhân", "Causes"),
    "field.direction": ("Phương hướng, nhiệm vụ", "Direction and tasks"),
    "field.proposals": ("Đề xuất, kiến nghị", "Proposals"),
    "field.recipients": ("Nơi nhận", "Recipients"),
    "field.signature.authority": ("Thẩm quyền ký", "Signing authority"),
    "field.signature.title": ("Chức vụ người ký", "Signer's title"),
    "field.signature.signer": ("Người ký", "Signer"),
    "field.email": ("Thư điện tử", "Email"),
    "field.signed_on": ("Ngày ký xác nhận", "Signed on"),
    "field.upto": ("Đến commit", "Up to commit"),
    "field.commits": ("Số thay đổi đã rà soát", "Changes reviewed"),
    "field.comment": ("Ý kiến", "Comment"),
    # --- end issue 5 -------------------------------------------------------------------

}


def set_lang(lang: str) -> None:
    """Choose the language of every later ``t()`` call."""
    global _lang
    if lang not in ("vi", "en"):
        raise ValueError(lang)
    _lang = lang  # type: ignore[assignment]


def get_lang() -> Lang:
    """The current language."""
    return _lang


def t(key: str, **values: Any) -> str:
    """The text of ``key`` in the current language, with ``values`` filled in."""
    vi, en = CATALOG[key]
    text = vi if _lang == "vi" else en
    return text.format(**values) if values else text


@contextmanager
def language(lang: Lang) -> Iterator[None]:
    """Use ``lang`` inside the block (commit messages are always Vietnamese)."""
    global _lang
    saved = _lang
    _lang = lang
    try:
        yield
    finally:
        _lang = saved
