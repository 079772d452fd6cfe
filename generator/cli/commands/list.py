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

    table = Table(title="Portfolio project types", title_justify="left")
    for column in ("id", "title", "level", "skills", "dataset"):
        table.add_column(column, overflow="fold", no_wrap=column == "id")
    for entry in catalog:
        table.add_row(entry.id, entry.title, entry.level, ", ".join(entry.skills), entry.dataset.name)
    out().print(table)
