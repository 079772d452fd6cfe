"""The generated region of a file: between two marker comments, everything else is the learner's.

The same markers work in Markdown and HTML (both are HTML comments), so the README and the page
follow one rule: a new file gets a frame around the region; an existing file has only its region
replaced, byte-for-byte everything around it kept; a file without markers gets the region
appended; broken markers (one without the other, or two regions) stop the run rather than guess.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from generator.errors import IndexOutputError

START = "<!-- portfolio:index:start -->"
END = "<!-- portfolio:index:end -->"
_REGION = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)


def region(body: str) -> str:
    """``body`` between the markers."""
    return f"{START}\n{body.strip()}\n{END}"


def merge(existing: str | None, body: str, frame: str, where: Path) -> str:
    """The new file text: ``frame`` (with ``{region}``) for a new file, else ``existing`` updated."""
    block = region(body)
    if existing is None:
        return frame.replace("{region}", block)
    starts, ends = existing.count(START), existing.count(END)
    if starts == ends == 0:
        return existing.rstrip("\n") + "\n\n" + block + "\n"
    if starts != 1 or ends != 1 or not _REGION.search(existing):
        raise IndexOutputError(
            f"{where}: expected one '{START}' followed by one '{END}' "
            f"(found {starts} start and {ends} end markers); fix them or delete the file"
        )
    return _REGION.sub(lambda _: block, existing, count=1)


def update_file(path: Path, body: str, frame: str) -> bool:
    """Write ``path`` with the region replaced; atomic; returns whether it changed."""
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else None
    except (OSError, UnicodeDecodeError) as error:
        raise IndexOutputError(f"{path}: cannot read the existing file ({error})") from None
    text = merge(existing, body, frame, path)
    if text == existing:
        return False
    write_atomically(path, text)
    return True


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` in one step so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
