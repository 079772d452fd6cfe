"""Create one project per student of a roster, resumably: ``portfolio cohort new``.

A term's cohort is 30-300 students and a run can be interrupted (Ctrl-C, a laptop lid, GitHub
saying no). So every student's outcome is written to ``cohort-status.csv`` as soon as it is
known (atomically: the file is always complete), and a re-run skips the students marked
``ok`` whose folder still exists, retries the failed ones, and continues where it stopped.
One student's failure never stops the others. All students are rendered in this process by
one :class:`~generator.cohort.batch.BatchRenderer`, so the template is parsed and compiled once.

Phases per student: render + first commit (skipped when an earlier run already did it), then
with ``publish``: create the repository (in the organisation), push, add the student as a
collaborator with push rights.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.cohort.roster import Student, from_spreadsheet_safe, spreadsheet_safe
from generator.errors import CohortError, PortfolioError
from generator.vcs import Author

if TYPE_CHECKING:
    from generator.catalog.entries import Catalog, CatalogEntry

STATUS_FILE = "cohort-status.csv"
STATUS_FIELDS = ("student", "repo", "path", "status", "url")
OK = "ok"
RENDER, PUBLISH = "render", "publish"  # the phase a failure happened in, recorded in the status


@dataclass(frozen=True)
class StudentStatus:
    """One row of ``cohort-status.csv``: ``status`` is ``ok`` or ``failed: <phase>: <reason>``."""

    student: str
    repo: str
    path: str
    status: str
    url: str = ""

    @property
    def ok(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class PublishSettings:
    """Where and how to publish every student's repository."""

    org: str | None = None
    private: bool = False
    token: str | None = None
    token_env: str | None = None
    api_url: str | None = None
    write_pause: float | None = None  # None: GitHub's recommended pacing


@dataclass(frozen=True)
class CohortEvent:
    """Progress of a run: ``kind`` is ``skipped``, ``started``, ``ok`` or ``failed`` for a student,
    and ``rendered`` or ``progress`` (``detail`` says what is being done) between those."""

    kind: str
    index: int
    total: int
    student: Student
    status: StudentStatus | None = None
    detail: str = ""


def _no_events(event: CohortEvent) -> None:
    """Default event sink for callers that do not show progress."""


@dataclass
class CohortOptions:
    """Everything a cohort run needs besides the students."""

    entry: CatalogEntry
    destination: Path
    author: Author
    answers: dict[str, Any] = field(default_factory=dict)
    trust: bool = False
    publish: PublishSettings | None = None
    status_file: Path | None = None
    catalog: Catalog | None = None
    on_event: Callable[[CohortEvent], None] = _no_events
    notify: Callable[[str], None] | None = None  # told about stale staging folders removed

    @property
    def status_path(self) -> Path:
        return self.status_file or self.destination / STATUS_FILE


@dataclass
class CohortResult:
    """What a run did: every student's status, and how many were created, skipped, failed."""

    statuses: list[StudentStatus]
    status_file: Path
    created: int = 0
    skipped: int = 0

    @property
    def failed(self) -> list[StudentStatus]:
        return [row for row in self.statuses if not row.ok]


# -- the status file ---------------------------------------------------------------------------
def read_status(path: Path) -> dict[str, StudentStatus]:
    """``{repo: status}`` from an earlier run (empty when there was none)."""
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CohortError(f"{path}: cannot read the status file ({error})") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in ("student", "repo", "status") if name not in (reader.fieldnames or [])]
    if missing:
        raise CohortError(
            f"{path}: not a cohort status file (missing column {', '.join(missing)}); "
            "move it away or pass another --status file"
        )
    rows = {}
    for row in reader:
        status = StudentStatus(**{name: from_spreadsheet_safe(row.get(name) or "").strip() for name in STATUS_FIELDS})
        if status.repo:
            rows[status.repo] = status
    return rows


def write_status(path: Path, rows: Sequence[StudentStatus]) -> None:
    """Replace ``path`` with ``rows`` in one rename, so an interrupted run never leaves half a file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(STATUS_FIELDS)
    for row in rows:
        writer.writerow([spreadsheet_safe(getattr(row, name)) for name in STATUS_FIELDS])
    atomic_write_text(path, buffer.getvalue())


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as handle:
        handle.write(text)
    try:
        os.chmod(handle.name, 0o644)  # a report, not a secret (the temporary file starts as 0600)
        os.replace(handle.name, path)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
        raise


# -- the run -----------------------------------------------------------------------------------
def student_answers(student: Student, options: CohortOptions) -> dict[str, Any]:
    """The template answers for one student: the shared ones, plus their name, email and repo."""
    answers = dict(options.answers)
    answers["project_name"] = student.project_name or answers.get("project_name") or options.entry.title
    answers["repo_name"] = student.repo
    answers["author_name"] = student.name
    if student.email:
        answers["author_email"] = student.email
    elif student.github:
        answers["author_email"] = f"{student.github}@users.noreply.github.com"
    if options.publish and options.publish.org:
        answers.setdefault("github_owner", options.publish.org)
    return answers


def run_cohort(students: Sequence[Student], options: CohortOptions) -> CohortResult:
    """Create (and optionally publish) every student's project; see the module docstring."""
    from generator.cohort.batch import BatchRenderer
    from generator.scaffold.render import NewProject

    status_path = options.status_path
    if options.destination.exists() and not options.destination.is_dir():
        raise CohortError(f"--dest {options.destination} is a file, not a folder; choose a folder for the projects")
    previous = read_status(status_path)
    rows: dict[str, StudentStatus] = dict(previous)
    result = CohortResult(statuses=[], status_file=status_path)
    publisher = _Publisher(options.publish, options.catalog) if options.publish else None
    total = len(students)
    conflicts: dict[str, StudentStatus] = {}
    with BatchRenderer(options.entry, trust=options.trust) as renderer:
        for index, student in enumerate(students, start=1):
            path = (options.destination / student.repo).absolute()
            prior = previous.get(student.repo)
            if prior and prior.student != student.name:
                # The folder is someone else's: report it, and keep its row (it is the truth about it).
                conflicts[student.repo] = StudentStatus(
                    student.name,
                    student.repo,
                    str(path),
                    f"failed: {RENDER}: {student.repo} was made for {prior.student!r} in an earlier run; "
                    "the roster's order or names changed: restore them, or remove that row from the status file",
                )
                options.on_event(CohortEvent("failed", index, total, student, conflicts[student.repo]))
                continue
            if prior and prior.ok and path.is_dir() and (publisher is None or prior.url):
                result.skipped += 1
                options.on_event(CohortEvent("skipped", index, total, student, prior))
                continue
            options.on_event(CohortEvent("started", index, total, student))
            url = prior.url if prior else ""
            phase = RENDER

            def progress(message: str, index: int = index, student: Student = student) -> None:
                options.on_event(CohortEvent("progress", index, total, student, detail=message))

            try:
                # What an earlier run finished (it may have been killed after the render, after creating
                # the repository, or after the push) is recognised as ours and taken up, not re-made.
                if publisher is not None and not path.exists():
                    publisher.recover(path, student, options.entry.id, progress)
                if not own_project(path, student, options.entry.id):
                    request = NewProject(
                        entry=options.entry,
                        destination=path,
                        answers=student_answers(student, options),
                        author=options.author,
                        trust=options.trust,
                        notify=options.notify,
                    )
                    renderer.render(request)
                    options.on_event(CohortEvent("rendered", index, total, student))
                if publisher is not None:
                    phase = PUBLISH
                    url = publisher.publish(path, student, progress)
                status = StudentStatus(student.name, student.repo, str(path), OK, url)
                result.created += 1
            except (PortfolioError, OSError) as error:
                reason = " ".join(str(error).split()) or type(error).__name__
                status = StudentStatus(student.name, student.repo, str(path), f"failed: {phase}: {reason}", url)
            rows[student.repo] = status
            write_status(status_path, _in_roster_order(rows, students))
            options.on_event(CohortEvent("ok" if status.ok else "failed", index, total, student, status))
    result.statuses = [conflicts.get(student.repo) or rows[student.repo] for student in students]
    write_status(status_path, _in_roster_order(rows, students))
    return result


def own_project(path: Path, student: Student, entry_id: str) -> bool:
    """Whether ``path`` holds this student's project as an earlier (perhaps interrupted) run made it.

    Ours: the first commit is the one the render makes for this catalog entry, and the answers
    file (when the template keeps one) names this student and repository.
    """
    from generator.scaffold.versions import read_answers
    from generator.vcs import git_run

    if not (path / ".git").exists():
        return False
    try:
        first = git_run(["log", "--max-parents=0", "--format=%s", "HEAD"], cwd=path).splitlines()
    except PortfolioError:
        return False
    if len(first) != 1 or not first[0].endswith(f"from the portfolio '{entry_id}' template"):
        return False
    answers = read_answers(path)
    return not answers or (answers.get("repo_name"), answers.get("author_name")) == (student.repo, student.name)


def _in_roster_order(rows: dict[str, StudentStatus], students: Sequence[Student]) -> list[StudentStatus]:
    """Roster students first (in order), then rows of earlier runs for students no longer listed."""
    listed = [rows[s.repo] for s in students if s.repo in rows]
    names = {s.repo for s in students}
    return listed + [row for repo, row in rows.items() if repo not in names]


class _Publisher:
    """One GitHub client for the whole cohort (paced for GitHub's limits), checked before any work."""

    def __init__(self, settings: PublishSettings, catalog: Catalog | None) -> None:
        from generator.github import api as github_api
        from generator.github.org import check_access

        self.settings = settings
        self.catalog = catalog
        self.token = settings.token or github_api.resolve_token(settings.token_env)
        self.api_url = github_api.api_url(settings.api_url)
        pause = github_api.DEFAULT_WRITE_PAUSE if settings.write_pause is None else settings.write_pause
        self.write_pause = pause
        self.client = github_api.client(self.token, self.api_url, write_pause=pause)
        # Token, organisation and membership, once: a mistyped --org fails here, not per student.
        self.owner = check_access(self.client, settings.org, self.token, self.api_url)

    def recover(self, path: Path, student: Student, entry_id: str, progress: Callable[[str], None]) -> None:
        """Clone the student's repository into the missing ``path`` when it holds our project.

        A run killed after the push, whose folder was then removed, would otherwise render a new
        project whose history the repository refuses. A clone that is not ours is removed again.
        """
        import shutil

        from generator.check.targets import clone_environment
        from generator.github.publish import get_repository
        from generator.vcs import git_run

        repo = get_repository(self.client, f"{self.owner}/{student.repo}", self.token, self.api_url)
        if repo is None:
            return
        progress(f"Taking up {self.owner}/{student.repo} from an earlier run")
        try:
            url = repo.clone_url
            git_run(["clone", "--quiet", "--", url, str(path)], env=clone_environment(self.token, url))
        except PortfolioError:
            shutil.rmtree(path, ignore_errors=True)  # empty repository, or unreadable: render as usual
            return
        if not own_project(path, student, entry_id):
            shutil.rmtree(path, ignore_errors=True)

    def publish(self, path: Path, student: Student, progress: Callable[[str], None]) -> str:
        """Create and push the student's repository, add the student; return its web URL."""
        from generator.github.plan import PublishOptions
        from generator.github.publish import add_collaborator, publish_project

        options = PublishOptions(
            name=student.repo,
            org=self.settings.org,
            private=self.settings.private,
            token=self.token,
            api_url=self.api_url,
            write_pause=self.write_pause,
            client=self.client,
            catalog=self.catalog,
            progress=progress,
        )
        result = publish_project(path, options)
        if student.github:
            progress(f"Adding {student.github} to {self.owner}/{student.repo}")
            add_collaborator(self.client, f"{self.owner}/{student.repo}", student.github, "push")
        return result.url
