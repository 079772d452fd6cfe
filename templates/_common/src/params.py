"""Settings for data, split and training, read from params.toml (one place to change them)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .paths import PROJECT_ROOT


class Section(dict[str, Any]):
    """One ``[section]`` of params.toml. A setting the code reads but the file lacks (say, a new
    one a template update brought, dropped while resolving a merge) stops the run with one line
    that names it, instead of a KeyError traceback."""

    def __init__(self, name: str, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self.name = name

    def __missing__(self, key: str) -> Any:
        raise SystemExit(f"error: params.toml has no `{key}` setting in [{self.name}]: add one")


def load_params(path: Path | None = None) -> dict[str, Any]:
    """Read params.toml (by default the project's own)."""
    with (path or PROJECT_ROOT / "params.toml").open("rb") as handle:
        settings = tomllib.load(handle)
    return {
        name: Section(name, value) if isinstance(value, dict) else value
        for name, value in settings.items()
    }
