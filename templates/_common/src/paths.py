"""Project folders, found from this file so commands work from any working directory."""

from __future__ import annotations

from pathlib import Path


def _project_root() -> Path:
    """The folder holding params.toml: two levels above this package in the src/ layout."""
    candidate = Path(__file__).resolve().parents[2]
    return candidate if (candidate / "params.toml").exists() else Path.cwd()


PROJECT_ROOT = _project_root()
REPORTS_DIR = PROJECT_ROOT / "reports"
MODELS_DIR = PROJECT_ROOT / "models"
