"""The bad input catalogue: each case answered with a clear message and nothing changed.

Files edited by hand (or pulled from a colleague), text pasted from anywhere, addresses typed
wrong. For each: the message names the file, the field and the reason; the command exits 1;
nothing changes on disk or in git; terminal output never carries a raw control character.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import cli, git

from dvtui.core.encodings import _TCVN_HIGH, guess_encoding
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError, InvalidRecord
from dvtui.core.records import Report
from dvtui.storage import Store

QUAI_CANG = "reports/2023-h1/ubnd-xa-quai-cang"
QUAI_CANG_FILE = f"records/{QUAI_CANG}.toml"
UNIT = "units/ubnd-xa-quai-cang"
UNIT_FILE = f"records/{UNIT}.toml"
UNIT_TEXT = 'schema = 1\nname = "UBND xã Quài Cang"\nkind = "commune"\n'
REPORT_TEXT = (
    'schema = 1\nstatus = "missing"\n\n[narrative]\n'
    '2023-ii-1 = "Đã tổ chức hội nghị đối thoại với Nhân dân về công tác dân vận khéo ở bản"\n'
)


def repo_state(repo: Path) -> tuple[str, str, str, str]:
    """HEAD, the index, ``git status`` and a hash of every file outside .git."""
    digest = hashlib.sha256()
    for path in sorted(repo.rglob("*")):
        if ".git" in path.relative_to(repo).parts:
            continue
        digest.update(str(path.relative_to(repo)).encode())
        if path.is_symlink():
            digest.update(os.readlink(path).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return (
        git(repo, "rev-parse", "HEAD"),
        git(repo, "ls-files", "-s"),
        git(repo, "status", "--porcelain", "--untracked-files=all"),
        digest.hexdigest(),
    )


def no_raw_controls(text: str) -> None:
    """What dvtui prints never drives the terminal (ESC, BEL, CR …)."""
    bad = [c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    assert not bad, f"raw control characters {bad!r} in output:\n{text!r}"


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    result = cli("--repo", str(repo), *args)
    no_raw_controls(result.stdout)
    no_raw_controls(result.stderr)
    return result.returncode, result.stdout, result.stderr


# --- legacy encodings, written the way the old software wrote them ----------------------------

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def as_cp1258(text: str) -> bytes:
    """Windows-1258: hatted letters precomposed (â ơ ư …), tone marks as separate bytes."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def as_tcvn3(text: str) -> bytes:
    """TCVN3 (ABC, the .VnTime fonts): one byte per toned letter."""
    table = {c: 0x80 + i for i, c in enumerate(_TCVN_HIGH) if c != "?"}
    return bytes(ord(c) if ord(c) < 0x80 else table[c] for c in unicodedata.normalize("NFC", text))


_VNI_TONE = {"\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0323": 0xEF}
_VNI_HAT_TONE = {"": 0xE2, "\u0301": 0xE1, "\u0300": 0xE0, "\u0309": 0xE5, "\u0303": 0xE3}
_VNI_HAT_TONE["\u0323"] = 0xE4
_VNI_BREVE_TONE = {"": 0xEA, "\u0301": 0xE9, "\u0300": 0xE8, "\u0309": 0xFA, "\u0303": 0xFC}
_VNI_BREVE_TONE["\u0323"] = 0xEB
_VNI_I = {"\u0301": 0xED, "\u0300": 0xEC, "\u0309": 0xE6, "\u0303": 0xF3, "\u0323": 0xF2}


def as_vni(text: str) -> bytes:
    """VNI-Windows (lower case is enough here): a plain letter, then a mark byte."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ord(ch))
            continue
        if ch in "đĐ":
            out.append(0xF1 if ch == "đ" else 0xD1)
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        if not marks or not base.islower():
            raise KeyError(ch)  # capitals and symbols: not needed here
        tone = "".join(m for m in marks if m in _TONES)
        if base == "i":
            out.append(_VNI_I[tone])
        elif "\u031b" in marks:  # horn: ơ ư are letters of their own
            out.append(0xF4 if base == "o" else 0xF6)
            out += bytes([_VNI_TONE[tone]]) if tone else b""
        elif "\u0302" in marks:
            out += bytes([ord(base), _VNI_HAT_TONE[tone]])
        elif "\u0306" in marks:
            out += bytes([ord(base), _VNI_BREVE_TONE[tone]])
        else:
            out += bytes([ord(base), _VNI_TONE[tone]])
    return bytes(out)


# (file, bytes, field, the start of the reason)
CATALOGUE = [
    pytest.param(
        QUAI_CANG_FILE, b'schema = 1\nstatus = "missing\n', "", "tệp TOML bị lỗi", id="toml"
    ),
    pytest.param(
        QUAI_CANG_FILE,
        b'schema = 1\nstatus = "missing"\nreview_note = "' + b"x" * (20 * 2**20) + b'"\n',
        "",
        "tệp quá lớn (209715",
        id="20MB",
    ),
    pytest.param(QUAI_CANG_FILE, os.urandom(4096), "", "không phải tệp văn bản", id="binary"),
    pytest.param(
        QUAI_CANG_FILE, b"schema = 1\x00\x00\x00\nstatus", "", "không phải tệp văn bản", id="nul"
    ),
    pytest.param(
        UNIT_FILE, UNIT_TEXT.encode("utf-16"), "", "tệp không phải UTF-8 (UTF-16)", id="utf16"
    ),
    pytest.param(
        UNIT_FILE,
        UNIT_TEXT.encode("utf-16-be"),
        "",
        "tệp không phải UTF-8 (UTF-16)",
        id="utf16be-nobom",
    ),
    pytest.param(
        UNIT_FILE,
        UNIT_TEXT.encode("utf-16-le"),
        "",
        "tệp không phải UTF-8 (UTF-16)",
        id="utf16le-nobom",
    ),
    pytest.param(
        UNIT_FILE,
        b"\xef\xbb\xbf" + UNIT_TEXT.encode(),
        "",
        "tệp không phải UTF-8 (UTF-8 BOM)",
        id="bom",
    ),
    pytest.param(
        UNIT_FILE, as_cp1258(UNIT_TEXT), "", "tệp không phải UTF-8 (Windows-1258)", id="cp1258"
    ),
    pytest.param(
        QUAI_CANG_FILE,
        as_cp1258(REPORT_TEXT),
        "",
        "tệp không phải UTF-8 (Windows-1258)",
        id="cp1258-long",
    ),
    pytest.param(UNIT_FILE, as_tcvn3(UNIT_TEXT), "", "tệp không phải UTF-8 (TCVN3)", id="tcvn3"),
    pytest.param(
        QUAI_CANG_FILE, as_tcvn3(REPORT_TEXT), "", "tệp không phải UTF-8 (TCVN3)", id="tcvn3-long"
    ),
    pytest.param(QUAI_CANG_FILE, as_vni(REPORT_TEXT), "", "tệp không phải UTF-8 (VNI)", id="vni"),
    pytest.param(
        QUAI_CANG_FILE,
        b'schema = 1\nstatus = "missing"\nghi_chu = "x"\n',
        "ghi_chu",
        "trường không có trong mẫu hồ sơ",
        id="unknown-key",
    ),
    pytest.param(
        QUAI_CANG_FILE,
        b'schema = 7\nstatus = "missing"\n',
        "schema",
        "hồ sơ được ghi bằng phiên bản dvtui mới hơn (mẫu 7), hãy cập nhật dvtui",
        id="newer-schema",
    ),
    pytest.param(
        QUAI_CANG_FILE,
        b'schema = 1\nstatus = "\\u001b[2J\\u001b]0;pwned\\u0007"\n',
        "status",
        "giá trị “\\x1b[2J\\x1b]0;pwned\\x07” không hợp lệ",
        id="escape-in-enum",
    ),
]


@pytest.mark.parametrize(("rel", "content", "field", "reason"), CATALOGUE)
def test_a_bad_file_is_named_and_nothing_changes(
    repo_path: Path, rel: str, content: bytes, field: str, reason: str
) -> None:
    (repo_path / rel).write_bytes(content)
    before = repo_state(repo_path)
    rid = str(RecordId.parse(rel))
    where = f"{rel}: {field}: " if field else f"{rel}: "

    code, out, err = run(repo_path, "validate")
    assert code == 1
    (line,) = [x for x in out.splitlines() if x.startswith(rel)]
    assert line.startswith(where + reason), line

    code, out, err = run(repo_path, "show", rid)
    assert (code, out) == (1, "")
    assert err.startswith(f"dvtui: {where}{reason}"), err

    code, out, err = run(
        repo_path, "set", rid, "document_number=1/BC" if "reports" in rid else "gso_code=1"
    )
    assert (code, out) == (1, "")
    assert err.startswith(f"dvtui: {where}{reason}"), err
    assert err.count("\n") == 1  # one line
    assert repo_state(repo_path) == before


def bundled_texts() -> list[str]:
    """The Vietnamese text of every bundled record."""
    from dvtui.services.setup import bundled_records

    return [p.read_text(encoding="utf-8") for p in sorted(Path(bundled_records()).rglob("*.toml"))]


@pytest.mark.parametrize(
    ("encode", "name"),
    [(as_cp1258, "Windows-1258"), (as_tcvn3, "TCVN3"), (as_vni, "VNI")],
)
def test_legacy_encodings_are_told_apart(encode: Callable[[str], bytes], name: str) -> None:
    tried = 0
    for text in bundled_texts():
        try:
            data = encode(text)
        except (KeyError, UnicodeEncodeError):
            continue  # a letter this writer does not cover (capitals in VNI)
        if data.isascii():
            continue
        tried += 1
        assert guess_encoding(data) == name, text[:80]
    assert tried >= 20


def test_a_20mb_save_is_refused_before_anything_is_written(store: Store) -> None:
    """A huge paste into a form must not write a record that can never be read back."""
    report = store.get(RecordId.parse(QUAI_CANG))
    assert isinstance(report, Report)
    before = repo_state(store.root)
    with pytest.raises(InvalidRecord) as caught:
        store.replace(report, review_note="x" * (20 * 2**20))
    assert str(caught.value).startswith(f"{QUAI_CANG_FILE}: review_note: quá dài")
    assert repo_state(store.root) == before


# --- NFD, control characters, markup -------------------------------------------------------------

HOSTILE = [
    "\x1b[31mĐỏ\x1b[0m \x1b]8;;http://x.example\x1b\\liên kết\x1b]8;;\x1b\\ \x07\x08\r",
    "[bold red]Quài Cang[/bold red] [link=http://x.example]bấm[/link] [@click=app.quit]thoát[/]",
    "[$accent]biến[/] [reverse]đảo[/reverse] :smile: \\[escaped] [/]",
]


def test_nfd_in_a_hand_edited_file_is_read_and_stored_as_nfc(repo_path: Path) -> None:
    (repo_path / UNIT_FILE).write_text(unicodedata.normalize("NFD", UNIT_TEXT), encoding="utf-8")
    code, out, _ = run(repo_path, "show", UNIT)
    assert code == 0 and "UBND xã Quài Cang" in out and unicodedata.is_normalized("NFC", out)
    code, _, err = run(repo_path, "set", UNIT, "gso_code=03190")
    assert code == 0, err
    stored = (repo_path / UNIT_FILE).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", stored) and 'name = "UBND xã Quài Cang"' in stored


@pytest.mark.parametrize("text", HOSTILE, ids=["ansi", "rich-markup", "textual-markup"])
def test_hostile_text_is_stored_verbatim_and_printed_inert(repo_path: Path, text: str) -> None:
    code, _, err = run(
        repo_path, "set", QUAI_CANG, f"review_note={text}", f"narrative.2023-ii-1={text}"
    )
    assert code == 0, err
    record = Store(repo_path).get(RecordId.parse(QUAI_CANG))
    assert isinstance(record, Report)
    assert record.review_note == record.narrative["2023-ii-1"] == text.strip()
    raw = (repo_path / QUAI_CANG_FILE).read_bytes()
    assert b"\x1b" not in raw and b"\x07" not in raw  # TOML escapes them: the file is plain text
    for args in (
        ["show", QUAI_CANG],
        ["show", QUAI_CANG, "--format", "toml"],
        ["show", QUAI_CANG, "--format", "json"],
        ["list", "reports", "--search", "quai cang"],
        ["log", QUAI_CANG],
        ["log"],
        ["status"],
    ):
        code, out, err = run(repo_path, *args)  # run() checks: no raw control character
        assert code == 0, (args, err)
    code, out, _ = run(repo_path, "show", QUAI_CANG)
    if "\x1b" not in text:  # markup is printed as typed, never interpreted
        assert f"Ý kiến xem xét: {text}" in out
        code, _, err = run(repo_path, "set", UNIT, f"name={text}")
        assert code == 0, err
        code, out, _ = run(repo_path, "list", "units", "--format", "table")
        assert text.split()[0] in out  # the first word as typed, brackets and all


def test_control_characters_in_a_file_name_or_value_never_reach_the_terminal(
    repo_path: Path,
) -> None:
    evil = repo_path / "records" / "units" / "x\x1b[2J.toml"
    evil.write_text(UNIT_TEXT, encoding="utf-8")
    code, out, err = run(repo_path, "validate")
    assert code == 1 and "records/units/x\\x1b[2J.toml" in out
    code, out, err = run(repo_path, "show", "units/x\x1b[2J")
    assert code == 1 and "x\\x1b[2J" in err


# --- addresses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "../../etc/passwd",
        "units/../../../etc/passwd",
        "/etc/passwd",
        "units/" + "a" * 65,
        "reports/2023-h1/" + "b" * 200,
        "units/ubnd\\xa",
        "units/ubnd\nxa",
        "units/UBND-Xa",
        "units/ubnd-xa-quai-cang/extra",
        "units",
        "",
        "units/-dash-first",
        "units/x y",
        "units/x%2f..%2fy",
    ],
)
def test_path_like_and_over_long_ids_are_refused(repo_path: Path, address: str) -> None:
    before = repo_state(repo_path)
    commands = [["show", address], ["set", address, "name=x"]]
    if address:  # ``dvtui log ""`` is ``dvtui log``: the whole history
        commands.append(["log", address])
    for args in commands:
        code, out, err = run(repo_path, *args)
        assert code == 1, (args, out, err)
        assert err.startswith("dvtui: mã “") or err.startswith("dvtui: không có hồ sơ"), err
        assert err.count("\n") == 1
    assert repo_state(repo_path) == before


# --- symlinks ------------------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.toml").write_text(UNIT_TEXT.replace("Quài Cang", "Bí Mật"), encoding="utf-8")
    return folder


def test_a_symlink_pointing_outside_is_reported_never_followed(
    repo_path: Path, outside: Path
) -> None:
    link = repo_path / "records" / "units" / "ubnd-xa-bi-mat.toml"
    link.symlink_to(outside / "secret.toml")
    secret = (outside / "secret.toml").read_bytes()
    before = repo_state(repo_path)
    code, out, _ = run(repo_path, "validate")
    assert code == 1
    assert (
        "records/units/ubnd-xa-bi-mat.toml: là liên kết tượng trưng (symlink), dvtui không đọc"
        in out
    )
    code, out, err = run(repo_path, "show", "units/ubnd-xa-bi-mat")
    assert code == 1 and "Bí Mật" not in out + err
    code, _, err = run(repo_path, "set", "units/ubnd-xa-bi-mat", "name=Đã ghi đè")
    assert code == 1 and "ubnd-xa-bi-mat" in err
    assert (outside / "secret.toml").read_bytes() == secret
    assert repo_state(repo_path) == before


def test_a_symlinked_folder_is_never_written_through(repo_path: Path, outside: Path) -> None:
    (repo_path / "records" / "models").mkdir(exist_ok=True)
    (repo_path / "records" / "models" / "2023").symlink_to(outside, target_is_directory=True)
    store = Store(repo_path)
    assert any(p.file == "records/models/2023" for p in store.load().problems)
    from dvtui.core.records import Model

    model = Model(
        id=RecordId.parse("models/2023/mo-hinh-moi"),
        kind="model",
        name="Mô hình mới",
        unit="ubnd-xa-quai-cang",
        sector="economy",
    )
    with pytest.raises(DataError) as caught:
        store.save(model, create=True)
    assert caught.value.code == "err.path_escape"
    assert sorted(p.name for p in outside.iterdir()) == ["secret.toml"]


# --- records deleted or renamed by hand -----------------------------------------------------------


def test_a_report_renamed_to_a_unit_that_does_not_exist(repo_path: Path) -> None:
    git(repo_path, "mv", QUAI_CANG_FILE, "records/reports/2023-h1/ubnd-xa-quai-kang.toml")
    code, out, _ = run(repo_path, "validate")
    assert code == 1
    assert (
        "records/reports/2023-h1/ubnd-xa-quai-kang.toml: (unit): "
        "không có hồ sơ “units/ubnd-xa-quai-kang”"
    ) in out.splitlines()


def test_a_deleted_unit_names_every_dangling_reference(repo_path: Path) -> None:
    (repo_path / UNIT_FILE).unlink()
    code, out, _ = run(repo_path, "validate")
    assert code == 1
    lines = out.splitlines()
    missing = "không có hồ sơ “units/ubnd-xa-quai-cang”"
    for rel in (
        "records/reports/2023-h1/ubnd-xa-quai-cang.toml: (unit)",
        "records/reports/2023-year/ubnd-xa-quai-cang.toml: (unit)",
    ):
        assert f"{rel}: {missing}" in lines
    assert any(
        x.startswith("records/tasks/2023-ii-7.toml: assigned_units[") and missing in x
        for x in lines
    )
    # nothing else is blamed
    assert all("ubnd-xa-quai-cang" in x for x in lines)
