"""A problem found in the data: which file, which field, why — rendered in plain words."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from dvtui.i18n import t


@dataclass(frozen=True, order=True)
class Problem:
    """``file: field: reason``; ``code`` is a message-catalog key filled with ``args``."""

    file: str
    field: str
    code: str
    args: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    def reason(self) -> str:
        """The reason alone, in the current language."""
        return t(self.code, **self.args)

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.reason()}"


class DataError(Exception):
    """A user or data error: shown as one line, never as a traceback.

    ``args`` = (message key, values) so that the text follows the current language.
    """

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code, values)
        self.code = code
        self.values = values

    def __str__(self) -> str:
        return t(self.code, **self.values)


class InvalidRecord(DataError):
    """A record that does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("err.invalid_record", id=problems[0].file, detail=problems[0].reason())
        self.problems = problems

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)
