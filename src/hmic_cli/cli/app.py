"""The Typer app, its root options (`--data`, `--version`) and the data file a command uses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hmic_cli import __version__, defaults

app = typer.Typer(
    name="hmic",
    help="Track what is outstanding of HM Inspectorate of Constabulary recommendations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"hmic {__version__}")
        raise typer.Exit()


def data_of(ctx: typer.Context, data: Path | None = None) -> Path | None:
    """The command's own --data, else the global one (which also reads HMIC_DATA)."""
    if data is not None:
        return data
    root = ctx.find_root()
    return root.obj.get("data") if root.obj else None


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[Path | None, typer.Option(
        "--data", "-d", show_default=False, readable=False,
        help=f"Data file to use (default: ${defaults.DATA_ENV}, else the project file's, else the bundled dataset).")]
    = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """hmic: what is outstanding of HMIC recommendations, for people, boards and CI."""
    ctx.obj = {"data": data}
