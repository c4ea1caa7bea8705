"""Shared hypothesis strategies: hostile scalars, random JSON, and mutations of valid documents."""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

from hypothesis import strategies as st

TALLY: Counter[str] = Counter()

# Values that broke parsers elsewhere: empty and blank text, non-numbers that float() accepts,
# out-of-range dates, huge numbers, control characters, deep nesting.
NASTY_TEXT = [
    "",
    " ",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "-1",
    "0",
    "1e400",
    "1e-400",
    "9" * 400,
    "0x10",
    "1_000",
    "2026-02-30",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2026-13-01",
    "2026-01-01T25:00:00",
    "\x00",
    "\ufeff",
    "µg",
    "pg/mL",
    "pmol/L",
    "=1+1",
    "'",
    '"',
    "{",
    "[",
    "null",
    "true",
    "---",
    "- a",
    "a: b",
    "1/0",
    "0/0",
    "1 /0 g",
]
NASTY_NUMBERS = [
    0,
    -1,
    -0.0,
    1e-300,
    1e300,
    10**30,
    -(10**30),
    2**63,
    float("nan"),
    float("inf"),
    float("-inf"),
    True,
    False,
]


def scalars() -> st.SearchStrategy[Any]:
    """A scalar that JSON can hold, weighted towards values that stress validators."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=30),
        st.sampled_from(NASTY_TEXT),
        st.sampled_from(NASTY_NUMBERS),
    )


def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Any JSON-like value: scalars, lists and objects, nested."""
    return st.recursive(
        scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.text(max_size=12) | st.sampled_from(NASTY_TEXT), inner, max_size=4),
        ),
        max_leaves=max_leaves,
    )


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out += _paths(child, (*prefix, i))
    return out


def _apply(doc: Any, path: tuple[Any, ...], action: str, new: Any) -> Any:
    if not path:
        return new if action == "replace" else doc
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    elif action == "rename" and isinstance(parent, dict) and isinstance(new, str):
        parent[new] = parent.pop(last)
    else:
        parent[last] = new
    return doc


@st.composite
def mutated(draw: st.DrawFn, base: Any, max_mutations: int = 3) -> Any:
    """``base`` with one to ``max_mutations`` random edits (replace, delete, duplicate, rename)."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, max_mutations))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        action = draw(
            st.sampled_from(["replace", "replace", "replace", "delete", "duplicate", "rename"])
        )
        if not path and action != "replace":
            continue
        new = draw(st.text(max_size=10)) if action == "rename" else draw(json_values(6))
        doc = _apply(doc, path, action, new)
    return doc


@st.composite
def mutated_text(draw: st.DrawFn, base: str) -> str:
    """``base`` text with a slice deleted, replaced or duplicated (structure-breaking edits)."""
    text = base
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start, min(len(text), start + 40)))
        choice = draw(st.sampled_from(["delete", "replace", "duplicate"]))
        if choice == "delete":
            text = text[:start] + text[end:]
        elif choice == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        else:
            insert = draw(st.text(max_size=10) | st.sampled_from(NASTY_TEXT))
            text = text[:start] + insert + text[end:]
    return text
