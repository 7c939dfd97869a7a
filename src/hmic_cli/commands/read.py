"""The commands that read a tracker: list, show, check, themes, summary, log, report (the board pack),
validate, schema and config. Each loads, computes (the work is in the library modules: query, checking,
overview, logbook, boardpack, ...) and emits. Nothing here imports the write path."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hmic_cli import defaults, formats, query
from hmic_cli.command_requests import BoardPack, Check, Config, View
from hmic_cli.errors import EXIT_DATA, EXIT_FAILED_CHECK, EXIT_OK, DataError, UsageError
from hmic_cli.messages import note
from hmic_cli.models import DATASETS
from hmic_cli.output import emit, write_text
from hmic_cli.store import loading


def list_items(view: View, sort: str = "due", tree: bool = False, stale: int | None = None) -> int:
    loaded = loading.load(view.data)
    selection = query.run(loaded.dataset, view.filters, view.as_of, sort, view.amber_days)
    if stale is not None:
        # lazy: hmic_cli.chains adds 0.3 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.chains import stale_only

        selection.items = stale_only(loaded.dataset, selection.items, view.as_of, stale)
    if tree:
        # lazy: hmic_cli.structure adds 2.0 ms to `hmic validate` start-up (python -X importtime)
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
    # lazy: hmic_cli.checking adds 12.5 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import checking

    view = request.view
    # lazy: hmic_cli.project adds 8.1 ms to `hmic --help` start-up (python -X importtime)
    from hmic_cli import project

    try:
        loaded = loading.load(view.data, check_keys=True)
        verdict = checking.check(loaded.dataset, view.filters, view.as_of, request.policy, request.warn_within,
                                 project.settings())
        if request.against is not None:
            # lazy: hmic_cli.revisions adds 13.8 ms to `hmic validate` start-up (python -X importtime)
            from hmic_cli.revisions import guard_record

            guard_record(verdict, loaded, request.against)
    except DataError as exc:
        _unreadable(view, exc)
        raise
    emit("check", view.format, verdict, view.output, source=loaded)
    if view.format != "text":
        note(verdict.describe())
    return EXIT_OK if verdict.passed else EXIT_FAILED_CHECK


def _unreadable(view: View, error: DataError) -> None:
    """A tracker that cannot be read, for CI: github, junit and sarif still write its one error, at its file
    and line, where they write their result (the message on stderr and exit 3 follow as usual)."""
    # lazy: hmic_cli.render.check_errors adds 1.7 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.render import check_errors

    if view.format not in check_errors.FORMATS:
        return
    text = check_errors.rendered(view.format, error)
    if view.output is not None:
        # lazy: hmic_cli.store.atomic adds 0.3 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.store.atomic import write_output

        write_output(view.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def themes(view: View, by_issuer: bool = False) -> int:
    if by_issuer:
        # lazy: hmic_cli.issuer_themes adds 7.9 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.issuer_themes import by_issuer as tally

        if view.format not in formats.names("themes-by-issuer"):
            raise UsageError(f"--by-issuer has no --format {view.format}",
                             f"use one of: {', '.join(formats.names('themes-by-issuer'))}")
        emit("themes-by-issuer", view.format, tally(loading.load(view.data).dataset, view.as_of), view.output)
        return EXIT_OK
    # lazy: hmic_cli.overview adds 5.5 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import overview

    result = overview.themes(loading.load(view.data).dataset, view.as_of, view.filters)
    emit("themes", view.format, result, view.output)
    return EXIT_OK


def summary(view: View) -> int:
    # lazy: hmic_cli.cycle adds 9.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import cycle, overview, project

    dataset = loading.load(view.data).dataset
    query.check_known(dataset, view.filters)
    items = query.select(dataset, view.filters, view.as_of, view.amber_days)
    result = overview.summary_of(dataset, items, view.as_of, view.filters)  # as `overview.summarise`
    result.cycle = cycle.figures(items, project.settings())  # issue 31
    emit("summary", view.format, result, view.output)
    return EXIT_OK


def log(view: View, since: date | None = None, until: date | None = None) -> int:
    if since and until and since > until:
        raise UsageError(f"--since {since.isoformat()} is after --until {until.isoformat()}")
    # lazy: hmic_cli.logbook adds 1.7 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import logbook

    result = logbook.log(loading.load(view.data).dataset, view.filters, since, until, view.as_of)
    emit("log", view.format, result, view.output)
    if not result.movements:
        note("No history entries in that period match these filters.")
    return EXIT_OK


def report(request: BoardPack) -> int:
    """The board paper (`boardpack.build`, `board_paper.build`) as one HTML, Word or Excel file; with `since_ref`
    (a git revision) its changes since the last meeting add `hmic diff --since-ref` (`revisions.since_meeting`)."""
    view, since, since_ref = request.view, request.since, request.since_ref
    if since and since > view.as_of:
        raise UsageError(f"--since {since.isoformat()} is after the as-of day {view.as_of.isoformat()}")
    # lazy: hmic_cli.board_paper adds 27.5 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import board_paper, boardpack

    marking = boardpack.check_marking(request.marking)
    purpose = board_paper.check_purpose(request.purpose)
    loaded = loading.load(view.data)
    meeting = None
    if since_ref is not None:
        # lazy: hmic_cli.revisions adds 13.8 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.revisions import since_meeting

        meeting = since_meeting(loaded, since_ref, view.as_of, view.amber_days)
        since = since or min(meeting.old.as_of, view.as_of)  # the last meeting: the day it was committed
    pack = boardpack.build(loaded.dataset, view.filters, view.as_of, since, view.amber_days, marking)
    pack.since_meeting = meeting
    paper = board_paper.build(pack, purpose)
    emit("report", view.format, paper, view.output)
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
    # lazy: hmic_cli.chains adds 0.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.chains import links_of

    detail = query.Detail(item, {t.id: t.label for t in dataset.themes}, kids, links_of(dataset, rec))
    emit("show", view.format, detail, view.output)
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

    if version not in DATASETS:
        raise UsageError(f"--version {version} is not a schema version hmic knows", "use 1 or 2")
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **DATASETS[version].json_schema(by_alias=True),
    }
    if version == 1:  # version 1 shares the vocabularies, less the type `action`
        kinds = document["$defs"]["RecType"]["enum"]
        kinds.remove("action")
        kinds.remove("accelerated-cause-of-concern")  # issue 31: a version 2 type
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
    # lazy: hmic_cli.project adds 8.1 ms to `hmic --help` start-up (python -X importtime)
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
        elif key == "issuers":
            value = {name: dict(table) for name, table in value.items()}
        rows.append((key, value, origin))
    emit("config", request.format, ConfigView(rules.file, rows), request.output)
    return EXIT_OK
