"""The catalog of project types: one TOML file per type under ``project_catalog/``.

A *catalog* is a folder holding ``project_catalog/*.toml`` and the templates its entries
point to (paths are relative to that folder). Loading validates every entry and reports
each problem as ``file: field: message`` so a catalog author can fix them all in one go.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from generator.errors import CatalogError, UnknownTypeError

LEVELS = ("foundational", "advanced", "end-to-end")
ENGINES = ("copier", "cookiecutter")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,62}$")
CATALOG_SUBDIR = "project_catalog"

_REQUIRED_STRINGS = ("id", "title", "summary", "level")
_STRING_LISTS = ("skills", "metrics", "topics", "sections")
_KNOWN_FIELDS = {*_REQUIRED_STRINGS, *_STRING_LISTS, "dataset", "template"}
_DATASET_FIELDS = {"name", "source", "licence", "url"}
_TEMPLATE_FIELDS = {"engine", "path", "url", "ref", "directory", "overwrite"}
DEFAULT_SECTIONS = ("problem", "data", "method", "metrics", "outcome")


@dataclass(frozen=True)
class Dataset:
    """Where a project type's starter data comes from, and under which terms."""

    name: str
    source: str
    licence: str
    url: str = ""


@dataclass(frozen=True)
class TemplateSpec:
    """How to render a type: engine plus a local path (resolved) or a git URL."""

    engine: str
    path: Path | None = None
    url: str | None = None
    ref: str | None = None
    directory: str | None = None
    overwrite: bool = False

    @property
    def location(self) -> str:
        """The path or URL as a user would recognise it."""
        return str(self.path) if self.path is not None else str(self.url)


@dataclass(frozen=True)
class CatalogEntry:
    """One project type."""

    id: str
    title: str
    summary: str
    level: str
    skills: tuple[str, ...]
    dataset: Dataset
    metrics: tuple[str, ...]
    topics: tuple[str, ...]
    template: TemplateSpec
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    source_file: Path | None = None
    builtin: bool = True

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (for ``list --json`` and ``show --json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "level": self.level,
            "skills": list(self.skills),
            "dataset": {
                "name": self.dataset.name,
                "source": self.dataset.source,
                "licence": self.dataset.licence,
                "url": self.dataset.url,
            },
            "metrics": list(self.metrics),
            "topics": list(self.topics),
            "sections": list(self.sections),
            "template": {"engine": self.template.engine, "location": self.template.location},
            "builtin": self.builtin,
        }


@dataclass
class Catalog:
    """Entries by id, in a stable order (built-in first, then custom)."""

    entries: dict[str, CatalogEntry] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, type_id: str) -> CatalogEntry:
        """The entry for ``type_id`` (in any case: ``NLP`` is ``nlp``), or an error naming the closest ids."""
        folded = {entry_id.casefold(): entry for entry_id, entry in self.entries.items()}
        try:
            return self.entries.get(type_id) or folded[type_id.casefold()]
        except KeyError:
            close = difflib.get_close_matches(type_id, list(self.entries), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            known = ", ".join(self.entries)
            raise UnknownTypeError(f"unknown project type {type_id!r}{hint} (known: {known})") from None


def read_entries(catalog_root: Path, *, builtin: bool) -> tuple[list[CatalogEntry], list[str]]:
    """Parse every ``*.toml`` under ``catalog_root/project_catalog``; return entries and problems."""
    folder = catalog_root / CATALOG_SUBDIR
    if not folder.is_dir():
        return [], [f"{catalog_root}: {CATALOG_SUBDIR}: folder not found"]
    entries: list[CatalogEntry] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    files = sorted(folder.glob("*.toml"))
    if not files:
        problems.append(f"{folder}: -: no *.toml entries found")
    for path in files:
        entry, entry_problems = parse_entry(path, catalog_root, builtin=builtin)
        problems.extend(entry_problems)
        if entry is None:
            continue
        if entry.id in seen:
            problems.append(f"{path}: id: {entry.id!r} is already defined in {seen[entry.id].name}")
            continue
        seen[entry.id] = path
        entries.append(entry)
    return entries, problems


def parse_entry(path: Path, catalog_root: Path, *, builtin: bool = False) -> tuple[CatalogEntry | None, list[str]]:
    """Validate one entry file; every problem found is returned, not just the first."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return None, [f"{path}: -: cannot read file ({error})"]
    except tomllib.TOMLDecodeError as error:
        return None, [f"{path}: -: invalid TOML ({error})"]
    problems: list[str] = []

    def problem(field_name: str, message: str) -> None:
        problems.append(f"{path}: {field_name}: {message}")

    for name in sorted(set(raw) - _KNOWN_FIELDS):
        problem(name, f"unknown field (known: {', '.join(sorted(_KNOWN_FIELDS))})")
    for name in _REQUIRED_STRINGS:
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            problem(name, "required, must be a non-empty string")
    type_id = raw.get("id")
    if isinstance(type_id, str) and type_id and not ID_PATTERN.match(type_id):
        problem("id", f"{type_id!r} must be lowercase letters, digits and dashes, starting with a letter")
    level = raw.get("level")
    if isinstance(level, str) and level and level not in LEVELS:
        problem("level", f"{level!r} is not one of {', '.join(LEVELS)}")
    lists: dict[str, tuple[str, ...]] = {}
    for name in _STRING_LISTS:
        value = raw.get(name, list(DEFAULT_SECTIONS) if name == "sections" else None)
        if not _is_string_list(value):
            problem(name, "required, must be a non-empty list of strings")
            continue
        lists[name] = tuple(value)
    dataset = _parse_dataset(raw.get("dataset"), problem)
    template = _parse_template(raw.get("template"), catalog_root, problem)
    if problems or dataset is None or template is None:
        return None, problems
    entry = CatalogEntry(
        id=raw["id"],
        title=raw["title"],
        summary=raw["summary"],
        level=raw["level"],
        skills=lists["skills"],
        dataset=dataset,
        metrics=lists["metrics"],
        topics=lists["topics"],
        template=template,
        sections=lists["sections"],
        source_file=path,
        builtin=builtin,
    )
    return entry, []


def _is_string_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and bool(value) and all(isinstance(item, str) and item.strip() for item in value)


def _known_table(raw: object, field_name: str, known: set[str], shape: str, problem: Any) -> bool | None:
    """None when ``raw`` is not a table; else whether it has only ``known`` keys (each stranger reported)."""
    if not isinstance(raw, dict):
        problem(field_name, f"required, must be a table with {shape}")
        return None
    for name in sorted(set(raw) - known):
        problem(f"{field_name}.{name}", "unknown field")
    return set(raw) <= known


def _parse_dataset(raw: object, problem: Any) -> Dataset | None:
    ok = _known_table(raw, "dataset", _DATASET_FIELDS, "name, source and licence", problem)
    if ok is None:
        return None
    assert isinstance(raw, dict)
    for name in ("name", "source", "licence"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            problem(f"dataset.{name}", "required, must be a non-empty string")
            ok = False
    if "url" in raw and not isinstance(raw["url"], str):
        problem("dataset.url", "must be a string")
        ok = False
    if not ok:
        return None
    return Dataset(raw["name"], raw["source"], raw["licence"], raw.get("url", ""))


def _parse_template(raw: object, catalog_root: Path, problem: Any) -> TemplateSpec | None:
    ok = _known_table(raw, "template", _TEMPLATE_FIELDS, "engine and path or url", problem)
    if ok is None:
        return None
    assert isinstance(raw, dict)
    engine = raw.get("engine")
    if engine not in ENGINES:
        problem("template.engine", f"must be one of {', '.join(ENGINES)} (got {engine!r})")
        ok = False
    has_path, has_url = "path" in raw, "url" in raw
    if has_path == has_url:
        problem("template", "give exactly one of path (inside the catalog) or url (git)")
        return None
    for name in ("path", "url", "ref", "directory"):
        if name in raw and (not isinstance(raw[name], str) or not raw[name].strip()):
            problem(f"template.{name}", "must be a non-empty string")
            ok = False
    if "overwrite" in raw and not isinstance(raw["overwrite"], bool):
        problem("template.overwrite", "must be true or false")
        ok = False
    if not ok:
        return None
    path: Path | None = None
    if has_path:
        relative = Path(raw["path"])
        path = (catalog_root / relative).resolve()
        if relative.is_absolute() or not path.is_relative_to(catalog_root.resolve()):
            problem("template.path", f"{raw['path']!r} must stay inside the catalog folder")
            return None
        if not path.is_dir():
            problem("template.path", f"template folder {raw['path']!r} not found")
            return None
    return TemplateSpec(
        engine=str(engine),  # one of ENGINES, checked above
        path=path,
        url=raw.get("url"),
        ref=raw.get("ref"),
        directory=raw.get("directory"),
        overwrite=raw.get("overwrite", False),
    )


def merge(builtin: Iterable[CatalogEntry], custom: Iterable[CatalogEntry], mode: str) -> Catalog:
    """Combine the built-in and a custom catalog; custom ids win, with a notice."""
    catalog = Catalog()
    if mode == "extend":
        catalog.entries.update((entry.id, entry) for entry in builtin)
    for entry in custom:
        if entry.id in catalog.entries:
            catalog.notices.append(f"custom catalog entry {entry.id!r} replaces the built-in one")
        catalog.entries[entry.id] = entry
    return catalog


def load_catalog(custom_root: Path | None = None, mode: str = "extend") -> Catalog:
    """The built-in catalog, optionally extended or replaced by a custom catalog folder.

    Any invalid entry makes this fail with every problem listed: a half-loaded catalog
    would silently hide a type from the people choosing one.
    """
    from generator.resources import builtin_catalog_dir

    builtin_entries: list[CatalogEntry] = []
    problems: list[str] = []
    if custom_root is None or mode == "extend":
        builtin_entries, problems = read_entries(builtin_catalog_dir().parent, builtin=True)
    custom_entries: list[CatalogEntry] = []
    if custom_root is not None:
        custom_entries, custom_problems = read_entries(custom_root, builtin=False)
        problems.extend(custom_problems)
    if problems:
        raise CatalogError(problems)
    return merge(builtin_entries, custom_entries, mode)
