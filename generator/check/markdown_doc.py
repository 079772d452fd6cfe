"""Documents as reviewers read them: headings and the sections under them.

Markdown goes through markdown-it-py (CommonMark + tables), so ATX and setext headings,
code fences, HTML comments and tables are what the parser says they are — never what a
regular expression guesses from raw text. On top of the parser's headings, real READMEs
use *pseudo-headings*: a paragraph that is only a bold label (``**Dataset:**``) or a short
emoji-led line (``📊 Results``); those open a section too, below every real heading level.
reStructuredText and plain-text READMEs are read by their underlined titles.

A section is a heading plus everything until the next heading of the same or a higher
level, so ``## Data`` includes its ``### Source`` subsection.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

    from generator.check.metrics_text import MetricValue

MAX_INLINE_CHARS = 4_000
"""Longest paragraph (or table cell, heading) parsed for emphasis, links and images."""
PSEUDO_LEVEL = 7
"""Pseudo-headings rank below ``######`` so any real heading closes them."""
_PSEUDO_MAX_WORDS = 6
_HTML_IMG = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_HTML_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


@dataclass
class Block:
    """One piece of content: prose (paragraph or list text), code, table, or raw HTML."""

    kind: str
    line: int
    text: str
    info: str = ""
    rows: list[list[str]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)
    metric_values: list[MetricValue] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Link:
    """A link or image target and the (approximate) source line it is on."""

    target: str
    line: int


@dataclass(frozen=True)
class Heading:
    """A heading as written: text, level 1-6 (7 for pseudo-headings), 1-based line, kind."""

    text: str
    level: int
    line: int
    kind: str


@dataclass
class Section:
    """A heading and the blocks under it (``heading`` is ``None`` for the preamble)."""

    heading: Heading | None
    blocks: list[Block]

    def prose(self) -> str:
        """The section's paragraph and list text (no code, tables, comments)."""
        return "\n".join(block.text for block in self.blocks if block.kind == "prose")

    def lines(self) -> range:
        """Source lines this section covers (heading included)."""
        start = self.heading.line if self.heading else 1
        end = max((block.line for block in self.blocks), default=start)
        return range(start, end + 1)


@dataclass
class Document:
    """A parsed README or the markdown cells of one notebook."""

    name: str
    source: str
    headings: list[Heading]
    blocks: list[Block]
    links: list[Link]
    images: list[Link]
    cell_starts: Sequence[tuple[int, int]] = ()
    _sections: list[Section] | None = None

    @property
    def title(self) -> str | None:
        """The first level-1 heading: what the project calls itself."""
        return next((h.text for h in self.headings if h.level == 1 and h.text), None)

    @property
    def sections(self) -> list[Section]:
        """Preamble first, then one section per heading (computed once)."""
        if self._sections is None:
            self._sections = list(_sections(self.headings, self.blocks))
        return self._sections

    def location(self, line: int) -> str:
        """Where a reviewer finds ``line``: ``README.md:12`` or ``notebooks/x.ipynb cell 3``."""
        return location(self.name, self.cell_starts, line)

    def file_line(self, line: int) -> int | None:
        """The line in the file on disk (notebook cells have no stable file line)."""
        return None if self.cell_starts else line


def location(name: str, cell_starts: Sequence[tuple[int, int]], line: int) -> str:
    """``name:line`` for a file; ``name cell N`` for a line of a notebook's joined markdown cells."""
    if not cell_starts:
        return f"{name}:{line}"
    index = max(bisect_right([start for start, _ in cell_starts], line) - 1, 0)
    return f"{name} cell {cell_starts[index][1]}"


def words(text: str) -> int:
    """Words of prose (letters in any script; numbers and punctuation do not count)."""
    return len(_WORD.findall(text))


def _sections(headings: list[Heading], blocks: list[Block]) -> Iterator[Section]:
    first = headings[0].line if headings else None
    yield Section(None, [b for b in blocks if first is None or b.line < first])
    for index, heading in enumerate(headings):
        end = next(
            (later.line for later in headings[index + 1:] if later.level <= heading.level), None
        )
        yield Section(
            heading,
            [b for b in blocks if b.line >= heading.line and (end is None or b.line < end)],
        )


# --- Markdown -------------------------------------------------------------------------------

@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    parser.normalizeLink = str  # type: ignore[method-assign, assignment]  # keep targets as written
    parser.core.ruler.at("inline", _bounded_inline)
    return parser


def _bounded_inline(state: StateCore) -> None:
    """markdown-it's inline pass, except that an oversized paragraph stays plain text.

    Inline parsing of some inputs is quadratic (thousands of ``[`` in one paragraph take
    seconds); real paragraphs are far below the bound, hostile ones cannot stall a check.
    """
    from markdown_it.token import Token

    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        if len(token.content) <= MAX_INLINE_CHARS:
            state.md.inline.parse(token.content, state.md, state.env, token.children)
        else:
            token.children.append(Token("text", "", 0, content=token.content))


def parse_markdown(
    source: str, name: str = "README.md", cell_starts: Sequence[tuple[int, int]] = ()
) -> Document:
    """Parse Markdown into headings and blocks (lines are 1-based, as editors show them)."""
    tokens = _parser().parse(source)
    doc = Document(name=name, source=source, headings=[], blocks=[], links=[], images=[],
                   cell_starts=cell_starts)
    table: Block | None = None
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else (table.line if table else 1)
        kind = token.type
        if kind == "heading_open":
            inline = tokens[index + 1]
            text, _ = _inline_text(inline.children or [], doc, line)
            setext = token.markup in ("=", "-")
            doc.headings.append(Heading(_clean_heading(text), int(token.tag[1]), line,
                                        "setext" if setext else "atx"))
        elif kind == "inline" and tokens[index - 1].type == "paragraph_open":
            top_level = tokens[index - 1].level == 0
            _paragraph(token, line, doc, top_level)
        elif kind in ("fence", "code_block"):
            doc.blocks.append(Block("code", line, token.content, info=token.info.strip()))
        elif kind == "html_block":
            _html(token.content, line, doc)
        elif kind == "table_open":
            table = Block("table", line, "")
            doc.blocks.append(table)
        elif kind == "tr_open" and table is not None:
            table.rows.append([])
            table.row_lines.append(line)
        elif kind == "inline" and table is not None and tokens[index - 1].type in ("th_open", "td_open"):
            text, _ = _inline_text(token.children or [], doc, line)
            table.rows[-1].append(text.strip())
        elif kind == "table_close" and table is not None:
            table.text = "\n".join(" | ".join(row) for row in table.rows)
            table = None
    return doc


def _paragraph(token: Token, line: int, doc: Document, top_level: bool) -> None:
    children = token.children or []
    if top_level:
        label, rest = _bold_label(children)
        if label is not None:
            doc.headings.append(Heading(label, PSEUDO_LEVEL, line, "pseudo"))
            if rest:
                text, _ = _inline_text(rest, doc, line)
                if text.strip():
                    doc.blocks.append(Block("prose", line, text.strip(" :\n")))
            return
    text, html = _inline_text(children, doc, line)
    if html:
        _html(html, line, doc, standalone=False)
    if top_level:
        first, _, remainder = text.partition("\n")
        if _is_emoji_led(first):
            doc.headings.append(Heading(_clean_heading(first), PSEUDO_LEVEL, line, "pseudo"))
            if remainder.strip():
                doc.blocks.append(Block("prose", line, remainder))
            return
    doc.blocks.append(Block("prose", line, text))


def _bold_label(children: list[Token]) -> tuple[str | None, list[Token]]:
    """``**Label**`` or ``**Label:** rest`` at the start of a paragraph -> (label, rest tokens)."""
    items = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if len(items) < 3 or items[0].type != "strong_open":
        return None, []
    try:
        close = next(i for i, c in enumerate(items) if c.type == "strong_close")
    except StopIteration:
        return None, []
    label = "".join(c.content for c in items[1:close] if c.type in ("text", "code_inline")).strip()
    rest = items[close + 1:]
    if rest and rest[0].type == "text" and rest[0].content.startswith(":"):
        label += ":"
        stripped = rest[0].content[1:]
        rest = rest[1:]
        if stripped.strip():
            from markdown_it.token import Token

            rest = [Token("text", "", 0, content=stripped), *rest]
    if rest and rest[0].type in ("softbreak", "hardbreak"):
        rest = rest[1:]
    elif rest and not label.endswith(":"):
        return None, []
    label = label.rstrip(":").strip()
    if not label or len(label.split()) > _PSEUDO_MAX_WORDS or len(label) > 60:
        return None, []
    return _clean_heading(label), rest


def _is_emoji_led(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped.split()) > _PSEUDO_MAX_WORDS + 1 or stripped[-1] in ".!?,;":
        return False
    return unicodedata.category(stripped[0]) == "So"


def _inline_text(children: list[Token], doc: Document, line: int) -> tuple[str, str]:
    """Plain text of inline tokens, collecting links and images; returns (text, inline html).

    ``_underscore emphasis_`` keeps its underscores: templates (ours included) write stand-ins
    that way ("Source: _say where it comes from_"), and the placeholder rules look for them.
    """
    parts: list[str] = []
    html: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("em_open", "em_close") and child.markup == "_":
            parts.append("_")
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "link_open":
            doc.links.append(Link(str(child.attrs.get("href", "")), line))
        elif kind == "image":
            doc.images.append(Link(str(child.attrs.get("src", "")), line))
        elif kind == "html_inline":
            html.append(child.content)
    return "".join(parts), "".join(html)


def _html(content: str, line: int, doc: Document, *, standalone: bool = True) -> None:
    """Raw HTML: images and links count; comments stay as blocks for the placeholder check."""
    for match in _HTML_IMG.finditer(content):
        doc.images.append(Link(match.group(1), line + content.count("\n", 0, match.start())))
    for match in _HTML_HREF.finditer(content):
        doc.links.append(Link(match.group(1), line + content.count("\n", 0, match.start())))
    if standalone:
        doc.blocks.append(Block("html", line, content))


def _clean_heading(text: str) -> str:
    return " ".join(text.split())


def bare_urls(text: str) -> list[str]:
    """``http(s)://`` addresses written as plain text (CommonMark does not link them)."""
    return _BARE_URL.findall(text)


# --- reStructuredText and plain text -----------------------------------------------------------

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
            doc.blocks.append(Block("table" if text.lstrip().startswith(("+-", "|")) else "prose",
                                    paragraph_line, text))
            for match in _RST_LINK.finditer(text):
                doc.links.append(Link(match.group(1), paragraph_line))
            paragraph = []

    while index < len(lines):
        line = lines[index]
        number = index + 1
        following = lines[index + 1] if index + 1 < len(lines) else ""
        overline = bool(_RST_ADORNMENT.match(line)) and index + 2 < len(lines) \
            and _RST_ADORNMENT.match(lines[index + 2]) and lines[index + 1].strip()
        if overline:
            flush()
            _rst_heading(doc, styles, lines[index + 1], line.strip()[0], True, number + 1)
            index += 3
            continue
        if line.strip() and not line[0].isspace() and _RST_ADORNMENT.match(following) \
                and len(following.strip()) >= len(line.strip()) and not paragraph:
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
                doc.blocks.append(Block("code", block_start + 1, textwrap.dedent(body),
                                        info=code.group(1) if code else ""))
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


def _rst_heading(doc: Document, styles: list[tuple[str, bool]], text: str, char: str,
                 overline: bool, line: int) -> None:
    style = (char, overline)
    if style not in styles:
        styles.append(style)
    doc.headings.append(Heading(_clean_heading(text), min(styles.index(style) + 1, 6), line, "rst"))
