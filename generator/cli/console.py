"""Terminal output in one place: rich consoles created on first use (rich is not cheap to import)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def out() -> Console:
    """Console for results (stdout)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


@cache
def err() -> Console:
    """Console for progress, warnings and errors (stderr), so stdout stays parseable."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def error_line(message: str) -> None:
    """Print one error line on stderr: newlines folded, markup not interpreted."""
    one_line = " ".join(str(message).split())
    err().print(f"[bold red]error:[/] {_escape(one_line)}")


def warn(message: str) -> None:
    """Print a warning line on stderr."""
    err().print(f"[yellow]warning:[/] {_escape(message)}")


def note(message: str) -> None:
    """Print an informational line on stderr."""
    err().print(_escape(message))


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
