"""Real git repositories for the tests: `git init`, commits on fixed days, a small tracker to change.

Everything git needs comes from the environment given to each call (user, dates, no global or
system configuration), so the tests do not depend on the machine's git set-up.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import inprocess
from tests.conftest import HMIC  # noqa: F401 (re-exported: tests that run a real hmic beside git take it from here)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git_env(day: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "HMIC_", "GITHUB_"))}
    env |= {"GIT_AUTHOR_NAME": "Compliance Lead", "GIT_AUTHOR_EMAIL": "lead@force.example",
            "GIT_COMMITTER_NAME": "Compliance Lead", "GIT_COMMITTER_EMAIL": "lead@force.example",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "NO_COLOR": "1", "COLUMNS": "120"}
    if day:
        env |= {"GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00"}
    return env


class Repo:
    """A git repository holding `tracker.json`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tracker = path / "tracker.json"
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, day: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(["git", *args], cwd=self.path, env=git_env(day), capture_output=True, text=True,
                                timeout=60)
        if check:
            assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result

    def hmic(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        """`hmic ARGS` in the repository, run in this process (`tests.inprocess`) with the environment
        a real `hmic` would get there; git itself still runs `hmic` as its merge driver or hook."""
        return inprocess.run(args, env or git_env(), cwd=self.path, text=True)

    def read(self) -> dict:
        return json.loads(self.tracker.read_text(encoding="utf-8"))

    def write(self, document: dict) -> None:
        self.tracker.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def commit(self, message: str, day: str) -> str:
        self.git("add", "-A", day=day)
        self.git("commit", "-q", "-m", message, day=day)
        return self.git("rev-parse", "HEAD").stdout.strip()


def item(rec_id: str, deadline: str = "by-date", due: str | None = None, status: str = "open", **extra) -> dict:
    rec = {"id": rec_id, "report": "peel-2024", "type": "recommendation", "text": f"The force should do {rec_id}.",
           "deadline": deadline, "themes": ["training"], "status": status,
           "history": [{"on": "2024-01-01", "status": "open", "note": "Made in the report."}]}
    if due is not None:
        rec["due"] = due
    rec.update(extra)
    return rec


def tracker(*items: dict, reports: list | None = None, themes: list | None = None) -> dict:
    return {
        "schema_version": 1,
        "reports": reports or [{"id": "peel-2024", "title": "PEEL 2024", "inspectorate": "HMICFRS",
                                "force": "Example Police", "published": "2024-01-01", "source": "tests"}],
        "themes": themes or [{"id": "training", "label": "Training", "description": ""}],
        "recommendations": list(items),
    }


def progress(rec: dict, on: str, status: str, note: str = "Progress.", **extra) -> None:
    """Record progress as `hmic update` does: a history entry and the status."""
    rec["history"].append({"on": on, "status": status, "note": note, **extra})
    rec["status"] = status


def find(document: dict, rec_id: str) -> dict:
    return next(r for r in document["recommendations"] if r["id"] == rec_id)


def clone(document: dict) -> dict:
    return copy.deepcopy(document)
