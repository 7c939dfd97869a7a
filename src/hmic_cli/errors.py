"""Errors a user can cause, each with the exit code the contract gives it."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FAILED_CHECK = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of stdout went away, as a shell reports it


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, with its place where there is one."""

    message: str
    path: str = ""  # e.g. recommendations[3].deadline; "" for the whole file
    line: int | None = None
    column: int | None = None

    def place(self) -> str:
        if self.line is None:
            return ""
        return f"{self.line}:{self.column}"


class HmicError(Exception):
    """An error reported to the user as a message and an exit code, never a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(HmicError):
    exit_code = EXIT_USAGE


class DataError(HmicError):
    """The data file is missing, unreadable, not JSON or invalid; or could not be saved."""

    exit_code = EXIT_DATA

    def __init__(self, file: str, problems: list[Problem], hint: str = "") -> None:
        self.file = file
        self.problems = problems
        first = problems[0].message if problems else "invalid data"
        super().__init__(first, hint)


class RefusedChange(DataError):
    """A write whose own change breaks the tracker's rules (an item made its own parent, a parent of the
    wrong type): the file is sound and the change is refused, a usage error (exit 2), nothing written."""

    exit_code = EXIT_USAGE


class OutputLost(HmicError):
    """Standard output could not be written: closed, a full disk (exit 3), or a reader gone (141)."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, broken_pipe: bool = False) -> None:
        super().__init__(message, "" if broken_pipe else "nothing more was written")
        self.broken_pipe = broken_pipe
        if broken_pipe:
            self.exit_code = EXIT_BROKEN_PIPE
