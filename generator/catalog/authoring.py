"""Tools for bootcamps writing their own catalog: ``catalog init`` and ``catalog validate``.

``init`` writes a minimal catalog that works at once: one entry derived from a built-in type and
a copy of the template it needs (the type's folder, ``copier.yml`` and only the ``_common``
parts the copy refers to), with symlinks resolved so the catalog can live in any git host.

``validate`` reports every problem in one run, each as ``file: field: message``: schema errors,
a missing template, and templates that do not render with their defaults (really rendered into
a temporary folder, with tasks and hooks switched off: validating never runs a template's code).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog.entries import CATALOG_SUBDIR, ID_PATTERN, CatalogEntry, load_catalog, read_entries
from generator.errors import CatalogError, DestinationError, PortfolioError, UntrustedTemplateError, UsageError
from generator.scaffold.versions import ANSWERS_FILE

_COMMON_REFERENCE = re.compile(r"_common/[\w./-]+")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store")
ANSWERS_TEMPLATE = "{{ _copier_conf.answers_file }}.jinja"


@dataclass(frozen=True)
class InitResult:
    """What ``catalog init`` wrote."""

    root: Path
    entry_file: Path
    type_id: str
    files: int


@dataclass
class ValidationReport:
    """Problems (the catalog is wrong) and notes (it works, but something is worth knowing)."""

    entries: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def init_catalog(root: Path, from_type: str = "classification", type_id: str | None = None) -> InitResult:
    """Write a working one-entry catalog into ``root`` (which must be missing or empty)."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise DestinationError(f"{root} exists and is not an empty folder; choose another folder")
    base = load_catalog().get(from_type)
    if base.template.engine != "copier" or base.template.path is None:
        raise UsageError(f"--from {from_type}: only built-in copier types can be copied")
    type_id = type_id or f"my-{from_type}"
    if not ID_PATTERN.match(type_id):
        raise UsageError(f"--id {type_id!r}: use lowercase letters, digits and dashes, starting with a letter")
    for ancestor in root.absolute().parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise DestinationError(f"cannot create {root}: {ancestor} is a file, not a folder")
            break
    created = not root.exists()
    try:
        return _write_catalog(root, base, base.template.path, type_id)
    except BaseException as error:  # a full disk, Ctrl-C: no half-written catalog is left
        if created:
            shutil.rmtree(root, ignore_errors=True)
        else:
            for child in root.iterdir():  # it was empty: everything in it is ours
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise DestinationError(
                f"cannot write the catalog into {root}: {error.strerror or error}; nothing was left behind"
            ) from None
        raise


def _write_catalog(root: Path, base: CatalogEntry, source: Path, type_id: str) -> InitResult:
    folder = base.template.directory or base.id
    templates = root / "templates"
    shutil.copytree(source / folder, templates / folder, symlinks=False, ignore=_IGNORE)
    for name in ("copier.yml", "copier.yaml"):
        if (source / name).is_file():
            shutil.copyfile(source / name, templates / name)
    _copy_common_parts(source, templates)
    entry_file = root / CATALOG_SUBDIR / f"{type_id}.toml"
    entry_file.parent.mkdir(parents=True, exist_ok=True)
    entry_file.write_text(entry_toml(base, type_id, folder), encoding="utf-8")
    count = sum(1 for path in root.rglob("*") if path.is_file())
    return InitResult(root, entry_file, type_id, count)


def _copy_common_parts(source: Path, templates: Path) -> None:
    """Copy each ``_common/...`` file the copied template refers to, following references transitively."""
    pending = [path for path in templates.rglob("*") if path.is_file()]
    while pending:
        text = pending.pop().read_text(encoding="utf-8", errors="replace")
        for reference in _COMMON_REFERENCE.findall(text):
            reference = reference.rstrip(".")
            target, origin = templates / reference, source / reference
            if target.exists() or not origin.exists() or not origin.resolve().is_relative_to(source.resolve()):
                continue
            if origin.is_dir():
                shutil.copytree(origin, target, symlinks=False, ignore=_IGNORE)
                pending.extend(path for path in target.rglob("*") if path.is_file())
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(origin, target)
                pending.append(target)


def entry_toml(base: CatalogEntry, type_id: str, folder: str) -> str:
    """The catalog entry file for a copy of ``base`` (TOML strings written as JSON strings: valid TOML)."""

    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    def strings(values: tuple[str, ...]) -> str:
        return "[" + ", ".join(text(value) for value in values) + "]"

    dataset = base.dataset
    dataset_fields = [
        f"name = {text(dataset.name)}",
        f"source = {text(dataset.source)}",
        f"licence = {text(dataset.licence)}",
    ]
    if dataset.url:
        dataset_fields.append(f"url = {text(dataset.url)}")
    return "\n".join(
        [
            f"# Derived from the built-in '{base.id}' type by `portfolio catalog init`; edit freely.",
            f"id = {text(type_id)}",
            f"title = {text(base.title)}",
            f"summary = {text(base.summary)}",
            f"level = {text(base.level)}",
            f"skills = {strings(base.skills)}",
            "dataset = { " + ", ".join(dataset_fields) + " }",
            f"metrics = {strings(base.metrics)}",
            f"topics = {strings(base.topics)}",
            f"sections = {strings(base.sections)}",
            f'template = {{ engine = "copier", path = "templates", directory = {text(folder)} }}',
            "",
        ]
    )


def validate_catalog(root: Path, *, trusted: bool = False) -> ValidationReport:
    """Every problem of the catalog at ``root``; see the module docstring.

    ``trusted`` (the catalog is in ``PORTFOLIO_TRUSTED_CATALOGS``) lets templates that load
    Jinja extensions of their own render; hooks and tasks never run here.
    """
    entries, problems = read_entries(root, builtin=False)
    report = ValidationReport(entries=len(entries), problems=list(problems))
    for entry in entries:
        _validate_template(entry, report, trusted)
    return report


def _validate_template(entry: CatalogEntry, report: ValidationReport, trusted: bool) -> None:
    from generator.catalog.source import template_root
    from generator.scaffold.render import NewProject, complete_answers, render_inert, template_config

    where = f"{entry.source_file}: template"
    try:
        root = template_root(entry)
        config = template_config(entry, root)
        answers = complete_answers(NewProject(entry=entry, destination=Path("validate"), commit=False), config)
        with tempfile.TemporaryDirectory(prefix="portfolio-validate-") as folder:
            project = Path(folder) / "project"
            render_inert(entry, root, config, answers, project, trusted=trusted)
            if entry.template.engine == "copier" and not (project / ANSWERS_FILE).is_file():
                report.notes.append(f"{where}: no {ANSWERS_TEMPLATE}: `portfolio update` cannot update its projects")
    except UntrustedTemplateError as error:
        report.notes.append(f"{where}: not rendered: {error}")
    except CatalogError as error:
        report.problems.extend(f"{where}.url: {problem}" for problem in error.problems)
    except PortfolioError as error:
        report.problems.append(f"{where}: does not render with its defaults: {error}")
