"""The commands that read a tracker: list, show, check, themes, summary, log, report (the board pack),
validate, schema and config. Each loads, computes (the work is in the library modules: query, checking,
overview, logbook, boardpack, ...) and emits. Nothing here imports the write path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hmic_cli import defaults, query
from hmic_cli.command_requests import BoardPack, Check, Config, View
from hmic_cli.errors import EXIT_DATA, EXIT_FAILED_CHECK, EXIT_OK, DataError, UsageError
from hmic_cli.messages import note
from hmic_cli.output import emit, write_text
from hmic_cli.store import loading


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


def check(request: Check) -> int:
    """The CI gate; with `against` (a git revision) also the record's guard (`revisions.guard_record`)."""
    from hmic_cli import checking

    view = request.view
    loaded = loading.load(view.data, check_keys=True)
    verdict = checking.check(loaded.dataset, view.filters, view.as_of, request.policy, request.warn_within)
    if request.against is not None:
        from hmic_cli.revisions import guard_record

        guard_record(verdict, loaded, request.against)
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


def report(request: BoardPack) -> int:
    """The board pack (`boardpack.build`) as one HTML or XLSX file; with `since_ref` (a git revision) its
    "since the last meeting" section holds `hmic diff --since-ref` (`revisions.since_meeting`)."""
    view, since, since_ref = request.view, request.since, request.since_ref
    if since and since > view.as_of:
        raise UsageError(f"--since {since.isoformat()} is after the as-of day {view.as_of.isoformat()}")
    from hmic_cli import boardpack

    marking = boardpack.check_marking(request.marking)
    loaded = loading.load(view.data)
    pack = boardpack.build(loaded.dataset, view.filters, view.as_of, since, view.amber_days, marking)
    if since_ref is not None:
        from hmic_cli.revisions import since_meeting

        pack.since_meeting = since_meeting(loaded, since_ref, view.as_of, view.amber_days)
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


@dataclass
class ConfigView:
    """`hmic config`: the project file used, and (key, value, origin) for every setting."""

    file: Path | None
    rows: list[tuple[str, object, str]]


def config(request: Config) -> int:
    """Each setting, its value and its origin: a flag (`--data`), an environment variable, the project
    file's path, or `default`. The tracker: --data > HMIC_DATA > the project file > the bundled sample."""
    from hmic_cli import project

    rules = project.settings()
    rows = []
    for key in project.KEYS:
        value, origin = getattr(rules, key), rules.origins.get(key, "default")
        if key == "data":
            from_env = os.environ.get(defaults.DATA_ENV) or None
            if request.data is not None:
                value, origin = request.data, request.data_origin or "--data"
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
    emit("config", request.format, ConfigView(rules.file, rows), request.output)
    return EXIT_OK
