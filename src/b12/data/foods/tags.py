"""Food-group and allergen tags for menu planning, from the reviewed table ``tags.csv``.

A food's tags are built in three steps, each row of the table in file order: its SR28 food group
gives the base tags (``group`` rows), words in its name add or remove tags (``name`` rows, matched
as whole words, case-insensitive; a trailing ``*`` matches a word start, so 'soy*' matches
'Soymilk' while 'egg' does not match 'Eggnog' and 'bran' does not match 'brand'), and a few
foods are named by NDB number (``ndb`` rows). A tag written ``-tag`` removes it.

Tags: ``meat``, ``poultry``, ``fish``, ``shellfish`` (with ``crustacean`` or ``mollusc``),
``dairy``, ``egg`` for diet patterns; ``milk``, ``egg``, ``fish``, ``shellfish``, ``soy``,
``wheat``, ``peanut``, ``tree_nut``, ``sesame`` for common allergens; ``composite`` for recipes and
branded products whose ingredients vary (never offered to someone who excludes an allergen);
``not_for_menu`` for foods a menu does not suggest (energy drinks, meal replacements, powders);
``organ_meat`` and ``algae`` for foods kept only when the diary already has them;
``animal_possible`` for meat analogues that often hold egg white or milk (never offered to vegans).

The tags are a planning aid, never an allergen declaration: the label of the product bought is
what counts.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from b12.core.diet.food import Food

TAGS_FILE = "tags.csv"
KINDS = ("group", "name", "ndb")
ALLERGENS = (
    "milk",
    "egg",
    "fish",
    "shellfish",
    "crustacean",
    "mollusc",
    "soy",
    "wheat",
    "peanut",
    "tree_nut",
    "sesame",
)


@dataclass(frozen=True)
class TagRule:
    """One row of the tag table."""

    kind: str
    match: str
    add: frozenset[str]
    remove: frozenset[str]
    pattern: re.Pattern[str] | None


def parse_rules(text: str) -> tuple[TagRule, ...]:
    """The rules of a tag table given as CSV text (``kind,match,tags,note``)."""
    rules = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), 2):
        kind = row["kind"]
        if kind not in KINDS:
            raise ValueError(f"{TAGS_FILE} line {number}: kind {kind!r} is not one of {KINDS}")
        words = row["tags"].split()
        pattern = None
        if kind == "name":
            match = row["match"]
            end = "" if match.endswith("*") else r"\b"
            pattern = re.compile(r"\b" + re.escape(match.rstrip("*")) + end, re.IGNORECASE)
        rules.append(
            TagRule(
                kind,
                row["match"],
                frozenset(w for w in words if not w.startswith("-")),
                frozenset(w[1:] for w in words if w.startswith("-")),
                pattern,
            )
        )
    return tuple(rules)


@cache
def tag_rules() -> tuple[TagRule, ...]:
    """The bundled tag table."""
    text = resources.files("b12.data.foods").joinpath(TAGS_FILE).read_text(encoding="utf-8")
    return parse_rules(text)


def _applies(rule: TagRule, food: Food) -> bool:
    if rule.kind == "group":
        return rule.match == food.group
    if rule.kind == "ndb":
        return rule.match == food.ndb
    assert rule.pattern is not None
    return rule.pattern.search(food.name) is not None


def food_tags(food: Food, rules: tuple[TagRule, ...] | None = None) -> frozenset[str]:
    """The tags of one food: group rows, then name rows, then NDB rows."""
    return _bundled_tags(food) if rules is None else _tags(food, rules)


@cache
def _bundled_tags(food: Food) -> frozenset[str]:
    return _tags(food, tag_rules())


def _tags(food: Food, rules: tuple[TagRule, ...]) -> frozenset[str]:
    tags: set[str] = set()
    for kind in KINDS:
        for rule in rules:
            if rule.kind == kind and _applies(rule, food):
                tags -= rule.remove
                tags |= rule.add
    return frozenset(tags)
