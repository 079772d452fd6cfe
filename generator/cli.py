"""Console entry point: import every command module (each registers itself) and run the app."""

from __future__ import annotations

from generator import commands  # noqa: F401  (registers the commands on the app)
from generator.app import app


def main() -> None:
    """Run ``portfolio``."""
    app()
