"""Render a catalog entry into a new project, atomically: all of it, committed, or nothing.

Phases (as in copier): validate → render into a private temporary folder beside the
destination → copy the user's dataset in → first commit → move into place with one rename.
Any failure, including Ctrl-C, removes the temporary folder, so no half-made project is
left behind and nothing that already existed is touched.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from generator.answers import TemplateConfig, load_template_config
from generator.catalog import CatalogEntry
from generator.errors import AnswerError, DestinationError, RenderError, UntrustedTemplateError
from generator.naming import is_valid_package_name, package_name, repo_name
from generator.vcs import Author, init_and_commit

# Jinja extensions shipped with this tool are our own code, not the template's: always allowed.
OWN_EXTENSION_PREFIX = "generator."
MAX_DATASET_BYTES = 200 * 1024 * 1024


@dataclass
class NewProject:
    """Everything needed to create one project."""

    entry: CatalogEntry
    destination: Path
    answers: dict[str, Any] = field(default_factory=dict)
    author: Author | None = None
    dataset: Path | None = None
    target: str | None = None
    trust: bool = False
    commit: bool = True


@dataclass(frozen=True)
class Rendered:
    """What was created."""

    path: Path
    answers: dict[str, Any]
    commit: str | None


def template_root(entry: CatalogEntry) -> Path:
    """The local folder of an entry's copier template."""
    if entry.template.path is None:
        from generator.catalog_source import fetch_template

        return fetch_template(entry.template)
    return entry.template.path


def complete_answers(request: NewProject, config: TemplateConfig) -> dict[str, Any]:
    """Fill the answers the tool derives (type, package and repo names, author) and validate them."""
    answers = dict(request.answers)
    answers["project_type"] = request.entry.template.directory or request.entry.id
    name = str(answers.get("project_name") or request.entry.title)
    check_project_name(name)
    answers["project_name"] = name
    answers.setdefault("description", request.entry.summary)
    answers.setdefault("package_name", package_name(name))
    answers.setdefault("repo_name", repo_name(name))
    if not is_valid_package_name(str(answers["package_name"])):
        raise AnswerError(
            f"package_name {answers['package_name']!r} is not a valid Python package name "
            f"(lowercase letters, digits and _; not a keyword or a common module name)"
        )
    if repo_name(str(answers["repo_name"])) != answers["repo_name"]:
        raise AnswerError(f"repo_name {answers['repo_name']!r} must be lowercase letters, digits and dashes")
    if request.author:
        answers.setdefault("author_name", request.author.name)
        answers.setdefault("author_email", request.author.email)
    if request.dataset is not None:
        if not request.target:
            raise AnswerError("--dataset needs --target COLUMN (the column to predict)")
        check_dataset(request.dataset, request.target)
        answers["dataset_file"] = f"data/raw/{request.dataset.name}"
        answers["target_column"] = request.target
    elif request.target:
        raise AnswerError("--target needs --dataset PATH.csv")
    return {key: value for key, value in answers.items() if config.question(key) or key == "project_type"}


def check_project_name(name: str) -> None:
    """Refuse names that read as paths: they would create folders outside the destination."""
    stripped = name.strip()
    if not stripped:
        raise AnswerError("the project name cannot be empty")
    for flavour in (PurePosixPath, PureWindowsPath):
        path = flavour(stripped)
        if path.is_absolute() or path.anchor or ".." in path.parts or stripped.startswith(("~", "./")):
            raise AnswerError(f"project name {name!r} looks like a path; give a title such as 'Churn model'")


def check_dataset(path: Path, target: str) -> None:
    """The CSV must exist, be readable, not be huge, and have the target column in its header."""
    if not path.is_file():
        raise AnswerError(f"dataset not found: {path}")
    if path.stat().st_size > MAX_DATASET_BYTES:
        raise AnswerError(
            f"dataset {path} is larger than {MAX_DATASET_BYTES // 2**20} MB; keep big data out of git"
        )
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise AnswerError(f"cannot read {path} as a UTF-8 CSV: {error}") from None
    if target not in header:
        columns = ", ".join(header[:20]) or "no columns"
        raise AnswerError(f"target column {target!r} not found in {path.name} (columns: {columns})")


def check_destination(destination: Path) -> None:
    """The destination must not exist, or be an empty folder."""
    if destination.is_symlink() or (destination.exists() and not destination.is_dir()):
        raise DestinationError(f"destination {destination} exists and is not a folder")
    if destination.is_dir() and any(destination.iterdir()):
        raise DestinationError(f"destination {destination} exists and is not empty; choose another folder")


def check_trust(config: TemplateConfig, template: Path, trusted: bool) -> bool:
    """Whether copier may run the template's code; refuse untrusted tasks, migrations, extensions.

    Returns the ``unsafe`` flag to give copier: True when the only "unsafe" feature is our own
    Jinja extension (shipped with this tool), or when the user trusted the template.
    """
    extensions = config.settings.get("_jinja_extensions") or []
    foreign = [ext for ext in extensions if not str(ext).startswith(OWN_EXTENSION_PREFIX)]
    code = [name for name in ("_tasks", "_migrations") if config.settings.get(name)]
    if foreign:
        code.append("_jinja_extensions " + ", ".join(map(str, foreign)))
    if code and not trusted:
        raise UntrustedTemplateError(
            f"template {template} runs code on your machine ({'; '.join(code)}); "
            "review it, then re-run with --trust to allow it"
        )
    return bool(extensions) or bool(code)


@contextmanager
def staging_folder(destination: Path) -> Iterator[Path]:
    """A temporary folder next to ``destination`` (same filesystem, so the final move is a rename)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.portfolio-", dir=destination.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def render_project(request: NewProject) -> Rendered:
    """Create the project described by ``request``; see the module docstring for the guarantees."""
    destination = request.destination.absolute()
    check_destination(destination)
    root = template_root(request.entry)
    config = load_template_config(root)
    answers = complete_answers(request, config)
    unsafe = check_trust(config, root, request.trust)
    if request.commit and request.author is None:
        raise AnswerError("an author is needed for the first commit")
    with staging_folder(destination) as staging:
        project = staging / "project"
        copier_render(root, project, answers, unsafe=unsafe)
        if request.dataset is not None:
            target = project / answers["dataset_file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(request.dataset, target)
        sha = None
        if request.commit and request.author is not None:
            sha = init_and_commit(
                project,
                request.author,
                f"Create {answers['project_name']} from the portfolio '{request.entry.id}' template",
            )
        if destination.is_dir():
            destination.rmdir()  # empty, checked above; rename cannot replace a folder
        os.replace(project, destination)
    return Rendered(destination, answers, sha)


def copier_render(template: Path, destination: Path, answers: dict[str, Any], *, unsafe: bool) -> None:
    """Run copier non-interactively; its errors become one-line RenderErrors."""
    import copier
    from copier.errors import CopierError
    from jinja2 import TemplateError

    try:
        copier.run_copy(
            str(template),
            str(destination),
            data=answers,
            defaults=True,
            overwrite=True,
            quiet=True,
            unsafe=unsafe,
            cleanup_on_error=True,
        )
    except (CopierError, TemplateError, ValueError, OSError) as error:
        raise RenderError(f"rendering {template.name} failed: {' '.join(str(error).split())}") from error


def preview_files(entry: CatalogEntry) -> list[str]:
    """The files a default project of this type contains (rendered for real, then listed)."""
    root = template_root(entry)
    config = load_template_config(root)
    request = NewProject(entry=entry, destination=Path("preview"), commit=False)
    answers = complete_answers(request, config)
    unsafe = check_trust(config, root, trusted=entry.builtin)
    with tempfile.TemporaryDirectory(prefix="portfolio-preview-") as folder:
        project = Path(folder) / "project"
        copier_render(root, project, answers, unsafe=unsafe)
        return sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
