"""The programs dvtui starts besides git: LibreOffice, the system's file viewer, its workers.

The one module outside :mod:`dvtui.git` allowed to start processes (an import-linter
contract says so). Each program has one function: a list of arguments (never a shell), a
time limit, and a typed result saying what happened — ``done``, ``missing`` (not
installed), ``timeout`` or ``failed`` with the program's own last words — so that callers
turn it into a Vietnamese message and never see an exception from here.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["Outcome", "convert_to_pdf", "open_file", "soffice", "start_worker"]

Reason = Literal["done", "missing", "timeout", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What a program did: ``ok`` when ``reason == "done"``; ``output``: the file it made."""

    reason: Reason
    detail: str = ""  # the program's last words (stderr), for a message
    output: Path | None = None

    @property
    def ok(self) -> bool:
        """The program did its job."""
        return self.reason == "done"


def _last_words(data: bytes) -> str:
    return " ".join(data.decode("utf-8", "replace").split())[-300:]


def soffice() -> str | None:
    """LibreOffice's ``soffice`` on this machine, or None (asked before any work is done)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(source: Path, out_dir: Path, *, timeout: float = 180.0) -> Outcome:
    """``source`` (.docx, .xlsx…) as a PDF in ``out_dir``, through LibreOffice headless.

    LibreOffice runs with a profile of its own, so it works while the user has LibreOffice
    open (a second instance would otherwise hand the job to the first and return at once).
    """
    import tempfile  # here: the loader imports this module for its workers, at every start

    program = soffice()
    if program is None:
        return Outcome("missing")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dvtui-soffice-") as profile:
        argv = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=os.name == "posix",  # its own group: stopped as a whole
            )
        except OSError as exc:
            return Outcome("failed", str(exc))
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(proc)
            return Outcome("timeout")
    pdf = out_dir / (source.stem + ".pdf")
    if proc.returncode != 0 or not pdf.is_file():
        return Outcome("failed", _last_words(err or out))
    return Outcome("done", output=pdf)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End a program and everything it started (LibreOffice's wrapper starts soffice.bin)."""
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - not run by the tests
            proc.kill()
    except ProcessLookupError:
        pass
    proc.communicate()


def _viewer(path: Path) -> list[str] | None:
    if sys.platform == "darwin":
        return ["open", str(path)]
    program = shutil.which("xdg-open")
    return [program, str(path)] if program else None


def open_file(path: Path, *, timeout: float = 10.0) -> Outcome:
    """Open ``path`` with the program the system uses for its type.

    ``done`` once the opener has handed the file on (or still runs after ``timeout``: some
    openers wait for the viewer, which is the user's to close, never killed here).
    """
    if not path.exists():
        return Outcome("failed", str(path))
    if sys.platform == "win32":  # pragma: no cover - not run by the tests
        try:
            os.startfile(path)
        except OSError as exc:
            return Outcome("failed", str(exc))
        return Outcome("done")
    import tempfile

    argv = _viewer(path)
    if argv is None:
        return Outcome("missing")
    with tempfile.TemporaryFile() as said:
        try:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=said,
                start_new_session=True,  # the viewer outlives dvtui and never reads our tty
            )
        except OSError as exc:
            return Outcome("failed", str(exc))
        try:
            status = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return Outcome("done")
        said.seek(0)
        detail = _last_words(said.read())
    return Outcome("done") if status == 0 else Outcome("failed", detail)


def start_worker(module: str, *args: str) -> subprocess.Popen[bytes] | None:
    """``python -m <module> ARGS`` of this interpreter, stdin and stdout piped (its stderr
    dropped); None when it cannot start. The caller feeds, reads and waits."""
    try:
        return subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
