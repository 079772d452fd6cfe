"""Bring every student's project to a new template version: ``portfolio cohort update``.

Two places a class's projects live, two ways to update them:

* **Folders** (``--root DIR`` or the status file of ``cohort new``): each project goes through
  :func:`generator.scaffold.update.update_project` in this process, as ``portfolio update`` would.
* **GitHub** (``--org ORG``): a student has pushed to ``main`` since, and the instructor must
  never push there. Each repository's ``main`` is cloned, the update is applied on a branch
  ``portfolio/template-<version>`` (conflicts committed with their markers, so the branch always
  builds a reviewable diff), the branch is pushed and a pull request to ``main`` lists what
  changed and which files conflict (a draft then: nothing red lands unseen). A re-run finds the
  branch and its pull request and opens nothing new; a repository already at the version is
  skipped. Token, organisation and membership are checked once, before the first student.

Every student's outcome is written to ``cohort-update-status.csv`` as soon as it is known, and
one student's failure never stops the others.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cohort.roster import Student, from_spreadsheet_safe, spreadsheet_safe
from generator.cohort.runs import CohortEvent, PublishSettings, atomic_write_text, read_status
from generator.errors import CohortError, PortfolioError
from generator.vcs import Author, commit_changes, git_run

if TYPE_CHECKING:
    from github import Github
    from github.Repository import Repository

    from generator.github.pulls import PullRequestResult

UPDATE_STATUS_FILE = "cohort-update-status.csv"
FIELDS = ("student", "repo", "status", "version", "conflicts", "url")
UPDATED, CURRENT, CONFLICTS, PROPOSED, DECLINED = "updated", "current", "conflicts", "proposed", "declined"
BRANCH_PREFIX = "portfolio/template-"
BASE_BRANCH = "main"


@dataclass(frozen=True)
class StudentUpdate:
    """One row of the update status: ``status`` is one of the outcomes above or ``failed: <reason>``."""

    student: str
    repo: str
    status: str
    version: str = ""
    conflicts: str = ""  # file names, "; "-separated
    url: str = ""  # the pull request

    @property
    def ok(self) -> bool:
        return not self.status.startswith("failed")


@dataclass
class UpdateOptions:
    """Where the projects are and what to update them to."""

    author: Author
    to: str | None = None
    trust: bool = False
    root: Path | None = None  # folders ROOT/<repo>; else the status file of `cohort new`
    new_status: Path | None = None  # cohort-status.csv of `cohort new` (folders mode without --root)
    github: PublishSettings | None = None  # with an org: update on GitHub
    status_file: Path = Path(UPDATE_STATUS_FILE)
    on_event: Callable[[CohortEvent], None] = lambda event: None


@dataclass
class UpdateSummary:
    """Every student's outcome, in roster order."""

    rows: list[StudentUpdate] = field(default_factory=list)
    status_file: Path = Path(UPDATE_STATUS_FILE)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.status == outcome)

    @property
    def failed(self) -> list[StudentUpdate]:
        return [row for row in self.rows if not row.ok]


def update_cohort(students: Sequence[Student], options: UpdateOptions) -> UpdateSummary:
    """Update every student's project (folders or GitHub); see the module docstring."""
    summary = UpdateSummary(status_file=options.status_file)
    rows = read_update_status(options.status_file)
    if options.github is not None:
        step: Callable[[Student], StudentUpdate] = _GitHubUpdater(options).update
    else:
        folders = _folders(students, options)

        def step(student: Student) -> StudentUpdate:
            return _update_folder(student, folders[student.repo], rows.get(student.repo), options)

    total = len(students)
    for index, student in enumerate(students, start=1):
        options.on_event(CohortEvent("started", index, total, student))
        try:
            row = step(student)
        except (PortfolioError, OSError) as error:
            reason = " ".join(str(error).split()) or type(error).__name__
            row = StudentUpdate(student.name, student.repo, f"failed: {reason}")
        rows[student.repo] = row
        summary.rows.append(row)
        write_update_status(options.status_file, [rows[s.repo] for s in students if s.repo in rows])
        options.on_event(CohortEvent("ok" if row.ok else "failed", index, total, student, row))  # type: ignore[arg-type]
    return summary


# -- folders -------------------------------------------------------------------------------------
def _folders(students: Sequence[Student], options: UpdateOptions) -> dict[str, Path | None]:
    if options.root is not None:
        return {s.repo: (options.root / s.repo).absolute() for s in students}
    status_path = options.new_status or Path("cohort-status.csv")
    made = read_status(status_path)
    if not made:
        raise CohortError(f"{status_path}: no cohort status file here; give --root DIR, --status FILE or --org ORG")
    return {s.repo: Path(made[s.repo].path) if s.repo in made and made[s.repo].path else None for s in students}


def _update_folder(
    student: Student, path: Path | None, prior: StudentUpdate | None, options: UpdateOptions
) -> StudentUpdate:
    from generator.scaffold.update import update_project

    if path is None or not path.is_dir():
        raise CohortError(f"no project folder for {student.repo}{f' at {path}' if path else ''}")
    if prior is not None and prior.status == CONFLICTS and git_run(["status", "--porcelain"], cwd=path):
        return prior  # an earlier run left conflicts for the instructor to resolve: not touched again
    result = update_project(path, to=options.to, trust=options.trust, author=options.author)
    if not result.changed:
        return StudentUpdate(student.name, student.repo, CURRENT, result.target)
    if result.conflicts:
        return StudentUpdate(student.name, student.repo, CONFLICTS, result.target, "; ".join(result.conflicts))
    return StudentUpdate(student.name, student.repo, UPDATED, result.target)


# -- GitHub --------------------------------------------------------------------------------------
class _GitHubUpdater:
    """One paced client for the class, access checked once; one pull request per student."""

    def __init__(self, options: UpdateOptions) -> None:
        from generator.github import api as github_api
        from generator.github.org import check_access

        settings = options.github
        assert settings is not None
        self.options = options
        self.api_url = github_api.api_url(settings.api_url)
        self.token = settings.token or github_api.resolve_token(settings.token_env, self.api_url)
        pause = github_api.DEFAULT_WRITE_PAUSE if settings.write_pause is None else settings.write_pause
        self.client: Github = github_api.client(self.token, self.api_url, write_pause=pause)
        self.owner = check_access(self.client, settings.org, self.token, self.api_url)

    def update(self, student: Student) -> StudentUpdate:
        from generator.github.publish import get_repository

        full_name = f"{self.owner}/{student.repo}"
        repo = get_repository(self.client, full_name, self.token, self.api_url)
        if repo is None:
            raise CohortError(f"{full_name} does not exist (or is not visible with this token)")
        with tempfile.TemporaryDirectory(prefix="portfolio-update-") as work:
            clone = Path(work) / student.repo
            self._clone(repo.clone_url, clone)
            return self._propose(student, repo, clone)

    def _clone(self, url: str, destination: Path) -> None:
        from generator.check.targets import clone_environment
        from generator.github.api import scrub

        try:
            git_run(
                ["clone", "--quiet", "--branch", BASE_BRANCH, "--", url, str(destination)],
                env=clone_environment(self.token, url),
            )
        except PortfolioError as error:
            raise CohortError(scrub(f"cannot clone {url}: {error}", self.token)) from None

    def _propose(self, student: Student, repo: Repository, clone: Path) -> StudentUpdate:
        from generator.github import remote
        from generator.github.plan import open_repository
        from generator.scaffold.update import update_project, update_status

        status = update_status(clone)
        target = self.options.to or status.latest
        if target == status.current:
            return StudentUpdate(student.name, student.repo, CURRENT, target)
        branch = f"{BRANCH_PREFIX}{target}"
        url = repo.clone_url
        with open_repository(clone) as git_repo:
            pushed = f"refs/heads/{branch}" in remote.remote_refs(git_repo, url, self.token)
        if pushed:  # an earlier run pushed the branch: describe what is there, push nothing
            git_run(
                ["fetch", "--quiet", "origin", f"+refs/heads/{branch}:refs/heads/{branch}"],
                cwd=clone,
                env=_auth(self.token, url),
            )
            git_run(["checkout", "--quiet", branch], cwd=clone)
            conflicts = _files_with_markers(clone, _changed(clone))
        else:
            git_run(["checkout", "--quiet", "-b", branch], cwd=clone)
            result = update_project(clone, to=target, trust=self.options.trust, author=self.options.author)
            conflicts = result.conflicts
            if conflicts:
                message = f"Update template from {status.current} to {target} (conflicts to resolve)"
                commit_changes(clone, message, self.options.author)
            with open_repository(clone) as git_repo:
                remote.push_branch(git_repo, url, self.token, branch)
        pull = self._open_pull(repo, branch, status.current, target, _changed(clone), conflicts)
        outcome = DECLINED if pull.state != "open" else CONFLICTS if conflicts else PROPOSED
        return StudentUpdate(student.name, student.repo, outcome, target, "; ".join(conflicts), pull.url)

    def _open_pull(
        self, repo: Repository, branch: str, current: str, target: str, changed: list[str], conflicts: list[str]
    ) -> PullRequestResult:
        from generator.github.pulls import open_pull_request

        return open_pull_request(
            repo,
            branch=branch,
            base=BASE_BRANCH,
            title=f"Update the project template to {target}",
            body=pull_request_body(current, target, changed, conflicts),
            draft=bool(conflicts),
            token=self.token,
            api_url=self.api_url,
        )


def pull_request_body(current: str, target: str, changed: list[str], conflicts: list[str]) -> str:
    """What the student reads: the version step, every changed file, and the conflicts to resolve."""
    lines = [
        f"The course template moved from **{current}** to **{target}**. This branch applies that "
        "change to your project; your own edits are kept.",
        "",
        "### Files changed",
        "",
    ]
    lines += [f"- `{name}`" for name in changed] or ["- (none)"]
    if conflicts:
        lines += [
            "",
            "### Conflicts to resolve",
            "",
            "You and the template changed the same lines in these files. They are committed with "
            "`<<<<<<< before updating` / `>>>>>>> after updating` markers: keep what you want, remove "
            "the markers, push to this branch, then mark the pull request ready for review.",
            "",
        ]
        lines += [f"- `{name}`" for name in conflicts]
    return "\n".join(lines) + "\n"


def _changed(clone: Path) -> list[str]:
    """Files that differ between ``main`` and the checked-out branch."""
    return git_run(["diff", "--name-only", f"{BASE_BRANCH}...HEAD"], cwd=clone).splitlines()


def _files_with_markers(clone: Path, names: list[str]) -> list[str]:
    from generator.scaffold.update import CONFLICT_MARKERS

    markers = tuple(marker.encode() for marker in CONFLICT_MARKERS)
    found = []
    for name in names:
        path = clone / name
        if path.is_file() and any(line.rstrip() in markers for line in path.read_bytes().splitlines()):
            found.append(name)
    return found


def _auth(token: str, url: str) -> dict[str, str]:
    from generator.github.remote import auth_env

    return auth_env(token, url)


# -- the status file -----------------------------------------------------------------------------
def read_update_status(path: Path) -> dict[str, StudentUpdate]:
    """``{repo: row}`` from an earlier run (empty when there was none)."""
    if not path.exists():
        return {}
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    if not set(FIELDS) <= set(reader.fieldnames or []):
        raise CohortError(f"{path}: not a cohort update status file; move it away or pass another --status file")
    rows = (StudentUpdate(**{name: from_spreadsheet_safe(row.get(name) or "") for name in FIELDS}) for row in reader)
    return {row.repo: row for row in rows if row.repo}


def write_update_status(path: Path, rows: Sequence[StudentUpdate]) -> None:
    """Replace the status file in one rename (never half a file); cells are spreadsheet-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([spreadsheet_safe(getattr(row, name)) for name in FIELDS])
    atomic_write_text(path, buffer.getvalue())
