"""Sweetened and children's breakfast cereals: b12 keeps them when eaten, never suggests them.

The planner's objective counts grams, not food quality, so the lightest fortified serving wins, and
the lightest fortified servings in SR28 are sugar-coated children's cereals (round 3 planned Cookie
Crisp, Fruity Pebbles and Lucky Charms for a 70-year-old without a diary). b12 does not suggest
them to anyone; a diary that has one keeps it, like any other food the person eats.

A reviewed exclusion, not a nutrient threshold: the words below were chosen by reading the names
of SR28's ready-to-eat cereals (food group 0800, ``FOOD_DES.txt``): products sold to children
(cartoon, chocolate, marshmallow and candy-named brands) and products whose name says they are
sugar-coated ("frosted", "presweetened"), and, since round 5, the flavoured and fruited products
whose total sugars are "high" by the UK front-of-pack label (more than 22.5 g per 100 g; Department
of Health and Food Standards Agency, Guide to creating a front of pack nutrition label, 2016):
raisin brans, honey-nut and cinnamon flavours, granolas, clusters. A word matches the food's name
case-insensitively; the
test ``tests/unit/services/menu/test_sweetened.py`` checks each word against the real SR28 names,
that the flagged cereals have more total sugar per 100 g (SR28 nutrient 269) than the others, and
that no fortified cereal above 22.5 g per 100 g is left unflagged.
"""

from __future__ import annotations

import re

from b12.services.menu.foods import MenuFood

CEREAL_GROUP = "Breakfast Cereals"
# Reviewed list (SR28 release 28 names). Kept short and specific: "KIX" or "CHEX" alone would also
# catch plain products, so only their sweetened variants are named.
SWEETENED_CEREAL_WORDS = (
    "alpha-bits",
    "apple",
    "banana nut",
    "blueberr",
    "boo berry",
    "bran buds",
    "bumpers",
    "burst",  # Berry Burst, Yogurt Burst, Cinnamon Burst Cheerios; Corn Bursts
    "buzzers",
    "cap'n crunch",
    "chocolat",  # chocolate, chocolatey, chocolate-flavored
    "chocula",
    "christmas crunch",
    "cinnabon",
    "cinnamon",
    "cluster",
    "coco-roos",
    "cocoa",
    "colossal crunch",
    "cookie crisp",
    "corn pops",
    "cracklin'",
    "cranberr",
    "dora the explorer",
    "dyno-bites",
    "familia",
    "frankenberry",
    "froot loops",
    "frosted",
    "fruit & yogurt",
    "fruity",
    "golden crisp",
    "golden grahams",
    "golden puffs",
    "graham oh!s",
    "graham squares",
    "granola",
    "honey",
    "king vitaman",
    "krave",
    "lucky charms",
    "marshmallow",
    "mateys",
    "mueslix",
    "muffin tops",
    "peanut butter",
    "pebbles",
    "presweetened",
    "quisp",
    "raisin",
    "red berries",
    "reese's",
    "rice krispies treats",
    "scooters",
    "smart start",
    "strawberr",
    "sweet crunch",
    "toast crunch",
    "tootie fruities",
    "trix",
    "vanilla almond",
    "waffle crisp",
    "zings",
)


def is_sweetened_cereal(food: MenuFood) -> bool:
    """True for a breakfast cereal whose name marks it as sweetened or made for children."""
    return is_breakfast_cereal(food) and sweetened_cereal_name(food.name)


def is_breakfast_cereal(food: MenuFood) -> bool:
    """True for a breakfast cereal: SR28 food group 0800, or a name that starts "Cereals"."""
    return food.group == CEREAL_GROUP or food.name.lower().startswith("cereals")


def sweetened_cereal_name(name: str) -> bool:
    """True when a cereal's name holds one of the reviewed words (whole words, any case)."""
    return _WORDS.search(name) is not None


# Whole words: "frosted" must not match "Unfrosted" (Kellogg's unfrosted Mini-Wheats).
_WORDS = re.compile("|".join(rf"\b{re.escape(w)}" for w in SWEETENED_CEREAL_WORDS), re.IGNORECASE)
