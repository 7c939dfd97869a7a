"""The commands between meetings, each as one function the CLI calls with a plain request: `diff`,
`merge` and `remind`. The work is in `comparing`, `merging` and `reminders`; this module loads, wires
the project file's settings in and emits. (What `check --against` and `report --since-ref` compare
with the tracker at a revision is in `revisions`, a library module: no command module imports another.)"""

from __future__ import annotations

import os
from pathlib import Path

from hmic_cli import comparing, gitrev, project, reminders
from hmic_cli.command_requests import Diff, Remind
from hmic_cli.errors import EXIT_FAILED_CHECK, EXIT_OK, DataError, UsageError
from hmic_cli.messages import note
from hmic_cli.output import emit
from hmic_cli.render import digest
from hmic_cli.sanitize import one_line
from hmic_cli.store import loading


# --- diff ------------------------------------------------------------------------------------------------
def diff(request: Diff) -> int:
    old, new, since_ref, old_as_of = request.old, request.new, request.since_ref, request.old_as_of
    as_of, amber_days = request.view.as_of, request.view.amber_days
    if since_ref is not None:
        if old is not None and new is not None:
            raise UsageError("give either two files (OLD NEW) or --since-ref REV, not both")
        current = loading.load(new or old)
        at = gitrev.read(current.path, since_ref)
        before = gitrev.load(at)
        comparison = comparing.compare(before, current.dataset, old_as_of or at.committed, as_of, amber_days,
                                       at.label, str(current.path))
        comparison.old.revision, comparison.old.commit = since_ref, at.commit
    else:
        if old is None or new is None:
            raise UsageError("hmic diff needs two files (OLD NEW) or --since-ref REV",
                             "e.g. hmic diff last-month.json recommendations.json, or hmic diff --since-ref HEAD~1")
        first, second = loading.load(old), loading.load(new)
        comparison = comparing.compare(first.dataset, second.dataset, old_as_of or as_of, as_of, amber_days,
                                       str(first.path), str(second.path))
    emit("diff", request.view.format, comparison, request.view.output)
    if not comparison.changes:
        note(f"No changes from {comparison.old.source} to {comparison.new.source}.")
    return EXIT_OK


# --- merge -----------------------------------------------------------------------------------------------
def merge(base: Path, ours: Path, theirs: Path, tracker: str | None = None) -> int:
    """git's merge driver (`%O %A %B %P`): the merged tracker written into OURS; exit 1 on a conflict, and
    on a side that cannot be read faithfully (OURS left as it was). Messages name the tracker by `tracker`
    (git's %P, its path in the repository), not git's temporary files."""
    # lazy: hmic_cli.merging adds 3.4 ms to `hmic diff` start-up (python -X importtime)
    from hmic_cli import merging

    # lazy: hmic_cli.store.atomic adds 0.5 ms to `hmic diff` start-up (python -X importtime)
    from hmic_cli.store.atomic import atomic_write

    shown = tracker or str(ours)
    names = tuple(f"{tracker} ({side})" for side in ("BASE", "OURS", "THEIRS")) if tracker else \
        (str(base), str(ours), str(theirs))
    try:
        raws = [loading.read(p) for p in (base, ours, theirs)]
        outcome = merging.merge_bytes(*raws, names=names)
    except DataError as exc:
        for problem in exc.problems:
            place = f" at {problem.place()}" if problem.line else ""
            note(f"hmic merge: {one_line(exc.file)}{place}: {one_line(problem.message)}")
        note(f"hmic merge: nothing was merged; {shown} left as OURS has it: {one_line(exc.hint)}")
        return EXIT_FAILED_CHECK
    if outcome.data != raws[1]:
        atomic_write(ours, outcome.data)
    for conflict in outcome.conflicts:
        note(f"hmic merge: conflict: {one_line(conflict)}")
    if outcome.conflicts:
        n = len(outcome.conflicts)
        note(f"hmic merge: {n} conflict{'s' if n != 1 else ''} left as OURS has them in {shown}; "
             "resolve them (hmic edit/update), then git add the tracker")
        return EXIT_FAILED_CHECK
    note(f"hmic merge: merged {outcome.summary} into {shown}")
    return EXIT_OK


# --- remind ----------------------------------------------------------------------------------------------
def remind(request: Remind) -> int:
    if request.send and not request.smtp:
        raise UsageError("--send needs --smtp HOST:PORT", "e.g. --smtp smtp.example.org:587 --starttls")
    if request.smtp and not request.sender:
        raise UsageError("--smtp needs --from ADDRESS (the sender of the reminders)")
    found = project.settings()
    window = reminders.window(request.as_of, request.within, found.amber_days)
    dataset = loading.load(request.data).dataset
    digests = reminders.digests(dataset, request.as_of, window, found.owners, request.owners,
                                found.escalate_after, found.escalate_to, tuple(found.approvers or ()),
                                found.response_days)
    if not reminders.header_safe(request.sender):
        raise UsageError("--from holds a line break or control character", "give one e-mail address")
    digests.sender = request.sender
    for said in dict.fromkeys(reminders.checked(digests)):
        note(f"hmic remind: {said}")
    for name in digests.unaddressed:
        note(f"hmic remind: {one_line(name)} has no address in the project file's [owners]: skipped")
    if request.smtp:
        host, port = reminders.parse_server(request.smtp)
        messages = digest.messages(digests, request.sender)
        if not request.send:
            note(f"Dry run: {len(messages)} message{'s' if len(messages) != 1 else ''} would go through "
                 f"{host}:{port} to " + (", ".join(d.owner for d in digests.addressed) or "nobody")
                 + ". Add --send to send them.")
        else:
            user, password = os.environ.get("HMIC_SMTP_USER"), os.environ.get("HMIC_SMTP_PASSWORD")
            reached = reminders.send(messages, host, port, request.starttls, user, password)
            note(f"Sent {len(reached)} reminder{'s' if len(reached) != 1 else ''} through {host}:{port} to "
                 + ", ".join(reached))
            return EXIT_OK
    if request.output_dir is not None:
        written = reminders.write_eml(digests, request.sender, request.output_dir)
        note(f"Wrote {len(written)} message{'s' if len(written) != 1 else ''} to {request.output_dir}")
        return EXIT_OK
    emit("remind", request.format, digests, request.output)
    if not digests.digests:
        note("Nothing to remind anyone of" + (" (no owner matches --owner)" if request.owners else "") + ".")
    return EXIT_OK
