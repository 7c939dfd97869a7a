"""The tracker as it was at a git revision: its bytes (`git show REV:path`, read with git itself),
the revision's commit and its commit date. Used by `diff --since-ref`, `check --against` and
`report --since-ref`."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hmic_cli.errors import DataError, Problem, UsageError
from hmic_cli.sanitize import one_line
from hmic_cli.store import loading


class NotAtRevision(UsageError):
    """The tracker did not exist at the revision (a pull request that adds it)."""


@dataclass
class AtRevision:
    """The tracker's bytes at `revision` (as the user named it), with the commit and its date."""

    revision: str
    commit: str
    committed: date
    path: str  # relative to the repository's root, as git names it
    raw: bytes

    @property
    def label(self) -> str:
        return f"{self.path} at {self.revision} ({self.commit[:12]})"


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_DIR") and k != "GIT_WORK_TREE"}
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=env, timeout=120)
    except FileNotFoundError:
        raise UsageError("git is not installed (or not on PATH)", "install git to compare with a revision") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took longer than 120 s", "try again") from None


def _stderr(proc: subprocess.CompletedProcess) -> str:
    lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return one_line(lines[0].removeprefix("fatal: ")) if lines else f"git exited {proc.returncode}"


def read(data: Path, revision: str) -> AtRevision:
    """The file `data` (a path in a git working tree) as it was at `revision`."""
    if not revision or revision.startswith("-"):
        raise UsageError(f"{one_line(revision)!r} is not a revision", "give a commit, branch or tag, e.g. origin/main")
    full = Path(os.path.abspath(data))
    folder = full.parent
    if not folder.is_dir():
        raise DataError(str(data), [Problem("no such folder")], "check the path of the tracker")
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise UsageError(f"{data} is not in a git repository ({_stderr(top)})",
                         "run hmic in the repository that holds the tracker, or compare two files: hmic diff OLD NEW")
    root = Path(top.stdout.decode("utf-8", "surrogateescape").strip())
    try:
        relative = Path(os.path.realpath(full)).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        raise UsageError(f"{data} is outside the repository at {root}") from None
    commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], root)
    if commit.returncode != 0:
        raise UsageError(f"unknown revision {one_line(revision)!r} in {root}",
                         "give a commit, branch or tag that exists here (git fetch it first in CI)")
    sha = commit.stdout.decode().strip()
    shown = _git(["cat-file", "blob", f"{sha}:{relative}"], root)
    if shown.returncode != 0:
        raise NotAtRevision(f"{relative} does not exist at {one_line(revision)} ({sha[:12]})",
                         "give a revision that has the tracker, or compare two files: hmic diff OLD NEW")
    stamp = _git(["show", "-s", "--format=%cI", sha], root)
    committed = date.fromisoformat(stamp.stdout.decode().strip()[:10])
    return AtRevision(revision, sha, committed, relative, shown.stdout)


def load(at: AtRevision):
    """The dataset at the revision, validated; a DataError naming the revision when it is not valid."""
    from pydantic import ValidationError

    try:
        return loading.validate_json(loading.without_bom(at.raw))
    except ValidationError:
        raise DataError(at.label, loading.problems(at.raw), "the tracker at that revision is not valid") from None
    except (ValueError, RecursionError):
        raise DataError(at.label, [Problem("not a readable JSON tracker")]) from None
