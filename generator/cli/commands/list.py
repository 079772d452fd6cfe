"""``portfolio list``: the catalog as a table (or JSON)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from generator.cli.app import catalog_for, command_app
from generator.cli.console import out

app = command_app()


@app.command("list")
def list_types(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the catalog as JSON.")] = False,
) -> None:
    """List the project types in the catalog."""
    catalog = catalog_for(ctx)
    if as_json:
        typer.echo(json.dumps([entry.as_dict() for entry in catalog], indent=2, ensure_ascii=False))
        return
    from rich.table import Table
    from rich.text import Text

    # Two columns, not five: at 80 columns five narrow ones cut words ("classificatio|n"); here
    # the id never wraps and the rest wraps at spaces in what is left of the line.
    table = Table(
        title="Portfolio project types",
        title_justify="left",
        box=None,
        show_header=False,
        padding=(0, 2, 1, 0),
        pad_edge=False,
    )
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("about")
    for entry in catalog:
        about = "\n".join(
            (
                f"{entry.title} ({entry.level})",
                f"Skills: {', '.join(entry.skills)}",
                f"Data: {entry.dataset.name}",
            )
        )
        table.add_row(Text(entry.id), Text(about))
    out().print(table)
