"""dvtui.programs: LibreOffice and the file viewer, each a real program with a time limit and a
typed outcome (stand-in programs are real scripts on PATH, run as real processes)."""

from __future__ import annotations

import os
import signal
import stat
import time
from pathlib import Path

import pytest

from dvtui.programs import convert_to_pdf, open_file


def script(folder: Path, name: str, body: str) -> Path:
    """An executable shell script ``name`` in ``folder`` (put on PATH by the test)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def running(pid: int) -> bool:
    """A live process (a killed one may stay a zombie until its new parent reaps it)."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat_line.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def only_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")


def test_a_document_becomes_a_pdf_through_libreoffice(tmp_path: Path) -> None:
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed here (apt-get install libreoffice-writer)")
    from docx import Document

    source = tmp_path / "bao-cao.docx"
    document = Document()
    document.add_paragraph("Báo cáo kết quả thực hiện công tác dân vận 6 tháng đầu năm 2023")
    document.save(str(source))
    done = convert_to_pdf(source, tmp_path / "pdf", timeout=240)
    assert done.ok, done.detail
    assert done.output == tmp_path / "pdf" / "bao-cao.pdf"
    assert done.output.read_bytes().startswith(b"%PDF")


def test_without_libreoffice_the_outcome_says_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    done = convert_to_pdf(tmp_path / "x.docx", tmp_path)
    assert done.reason == "missing" and not done.ok


def test_a_libreoffice_that_hangs_is_stopped_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    child = tmp_path / "child"
    script(bin_dir, "soffice", f'sleep 30 & echo $! > "{child}"; wait')  # as soffice.bin
    only_on_path(monkeypatch, bin_dir)
    started = time.monotonic()
    done = convert_to_pdf(tmp_path / "x.docx", tmp_path, timeout=1)
    assert done.reason == "timeout" and time.monotonic() - started < 10
    assert not running(int(child.read_text()))  # what it started is stopped too


def test_a_failed_conversion_carries_libreoffice_s_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    script(bin_dir, "soffice", 'echo "Error: source file could not be loaded" >&2; exit 1')
    only_on_path(monkeypatch, bin_dir)
    done = convert_to_pdf(tmp_path / "x.docx", tmp_path)
    assert done.reason == "failed" and "could not be loaded" in done.detail


def test_a_file_is_handed_to_the_systems_opener(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    seen = tmp_path / "seen"
    script(bin_dir, "xdg-open", f'printf "%s" "$1" > "{seen}"')
    only_on_path(monkeypatch, bin_dir)
    file = tmp_path / "công văn; rm -rf ~.pdf"  # no shell: the name is one argument
    file.write_bytes(b"%PDF-1.4")
    assert open_file(file).ok
    assert seen.read_text(encoding="utf-8") == str(file)


def test_an_opener_that_fails_or_is_missing_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "a.pdf"
    file.write_bytes(b"%PDF-1.4")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert open_file(file).reason == "missing"
    bin_dir = tmp_path / "bin"
    script(bin_dir, "xdg-open", 'echo "no application for application/pdf" >&2; exit 3')
    only_on_path(monkeypatch, bin_dir)
    done = open_file(file)
    assert done.reason == "failed" and "no application" in done.detail
    assert open_file(tmp_path / "missing.pdf").reason == "failed"


def test_an_opener_that_waits_for_its_viewer_is_left_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    pid_file = tmp_path / "pid"
    script(bin_dir, "xdg-open", f'echo $$ > "{pid_file}"; exec sleep 30')
    only_on_path(monkeypatch, bin_dir)
    file = tmp_path / "a.pdf"
    file.write_bytes(b"%PDF-1.4")
    assert open_file(file, timeout=0.5).ok  # the viewer is the user's to close
    pid = int(pid_file.read_text())
    try:
        assert running(pid)  # never killed by dvtui
    finally:
        os.kill(pid, signal.SIGTERM)
