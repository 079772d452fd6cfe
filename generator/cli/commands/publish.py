"""``portfolio publish``: create the GitHub repository for a project and push it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import catalog_for, command_app, cwd, global_options
from generator.cli.options import ApiUrlOption, OrgOption, PrivateOption, TokenEnvOption, WritePauseOption
from generator.errors import NotPublishedError, PortfolioError
from generator.github.api import DEFAULT_WRITE_PAUSE
from generator.github.plan import PublishOptions, PublishResult

app = command_app()


def wire_output(ctx: typer.Context, options: PublishOptions, *, quiet: bool) -> PublishOptions:
    """Give ``options`` the invocation's catalog, and progress and warnings on stderr unless quiet."""
    from generator.cli.console import note, warn

    if global_options(ctx).catalog and options.catalog is None:
        options.catalog = catalog_for(ctx)
    if not quiet:
        options.progress = lambda message: note(f"• {message}")
        options.warn = warn
    return options


def publish_new_project(ctx: typer.Context, path: Path, options: PublishOptions) -> PublishResult:
    """Publish a project ``portfolio new`` just rendered and committed.

    A failure keeps the project (it is committed locally) and says how to finish the job.
    """
    from generator.github.publish import publish_project

    wire_output(ctx, options, quiet=False)
    try:
        return publish_project(path, options)
    except PortfolioError as error:
        raise NotPublishedError(
            f"{error} (the project is created and committed in {path}; publish it with: portfolio publish {path})",
            error.exit_code,
        ) from error


def print_result(result: PublishResult, *, as_json: bool) -> None:
    """The repository URL on stdout (or the JSON result)."""
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
    else:
        typer.echo(result.url)


@app.command("publish")
def publish(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            help="The project's git repository (default: the current folder).",
            show_default=False,
        ),
    ] = None,
    org: OrgOption = None,
    private: PrivateOption = False,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Repository name (default: a generated project's repo_name, else the folder)."),
    ] = None,
    homepage: Annotated[str | None, typer.Option("--homepage", help="Homepage URL shown on GitHub.")] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option("--topic", metavar="TOPIC", help="Extra topic (repeatable); added to the catalog's."),
    ] = None,
    token_env: TokenEnvOption = None,
    api_url: ApiUrlOption = None,
    write_pause: WritePauseOption = DEFAULT_WRITE_PAUSE,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be created and pushed; touch nothing.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"url", "created", "pushed_commit"} as JSON.')] = False,
) -> None:
    """Create a project's GitHub repository and push it.

    The repository belongs to you or to --org and gets the project's description and topics.
    Safe to re-run: an empty repository left by a failed run is reused; one with other history
    is untouched.
    """
    from generator.github.plan import plan_publish
    from generator.github.publish import publish_project

    options = PublishOptions(
        name=name,
        org=org,
        private=private,
        homepage=homepage,
        topics=tuple(topic or ()),
        token_env=token_env,
        api_url=api_url,
        write_pause=write_pause,
    )
    wire_output(ctx, options, quiet=quiet)
    target = path if path is not None else cwd()
    if dry_run:
        plan = plan_publish(target, options)
        if as_json:
            typer.echo(json.dumps(plan.to_dict()))
        else:
            for line in plan.describe():
                typer.echo(line)
        return
    result = publish_project(target, options)
    if not quiet and not as_json:
        from generator.cli.console import note

        note(f"{'Created and published' if result.created else 'Published'} {result.url}")
    print_result(result, as_json=as_json)
