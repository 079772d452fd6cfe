"""Read a class roster (CSV) and give every student a predictable, safe, unique repository name.

Rosters come from spreadsheets and learning platforms: a byte-order mark, header cells in any
case, stray spaces, blank lines and names with accents, emoji or duplicates are all normal.
Only a missing ``name`` column or an empty name is an error, reported as ``file:line: message``
so it can be fixed in the spreadsheet. Repository names are ``<prefix><slug(name)>``, with
``-2``, ``-3`` … for repeats in roster order, so re-running on the same roster always maps each
student to the same repository.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import RosterError
from generator.naming import slugify

REQUIRED = "name"
OPTIONAL = ("github", "email", "project_name")
MAX_REPO_NAME = 100  # GitHub's limit
# A GitHub login: alphanumerics and single hyphens, not starting or ending with one, at most 39.
_GITHUB_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_PREFIX = re.compile(r"^(?:[a-z0-9]+(?:-|$))*$")  # what slugify keeps: no leading or double dash
# OWASP's CSV-injection rule: a cell starting with one of these is a formula to a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: a formula-like start gets a leading ``'``.

    Rosters come from students' own names and project titles; opened in Excel or LibreOffice, a
    report cell ``=HYPERLINK(...)`` would run. The ``'`` is what spreadsheets themselves use to
    mark text, and :func:`from_spreadsheet_safe` takes it off when we read our own files back.
    """
    return f"'{cell}" if cell.startswith(FORMULA_START) else cell


def from_spreadsheet_safe(cell: str) -> str:
    """Undo :func:`spreadsheet_safe` (and only it)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


@dataclass(frozen=True)
class Student:
    """One roster row, with the repository name it was given."""

    name: str
    repo: str
    line: int
    github: str = ""
    email: str = ""
    project_name: str = ""


def read_roster(path: Path, prefix: str = "") -> list[Student]:
    """The students of the roster at ``path``, in roster order, with unique repository names."""
    check_prefix(prefix)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"{path}: roster file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError(f"{path}: cannot read the roster as UTF-8 CSV ({error})") from None
    rows = list(csv.reader(text.splitlines()))
    header_index = next((i for i, row in enumerate(rows) if any(cell.strip() for cell in row)), None)
    if header_index is None:
        raise RosterError(f"{path}:1: the roster is empty; it needs a header row with a '{REQUIRED}' column")
    header = [cell.strip().lower() for cell in rows[header_index]]
    if REQUIRED not in header:
        raise RosterError(
            f"{path}:{header_index + 1}: no '{REQUIRED}' column in the header "
            f"(found: {', '.join(c for c in header if c) or 'nothing'}); "
            f"add one, optionally with {', '.join(OPTIONAL)}"
        )
    columns = {column: header.index(column) for column in (REQUIRED, *OPTIONAL) if column in header}
    problems: list[str] = []
    students: list[Student] = []
    used: set[str] = set()
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if not any(cell.strip() for cell in row):
            continue
        line = index + 1

        def cell(column: str, row: list[str] = row) -> str:
            position = columns.get(column)
            return " ".join(row[position].split()) if position is not None and position < len(row) else ""

        name = cell(REQUIRED)
        if not name:
            problems.append(f"{path}:{line}: empty name")
            continue
        github = cell("github").removeprefix("@")
        if github and not _GITHUB_LOGIN.match(github):
            problems.append(f"{path}:{line}: github: {github!r} is not a valid GitHub user name")
            continue
        repo = unique_repo_name(prefix, name, used)
        used.add(repo)
        students.append(Student(name, repo, line, github, cell("email"), cell("project_name")))
    if problems:
        raise RosterError("; ".join(problems))
    if not students:
        raise RosterError(f"{path}: the roster has a header but no students")
    return students


def check_prefix(prefix: str) -> None:
    """A prefix must survive slugifying unchanged, so repository and folder names stay predictable."""
    if len(prefix) > MAX_REPO_NAME // 2 or not _PREFIX.match(prefix):
        raise RosterError(
            f"--prefix {prefix!r} may use only lowercase letters, digits and single dashes, "
            f"not starting with a dash (at most {MAX_REPO_NAME // 2} characters), e.g. term-2026-"
        )


def unique_repo_name(prefix: str, name: str, used: set[str]) -> str:
    """``<prefix><slug>``, or ``…-2``, ``…-3`` when taken; a name with nothing ASCII becomes ``student``.

    Comparison is case-insensitive, as GitHub's is; the slug is shortened so that the whole
    name, suffix included, stays within GitHub's 100 characters.
    """
    slug = slugify(name) or "student"
    taken = {existing.lower() for existing in used}
    counter = 1
    while True:
        suffix = "" if counter == 1 else f"-{counter}"
        room = MAX_REPO_NAME - len(prefix) - len(suffix)
        candidate = f"{prefix}{slug[:room].rstrip('-')}{suffix}"
        if candidate.lower() not in taken:
            return candidate
        counter += 1
