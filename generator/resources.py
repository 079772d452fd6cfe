"""Where the built-in catalog and templates live, installed or in a source checkout.

A wheel carries them under ``generator/_data`` (see ``force-include`` in pyproject); an
editable install or a source checkout reads them from the repository's top-level folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DISTRIBUTION = "portfolio-generator"
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


@cache
def project_url(label: str) -> str | None:
    """A URL of pyproject's ``[project.urls]`` (``Homepage``, ``Documentation``), the one place the
    project's address is written: read from the source checkout's pyproject.toml when there is one
    (an editable install's metadata lags behind it), else from the installed package's metadata.
    Imported here: only SARIF output asks, and ``importlib.metadata`` is slow to import."""
    import tomllib
    from importlib import metadata

    pyproject = _PACKAGE_DIR.parent / "pyproject.toml"
    if pyproject.is_file():
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION:
            return project.get("urls", {}).get(label)
    try:
        entries = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in entries:
        name, _, url = entry.partition(",")
        if name.strip().lower() == label.lower():
            return url.strip()
    return None
