"""``portfolio update``: pull template improvements into a generated project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import command_app, global_options
from generator.cli.console import note, out
from generator.errors import UpdateConflictError

app = command_app()


@app.command("update")
def update(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The project folder.")] = Path("."),
    check: Annotated[
        bool,
        typer.Option("--check", help="Only tell whether an update exists: exit 1 if so, 0 if up to date."),
    ] = False,
    to: Annotated[str | None, typer.Option("--to", help="Update to this template version (a tag).")] = None,
    trust: Annotated[
        bool, typer.Option("--trust", help="Allow the new template version's tasks/migrations to run.")
    ] = False,
    commit: Annotated[
        bool,
        typer.Option("--commit/--no-commit", help="Commit a clean update (default) or leave it to review."),
    ] = True,
) -> None:
    """Update a project to the newest version of its template.

    A 3-way merge that keeps your edits; conflicts are left marked for you to resolve.
    """
    from generator.scaffold.update import update_project, update_status

    catalog = global_options(ctx).catalog
    if catalog:  # rebuild the template stores of that catalog first (e.g. on a fresh machine)
        from generator.catalog.source import resolve_catalog_root
        from generator.scaffold.versions import pin_catalog

        pin_catalog(resolve_catalog_root(catalog))
    if check:
        status = update_status(path)
        if status.available:
            out().print(f"update available: {status.current} -> {status.latest}")
            raise typer.Exit(1)
        out().print(f"up to date: {status.current}")
        return
    from generator.vcs import resolve_author

    author = resolve_author() if commit else None
    from generator.catalog.source import is_trusted_catalog

    trusted = trust or is_trusted_catalog(catalog)
    result = update_project(path, to=to, trust=trusted, author=author, commit=commit)
    current = result.status.current
    for notice in result.notices:
        note(notice)
    if not result.changed:
        out().print(f"up to date: {current}")
        return
    if result.kept:
        conflicts = f"; conflicts in {', '.join(result.conflicts)}" if result.conflicts else ""
        raise UpdateConflictError(
            f"updated {current} -> {result.target}, not committed: kept {', '.join(result.kept)}, which you "
            f"edited and the new version deletes or renames{conflicts}: move your work where it belongs, "
            "delete what is left (git rm), then commit"
        )
    if result.conflicts:
        raise UpdateConflictError(
            f"updated {current} -> {result.target} with conflicts in {', '.join(result.conflicts)}: "
            "resolve the <<<<<<< / >>>>>>> markers, then commit"
        )
    done = f"committed {result.commit[:10]}" if result.commit else "not committed: review with `git diff`"
    out().print(f"[green]Updated[/] {result.status.project} {current} -> {result.target} ({done})")
    if result.commit is None and commit:
        note("the new template version changed nothing in this project")
