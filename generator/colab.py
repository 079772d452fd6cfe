"""The "Open in Colab" links of a generated project: one badge in the README, one clone URL in
the notebook's first cell.

Both need the repository's final owner and name, which are known for sure only when it is
published: the template renders them from the answers (through :mod:`generator.jinja_ext`),
and ``publish`` rewrites them with :func:`point_to_repository` when the owner or name differ.
Both sides format the links here, so a render and a publish write byte-identical text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
START = "<!-- portfolio:colab:start -->"
END = "<!-- portfolio:colab:end -->"
_REGION = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
# The clone URL line of the notebook's first cell, as it sits inside the notebook's JSON.
_CLONE_LINE = re.compile(r'(REPO_URL = \\")[^"\\]*(\\")')


def repository_url(owner: str, name: str) -> str:
    """The repository's web (and clone) URL."""
    return f"https://github.com/{owner}/{name}"


def colab_url(owner: str, name: str, notebook: str, branch: str = "main") -> str:
    """The address that opens ``notebook`` (a path inside the repository) in Colab."""
    return f"https://colab.research.google.com/github/{owner}/{name}/blob/{branch}/{notebook}"


def colab_badge_markdown(owner: str, name: str, notebook: str, branch: str = "main") -> str:
    """The badge as Markdown: an image link, the way GitHub shows every README badge."""
    return f"[![Open In Colab]({COLAB_BADGE})]({colab_url(owner, name, notebook, branch)})"


def link_files(project: Path) -> list[Path]:
    """The files that may hold Colab links: README.md and the notebooks."""
    readme = project / "README.md"
    return [*([readme] if readme.is_file() else []), *sorted((project / "notebooks").glob("*.ipynb"))]


def point_to_repository(project: Path, owner: str, name: str, branch: str = "main") -> list[Path]:
    """Rewrite the badge and the notebooks' clone URL for ``owner/name``; return changed files.

    Projects without the Colab region (older renders, other templates) are left as they are.
    """
    changed: list[Path] = []
    readme = project / "README.md"
    notebooks = [path for path in link_files(project) if path.suffix == ".ipynb"]
    if readme.is_file() and notebooks:
        first = notebooks[0].relative_to(project).as_posix()
        region = f"{START}\n{colab_badge_markdown(owner, name, first, branch)}\n{END}"
        if _rewrite(readme, lambda text: _REGION.sub(lambda _: region, text, count=1)):
            changed.append(readme)
    url = repository_url(owner, name)
    for notebook in notebooks:
        if _rewrite(notebook, lambda text: _CLONE_LINE.sub(lambda m: m[1] + url + m[2], text, count=1)):
            changed.append(notebook)
    return changed


def _rewrite(path: Path, change: Callable[[str], str]) -> bool:
    text = path.read_text(encoding="utf-8")
    updated = change(text)
    if updated == text:
        return False
    path.write_text(updated, encoding="utf-8")
    return True
