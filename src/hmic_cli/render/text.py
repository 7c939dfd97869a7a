"""Plain text output: one line per fact, for logs and pipes."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.errors import Problem
from hmic_cli.sanitize import one_line


def problem_line(file: str, problem: Problem) -> str:
    """`file:line:col: path: message`, the form editors and CI logs link from."""
    where = f"{file}:{problem.place()}" if problem.line is not None else file
    path = f" {problem.path}:" if problem.path else ""
    return one_line(f"{where}:{path} {problem.message}")


def problems(file: str, found: list[Problem], out: TextIO, summary: str) -> None:
    for problem in found:
        out.write(problem_line(file, problem) + "\n")
    out.write(summary + "\n")
