"""Render a catalog entry into a new project, atomically: all of it, committed, or nothing.

Phases (as in copier): validate (answers, trust) → render into a private temporary folder
beside the destination → copy the user's dataset in → first commit → move into place with one
rename. Any failure, including Ctrl-C, removes the temporary folder, so no half-made project is
left behind and nothing that already existed is touched.

The render step depends on the entry's engine: copier (then the template version is recorded
in the answers file, see :mod:`generator.scaffold.versions`), or cookiecutter (then our
documentation layer is added, see :mod:`generator.scaffold.cookiecutter_engine` and
:mod:`generator.scaffold.doc_layer`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from generator.catalog.entries import CatalogEntry
from generator.catalog.source import template_root
from generator.errors import AnswerError, DestinationError, RenderError, UntrustedTemplateError
from generator.naming import is_valid_package_name, package_name, repo_name
from generator.scaffold.answers import TemplateConfig, load_template_config
from generator.scaffold.atomic import staging_folder
from generator.scaffold.dataset import check_dataset, task_of
from generator.scaffold.safety import VCS_NAMES, check_template_links, validate_staging
from generator.scaffold.versions import ANSWERS_FILE, pin_version, record_version
from generator.vcs import Author, init_and_commit

if TYPE_CHECKING:
    from generator.scaffold.doc_layer import DocumentationAdded

# Renders a copier template into a folder: (template, destination, answers, *, unsafe).
CopierCopy = Callable[..., None]

# Jinja extensions shipped with this tool are our own code, not the template's: always allowed.
OWN_EXTENSION_PREFIX = "generator."
NAME_MAX = 255  # bytes in one file name: ext4, APFS, NTFS
STAGING_EXTRA = 20  # ".NAME.portfolio-XXXXXXXX": the staging folder's name is this much longer


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
    notify: Callable[[str], None] | None = None  # told about stale staging folders removed


@dataclass(frozen=True)
class Rendered:
    """What was created."""

    path: Path
    answers: dict[str, Any]
    commit: str | None
    documentation: DocumentationAdded | None = None  # what our layer added to a foreign template


def complete_answers(request: NewProject, config: TemplateConfig) -> dict[str, Any]:
    """Fill the answers the tool derives (type, package and repo names, author) and validate them."""
    answers = clean_answers(request.answers)
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
        check_dataset(request.dataset, request.target, task_of(request.entry.metrics))
        answers["dataset_file"] = f"data/raw/{request.dataset.name}"
        answers["target_column"] = request.target
    elif request.target:
        raise AnswerError("--target needs --dataset PATH.csv")
    return {**declared_answers(answers, config), "project_type": answers["project_type"]}


def declared_answers(answers: dict[str, Any], config: TemplateConfig) -> dict[str, Any]:
    """Our answers under the names this template asks them by, and only those.

    A third-party copier template rarely says ``project_name``: it may ask ``name``,
    ``author_fullname`` or ``module_name``. The same table that maps our answers onto a
    cookiecutter template's keys maps them here; answers it does not ask are dropped.
    """
    from generator.scaffold.cookiecutter_engine import map_answers

    declared = {q.name: list(q.choices) if q.choices else q.default for q in config.questions}
    return map_answers(answers, declared)


# One-line answers that end up in a README title, a commit message or TOML: control characters
# (newlines included) would break those, so they become spaces.
ONE_LINE = ("project_name", "description", "author_name", "author_email")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_PYTHON_VERSION = re.compile(r"^3\.\d{1,2}(\.\d{1,3})?$")


def clean_answers(raw: dict[str, Any]) -> dict[str, Any]:
    """Answers fit to render: one-line answers without control characters, no NUL anywhere,
    ``python_version`` a version (it goes into pyproject.toml, CI and the README)."""
    answers = dict(raw)
    for key, value in answers.items():
        if not isinstance(value, str):
            continue
        if key in ONE_LINE:
            answers[key] = " ".join(_CONTROL.sub(" ", value).split())
            if key == "project_name" and not answers[key]:
                raise AnswerError("the project name cannot be empty")
        elif "\x00" in value:
            raise AnswerError(f"{key}: the answer contains a NUL byte; give plain text")
    version = answers.get("python_version")
    if version is not None and not _PYTHON_VERSION.match(str(version)):
        raise AnswerError(f"python_version {version!r} is not a Python version such as 3.11 or 3.12")
    return answers


def check_project_name(name: str) -> None:
    """Refuse names that read as paths: they would create folders outside the destination."""
    stripped = name.strip()
    if not stripped:
        raise AnswerError("the project name cannot be empty")
    for flavour in (PurePosixPath, PureWindowsPath):
        path = flavour(stripped)
        if path.is_absolute() or path.anchor or ".." in path.parts or stripped.startswith(("~", "./")):
            raise AnswerError(f"project name {name!r} looks like a path; give a title such as 'Churn model'")


def check_destination(destination: Path) -> None:
    """The destination must not exist, or be an empty folder, and be a folder name the disk takes."""
    for ancestor in destination.parents:
        if ancestor.exists() or ancestor.is_symlink():
            if not ancestor.is_dir():
                raise DestinationError(f"cannot create {destination}: {ancestor} is a file, not a folder")
            break
    for part in destination.parts:
        size = len(os.fsencode(part)) + (STAGING_EXTRA if part == destination.name else 0)
        if size > NAME_MAX:
            raise DestinationError(
                f"folder name {part[:40]}... is too long ({len(os.fsencode(part))} bytes; the file system "
                f"allows {NAME_MAX}, and the staging folder needs {STAGING_EXTRA} more): choose a shorter DEST"
            )
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


def template_config(entry: CatalogEntry, root: Path | None = None) -> TemplateConfig:
    """The questions of an entry's template, whichever engine renders it."""
    root = template_root(entry) if root is None else root
    if entry.template.engine == "cookiecutter":
        from generator.scaffold.cookiecutter_engine import load_config, template_folder

        return load_config(template_folder(root, entry.template.directory))
    return load_template_config(root)


def render_project(request: NewProject, *, copy: CopierCopy | None = None, links_checked: bool = False) -> Rendered:
    """Create the project described by ``request``; see the module docstring for the guarantees.

    ``copy`` replaces :func:`copier_render` (same signature): a cohort renders many projects with
    one copier template kept in memory, through these same phases (the version is recorded too).
    ``links_checked``: the caller has already refused a template whose links leave it (a cohort
    checks its one template once, not once a student: the walk is ~30 ms of each render).
    """
    destination = request.destination.absolute()
    check_destination(destination)
    title = clean_answers(request.answers).get("project_name") or request.entry.title  # one line, no NUL
    root = template_root(request.entry)
    config = template_config(request.entry, root)
    answers = complete_answers(request, config)
    render = _renderer(request, root, config, copy or copier_render, links_checked)
    if request.commit and request.author is None:
        raise AnswerError("an author is needed for the first commit")
    with staging_folder(destination, request.notify) as staging:
        project = staging / "project"
        documentation = render(project, answers)
        validate_staging(project, root)
        if request.dataset is not None:
            target = project / answers.get("dataset_file", f"data/raw/{request.dataset.name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(request.dataset, target)
        sha = None
        if request.commit and request.author is not None:
            sha = init_and_commit(
                project,
                request.author,
                f"Create {title} from the portfolio '{request.entry.id}' template",
            )
        if destination.is_dir():
            destination.rmdir()  # empty, checked above; rename cannot replace a folder
        os.replace(project, destination)
    return Rendered(destination, answers, sha, documentation)


def _renderer(
    request: NewProject, root: Path, config: TemplateConfig, copy: CopierCopy, links_checked: bool
) -> Callable[[Path, dict], Any]:
    """Check the template may run (trust) and ships only its own files before anything is written;
    return what renders it."""
    entry = request.entry
    if entry.template.engine == "cookiecutter":
        from generator.scaffold import cookiecutter_engine
        from generator.scaffold.doc_layer import add_documentation

        folder = cookiecutter_engine.template_folder(root, entry.template.directory)
        cookiecutter_engine.check_trust(folder, request.trust)
        if not links_checked:
            check_template_links(folder)

        def render_cookiecutter(project: Path, answers: dict) -> Any:
            cookiecutter_engine.cookiecutter_render(folder, project, answers, accept_hooks=request.trust)
            return add_documentation(project, entry, answers, overwrite=entry.template.overwrite)

        return render_cookiecutter
    unsafe = check_trust(config, root, request.trust)
    if not links_checked:
        check_template_links(root)

    def render_copier(project: Path, answers: dict) -> Any:
        copy(root, project, answers, unsafe=unsafe)
        if (project / ANSWERS_FILE).is_file():  # without one, copier cannot update the project later
            record_version(project, pin_version(entry, root))
        if entry.builtin:
            return None
        from generator.scaffold.doc_layer import add_documentation  # a custom entry: same layer as cookiecutter

        return add_documentation(project, entry, answers, overwrite=entry.template.overwrite)

    return render_copier


def copier_render(
    template: Path,
    destination: Path,
    answers: dict[str, Any],
    *,
    unsafe: bool,
    skip_tasks: bool = False,
    ref: str = "HEAD",
) -> None:
    """Run copier non-interactively; its errors become one-line RenderErrors.

    A template at the root of a git checkout is rendered at ``ref``: by default what is checked
    out, not copier's default (the newest tag), so the recorded version is the rendered one.
    """
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
            skip_tasks=skip_tasks,
            vcs_ref=ref,
            exclude=sorted(VCS_NAMES),  # added to the template's own _exclude, which may be []
            cleanup_on_error=True,
        )
    except (CopierError, TemplateError, ValueError, OSError) as error:
        raise RenderError(f"rendering {template.name} failed: {' '.join(str(error).split())}") from error


def preview_files(entry: CatalogEntry, *, trusted: bool = False) -> list[str]:
    """The files a default project of this type contains (rendered for real, inertly, then listed)."""
    root = template_root(entry)
    config = template_config(entry, root)
    request = NewProject(entry=entry, destination=Path("preview"), commit=False)
    answers = complete_answers(request, config)
    with tempfile.TemporaryDirectory(prefix="portfolio-preview-") as folder:
        project = Path(folder) / "project"
        render_inert(entry, root, config, answers, project, trusted=trusted)
        return sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())


def render_inert(
    entry: CatalogEntry,
    root: Path,
    config: TemplateConfig,
    answers: dict[str, Any],
    project: Path,
    *,
    trusted: bool = False,
) -> None:
    """Render without running the template's code (previews, ``catalog validate``).

    Cookiecutter hooks and copier tasks are skipped; a template that loads Jinja extensions of
    its own (code run on import: copier ``_jinja_extensions``, cookiecutter ``_extensions``) is
    not rendered unless it is built in or its catalog is trusted (``PORTFOLIO_TRUSTED_CATALOGS``).
    The same file rules as a real render apply (see :mod:`generator.scaffold.safety`).
    """
    trusted = trusted or entry.builtin
    if entry.template.engine == "cookiecutter":
        from generator.scaffold import cookiecutter_engine
        from generator.scaffold.doc_layer import add_documentation

        folder = cookiecutter_engine.template_folder(root, entry.template.directory)
        cookiecutter_engine.check_extensions(folder, trusted)
        check_template_links(folder)
        cookiecutter_engine.cookiecutter_render(folder, project, answers, accept_hooks=False)
        validate_staging(project, folder)
        add_documentation(project, entry, answers, overwrite=entry.template.overwrite)
        return
    settings = {key: value for key, value in config.settings.items() if key not in {"_tasks", "_migrations"}}
    unsafe = check_trust(TemplateConfig(config.questions, settings), root, trusted=trusted)
    check_template_links(root)
    copier_render(root, project, answers, unsafe=unsafe, skip_tasks=True)
    validate_staging(project, root)
