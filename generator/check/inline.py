"""Inline Markdown as plain text: links and images collected, emphasis markers dropped.

Regular expressions over one paragraph at a time, each linear in the paragraph's length
(no nesting is followed past one level: ``[![badge](img)](link)`` is an image inside a link).
``_underscore emphasis_`` keeps its underscores: templates (ours included) write stand-ins
that way ("Source: _say where it comes from_"), and the placeholder rules look for them.
"""

from __future__ import annotations

import re
import unicodedata

from generator.check.document import Link

_IMAGE = re.compile(r"!\[([^\]\n]{0,300})\]\(\s*<?([^)\s>]{0,2000})>?(?:\s+[\"'(][^)\n]{0,300})?\s*\)")
_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\(\s*<?([^)\s>]{0,2000})>?(?:\s+[\"'(][^)\n]{0,300})?\s*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]{1,2000})>", re.IGNORECASE)
_HTML_IMG = re.compile(r"""<img\b[^>]{0,2000}?\bsrc\s*=\s*["']([^"']{1,2000})["']""", re.IGNORECASE)
_HTML_HREF = re.compile(r"""<a\b[^>]{0,2000}?\bhref\s*=\s*["']([^"']{1,2000})["']""", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
_STRONG = re.compile(r"\*\*|__(?=\S)|(?<=\S)__|~~")
_STAR_EM = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_BOLD_LABEL = re.compile(r"^(?:\*\*|__)([^*_\n]{1,80}?)(:?)(?:\*\*|__)(:?)[ \t]*(.*)$")
_MARKUP = re.compile(r"[<\[*_`\\~]")
_UNSAFE = ("javascript:", "vbscript:", "file:", "data:")
_KEYCAP = re.compile("^[0-9#*]\ufe0f?\u20e3")
PSEUDO_MAX_WORDS = 6


def html_targets(html: str, line: int, links: list[Link], images: list[Link]) -> None:
    """Images and links written as HTML tags (``<img src>``, ``<a href>``)."""
    for match in _HTML_IMG.finditer(html):
        images.append(Link(match.group(1), line + html.count("\n", 0, match.start())))
    for match in _HTML_HREF.finditer(html):
        links.append(Link(match.group(1), line + html.count("\n", 0, match.start())))


def plain(text: str, line: int, links: list[Link], images: list[Link]) -> str:
    """``text`` without Markdown markup; its links and images are appended to the lists given."""
    if not _MARKUP.search(text):
        return text  # most lines carry no markup at all
    if "<" in text:
        html_targets(text, line, links, images)
        text = _AUTOLINK.sub(lambda m: _keep(m.group(1), line, links), text)
    if "[" in text:
        text = _IMAGE.sub(lambda m: _image(m, text, line, images), text)
        text = _LINK.sub(lambda m: _link(m, text, line, links), text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "__" in text or "~~" in text:  # what every match of _STRONG holds
        text = _STRONG.sub("", text)
    elif "**" in text:
        text = text.replace("**", "")  # _STRONG's only match here: the same left-to-right, one pass
    if "*" in text:
        text = _STAR_EM.sub("", text)
    if "`" in text:
        text = text.replace("`", "")  # every run of backticks gone (a code span keeps its text)
    return text


def _keep(url: str, line: int, links: list[Link]) -> str:
    links.append(Link(url, line, url))
    return url


def _image(match: re.Match[str], text: str, line: int, images: list[Link]) -> str:
    images.append(Link(match.group(2), line + text.count("\n", 0, match.start()), match.group(1)))
    return match.group(1)


def _link(match: re.Match[str], text: str, line: int, links: list[Link]) -> str:
    if match.group(2).lower().startswith(_UNSAFE):
        return match.group()  # not a link where the README is shown (as markdown-it and GitHub treat it)
    links.append(Link(match.group(2), line + text.count("\n", 0, match.start()), match.group(1)))
    return match.group(1)


def bold_label(first: str) -> tuple[str, str] | None:
    """``**Label**`` / ``**Label:** rest`` / ``__Label__`` at the start of a line -> (label, rest)."""
    stripped = first.strip()
    if not stripped.startswith(("**", "__")):  # what every match begins with (most lines do not)
        return None
    match = _BOLD_LABEL.match(stripped)
    if match is None:
        return None
    label, colon, rest = match.group(1).strip(), match.group(2) or match.group(3), match.group(4).strip()
    if rest and not colon:
        return None  # "**Note** that …": emphasis inside a sentence, not a label
    if not label or len(label.split()) > PSEUDO_MAX_WORDS:
        return None
    return clean_heading(label), rest


def is_emoji_led(line: str) -> bool:
    """``📊 Results`` or ``1️⃣ Project Overview``: a short line that starts with an emoji or keycap."""
    stripped = line.strip()
    if not _title_like(stripped, PSEUDO_MAX_WORDS + 1):
        return False
    return unicodedata.category(stripped[0]) == "So" or bool(_KEYCAP.match(stripped))


def is_caps_line(line: str) -> bool:
    """``DATASET`` or ``MODEL EVALUATION:``: a short line in capitals (at least three letters)."""
    stripped = line.strip().rstrip(":")
    if stripped != stripped.upper() or len(stripped) > 80:
        return False
    letters = [ch for ch in stripped if ch.isalpha()]
    return len(letters) >= 3 and _title_like(stripped, PSEUDO_MAX_WORDS) and all(ch.isupper() for ch in letters)


def is_short_title(line: str, max_words: int = 5) -> bool:
    """``Dataset`` or ``Model training:`` alone on a line: starts with a capital, no sentence ending."""
    stripped = line.strip()
    return _title_like(stripped, max_words) and stripped[0].isupper() and not stripped.startswith("I ")


def may_be_title(line: str) -> bool:
    """Whether ``line`` can be any of the short title lines above: not when it is blank or ends like a
    sentence or a clause (a cheap test that spares a paragraph the others)."""
    stripped = line.strip()
    return bool(stripped) and stripped[-1] not in ".!?,;)"


def _title_like(stripped: str, max_words: int) -> bool:
    return (
        bool(stripped)
        and stripped[-1] not in ".!?,;)"
        and len(stripped) <= 80
        and "|" not in stripped
        and len(stripped.split()) <= max_words
    )


def clean_heading(text: str) -> str:
    """A heading's text on one line, without a trailing colon."""
    return " ".join(text.split()).rstrip(":").strip()
