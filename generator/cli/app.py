"""The Typer application object and the behaviour every command shares.

Commands live in :mod:`generator.cli.commands`, one module each, loaded when they run; they
parse, prompt and print, and call plain functions that tests call directly. Any
:class:`~generator.errors.PortfolioError` raised below a command is caught here, once,
and becomes one red line on stderr and the error's exit code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from typer.core import TyperGroup

from generator import __version__
from generator.cli.commands import COMMANDS, LazyCommands
from generator.cli.console import error_line, note
from generator.cli.help import ConventionalHelp, PortfolioSubGroup, PortfolioTyper
from generator.errors import PortfolioError

if TYPE_CHECKING:
    from generator.catalog.entries import Catalog


class PortfolioGroup(ConventionalHelp, TyperGroup):
    """The root group: loads a command's module only when it runs; our errors become one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A read-only mapping where click declares a mutable one: nothing adds commands to the root.
        self.commands = LazyCommands(COMMANDS)  # type: ignore[assignment]

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands by their registered summaries, importing none of them."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, command.summary) for name, command in COMMANDS.items()])

    def invoke(self, ctx: Any) -> Any:
        from generator.vcs import safe_git_environment

        forget_enclosing_repository()
        try:
            with safe_git_environment():  # every git run below: no repository hooks/fsmonitor, no hang
                return super().invoke(ctx)
        except PortfolioError as error:
            error_line(str(error))
            raise typer.Exit(error.exit_code) from None
        except OSError as error:
            # The machine, not a bug: a full disk, a read-only file system, a name too long, no
            # permission. Commands turn the ones they expect into PortfolioErrors with context; any
            # other still deserves one line the user can act on, not a traceback.
            error_line(os_error_line(error))
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=PortfolioGroup,
    name="portfolio",
    help="Scaffold, check and publish machine-learning portfolio projects.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: rich help formatting costs ~200 ms of imports per call
)


# Set by git for hooks and aliases. Inherited, they would point every git command we (or copier,
# or GitPython) run at the repository the hook belongs to instead of the project at hand.
REPOSITORY_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_PREFIX",
)


def os_error_line(error: OSError) -> str:
    """``No space left on device: /path`` from an OSError (its errno text and the file it names)."""
    reason = error.strerror or type(error).__name__
    return f"{reason}: {error.filename}" if error.filename else str(error) or reason


def forget_enclosing_repository() -> None:
    """Drop :data:`REPOSITORY_VARIABLES` from this process's environment (and so from git's)."""
    for name in REPOSITORY_VARIABLES:
        os.environ.pop(name, None)


def command_app(**settings: Any) -> typer.Typer:
    """The Typer app of one command module, with the root's help, metavars and error settings."""
    return PortfolioTyper(
        cls=PortfolioSubGroup, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None, **settings
    )


CatalogMode = Literal["extend", "replace"]


@dataclass(frozen=True)
class GlobalOptions:
    """Options given before the command name, available to every command via ``ctx.obj``."""

    catalog: str | None = None
    catalog_mode: CatalogMode = "extend"


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"portfolio {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    catalog: Annotated[
        str | None,
        typer.Option(
            "--catalog",
            envvar="PORTFOLIO_CATALOG",
            help="A custom catalog: a directory or git URL[@REF] with project_catalog/*.toml.",
        ),
    ] = None,
    catalog_mode: Annotated[
        CatalogMode,
        typer.Option(
            "--catalog-mode",
            case_sensitive=False,
            help="'extend' the built-in catalog (custom ids win) or 'replace' it.",
        ),
    ] = "extend",
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = GlobalOptions(catalog=catalog, catalog_mode=catalog_mode)


def global_options(ctx: typer.Context) -> GlobalOptions:
    """The global options of this invocation (defaults when a command is called directly)."""
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, GlobalOptions) else GlobalOptions()


def catalog_for(ctx: typer.Context) -> Catalog:
    """Load the catalog this invocation asked for (built-in, extended or replaced)."""
    from generator.catalog.entries import load_catalog

    options = global_options(ctx)
    custom = None
    if options.catalog:
        from generator.catalog.source import resolve_catalog_root

        custom = resolve_catalog_root(options.catalog)
    catalog = load_catalog(custom, options.catalog_mode)
    for notice in catalog.notices:
        note(notice)
    return catalog


def cwd() -> Path:
    """The current directory (a function so tests and commands agree on one definition)."""
    return Path(os.getcwd())
