"""Shortcuts the checker takes to run fewer regular expressions find exactly what the full search finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.check import ascii_scan, inline, markdown_doc, metric_roles, specificity
from generator.check.document import has_words, words
from generator.check.language import latin_words
from generator.check.line_scan import _RUN, name_starts, numbers_first
from generator.check.metrics_text import _NAME_STARTS, _PROSE_BEFORE
from generator.check.placeholders import (
    _KINDS,
    _NEEDLE_KINDS,
    _TEMPLATE_INSTRUCTIONS,
    _needles_in,
    find_placeholders,
    strip_joined,
    template_instruction,
)
from generator.check.regex_starts import _branches, literal_starts, matches, occurs, substitute
from generator.check.setup_steps import SETUP_SHARE, setup_line, setup_only
from generator.check.terms import _reading
from generator.check.vocabulary import CITATION, LICENCE, SIZE, SPECIFIC_TERMS, WHY

_PIECES = st.sampled_from(
    [
        "here is the README", "Below is your README", "TODO", "todo", "Fill in your name", "[Project Title]",
        "<your-repo>", "your_handle", "I've", "_say", "[your",
        "sure, ", "Sure! ", "\n", " ", "\u0130", "\u0131", "\u017f", "\u212a", "é", "—", "# Title",
        "|run make train|", "Provide an overview", "- Describe the", "briefly summarize the", ". Discuss ",
        "results, including", " e.g. ", "such as", " data", "**Wrap up",
        "train/test split", "Cross-validated", "k-NN", "knn", "for the business", "hold-out", "accuracy 0.9",
        "F1: 0.8", "AUC", "R²", "+.5 recall", "-3 f1", "1.5% accuracy", ".9 AUC", "٣ accuracy", "x2 f1",
        "x", "-", "'", "_", "- Feature 1", "* ITEM\t2", "+ bullet point 3 ", "feature importance", "point 4",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES | st.text(max_size=6), max_size=25).map("".join)


@given(_TEXTS)
def test_placeholder_patterns_find_what_finditer_finds(text: str) -> None:
    _needles_in.cache_clear()
    kinds = {at for needle in _needles_in(text) for at in _NEEDLE_KINDS[needle]}
    assert kinds == {index for index, kind in enumerate(_KINDS) if kind.may_occur(text.lower())}
    for kind in _KINDS:
        assert kind.may_occur(text.lower()) == any(needle in text.lower() for needle in kind.needles)
        expected = [(m.start(), m.group()) for m in kind.pattern.finditer(text)]
        assert [(m.start(), m.group()) for m in matches(kind.pattern, kind.starts, text)] == expected
        allowed = kind.starts_among(_needles_in(text))
        if allowed is None:  # no start the needles allow: nothing to find
            assert kind.starts and not expected
        else:
            assert [(m.start(), m.group()) for m in matches(kind.pattern, allowed, text)] == expected
        assert substitute(kind.pattern, kind.starts, text, " ") == kind.pattern.sub(" ", text)
    template_instruction.cache_clear()
    assert template_instruction(text) == any(
        kind.may_occur(text.lower()) and kind.pattern.search(text) for kind in _TEMPLATE_INSTRUCTIONS
    )
    everywhere = {(m.start(), kind.label) for kind in _KINDS for m in kind.pattern.finditer(text)}
    assert {(hit.line, hit.kind) for hit in find_placeholders(text)} == {
        (text.count("\n", 0, start) + 1, label) for start, label in everywhere
    }


@given(st.lists(_TEXTS | st.sampled_from(["\u0391\u03a3", "\u03a3.", ".\u03a3 fill in", "I\u03a3'"]), max_size=4))
def test_placeholders_stripped_from_parts_are_what_the_patterns_strip_from_the_joined_text(parts: list[str]) -> None:
    _needles_in.cache_clear()
    joined = "\n".join(parts)
    if "<!--" in joined:
        return
    expected, lowered = joined, joined.lower()
    for kind in _KINDS:  # each kind whose needle is in the text, in order, on the text as the kinds before left it
        if any(needle in lowered for needle in kind.needles):
            expected = kind.pattern.sub(" ", expected)
    assert strip_joined(parts) == expected


@given(_TEXTS)
def test_term_leftovers_and_metric_names_find_what_the_full_search_finds(text: str) -> None:
    for terms in (SPECIFIC_TERMS, WHY):
        for index, pattern in enumerate(terms.rest):
            expected = [(m.start(), m.group()) for m in pattern.finditer(text)]
            assert [(m.start(), m.group()) for m in terms._matches(index, text, _reading(text))] == expected
    slow = [run.start() for run in _RUN.finditer(text) if run.group().lower() in _NAME_STARTS]
    assert name_starts(text, _NAME_STARTS) == slow
    expected = [(m.start(), m.group()) for m in _PROSE_BEFORE.finditer(text)]
    assert [(m.start(), m.group()) for m in numbers_first(_PROSE_BEFORE, text)] == expected
    names = name_starts(text, _NAME_STARTS)
    assert [(m.start(), m.group()) for m in numbers_first(_PROSE_BEFORE, text, names)] == expected


def test_starts_are_read_from_the_pattern() -> None:
    assert literal_starts(re.compile(r"\b(?:here(?:'s| is)|below is) x", re.I)) == ("below is x", "here")
    assert literal_starts(re.compile(r"^(?:Sure|Of course)[!,]", re.I | re.M)) == ("of course", "sure")
    assert literal_starts(re.compile(r"(?<!\w)todo")) == ("todo",)  # look-arounds take no text
    assert literal_starts(re.compile(r"(?:(?<![^\n])|(?<=- ))(?:describe|list)\b", re.I)) == ("describe", "list")
    assert literal_starts(re.compile(r"(?:(?<=- )|x?)done")) == ()  # a branch that may start anywhere
    assert literal_starts(re.compile(r"\bI(?:'ve| have)")) == ()  # one common letter: no fewer places to try
    assert "train" in SPECIFIC_TERMS.prefixes  # train(?:ing)?[/ -](?:and )?test split


@given(_TEXTS, st.integers(min_value=-1, max_value=12))
def test_has_words_is_a_count_read_only_as_far_as_needed(text: str, count: int) -> None:
    assert has_words(text, count) == (words(text) >= count)


@given(_TEXTS | st.text(alphabet=st.characters(max_codepoint=127), max_size=40) | st.text(max_size=40))
def test_ascii_scans_find_what_the_regular_expressions_find(text: str) -> None:
    assert ascii_scan.tokens(text.lower()) == re.findall(r"[a-z0-9']+", text.lower())
    assert ascii_scan.tokens(text) == re.findall(r"[a-z0-9']+", text)
    ascii = text.isascii()
    assert ascii_scan.words(text) == len(re.findall(r"[^\W\d_][\w'\u2019-]*", text))
    normal = ascii_scan.normal_words(text)
    assert normal == re.findall(r"[\w'\u2019-]+", text.lower()) or (normal is None and not ascii)
    digit = ascii_scan.has_digit(text)
    assert digit == bool(re.search(r"\d", text)) or (digit is None and not ascii)
    lowered = text.lower()
    assert ascii_scan.runs(lowered) == (re.findall(r"[a-z0-9²]+", lowered) if "²" not in lowered else None)


@given(_TEXTS | st.sampled_from(["I met Wisconsin AUC", "see http://x.com", "WWW.X", "\tMcD x. (A) b! 2? 'c. \"d"]))
def test_sentence_marks_find_what_the_regular_expressions_find(text: str) -> None:
    assert specificity._names(text) == re.findall(r"(?<=\s)(?:" + specificity._NAME.pattern + ")", text)
    assert specificity._has_link(text) == bool(specificity._LINK.search(text))
    assert specificity._has_number(text) == bool(specificity._NUMBER.search(text))
    normal = " ".join(text.split())
    assert specificity._sentences(normal) == re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(*])", normal)


@given(
    _TEXTS
    | st.sampled_from(["Baseline (untuned)", "most-frequent", "the FINAL model \u2705", ">0.8", "hoping to"])
    | st.sampled_from(["\u2265 0.8", "\u2b50 ours", "\U0001f3c6", "TE\u017fT", "\u0130n-sample", "\u212aNN ± test"])
)
def test_a_label_without_a_role_anchor_matches_no_role_pattern(label: str) -> None:
    patterns = [getattr(metric_roles, name) for name in ("_BASELINE", "_TARGET", "_TEST", "_TRAIN", "_FINAL")]
    if metric_roles.without_anchor(label):
        assert not any(pattern.search(label) for pattern in patterns)
        assert metric_roles.role(label) == ""


@given(st.lists(st.sampled_from(["pip install x", "python train.py", "├── data", "The data", "", "  "]) | _TEXTS))
def test_setup_only_stops_reading_when_the_rest_cannot_make_it(lines: list[str]) -> None:
    prose = "\n".join(lines)
    setup_only.cache_clear()
    kept = [line for line in prose.splitlines() if line.strip()]
    count = sum(setup_line(line) for line in kept)
    assert setup_only(prose) == (count >= 2 and count >= SETUP_SHARE * len(kept))


@given(
    _TEXTS
    | st.sampled_from(["see https://x.org/The and www.y.com", "HTTP://A b", "más de la", "a\u0130b"])
    | st.text(alphabet=st.sampled_from("aB _1±—²٣½é\u2019│ⅷ"), max_size=30)
    | st.text(max_size=30)
)
def test_latin_words_are_what_the_token_pattern_finds_outside_addresses(text: str) -> None:
    expected = re.findall(r"[^\W\d_]+", re.sub(r"(?:https?://|www\.)\S*", " ", text.lower()))
    assert latin_words(text) == expected


@given(
    _TEXTS
    | st.text(alphabet=st.sampled_from("**__ Ab1.!?,;):|📊\u20e3\ufe0f\t"), max_size=20)
    | st.sampled_from(["**Data**", "__Model:__ rest", "1\ufe0f\u20e3 Overview", "DATA SET:", "Dataset", "Results."])
)
def test_lines_that_cannot_be_titles_are_none_of_the_title_lines(line: str) -> None:
    if not inline.may_be_title(line):
        assert not inline.is_emoji_led(line)
        assert not inline.is_caps_line(line)
        assert not any(inline.is_short_title(line, words) for words in range(1, 9))
    if inline._BOLD_LABEL.match(line.strip()):  # bold_label reads only lines that start so
        assert line.strip().startswith(("**", "__"))


@given(st.text(alphabet=st.sampled_from("*_~`a \n"), max_size=24))
def test_emphasis_and_code_marks_go_as_the_patterns_delete_them(text: str) -> None:
    expected = text
    if "**" in expected or "__" in expected or "~~" in expected:
        expected = re.sub(r"\*\*|__(?=\S)|(?<=\S)__|~~", "", expected)
    expected = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", expected)
    assert inline.plain(text, 1, [], []) == re.sub(r"`+", "", expected)


_ALTERNATIONS = (
    CITATION,
    LICENCE,
    SIZE,
    re.compile(r"[|]a|[]|(]b|(?:c|d)e|\|f|x(?=y)|(?<=z)w|^g$", re.IGNORECASE | re.MULTILINE),
)


@given(
    st.lists(
        _PIECES
        | st.sampled_from(["doi.org/x", "Kaggle", "et al.", "UCI", "released by", "www.x.com", "data.gov", "x.org"])
        | st.sampled_from(["Licensed under MIT", "CC BY 4.0", "Apache", "copyright", "\u0130", "\u017fx"])
        | st.sampled_from(["|a", "]b", "de", "|f", "xy", "zw"])
        | st.sampled_from(["12,000 rows", "5k images", "g", "G\n"]),
        max_size=6,
    ).map("".join)
)
def test_an_alternation_occurs_where_one_of_its_branches_does(text: str) -> None:
    for pattern in _ALTERNATIONS:
        assert occurs(pattern, text) == (pattern.search(text) is not None), pattern.pattern[:40]


def test_alternations_split_at_their_top_level_bars_only() -> None:
    for pattern in _ALTERNATIONS:
        branches = _branches(pattern)
        assert len(branches) > 1 and "|".join(branch.pattern for branch, _ in branches) == pattern.pattern
    assert _branches(re.compile(r"(a)|\1")) == () and _branches(re.compile("ab")) == ()


@given(st.text(alphabet=st.sampled_from("# \t\rab\u00a0"), max_size=14) | st.text(max_size=10))
def test_atx_headings_read_as_the_full_pattern_reads_them(line: str) -> None:
    full = re.match(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", line)
    opening = markdown_doc._ATX.match(line)
    assert (opening is None) == (full is None)
    if opening is not None and full is not None:
        assert opening.group(1) == full.group(1)
        assert markdown_doc._atx_text(line[opening.end() :]) == (full.group(2) or "")
