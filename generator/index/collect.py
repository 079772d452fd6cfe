"""Turn one target (folder, git URL, ``owner/repo``) into the card the index shows for it.

Everything is read, nothing is run: the answers file, ``reports/metrics.json``, the README and
the dependency files, plus a ``check`` of the documentation. Remote targets are shallow-cloned
into a temporary folder (with ``check``'s hardened clone) that is removed afterwards.
Whatever goes wrong with one project's files becomes a warning on its card; only a target
that cannot be reached at all is an error, and the caller decides what to do with it.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import PortfolioError, SyncError, TargetError
from generator.index import showcase
from generator.index.infer import dependencies, infer_type, skills_from_dependencies
from generator.index.model import Metric, ProjectCard

if TYPE_CHECKING:
    from generator.catalog.entries import Catalog, CatalogEntry
    from generator.check import ProjectReport, Rubric

ANSWERS_FILE = ".copier-answers.yml"
MAX_FIXES = 3
METRICS_FILE = Path("reports") / "metrics.json"
README_NAMES = ("README.md", "README.rst", "README.txt", "readme.md")
# Level of each built-in type, for inferred types the loaded catalog does not define.
DEFAULT_LEVELS = {
    "classification": "foundational",
    "regression": "foundational",
    "clustering": "foundational",
    "nlp": "advanced",
    "vision": "advanced",
    "timeseries": "advanced",
    "pipeline": "end-to-end",
}
_OWNER_REPO = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}")
_SCP_URL = re.compile(r"^[\w.-]+@(?P<host>[\w.-]+):(?P<path>\S+)$")


def _ignore(message: str) -> None:
    """Default sink for progress lines: library callers that do not print get silence."""


@dataclass
class CollectOptions:
    """How to reach remote projects and what to score them with; defaults suit local folders."""

    api_url: str | None = None
    token: str | None = None
    catalog: Catalog | None = None
    rubric: Rubric | None = None
    progress: Callable[[str], None] = field(default=_ignore)

    def entry(self, type_id: str | None) -> CatalogEntry | None:
        """The catalog entry for ``type_id`` (None when unknown or no catalog)."""
        if type_id is None:
            return None
        if self.catalog is None:
            from generator.catalog.entries import load_catalog

            self.catalog = load_catalog()
        return self.catalog.entries.get(type_id)


def card_for_target(target: str, options: CollectOptions) -> ProjectCard:
    """The card for anything ``portfolio check`` accepts; raises TargetError when unreachable."""
    from generator.check.targets import github_clone_url, is_git_url

    local = Path(target).expanduser()
    if local.is_dir() and not _is_bare(local):
        return card_for_directory(local, target, local_url(local), options)
    if local.is_dir():
        return card_for_clone(local.resolve().as_uri(), target, local.resolve().as_uri(), options)
    if is_git_url(target):
        return card_for_clone(target, target, web_url(target), options)
    if _OWNER_REPO.fullmatch(target):
        clone_url = github_clone_url(target, api_url=options.api_url, token=options.token)
        return card_for_clone(clone_url, target, web_url(clone_url), options)
    raise TargetError(f"{target}: no such directory, and not a git URL or GitHub owner/repo")


def card_for_clone(
    clone_url: str, target: str, url: str | None, options: CollectOptions, *, fork: bool = False
) -> ProjectCard:
    """Shallow-clone ``clone_url`` into a temporary folder and describe it."""
    from generator.check.targets import shallow_clone

    options.progress(f"cloning {target}")
    with tempfile.TemporaryDirectory(prefix="portfolio-index-") as temporary:
        destination = Path(temporary) / "repo"
        shallow_clone(clone_url, destination, options.token)
        return card_for_directory(destination, target, url, options, fork=fork)


def card_for_directory(
    root: Path, target: str, url: str | None, options: CollectOptions, *, fork: bool = False
) -> ProjectCard:
    """Describe the project checked out at ``root``; problems become warnings on the card."""
    warnings: list[str] = []
    answers = read_answers(root, warnings)
    report = _check(root, target, options, warnings)
    readme_text = _readme_text(root, warnings)
    metrics, headline = _metrics(root, report, warnings)
    deps = dependencies(root)

    type_id = _text(answers.get("project_type"))
    generated = type_id is not None
    inferred = False
    if type_id is None:
        inference = infer_type(readme_text, list(metrics), deps)
        type_id, inferred = inference.type, inference.type is not None
    entry = options.entry(type_id)
    if generated and entry is None:
        warnings.append(f"project type {type_id!r} is not in the catalog; its level is a guess")
    level = entry.level if entry is not None else DEFAULT_LEVELS.get(type_id or "")
    if type_id is not None and level is None:
        level = "foundational"

    if entry is not None and not inferred:
        skills, skills_source = list(entry.skills), "catalog"
    else:
        skills = skills_from_dependencies(deps)
        skills_source = "dependencies" if skills else "none"

    title = _text(answers.get("project_name")) or (report.title if report else None) or _name(target, root)
    problem = report.problem_summary if report else None
    if problem is None and type_id is not None:
        warnings.append("no written Problem section to quote")
    if not url:
        url = _answers_url(answers)
    findings = sorted(report.findings, key=lambda finding: -finding.weight) if report else []
    return ProjectCard(
        id="",
        title=title,
        target=target,
        url=url,
        group="open-source" if fork or level is None else level,
        type=type_id,
        type_title=entry.title if entry is not None else None,
        level=level,
        inferred=inferred,
        generated=generated,
        problem=problem,
        headline=headline,
        metrics=metrics,
        skills=skills,
        skills_source=skills_source,
        score=report.score if report else None,
        grade=report.grade if report else None,
        fork=fork,
        warnings=warnings,
        branch=showcase.branch(root),
        baseline=showcase.baseline(root, headline, metrics),
        figure=showcase.key_figure(root, readme_text, title),
        notebook=showcase.notebook(root),
        fixes=list(dict.fromkeys(finding.fix for finding in findings))[:MAX_FIXES],
    )


def read_answers(root: Path, warnings: list[str]) -> dict[str, Any]:
    """The copier answers of a generated project (empty for any other repository)."""
    import yaml

    path = root / ANSWERS_FILE
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        warnings.append(f"{ANSWERS_FILE} cannot be read ({type(error).__name__}); type inferred instead")
        return {}
    return data if isinstance(data, dict) else {}


def _check(root: Path, target: str, options: CollectOptions, warnings: list[str]) -> ProjectReport | None:
    """The documentation check, or None (with a warning) when it cannot be made."""
    from generator.check import check_project

    try:
        return check_project(root, options.rubric, target=target)
    except (PortfolioError, OSError, ValueError, RecursionError) as error:
        warnings.append(f"documentation check failed ({error})")
        return None


def _readme_text(root: Path, warnings: list[str]) -> str:
    """The README as text for inference; an unreadable one is a warning, not a failure."""
    for name in README_NAMES:
        path = root / name
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                warnings.append(f"{name} cannot be parsed (it is not UTF-8 text)")
            except OSError as error:
                warnings.append(f"{name} cannot be read ({error.strerror})")
            return ""
    warnings.append("no README")
    return ""


def _metrics(root: Path, report: ProjectReport | None, warnings: list[str]) -> tuple[dict[str, float], Metric | None]:
    """Metrics from ``reports/metrics.json`` (its first key is the headline), else the README table."""
    from generator.scaffold.sync import display_name, format_value, read_metrics

    metrics: dict[str, float] = {}
    source = ""
    if (root / METRICS_FILE).is_file():
        try:
            metrics, source = read_metrics(root / METRICS_FILE), str(METRICS_FILE.as_posix())
        except SyncError as error:
            warnings.append(str(error).replace(str(root) + "/", ""))
    if not metrics and report is not None and report.metrics:
        metrics, source = dict(report.metrics), "README"
    if not metrics:
        return {}, None
    name, value = next(iter(metrics.items()))
    return metrics, Metric(name, display_name(name), value, format_value(value), source)


def local_url(root: Path) -> str | None:
    """The web address of a local repository's ``origin`` (None when it has none)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    remote = result.stdout.strip()
    return web_url(remote) if result.returncode == 0 and remote else None


def web_url(git_url: str) -> str:
    """``git@github.com:o/r.git`` or ``https://user@host/o/r.git`` -> ``https://host/o/r``."""
    scp = _SCP_URL.match(git_url)
    if scp:
        return f"https://{scp['host']}/{scp['path'].removesuffix('.git')}"
    if git_url.startswith("file://"):
        return git_url
    url = re.sub(r"^(?:ssh|git)://", "https://", git_url)
    url = re.sub(r"(?<=://)[^/@\s]+@", "", url)  # never show credentials
    return url.rstrip("/").removesuffix(".git")


def _answers_url(answers: dict[str, Any]) -> str | None:
    owner, repo = _text(answers.get("github_owner")), _text(answers.get("repo_name"))
    return f"https://github.com/{owner}/{repo}" if owner and repo else None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _name(target: str, root: Path) -> str:
    """The folder's own name for local targets (``.`` included), else the URL's last part."""
    local = Path(target).expanduser()
    if local.exists():
        return local.resolve().name.removesuffix(".git")
    tail = target.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    return tail or root.name


def _is_bare(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir() and (path / "refs").is_dir()
