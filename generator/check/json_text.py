"""JSON text exactly as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, about three times faster.

With ``indent`` the standard library falls back from its C encoder to a pure-Python one built from
nested generators, which cost a cohort's JSON and SARIF reports as much as a third of the check
itself. Here the layout is written by one recursive function and every string by the C escaper.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

_ESCAPE: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring
_INFINITY = float("inf")
_C_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)
_FLAT: dict[str, Any] = {}
"""Indent -> a C encoder of flat containers at that depth."""


def dumps(value: object) -> str:
    """``value`` as indented JSON text (no trailing newline), the same text ``json.dumps`` writes."""
    parts: list[str] = []
    _write(value, "\n", parts)
    return "".join(parts)


def _write(value: object, newline: str, parts: list[str]) -> None:
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        parts.append(scalar(value))
    elif isinstance(value, str):
        parts.append(_ESCAPE(value))
    elif isinstance(value, int):  # bool is caught by type above; other int subclasses write as ints
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        parts.append(_float(value))
    elif isinstance(value, list | tuple):
        if not _flat(value, value, newline, parts) and not _rows(value, newline, parts):
            _container(enumerate(value), newline, parts, "[", "]", keyed=False)
    elif isinstance(value, dict):
        if not _flat(value, value.values(), newline, parts):
            _container(value.items(), newline, parts, "{", "}", keyed=True)
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _flat(value: object, items: Iterable[object], newline: str, parts: list[str]) -> bool:
    """Write a non-empty container of scalars (a check result, a finding) in one call of the C encoder,
    whose item separator carries the line break and indent; ``False`` when it holds containers."""
    if _C_ENCODER is None or not items or not _SCALAR_TYPES.issuperset(map(type, items)):
        return False
    inner = newline + "  "
    text = "".join(_encoder(inner)(value, 0))
    parts.append(text[0] + inner + text[1:-1] + newline + text[-1])
    return True


def _rows(value: list[Any] | tuple[Any, ...], newline: str, parts: list[str]) -> bool:
    """Write a non-empty list of non-empty flat dicts (a report's checks and findings) in one call of the
    C encoder, whose separator is the rows' items' line break; the rows' own breaks are put in after: a
    line break is never inside a string (it is escaped), so ``},`` + break + ``{`` is only ever between rows."""
    if _C_ENCODER is None or not value:
        return False
    for row in value:
        if type(row) is not dict or not row or not _SCALAR_TYPES.issuperset(map(type, row.values())):
            return False
    inner = newline + "  "
    deeper = inner + "  "
    text = "".join(_encoder(deeper)(value, 0))  # [{"a": 1,<deeper>"b": 2},<deeper>{"a": 3}]
    body = text[2:-2].replace("}," + deeper + "{", inner + "}," + inner + "{" + deeper)
    parts.append("[" + inner + "{" + deeper + body + inner + "}" + newline + "]")
    return True


def _encoder(inner: str) -> Any:
    """The C encoder whose item separator breaks the line and indents to ``inner``."""
    encode = _FLAT.get(inner)
    if encode is None:
        encode = _FLAT[inner] = _C_ENCODER(None, None, _ESCAPE, None, ": ", "," + inner, False, False, True)
    return encode


def _container(
    items: Iterable[tuple[object, object]], newline: str, parts: list[str], opening: str, closing: str, *, keyed: bool
) -> None:
    inner = newline + "  "
    separator = opening + inner
    for key, item in items:
        head = separator + _ESCAPE(_key(key)) + ": " if keyed else separator
        scalar = _SCALARS.get(type(item))
        if scalar is not None:  # most values: one string, no call deeper
            parts.append(head + scalar(item))
        else:
            parts.append(head)
            _write(item, inner, parts)
        separator = "," + inner
    parts.append(newline + closing if separator != opening + inner else opening + closing)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    """A dict key as JSON writes it (keys that are not strings become strings)."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _ESCAPE,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}
"""How a value of exactly these types is written (subclasses take the slower checks in :func:`_write`)."""
_SCALAR_TYPES = frozenset(_SCALARS)
