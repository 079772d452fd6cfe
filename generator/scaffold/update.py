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
* an update with conflicts is left uncommitted, with the conflicted files listed;
* a file the student edited that the new version deletes (or renames) is kept, and reported
  like a conflict: copier's merge would delete it, and the student's work with it;
* all or nothing: on any failure, Ctrl-C or SIGTERM the project is put back exactly as it was
  (it was clean, so ``git reset --hard`` + ``git clean`` to the recorded commit is exact). A run
  killed outright (SIGKILL) leaves a marker in ``.git``; the next run restores and says so.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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
from generator.vcs import Author, commit_changes, committed_bytes, git_run, safe_git_environment

CONFLICT_MARKERS = ("<<<<<<< before updating", ">>>>>>> after updating")
IN_PROGRESS = "portfolio-update-in-progress"  # in .git: the commit an unfinished update started from


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
    kept: list[str] = field(default_factory=list)  # edited by the student, deleted by the new version
    notices: tuple[str, ...] = ()  # e.g. an earlier interrupted update was undone first

    @property
    def needs_review(self) -> list[str]:
        """Every file the student must look at before committing (conflicts and kept files)."""
        return sorted({*self.conflicts, *self.kept})


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
    restored = _finish_interrupted(project.resolve()) if project.is_dir() else ()
    status = update_status(project)
    target = to or status.latest
    if target not in store_tags(status.store):
        known = ", ".join(store_tags(status.store))
        raise UpdateError(f"unknown template version {target!r} (known: {known})")
    if version_key(target) < version_key(status.current):
        raise UpdateError(f"{target} is older than the project's template version {status.current}")
    _refuse_dirty(status.project)
    if target == status.current:
        return UpdateResult(status, target, changed=False, notices=restored)
    unsafe = _check_trust(status.store, target, trust)
    with _all_or_nothing(status.project):
        _run_copier_update(status.project, target, unsafe)
        kept = _keep_edited_deletions(status, unsafe)
        conflicts = conflicted_files(status.project)
        sha = None
        if commit and not conflicts and not kept:
            sha = commit_changes(status.project, f"Update template from {status.current} to {target}", author)
    return UpdateResult(status, target, changed=True, conflicts=conflicts, commit=sha, kept=kept, notices=restored)


def _head(project: Path) -> str:
    return git_run(["-C", str(project), "rev-parse", "HEAD"])


def _restore(project: Path, commit: str) -> None:
    """Put the work tree and index back to ``commit`` (the clean state an update started from)."""
    git_run(["-C", str(project), "reset", "--quiet", "--hard", commit])
    git_run(["-C", str(project), "clean", "--quiet", "-fd"])


@contextmanager
def _all_or_nothing(project: Path) -> Iterator[None]:
    """Restore the project on any exception (Ctrl-C and SIGTERM included); see the module docstring.

    The update leaves the tree changed but uncommitted for review (conflicts, kept files,
    ``commit=False``): that is a finished update, so the marker goes once the block succeeds.
    """
    from generator.scaffold.atomic import terminate_as_interrupt

    start = _head(project)
    marker = _git_dir(project) / IN_PROGRESS
    marker.write_text(start + "\n", encoding="utf-8")
    try:
        with terminate_as_interrupt():
            yield
    except BaseException:
        _restore(project, start)
        marker.unlink(missing_ok=True)
        raise
    marker.unlink(missing_ok=True)


def _finish_interrupted(project: Path) -> tuple[str, ...]:
    """Undo what an update killed outright left behind (its marker says from which commit)."""
    try:
        marker = _git_dir(project) / IN_PROGRESS
    except GitError:
        return ()
    if not marker.is_file():
        return ()
    start = marker.read_text(encoding="utf-8").strip()
    if _head(project) == start:
        _restore(project, start)
    marker.unlink(missing_ok=True)
    return (f"an earlier update of {project.name} was interrupted; the project was put back to {start[:10]}",)


def _git_dir(project: Path) -> Path:
    return Path(git_run(["-C", str(project), "rev-parse", "--absolute-git-dir"]))


def _keep_edited_deletions(status: UpdateStatus, unsafe: bool) -> list[str]:
    """Bring back files the update deleted that the student had edited; return their names.

    "Edited" means different from what the project's current template version renders, so a
    file the student never touched may go, as the template author intended.
    """
    project = status.project
    deleted = [
        line[3:] for line in git_run(["-C", str(project), "status", "--porcelain"]).splitlines() if "D" in line[:2]
    ]
    if not deleted:
        return []
    with tempfile.TemporaryDirectory(prefix="portfolio-update-") as folder:
        pristine = Path(folder) / "old"
        _render_version(status, pristine, unsafe)
        kept = []
        for name in deleted:
            original = pristine / name
            ours = committed_bytes(project, name)
            if not original.is_file() or original.read_bytes() != ours:
                git_run(["-C", str(project), "checkout", "HEAD", "--", name])
                kept.append(name)
    return sorted(kept)


def _render_version(status: UpdateStatus, destination: Path, unsafe: bool) -> None:
    """Render the project's current template version with its recorded answers (tasks skipped)."""
    from generator.scaffold.render import copier_render

    answers = {key: value for key, value in read_answers(status.project).items() if not key.startswith("_")}
    copier_render(status.store, destination, answers, unsafe=unsafe, skip_tasks=True, ref=status.current)


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
