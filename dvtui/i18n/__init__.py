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
    "err.type.not_utf8": (
        "có byte không phải UTF-8 (văn bản dán từ bảng mã khác?); hãy gõ lại",
        "holds bytes that are not UTF-8 (text pasted from another encoding?); type it again",
    ),
    "err.too_long": (
        "quá dài: cả hồ sơ sẽ là {size} byte, tối đa {limit}",
        "too long: the whole record would be {size} bytes, at most {limit}",
    ),
    "err.binary": (
        "không phải tệp văn bản (có byte nhị phân); hồ sơ phải là tệp TOML UTF-8",
        "not a text file (it holds binary bytes); a record must be a UTF-8 TOML file",
    ),
    "err.encoding_unknown": (
        "tệp không phải UTF-8 (không rõ bảng mã); hãy lưu lại dưới dạng UTF-8",
        "the file is not UTF-8 (unknown encoding); save it as UTF-8",
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
    "err.read": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "err.os": ("không dùng được “{path}”: {detail}", "cannot use “{path}”: {detail}"),
    "err.today": (
        "--today “{value}” không phải ngày hợp lệ",
        "--today “{value}” is not a valid date",
    ),
    # --- git --------------------------------------------------------------------------
    "err.git.not_repo": (
        "“{path}” không phải kho dữ liệu dvtui (chưa có git); tạo bằng: dvtui init {path}",
        "“{path}” is not a dvtui data repository; create one with: dvtui init {path}",
    ),
    "err.git.no_folder": (
        "không có thư mục “{path}”; tạo kho dữ liệu mới bằng: dvtui init {path}",
        "there is no folder “{path}”; create a data repository with: dvtui init {path}",
    ),
    "err.git.bare": (
        "“{path}” là kho trên máy chủ (bare), không có tệp để làm việc; hãy lấy một bản về "
        "máy bằng: dvtui clone {path} THƯ_MỤC",
        "“{path}” is a server (bare) repository with no working files; get a copy with: "
        "dvtui clone {path} FOLDER",
    ),
    "err.git.subfolder": (
        "“{path}” nằm bên trong kho dữ liệu; hãy dùng thư mục gốc của kho: {root}",
        "“{path}” is inside a data repository; use its top folder: {root}",
    ),
    "err.git.empty": (
        "kho git chưa có commit nào; tạo kho dữ liệu bằng dvtui init, hoặc commit các hồ sơ "
        "trước (git add records dvtui.toml .gitattributes && git commit)",
        "the git repository has no commits yet; create a data repository with dvtui init, or "
        "commit the records first (git add records dvtui.toml .gitattributes && git commit)",
    ),
    "notice.shallow": (
        "kho này chỉ có một phần lịch sử (bản sao rút gọn, từ {date}); những thay đổi trước "
        "đó không có ở đây — lấy đủ bằng: git fetch --unshallow",
        "this clone has only part of the history (a shallow clone, from {date}); earlier "
        "changes are not here — fetch them with: git fetch --unshallow",
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
        "kho đang dở một lần hợp nhất (merge); hãy hoàn tất (git commit) hoặc hủy "
        "(git merge --abort) trước khi lưu",
        "a merge is in progress; finish it (git commit) or abort it (git merge --abort) "
        "before saving",
    ),
    "err.git.rebasing": (
        "kho đang dở một lần rebase; hãy hoàn tất (git rebase --continue) hoặc hủy "
        "(git rebase --abort) trước khi lưu",
        "a rebase is in progress; finish it (git rebase --continue) or abort it "
        "(git rebase --abort) before saving",
    ),
    "err.git.locked": (
        "kho đang bị khóa ({lock}) và máy này không cho biết chương trình nào giữ khóa; nếu "
        "không còn chương trình git nào đang mở, hãy xóa tệp {path} rồi thử lại",
        "the repository is locked ({lock}) and this system cannot tell by whom; if no git "
        "program is open, delete the file {path} and try again",
    ),
    "err.git.locked_by": (
        "kho đang bị khóa ({lock}) bởi chương trình đang chạy: {who}; chờ nó xong rồi thử lại",
        "the repository is locked ({lock}) by a running program: {who}; wait for it to "
        "finish and try again",
    ),
    "err.save.busy": (
        "một phiên dvtui khác đang lưu vào kho này ({owner}); thử lại sau giây lát",
        "another dvtui is saving to this repository ({owner}); try again shortly",
    ),
    "err.changed_meanwhile": (
        "hồ sơ “{id}” vừa được người khác sửa cùng trường ({fields}); hãy tải lại rồi sửa lại",
        "record “{id}” was just changed by someone else in the same field(s) ({fields}); "
        "reload it and make your change again",
    ),
    "notice.stale_lock": (
        "đã gỡ khóa git bị bỏ lại bởi một chương trình đã dừng giữa chừng: {locks}",
        "removed a git lock left behind by a program that stopped half-way: {locks}",
    ),
    "notice.recovered.committed": (
        "lần lưu “{path}” lúc {when} bị ngắt sau khi đã ghi vào git: thay đổi được giữ",
        "the save of “{path}” at {when} was cut short after its commit: the change is kept",
    ),
    "notice.recovered.undone": (
        "lần lưu “{path}” lúc {when} bị ngắt trước khi ghi vào git: hồ sơ được trả về như "
        "trước, hãy lưu lại",
        "the save of “{path}” at {when} was cut short before its commit: the record was put "
        "back as it was; save it again",
    ),
    "notice.recovered.unwritten": (
        "lần lưu “{path}” lúc {when} bị ngắt trước khi ghi tệp: không có gì thay đổi",
        "the save of “{path}” at {when} was cut short before writing: nothing changed",
    ),
    "notice.journal_unreadable": (
        "đã bỏ tệp nhật ký lưu không đọc được: {path}",
        "removed an unreadable save journal: {path}",
    ),
    "err.git.detached": (
        "kho không ở trên một nhánh (detached HEAD); hãy chuyển về nhánh chính "
        "(ví dụ: git switch main)",
        "the repository is not on a branch (detached HEAD); check out the main branch "
        "(e.g. git switch main)",
    ),
    "err.git.failed": ("git báo lỗi: {detail}", "git failed: {detail}"),
    "err.init.exists": (
        "“{path}” đã có dữ liệu; chọn một thư mục trống",
        "“{path}” is not empty; choose an empty folder",
    ),
    # --- sync with the office's git server (issue 4) ------------------------------------
    "err.sync.no_remote": (
        "kho chưa có máy chủ để đồng bộ; thêm bằng: git remote add origin ĐỊA_CHỈ_MÁY_CHỦ",
        "this data repo has no server to sync with; add one: git remote add origin SERVER_URL",
    ),
    "err.sync.offline": (
        "không kết nối được máy chủ {url} (mất mạng hoặc máy chủ chưa bật); dữ liệu trên máy "
        "vẫn nguyên, hãy đồng bộ lại sau",
        "cannot reach the server {url} (offline, or the server is down); nothing changed "
        "here, sync again later",
    ),
    "err.sync.not_found": (
        "máy chủ {url} không có kho dữ liệu này (sai địa chỉ, hoặc kho đã bị chuyển/xóa)",
        "the server {url} has no such repository (wrong address, or it was moved or deleted)",
    ),
    "err.sync.auth": (
        "máy chủ {url} từ chối đăng nhập (sai tên hoặc mật khẩu, hoặc git chưa được cấu hình "
        "thông tin đăng nhập)",
        "the server {url} refused the login (wrong user name or password, or git has no "
        "credentials for it)",
    ),
    "err.sync.rewritten": (
        "lịch sử trên máy chủ {url} đã bị viết lại (mất các thay đổi đã đồng bộ trước đây); "
        "dvtui không hợp nhất, hãy báo người quản trị máy chủ",
        "the history on the server {url} was rewritten (changes synced before are gone); "
        "dvtui will not merge it, tell whoever runs the server",
    ),
    "err.sync.unrelated": (
        "kho trên máy chủ không cùng nguồn gốc với kho trên máy này; không hợp nhất",
        "the server's repository does not share history with this one; not merging",
    ),
    "err.sync.push_refused": (
        "máy chủ từ chối nhận thay đổi: {reason}",
        "the server refused the changes: {reason}",
    ),
    "err.sync.busy": (
        "máy chủ liên tục có thay đổi mới trong lúc đồng bộ; hãy đồng bộ lại",
        "the server kept changing during the sync; sync again",
    ),
    "err.sync.dirty": (
        "có tệp sửa tay chưa lưu (commit) trùng với thay đổi lấy về: {paths}; hãy lưu hoặc "
        "bỏ các thay đổi đó rồi đồng bộ lại",
        "files with uncommitted edits would be overwritten by incoming changes: {paths}; "
        "commit or discard them, then sync again",
    ),
    "err.sync.timeout": (
        "máy chủ {url} không trả lời quá lâu; đã dừng, dữ liệu trên máy vẫn nguyên",
        "the server {url} took too long to answer; stopped, nothing changed here",
    ),
    "err.sync.empty_local": (
        "kho trên máy chưa có commit nào",
        "this repository has no commits yet",
    ),
    "err.sync.no_conflicts": (
        "không có xung đột nào đang chờ giải quyết",
        "there are no conflicts waiting to be resolved",
    ),
    "err.sync.unresolved": (
        "còn {n} xung đột chưa chọn cách giải quyết: {items}",
        "{n} conflict(s) still need a choice: {items}",
    ),
    "err.sync.whole_file_value": (
        "“{path}”: cả tệp chỉ chọn được mine (của tôi) hoặc theirs (của máy chủ)",
        "“{path}”: for a whole file, choose mine or theirs",
    ),
    "err.sync.head_moved": (
        "kho vừa có thay đổi mới trong lúc giải quyết xung đột; hãy chạy lại",
        "the repository changed while resolving; run it again",
    ),
    "err.sync.bad_choice": (
        "“{text}”: viết trường=mine, trường=theirs, trường=base hoặc trường=giá_trị",
        "“{text}”: write field=mine, field=theirs, field=base or field=value",
    ),
    "err.sync.no_such_conflict": (
        "“{id}” không có xung đột ở trường “{field}”",
        "“{id}” has no conflict in field “{field}”",
    ),
    "err.clone.empty": (
        "kho trên máy chủ {url} còn trống; người đầu tiên tạo dữ liệu bằng dvtui init, "
        "git remote add origin {url} và dvtui sync",
        "the server repository {url} is empty; the first person runs dvtui init, "
        "git remote add origin {url} and dvtui sync",
    ),
    "err.clone.not_data": (
        "kho {url} không phải kho dữ liệu dvtui (không có thư mục records/)",
        "{url} is not a dvtui data repository (no records/ folder)",
    ),
    "sync.stage.fetch": ("Đang lấy thay đổi từ máy chủ {url}…", "Fetching from {url}…"),
    "sync.stage.merge": ("Đang hợp nhất theo từng trường…", "Merging field by field…"),
    "sync.stage.push": ("Đang gửi thay đổi lên máy chủ {url}…", "Pushing to {url}…"),
    "sync.stage.update": ("Đang cập nhật hồ sơ trên máy…", "Updating local records…"),
    "sync.stage.retry": (
        "Có người vừa gửi thay đổi lên máy chủ; hợp nhất lại (lần {attempt})…",
        "Someone pushed meanwhile; merging again (attempt {attempt})…",
    ),
    "sync.stage.clone": ("Đang tải kho dữ liệu từ {url}…", "Cloning {url}…"),
    "sync.stage.done": ("Đã đồng bộ xong.", "Sync finished."),
    "sync.whole_file": ("cả tệp", "whole file"),
    "sync.take.mine": ("giữ của tôi", "kept mine"),
    "sync.take.theirs": ("lấy của máy chủ", "took theirs"),
    "sync.take.base": ("trở về bản gốc", "back to the base"),
    "sync.take.value": ("nhập giá trị mới", "new value"),
    "sync.deleted": ("(đã xóa)", "(deleted)"),
    "sync.reason.invalid": ("kết hợp không hợp lệ: {problem}", "invalid together: {problem}"),
    "commit.merge": (
        "Hợp nhất thay đổi từ máy chủ ({remote})",
        "Merge changes from the server ({remote})",
    ),
    "commit.merge_resolved": (
        "Hợp nhất thay đổi từ máy chủ ({remote}), giải quyết {n} xung đột",
        "Merge changes from the server ({remote}), {n} conflict(s) resolved",
    ),
    "commit.merge_from": ("- Thay đổi của: {names}", "- Changes by: {names}"),
    "cli.cmd.clone": (
        "tải kho dữ liệu của cơ quan từ máy chủ về máy này",
        "clone the office's data repo from its server",
    ),
    "cli.cmd.sync": (
        "đồng bộ với máy chủ: lấy về, hợp nhất, gửi lên",
        "sync with the server: fetch, merge, push",
    ),
    "cli.cmd.status": (
        "tình trạng đồng bộ: số thay đổi chưa gửi / chưa lấy về",
        "sync status: commits ahead and behind the server",
    ),
    "cli.cmd.resolve": (
        "giải quyết xung đột sau khi đồng bộ (chọn của tôi, của máy chủ hoặc giá trị mới)",
        "resolve sync conflicts (mine, theirs or a new value)",
    ),
    "cli.arg.url": ("địa chỉ kho trên máy chủ", "address of the server repository"),
    "cli.arg.clone_path": ("thư mục sẽ tạo (trống)", "folder to create (empty)"),
    "cli.arg.resolve_items": (
        "mã hồ sơ rồi trường=mine|theirs|base|giá_trị, ví dụ: "
        "reports/2023-h1/ubnd-xa-quai-cang status=theirs",
        "record ID then field=mine|theirs|base|value, e.g. reports/2023-h1/x status=theirs",
    ),
    "cli.opt.mine": (
        "giữ của tôi cho mọi xung đột còn lại",
        "keep mine for every remaining conflict",
    ),
    "cli.opt.theirs": (
        "lấy của máy chủ cho mọi xung đột còn lại",
        "take theirs for every remaining conflict",
    ),
    "cli.opt.abort": (
        "bỏ qua các xung đột đang chờ (kho không thay đổi)",
        "forget the pending conflicts (the repository is unchanged)",
    ),
    "cli.opt.no_push": (
        "chỉ commit trên máy, chưa gửi lên máy chủ",
        "commit locally only, do not push",
    ),
    "cli.clone.done": (
        "Đã tải kho dữ liệu về {path}; đã cài bộ hợp nhất theo từng trường.",
        "Cloned into {path}; field-level merging is set up.",
    ),
    "cli.sync.up_to_date": ("Đã khớp với máy chủ, không có gì mới.", "Up to date with the server."),
    "cli.sync.pulled": ("Đã lấy thay đổi mới về.", "Pulled new changes."),
    "cli.sync.pushed": ("Đã gửi thay đổi lên máy chủ.", "Pushed to the server."),
    "cli.sync.merged": (
        "Đã hợp nhất và gửi lên máy chủ (commit {sha}).",
        "Merged and pushed (commit {sha}).",
    ),
    "cli.sync.retried": (
        "Có người gửi thay đổi trong lúc đồng bộ; đã hợp nhất lại {n} lần.",
        "Someone pushed during the sync; merged again {n} time(s).",
    ),
    "cli.sync.incoming": (
        "Lấy về {n} thay đổi, {r} hồ sơ:",
        "Received {n} change(s) to {r} record(s):",
    ),
    "cli.sync.outgoing": (
        "Gửi lên {n} thay đổi, {r} hồ sơ:",
        "Sent {n} change(s) to {r} record(s):",
    ),
    "cli.sync.conflict": (
        "{where}: {label} ({field}): của tôi “{mine}” · máy chủ “{theirs}” · bản gốc “{base}”",
        "{where}: {label} ({field}): mine “{mine}” · theirs “{theirs}” · base “{base}”",
    ),
    "cli.sync.conflicts": (
        "{n} xung đột: cùng một trường bị sửa khác nhau ở hai nơi; kho trên máy vẫn như "
        "trước khi đồng bộ. Giải quyết bằng: dvtui resolve MÃ_HỒ_SƠ trường=mine|theirs|giá_trị",
        "{n} conflict(s): the same field changed two ways; this repository is as it was "
        "before the sync. Resolve with: dvtui resolve RECORD_ID field=mine|theirs|value",
    ),
    "cli.resolve.done": (
        "Đã giải quyết xung đột và commit hợp nhất {sha}.",
        "Conflicts resolved; merge committed as {sha}.",
    ),
    "cli.resolve.not_pushed": (
        "Chưa gửi được lên máy chủ ({reason}); thay đổi đã lưu trên máy, hãy chạy dvtui sync sau.",
        "Not pushed yet ({reason}); the merge is saved here, run dvtui sync later.",
    ),
    "cli.resolve.none": ("Không có xung đột nào đang chờ.", "No conflicts are pending."),
    "cli.resolve.aborted": (
        "Đã bỏ qua các xung đột đang chờ; kho không thay đổi.",
        "Pending conflicts forgotten; the repository is unchanged.",
    ),
    "cli.status.no_remote": (
        "Chưa có máy chủ; {ahead} thay đổi chỉ có trên máy này.",
        "No server yet; {ahead} commit(s) exist only here.",
    ),
    "cli.status.remote": (
        "Máy chủ: {remote} ({url}), nhánh {branch}",
        "Server: {remote} ({url}), branch {branch}",
    ),
    "cli.status.counts": (
        "Chưa gửi lên: {ahead} · chưa lấy về: {behind}",
        "Ahead (not pushed): {ahead} · behind (not merged): {behind}",
    ),
    "cli.status.last_fetch": (
        "Lần lấy dữ liệu gần nhất: {when}",
        "Last fetched: {when}",
    ),
    "cli.status.never_fetched": (
        "Chưa đồng bộ lần nào với máy chủ.",
        "Never synced with the server.",
    ),
    "cli.status.unpushed": ("Thay đổi chưa gửi:", "Unpushed commits:"),
    "cli.status.conflicts": (
        "Có xung đột đang chờ giải quyết: dvtui resolve",
        "Conflicts are waiting: dvtui resolve",
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
    "col.models": ("Mô hình", "Models"),
    "col.persons": ("Gương", "Persons"),
    "col.regulation": ("Quy chế PH", "Regulation"),
    "col.document": ("Số văn bản", "Document"),
    "period.short.half-year": ("6 tháng", "Half-year"),
    "period.short.year": ("Cả năm", "Year"),
    "period.short.quarter": ("Quý", "Quarter"),
    "period.short.ad-hoc": ("Đột xuất", "Ad hoc"),
    "ui.regulation_none": ("Chưa có", "None"),
    "err.name_needed": ("hãy nhập tên trước khi lưu", "enter a name before saving"),
    # --- the terminal UI --------------------------------------------------------------------
    "ui.app_title": ("dvtui · Theo dõi công tác dân vận", "dvtui · dân vận plan tracker"),
    "ui.tab.dashboard": ("Tổng quan", "Dashboard"),
    "ui.tab.tasks": ("Nhiệm vụ", "Tasks"),
    "ui.tab.units": ("Đơn vị", "Units"),
    "ui.tab.reports": ("Báo cáo", "Reports"),
    "ui.tab.models": ("Dân vận khéo", "Models"),
    "ui.key.help": ("Trợ giúp", "Help"),
    "ui.key.palette": ("Tìm lệnh", "Commands"),
    "ui.key.quit": ("Thoát", "Quit"),
    "ui.key.history": ("Lịch sử", "History"),
    "ui.key.new_model": ("Thêm mô hình", "New model"),
    "ui.key.filter": ("Lọc", "Filter"),
    "ui.key.clear_filter": ("Xóa lọc", "Clear filter"),
    "ui.key.save": ("Lưu", "Save"),
    "ui.key.cancel": ("Hủy", "Cancel"),
    "ui.key.back": ("Quay lại", "Back"),
    "ui.key.return": ("Trả lại", "Return"),
    "ui.filter_placeholder": (
        "/ Lọc… (gõ không dấu cũng được, ví dụ: quai cang)",
        "/ Filter… (diacritics optional, e.g. quai cang)",
    ),
    "ui.rows": ("{shown}/{total} dòng", "{shown}/{total} rows"),
    "ui.rows_paged": (
        "Hiển thị {shown} trong {total} dòng — gõ thêm để lọc",
        "Showing {shown} of {total} rows — type to filter",
    ),
    "ui.loading": ("Đang tải…", "Loading…"),
    "ui.choose_period": ("Chọn kỳ báo cáo", "Choose a period"),
    "ui.choose": ("Chọn…", "Choose…"),
    "ui.tab.overdue": ("Đôn đốc", "Follow-up"),
    "ui.key.sync": ("Đồng bộ", "Sync"),
    "ui.key.review": ("Rà soát", "Review"),
    "ui.key.audit": ("Kiểm tra lịch sử", "Audit"),
    "ui.cmd.review": ("Rà soát thay đổi (Ctrl+R)", "Review changes (Ctrl+R)"),
    "ui.cmd.review_help": (
        "Các thay đổi chưa ai rà soát; ký xác nhận đã rà soát",
        "Changes nobody has reviewed; sign them off",
    ),
    "ui.cmd.audit": ("Kiểm tra lịch sử (Ctrl+K)", "Audit the history (Ctrl+K)"),
    "ui.cmd.audit_help": (
        "Tìm commit làm hỏng hồ sơ, sai ghi chú, làm ngoài dvtui hoặc thiếu chữ ký",
        "Find commits that break records, lie, bypass dvtui or lack a signature",
    ),
    "ui.review.title": ("Rà soát thay đổi", "Review of changes"),
    "ui.review.sign": ("Ký xác nhận đã rà soát", "Sign off"),
    "ui.review.comment": ("Ý kiến (không bắt buộc)", "Comment (optional)"),
    "ui.review.signed": ("Đã ký xác nhận (commit {sha}).", "Signed off (commit {sha})."),
    "ui.audit.title": ("Kiểm tra lịch sử", "Audit of the history"),
    "ui.cmd.sync": ("Đồng bộ với máy chủ", "Sync with the server"),
    "ui.cmd.sync_help": (
        "Lấy thay đổi của đồng nghiệp, gửi thay đổi của mình",
        "Get colleagues' changes, send yours",
    ),
    "ui.cmd.conflicts": ("Giải quyết xung đột", "Resolve conflicts"),
    "ui.cmd.conflicts_help": (
        "Các trường bị sửa khác nhau ở hai nơi",
        "Fields changed two ways",
    ),
    "ui.sync.title": ("Đồng bộ với máy chủ", "Sync with the server"),
    "ui.sync.starting": ("Đang bắt đầu…", "Starting…"),
    "ui.sync.outcome.up-to-date": ("Đã khớp với máy chủ, không có gì mới.", "Already up to date."),
    "ui.sync.outcome.pulled": ("Đã nhận thay đổi từ máy chủ.", "Received changes."),
    "ui.sync.outcome.pushed": ("Đã gửi thay đổi lên máy chủ.", "Sent changes."),
    "ui.sync.outcome.merged": ("Đã hợp nhất và gửi lên máy chủ.", "Merged and sent."),
    "ui.sync.outcome.conflict": (
        "Có xung đột: chưa thay đổi gì trên máy, hãy chọn giá trị cho từng trường.",
        "Conflicts: nothing changed locally; choose a value for each field.",
    ),
    "ui.sync.incoming": ("Nhận về {n} hồ sơ:", "{n} record(s) came in:"),
    "ui.sync.outgoing": ("Gửi đi {n} hồ sơ:", "{n} record(s) went out:"),
    "ui.button.close": ("Đóng", "Close"),
    "ui.conflict.title": ("Xung đột khi đồng bộ", "Sync conflicts"),
    "ui.conflict.explain": (
        "{n} trường bị sửa theo hai cách khác nhau. Chọn giá trị giữ lại cho từng trường, "
        "rồi bấm Hoàn tất (Ctrl+S). Trước khi hoàn tất, kho dữ liệu không thay đổi gì.",
        "{n} field(s) were changed two different ways. Choose what to keep for each, then "
        "Finish (Ctrl+S). Nothing changes in the repository until then.",
    ),
    "ui.conflict.mine": ("Của tôi", "Mine"),
    "ui.conflict.theirs": ("Của máy chủ", "Theirs"),
    "ui.conflict.base": ("Bản gốc", "Base"),
    "ui.conflict.value": ("Nhập giá trị khác", "Another value"),
    "ui.conflict.value_placeholder": ("Giá trị mới (khi chọn “Nhập giá trị khác”)", "New value"),
    "ui.conflict.finish": ("Hoàn tất hợp nhất", "Finish the merge"),
    "ui.conflict.later": ("Để sau", "Later"),
    "ui.conflict.done": ("Đã hợp nhất và lưu.", "Merged and saved."),
    "ui.conflict.none": ("Không có xung đột nào đang chờ.", "No conflicts waiting."),
    "col.state": ("Tình trạng", "State"),
    "col.issued_on": ("Ngày ban hành", "Issued on"),
    "col.reviewer": ("Người rà soát", "Reviewer"),
    "col.signed_on": ("Ngày ký", "Signed on"),
    "col.upto": ("Đến commit", "Up to"),
    "col.commits": ("Số commit", "Commits"),
    "col.owes": ("Còn nợ", "Still owes"),
    "col.contact": ("Liên hệ", "Contact"),
    "ui.no_plan": ("Chưa có kế hoạch nào trong kho dữ liệu.", "No plan in this data repo."),
    "ui.today": ("Hôm nay: {date}", "Today: {date}"),
    "ui.dash.periods": ("Kỳ báo cáo", "Reporting periods"),
    "ui.dash.targets": ("Chỉ tiêu của kế hoạch", "The plan's targets"),
    "ui.dash.repo": ("Kho dữ liệu", "Data repository"),
    "ui.col.deadline": ("Thời hạn", "Deadline"),
    "ui.col.submitted": ("Đã nộp", "In"),
    "ui.col.late": ("Muộn", "Late"),
    "ui.col.missing": ("Chưa nộp", "Missing"),
    "ui.col.returned": ("Trả lại", "Returned"),
    "ui.col.approved": ("Đã duyệt", "Approved"),
    "ui.col.target": ("Chỉ tiêu", "Target"),
    "ui.col.now": ("Hiện có", "Now"),
    "ui.col.goal": ("Mục tiêu", "Goal"),
    "ui.days_left": ("Còn {days} ngày", "{days} days left"),
    "ui.due_today": ("Hạn là hôm nay", "Due today"),
    "ui.days_past": ("Đã quá hạn {days} ngày", "{days} days past"),
    "ui.missing_in": ("Chưa nộp {period}:", "Missing for {period}:"),
    "ui.and_more": ("và {n} đơn vị khác", "and {n} more"),
    "ui.problems": (
        "{n} tệp có lỗi — chạy: dvtui validate",
        "{n} file problem(s) — run: dvtui validate",
    ),
    "ui.repo.unknown": ("Không đọc được trạng thái git", "git state unavailable"),
    "ui.repo.clean": ("Mọi thay đổi đã được lưu (commit)", "Everything is committed"),
    "ui.repo.uncommitted": (
        "{n} tệp thay đổi chưa commit",
        "{n} uncommitted file(s)",
    ),
    "ui.repo.no_remote": ("chưa nối máy chủ (chưa đồng bộ)", "no server set up (no sync)"),
    "ui.repo.ahead_behind": (
        "{ahead} commit chưa gửi, {behind} commit mới trên máy chủ",
        "{ahead} to push, {behind} to pull",
    ),
    "ui.saved": ("Đã lưu (commit {sha}).", "Saved (commit {sha})."),
    "ui.unexpected": ("Lỗi không mong muốn: {detail}", "Unexpected error: {detail}"),
    "ui.select_first": ("Hãy chọn một dòng trước.", "Select a row first."),
    "ui.form_invalid": (
        "Chưa lưu: còn ô nhập chưa hợp lệ (xem dòng đỏ).",
        "Not saved: some fields are invalid (see the red lines).",
    ),
    "ui.confirm_discard": (
        "Có thay đổi chưa lưu. Bỏ các thay đổi này và quay lại?",
        "There are unsaved changes. Discard them and go back?",
    ),
    "ui.date_placeholder": ("dd/mm/yyyy", "dd/mm/yyyy"),
    "ui.button.save": ("Lưu (Ctrl+S)", "Save (Ctrl+S)"),
    "ui.button.cancel": ("Hủy (Esc)", "Cancel (Esc)"),
    "ui.button.approve": ("Duyệt", "Approve"),
    "ui.button.return": ("Trả lại, yêu cầu bổ sung", "Return for more"),
    "ui.button.add_note": ("Thêm ghi chú", "Add note"),
    "ui.button.yes": ("Có", "Yes"),
    "ui.button.no": ("Không", "No"),
    "ui.reviewed_by": ("Người xem xét: {name}", "Reviewed by: {name}"),
    "ui.return_needs_note": (
        "Hãy ghi rõ cần bổ sung gì trước khi trả lại.",
        "Say what to add before returning the report.",
    ),
    "ui.new_model_title": (
        "Thêm mô hình / gương điển hình năm {year}",
        "New model / exemplary person, {year}",
    ),
    "ui.no_notes": ("Chưa có ghi chú tiến độ.", "No progress notes yet."),
    "ui.note_placeholder": ("Ghi chú tiến độ mới…", "New progress note…"),
    "ui.note_empty": ("Ghi chú đang trống.", "The note is empty."),
    "ui.history_title": ("Lịch sử: {name}", "History: {name}"),
    "ui.no_history": ("Chưa có thay đổi nào.", "No changes yet."),
    "ui.identity.explain": (
        "Mỗi lần lưu là một commit mang tên người lưu. Hãy nhập họ tên và thư điện tử "
        "của anh/chị (chỉ hỏi một lần, lưu trong kho dữ liệu này).",
        "Every save is a commit in your name. Enter your name and email "
        "(asked once, stored in this data repo).",
    ),
    "ui.identity.name": ("Họ và tên", "Full name"),
    "ui.identity.email": ("Thư điện tử", "Email"),
    "ui.identity.invalid": (
        "Cần họ tên và một địa chỉ thư điện tử hợp lệ.",
        "A name and a valid email are needed.",
    ),
    "ui.cmd.goto": ("Chuyển đến màn hình này", "Go to this screen"),
    "ui.cmd.history": ("Lịch sử của dòng đang chọn", "History of the selected record"),
    "ui.cmd.history_help": ("Ai đã sửa gì, khi nào", "Who changed what, when"),
    "ui.cmd.new_model": ("Thêm mô hình “Dân vận khéo”", "Add a “Dân vận khéo” model"),
    "ui.cmd.new_model_help": (
        "Mô hình hoặc gương điển hình của năm",
        "A model or exemplary person of the year",
    ),
    "ui.cmd.filter": ("Lọc danh sách", "Filter the list"),
    "ui.cmd.filter_help": ("Gõ không dấu cũng được", "Diacritics optional"),
    "ui.cmd.reload": ("Tải lại dữ liệu", "Reload the data"),
    "ui.cmd.reload_help": ("Đọc lại toàn bộ hồ sơ từ đĩa", "Read every record again"),
    "ui.cmd.help": ("Trợ giúp", "Help"),
    "ui.cmd.help_help": ("Các phím tắt và cách dùng", "Keys and how to use dvtui"),
    "ui.cmd.quit": ("Thoát", "Quit"),
    "ui.cmd.quit_help": ("Đóng dvtui (mọi thay đổi đã được lưu)", "Close dvtui"),
    "ui.cmd.theme": ("Đổi màu giao diện", "Change theme"),
    "ui.cmd.theme_help": ("Chọn bảng màu khác", "Pick another colour theme"),
    "ui.cmd.keys": ("Bảng phím tắt", "Keys panel"),
    "ui.cmd.keys_help": ("Hiện các phím dùng được ở đây", "Show the keys that work here"),
    "ui.help.title": ("Trợ giúp — dvtui", "Help — dvtui"),
    "ui.help.body": (
        "Di chuyển: phím mũi tên, Tab; Enter để mở dòng đang chọn.\n"
        "F2 Tổng quan · F3 Nhiệm vụ · F4 Đơn vị · F5 Báo cáo · F6 Dân vận khéo\n"
        "F7 (hoặc h) Lịch sử của dòng đang chọn · / Lọc danh sách (gõ không dấu cũng được)\n"
        "F8 Đôn đốc · F9 Đồng bộ với máy chủ · Ctrl+R Rà soát thay đổi · Ctrl+K Kiểm tra lịch sử\n"
        "n Thêm mô hình “Dân vận khéo” (ở thẻ Dân vận khéo)\n"
        "Ctrl+P Tìm lệnh · Ctrl+S Lưu · Esc Quay lại · Ctrl+Q Thoát · F1 Trợ giúp\n\n"
        "Nhập ngày theo dạng dd/mm/yyyy (ví dụ 10/05/2023). Ô sai sẽ hiện lý do màu đỏ "
        "và không lưu được.\n\n"
        "Mỗi lần Lưu là một commit git mang tên anh/chị; có thể xem lại mọi thay đổi "
        "trong Lịch sử. Dữ liệu nằm trong kho git, không mất khi tắt máy.\n\n"
        "Nhận báo cáo: thẻ Báo cáo → chọn kỳ → chọn đơn vị → Enter → nhập ngày nộp, "
        "số văn bản → Lưu. Duyệt hoặc Trả lại (kèm ý kiến) ngay trong báo cáo.",
        "Move: arrow keys, Tab; Enter opens the selected row.\n"
        "F2 Dashboard · F3 Tasks · F4 Units · F5 Reports · F6 Models\n"
        "F7 (or h) History of the selected row · / Filter the list (diacritics optional)\n"
        "F8 Follow-up · F9 Sync · Ctrl+R Review changes · Ctrl+K Audit the history\n"
        "n New model (on the Models tab)\n"
        "Ctrl+P Commands · Ctrl+S Save · Esc Back · Ctrl+Q Quit · F1 Help\n\n"
        "Dates are dd/mm/yyyy. Invalid fields show their reason in red and cannot be saved.\n\n"
        "Every save is a git commit in your name; History shows every change.",
    ),
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
    # documents (the .md/.xlsx follow --lang; the .docx is always Vietnamese)
    "doc.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "doc.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "doc.number": ("Số: {number}/{symbol}", "No. {number}/{symbol}"),
    "doc.date_line": (
        "{place}, ngày {day} tháng {month} năm {year}",
        "{place}, {day}/{month}/{year}",
    ),
    "doc.plan_citation": (
        "Kế hoạch số {number}/{symbol} ngày {day} tháng {month} năm {year}",
        "Plan No. {number}/{symbol} of {day}/{month}/{year}",
    ),
    "doc.span.half-year": ("6 tháng đầu năm {year}", "the first half of {year}"),
    "doc.span.year": ("năm {year}", "the year {year}"),
    "doc.recipients": ("Nơi nhận:", "Recipients:"),
    "doc.appendix": ("PHỤ LỤC", "APPENDIX"),
    "doc.appendix_ref": (
        "(Kèm theo Báo cáo số {number}/{symbol} ngày {date} của Ủy ban nhân dân huyện)",
        "(Attached to Report No. {number}/{symbol} of {date} of the District People's Committee)",
    ),
    "doc.report.title": ("BÁO CÁO", "REPORT"),
    "doc.report.subject": (
        "Kết quả thực hiện công tác dân vận của cơ quan Nhà nước trên địa bàn huyện {place} {span}",
        "Results of the State agencies' dân vận work in {place} district, {span}",
    ),
    "doc.report.opening": (
        "Thực hiện {citation} của Ủy ban nhân dân huyện {place} {title}; trên cơ sở báo cáo "
        "của các cơ quan, đơn vị và UBND các xã, thị trấn, Ủy ban nhân dân huyện {place} báo "
        "cáo kết quả thực hiện công tác dân vận của cơ quan Nhà nước {span} như sau:",
        "Pursuant to {citation} of the People's Committee of {place} district {title}; based "
        "on the reports of the agencies, units and communes, the People's Committee of {place} "
        "district reports the results of the State agencies' dân vận work in {span} as follows:",
    ),
    "doc.report.h.leadership": (
        "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TUYÊN TRUYỀN",
        "LEADERSHIP, DIRECTION AND DISSEMINATION",
    ),
    "doc.report.conferences": (
        "Các cơ quan, đơn vị, UBND các xã, thị trấn đã tổ chức {n} hội nghị tuyên truyền, "
        "quán triệt với {people} lượt người tham dự.",
        "The agencies, units and communes held {n} dissemination conferences attended by "
        "{people} people.",
    ),
    "doc.report.h.results": ("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", "RESULTS BY TASK"),
    "doc.report.h.submission": (
        "Tình hình báo cáo của các cơ quan, đơn vị",
        "Reports received from the units",
    ),
    "doc.report.submission": (
        "Tổng số {expected} cơ quan, đơn vị, UBND xã, thị trấn phải báo cáo; đã nhận {received} "
        "báo cáo ({on_time} đúng hạn, {late} nộp muộn); {missing} đơn vị chưa báo cáo.",
        "{expected} units must report; {received} reports received ({on_time} on time, {late} "
        "late); {missing} units have not reported.",
    ),
    "doc.report.not_reported": (
        "Các đơn vị chưa báo cáo: {units}",
        "Units that have not reported: {units}",
    ),
    "doc.report.h.figures": ("Kết quả các chỉ tiêu chủ yếu", "Main figures"),
    "doc.report.petitions": (
        "Tiếp nhận {received} đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh ({competence} đơn "
        "thuộc thẩm quyền); đã giải quyết {resolved} đơn, đạt {rate}.",
        "{received} petitions received ({competence} within competence); {resolved} resolved, "
        "{rate}.",
    ),
    "doc.report.voters": (
        "Tiếp nhận {received} ý kiến, kiến nghị của cử tri; đã giải quyết, trả lời {resolved} "
        "ý kiến, đạt {rate}.",
        "{received} voters' recommendations received; {resolved} resolved or answered, {rate}.",
    ),
    "doc.report.regulation_met": (
        "Có {part}/{whole} cơ quan, đơn vị, UBND xã, thị trấn đã ký quy chế phối hợp với Ủy "
        "ban MTTQ, đạt {rate}, đạt chỉ tiêu {target}% của Kế hoạch.",
        "{part} of {whole} units have a coordination regulation with the Fatherland Front: "
        "{rate}, meeting the plan's {target}% target.",
    ),
    "doc.report.regulation_unmet": (
        "Có {part}/{whole} cơ quan, đơn vị, UBND xã, thị trấn đã ký quy chế phối hợp với Ủy "
        "ban MTTQ, đạt {rate}, chưa đạt chỉ tiêu {target}% của Kế hoạch.",
        "{part} of {whole} units have a coordination regulation with the Fatherland Front: "
        "{rate}, short of the plan's {target}% target.",
    ),
    "doc.report.models": (
        "Năm {year} có {models} mô hình “Dân vận khéo” và {persons} gương điển hình được đăng "
        "ký, theo lĩnh vực:",
        "In {year}, {models} “Dân vận khéo” models and {persons} exemplary persons were "
        "registered, by field:",
    ),
    "doc.report.no_narrative": (
        "Chưa có đơn vị báo cáo kết quả nội dung này.",
        "No unit has reported on this task yet.",
    ),
    "doc.report.h.assessment": ("ĐÁNH GIÁ CHUNG", "ASSESSMENT"),
    "doc.report.h.direction": (
        "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "DIRECTION AND TASKS AHEAD",
    ),
    "doc.report.h.proposals": ("ĐỀ XUẤT, KIẾN NGHỊ", "PROPOSALS"),
    "doc.report.empty": (
        "(Chưa có nội dung: nhập tại hồ sơ summaries/{period}, trường {field})",
        "(Not written yet: fill in the record summaries/{period}, field {field})",
    ),
    "doc.report.closing": (
        "Trên đây là báo cáo kết quả thực hiện công tác dân vận của cơ quan Nhà nước {span} "
        "của Ủy ban nhân dân huyện",
        "This concludes the District People's Committee's report on the State agencies' dân "
        "vận work in {span}",
    ),
    "doc.report.appendix": (
        "Tình hình báo cáo và số liệu của các đơn vị · {period}",
        "Reports and figures by unit · {period}",
    ),
    "doc.col.no": ("STT", "No."),
    "doc.col.figure": ("Chỉ tiêu", "Figure"),
    "doc.col.total": ("Tổng số", "Total"),
    "doc.col.units": ("Số đơn vị báo cáo", "Units reporting it"),
    "doc.col.sector": ("Lĩnh vực", "Field"),
    "doc.col.models": ("Mô hình", "Models"),
    "doc.col.persons": ("Gương điển hình", "Exemplary persons"),
    "doc.col.sum": ("Tổng cộng", "Total"),
    "doc.col.owes": ("Nội dung còn thiếu", "Still owed"),
    "doc.col.days": ("Số ngày quá hạn", "Days overdue"),
    "doc.short.conferences": ("Hội nghị", "Conf."),
    "doc.short.conference_attendees": ("Người dự", "Attend."),
    "doc.short.citizen_receptions": ("Tiếp dân", "Recept."),
    "doc.short.dialogues": ("Đối thoại", "Dial."),
    "doc.short.petitions_received": ("Đơn nhận", "Pet. rec."),
    "doc.short.petitions_resolved": ("Đơn giải quyết", "Pet. res."),
    "doc.short.models_registered": ("Mô hình", "Models"),
    "doc.short.exemplary_persons": ("Gương", "Persons"),
    "doc.letter.subject": (
        "đôn đốc nộp {periods} về công tác dân vận",
        "reminder to submit the {periods} on dân vận work",
    ),
    "doc.letter.about": ("V/v {subject}", "Re: {subject}"),
    "doc.letter.to": ("Kính gửi:", "To:"),
    "doc.letter.to_listed": (
        "Các cơ quan, đơn vị và UBND các xã, thị trấn có tên trong danh sách dưới đây.",
        "The agencies, units and communes named in the list below.",
    ),
    "doc.letter.deadline": ("{period} trước ngày {due}", "the {period} by {due}"),
    "doc.letter.opening": (
        "Thực hiện {citation} của Ủy ban nhân dân huyện {title}, các cơ quan, đơn vị và UBND "
        "các xã, thị trấn thực hiện chế độ báo cáo định kỳ về UBND huyện (qua Phòng Nội vụ) để "
        "tổng hợp: {deadlines}.",
        "Under {citation} of the District People's Committee {title}, agencies, units and "
        "communes report to the District People's Committee (through the Home Affairs office): "
        "{deadlines}.",
    ),
    "doc.letter.status": (
        "Đến ngày {date}, còn {n} cơ quan, đơn vị chưa hoàn thành, cụ thể như sau:",
        "As of {date}, {n} units have not completed it:",
    ),
    "doc.letter.request": (
        "Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị nêu trên khẩn trương hoàn thành, gửi "
        "báo cáo về UBND huyện (qua Phòng Nội vụ) để tổng hợp, báo cáo UBND tỉnh theo quy định. "
        "Việc chậm báo cáo sẽ được xem xét khi đánh giá, xếp loại thi đua năm.",
        "The District People's Committee asks the units above to complete and send their "
        "reports to the Home Affairs office without delay; late reporting counts in the year's "
        "emulation assessment.",
    ),
    "doc.letter.closing": (
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị liên hệ Phòng Nội vụ "
        "huyện để được hướng dẫn",
        "For any difficulty, please contact the district's Home Affairs office",
    ),
    "owe.report": ("{period}", "{period}"),
    "owe.supplement": ("Bổ sung {period}", "Supplement to the {period}"),
    "owe.supplement_note": ("Bổ sung {period} ({note})", "Supplement to the {period} ({note})"),
    "owe.regulation": (
        "Quy chế phối hợp với Ủy ban MTTQ",
        "Coordination regulation with the Fatherland Front",
    ),
    "owe.model": (
        "{n} mô hình “Dân vận khéo” năm {year}",
        "{n} “Dân vận khéo” model(s) for {year}",
    ),
    "owe.person": ("{n} gương điển hình năm {year}", "{n} exemplary person(s) for {year}"),
    "err.letter.nobody": (
        "không có đơn vị nào còn nợ báo cáo: không có gì để đôn đốc",
        "no unit still owes a report: nothing to urge",
    ),
    "timeliness.none": ("Không có hồ sơ báo cáo", "No report record"),
    "report.step.header": ("Phần đầu văn bản", "Document header"),
    "report.step.body": ("Nội dung báo cáo", "Report body"),
    "report.step.tasks": ("Kết quả theo nhiệm vụ", "Results by task"),
    "report.step.appendix": ("Phụ lục", "Appendix"),
    "report.step.save": ("Ghi tệp", "Writing the file"),
    "report.step.done": ("Xong", "Done"),
    "xlsx.sheet.units": ("Đơn vị", "Units"),
    "xlsx.sheet.tasks": ("Nhiệm vụ", "Tasks"),
    "xlsx.sheet.totals": ("Tổng hợp", "Totals"),
    "xlsx.col.days_late": ("Số ngày muộn", "Days late"),
    "xlsx.col.regulation": ("Quy chế phối hợp", "Coordination regulation"),
    "xlsx.col.narratives": ("Số đơn vị báo cáo", "Units reporting"),
    "xlsx.col.results": ("Kết quả các đơn vị báo cáo", "What the units reported"),
    "xlsx.row.expected": ("Số đơn vị phải báo cáo", "Units that must report"),
    "xlsx.row.received": ("Số báo cáo đã nhận", "Reports received"),
    "xlsx.row.on_time": ("Báo cáo đúng hạn", "Reports on time"),
    "xlsx.row.late": ("Báo cáo nộp muộn", "Reports late"),
    "xlsx.row.missing": ("Đơn vị chưa báo cáo", "Units not reported"),
    "xlsx.row.petitions_rate": ("Tỷ lệ giải quyết đơn thư (%)", "Petitions resolved (%)"),
    "xlsx.row.regulation": (
        "Đơn vị có quy chế phối hợp với Ủy ban MTTQ",
        "Units with a coordination regulation",
    ),
    "xlsx.row.regulation_rate": ("Tỷ lệ có quy chế phối hợp (%)", "Coordination regulation (%)"),
    "xlsx.row.regulation_target": ("Chỉ tiêu của Kế hoạch (%)", "The plan's target (%)"),
    "xlsx.row.models": ("Mô hình “Dân vận khéo” · {sector}", "“Dân vận khéo” models · {sector}"),
    "xlsx.row.persons": ("Gương điển hình · {sector}", "Exemplary persons · {sector}"),
    # history, review, audit
    "err.git.revision": (
        "không tìm thấy phiên bản “{rev}” trong lịch sử {detail}",
        "revision “{rev}” not found in the history {detail}",
    ),
    "err.log.kind": (
        "“{kind}” không phải loại hồ sơ ({kinds})",
        "“{kind}” is not a record kind ({kinds})",
    ),
    "err.review.upto": (
        "“{rev}” không phải một commit của kho dữ liệu",
        "“{rev}” is not a commit of the data repo",
    ),
    "err.review.not_ancestor": (
        "commit “{rev}” không nằm trong lịch sử của nhánh hiện tại",
        "commit “{rev}” is not in the current branch's history",
    ),
    "err.review.nothing": (
        "không có thay đổi nào chờ rà soát",
        "no change is waiting for review",
    ),
    "err.output_required": (
        "định dạng {format} cần nơi ghi tệp: thêm -o TÊN_TỆP",
        "the {format} format needs a file: add -o FILE",
    ),
    "audit.kind.invalid-record": ("Hồ sơ lỗi", "Invalid record"),
    "audit.kind.trailer-mismatch": ("Trailer sai", "Trailer mismatch"),
    "audit.kind.outside-dvtui": ("Ngoài dvtui", "Outside dvtui"),
    "audit.kind.unsigned": ("Chưa ký số", "Unsigned"),
    "audit.outside": (
        "commit không có trailer của dvtui (Dvtui-Version): được tạo ngoài dvtui",
        "no dvtui trailers (Dvtui-Version): made outside dvtui",
    ),
    "audit.merge_action": (
        "commit hợp nhất có Action “{action}”, không phải “merge”",
        "merge commit with Action “{action}”, not “merge”",
    ),
    "audit.init_not_root": (
        "Action “init” chỉ dùng cho commit đầu tiên",
        "Action “init” belongs to the first commit only",
    ),
    "audit.no_action": ("thiếu trailer Action", "no Action trailer"),
    "audit.extra_file": (
        "sửa tệp “{path}” không phải hồ sơ mà trailer không nêu",
        "changes “{path}”, which is not a record and not named in the trailers",
    ),
    "audit.records": (
        "trailer Record ghi {named} nhưng commit thực sự sửa {actual}",
        "Record trailers name {named} but the commit changed {actual}",
    ),
    "audit.action": (
        "trailer Action ghi “{action}” nhưng {record} thực sự được {really}",
        "Action says “{action}” but {record} was really {really}",
    ),
    "audit.fields": (
        "trailer Field không khớp: ghi mà không sửa: {named}; sửa mà không ghi: {actual}",
        "Field trailers do not match: named but unchanged: {named}; changed but unnamed: {actual}",
    ),
    "audit.sig.N": ("commit không có chữ ký số", "the commit is not signed"),
    "audit.sig.B": ("chữ ký số không hợp lệ", "bad signature"),
    "audit.sig.E": (
        "không kiểm tra được chữ ký số (thiếu khóa công khai)",
        "the signature cannot be checked (missing key)",
    ),
    "audit.sig.X": ("chữ ký số đã hết hạn", "the signature has expired"),
    "audit.sig.Y": ("khóa ký đã hết hạn", "the signing key has expired"),
    "audit.sig.R": ("khóa ký đã bị thu hồi", "the signing key was revoked"),
    "audit.sig.other": ("chữ ký số không hợp lệ ({code})", "invalid signature ({code})"),
    # command line: status, overdue, report, log, review, audit
    "cli.cmd.overdue": (
        "danh sách đơn vị quá hạn để đôn đốc (bảng, csv, công văn .docx)",
        "the late units to urge (table, csv, .docx letter)",
    ),
    "cli.cmd.report": (
        "báo cáo tổng hợp của huyện (md, docx, xlsx)",
        "the district's consolidated report (md, docx, xlsx)",
    ),
    "cli.cmd.review": (
        "rà soát thay đổi chưa được xem xét; --sign để ký xác nhận",
        "review unreviewed changes; --sign to sign off",
    ),
    "cli.cmd.summary": (
        "viết phần đánh giá, phương hướng, đề xuất của huyện cho báo cáo một kỳ",
        "write the district's assessment, direction and proposals for a period's report",
    ),
    "cli.cmd.audit": (
        "kiểm tra toàn bộ lịch sử thay đổi",
        "check the whole history of changes",
    ),
    "cli.opt.author": (
        "chỉ thay đổi của người này (tên hoặc email, không phân biệt dấu)",
        "only changes by this person (name or email, diacritics ignored)",
    ),
    "cli.opt.since": ("từ ngày (dd/mm/yyyy)", "from this day (dd/mm/yyyy)"),
    "cli.opt.until": ("đến hết ngày (dd/mm/yyyy)", "up to and including this day"),
    "cli.opt.kind": ("chỉ một loại hồ sơ", "only one record kind"),
    "cli.opt.output": ("ghi ra tệp này", "write to this file"),
    "cli.opt.report_format": (
        "định dạng (mặc định: theo đuôi tệp -o, hoặc md)",
        "format (default: from the -o file's suffix, or md)",
    ),
    "cli.opt.sign": (
        "ký xác nhận đã rà soát các thay đổi",
        "sign off the changes as reviewed",
    ),
    "cli.opt.comment": ("ý kiến kèm theo khi ký", "a comment with the sign-off"),
    "cli.opt.upto": (
        "ký đến commit này (mặc định: mới nhất)",
        "sign off up to this commit (default: the latest)",
    ),
    "cli.opt.audit_since": (
        "chỉ kiểm tra các commit sau phiên bản này",
        "only check the commits after this revision",
    ),
    "cli.arg.period": ("mã kỳ báo cáo, ví dụ 2023-h1", "period ID, e.g. 2023-h1"),
    "err.date_option": (
        "{option} “{value}” không phải ngày hợp lệ (dd/mm/yyyy)",
        "{option} “{value}” is not a valid date (dd/mm/yyyy)",
    ),
    "cli.written": ("Đã ghi {path}.", "Wrote {path}."),
    "cli.status.plan": (
        "Kế hoạch năm {year}: {title} (tính đến {today})",
        "Plan {year}: {title} (as of {today})",
    ),
    "cli.status.col.total": ("Phải nộp", "Expected"),
    "cli.status.col.received": ("Đã nhận", "Received"),
    "cli.status.col.late": ("Nộp muộn", "Late"),
    "cli.status.col.task_reports": ("Báo cáo có kết quả", "Reports on it"),
    "cli.status.col.target": ("Chỉ tiêu", "Target"),
    "cli.status.col.achieved": ("Đạt", "Reached"),
    "cli.status.col.rate": ("Tỷ lệ", "Rate"),
    "cli.status.col.goal": ("Yêu cầu", "Goal"),
    "cli.status.met": ("Đạt", "Met"),
    "cli.status.unmet": ("Chưa đạt", "Not met"),
    "cli.overdue.title": (
        "Danh sách đôn đốc tính đến {date}: {n} mục",
        "Units to urge as of {date}: {n}",
    ),
    "cli.overdue.none": (
        "Tính đến {date}, không có đơn vị nào quá hạn.",
        "As of {date}, no unit is late.",
    ),
    "cli.overdue.col.state": ("Tình trạng", "State"),
    "cli.overdue.col.days": ("Số ngày", "Days"),
    "cli.overdue.col.contact": ("Liên hệ", "Contact"),
    "cli.overdue.building": ("Đang soạn công văn đôn đốc", "Writing the urging letter"),
    "cli.overdue.letter": (
        "Đã ghi công văn đôn đốc {n} đơn vị: {path}",
        "Wrote the urging letter to {n} units: {path}",
    ),
    "cli.report.building": ("Đang lập báo cáo", "Building the report"),
    "cli.report.done": (
        "Đã ghi báo cáo {path} ({received}/{expected} đơn vị đã báo cáo).",
        "Wrote {path} ({received} of {expected} units reported).",
    ),
    "cli.log.n_records": ("{n} hồ sơ", "{n} records"),
    "cli.review.last": (
        "Lần ký xác nhận gần nhất: {who}, ngày {date}, đến commit {upto}.",
        "Last sign-off: {who} on {date}, up to commit {upto}.",
    ),
    "cli.review.never": (
        "Chưa có lần ký xác nhận rà soát nào.",
        "Nothing has been signed off yet.",
    ),
    "cli.review.clean": ("Không có thay đổi nào chờ rà soát.", "No change is waiting for review."),
    "cli.review.pending": ("{n} thay đổi chưa được rà soát:", "{n} changes not yet reviewed:"),
    "cli.review.hint": (
        'Ký xác nhận đã rà soát: dvtui review --sign [--comment "…"]',
        'Sign off: dvtui review --sign [--comment "…"]',
    ),
    "cli.review.signed": (
        "Đã ký xác nhận rà soát {n} thay đổi đến commit {upto} (commit {sha}).",
        "Signed off {n} changes up to commit {upto} (commit {sha}).",
    ),
    "cli.audit.running": ("Đang kiểm tra lịch sử", "Checking the history"),
    "cli.audit.clean": (
        "Đã kiểm tra {checked} commit: không phát hiện vấn đề.",
        "Checked {checked} commits: no problems found.",
    ),
    "cli.audit.summary": (
        "Đã kiểm tra {checked} commit: {bad} commit có vấn đề ({invalid} hồ sơ lỗi, "
        "{trailers} trailer sai, {outside} ngoài dvtui, {unsigned} chưa ký số).",
        "Checked {checked} commits: {bad} with problems ({invalid} invalid records, "
        "{trailers} trailer mismatches, {outside} outside dvtui, {unsigned} unsigned).",
    ),
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
