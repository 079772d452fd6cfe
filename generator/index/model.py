"""What ``portfolio index`` knows about each project, and the ``portfolio.json`` schema built from it.

The README, the HTML page and ``portfolio.json`` are three views of one :class:`Portfolio`;
keeping the data in one place is what guarantees they always say the same thing.
Nothing here holds a timestamp: re-running on unchanged projects gives byte-identical files,
so a publish of an unchanged index pushes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "portfolio-index/1"

# Reading order of the groups, as reviewers read a portfolio; level -> group id.
GROUPS: tuple[tuple[str, str], ...] = (
    ("foundational", "Foundational projects"),
    ("advanced", "Advanced applications (deep learning, NLP, vision)"),
    ("end-to-end", "End-to-end systems"),
    ("open-source", "Open-source contributions"),
)
GROUP_TITLES = dict(GROUPS)


@dataclass(frozen=True)
class Metric:
    """The headline metric: its id, how the README writes it, its value and where it came from."""

    name: str
    label: str
    value: float
    display: str
    source: str  # "reports/metrics.json" | "README"

    def to_dict(self) -> dict[str, Any]:
        """JSON view."""
        return {
            "name": self.name,
            "label": self.label,
            "value": self.value,
            "display": self.display,
            "source": self.source,
        }


@dataclass(frozen=True)
class Figure:
    """The project's key figure: where it is in the repository, its alt text and a small embedded copy.

    ``thumbnail`` is a ``data:`` URI so the page stays one self-contained file; it is None when
    no downscaled copy could be made (no Pillow and the original is too large to embed).
    """

    path: str  # repository-relative, POSIX separators
    alt: str
    thumbnail: str | None = None
    width: int | None = None
    height: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON view (the thumbnail itself stays in the page)."""
        return {"path": self.path, "alt": self.alt}


@dataclass
class ProjectCard:
    """One project as the index shows it."""

    id: str
    title: str
    target: str
    url: str | None
    group: str
    type: str | None
    type_title: str | None
    level: str | None
    inferred: bool
    generated: bool
    problem: str | None = None
    headline: Metric | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    skills: list[str] = field(default_factory=list)
    skills_source: str = "none"  # "catalog" | "dependencies" | "none"
    score: int | None = None
    grade: str | None = None
    fork: bool = False
    warnings: list[str] = field(default_factory=list)
    branch: str | None = None  # the checked-out branch, for links to files in the repository
    baseline: Metric | None = None  # the naive baseline's value of the headline metric
    figure: Figure | None = None
    notebook: str | None = None  # repository-relative path of the notebook to open in Colab
    homepage: str | None = None  # the repository's GitHub ``homepage`` (a live demo or site)
    fixes: list[str] = field(default_factory=list)  # check's one-line fixes, most valuable first
    named: bool = False  # named with --include: shown publicly even with nothing to show

    @property
    def showable(self) -> bool:
        """Whether an employer has anything to read: a problem sentence or a result."""
        return bool(self.problem or self.headline)

    def to_dict(self) -> dict[str, Any]:
        """JSON view (one item of ``projects`` in ``portfolio.json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "target": self.target,
            "url": self.url,
            "group": self.group,
            "type": self.type,
            "type_title": self.type_title,
            "level": self.level,
            "inferred": self.inferred,
            "generated": self.generated,
            "problem": self.problem,
            "headline_metric": self.headline.to_dict() if self.headline else None,
            "metrics": self.metrics,
            "skills": self.skills,
            "skills_source": self.skills_source,
            "score": self.score,
            "grade": self.grade,
            "fork": self.fork,
            "warnings": self.warnings,
            "baseline_metric": self.baseline.to_dict() if self.baseline else None,
            "figure": self.figure.to_dict() if self.figure else None,
            "notebook": self.notebook,
            "homepage": self.homepage,
            "fixes": self.fixes,
        }


@dataclass(frozen=True)
class Owner:
    """Who the portfolio belongs to, for the page's header (GitHub profile and/or portfolio.toml)."""

    name: str
    bio: str | None = None
    location: str | None = None
    avatar: str | None = None  # a data: URI, embedded like the thumbnails
    links: tuple[tuple[str, str], ...] = ()  # (label, URL)

    def to_dict(self) -> dict[str, Any]:
        """JSON view (the avatar stays in the page)."""
        return {
            "name": self.name,
            "bio": self.bio,
            "location": self.location,
            "links": [{"label": label, "url": url} for label, url in self.links],
        }


@dataclass
class Portfolio:
    """Every project of one learner, in group order, plus what the run had to say."""

    owner: str | None
    projects: list[ProjectCard]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (target, reason)
    unreachable: list[str] = field(default_factory=list)  # explicit targets that could not be read
    profile: Owner | None = None

    def public(self, *, include_all: bool = False) -> tuple[Portfolio, list[tuple[str, str]]]:
        """The employer's view: projects with something to show (or named), and who was left out why."""
        shown, left_out = [], []
        for card in self.projects:
            if card.showable or card.named or include_all:
                shown.append(card)
            else:
                left_out.append((card.title, "nothing to show yet: no problem sentence and no metric"))
        return Portfolio(self.owner, shown, self.skipped, self.unreachable, self.profile), left_out

    def groups(self) -> list[tuple[str, str, list[ProjectCard]]]:
        """``(group id, title, projects)`` for each non-empty group, in reading order."""
        result = []
        for group_id, title in GROUPS:
            members = [card for card in self.projects if card.group == group_id]
            if members:
                result.append((group_id, title, members))
        return result

    @property
    def warnings(self) -> list[str]:
        """Every project's warnings, prefixed by its title."""
        return [f"{card.title}: {warning}" for card in self.projects for warning in card.warnings]

    def to_dict(self) -> dict[str, Any]:
        """The ``portfolio.json`` document (schema ``portfolio-index/1``, documented in the README)."""
        return {
            "schema": SCHEMA,
            "owner": self.owner,
            "profile": self.profile.to_dict() if self.profile else None,
            "groups": [
                {"id": group_id, "title": title, "projects": [card.id for card in cards]}
                for group_id, title, cards in self.groups()
            ],
            "projects": [card.to_dict() for card in self.projects],
            "skipped": [{"target": target, "reason": reason} for target, reason in self.skipped],
        }
