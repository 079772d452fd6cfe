"""Turn human project names into safe package, repository and folder names."""

from __future__ import annotations

import keyword
import re

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
MAX_REPO = 100  # GitHub's limit for a repository name (and a folder name every file system takes)
MAX_PACKAGE = 60  # a package folder, its imports and paths below it stay well inside file-system limits
PACKAGE_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*$")


def ascii_fold(text: str) -> str:
    """Transliterate to ASCII ("Søren" -> "Soren", "Łukasz" -> "Lukasz", "李雷" -> "Li Lei").

    Accent folding alone (NFKD) drops every letter without a decomposition (Ø, Ł, ß, Þ) and
    whole scripts (CJK, Cyrillic), so "Søren" became "sren" and "Дмитрий" nothing at all.
    text-unidecode's tables (a port of Perl's Text::Unidecode, already brought in by
    cookiecutter) give every character a readable ASCII form; symbols such as emoji vanish.
    """
    from text_unidecode import unidecode

    return unidecode(text)


def slugify(text: str, separator: str = "-") -> str:
    """Lowercase ASCII words joined by ``separator`` ("" when nothing usable is left)."""
    return _NON_ALNUM.sub(separator, ascii_fold(text).lower()).strip(separator)


def package_name(project_name: str) -> str:
    """A valid, non-keyword Python package name derived from ``project_name``.

    Leading digits get a ``p_`` prefix, keywords and built-in-shadowing names an ``_project`` suffix,
    and a name with nothing ASCII left becomes ``project``.
    """
    name = slugify(project_name, "_")[:MAX_PACKAGE].rstrip("_") or "project"
    if name[0].isdigit():
        name = f"p_{name}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in _SHADOWED:
        name = f"{name}_project"
    return name


def repo_name(project_name: str) -> str:
    """A GitHub-safe repository name derived from ``project_name``."""
    return slugify(project_name)[:MAX_REPO].rstrip("-") or "project"


def is_cut(project_name: str) -> bool:
    """Whether the names derived from ``project_name`` had to be shortened (see the two limits)."""
    return len(slugify(project_name)) > MAX_REPO or len(slugify(project_name, "_")) > MAX_PACKAGE


def is_valid_package_name(name: str) -> bool:
    """Whether ``name`` can be imported as a package without shadowing anything important."""
    return bool(PACKAGE_PATTERN.match(name)) and not keyword.iskeyword(name) and name not in _SHADOWED


# Names that would shadow a module the generated project imports (or the standard library's commonest).
_SHADOWED = frozenset(
    {
        "test",
        "tests",
        "src",
        "sklearn",
        "pandas",
        "numpy",
        "matplotlib",
        "joblib",
        "json",
        "random",
        "string",
        "types",
        "typing",
        "io",
        "os",
        "sys",
        "re",
        "math",
        "time",
        "collections",
        "logging",
    }
)
