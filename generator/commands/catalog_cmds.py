"""``portfolio list`` and ``portfolio show``: browse the catalog."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from generator.app import app, global_options
from generator.catalog import Catalog, load_catalog
from generator.console import note, out


def catalog_for(ctx: typer.Context) -> Catalog:
    """Load the catalog this invocation asked for (built-in, extended or replaced)."""
    options = global_options(ctx)
    custom = None
    if options.catalog:
        from generator.catalog_source import resolve_catalog_root

        custom = resolve_catalog_root(options.catalog)
    catalog = load_catalog(custom, options.catalog_mode)
    for notice in catalog.notices:
        note(notice)
    return catalog


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


@app.command("show")
def show_type(
    ctx: typer.Context,
    type_id: Annotated[str, typer.Argument(metavar="TYPE", help="A project type id from `portfolio list`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the entry as JSON.")] = False,
) -> None:
    """Show one project type in full: dataset, metrics, sections and the files it generates."""
    from generator.render import preview_files

    entry = catalog_for(ctx).get(type_id)
    files = preview_files(entry)
    if as_json:
        typer.echo(json.dumps({**entry.as_dict(), "files": files}, indent=2, ensure_ascii=False))
        return
    console = out()
    console.print(f"[bold]{entry.title}[/] ({entry.id}, {entry.level})")
    console.print(entry.summary)
    console.print(
        f"\n[bold]Dataset:[/] {entry.dataset.name}; source: {entry.dataset.source}; "
        f"licence: {entry.dataset.licence}"
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
