"""``portfolio catalog init`` and ``portfolio catalog validate``: for bootcamps writing their own catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import command_app
from generator.cli.console import note, out, warn

app = command_app(name="catalog", help="Write and check your own catalog of project types.", no_args_is_help=True)


@app.command("init")
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create (missing or empty).")],
    from_type: Annotated[
        str, typer.Option("--from", help="The built-in type the entry and its template are copied from.")
    ] = "classification",
    type_id: Annotated[str | None, typer.Option("--id", help="Id of the new entry (default: my-TYPE).")] = None,
) -> None:
    """Write a minimal working custom catalog: one entry and a copy of the template it needs."""
    from generator.catalog.authoring import init_catalog

    result = init_catalog(directory, from_type, type_id)
    out().print(f"[green]Created[/] catalog {result.root} ({result.files} files), entry {result.entry_file}")
    out().print(f"Try it: portfolio --catalog {result.root} new {result.type_id} --defaults")
    note("version it with git and tags (git tag v1) so `portfolio update` can bring projects to new releases")


@app.command("validate")
def validate(
    location: Annotated[str, typer.Argument(metavar="DIR", help="The catalog folder (or git URL[@REF]).")],
) -> None:
    """Report every problem of a catalog in one run, as `file: field: message` (exit 1 if any)."""
    from generator.catalog.authoring import validate_catalog
    from generator.catalog.source import is_trusted_catalog, resolve_catalog_root

    root = resolve_catalog_root(location)
    report = validate_catalog(root, trusted=is_trusted_catalog(location))
    prefix = f"{root}/"
    for line in report.notes:
        warn(line.replace(prefix, ""))
    for line in report.problems:
        out().print(line.replace(prefix, ""), markup=False)
    if report.problems:
        note(f"{len(report.problems)} problem(s) in {root}")
        raise typer.Exit(1)
    note(f"{root}: {report.entries} entries, no problems")
