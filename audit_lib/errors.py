"""One exception root with structured fields; the CLI turns them into one line and exit code 2."""

from __future__ import annotations

from dataclasses import dataclass


class AuditError(Exception):
    """Root of every error this package raises on purpose."""


@dataclass
class InputError(AuditError):
    """An input file cannot be used: names the file and, where known, the row, column and expectation."""

    file: str
    problem: str
    row: int | str | None = None
    column: str | None = None
    expected: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        text = f"{where}: {self.problem}"
        if self.expected:
            text += f" (expected {self.expected})"
        if self.suggestion:
            text += f"; {self.suggestion}"
        return text


@dataclass
class ParameterError(AuditError):
    """The parameters file is unusable: names the key and what was expected."""

    key: str
    problem: str
    file: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        text = f"{where}parameter '{self.key}': {self.problem}"
        if self.suggestion:
            text += f"; {self.suggestion}"
        return text
