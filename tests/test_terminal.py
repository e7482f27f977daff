"""The real ``dvtui`` in a real pseudo-terminal: what a person's terminal sends and receives.

Pilot never sees the terminal: here the program reads the bytes an input method sends (a
backspace and a letter in one burst) from a pty, and every byte it writes back is kept and
searched. pyte decodes the screen only to know when to press the next key.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyte
import pytest
import telex
from conftest import git

from dvtui.core.ids import RecordId
from dvtui.core.records import Report, Unit
from dvtui.storage import Store

COLUMNS, LINES = 120, 50
SIZE_VARIABLES = ("COLUMNS", "LINES")
REPORT = "reports/2023-h1/ubnd-xa-pu-xi"
CTRL_S_KEY = "^s Lưu"
F3, F5, F7, END, ESC, ENTER, TAB, CTRL_E, CTRL_P, CTRL_S, CTRL_Q = (
    b"\x1bOR",
    b"\x1b[15~",
    b"\x1b[18~",
    b"\x1b[F",
    b"\x1b",
    b"\r",
    b"\t",
    b"\x05",
    b"\x10",
    b"\x13",
    b"\x11",
)


class Terminal:
    """``dvtui`` on a pty of COLUMNS×LINES: keys in, raw bytes out (all kept), pyte's screen."""

    def __init__(self, repo: Path, cwd: Path | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        program = Path(sys.executable).with_name("dvtui")  # the installed console script
        # The pty's size is the terminal's: pytest-xdist's workers carry LINES=24 and
        # COLUMNS=80, which would win over it (shutil.get_terminal_size reads them first).
        env = {name: value for name, value in os.environ.items() if name not in SIZE_VARIABLES}
        env |= {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
        self.process = subprocess.Popen(
            [str(program), "--repo", str(repo), "--today", "2023-05-20"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,  # where the UI's dialogs suggest to write documents
            preexec_fn=_controlling_tty,
        )
        os.close(slave)
        self.raw = bytearray()
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the program has exited and closed the pty
                return
            self.raw += data
            self.stream.feed(data)

    def text(self) -> str:
        """The screen as pyte shows it."""
        return "\n".join(self.screen.display)

    def wait_for(
        self,
        needle: str | re.Pattern[str],
        *,
        gone: bool = False,
        footer: bool = False,
        timeout: float = 30,
    ) -> None:
        """Read until ``needle`` (a text or a pattern) is on the screen — or, ``gone``, is not.
        ``footer``: look only at the last line, where Textual lists the keys that work now."""
        deadline = time.monotonic() + timeout
        pattern = needle if isinstance(needle, re.Pattern) else re.compile(re.escape(needle))
        while (pattern.search(self.screen.display[-1] if footer else self.text()) is None) != gone:
            if time.monotonic() > deadline or self.process.poll() is not None:
                state = "gone" if gone else "shown"
                raise AssertionError(f"{needle!r} never {state}; the screen:\n{self.text()}")
            self._read(0.05)

    def settle(self, seconds: float = 0.3) -> None:
        """Keep reading while the program paints."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._read(0.02)

    def press(self, *keys: bytes) -> None:
        """Each key as one write, as a person (or an input method's burst) sends it."""
        for key in keys:
            os.write(self.master, key)
            self.settle(0.03)

    def click(self, needle: str, after: int = 1) -> None:
        """Click ``after`` cells past the end of ``needle`` on the screen (xterm SGR mouse)."""
        self.wait_for(needle)
        for y, line in enumerate(self.screen.display):
            if needle in line:
                x = line.index(needle) + len(needle) + after
                os.write(self.master, f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m".encode())
                self.settle()
                return
        raise AssertionError(f"{needle!r} not on the screen:\n{self.text()}")

    def quit(self) -> None:
        """Ctrl+Q, then make sure the program is gone (once; later calls do nothing)."""
        if self.master < 0:
            return
        if self.process.poll() is None:
            os.write(self.master, CTRL_Q)
            deadline = time.monotonic() + 10
            while self.process.poll() is None and time.monotonic() < deadline:
                self._read(0.05)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self.settle(0.1)
        os.close(self.master)
        self.master = -1


def _controlling_tty() -> None:
    # A session of its own with the pty as controlling terminal, as a shell would give it.
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@pytest.fixture
def start(repo_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Start dvtui on ``repo_path`` (once the test has put its records there, so that no
    reload runs under its keys); stopped after the test whatever happens."""
    started: list[Terminal] = []

    def run(cwd: Path | None = None) -> Terminal:
        started.append(Terminal(repo_path, cwd))
        return started[-1]

    try:
        yield run
    finally:
        for term in started:
            term.quit()


def open_only_match(term: Terminal, tab_key: bytes, words: str, row: str) -> None:
    """Show a tab, filter its list down to one row, open it (a click on the chosen row)."""
    term.press(tab_key)
    term.wait_for(" dòng")  # the list is loaded
    term.click("Lọc…", after=-3)
    term.press(words.encode())
    term.wait_for(re.compile(r"\b1/\d+ dòng"))
    # A click on the row under the cursor opens it. Under a heavy load a click can reach the
    # table before it took the filtered rows in (it then only moves the cursor): click again,
    # while the list is still what the screen shows.
    for _ in range(3):
        term.click(row, after=-2)
        try:
            term.wait_for(CTRL_S_KEY, footer=True, timeout=10)  # the form
            return
        except AssertionError:
            if CTRL_S_KEY in term.screen.display[-1]:
                return
    term.wait_for(CTRL_S_KEY, footer=True)


def committed(repo: Path, record: str, since: str, timeout: float = 20) -> str:
    """The record's file in the first commit after ``since`` (waits for the save)."""
    deadline = time.monotonic() + timeout
    while git(repo, "rev-parse", "HEAD").strip() == since:
        if time.monotonic() > deadline:
            raise AssertionError("no commit was made")
        time.sleep(0.1)
    return git(repo, "show", f"HEAD:records/{record}.toml")


# --- (a) Vietnamese typed through an input method ----------------------------------------------


def test_input_method_typing_is_saved_as_typed(
    start: Callable[..., Terminal], repo_path: Path
) -> None:
    store = Store(repo_path)
    report = store.get(RecordId.parse(REPORT))
    assert isinstance(report, Report)
    store.replace(report, document_number="BC-01", narrative={"2023-ii-1": "Mở đầu."})
    before = git(repo_path, "rev-parse", "HEAD").strip()

    terminal = start()
    open_only_match(terminal, F5, "pu xi", "UBND xã Pú Xi")
    terminal.click("BC-01")  # the cursor after the number, in a one-line field
    terminal.press(b" ", *telex.VIET)
    terminal.click("Mở đầu.")  # a multi-line field
    terminal.press(b" ", *telex.keystrokes(telex.SENTENCE), CTRL_S)  # saved after all of it

    saved = committed(repo_path, REPORT, before)
    assert 'document_number = "BC-01 việt"' in saved
    assert f'2023-ii-1 = "Mở đầu. {telex.SENTENCE}"' in saved


def test_input_method_typing_in_a_progress_note(
    start: Callable[..., Terminal], repo_path: Path
) -> None:
    before = git(repo_path, "rev-parse", "HEAD").strip()
    terminal = start()
    open_only_match(terminal, F3, "2023-ii-7", "II.7")
    terminal.wait_for("Ghi chú tiến độ mới")
    terminal.click("Ghi chú tiến độ mới", after=-5)
    terminal.press(*telex.keystrokes(telex.SENTENCE), b" ", *telex.VIET, ENTER)  # add, save

    saved = committed(repo_path, "tasks/2023-ii-7", before)
    assert f'text = "{telex.SENTENCE} việt"' in saved


def test_input_method_typing_in_a_dialog(
    start: Callable[..., Terminal], repo_path: Path, tmp_path: Path
) -> None:
    terminal = start(cwd=tmp_path)
    terminal.wait_for("Xuất báo cáo (Ctrl+E)")
    terminal.press(CTRL_E)
    terminal.click(str(tmp_path)[:12], after=-4)  # the file it suggests, cut to the field's width
    terminal.press(END, *[telex.BACKSPACE] * len(".docx"), b"-", *telex.VIET, b".docx", ENTER)
    written = tmp_path / "bao-cao-2023-h1-việt.docx"
    deadline = time.monotonic() + 60
    while not written.exists():
        assert time.monotonic() < deadline, sorted(p.name for p in tmp_path.iterdir())
        terminal.settle(0.2)
    assert written.read_bytes()[:2] == b"PK"  # a .docx, written whole


def test_input_method_typing_in_the_import_dialog(
    start: Callable[..., Terminal], repo_path: Path, tmp_path: Path
) -> None:
    from test_tui_files import fill_form

    name = "Quài Cang gửi lại.xlsx"
    fill_form(repo_path, tmp_path, 4, name)
    before = git(repo_path, "rev-parse", "HEAD").strip()
    terminal = start(cwd=tmp_path)  # the path typed is read from there
    terminal.wait_for("Xuất báo cáo (Ctrl+E)")
    terminal.press(CTRL_P, *[bytes([c]) for c in b"nhap bieu mau"])
    terminal.wait_for("Nhập biểu mẫu Excel")
    terminal.press(ENTER)
    terminal.wait_for("Đường dẫn tệp .xlsx")  # the dialog, the cursor in its path field
    terminal.press(*telex.keystrokes(name), ENTER)  # typed, then read
    terminal.wait_for("UBND xã Quài Cang: 4 thay đổi")
    terminal.press(TAB, TAB, TAB, TAB, ENTER)  # date, the changes, "Đọc tệp", then "Nhập"

    saved = committed(repo_path, "reports/2023-h1/ubnd-xa-quai-cang", before)
    assert f'name = "{name}"' in saved  # the form, attached under the name typed
    assert "conferences = 4\n" in saved


def test_a_figure_typed_right_behind_tab_goes_to_the_next_field(
    start: Callable[..., Terminal], repo_path: Path
) -> None:
    before = git(repo_path, "rev-parse", "HEAD").strip()
    terminal = start()
    open_only_match(terminal, F5, "pu xi", "UBND xã Pú Xi")
    terminal.click("Số hội nghị tuyên truyền", after=12)  # into its (empty) field
    terminal.press(b"4" + TAB + b"120" + TAB + b"3", CTRL_S)  # one read: a fast typist's

    saved = committed(repo_path, REPORT, before)
    assert "conferences = 4\n" in saved
    assert "conference_attendees = 120\n" in saved
    assert "citizen_receptions = 3\n" in saved


# --- (b) record text never drives the terminal -------------------------------------------------

# Each would act on the terminal if written raw: write the clipboard (OSC 52), retitle the
# window (OSC 0), open a hyperlink (OSC 8), clear the screen (CSI 2J), turn the line around
# (U+202E), and the C1 forms of CSI and NEL.
HOSTILE = (
    "\x1b]52;c;SGFja2Vk\x1b\\ \x1b]0;PWNED\x07 \x1b]8;;http://e.vil/\x1b\\lien ket\x1b]8;;\x1b\\"
    " \x1b[2J \u202edaor \x9b31m \x85"
)
FORBIDDEN = {
    "OSC 52": re.escape("\x1b]52"),
    "OSC 0": re.escape("\x1b]0;"),
    "OSC 2": re.escape("\x1b]2;"),
    "OSC 8": re.escape("\x1b]8;"),
    "CSI 2J": re.escape("\x1b[2J"),
    "bidi": "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]",
    "C1": "[\x80-\x9f]",
}


def test_control_characters_in_records_are_never_written(
    start: Callable[..., Terminal], repo_path: Path
) -> None:
    store = Store(repo_path)
    unit = store.get(RecordId.parse("units/ubnd-xa-pu-xi"))
    assert isinstance(unit, Unit)
    store.replace(unit, name=f"UBND xã Pú Xi {HOSTILE}")
    report = store.get(RecordId.parse(REPORT))
    assert isinstance(report, Report)
    store.replace(report, document_number=HOSTILE, narrative={"2023-ii-1": HOSTILE})

    terminal = start()
    open_only_match(
        terminal, F5, "pu xi", "UBND xã Pú Xi"
    )  # the form: title, heading, one- and multi-line fields
    terminal.settle(1)
    form = terminal.text()
    assert form.count("SGFja2Vk") >= 3 and "PWNED" in form  # the text is there, inert
    terminal.press(F7)
    terminal.wait_for("Lịch sử")
    terminal.settle(1)
    assert "PWNED" in terminal.text()
    terminal.press(ESC)
    terminal.settle()
    terminal.press(ESC)
    terminal.settle(1)
    assert "PWNED" in terminal.text()  # the reports list
    terminal.quit()

    raw = bytes(terminal.raw).decode()  # what the terminal received, as it decodes it (UTF-8)
    assert "SGFja2Vk" in raw
    found = {name: re.findall(pattern, raw)[:3] for name, pattern in FORBIDDEN.items()}
    assert not {name: hits for name, hits in found.items() if hits}
