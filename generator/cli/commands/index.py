"""``portfolio index``: the learner's whole portfolio on one page (README, HTML and JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import catalog_for, command_app
from generator.cli.options import ApiUrlOption, TokenEnvOption, WritePauseOption
from generator.github.api import DEFAULT_WRITE_PAUSE

app = command_app()


@app.command("index")
def index(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(metavar="[TARGET]...", help="Project folders, git URLs or GitHub owner/repo."),
    ] = None,
    github_user: Annotated[
        str | None,
        typer.Option("--github-user",
                     help="Also list this user's public repositories that look like ML projects."),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option("--include", help="Keep this repository (name or owner/name, wildcards ok) even if "
                     "it does not look like an ML project, or is a fork (repeatable)."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Leave this repository or target out (repeatable)."),
    ] = None,
    min_score: Annotated[
        int | None,
        typer.Option("--min-score", min=0, max=100,
                     help="With --github-user: the check score that makes a repository not generated "
                     "by portfolio count as an ML project (default 50)."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for README.md, index.html and portfolio.json.")
    ] = Path("portfolio-site"),
    owner: Annotated[
        str | None, typer.Option("--owner", help="Name in the page heading (default: --github-user).")
    ] = None,
    publish: Annotated[
        bool, typer.Option("--publish", help="Push the three files to your profile repository USER/USER.")
    ] = False,
    token_env: TokenEnvOption = None,
    write_pause: WritePauseOption = DEFAULT_WRITE_PAUSE,
    api_url: ApiUrlOption = None,
) -> None:
    """Index all your projects on one portfolio page.

    Grouped by level, with each project's problem, headline metric, skills and check score.
    """
    from generator.cli.console import note, warn
    from generator.index import CollectOptions, IndexRequest, build_portfolio, write_site
    from generator.index.discover import DEFAULT_MIN_SCORE

    token = None
    if publish:  # fail before the slow part when publishing cannot work
        from generator.github.api import resolve_token

        token = resolve_token(token_env)
    request = IndexRequest(
        targets=targets or [],
        github_user=github_user,
        include=include or [],
        exclude=exclude or [],
        min_score=DEFAULT_MIN_SCORE if min_score is None else min_score,
        owner=owner,
        collect=CollectOptions(api_url=api_url, token=token, catalog=catalog_for(ctx), progress=note),
        warn=warn,
    )
    portfolio = build_portfolio(request, out)
    result = write_site(portfolio, out)
    for _group_id, title, cards in portfolio.groups():
        typer.echo(f"{title}: " + ", ".join(card.title for card in cards))
    state = "updated" if result.changed else "unchanged"
    note(f"{len(portfolio.projects)} projects; {state}: {result.readme}, {result.html}, {result.json}")
    if publish:
        from generator.index.profile import ProfileOptions, publish_site

        published = publish_site(portfolio, out, github_user, ProfileOptions(
            token=token, api_url=api_url, write_pause=write_pause, progress=note,
        ))
        typer.echo(published.url)
    if portfolio.unreachable:
        raise typer.Exit(1)
