"""Help pages that name values the way people write them, for every command at once.

Typer's plain help labels values with Python types (``--catalog <str>``, ``TARGET <list[str]>``)
and brackets an argument's metavar a second time (``[[TYPE]]``, ``{TYPE}``). Command-line
people write ``--catalog TEXT``, ``--out PATH``, ``--min-score INTEGER RANGE``, ``TYPE``,
``[DEST]``, ``[TARGET]...``: click's names, which man pages, pip and git's ``usage`` share. The
command and group classes here render the usage line and the option/argument rows with those
names; :func:`generator.cli.app.command_app` makes them the class of every command, so an
option added later is shown the same way without anyone remembering to set its metavar.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

# Click's names for the value types; anything else (str, custom parsers) is TEXT.
TYPE_NAMES = {int: "INTEGER", float: "FLOAT", bool: "BOOLEAN"}
PATH_NAMES = {"file": "FILE", "dir": "DIRECTORY", "path": "PATH"}


def value_metavar(param: TyperOption | TyperArgument) -> str:
    """The value an option takes, as written in help: ``TEXT``, ``PATH``, ``[json|text]`` ..."""
    if param.metavar is not None:
        return param.metavar
    described = param.type_descriptor
    if described.is_choice:
        return "[" + "|".join(str(getattr(choice, "value", choice)) for choice in described.choices or ()) + "]"
    if described.is_path:
        return PATH_NAMES[described.path_type]
    annotation = described.annotation
    if described.is_list:
        (annotation,) = getattr(annotation, "__args__", (str,))
    name = TYPE_NAMES.get(annotation, "TEXT") if isinstance(annotation, type) else "TEXT"
    return f"{name} RANGE" if described.is_ranged else name


def argument_metavar(param: TyperArgument) -> str:
    """An argument as usage lines write it: ``TYPE`` if required, ``[DEST]`` if not, ``[TARGET]...``."""
    name = param.metavar or (param.name or "").upper()
    if not param.required and not name.startswith("["):
        name = f"[{name}]"
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def option_names(param: TyperOption) -> str:
    """``-o, --out PATH`` or ``--private / --public``: the left column of an option's row."""
    columns = []
    for names in (param.opts, param.secondary_opts):
        if names:
            column = ", ".join(sorted(names, key=lambda name: len(name) - len(name.lstrip("-"))))
            if not param.is_flag and not param.count:
                column += f" {value_metavar(param)}"
            columns.append(column)
    return " / ".join(columns)


def help_record(param: Any, ctx: Any) -> tuple[str, str] | None:
    """One row of the Arguments or Options section (Typer's help text, our left column)."""
    record = param.get_help_record(ctx)  # Typer's text adds [default: ...], [env var: ...], ranges
    if record is None:
        return None
    if isinstance(param, TyperArgument):
        return argument_metavar(param), record[1]
    if isinstance(param, TyperOption):
        return option_names(param), record[1]
    return record


class ConventionalHelp:
    """Usage line and parameter rows with :func:`value_metavar` names; mixed into our command classes."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        command: Any = self
        pieces = [command.options_metavar] if command.options_metavar else []
        pieces += [argument_metavar(p) for p in command.get_params(ctx) if isinstance(p, TyperArgument)]
        if isinstance(command, TyperGroup):
            pieces.append(command.subcommand_metavar)
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        command: Any = self
        rows: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": []}
        for param in command.get_params(ctx):
            record = help_record(param, ctx)
            if record is not None:
                rows["Arguments" if isinstance(param, TyperArgument) else "Options"].append(record)
        for title, records in rows.items():
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)
        if isinstance(command, TyperGroup):
            command.format_commands(ctx, formatter)


class PortfolioCommand(ConventionalHelp, TyperCommand):
    """The class of every single command (``new``, ``check``, ``cohort new`` ...)."""


class PortfolioSubGroup(ConventionalHelp, TyperGroup):
    """The class of every command group below the root (``catalog``, ``cohort``)."""


class PortfolioTyper(typer.Typer):
    """A Typer app whose commands are :class:`PortfolioCommand` unless told otherwise."""

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any) -> Any:
        return super().command(name, cls=cls or PortfolioCommand, **kwargs)
