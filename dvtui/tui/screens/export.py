"""Writing the documents from the UI: "Xuất báo cáo" (the consolidated report) and "Công văn
đôn đốc" (the urging letter), each a dialog that asks what the CLI's options ask, writes the
file in a thread worker with a progress bar, and shows the path it wrote (or why it could not).

The work is the CLI's (``dvtui.reports.export``): the same files come out of both. The dialogs
are given the loaded data; they never touch the data repo.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState

from dvtui.core.dataset import Dataset
from dvtui.core.problems import DataError
from dvtui.core.records import Period
from dvtui.core.settings import Settings
from dvtui.core.text import inert, parse_date
from dvtui.i18n import N_, Translator, current_language, t, translator
from dvtui.tui.translated import TranslatedModal
from dvtui.tui.widgets.fields import TextInput

FORMAT_LABELS = {
    "docx": N_("ui.format.docx"),
    "pdf": N_("ui.format.pdf"),
    "xlsx": N_("ui.format.xlsx"),
    "md": N_("ui.format.md"),
}
Work = Callable[[Callable[[int, int, str], None]], None]


class MakesWork(Protocol):
    """What a dialog does with what was typed: the worker's job (DataError for bad input)."""

    def __call__(self, period: str, fmt: str, path: Path, tr: Translator) -> Work: ...


class DocumentDialog(TranslatedModal[Path | None]):
    """What both dialogs share: a period, a format, a file, a progress bar and the outcome."""

    BINDINGS = [Binding("escape", "close", N_("ui.key.cancel"))]
    FORMATS: tuple[str, ...] = ()
    TITLE_KEY = ""
    STEM = ""
    make_work: MakesWork  # each dialog's own method

    def __init__(
        self,
        data: Dataset,
        settings: Settings,
        today: date,
        periods: list[Period],
        period: str | None,
        folder: Path,
    ) -> None:
        super().__init__()
        self.data, self.settings, self.today = data, settings, today
        self.periods = periods
        self.period = period if period in {p.id.name for p in periods} else None
        if self.period is None and periods:
            self.period = periods[0].id.name
        self.folder = folder
        self.written: Path | None = None
        self._auto_path = ""
        self._replace: Path | None = None  # a file already there, to be replaced when asked again

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export"):
            yield Static(Text(t(self.TITLE_KEY)), classes="dialog-title")
            yield Label(t("ui.export.period"))
            yield Select[str](
                [(Text(inert(p.name)), p.id.name) for p in self.periods],
                value=self.period or Select.NULL,
                prompt=t("ui.choose_period"),
                id="export-period",
                compact=True,
                allow_blank=False,
            )
            yield from self.compose_fields()
            yield Label(t("ui.export.format"))
            yield Select[str](
                [(t(FORMAT_LABELS[f]), f) for f in self.FORMATS],
                value=self.FORMATS[0],
                prompt=t("ui.choose"),
                id="export-format",
                compact=True,
                allow_blank=False,
            )
            yield Label(t("ui.export.file"))
            yield TextInput(id="export-path", compact=True)
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-result")
            with Horizontal(classes="buttons"):
                yield Button(t("ui.export.run"), id="export-run", variant="primary")
                yield Button(t("ui.button.close"), id="export-close")

    def compose_fields(self) -> ComposeResult:
        """The dialog's own fields, between the period and the format."""
        yield from ()

    def on_mount(self) -> None:
        self._suggest_path()
        self.query_one("#export-progress", ProgressBar).display = False

    # --- the file name follows the period and the format until the user types one ---------

    def _fmt(self) -> str:
        value = self.query_one("#export-format", Select).value
        return value if isinstance(value, str) else self.FORMATS[0]

    def _period(self) -> str | None:
        value = self.query_one("#export-period", Select).value
        return value if isinstance(value, str) else None

    @on(Select.Changed)
    def _suggest_path(self) -> None:
        field = self.query_one("#export-path", Input)
        if field.value and field.value != self._auto_path:
            field.value = str(Path(field.value).with_suffix("." + self._fmt()))
            return
        self._auto_path = str(self.folder / f"{self.STEM}-{self._period() or ''}.{self._fmt()}")
        field.value = self._auto_path

    # --- running ------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False) -> None:
        result = self.query_one("#export-result", Static)
        result.set_class(error, "error")
        result.update(Text(text))

    def parse_day(self, field_id: str, *, required: bool) -> date | None:
        """The date typed in a field; DataError with the field's reason when it is not one."""
        text = self.query_one(field_id, Input).value.strip()
        if not text:
            if required:
                raise DataError("ui.letter.by_required")
            return None
        try:
            return parse_date(text)
        except ValueError:
            raise DataError("ui.export.bad_date", value=text) from None

    @on(Button.Pressed, "#export-run")
    @on(Input.Submitted)
    def _run(self) -> None:
        from dvtui.reports import export

        period, fmt = self._period(), self._fmt()
        text = self.query_one("#export-path", Input).value.strip()
        try:
            if period is None:
                raise DataError("ui.export.no_period")
            if not text:
                raise DataError("ui.export.no_file")
            path = Path(text).expanduser()
            if path.suffix.lower() != "." + fmt:
                path = path.with_suffix("." + fmt)
            if fmt == "pdf":
                export.require_pdf()
            work = self.make_work(period, fmt, path, translator(current_language()))
        except DataError as error:
            self._say(str(error), error=True)
            return
        if path.exists() and path != self._replace:  # it may carry edits made in Word
            self._replace = path
            self._say(t("ui.export.exists", path=str(path)), error=True)
            return
        self._replace = None
        self.query_one("#export-run", Button).disabled = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self._say(t("ui.export.working"))

        def progress(done: int, total: int, what: str) -> None:
            # total 0: a step of unknown length (LibreOffice printing): a pulsing bar
            self.app.call_from_thread(bar.update, total=total or None, progress=done)
            if what:
                self.app.call_from_thread(self._say, inert(what))

        def run() -> Path:
            work(progress)
            return path

        self.run_worker(run, thread=True, group="export", exit_on_error=False)

    @on(Worker.StateChanged)
    def _finished(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export" or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        event.stop()  # the app's handler reports only its own workers' errors
        self.query_one("#export-run", Button).disabled = False
        self.query_one("#export-progress", ProgressBar).display = False
        if event.state == WorkerState.SUCCESS:
            result = event.worker.result
            assert isinstance(result, Path)
            self.written = result
            self._say(t("ui.export.written", path=str(result)))
            return
        error = event.worker.error
        if isinstance(error, DataError):
            self._say(str(error), error=True)
        else:
            self._say(t("ui.unexpected", detail=repr(error)), error=True)

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        """Close the dialog (with the path written, if any)."""
        self.dismiss(self.written)


class ExportReportScreen(DocumentDialog):
    """Xuất báo cáo: period, figures as of a day, format, file."""

    FORMATS = ("docx", "pdf", "xlsx", "md")
    TITLE_KEY = N_("ui.export.title")
    STEM = "bao-cao"

    def compose_fields(self) -> ComposeResult:
        yield Label(t("ui.export.as_of"))
        yield TextInput(id="export-as-of", compact=True, placeholder=t("ui.export.as_of_hint"))

    def make_work(self, period: str, fmt: str, path: Path, tr: Translator) -> Work:
        from dvtui.reports import export
        from dvtui.reports.figures import build_report

        as_of = self.parse_day("#export-as-of", required=False)
        data, settings, today = self.data, self.settings, self.today

        def work(progress: Callable[[int, int, str], None]) -> None:
            report = build_report(data, settings, period, today, progress, as_of)
            export.write_report(report, path, fmt, tr, progress)

        return work


class UrgingLetterScreen(DocumentDialog):
    """Công văn đôn đốc: period, the new deadline (required), format, file."""

    FORMATS = ("docx", "pdf")
    TITLE_KEY = N_("ui.letter.title")
    STEM = "cong-van-don-doc"

    def compose_fields(self) -> ComposeResult:
        yield Label(t("ui.letter.by"))
        yield TextInput(id="export-by", compact=True, placeholder="dd/mm/yyyy")

    def make_work(self, period: str, fmt: str, path: Path, tr: Translator) -> Work:
        from dvtui.reports import export
        from dvtui.reports.followup import overdue_list
        from dvtui.reports.letter import urging_letter

        by = self.parse_day("#export-by", required=True)
        assert by is not None
        items = overdue_list(self.data, self.settings, self.today, period)
        letter = urging_letter(
            self.data, self.settings, items, self.today, by
        )  # DataError: shown at once

        def work(progress: Callable[[int, int, str], None]) -> None:
            export.write_letter(letter, path, fmt, progress)

        return work
