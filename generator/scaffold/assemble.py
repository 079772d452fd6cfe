"""Assemble the answers of one ``portfolio new`` from every source, in a fixed precedence.

Template defaults < ``--answers-file`` < ``--data`` < named flags (``--name`` …) < prompts.
The first commit's author is ``--author`` if given, else the author the answers name (the one a
person typed at the prompt), else git's identity: the README and the history name one person.
The CLI only parses and prompts; this module decides, so tests and other callers (cohorts,
library users) get the same answers the command line gets.

Names follow the destination, as ``cargo new``, ``uv init`` and ``poetry new`` do: ``portfolio new
classification churn-demo`` makes the project "Churn demo" with repository ``churn-demo`` and
package ``churn_demo``, so two learners' defaults (or two projects of one type) never collide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.catalog.entries import CatalogEntry
from generator.errors import GitError
from generator.naming import MAX_PACKAGE, MAX_REPO, is_cut, repo_name
from generator.scaffold.answers import TemplateConfig, coerce, load_answers_file, parse_data_pairs
from generator.vcs import AUTHOR_HELP, Author

# A folder name people type as a title: spaces or punctuation a repository name cannot hold.
_TITLE_LIKE = re.compile(r"[^A-Za-z0-9._-]")

# Prompts for the answers still open, given the defaults to suggest; returns the completed answers.
Prompter = Callable[[TemplateConfig, dict[str, Any], dict[str, Any]], dict[str, Any]]


@dataclass
class AnswerSources:
    """Everything a person can say about a new project, before it is merged."""

    destination: Path | None = None
    answers_file: Path | None = None
    data: list[str] = field(default_factory=list)
    flags: dict[str, Any] = field(default_factory=dict)  # question name -> value (None: not given)
    author: Author | None = None  # --author


@dataclass
class Assembled:
    """The merged answers and the folder to create."""

    answers: dict[str, Any]
    destination: Path
    author: Author  # of the first commit
    notices: list[str] = field(default_factory=list)
    named_by_user: bool = False  # whether the person chose the package name (else it is derived and printed)


def title_from_folder(folder: str) -> str:
    """``churn-demo`` -> ``Churn demo``: the folder name read as a sentence-case title."""
    words = re.sub(r"[-_.\s]+", " ", folder).strip()
    return words[:1].upper() + words[1:] if words else folder


def assemble_answers(
    entry: CatalogEntry,
    config: TemplateConfig,
    sources: AnswerSources,
    *,
    author: Author | None,
    cwd: Path,
    prompt: Prompter | None = None,
) -> Assembled:
    """Merge the answers of one project; choose its destination folder and commit author.

    ``author`` is git's identity, if it has one: the default of the author questions.
    """
    answers: dict[str, Any] = {}
    if sources.answers_file is not None:
        answers.update(load_answers_file(sources.answers_file, config))
    answers.update(parse_data_pairs(sources.data, config))
    flags = {key: value for key, value in sources.flags.items() if value is not None}
    answers.update({key: coerce(config.question(key), value, "--" + key) for key, value in flags.items()})
    notices: list[str] = []
    destination = sources.destination
    suggested_name = entry.title
    if destination is not None and "project_name" not in answers:
        folder = destination.name or (cwd / destination).resolve().name
        if _TITLE_LIKE.search(folder) and destination.parent == Path(".") and not destination.exists():
            # `portfolio new nlp "My Project!"`: a title where DEST goes. Use it as the title.
            answers["project_name"] = folder
            destination = Path(repo_name(folder))
            notices.append(
                f"using {folder!r} as the project name and ./{destination} as the folder "
                f"(give --name TITLE and DEST separately to choose both)"
            )
        else:
            suggested_name = title_from_folder(folder)
            answers.setdefault("repo_name", repo_name(folder))
    known_author = sources.author or author
    if prompt is not None:
        suggested = {"project_name": suggested_name, "description": entry.summary}
        if known_author is not None:
            suggested.update(author_name=known_author.name, author_email=known_author.email)
        answers = prompt(config, answers, suggested)
    answers.setdefault("project_name", suggested_name)
    if is_cut(str(answers["project_name"])):
        notices.append(
            f"the project name is long: its repository and folder name are cut to {MAX_REPO} characters, "
            f"its package name to {MAX_PACKAGE} (the title stays whole)"
        )
    if known_author is not None:
        answers.setdefault("author_name", known_author.name)
        answers.setdefault("author_email", known_author.email)
    if destination is None:
        destination = Path(str(answers.get("repo_name") or repo_name(str(answers["project_name"]))))
    if not destination.is_absolute():
        destination = cwd / destination
    return Assembled(
        answers=answers,
        destination=destination,
        author=sources.author or _answered_author(answers),
        notices=notices,
        named_by_user="package_name" in answers,
    )


def next_steps(project: Path, package: str | None) -> str | None:
    """The "Next:" command after ``new``, naming only what the rendered project provides.

    Our templates have ``make install`` and ``python -m <package>.train``; a third-party template
    may have neither (a package template has no training), and a hint that fails is worse than none.
    """
    from generator.scaffold.doc_layer import has_make_target

    steps = ["make install"] if has_make_target(project, "install") else []
    trains = package and any((project / base / package / "train.py").is_file() for base in ("src", "."))
    if trains:
        steps.append(f"python -m {package}.train")
    elif has_make_target(project, "train"):
        steps.append("make train")
    return " && ".join(steps) or None


def _answered_author(answers: dict[str, Any]) -> Author:
    """The author the answers name; without one (and without git's identity) nobody can commit."""
    name, email = answers.get("author_name"), answers.get("author_email")
    if not name or not email:
        raise GitError(f"no git author configured: {AUTHOR_HELP}")
    return Author(str(name), str(email))
