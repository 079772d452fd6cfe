"""What a rendered template may produce: files inside the project, nothing else.

A third-party template is untrusted input (see README, "Templates that run code"). Whatever the
engine, three rules hold before anything is committed, and they hold with ``--trust`` too (trust
lets a template's code run; it does not let its file names or links escape):

* every path the render produces resolves inside its staging folder (checked *before* a
  cookiecutter render writes, since its file names are Jinja and ``../`` climbs out; copier
  refuses such names itself);
* no symbolic link leaves the template or the project: a link to ``~/.ssh/id_rsa`` would be
  copied as a file (cookiecutter follows links) and committed, and pushed with ``--publish``;
* no version-control metadata (``.git``, ``.hg``, ``.svn``) is rendered: a template's
  ``.git/config`` can name a ``core.fsmonitor`` command that every later ``git status`` runs.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from generator.errors import UnsafeTemplateError

VCS_NAMES = frozenset({".git", ".hg", ".svn"})


def check_template_links(root: Path) -> None:
    """Refuse a template holding a symbolic link whose target is outside ``root``."""
    top = root.resolve()
    for folder, dirs, files in os.walk(top):
        dirs[:] = [name for name in dirs if name not in VCS_NAMES]
        for name in (*dirs, *files):
            path = Path(folder, name)
            if path.is_symlink() and not _inside(path, top):
                raise UnsafeTemplateError(
                    f"template {root}: {path.relative_to(top).as_posix()} is a link to a file outside the "
                    "template; refused (a template may only ship its own files)"
                )


def check_relative_path(rendered: str, template: Path) -> None:
    """Refuse a rendered file name that is absolute, climbs with ``..`` or holds control characters."""
    pure = PurePosixPath(rendered.replace("\\", "/"))
    drive = len(rendered) > 1 and rendered[1] == ":"  # C:\..., absolute on Windows
    if pure.is_absolute() or ".." in pure.parts or drive or any(ord(char) < 32 for char in rendered):
        raise UnsafeTemplateError(
            f"template {template}: a file name renders to {rendered!r}, outside the project; refused "
            "(check answers such as --data values that end up in file names)"
        )


def check_folder_name(rendered: str, template: Path) -> None:
    """Refuse a rendered project folder name that is not one plain folder (cookiecutter joins it as is)."""
    check_relative_path(rendered, template)
    if rendered.strip() in {"", ".", ".."} or "/" in rendered or "\\" in rendered:
        raise UnsafeTemplateError(f"template {template}: the project folder name renders to {rendered!r}; refused")


def validate_staging(project: Path, template: Path) -> None:
    """The post-render check shared by every engine (see the module docstring); raises on the first problem."""
    top = project.resolve()
    for folder, dirs, files in os.walk(top):
        for name in (*dirs, *files):
            path = Path(folder, name)
            relative = path.relative_to(top).as_posix()
            if name in VCS_NAMES:
                raise UnsafeTemplateError(
                    f"template {template} renders version-control metadata ({relative}); refused: "
                    "its configuration could run commands in the student's repository"
                )
            if path.is_symlink() and not _inside(path, top):  # (a walk never leaves ``top`` otherwise)
                raise UnsafeTemplateError(
                    f"template {template} renders {relative} as a link outside the project; refused"
                )


def _inside(link: Path, top: Path) -> bool:
    """Whether the link's target (followed all the way, dangling or not) stays below ``top``."""
    return Path(os.path.realpath(link)).is_relative_to(top)
