"""``portfolio sync``: put the numbers from reports/metrics.json into the README table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import command_app
from generator.cli.console import note
from generator.scaffold.sync import sync_metrics

app = command_app()


@app.command("sync")
def sync(
    path: Annotated[Path, typer.Argument(help="The project folder.")] = Path("."),
) -> None:
    """Write the README's metrics table from reports/metrics.json.

    Only the region between the metrics markers changes; running it twice changes nothing.
    """
    result = sync_metrics(path)
    if result.changed:
        note(f"updated the metrics table in {result.readme} ({len(result.metrics)} metrics)")
    else:
        note(f"{result.readme} is already up to date")
