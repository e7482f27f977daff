"""Review of changes (Rà soát) and the audit of history (Kiểm tra lịch sử).

Both read git history in a thread worker through ``dvtui.services.review`` and
``dvtui.services.audit``; a sign-off is saved like any record, one commit that syncs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, ProgressBar, Static

from dvtui.core.changes import NO_RECORDS, Lookup, describe
from dvtui.core.facts import address_title
from dvtui.core.labels import ACTION, label
from dvtui.core.text import format_date, inert
from dvtui.i18n import N_, t, tn
from dvtui.tui.backend import Host
from dvtui.tui.messages import Audited, AuditProgress, Failed, ReviewLoaded, SignedOff
from dvtui.tui.translated import TranslatedScreen
from dvtui.tui.widgets.fields import TextInput

if TYPE_CHECKING:
    from dvtui.services.audit import AuditResult
    from dvtui.services.review import ReviewState

SHOWN = 200  # commits listed on screen; the count says how many wait in all


def review_text(state: ReviewState, names: Lookup) -> Text:
    """The last sign-off and every commit waiting for review, as field diffs."""
    text = Text()
    if state.last is None:
        text.append(t("cli.review.never") + "\n")
    else:
        last = state.last
        text.append(
            inert(
                t(
                    "cli.review.last",
                    who=last.reviewer,
                    date=format_date(last.signed_on),
                    upto=last.upto[:8],
                )
            )
            + "\n"
        )
    if state.clean:
        text.append(t("cli.review.clean") + "\n", style="green")
        return text
    text.append(tn("cli.review.pending", len(state.pending)) + "\n\n", style="bold")
    for entry in state.pending[:SHOWN]:
        text.append(f"{entry.when:%d/%m/%Y %H:%M}", style="bold")
        text.append(" · ")
        text.append(inert(entry.author), style="bold cyan")
        text.append("\n" + inert(entry.subject) + "\n", style="italic")
        for change in entry.records:
            what = inert(address_title(change.record, names))
            if change.action == "update":
                for c in change.changes:
                    text.append(f"  • {what} · {inert(describe(c, names))}\n")
            else:
                text.append(f"  • {what} · {label(ACTION, change.action)}\n")
        text.append("\n")
    return text


class ReviewScreen(TranslatedScreen[None]):
    """Commits nobody has signed off yet; Ctrl+S signs them off as the current user."""

    BINDINGS = [
        Binding("ctrl+s", "sign", N_("ui.review.sign"), priority=True),
        Binding("escape", "app.pop_screen", N_("ui.key.back")),
    ]

    @property
    def dvtui(self) -> Host:
        """The app, as screens may use it."""
        return cast(Host, self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="review"):
            yield Static(Text(t("ui.loading")), id="review-body")
        with Horizontal(classes="buttons form-buttons"):
            yield TextInput(placeholder=t("ui.review.comment"), id="comment", compact=True)
            yield Button(t("ui.review.sign"), id="sign", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("ui.review.title")
        self.load()

    def load(self) -> None:
        """Work out what waits for review (in a worker)."""
        self.dvtui.backend.review_state(self)

    @on(ReviewLoaded)
    def _show(self, message: ReviewLoaded) -> None:
        state = message.state
        names = self.dvtui.data or NO_RECORDS
        self.query_one("#review-body", Static).update(review_text(state, names))
        self.query_one("#sign", Button).disabled = state.clean

    @on(Button.Pressed, "#sign")
    @on(Input.Submitted, "#comment")
    def action_sign(self) -> None:
        """Sign off everything listed (one commit, nothing rewritten)."""
        if self.query_one("#sign", Button).disabled:
            return
        self.query_one("#sign", Button).disabled = True
        # Saved through the store like any record; a missing identity is asked first.
        self.dvtui.backend.sign_off(self, self.query_one("#comment", Input).value)

    @on(SignedOff)
    def _signed(self, message: SignedOff) -> None:
        self.notify(t("ui.review.signed", sha=message.result.sha[:8]), markup=False)
        self.query_one("#comment", Input).value = ""
        self.load()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        message.stop()
        self.query_one("#sign", Button).disabled = False
        self.dvtui.show_error(message.error)


def audit_text(result: AuditResult) -> Text:
    """Every finding, then the summary."""
    from dvtui.services.audit import FINDING_KIND  # loaded already: it made ``result``

    text = Text()
    for f in result.findings[:SHOWN]:
        text.append(f"{f.sha[:8]}  {f.when:%d/%m/%Y %H:%M}  ", style="bold")
        text.append(inert(f.author), style="bold cyan")
        text.append(f"  [{label(FINDING_KIND, f.kind)}]\n", style="yellow")
        text.append(f"  {inert(f.subject)}\n", style="italic")
        text.append(f"  {inert(f.detail)}\n\n")
    style = "bold green" if result.clean else "bold red"
    text.append(result.summary(), style=style)
    return text


class AuditScreen(TranslatedScreen[None]):
    """Walks the whole history with a progress bar and lists what it finds."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("ui.key.back"))]

    @property
    def dvtui(self) -> Host:
        """The app, as screens may use it."""
        return cast(Host, self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield ProgressBar(show_eta=False, id="audit-progress")
        with VerticalScroll(id="audit"):
            yield Static(Text(t("cli.audit.running")), id="audit-body")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("ui.audit.title")
        self.run_audit()

    def run_audit(self) -> None:
        """The audit, in a worker."""
        self.dvtui.backend.audit(self)

    @on(AuditProgress)
    def _progress(self, message: AuditProgress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    @on(Audited)
    def _audited(self, message: Audited) -> None:
        self._show(message.result)

    def _show(self, result: AuditResult) -> None:
        self.query_one(ProgressBar).update(total=max(1, result.checked), progress=result.checked)
        self.query_one("#audit-body", Static).update(audit_text(result))
