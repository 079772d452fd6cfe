"""Generated text inside hand-written documents: regions between markers that training rewrites.

A region is ``<!-- portfolio:NAME:start -->`` ... ``<!-- portfolio:NAME:end -->``. Training
replaces what is between the markers and nothing else, so your own words around them survive
every run, and writing the same text twice leaves the file byte-for-byte unchanged.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def markers(name: str) -> tuple[str, str]:
    """The start and end markers of region ``name``."""
    return f"<!-- portfolio:{name}:start -->", f"<!-- portfolio:{name}:end -->"


def write_region(path: Path, name: str, text: str) -> bool:
    """Put ``text`` between the markers of region ``name`` in ``path``; True if the file changed.

    A missing file is skipped (a test run writes its reports to a temporary folder, beside no
    README); a file without the markers is left alone with one note on stderr, because removing
    them is how you take a region over by hand.
    """
    if not path.is_file():
        return False
    start, end = markers(name)
    original = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(original):
        print(f"note: {path.name} has no {start} region; left as it is", file=sys.stderr)
        return False
    updated = pattern.sub(lambda _: f"{start}\n{text.strip()}\n{end}", original, count=1)
    if updated == original:
        return False
    path.write_text(updated, encoding="utf-8")
    return True


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells are written as given (pipes escaped)."""
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                     for row in lines)
