"""Where a custom catalog comes from: a local folder (git URLs are resolved here too)."""

from __future__ import annotations

from pathlib import Path

from generator.catalog import CATALOG_SUBDIR, TemplateSpec
from generator.errors import CatalogError


def resolve_catalog_root(location: str) -> Path:
    """The local folder of a custom catalog given by ``--catalog``."""
    root = Path(location).expanduser()
    if not (root / CATALOG_SUBDIR).is_dir():
        raise CatalogError([f"{location}: {CATALOG_SUBDIR}: folder not found (not a catalog)"])
    return root.resolve()


def fetch_template(spec: TemplateSpec) -> Path:
    """A local copy of a template given by URL."""
    raise CatalogError([f"{spec.location}: template.url: git templates are not supported yet"])
