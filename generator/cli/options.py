"""Options several commands share, declared once so their names and help texts agree."""

from __future__ import annotations

from typing import Annotated

import typer

AuthorOption = Annotated[
    str | None, typer.Option("--author", help='Commit author "Name <email>" (default: git config).')
]
TrustOption = Annotated[
    bool,
    typer.Option("--trust", help="Allow a custom template's hooks/tasks to run (see PORTFOLIO_TRUSTED_CATALOGS)."),
]

# GitHub: `publish`, `new --publish`, `cohort new --publish` and `index`.
OrgOption = Annotated[str | None, typer.Option("--org", help="Create the repository in this organisation.")]
PrivateOption = Annotated[
    bool,
    typer.Option("--private/--public", help="Repository visibility (default public: it is a portfolio)."),
]
TokenEnvOption = Annotated[
    str | None,
    typer.Option(
        "--token-env",
        metavar="NAME",
        help="Read the token from this environment variable only "
        "(default: GITHUB_TOKEN, then GH_TOKEN, then `gh auth token`).",
    ),
]
ApiUrlOption = Annotated[
    str | None,
    typer.Option(
        "--api-url",
        envvar="PORTFOLIO_GITHUB_API",
        help="GitHub REST API root, e.g. https://HOST/api/v3 for GitHub Enterprise Server.",
    ),
]
WritePauseOption = Annotated[
    float,
    typer.Option(
        "--write-pause",
        metavar="SECONDS",
        min=0,
        help="Minimum pause between GitHub write requests (GitHub's secondary rate limits); 0 disables.",
    ),
]
