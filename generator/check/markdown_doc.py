"""Markdown read line by line, the way GitHub shows it, in time linear in the README's size.

A general CommonMark parser (markdown-it-py) took 2 s for a README of 16,000 headings and half
of every check's time; the checker needs far less than a renderer: headings, paragraphs, lists,
code, tables (pipe and HTML), HTML comments, links and images. One pass turns lines into
*items*; a second pass recognises the pseudo-headings real READMEs use instead of ``#``:
a bold label, a line led by an emoji or keycap (``1️⃣ Overview``), a one-item numbered line
(``1. Dataset``), an ALL-CAPS line, a short title-like line standing before a paragraph, or a
``Label: text`` line of its own.
A paragraph directly above ``---`` is a setext heading to the parser; when it reads like a
sentence it is kept as prose and noted in ``Document.formatting`` (GitHub shows it as a heading).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.check.document import PSEUDO_LEVEL, Block, Document, Heading
from generator.check.inline import (
    bold_label,
    clean_heading,
    html_targets,
    is_caps_line,
    is_emoji_led,
    is_short_title,
    may_be_title,
    plain,
)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*([^`\n]*)$")
_LISTED_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([^`\n]*)$")
"""A fence inside a list item, indented as the item's text is (``1.  Clone:`` then ``    ```bash``)."""
_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")  # an ATX heading's opening; its text: _atx_text
_NO_SPACE = re.compile(r"^ {0,3}(#{1,6})([^\s#][^\n]{0,80})$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST = re.compile(r"^([ \t]*)([-+*]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)")
_QUOTE = re.compile(r"^ {0,3}>[ ]?(.*)$")
_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HTML_START = re.compile(r"^ {0,3}<(!--|/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table|\Z)", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)(?=<t[dh]\b|</tr|\Z)", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_SENTENCE_END = re.compile(r"[.!?]$")
_DIGIT = re.compile(r"\d")
_MARKERS = frozenset("`~#=-*_+<>0123456789")
"""First characters of a line that may start a block (or underline a paragraph); any decimal digit
(``\\d``) may start a numbered list item too."""
_COLON_LABEL = re.compile(r"^([A-Z][A-Za-z &/()-]{1,40}?):\s+(?![\d.$€£-])(\S.*)$")
"""``Project overview: what problem this solves`` on a line of its own (not ``Accuracy: 0.93``)."""
_BLOCK_TAGS = frozenset(
    {
        *("!--", "address", "article", "aside", "blockquote", "body", "caption", "center", "col", "colgroup", "dd"),
        *("details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link"),
        *("main", "menu", "nav", "ol", "p", "picture", "pre", "script", "search", "section", "style", "summary"),
        *("table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "ul"),
    }
)
"""Tags that open an HTML block wherever they start a line (CommonMark's kinds 1, 2 and 6): any other tag
does so only as a complete tag alone on a line outside a paragraph (``<img …>``), so an anchor such as
``<a name="data"></a>`` or ``<b>Model</b>`` on a line is text and the heading under it stays a heading."""
_LONE_TAG = re.compile(
    r"^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*"
    r"\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$"
)
MAX_TABLE_COLUMNS = 64


@dataclass
class _Item:
    """A block before inline reading: its kind, first line, raw lines and container."""

    kind: str  # para, code, table, html, heading
    line: int
    lines: list[str] = field(default_factory=list)
    container: str = ""  # "", "quote", "ulist", "olist"
    level: int = 0
    info: str = ""
    indent: int = 0


def parse_markdown(source: str, name: str = "README.md", cell_starts: Sequence[tuple[int, int]] = ()) -> Document:
    """Parse Markdown into headings and blocks (lines are 1-based, as editors show them)."""
    doc = Document(name=name, source=source, headings=[], blocks=[], links=[], images=[], cell_starts=cell_starts)
    items = _items(source.split("\n"), doc)
    for index, item in enumerate(items):
        _emit(item, items[index + 1] if index + 1 < len(items) else None, items[index - 1] if index else None, doc)
    return doc


def _items(lines: list[str], doc: Document) -> list[_Item]:
    items: list[_Item] = []
    para: _Item | None = None
    in_list = False
    code_indent = 4  # columns an indented code block in the current list item needs
    index = 0
    total = len(lines)
    while index < total:
        line = lines[index]
        number = index + 1
        stripped = line.strip()
        if not stripped:
            para = None
            index += 1
            continue
        if (
            para is not None
            and para.container != "quote"
            and stripped[0] not in _MARKERS
            and "|" not in line
            and not line.startswith(("    ", "\t"))
        ):
            para.lines.append(stripped)  # the common case: a paragraph goes on (no block can start here)
            index += 1
            continue
        marked = stripped[0] in _MARKERS or stripped[0].isdecimal()  # else no marker pattern can match
        fence = (_LISTED_FENCE if in_list else _FENCE).match(line) if marked else None
        if fence:
            para = None
            marker = fence.group(1)
            end = index + 1
            while end < total and not (
                lines[end].strip().startswith(marker[0] * len(marker)) and not lines[end].strip().strip(marker[0])
            ):
                end += 1
            items.append(_Item("code", number, lines[index + 1 : end], info=fence.group(2).strip()))
            index = end + 1
            continue
        if para is not None and para.container == "" and marked and _SETEXT.match(line):
            items.pop()
            text = " ".join(para.lines)
            level = 1 if stripped[0] == "=" else 2
            if (len(para.lines) > 1 and len(text.split()) > 8) or len(text.split()) > 12 or _SENTENCE_END.search(text):
                doc.formatting.append(
                    (
                        number,
                        f"the paragraph at line {para.line} sits directly above "
                        f"'{stripped[:3]}', so it shows as a heading",
                    )
                )
                items.append(para)
            else:
                items.append(_Item("heading", para.line, [text], level=level, info="setext"))
            para = None
            index += 1
            continue
        atx = _ATX.match(line) if marked else None
        if atx:
            para = None
            in_list = False
            items.append(_Item("heading", number, [_atx_text(line[atx.end() :])], level=len(atx.group(1)), info="atx"))
            index += 1
            continue
        squeezed = _NO_SPACE.match(line) if para is None and marked else None
        if squeezed and squeezed.group(2)[0].isalpha() and len(squeezed.group(2).split()) <= 8:
            in_list = False
            doc.formatting.append((number, f"'{stripped[:30]}' needs a space after '#' to show as a heading"))
            items.append(_Item("heading", number, [squeezed.group(2)], level=len(squeezed.group(1)), info="atx"))
            index += 1
            continue
        if marked and _BREAK.match(line):
            para = None
            in_list = False
            index += 1
            continue
        if "|" in line and index + 1 < total and "|" in lines[index + 1] and _DELIMITER.match(lines[index + 1]):
            para = None
            end = index + 2
            while end < total and lines[end].strip() and "|" in lines[end]:
                end += 1
            items.append(_Item("table", number, [line, *lines[index + 2 : end]]))
            index = end
            continue
        html = _HTML_START.match(line) if marked else None
        tag = html.group(1).lower().lstrip("/") if html else ""
        if html and (tag in _BLOCK_TAGS or (para is None and _LONE_TAG.match(line))):
            para = None
            end = _html_end(lines, index, tag)
            if end < total and lines[end].strip():  # "## Data" right under the HTML: GitHub shows it as text
                shown = lines[end].strip()[:30]
                doc.formatting.append((end + 1, f"'{shown}' right under HTML shows as text: leave a blank line above"))
            items.append(_Item("html", number, lines[index:end]))
            index = end
            continue
        listed = _LIST.match(line) if marked else None
        if listed and (listed.group(3) or para is None):
            indent = len(listed.group(1).expandtabs(4))
            ordered = listed.group(2)[0].isdigit()
            if not (ordered and para is not None and not listed.group(2).startswith("1")):
                in_list = True
                code_indent = len((line[: listed.start(3)] if listed.group(3) else line).expandtabs(4)) + 4
                para = _Item(
                    "para",
                    number,
                    [listed.group(3) or ""],
                    container="olist" if ordered else "ulist",
                    indent=indent,
                    info=listed.group(2),
                )
                items.append(para)
                index += 1
                continue
        quote = _QUOTE.match(line) if marked else None
        if quote:
            if para is None or para.container != "quote":
                para = _Item("para", number, [], container="quote")
                items.append(para)
            para.lines.append(quote.group(1))
            index += 1
            continue
        need = code_indent if in_list else 4  # in a list item, after a blank line: 4 past its text (CommonMark)
        if para is None and line[:1] in (" ", "\t") and _columns(line) >= need:
            end = index
            while end < total and (not lines[end].strip() or _columns(lines[end]) >= need):
                end += 1
            items.append(
                _Item("code", number, [text[4:] if text.startswith("    ") else text[1:] for text in lines[index:end]])
            )
            index = end
            continue
        if para is None:
            container = "ulist" if in_list and line[:1] in (" ", "\t") else ""
            in_list = in_list and bool(container)
            para = _Item("para", number, [], container=container)
            items.append(para)
        para.lines.append(stripped)
        index += 1
    return items


def _atx_text(rest: str) -> str:
    """An ATX heading's text from what follows its ``#``s, without the blanks around it and a closing run of
    ``#`` after a blank (``## Data ##``), as CommonMark reads it (a lazy ``(.*?)`` retried at every character)."""
    text = rest.strip(" \t")
    bare = text.rstrip("#")
    return bare.rstrip(" \t") if bare != text and bare[-1:] in (" ", "\t") else text


def _columns(line: str) -> int:
    """Columns of white space that start ``line`` (a tab to the next multiple of 4, as CommonMark counts)."""
    return len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))


def _html_end(lines: list[str], index: int, tag: str) -> int:
    """The line after an HTML block: its closing mark for comments, tables and pre; else a blank line, or
    a Markdown heading (GitHub shows it as text, but the author meant a heading: it is read as one)."""
    closing = {"!--": "-->", "table": "</table", "pre": "</pre", "script": "</script", "style": "</style"}.get(tag)
    end = index
    if closing:
        while end < len(lines) and closing not in lines[end].lower():
            end += 1
        return min(end + 1, len(lines))
    end += 1
    while end < len(lines) and lines[end].strip() and not _ATX.match(lines[end]):
        end += 1
    return end


def _emit(item: _Item, following: _Item | None, previous: _Item | None, doc: Document) -> None:
    if item.kind == "heading":
        text = clean_heading(plain(item.lines[0], item.line, doc.links, doc.images))
        doc.headings.append(Heading(text, item.level, item.line, item.info))
        if _DIGIT.search(text):  # "Best single model CV: 0.326": a result written as a heading
            doc.blocks.append(Block("heading", item.line, text))
    elif item.kind == "code":
        doc.blocks.append(Block("code", item.line, "\n".join(item.lines), info=item.info))
    elif item.kind == "table":
        _table(item, doc)
    elif item.kind == "html":
        _html(item, doc)
    elif not _pseudo(item, following, previous, doc):
        _prose(item.lines, item.line, doc)


def _prose(lines: list[str], line: int, doc: Document) -> None:
    text = "\n".join(lines)
    if "<!--" in text:
        for match in _COMMENT.finditer(text):
            doc.blocks.append(Block("html", line + text.count("\n", 0, match.start()), match.group()))
        text = _COMMENT.sub(" ", text)
    first = len(doc.images)
    text = plain(text, line, doc.links, doc.images).strip()
    if text:
        images = doc.images[first:]  # the paragraph's own (most have none)
        alt = tuple(image.text for image in images if image.text and image.text in text) if images else ()
        doc.blocks.append(Block("prose", line, text, alt=alt))


def _pseudo(item: _Item, following: _Item | None, previous: _Item | None, doc: Document) -> bool:
    """Whether the paragraph starts with a pseudo-heading (then it is emitted as heading + prose)."""
    first, rest = item.lines[0] if item.lines else "", item.lines[1:]
    rest_line = item.line + 1
    if item.container == "olist":
        alone = not (following is not None and following.container == "olist" and following.indent == item.indent)
        single = not (previous is not None and previous.container == "olist" and previous.indent == item.indent)
        if not (alone and single and not rest and following is not None and is_short_title(first, 6)):
            return False
        style = "numbered"
        label = plain(first, item.line, doc.links, doc.images)
    elif item.container:
        return False
    elif (labelled := bold_label(first)) is not None:
        style, label = "bold", labelled[0]
        if labelled[1]:
            rest, rest_line = [labelled[1], *rest], item.line
    elif "](" in first or ("<" in first and "<img" in first.lower()):
        return False  # an image or link line (a figure, a badge) is content
    else:
        text = plain(first, item.line, [], [])  # links are collected once, by the prose or heading emitted
        titled = may_be_title(text)  # else none of the next three is (a sentence: the common case)
        if titled and is_emoji_led(text):
            style = "emoji"
        elif titled and is_caps_line(text) and (rest or following is not None):
            style = "caps"
        elif titled and _short_line_heading(text, rest, following):
            style = "line"
        elif (
            not rest
            and ":" in text
            and (labelled_line := _COLON_LABEL.match(text))
            and len(labelled_line.group(1).split()) <= 3
        ):
            doc.headings.append(
                Heading(clean_heading(labelled_line.group(1)), PSEUDO_LEVEL, item.line, "pseudo", "label")
            )
            _prose(item.lines, item.line, doc)  # the label stays part of the sentence ("Licence: CC BY 4.0")
            return True
        else:
            return False
        label = text
    doc.headings.append(Heading(clean_heading(label), PSEUDO_LEVEL, item.line, "pseudo", style))
    if rest:
        _prose(rest, rest_line, doc)
    return True


def _short_line_heading(text: str, rest: list[str], following: _Item | None) -> bool:
    """``Dataset`` alone before a paragraph, or ``Dataset:`` / ``Dataset`` over a new sentence."""
    if not is_short_title(text, 5 if text.rstrip().endswith(":") else 4):
        return False
    titled = text.istitle() or len(text.split()) <= 2
    if not rest:
        return titled and following is not None and following.kind in ("para", "table", "code")
    return text.rstrip().endswith(":") or (rest[0][:1].isupper() and titled)


def _table(item: _Item, doc: Document) -> None:
    table = Block("table", item.line, "")
    for offset, raw in enumerate(item.lines):
        row = raw.strip()
        row = row[1:] if row.startswith("|") else row
        row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
        cells = _CELL_SPLIT.split(row)[:MAX_TABLE_COLUMNS]
        line = item.line + (offset + 1 if offset else 0)
        table.rows.append([plain(cell, line, doc.links, doc.images).strip() for cell in cells])
        table.row_lines.append(line)
    table.text = "\n".join(" | ".join(row) for row in table.rows)
    doc.blocks.append(table)


def _html(item: _Item, doc: Document) -> None:
    """Raw HTML: images and links count; comments stay as blocks; headings, tables and text are read."""
    content = "\n".join(item.lines)
    html_targets(content, item.line, doc.links, doc.images)
    if "<!--" in content:
        doc.blocks.append(Block("html", item.line, content))
        content = _COMMENT.sub(" ", content)
    if "<h" in content.lower():
        for match in _HTML_HEADING.finditer(content):
            text = clean_heading(_TAG.sub("", match.group(2)))
            if text:
                doc.headings.append(Heading(text, int(match.group(1)), item.line, "html"))
        content = _HTML_HEADING.sub(" ", content)
    if "<tr" in content.lower():
        rows = [
            [" ".join(_TAG.sub(" ", cell).split()) for cell in _HTML_CELL.findall(row)][:MAX_TABLE_COLUMNS]
            for row in _HTML_ROW.findall(content)
        ]
        rows = [row for row in rows if row]
        if rows:
            doc.blocks.append(
                Block(
                    "table",
                    item.line,
                    "\n".join(" | ".join(r) for r in rows),
                    rows=rows,
                    row_lines=[item.line] * len(rows),
                )
            )
            return
    text = " ".join(_TAG.sub(" ", content).split())
    if text:
        doc.blocks.append(Block("prose", item.line, text))
