"""The commands that change or create a tracker: `init`, the one `write` every plan-based write command
(update, add, edit, waive, sign-off, migrate, report add, theme add) goes through, and `import_`. The
write path itself (`plans`, `store.transaction`, `store.atomic`) is imported when a command runs, never
at import: `cli/write.py` imports this module on every `hmic` start-up, read commands included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hmic_cli.command_requests import Import, Init
from hmic_cli.errors import EXIT_OK, DataError, UsageError
from hmic_cli.messages import note
from hmic_cli.output import emit
from hmic_cli.store import loading


def init(request: Init) -> int:
    """A new tracker (schema_version 2) at `path`, and with `config` a project file beside it naming it."""
    # lazy: hmic_cli.project adds 8.1 ms to `hmic --help` start-up (python -X importtime)
    from hmic_cli import project

    # lazy: hmic_cli.store.atomic adds 0.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.store.atomic import write_output

    path, empty, themes = request.path, request.empty, request.themes
    config, sign_off = request.config, request.sign_off
    if path.is_dir():
        raise UsageError(f"{path} is a folder", "give the path of the file to create")
    if path.exists() and not request.force:
        raise UsageError(f"{path} already exists", "use --force to overwrite it")
    if themes != "bundled" and not empty:
        raise UsageError("--themes is for an empty tracker", f"use 'hmic init --empty --themes {themes} {path}'")
    if sign_off and not config:
        raise UsageError("--sign-off sets sign_off = true in the hmic.toml init writes; --no-config writes none",
                         "leave out one of them")
    toml = path.absolute().parent / project.FILE_NAME
    existing = project.read(toml) if config and toml.exists() else None  # a broken one stops init before it writes
    if config and existing is None and not request.nested:
        outer = project.find(toml.parent)
        if outer is not None:
            raise UsageError(f"{toml.parent} is inside the project of {outer}: a new {project.FILE_NAME} here would "
                             "shadow it for this folder and every folder below",
                             f"use that project's tracker ({project.settings(toml.parent).data}), or give --nested to "
                             "make a project of its own here (--no-config writes no project file)")
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

    # lazy: hmic_cli.theme_sets adds 0.2 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import theme_sets

    document = json.loads(bundled)
    document["reports"] = []
    document["recommendations"] = []
    document["themes"] = theme_sets.themes(themes) or document["themes"]
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write(data: Path | None, command: str, make_plan) -> int:
    """Run a write command's plan through the one write path and say what was done."""
    # lazy: hmic_cli.store.transaction adds 4.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.store import transaction

    plan = transaction.apply(data, command, make_plan)
    note(_done(plan))
    for warning in plan.warnings:
        note(f"hmic: warning: {warning}")
    return EXIT_OK


def import_(request: Import) -> int:
    """`import`: the job for what SOURCE is (`importing.jobs`), previewed against the tracker in use or
    added to `--into` through the one write path; then its result in the chosen format and its notes."""
    # lazy: hmic_cli.importing.jobs adds 85.5 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.importing.jobs import job_for

    # lazy: hmic_cli.store.transaction adds 4.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.store import transaction

    if request.explain or request.review_file:
        # lazy: hmic_cli.importing.review_file adds 112.7 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.importing.review_file import explain_or_write

        return explain_or_write(request)
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
