"""An import into a report the tracker already holds keeps that report's issuer.

`--issuer` given and different from the report's: exit 2, naming both and how to change the report's issuer
(`hmic report edit REPORT --issuer NAME`). An issuer only read from the text and different: a warning on
stderr, and the report keeps its own (the text may name another body in its letterhead or opening lines).
"""

from __future__ import annotations

from hmic_cli.errors import UsageError
from hmic_cli.issuer_registry import of_name
from hmic_cli.messages import note

DEFAULT = "hmicfrs"


def _named(slug: str) -> str:
    """'Coroner (coroner)': the issuer as people name it, and the name `--issuer` takes."""
    label = of_name(slug).label
    return slug if label == slug else f"{label} ({slug})"


def check(report: dict, given: str | None, detected: str | None) -> None:
    """Refuse (exit 2) a given issuer that differs from the held `report`'s; warn of a detected one that does."""
    held = report.get("issuer") or DEFAULT
    if given and given != held:
        raise UsageError(f"--issuer {given} differs from report {report['id']}'s issuer: the report is "
                         f"{_named(held)}'s, --issuer says {_named(given)}",
                         f"to import into it as it is, leave out --issuer; if the report is {_named(given)}'s, "
                         f"first: hmic report edit {report['id']} --issuer {given}")
    if not given and detected and detected != held:
        note(f"warning: the text reads as {_named(detected)}'s, but report {report['id']} is {_named(held)}'s: "
             f"kept as {_named(held)} (hmic report edit {report['id']} --issuer {detected} changes it)")
