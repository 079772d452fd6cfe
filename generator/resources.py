"""Where the built-in catalog and templates live, installed or in a source checkout.

A wheel carries them under ``generator/_data`` (see ``force-include`` in pyproject); an
editable install or a source checkout reads them from the repository's top-level folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def builtin_catalog_dir() -> Path:
    """The folder holding the built-in ``*.toml`` catalog entries."""
    return _data_dir("project_catalog")


def builtin_templates_dir() -> Path:
    """The built-in copier template root (the folder with ``copier.yml``)."""
    return _data_dir("templates")
