"""Recording progress: append a history entry and set an item's status, safely.

The file is re-read and re-validated under its lock, so concurrent updates are all kept; the new
text is validated before it is written; and it is written atomically, only if nobody changed the
file behind the lock's back.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from hmic_cli import loading, saving
from hmic_cli.errors import DataError, Problem, UsageError
from hmic_cli.models import Dataset
from hmic_cli.query import find_id
from hmic_cli.splice import edit_value
from hmic_cli.vocabulary import Status

LOCK_TIMEOUT_ENV = "HMIC_LOCK_TIMEOUT"


@dataclass
class Change:
    id: str
    status: Status
    note: str | None = None
    evidence: str | None = None
    by: str | None = None
    on: date | None = None  # default: today


def lock_timeout() -> float:
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "")
    try:
        return float(raw) if raw else saving.LOCK_TIMEOUT
    except ValueError:
        raise UsageError(f"{LOCK_TIMEOUT_ENV}={raw!r} is not a number of seconds") from None


def record(path: Path, change: Change, today: date) -> dict:
    """Apply `change` to the file at `path`; returns the history entry written."""
    on = change.on or today
    if on > today:
        raise UsageError(f"--on {on.isoformat()} is in the future (today is {today.isoformat()})",
                         "record progress on or before today")
    with saving.locked(path, lock_timeout()):
        loaded = loading.load(path, check_keys=True)
        index, rec = _find(loaded.dataset, change.id)
        if rec.history and on < rec.history[-1].on:
            raise UsageError(
                f"--on {on.isoformat()} is before {rec.id}'s last history entry ({rec.history[-1].on.isoformat()})",
                "history never goes backwards: give a date on or after it")
        if change.status is rec.status and not (change.note or change.evidence):
            raise UsageError(f"{rec.id} is already '{rec.status.value}'",
                             "give --note or --evidence to record something new, or a different --status")
        entry = {"on": on.isoformat(), "status": change.status.value,
                 "note": change.note or f"Status set to {change.status.value}."}
        if change.by:
            entry["by"] = change.by
        if change.evidence:
            entry["evidence"] = change.evidence
        new_raw = _edited(loaded.raw, index, change.status, entry)
        _revalidate(path, new_raw)
        if _digest(loading.read(path)) != _digest(loaded.raw):
            raise DataError(str(path), [Problem("the file changed on disk while it was being updated")],
                            "nothing was written; run the update again")
        saving.atomic_write(path, new_raw)
    return entry


def _find(dataset: Dataset, wanted: str):
    by_id = {rec.id: (i, rec) for i, rec in enumerate(dataset.recommendations)}
    return by_id.get(wanted) or find_id(by_id, wanted)


def _edited(raw: bytes, index: int, status: Status, entry: dict) -> bytes:
    bom = loading.UTF8_BOM if raw.startswith(loading.UTF8_BOM) else b""
    text = raw[len(bom):].decode("utf-8")

    def change(item: dict) -> dict:
        item["status"] = status.value
        item.setdefault("history", []).append(entry)
        return item

    new_text = edit_value(text, ("recommendations", index), change)
    if not new_text.endswith("\n"):
        new_text += "\n"
    return bom + new_text.encode("utf-8")


def _revalidate(path: Path, raw: bytes) -> None:
    """The text about to be written must itself be valid: never write a broken file."""
    try:
        loading.validate_json(loading.without_bom(raw))
    except ValidationError:
        problems = loading.problems(raw)
        raise DataError(str(path), problems or [Problem("the change would make the file invalid")],
                        "nothing was written") from None


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
