"""``portfolio new``: choose a type, answer its questions, get a committed project."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from generator.cli.app import catalog_for, command_app, cwd, global_options
from generator.cli.console import note
from generator.cli.options import (
    ApiUrlOption,
    AuthorOption,
    OrgOption,
    PrivateOption,
    TokenEnvOption,
    TrustOption,
    WritePauseOption,
)
from generator.errors import UsageError
from generator.github.api import DEFAULT_WRITE_PAUSE, resolve_token
from generator.github.api import api_url as resolve_api_url
from generator.scaffold.answers import COMPUTED, Question, TemplateConfig, coerce

if TYPE_CHECKING:
    from generator.catalog.entries import Catalog

app = command_app()


@app.command("new")
def new(
    ctx: typer.Context,
    type_id: Annotated[
        str | None, typer.Argument(metavar="[TYPE]", help="Project type (see `portfolio list`).")
    ] = None,
    destination: Annotated[
        Path | None, typer.Argument(metavar="[DEST]", help="Folder to create (default: ./<repo-name>).")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Project name (a title).")] = None,
    description: Annotated[str | None, typer.Option("--description", help="One-line description.")] = None,
    license_: Annotated[str | None, typer.Option("--license", help="MIT, Apache-2.0, BSD-3-Clause or none.")] = None,
    package: Annotated[
        str | None, typer.Option("--package", help="Python package name (derived from the name by default).")
    ] = None,
    author: AuthorOption = None,
    data: Annotated[
        list[str] | None,
        typer.Option("--data", "-d", metavar="KEY=VALUE", help="Answer a template question (repeatable)."),
    ] = None,
    answers_file: Annotated[Path | None, typer.Option("--answers-file", help="YAML/JSON/TOML file of answers.")] = None,
    dataset: Annotated[Path | None, typer.Option("--dataset", help="Your own CSV, copied into data/raw/.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="The column of --dataset to predict.")] = None,
    defaults: Annotated[
        bool, typer.Option("--defaults", help="Use the default for every unanswered question; never prompt.")
    ] = False,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--interactive/--no-interactive", help="Prompt for missing answers (default: when on a terminal)."
        ),
    ] = None,
    trust: TrustOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    publish: Annotated[
        bool, typer.Option("--publish", help="Also create the GitHub repository and push (see `publish`).")
    ] = False,
    org: OrgOption = None,
    private: PrivateOption = False,
    token_env: TokenEnvOption = None,
    api_url: ApiUrlOption = None,
    write_pause: WritePauseOption = DEFAULT_WRITE_PAUSE,
) -> None:
    """Create a project from a catalog type, with its first commit.

    README with the sections reviewers look for, notebook, starter code that trains on offline
    data, tests, CI and licence; a git repository on branch main.
    """
    from generator.catalog.source import is_trusted_catalog
    from generator.scaffold.assemble import AnswerSources, assemble_answers, next_steps
    from generator.scaffold.render import NewProject, render_project, template_config
    from generator.vcs import configured_author, parse_author

    # With --publish, a missing token fails here, before anything is written.
    token = resolve_token(token_env, resolve_api_url(api_url)) if publish else None
    asking = (sys.stdin.isatty() if interactive is None else interactive) and not defaults
    catalog = catalog_for(ctx)
    if type_id is None:
        if not asking:
            raise UsageError(
                "missing TYPE: give one of " + ", ".join(e.id for e in catalog) + " (or run on a terminal to choose)"
            )
        type_id = choose_type(catalog)
    entry = catalog.get(type_id)
    config = template_config(entry)
    sources = AnswerSources(
        destination=destination,
        answers_file=answers_file,
        data=data or [],
        flags={"project_name": name, "description": description, "license": license_, "package_name": package},
        author=parse_author(author) if author else None,
    )
    assembled = assemble_answers(
        entry,
        config,
        sources,
        author=None if author else configured_author(),
        cwd=cwd(),
        prompt=prompt_missing if asking else None,
    )
    for notice in assembled.notices:
        note(notice)

    request = NewProject(
        entry=entry,
        destination=assembled.destination,
        answers=assembled.answers,
        author=assembled.author,
        dataset=dataset,
        target=target,
        trust=trust or is_trusted_catalog(global_options(ctx).catalog),
        notify=note,
    )
    result = render_project(request)
    published = None
    if token is not None:
        from generator.cli.commands.publish import publish_new_project
        from generator.github.plan import PublishOptions

        options = PublishOptions(
            org=org, private=private, token=token, api_url=api_url, write_pause=write_pause, catalog=catalog
        )
        published = publish_new_project(ctx, result.path, options)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "path": str(result.path),
                    "type": entry.id,
                    "commit": result.commit,
                    "package_name": result.answers.get("package_name"),
                    **({"published": published.to_dict()} if published else {}),
                }
            )
        )
        return
    if result.documentation is not None and result.documentation.sections:
        note(f"added README sections the template lacks: {', '.join(result.documentation.sections)}")
    # Plain echo, not rich: these few lines are not worth rich's import time on every `new`.
    commit = result.commit[:10] if result.commit else "-"
    typer.secho(f"Created {result.path} ({entry.title}), first commit {commit}", fg="green")
    if published is not None:
        typer.secho(f"Published {published.url}", fg="green")
    package_dir = result.answers.get("package_name")
    if package_dir is not None and not assembled.named_by_user:
        typer.echo(f"Python package name: {package_dir} (derived from the project name)")
    steps = next_steps(result.path, package_dir)
    typer.echo(f"Next: cd {shlex.quote(str(result.path))}" + (f" && {steps}" if steps else " and read its README"))


def choose_type(catalog: Catalog) -> str:
    """Arrow keys over the catalog, each type with its level and summary; typing filters the list."""
    import questionary

    choices = [
        questionary.Choice(f"{entry.id} - {entry.title} ({entry.level})", value=entry.id, description=entry.summary)
        for entry in catalog
    ]
    return str(
        questionary.select(
            "Project type",
            choices,
            use_search_filter=True,
            use_jk_keys=False,
            instruction="(arrow keys, or type to filter)",
        ).unsafe_ask()
    )


def prompt_missing(config: TemplateConfig, answers: dict[str, Any], suggested: dict[str, Any]) -> dict[str, Any]:
    """Ask every question the template asks people (those with help text) that is still open."""
    result = dict(answers)
    for question in config.questions:
        if question.name in result or question.name in COMPUTED or not question.help or question.when is False:
            continue
        if isinstance(question.when, str):  # e.g. "{{ docs_check_in_ci }}": ask only if the flag it names is on
            flag = question.when.strip("{} ")
            if flag in result and not result[flag]:
                continue
        default = suggested.get(question.name, None if question.default_is_template else question.default)
        result[question.name] = ask(question, default)
    return result


def ask(question: Question, default: Any) -> Any:
    """One question, the way its type asks to be answered: yes/no, a list to pick from, or text."""
    import questionary

    from generator.errors import AnswerError

    if question.type == "bool":
        return questionary.confirm(question.help, default=bool(default)).unsafe_ask()
    if question.choices:
        choices = [str(choice) for choice in question.choices]
        start = str(default) if str(default) in choices else None
        return questionary.select(question.help, choices, default=start).unsafe_ask()

    def valid(raw: str) -> bool | str:
        try:
            coerce(question, raw, "answer")
        except AnswerError as error:
            return str(error)
        return True

    raw = questionary.text(question.help, default="" if default is None else str(default), validate=valid)
    return coerce(question, raw.unsafe_ask(), "answer")
