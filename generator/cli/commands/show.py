"""``portfolio show``: one catalog entry in full, with the files a project of that type gets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import catalog_for, command_app
from generator.cli.console import out

app = command_app()


@app.command("show")
def show_type(
    ctx: typer.Context,
    type_id: Annotated[str, typer.Argument(metavar="TYPE", help="A project type id from `portfolio list`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the entry as JSON.")] = False,
) -> None:
    """Show one project type in full, with the files it generates.

    Dataset (source, licence), skills, metrics, README sections, topics and template.
    """
    from generator.catalog.source import is_trusted_catalog
    from generator.cli.app import global_options
    from generator.scaffold.render import preview_files

    entry = catalog_for(ctx).get(type_id)
    files = preview_files(entry, trusted=is_trusted_catalog(global_options(ctx).catalog))
    if as_json:
        typer.echo(json.dumps({**entry.as_dict(), "files": files}, indent=2, ensure_ascii=False))
        return
    console = out()
    console.print(f"[bold]{entry.title}[/] ({entry.id}, {entry.level})")
    console.print(entry.summary)
    console.print(
        f"\n[bold]Dataset:[/] {entry.dataset.name}; source: {entry.dataset.source}; licence: {entry.dataset.licence}"
    )
    console.print(f"[bold]Skills shown:[/] {', '.join(entry.skills)}")
    console.print(f"[bold]Metrics:[/] {', '.join(entry.metrics)}")
    console.print(f"[bold]README sections:[/] {', '.join(entry.sections)}")
    console.print(f"[bold]Topics:[/] {', '.join(entry.topics)}")
    console.print(f"[bold]Template:[/] {entry.template.engine} ({_short(entry.template.location)})")
    console.print("\n[bold]Files generated:[/]")
    for name in files:
        console.print(f"  {name}")


def _short(location: str) -> str:
    try:
        return str(Path(location).relative_to(Path.cwd()))
    except ValueError:
        return location
