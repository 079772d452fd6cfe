"""Build the portfolio from targets and/or a GitHub user, and write the three files.

:func:`build_portfolio` gathers the cards (one unreachable target or unreadable README never
stops the others); :func:`write_site` writes the public ``README.md`` and ``index.html`` (their
generated regions only) and ``portfolio.json`` (all the data, scores included: the learner's
file, never published) into the output folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import IndexOutputError, PortfolioError, UsageError
from generator.index import html_page, markdown
from generator.index.collect import CollectOptions, card_for_target
from generator.index.discover import DEFAULT_MIN_SCORE, discover
from generator.index.model import Portfolio, ProjectCard
from generator.index.regions import update_file, write_atomically
from generator.naming import slugify

README = "README.md"
HTML = "index.html"
JSON = "portfolio.json"


def _ignore(message: str) -> None:
    """Default sink for warnings: library callers that do not print get silence."""


@dataclass
class IndexRequest:
    """What to index: explicit targets, a GitHub user's repositories, or both."""

    targets: Sequence[str] = ()
    github_user: str | None = None
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    min_score: int = DEFAULT_MIN_SCORE
    owner: str | None = None  # shown in the heading; defaults to github_user
    config: Path = Path("portfolio.toml")  # the owner header the learner writes (optional file)
    collect: CollectOptions = field(default_factory=CollectOptions)
    warn: Callable[[str], None] = _ignore


@dataclass(frozen=True)
class SiteResult:
    """The files written and which of them changed."""

    readme: Path
    html: Path
    json: Path
    changed: tuple[Path, ...]
    left_out: tuple[tuple[str, str], ...] = ()  # (title, why) of projects kept off the public page


def build_portfolio(request: IndexRequest, out_dir: Path | None = None) -> Portfolio:
    """Describe every project; problems with one project are recorded, never raised.

    ``out_dir`` lets local projects without a remote be linked by their path relative to it.
    """
    if not request.targets and not request.github_user:
        raise UsageError("give project folders, git URLs or owner/repo, or --github-user USER")
    cards: list[ProjectCard] = []
    skipped: list[tuple[str, str]] = []
    unreachable: list[str] = []
    for target in request.targets:
        try:
            card = card_for_target(target, request.collect)
        except (PortfolioError, RecursionError, OSError) as error:  # one unreadable project leaves out only itself
            if isinstance(error, RecursionError):
                error = PortfolioError(f"{target}: a file is nested too deeply to read (e.g. reports/metrics.json)")
            elif isinstance(error, OSError):
                error = PortfolioError(f"{target}: cannot read {error.filename or ''} ({error.strerror or error})")
            skipped.append((target, str(error)))
            unreachable.append(target)
            request.warn(f"left out: {error}")
            continue
        if card.url is None and out_dir is not None and Path(target).expanduser().is_dir():
            card.url = os.path.relpath(Path(target).expanduser().resolve(), out_dir.resolve())
            card.warnings.append("no git remote: linked by its local path (publish it for a web link)")
        if any(_named(card, pattern) for pattern in request.exclude):
            skipped.append((target, "excluded with --exclude"))
            continue
        card.named = any(_named(card, pattern) for pattern in request.include)
        cards.append(card)
    if request.github_user:
        for repo, found, reason in discover(
            request.github_user,
            request.collect,
            include=request.include,
            exclude=request.exclude,
            min_score=request.min_score,
        ):
            if found is None:
                skipped.append((repo.full_name, reason))
                request.collect.progress(f"{repo.full_name}: left out: {reason}")
            elif not any(existing.url == found.url for existing in cards):
                cards.append(found)
    _assign_ids(cards)
    from generator.index.owner import load_owner

    profile = load_owner(
        request.owner,
        request.github_user,
        request.config,
        api_url=request.collect.api_url,
        token=request.collect.token,
        warn=request.warn,
    )
    portfolio = Portfolio(
        owner=profile.name if profile else None,
        projects=cards,
        skipped=skipped,
        unreachable=unreachable,
        profile=profile,
    )
    for warning in portfolio.warnings:
        request.warn(warning)
    return portfolio


def _named(card: ProjectCard, pattern: str) -> bool:
    import fnmatch

    return any(fnmatch.fnmatchcase(name.lower(), pattern.lower()) for name in (card.target, card.title))


def _assign_ids(cards: list[ProjectCard]) -> None:
    """Stable, unique, URL-safe ids from the titles (``tabular-classification``, ``…-2``)."""
    used: set[str] = set()
    for card in cards:
        base = slugify(card.title) or "project"
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        used.add(candidate)
        card.id = candidate


def write_site(portfolio: Portfolio, out_dir: Path, *, include_all: bool = False) -> SiteResult:
    """Write README.md and index.html (generated regions only) and portfolio.json into ``out_dir``.

    The README and the page show the public view: projects with nothing to show are left out
    (listed in ``left_out``) unless ``include_all`` or named with ``--include``.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir}: exists and is not a folder")
    try:
        return _write_site(portfolio, out_dir, include_all)
    except OSError as error:
        raise IndexOutputError(f"cannot write to --out {out_dir}: {error.strerror or error}") from None


def _write_site(portfolio: Portfolio, out_dir: Path, include_all: bool) -> SiteResult:
    out_dir.mkdir(parents=True, exist_ok=True)
    readme, page, data = out_dir / README, out_dir / HTML, out_dir / JSON
    public, left_out = portfolio.public(include_all=include_all)
    changed = [
        path
        for path, written in ((readme, write_readme(public, out_dir)), (page, write_page(public, out_dir)))
        if written
    ]
    text = json.dumps(portfolio.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if not data.is_file() or data.read_text(encoding="utf-8") != text:
        write_atomically(data, text)
        changed.append(data)
    return SiteResult(readme, page, data, tuple(changed), tuple(left_out))


def write_readme(public: Portfolio, folder: Path) -> bool:
    """The profile README's region, from the public view; whether the file changed."""
    return update_file(folder / README, markdown.render_body(public), markdown.frame(public.owner))


def write_page(public: Portfolio, folder: Path) -> bool:
    """The page's regions (cards and stylesheet), from the public view; whether the file changed."""
    return update_file(
        folder / HTML,
        html_page.render_body(public),
        html_page.frame(public.owner),
        {html_page.STYLE: html_page.style()},
    )
