"""The issuers in force where a command runs: the bundled ones (`issuers.py`) with the project file's
`[issuers.NAME]` tables laid over them, read once per folder and project-file version; and the look-ups made
with them (a report's issuer, a priority's due date)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date

from hmic_cli import project
from hmic_cli.errors import UsageError
from hmic_cli.issuers import DEFAULT, Issuer, merged


def of(report, registry: Mapping[str, Issuer] | None = None) -> Issuer:
    """The issuer of `report` (hmicfrs when it names none; a name the registry does not hold: plain words)."""
    name = getattr(report, "issuer", None) or DEFAULT
    found = (registry if registry is not None else active()).get(name)
    return found if found is not None else Issuer(name, name)


def of_name(name: str, registry: Mapping[str, Issuer] | None = None) -> Issuer:
    found = (registry if registry is not None else active()).get(name)
    return found if found is not None else Issuer(name, name)


def label_of(report, registry: Mapping[str, Issuer] | None = None) -> str:
    return of(report, registry).label


def known(name: str, registry: Mapping[str, Issuer] | None = None) -> str:
    """`name` when it is an issuer of the registry, else a usage error (exit 2) listing them."""
    registry = registry if registry is not None else active()
    if name not in registry:
        raise UsageError(f"unknown issuer '{name}'", f"issuers: {', '.join(registry)}; or define one under "
                         f"[issuers.{name}] in the project file")
    return name


def priority_due(report, priority: str | None) -> date | None:
    """The due date `priority` implies for an item of `report` (None without a rule)."""
    if priority is None:
        return None
    span = of(report).priorities.get(priority)
    return None if span is None else span.after(report.published)


_ACTIVE: dict[tuple[str, int], dict[str, Issuer]] = {}  # (folder, project.GENERATION) -> its registry


def active() -> dict[str, Issuer]:
    """The issuers for the current folder's project file (made again when the file is read anew)."""
    try:
        here = os.getcwd()
    except OSError:
        here = ""
    found = _ACTIVE.get((here, project.GENERATION))
    if found is None:
        table = project.settings().issuers  # may read the file anew (GENERATION moves on)
        found = _ACTIVE[(here, project.GENERATION)] = merged(table)
    return found
