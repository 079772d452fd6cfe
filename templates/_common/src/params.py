"""Settings for data, split and training, read from params.toml (one place to change them)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .paths import PROJECT_ROOT


def load_params(path: Path | None = None) -> dict[str, Any]:
    """Read params.toml (by default the project's own)."""
    with (path or PROJECT_ROOT / "params.toml").open("rb") as handle:
        return tomllib.load(handle)
