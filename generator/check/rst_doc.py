"""reStructuredText and plain-text READMEs, read by their underlined (and overlined) titles,
paragraphs, ``::`` literal blocks, ``.. code-block::``, ``.. image::`` and `` `text <url>`_ `` links."""

from __future__ import annotations

import re
import textwrap

from generator.check.document import Block, Document, Heading, Link
from generator.check.inline import clean_heading

_RST_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:._])\1{2,}\s*$")
_RST_LINK = re.compile(r"`[^`<]*<([^>]+)>`_")
_RST_IMAGE = re.compile(r"^\s*\.\.\s+(?:image|figure)::\s*(\S+)", re.IGNORECASE)
_RST_CODE = re.compile(r"^\s*\.\.\s+(?:code-block|code|sourcecode)::\s*(\S*)", re.IGNORECASE)


def parse_rst(source: str, name: str = "README.rst") -> Document:
    """Read reStructuredText (or plain text) by its underlined titles, paragraphs and literal blocks."""
    doc = Document(name=name, source=source, headings=[], blocks=[], links=[], images=[])
    lines = source.split("\n")
    styles: list[tuple[str, bool]] = []
    paragraph: list[str] = []
    paragraph_line = 0
    literal_next = False
    index = 0

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            text = "\n".join(paragraph)
            doc.blocks.append(
                Block("table" if text.lstrip().startswith(("+-", "|")) else "prose", paragraph_line, text)
            )
            for match in _RST_LINK.finditer(text):
                doc.links.append(Link(match.group(1), paragraph_line))
            paragraph = []

    while index < len(lines):
        line = lines[index]
        number = index + 1
        following = lines[index + 1] if index + 1 < len(lines) else ""
        overline = (
            bool(_RST_ADORNMENT.match(line))
            and index + 2 < len(lines)
            and _RST_ADORNMENT.match(lines[index + 2])
            and lines[index + 1].strip()
        )
        if overline:
            flush()
            _rst_heading(doc, styles, lines[index + 1], line.strip()[0], True, number + 1)
            index += 3
            continue
        if (
            line.strip()
            and not line[0].isspace()
            and _RST_ADORNMENT.match(following)
            and len(following.strip()) >= len(line.strip())
            and not paragraph
        ):
            flush()
            _rst_heading(doc, styles, line, following.strip()[0], False, number)
            index += 2
            continue
        image = _RST_IMAGE.match(line)
        code = _RST_CODE.match(line)
        if image:
            flush()
            doc.images.append(Link(image.group(1), number))
        elif code or (literal_next and line.strip() == ""):
            flush()
            block_start = index + 1
            index = block_start
            while index < len(lines) and (not lines[index].strip() or lines[index][:1].isspace()):
                index += 1
            body = "\n".join(lines[block_start:index]).strip("\n")
            if body:
                doc.blocks.append(
                    Block("code", block_start + 1, textwrap.dedent(body), info=code.group(1) if code else "")
                )
            literal_next = False
            continue
        elif line.lstrip().startswith(".. "):
            flush()
            doc.blocks.append(Block("html", number, line))
        elif line.strip():
            if not paragraph:
                paragraph_line = number
            paragraph.append(line.strip())
            literal_next = line.rstrip().endswith("::")
        else:
            flush()
        index += 1
    flush()
    return doc


def _rst_heading(
    doc: Document, styles: list[tuple[str, bool]], text: str, char: str, overline: bool, line: int
) -> None:
    style = (char, overline)
    if style not in styles:
        styles.append(style)
    doc.headings.append(Heading(clean_heading(text), min(styles.index(style) + 1, 6), line, "rst"))
