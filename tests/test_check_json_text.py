"""The fast indented JSON writer of the check reports writes exactly what ``json.dumps`` writes."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
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


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_writes_what_json_dumps_writes(value: object) -> None:
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_keys_that_are_not_strings_and_odd_numbers() -> None:
    value = {7: [math.inf, -math.inf, math.nan, 1e300, -0.0], 2.5: {}, True: [], None: 'é\n"\u2028', False: [[]]}
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        json_text.dumps({"a": {1, 2}})
    with pytest.raises(TypeError):
        json_text.dumps({(1, 2): 3})
