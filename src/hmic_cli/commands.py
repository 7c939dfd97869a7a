"""What each command does, given a plain request the CLI filled in: load, compute, emit. Thin by design:
the work is in the library modules (query, checking, overview, logbook, plans, store, ...)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hmic_cli import defaults, query
from hmic_cli.errors import EXIT_DATA, EXIT_FAILED_CHECK, EXIT_OK, DataError, UsageError
from hmic_cli.output import emit, note, write_text
from hmic_cli.requests import Import, View
from hmic_cli.store import loading
from hmic_cli.vocabulary import Policy


def list_items(view: View, sort: str = "due", tree: bool = False) -> int:
    loaded = loading.load(view.data)
    selection = query.run(loaded.dataset, view.filters, view.as_of, sort, view.amber_days)
    if tree:
        from hmic_cli.structure import tree_order

        ordered = tree_order(selection.items)
        selection.items = [i for i, _ in ordered]
        selection.depths = {i.rec.id: depth for i, depth in ordered if depth}
    emit("list", view.format, selection, view.output)
    if not selection.items:
        note(f"No recommendations match these filters as of {view.as_of.isoformat()}.")
    return EXIT_OK


def check(view: View, policy: Policy = Policy.overdue, warn_within: int | None = None,
          against: str | None = None) -> int:
    """The CI gate; with `against` (a git revision) also the record's guard (`between.guard_record`)."""
    from hmic_cli import checking

    loaded = loading.load(view.data, check_keys=True)
    verdict = checking.check(loaded.dataset, view.filters, view.as_of, policy, warn_within)
    if against is not None:
        from hmic_cli import between

        between.guard_record(verdict, loaded, against)
    emit("check", view.format, verdict, view.output, source=loaded)
    if view.format != "text":
        note(verdict.describe())
    return EXIT_OK if verdict.passed else EXIT_FAILED_CHECK


def themes(view: View) -> int:
    from hmic_cli import overview

    result = overview.themes(loading.load(view.data).dataset, view.as_of, view.filters)
    emit("themes", view.format, result, view.output)
    return EXIT_OK


def summary(view: View) -> int:
    from hmic_cli import overview

    result = overview.summarise(loading.load(view.data).dataset, view.as_of, view.filters, view.amber_days)
    emit("summary", view.format, result, view.output)
    return EXIT_OK


def log(view: View, since: date | None = None, until: date | None = None) -> int:
    if since and until and since > until:
        raise UsageError(f"--since {since.isoformat()} is after --until {until.isoformat()}")
    from hmic_cli import logbook

    result = logbook.log(loading.load(view.data).dataset, view.filters, since, until, view.as_of)
    emit("log", view.format, result, view.output)
    if not result.movements:
        note("No history entries in that period match these filters.")
    return EXIT_OK


def report(view: View, since: date | None = None, since_ref: str | None = None, marking: str | None = None) -> int:
    """The board pack (`boardpack.build`) as one HTML or XLSX file; with `since_ref` (a git revision) its
    "since the last meeting" section holds `hmic diff --since-ref` (`between.since_meeting`)."""
    if since and since > view.as_of:
        raise UsageError(f"--since {since.isoformat()} is after the as-of day {view.as_of.isoformat()}")
    from hmic_cli import boardpack

    marking = boardpack.check_marking(marking)
    loaded = loading.load(view.data)
    pack = boardpack.build(loaded.dataset, view.filters, view.as_of, since, view.amber_days, marking)
    if since_ref is not None:
        from hmic_cli import between

        pack.since_meeting = between.since_meeting(loaded, since_ref, view.as_of, view.amber_days)
    emit("report", view.format, pack, view.output)
    if view.output is not None:
        note(f"Wrote the board pack as of {view.as_of.isoformat()} ({len(pack.items)} items) to {view.output}")
    return EXIT_OK


def show(view: View, wanted: str) -> int:
    dataset = loading.load(view.data).dataset
    _, rec = query.find_item(dataset, wanted)
    reports = {r.id: r for r in dataset.reports}
    item = query.item(rec, reports[rec.report], view.as_of, view.amber_days)
    kids = [query.item(c, reports[c.report], view.as_of, view.amber_days)
            for c in dataset.recommendations if c.parent == rec.id] if dataset.schema_version > 1 else []
    item, *kids = query.rolled(dataset, [item, *kids], view.as_of, view.amber_days)
    emit("show", view.format, query.Detail(item, {t.id: t.label for t in dataset.themes}, kids), view.output)
    return EXIT_OK


def validate(paths: list[Path | None], fmt: str = "text") -> int:
    """Every problem of every file; exit 3 when any file has one."""
    results = []
    for path in paths:
        where, _ = loading.resolve(path)
        try:
            found = loading.problems(loading.read(where))
        except DataError as exc:
            found = exc.problems
        results.append((str(where), found))
    emit("validate", fmt, results)
    return EXIT_DATA if any(found for _, found in results) else EXIT_OK


def schema(version: int = 2) -> int:
    """The JSON Schema of one schema_version of the data file (default the latest)."""
    import json

    from hmic_cli.models import DATASETS

    if version not in DATASETS:
        raise UsageError(f"--version {version} is not a schema version hmic knows", "use 1 or 2")
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **DATASETS[version].json_schema(by_alias=True),
    }
    if version == 1:  # version 1 shares the vocabularies, less the type `action`
        kinds = document["$defs"]["RecType"]["enum"]
        kinds.remove("action")
    write_text(json.dumps(document, indent=2) + "\n")
    return EXIT_OK


def init(path: Path, force: bool = False, empty: bool = False, themes: str = "bundled", config: bool = True,
         sign_off: bool = False) -> int:
    """A new tracker (schema_version 2) at `path`, and with `config` a project file beside it naming it."""
    from hmic_cli import project
    from hmic_cli.store.atomic import write_output

    if path.is_dir():
        raise UsageError(f"{path} is a folder", "give the path of the file to create")
    if path.exists() and not force:
        raise UsageError(f"{path} already exists", "use --force to overwrite it")
    if themes != "bundled" and not empty:
        raise UsageError("--themes is for an empty tracker", f"use 'hmic init --empty --themes {themes} {path}'")
    if sign_off and not config:
        raise UsageError("--sign-off sets sign_off = true in the hmic.toml init writes; --no-config writes none",
                         "leave out one of them")
    toml = path.absolute().parent / project.FILE_NAME
    existing = project.read(toml) if config and toml.exists() else None  # a broken one stops init before it writes
    bundled = loading.read(loading.bundled_path())
    write_output(path, empty_tracker(bundled, themes) if empty else bundled)
    what = f"an empty tracker (the {themes} themes, no reports or items)" if empty else "the bundled dataset"
    if not config:
        hint = f"hmic --data {path} import REPORT.pdf --into {path}" if empty else f"hmic --data {path} list"
    else:
        hint = f"hmic import REPORT.pdf --into {path}" if empty else "hmic list"
        if existing is not None:
            named = existing.get("data")
            hint += (f" ({toml} already exists and was left as it is" +
                     ("" if named == path.name else f"; it names data = {named!r}, not {path.name!r}") + ")")
        else:
            try:
                text = project.toml_text(path.name, sign_off)
            except ValueError as exc:
                text = None
                hint = f"hmic --data {path} list ({project.FILE_NAME} not written: {exc})"
            if text is not None:
                write_output(toml, text.encode("utf-8"))
                what += f", and {toml} naming it" + (" (sign-off on)" if sign_off else "")
    note(f"Created {path} from {what}. Next: {hint}")
    return EXIT_OK


def empty_tracker(bundled: bytes, themes: str = "bundled") -> bytes:
    """A tracker with no reports and no recommendations, with the bundled theme vocabulary or another
    (`theme_sets`: `peel`)."""
    import json

    from hmic_cli import theme_sets

    document = json.loads(bundled)
    document["reports"] = []
    document["recommendations"] = []
    document["themes"] = theme_sets.themes(themes) or document["themes"]
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass
class ConfigView:
    """`hmic config`: the project file used, and (key, value, origin) for every setting."""

    file: Path | None
    rows: list[tuple[str, object, str]]


def config(data: Path | None, data_origin: str | None, fmt: str = "table", output: Path | None = None) -> int:
    """Each setting, its value and its origin: a flag (`--data`), an environment variable, the project
    file's path, or `default`. The tracker: --data > HMIC_DATA > the project file > the bundled sample."""
    from hmic_cli import project

    rules = project.settings()
    rows = []
    for key in project.KEYS:
        value, origin = getattr(rules, key), rules.origins.get(key, "default")
        if key == "data":
            from_env = os.environ.get(defaults.DATA_ENV) or None
            if data is not None:
                value, origin = data, data_origin or "--data"
            elif from_env:
                value, origin = from_env, defaults.DATA_ENV
            elif value is None:
                value, origin = loading.bundled_path(), "default (the bundled sample)"
            value = str(value)
        elif key == "owners":
            value = dict(value)
        elif key == "approvers":
            value = list(value)
        rows.append((key, value, origin))
    emit("config", fmt, ConfigView(rules.file, rows), output)
    return EXIT_OK


def write(data: Path | None, command: str, make_plan) -> int:
    """Run a write command's plan through the one write path and say what was done."""
    from hmic_cli.store import transaction

    plan = transaction.apply(data, command, make_plan)
    note(_done(plan))
    return EXIT_OK


def import_(request: Import) -> int:
    """`import`: the job for what SOURCE is (`importing.jobs`), previewed against the tracker in use or
    added to `--into` through the one write path; then its result in the chosen format and its notes."""
    from hmic_cli.importing.jobs import job_for
    from hmic_cli.store import transaction

    job = job_for(request, date.today())
    if request.into is None and job.needs_into:
        raise UsageError(job.needs_into)
    try:
        if request.into is None:
            loaded = loading.load(request.data)
            plan = job.make(loaded)
            transaction.check_plan(loaded, plan)  # a preview never shows what could not be saved
        else:
            plan = transaction.apply(request.into, "import", job.make)
    except (DataError, UsageError) as exc:
        shown = job.refused(exc) if job.refused else None
        if shown is not None:
            emit("import", request.format, shown)
        raise
    shown = job.result(plan) if job.result else None
    if shown is not None:
        emit("import", request.format, shown)
    job.after(plan, shown)
    note(job.preview_note if request.into is None else _done(plan))
    return EXIT_OK


def _done(plan) -> str:
    """What a write did, for stderr."""
    if plan.empty:
        return plan.message or f"Nothing to change in {plan.path}."
    return f"{plan.message} in {plan.path}"
