"""The one write path: every command that changes a tracker (update, edit, add, waive, import,
report add, theme add) describes its change as a `Plan`, and `apply` carries it out:

1. find the real file (links resolved, the bundled copy and non-files refused);
2. take its lock, then read and validate it (duplicate keys too) under the lock;
3. ask the command for its plan, made on what was just read (refusals are exit 2, nothing written);
4. splice the changed values into the text: every other byte stays as it was;
5. validate only what changed, against the rest of the dataset already validated in step 2;
6. write the new file beside it and sync it; then, immediately before the rename, check that nobody
   changed the file meanwhile (README, "Rules": the window that remains), and replace it atomically.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from hmic_cli import defaults
from hmic_cli.errors import DataError, Problem, RefusedChange, UsageError
from hmic_cli.ids import refuse_clashes as refuse
from hmic_cli.jsontext import splice
from hmic_cli.jsontext.locate import dotted
from hmic_cli.models import ADAPTERS, Dataset, cross_errors
from hmic_cli.store import atomic, loading

REFUSED_LINKS = frozenset({"bad_parent", "bad_carried_forward"})  # `links.link_errors`: refused changes, not bad data
_ADAPTERS = ADAPTERS[2]  # the arrays a plan may change (each version validates them with its own classes)
Edit = Callable[[dict], dict]


@dataclass
class Plan:
    """What a write command wants done, decided on the dataset read under the lock."""

    edits: dict[int, Edit] = field(default_factory=dict)  # recommendations[index] -> change of its JSON value
    append: dict[str, list[dict]] = field(default_factory=dict)  # top-level array -> new entries
    top: dict[str, Edit] = field(default_factory=dict)  # a top-level scalar -> its change (`migrate`: schema_version)
    reports: dict[int, Edit] = field(default_factory=dict)  # reports[index] -> change of its JSON value (report edit)
    message: str = ""  # what was done, for stderr
    skipped: list[str] = field(default_factory=list)  # what was already there (import)
    details: dict = field(default_factory=dict)  # what the command reports afterwards (import: report, added)
    warnings: list[str] = field(default_factory=list)  # said on stderr after the write (`waive`: a past --until)
    path: Path | None = None  # the real file, set by `apply`

    @property
    def empty(self) -> bool:
        return not self.edits and not any(self.append.values()) and not self.top and not self.reports


def lock_timeout() -> float:
    raw = os.environ.get(defaults.LOCK_TIMEOUT_ENV, "")
    try:
        value = float(raw) if raw.strip() else defaults.LOCK_TIMEOUT
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise UsageError(f"{defaults.LOCK_TIMEOUT_ENV}={raw!r} is not a number of seconds",
                         f"set it to a number such as 10, or unset it (default {defaults.LOCK_TIMEOUT:g} s)")
    return value


def target(data: str | os.PathLike | None, command: str) -> Path:
    """The real file a write command changes: never the bundled copy, a folder or a special file."""
    path, bundled = loading.resolve(data, announce=False)
    if bundled or _is_bundled(path):
        raise UsageError(f"hmic {command} needs a data file of your own; the bundled copy is read-only",
                         "run 'hmic init tracker.json' (it writes hmic.toml beside it, so hmic finds the tracker "
                         f"from that folder), then 'hmic {command} ...'")
    real = Path(os.path.realpath(path))
    if real.is_dir():
        raise DataError(str(path), [Problem("is a folder, not a data file")], "give --data the path of a tracker file")
    if real.exists() and not real.is_file():
        raise DataError(str(path), [Problem("is not a regular file: hmic writes trackers only to regular files")],
                        "give --data the path of a tracker file")
    return real


def _is_bundled(path: Path) -> bool:
    """Whether `path` is the installed bundled dataset itself: named by --data or HMIC_DATA, through
    a link or a hard link (same real path, or same device and inode)."""
    shipped = loading.bundled_path()
    if os.path.realpath(path) == os.path.realpath(shipped):
        return True
    try:
        return os.path.samefile(path, shipped)
    except OSError:
        return False


def refuse_clashes(dataset: Dataset, plan: Plan) -> None:
    """Exit 2 when a new entry's id differs only by case or Unicode compatibility form from an id
    already in its array or another new one (`ids.refuse_clashes`): ids are resolved exactly, so
    two such ids would be two entries a reader takes for one."""
    kinds = {"recommendations": "item", "reports": "report", "themes": "theme"}
    for key, values in plan.append.items():
        if values:
            new = [value["id"] for value in values if isinstance(value.get("id"), str)]
            refuse([entry.id for entry in getattr(dataset, key)], new, kinds[key])


def apply(data: str | os.PathLike | None, command: str, make_plan: Callable[[loading.Loaded], Plan]) -> Plan:
    """Carry out the plan `make_plan` makes on the freshly read file (see the module's steps)."""
    path = target(data, command)
    with atomic.locked(path, lock_timeout()):
        loaded = loading.load(path, check_keys=True)
        plan = make_plan(loaded)
        plan.path = path
        if plan.empty:
            return plan
        refuse_clashes(loaded.dataset, plan)
        # From here on only the text and the model are kept: every copy of the file held at once
        # costs its size in peak memory (at 100,000 records, 84 MB each; see benchmarks/).
        raw, dataset = loaded.raw, loaded.dataset
        del loaded
        digest = hashlib.sha256(raw).digest()
        bom = loading.UTF8_BOM if raw.startswith(loading.UTF8_BOM) else b""
        box = [str(memoryview(raw)[len(bom):], "utf-8")]  # handed over, so that no frame here keeps the old text
        del raw
        text, changed = _spliced(box, plan, {key: len(getattr(dataset, key)) for key in _ADAPTERS})
        if plan.top:  # the file as a whole changes (its schema_version): validated as a whole
            _validate_whole(path, text)
        else:
            _validate(path, dataset, changed)
        del dataset

        def unchanged() -> None:  # run by atomic_write after the new file is synced, just before the rename
            if _digest(path) != digest:
                raise DataError(str(path), [Problem("the file changed on disk while it was being updated "
                                                    "(another program saved it): its content is kept")],
                                "nothing was written; run the command again")

        atomic.atomic_write(path, bom + (text if text.endswith("\n") else text + "\n").encode("utf-8"),
                            before_replace=unchanged)
    return plan


def check_plan(loaded: loading.Loaded, plan: Plan) -> None:
    """Validate what `plan` would add or change without writing it (a preview), as `apply` would."""
    refuse_clashes(loaded.dataset, plan)
    _validate(loaded.path, loaded.dataset, {"edited": {}, "reports_edited": {}, **plan.append})


def _spliced(box: list[str], plan: Plan,
             counts: dict[str, int]) -> tuple[str, dict[str, dict[int, dict] | list[dict]]]:
    """The new text, and the new values by array (edits by index, appends as a list); `counts` is
    the number of entries each array has now.

    The text comes in a one-item list that this empties: each splice then frees the text before it,
    so at most two copies are alive at once (an import that adds a report and items at 100,000
    records peaked at 564 MB with the caller still holding the original, 488 MB without)."""
    text = box.pop()
    edited: dict[int, dict] = {}
    if plan.edits:
        text, edited = splice.edit_elements(text, "recommendations", plan.edits)
    reports: dict[int, dict] = {}
    if plan.reports:
        text, reports = splice.edit_elements(text, "reports", plan.reports)
    for key, values in plan.append.items():
        if values:
            text = splice.append_values(text, key, values, counts.get(key))
    for key, change in plan.top.items():
        text = splice.edit_value(text, (key,), change)
    return text, {"edited": edited, "reports_edited": reports, **plan.append}


def _validate_whole(path: Path, text: str) -> None:
    problems = loading.problems(text.encode("utf-8"))
    if problems:
        raise DataError(str(path), [Problem(f"the change would make the file invalid: {p.message}", p.path)
                                    for p in problems], "nothing was written")


def _digest(path: Path) -> bytes:
    """SHA-256 of the file's bytes as they are now, read in blocks (never a second copy in memory)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise DataError(str(path), [Problem(f"cannot be read again before saving: {exc.strerror or exc}")],
                        "nothing was written") from None
    return digest.digest()


def _validate(path: Path, dataset: Dataset, changed: dict) -> None:
    """Validate the new values alone, then the dataset's cross-checks for them with them in place:
    the rest of the file was validated when it was read, and its bytes are unchanged. (Checking
    only the changed items saves 0.1-0.2 s at 100,000 records over re-checking every item.)"""
    parts = {key: list(getattr(dataset, key)) for key in _ADAPTERS}
    adapters = ADAPTERS[dataset.schema_version]
    new = [("recommendations", index, value) for index, value in changed.pop("edited").items()]
    new += [("reports", index, value) for index, value in changed.pop("reports_edited", {}).items()]
    for key, values in changed.items():
        new += [(key, len(parts[key]) + n, value) for n, value in enumerate(values)]
    problems, items = [], []
    for key, index, value in new:
        try:
            entry = adapters[key].validate_json(json.dumps(value))
        except ValidationError as exc:
            problems += [Problem(f"the change would make the file invalid: {err['msg']}",
                                 dotted((key, index, *err["loc"]))) for err in exc.errors(include_url=False)]
            continue
        if index < len(parts[key]):
            parts[key][index] = entry
        else:
            parts[key].append(entry)
        if key == "recommendations":
            items.append(index)
    if not problems:
        errors = cross_errors(parts["reports"], parts["themes"], parts["recommendations"], sorted(items))
        if errors:
            found = ValidationError.from_exception_data("Dataset", errors).errors()
            if all(err["type"] in REFUSED_LINKS for err in found):  # a link the change itself breaks: exit 2
                raise RefusedChange(str(path), [Problem(f"the change is refused: {err['msg']}", dotted(err["loc"]))
                                                for err in found], "nothing was written")
            problems = [Problem(f"the change would make the file invalid: {err['msg']}", dotted(err["loc"]))
                        for err in found]
    if problems:
        raise DataError(str(path), problems, "nothing was written")
