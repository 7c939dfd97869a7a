"""What each command does, given a plain request object that the CLI filled in."""

from __future__ import annotations

import importlib
import io
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hmic_cli import loading, query
from hmic_cli.errors import EXIT_DATA, EXIT_FAILED_CHECK, EXIT_OK, DataError, UsageError
from hmic_cli.query import Filters
from hmic_cli.vocabulary import Policy

if TYPE_CHECKING:
    from hmic_cli.progress import Change

FORMAT_MODULES = {
    "table": "hmic_cli.render.table",
    "text": "hmic_cli.render.text",
    "json": "hmic_cli.render.json_format",
    "csv": "hmic_cli.render.csv_format",
    "markdown": "hmic_cli.render.markdown",
    "junit": "hmic_cli.render.junit",
    "github": "hmic_cli.render.github",
}


def renderer(fmt: str):
    """The module of an output format, imported only when used (Rich costs start-up time)."""
    return importlib.import_module(FORMAT_MODULES[fmt])


def emit(write, output: Path | None) -> None:
    """Send a rendering to stdout, or to `output` written atomically."""
    if output is None:
        write(sys.stdout)
        return
    from hmic_cli.saving import atomic_write

    buffer = io.StringIO()
    write(buffer)
    atomic_write(output, buffer.getvalue().encode("utf-8"))


def note(message: str) -> None:
    """A message for the user, on stderr."""
    sys.stderr.write(message + "\n")


@dataclass
class ListRequest:
    data: Path | None
    filters: Filters = field(default_factory=Filters)
    as_of: date = field(default_factory=date.today)
    sort: str = "due"
    format: str = "table"
    output: Path | None = None


def list_items(req: ListRequest) -> int:
    loaded = loading.load(req.data)
    selection = query.run(loaded.dataset, req.filters, req.as_of, req.sort)
    module = renderer(req.format)
    emit(lambda out: module.list_items(selection, out), req.output)
    if not selection.items:
        note(f"No recommendations match these filters as of {req.as_of.isoformat()}.")
    return EXIT_OK


@dataclass
class CheckRequest:
    data: Path | None
    filters: Filters = field(default_factory=Filters)
    as_of: date = field(default_factory=date.today)
    policy: Policy = Policy.overdue
    format: str = "text"
    output: Path | None = None


def check(req: CheckRequest) -> int:
    from hmic_cli import gate

    loaded = loading.load(req.data, check_keys=True)
    verdict = gate.check(loaded.dataset, req.filters, req.as_of, req.policy)
    fmt = req.format
    if fmt == "text" and req.output is None and sys.stdout.isatty():
        fmt = "table"
    module = renderer(fmt)
    if fmt == "github":
        lines = item_lines(loaded)
        emit(lambda out: module.check(verdict, out, annotation_path(loaded.path), lines), req.output)
        append_step_summary(verdict)
    else:
        emit(lambda out: module.check(verdict, out), req.output)
    if fmt not in ("text", "table"):
        note(verdict.describe())
    return EXIT_FAILED_CHECK if verdict.failing else EXIT_OK


def item_lines(loaded: loading.Loaded) -> dict[str, int]:
    """The line of each recommendation's `id` in the data file, for annotations."""
    from hmic_cli.locate import id_lines

    return id_lines(loading.without_bom(loaded.raw).decode("utf-8"))


def annotation_path(path: Path) -> str:
    """The data file's path as GitHub wants it: relative to the workspace (or folder) when inside it."""
    import os

    base = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd()).resolve()
    full = path.resolve()
    return full.relative_to(base).as_posix() if full.is_relative_to(base) else path.as_posix()


def append_step_summary(verdict) -> None:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY when GitHub Actions sets it."""
    import os

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    buffer = io.StringIO()
    renderer("markdown").check(verdict, buffer)
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(buffer.getvalue() + "\n")
    except OSError as exc:
        note(f"hmic: warning: could not append the job summary to {target}: {exc.strerror or exc}")


@dataclass
class OverviewRequest:
    data: Path | None
    filters: Filters = field(default_factory=Filters)
    as_of: date = field(default_factory=date.today)
    format: str = "table"
    output: Path | None = None


def themes(req: OverviewRequest) -> int:
    from hmic_cli import overview

    dataset = loading.load(req.data).dataset
    rows = overview.themes(dataset, req.as_of, req.filters)
    module = renderer(req.format)
    emit(lambda out: module.themes(rows, req.as_of, out), req.output)
    return EXIT_OK


def summary(req: OverviewRequest) -> int:
    from hmic_cli import overview

    dataset = loading.load(req.data).dataset
    result = overview.summarise(dataset, req.as_of, req.filters)
    module = renderer(req.format)
    emit(lambda out: module.summary(result, out), req.output)
    return EXIT_OK


@dataclass
class LogRequest:
    data: Path | None
    filters: Filters = field(default_factory=Filters)
    since: date | None = None
    until: date | None = None
    as_of: date = field(default_factory=date.today)
    format: str = "table"
    output: Path | None = None


def log(req: LogRequest) -> int:
    if req.since and req.until and req.since > req.until:
        raise UsageError(f"--since {req.since.isoformat()} is after --until {req.until.isoformat()}")
    from hmic_cli import changes

    dataset = loading.load(req.data).dataset
    result = changes.log(dataset, req.filters, req.since, req.until, req.as_of)
    module = renderer(req.format)
    emit(lambda out: module.log(result, out), req.output)
    if not result.changes:
        note("No history entries in that period match these filters.")
    return EXIT_OK


@dataclass
class ShowRequest:
    data: Path | None
    id: str
    as_of: date = field(default_factory=date.today)
    format: str = "table"


def show(req: ShowRequest) -> int:
    dataset = loading.load(req.data).dataset
    by_id = {rec.id: rec for rec in dataset.recommendations}
    rec = by_id.get(req.id) or query.find_id(by_id, req.id)
    item = query.item(rec, next(r for r in dataset.reports if r.id == rec.report), req.as_of)
    labels = {t.id: t.label for t in dataset.themes}
    renderer(req.format).show_item(item, labels, sys.stdout)
    return EXIT_OK


@dataclass
class UpdateRequest:
    data: Path | None
    change: Change


def update(req: UpdateRequest) -> int:
    path, bundled = loading.resolve(req.data)
    if bundled:
        raise UsageError("hmic update needs a data file of your own; the bundled copy is read-only",
                         "run 'hmic init tracker.json', then 'hmic --data tracker.json update ...'")
    from hmic_cli import progress

    entry = progress.record(path, req.change, date.today())
    note(f"Recorded {req.change.id}: {entry['status']} on {entry['on']} in {path}")
    return EXIT_OK


@dataclass
class ValidateRequest:
    paths: list[Path | None]
    format: str = "text"


def validate(req: ValidateRequest) -> int:
    """Every problem of every file; exit 3 when any file has one."""
    results = []
    for path in req.paths:
        where, _ = loading.resolve(path)
        try:
            found = loading.problems(loading.read(where))
        except DataError as exc:
            found = exc.problems
        results.append((str(where), found))
    renderer(req.format).problems(results, sys.stdout)
    return EXIT_DATA if any(found for _, found in results) else EXIT_OK


def schema() -> int:
    import json

    from hmic_cli.models import DATASET

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **DATASET.json_schema(by_alias=True),
    }
    sys.stdout.write(json.dumps(document, indent=2) + "\n")
    return EXIT_OK


@dataclass
class InitRequest:
    path: Path
    force: bool = False


def init(req: InitRequest) -> int:
    from hmic_cli.saving import atomic_write

    if req.path.is_dir():
        raise UsageError(f"{req.path} is a folder", "give the path of the file to create")
    if req.path.exists() and not req.force:
        raise UsageError(f"{req.path} already exists", "use --force to overwrite it with the bundled dataset")
    atomic_write(req.path, loading.read(loading.bundled_path()))
    note(f"Created {req.path} from the bundled dataset. Use it with: hmic --data {req.path} list")
    return EXIT_OK
