"""The options a write names items' issuers and cycle with: `--priority`, `--answers`, `--issuer` (every
issuer) and `--response-days` (the inspectorate's cycle), declared once for `add`, `edit`, `import`,
`report add` and `report edit`, and their conversion while the arguments are parsed."""

from __future__ import annotations

from typing import Annotated

import typer

PriorityOpt = Annotated[str | None, typer.Option(
    "--priority", metavar="P", help="The issuer's priority (e.g. 1, high); with deadline none, the due date comes "
    "from the issuer's rule for it ('' clears it on edit).", show_default=False)]
AnswersOpt = Annotated[str | None, typer.Option(
    "--answers", metavar="ID,ID", help="An action: the items it answers, across reports and issuers ('' clears "
    "them on edit).", show_default=False)]
IssuerOpt = Annotated[str | None, typer.Option(
    "--issuer", metavar="NAME", help="Who issued the report: hmicfrs (default), hmics, hmi-prisons, hmi-probation, "
    "hmcpsi, iopc, coroner, internal-audit, other, or one the project file defines.", show_default=False)]

LinkCarriedOpt = Annotated[bool, typer.Option(
    "--link-carried", help="Report: each item found that re-issues an outstanding item of an earlier report "
    "(proposed in the preview as 'carried forward from') supersedes it, as hmic supersede does.")]


def _ids(text: str | None) -> list[str] | None:
    """`--answers A,B` as ids (None when not given; [] for '')."""
    return None if text is None else [part.strip() for part in text.split(",") if part.strip()]


ResponseDaysOpt = Annotated[int | None, typer.Option(
    "--response-days", metavar="N", min=1, max=3660, show_default=False,
    help="A published response is due N days after publication (56: the PCC's response to an HMICFRS report).")]


def _issuer(name: str | None) -> str | None:
    """--issuer NAME checked against the issuers (exit 2 for any other name)."""
    # lazy: hmic_cli.issuer_registry adds 3.9 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import issuer_registry

    return None if name is None else issuer_registry.known(name)


def _issuer_label(name: str) -> str:
    # lazy: hmic_cli.issuer_registry adds 3.9 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import issuer_registry

    return issuer_registry.of_name(name).label
