"""Bounded, symlink-safe access to the files of a checked project.

The checker reads repositories it did not create and must not trust: a README can be
50 MB, a "README.md" can be a PNG, a symlink can point at ``/etc/passwd`` or at itself.
Every read goes through :class:`ProjectFiles`, which walks the tree once (within the
limits below), never leaves the project root, and turns each problem into a
:class:`FileProblem` that becomes a finding instead of an exception.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILES = 2_000
"""Files (not folders) looked at per project; the walk stops after this many."""
MAX_FILES_PER_FOLDER = 400
"""Files looked at per folder: a data folder of 3,000 images must not use up the whole budget."""
MAX_DEPTH = 8
"""Folder levels below the project root that are walked."""
MAX_TEXT_BYTES = 1024 * 1024
"""Largest README or JSON file read (parsing Markdown costs time linear in its size; this bounds it)."""
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
"""Largest notebook read."""
MAX_NOTEBOOKS = 20
"""Notebooks parsed per project (the first ones in path order)."""
MAX_NOTEBOOK_MARKDOWN = 1024 * 1024
"""Characters of a notebook's markdown cells read as documentation (outputs may be large, prose is not)."""

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "env",
        "__pycache__",
        ".ipynb_checkpoints",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        "site-packages",
    }
)


@dataclass(frozen=True)
class FileProblem:
    """A file the checker could not use, and why (becomes a ``files.readable`` finding)."""

    path: str
    reason: str


@dataclass
class ProjectFiles:
    """The project's files as relative POSIX paths, gathered by one bounded walk."""

    root: Path
    files: list[str] = field(default_factory=list)
    dirs: set[str] = field(default_factory=set)
    problems: list[FileProblem] = field(default_factory=list)
    truncated: bool = False
    index: frozenset[str] = frozenset()

    @classmethod
    def scan(cls, root: Path) -> ProjectFiles:
        """Walk ``root`` breadth-first (the root's own files first) without following symlinked folders."""
        project = cls(root=root.resolve())
        queue: deque[tuple[str, str, int]] = deque([(str(project.root), "", 0)])
        while queue and len(project.files) < MAX_FILES:
            folder, prefix, depth = queue.popleft()
            for entry in project._entries(folder, prefix):
                relative = f"{prefix}{entry.name}"
                if entry.is_symlink():
                    project._symlink(entry, relative)
                    continue
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if entry.name not in SKIPPED_DIRS:
                        project.dirs.add(relative)
                        if depth < MAX_DEPTH:
                            queue.append((entry.path, relative + "/", depth + 1))
                elif entry.is_file(follow_symlinks=False):
                    project.files.append(relative)
        project.truncated = project.truncated or bool(queue)
        project.files.sort()
        project.index = frozenset(project.files)
        return project

    def _entries(self, folder: str, prefix: str) -> list[os.DirEntry[str]]:
        """A folder's entries in name order, at most ``MAX_FILES_PER_FOLDER`` files (folders all kept)."""
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            self.problems.append(FileProblem(prefix or ".", f"folder cannot be listed ({error.strerror})"))
            return []
        room = min(MAX_FILES_PER_FOLDER, MAX_FILES - len(self.files))
        kept: list[os.DirEntry[str]] = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                kept.append(entry)
            elif room > 0:
                kept.append(entry)
                room -= 1
            else:
                self.truncated = True
        return kept

    def _symlink(self, entry: os.DirEntry[str], relative: str) -> None:
        """Keep a symlinked *file* that resolves inside the root; record every other link."""
        try:
            target = Path(entry.path).resolve(strict=True)
        except RuntimeError:
            self.problems.append(FileProblem(relative, "symlink loop"))
            return
        except OSError as error:
            reason = "symlink loop" if error.errno == 40 else "broken symlink"
            self.problems.append(FileProblem(relative, reason))
            return
        if not target.is_relative_to(self.root):
            self.problems.append(FileProblem(relative, "symlink points outside the project (not followed)"))
        elif target.is_file():
            self.files.append(relative)

    def exists(self, relative: str) -> bool:
        """Whether the walk saw this file (case-sensitive, relative POSIX path)."""
        return relative in self.index

    def top_level(self) -> list[str]:
        """Names of the files directly in the project root."""
        return [name for name in self.files if "/" not in name]

    def read_bytes(self, relative: str, limit: int = MAX_TEXT_BYTES) -> bytes | None:
        """The file's bytes, or ``None`` with a problem noted (too large, unreadable)."""
        path = os.path.join(self.root, relative)
        try:
            size = os.stat(path).st_size
            if size > limit:
                megabytes = f"{size / 1_048_576:.1f} MB"
                self.problems.append(
                    FileProblem(relative, f"{megabytes} is over the {limit // 1_048_576} MB limit (not read)")
                )
                return None
            with open(path, "rb", buffering=0) as handle:
                # read(n) first allocates n bytes: ask for the size just found (and one byte more, to
                # see whether the file grew since), not for the limit (0.1-0.2 ms a file of any size);
                # unbuffered (no buffer object, no terminal test: a third of the time of a small file),
                # reading on after a short read as the buffered reader does
                data = handle.read(size + 1)
                while len(data) <= size and (more := handle.read(size + 1 - len(data))):
                    data += more
                return data + handle.read(limit - size) if len(data) > size else data
        except OSError as error:
            self.problems.append(FileProblem(relative, f"cannot be read ({error.strerror or error})"))
            return None

    def read_text(self, relative: str, limit: int = MAX_TEXT_BYTES) -> str | None:
        """The file as UTF-8 text, or ``None`` with a problem noted (binary, not UTF-8, too large)."""
        data = self.read_bytes(relative, limit)
        if data is None:
            return None
        if b"\x00" in data[:8192]:
            self.problems.append(FileProblem(relative, "binary file, not text"))
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.problems.append(FileProblem(relative, "not valid UTF-8 text"))
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")
