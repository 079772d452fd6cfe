"""The template filters: TOML values that parse back to what was rendered, and stay readable."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.jinja_ext import toml_value

VALUES = st.recursive(
    st.text() | st.booleans() | st.integers() | st.floats(allow_nan=False),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
    max_leaves=8,
)


@given(VALUES)
def test_every_value_parses_back_unchanged(value):
    assert tomllib.loads(f"key = {toml_value(value)}")["key"] == value


@pytest.mark.parametrize("text", [">=3.11", "Zoë <zoe@example.com> & co's", "naïve — ünïcode"])
def test_printable_text_is_written_as_is(text):
    assert toml_value(text) == f'"{text}"'


def test_only_what_toml_requires_is_escaped():
    assert toml_value('a "quote", a \\ and\na line\x01') == '"a \\"quote\\", a \\\\ and\\na line\\u0001"'


def test_values_toml_cannot_hold_are_refused():
    with pytest.raises(TypeError, match="no TOML form for NoneType"):
        toml_value(None)
