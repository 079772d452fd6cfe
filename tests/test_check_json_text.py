"""The fast indented JSON writer of the check reports writes exactly what ``json.dumps`` writes."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.check import json_text

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@given(_VALUES)
def test_writes_what_json_dumps_writes(value: object) -> None:
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


_ROWS = st.lists(st.dictionaries(st.text(max_size=8) | st.integers(), _SCALARS, min_size=1, max_size=4), min_size=1)


@given(st.lists(_ROWS, max_size=2) | st.dictionaries(st.text(max_size=4), _ROWS, max_size=2) | _ROWS)
def test_lists_of_flat_rows_are_written_in_one_go_as_json_dumps_writes_them(value: object) -> None:
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_row_whose_strings_look_like_the_break_between_rows() -> None:
    value = {"rows": [{"a": "},\n    {", "}": 1}, {"b": None}], "empty": [{}], "mixed": [{"a": 1}, {"b": [2]}]}
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_keys_that_are_not_strings_and_odd_numbers() -> None:
    value = {7: [math.inf, -math.inf, math.nan, 1e300, -0.0], 2.5: {}, True: [], None: 'é\n"\u2028', False: [[]]}
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        json_text.dumps({"a": {1, 2}})
    with pytest.raises(TypeError):
        json_text.dumps({(1, 2): 3})
