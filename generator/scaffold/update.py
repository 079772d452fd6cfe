"""Bring a generated project to the newest version of its template (``portfolio update``).

The project's ``.copier-answers.yml`` names a template store and the tag it was made from
(see :mod:`generator.scaffold.versions`). The update refreshes that store, then lets copier do a
3-way merge: the student's edits are kept, template changes are applied, and where both touched
the same lines the file gets inline conflict markers (``<<<<<<< before updating``). Nothing is
deleted that the student added.

Decisions:

* a project with uncommitted changes (untracked files included) is refused: the update must be
  reviewable as one diff, and copier's merge needs a clean base;
* a clean update is committed ("Update template from v1 to v2"), so ``git log`` tells when the
  template changed and the project is clean for the next one; ``commit=False`` leaves it for review;
* an update with conflicts is left uncommitted, with the conflicted files listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog.source import redact, version_key
from generator.errors import GitError, UpdateError
from generator.scaffold.versions import (
    ANSWERS_FILE,
    read_answers,
    refresh,
    store_config,
    store_tags,
    stores_root,
)
from generator.vcs import Author, commit_changes, git_run, safe_git_environment

CONFLICT_MARKERS = ("<<<<<<< before updating", ">>>>>>> after updating")


@dataclass(frozen=True)
class UpdateStatus:
    """Where a project stands against its template."""

    project: Path
    current: str
    latest: str
    store: Path

    @property
    def available(self) -> bool:
        """Whether a newer template version exists."""
        return version_key(self.latest) > version_key(self.current)


@dataclass(frozen=True)
class UpdateResult:
    """What an update did."""

    status: UpdateStatus
    target: str
    changed: bool
    conflicts: list[str] = field(default_factory=list)
    commit: str | None = None


def update_status(project: Path) -> UpdateStatus:
    """Refresh the project's template store and compare its newest tag with the project's version."""
    project = project.resolve()
    if not project.is_dir():
        raise UpdateError(f"{project} is not a folder")
    answers = read_answers(project)
    if not answers:
        raise UpdateError(f"{project} has no {ANSWERS_FILE}: it was not generated from a copier template")
    source, current = answers.get("_src_path"), answers.get("_commit")
    if not source or not current:
        raise UpdateError(
            f"{project / ANSWERS_FILE} records no template version (_src_path/_commit); "
            "only projects made by portfolio with versioned templates can be updated"
        )
    store = Path(str(source)).expanduser()
    if store.parent.parts[-2:] != stores_root().parts[-2:]:  # .../portfolio/templates/<key>, on any machine
        raise UpdateError(
            f"{project.name} was generated from {redact(str(source))}, not from a portfolio catalog; "
            "update it with `copier update` directly"
        )
    if not store_config(store):
        raise UpdateError(
            f"the template store {source} recorded in {ANSWERS_FILE} is missing on this machine; "
            "rebuild it from the project's catalog: portfolio --catalog URL update"
        )
    refresh(store)
    tags = store_tags(store)
    if str(current) not in tags:
        raise UpdateError(f"template version {current} is not in the template store {store}")
    return UpdateStatus(project, str(current), tags[-1], store)


def update_project(
    project: Path,
    *,
    to: str | None = None,
    trust: bool = False,
    author: Author | None = None,
    commit: bool = True,
) -> UpdateResult:
    """Update ``project`` to the newest template version (or ``to``); see the module docstring."""
    status = update_status(project)
    target = to or status.latest
    if target not in store_tags(status.store):
        known = ", ".join(store_tags(status.store))
        raise UpdateError(f"unknown template version {target!r} (known: {known})")
    if version_key(target) < version_key(status.current):
        raise UpdateError(f"{target} is older than the project's template version {status.current}")
    _refuse_dirty(status.project)
    if target == status.current:
        return UpdateResult(status, target, changed=False)
    unsafe = _check_trust(status.store, target, trust)
    _run_copier_update(status.project, target, unsafe)
    conflicts = conflicted_files(status.project)
    sha = None
    if commit and not conflicts:
        sha = commit_changes(status.project, f"Update template from {status.current} to {target}", author)
    return UpdateResult(status, target, changed=True, conflicts=conflicts, commit=sha)


def _refuse_dirty(project: Path) -> None:
    try:
        dirty = git_run(["-C", str(project), "status", "--porcelain", "--untracked-files=all"])
        top = Path(git_run(["-C", str(project), "rev-parse", "--show-toplevel"])).resolve()
    except GitError:
        raise UpdateError(f"{project} is not a git repository; updates need the project under git") from None
    if top != project:
        raise UpdateError(f"{project} is not the root of its git repository ({top})")
    if dirty:
        files = [line[3:] for line in dirty.splitlines()]
        shown = ", ".join(files[:5]) + (f" (+{len(files) - 5} more)" if len(files) > 5 else "")
        raise UpdateError(f"{project} has uncommitted changes ({shown}); commit or stash them, then run update again")


def _check_trust(store: Path, tag: str, trusted: bool) -> bool:
    """The ``unsafe`` flag for copier: refuse a new version's tasks or migrations unless trusted."""
    from generator.scaffold.answers import parse_template_config
    from generator.scaffold.render import check_trust

    for name in ("copier.yml", "copier.yaml"):
        try:
            text = git_run(["-C", str(store), "show", f"{tag}:{name}"])
        except GitError:
            continue
        return check_trust(parse_template_config(text, f"{name}@{tag}"), Path(f"{store.name}@{tag}"), trusted)
    raise UpdateError(f"template version {tag} in {store} has no copier.yml")


def _run_copier_update(project: Path, target: str, unsafe: bool) -> None:
    import copier
    from copier.errors import CopierError

    try:
        with safe_git_environment():  # copier runs git in the project: its .git/config runs nothing
            copier.run_update(
                str(project),
                vcs_ref=target,
                defaults=True,
                overwrite=True,
                quiet=True,
                conflict="inline",
                unsafe=unsafe,
                skip_answered=True,
            )
    except (CopierError, ValueError) as error:
        raise UpdateError(f"updating {project.name} failed: {' '.join(str(error).split())}") from error


def conflicted_files(project: Path) -> list[str]:
    """Files the update left with inline conflict markers (copier records them as unmerged too)."""
    unmerged = git_run(["-C", str(project), "diff", "--name-only", "--diff-filter=U"])
    names = set(unmerged.splitlines())
    changed = git_run(["-C", str(project), "status", "--porcelain", "--untracked-files=all"])
    for line in changed.splitlines():
        path = project / line[3:]
        if path.is_file() and _has_markers(path):
            names.add(line[3:])
    return sorted(names)


def _has_markers(path: Path) -> bool:
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return False
    markers = {marker.encode() for marker in CONFLICT_MARKERS}
    return any(line.rstrip() in markers for line in lines)
