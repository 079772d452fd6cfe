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
        typer.Option("--github-user", help="Also list this user's public repositories that look like ML projects."),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include",
            help="Keep this repository (name or owner/name, wildcards ok) even if "
            "it does not look like an ML project, or is a fork (repeatable).",
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Leave this repository or target out (repeatable)."),
    ] = None,
    min_score: Annotated[
        int | None,
        typer.Option(
            "--min-score",
            min=0,
            max=100,
            help="With --github-user: the check score that makes a repository not generated "
            "by portfolio count as an ML project (default 50).",
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for README.md, index.html and portfolio.json.")
    ] = Path("portfolio-site"),
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", help="Name in the page heading (default: the GitHub profile's name, else --github-user)."
        ),
    ] = None,
    config: Annotated[
        Path,
        typer.Option(
            "--config",
            help="The owner header you write: [owner] name, bio, location, avatar, links (used when the file exists).",
        ),
    ] = Path("portfolio.toml"),
    include_all: Annotated[
        bool,
        typer.Option(
            "--include-all",
            help="Show projects with nothing to show yet (no problem sentence, no metric) on the public page too.",
        ),
    ] = False,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Also print your own view (scores, warnings, what to fix next) "
            "and write it to the private file OUT-review.html beside --out.",
        ),
    ] = False,
    publish: Annotated[
        bool,
        typer.Option(
            "--publish",
            help="Push the public README and page to your profile repository "
            "USER/USER and the page to GitHub Pages (USER.github.io).",
        ),
    ] = False,
    pages_repo: Annotated[
        str | None,
        typer.Option(
            "--pages-repo",
            metavar="NAME",
            help="With --publish: serve the page from "
            "the gh-pages branch of your repository NAME instead of USER.github.io.",
        ),
    ] = None,
    token_env: TokenEnvOption = None,
    write_pause: WritePauseOption = DEFAULT_WRITE_PAUSE,
    api_url: ApiUrlOption = None,
) -> None:
    """Index all your projects on one portfolio page.

    The public page shows each project's problem, key result against its baseline, skills, key
    figure and links, grouped by level; --review adds scores, warnings and what to fix next.
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
        config=config,
        collect=CollectOptions(api_url=api_url, token=token, catalog=catalog_for(ctx), progress=note),
        warn=warn,
    )
    portfolio = build_portfolio(request, out)
    result = write_site(portfolio, out, include_all=include_all)
    for _group_id, title, cards in portfolio.public(include_all=include_all)[0].groups():
        typer.echo(f"{title}: " + ", ".join(card.title for card in cards))
    for title, reason in result.left_out:
        warn(f"not on the public page: {title} ({reason}); --include-all or --include shows it")
    state = "updated" if result.changed else "unchanged"
    note(f"{len(portfolio.projects)} projects; {state}: {result.readme}, {result.html}, {result.json}")
    if review:
        from generator.index.review import review_lines, review_path, write_review

        for line in review_lines(portfolio, result.left_out):
            typer.echo(line)
        note(f"review (private, do not publish): {write_review(portfolio, review_path(out), result.left_out)}")
    if publish:
        from generator.index.pages import publish_pages
        from generator.index.profile import ProfileOptions, connect, publish_site

        options = ProfileOptions(token=token, api_url=api_url, write_pause=write_pause, progress=note)
        session = connect(options, github_user)
        pages = publish_pages(portfolio, out, options, pages_repo, include_all=include_all, session=session)
        note(f"GitHub Pages: {pages.repository_url}")
        typer.echo(publish_site(portfolio, out, github_user, options, session, include_all=include_all).url)
        typer.echo(pages.live_url)
    if portfolio.unreachable:
        raise typer.Exit(1)
