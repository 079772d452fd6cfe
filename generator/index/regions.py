"""The generated region of a file: between two marker comments, everything else is the learner's.

The same markers work in Markdown and HTML (both are HTML comments), so the README and the page
follow one rule: a new file gets a frame around the region; an existing file has only its region
replaced, byte-for-byte everything around it kept; a file without markers gets the region
appended; broken markers (one without the other, or two regions) stop the run rather than guess.

A file may hold further, optional regions with their own names: the page's stylesheet lies
between ``/* portfolio:style:start */`` and ``/* portfolio:style:end */`` (CSS comments, inside
``<style>``), so a new version of it reaches pages whose text the learner has edited; a file
made before such a region existed simply keeps what it has.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from generator.errors import IndexOutputError

MAIN = "index"
START = "<!-- portfolio:index:start -->"
END = "<!-- portfolio:index:end -->"


CSS_REGIONS = frozenset({"style"})  # regions inside <style>, marked with CSS comments


def markers(name: str = MAIN) -> tuple[str, str]:
    """The start and end comments of the region called ``name``."""
    if name in CSS_REGIONS:
        return f"/* portfolio:{name}:start */", f"/* portfolio:{name}:end */"
    return f"<!-- portfolio:{name}:start -->", f"<!-- portfolio:{name}:end -->"


def placeholder(name: str = MAIN) -> str:
    """Where a frame puts the region called ``name`` (``{region}`` for the main one)."""
    return "{region}" if name == MAIN else "{region:" + name + "}"


def region(body: str, name: str = MAIN) -> str:
    """``body`` between the markers."""
    start, end = markers(name)
    return f"{start}\n{body.strip()}\n{end}"


def merge(existing: str | None, body: str, frame: str, where: Path, name: str = MAIN) -> str:
    """The new file text: ``frame`` (with the placeholder) for a new file, else ``existing`` updated.

    Only the main region is appended to a file without it; an optional one is then left out.
    """
    block = region(body, name)
    if existing is None:
        return frame.replace(placeholder(name), block)
    start, end = markers(name)
    starts, ends = existing.count(start), existing.count(end)
    if starts == ends == 0:
        return existing.rstrip("\n") + "\n\n" + block + "\n" if name == MAIN else existing
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if starts != 1 or ends != 1 or not pattern.search(existing):
        raise IndexOutputError(
            f"{where}: expected one '{start}' followed by one '{end}' "
            f"(found {starts} start and {ends} end markers); fix them or delete the file"
        )
    return pattern.sub(lambda _: block, existing, count=1)


def update_file(path: Path, body: str, frame: str, extra: Mapping[str, str] | None = None) -> bool:
    """Write ``path`` with its regions replaced (main ``body``, then ``extra`` by name); atomic.

    Returns whether the file changed.
    """
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else None
    except (OSError, UnicodeDecodeError) as error:
        raise IndexOutputError(f"{path}: cannot read the existing file ({error})") from None
    text = merge(existing, body, frame, path)
    for name, content in (extra or {}).items():
        text = merge(text if existing is not None else None, content, text, path, name)
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
