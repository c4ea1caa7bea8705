"""A serving high in sodium: 20 % of the Daily Value (460 mg) or more, the FDA's label guide.

Source
------
U.S. Food and Drug Administration, "How to Understand and Use the Nutrition Facts Label" and its
consumer sheet "What's on the Nutrition Facts Label" (March 2020): "As a general guide: 5% DV or
less of a nutrient per serving is considered low; 20% DV or more of a nutrient per serving is
considered high", and "Limit sodium in your diet to less than 2,300 mg per day" (the same text in
FDA's 2021 heart-month release with the American Heart Association). The Daily Value for sodium,
2,300 mg, is the one set by FDA's 2016 label rule (21 CFR 101.9); the label before 2016 used
2,400 mg (20 % = 480 mg). Evidence: ``secondary`` (FDA's wording read in reproductions of its
pages, not on fda.gov or in the CFR text itself).

20 % of 2,300 mg is 460 mg. The menu planner reads the guide for its own question, whether a food
may be suggested to someone who does not eat it: a serving with 460 mg or more is "high" and is
not. That reading is b12's; the FDA guide is for comparing labels, not a diet prescription, and it
makes no menu a low-sodium diet.

Input unit: mg of sodium per serving.
"""

from __future__ import annotations

from b12.core.rules import Evidence, register
from b12.core.sources import Source

SODIUM_DAILY_VALUE_MG = 2300.0  # 21 CFR 101.9 since the 2016 label rule
HIGH_PERCENT_DAILY_VALUE = 20.0  # FDA: "20% DV or more of a nutrient per serving is ... high"
SODIUM_HIGH_PER_SERVING_MG = SODIUM_DAILY_VALUE_MG * HIGH_PERCENT_DAILY_VALUE / 100  # 460 mg

# Declared here, not in b12.core.sources, because only the menu's food choice cites it.
FDA_NUTRITION_FACTS_LABEL = Source(
    "fda-nutrition-facts-label",
    "U.S. Food and Drug Administration. How to Understand and Use the Nutrition Facts Label; "
    "What's on the Nutrition Facts Label (March 2020): '5% DV or less of a nutrient per serving "
    "is considered low; 20% DV or more of a nutrient per serving is considered high'; 'Limit "
    "sodium in your diet to less than 2,300 mg per day' (Daily Value for sodium, 21 CFR "
    "101.9); read as reproduced by FDA's 2021 release with the American Heart Association "
    "and in copies of the consumer sheet; secondary",
    "https://www.fda.gov/food/nutrition-facts-label/how-understand-and-use-nutrition-facts-label",
)

RULE_HIGH_SODIUM_SERVING = register(
    "diet.sodium.fda-high-per-serving",
    "A serving with 20 % of the sodium Daily Value or more (20 % of 2,300 mg = 460 mg) is high "
    "in sodium: the menu never suggests such a food new, and keeps a diary's own at no more "
    "than the diary's amount",
    FDA_NUTRITION_FACTS_LABEL,
    Evidence.SECONDARY,
    {
        "SODIUM_DAILY_VALUE_MG": SODIUM_DAILY_VALUE_MG,
        "HIGH_PERCENT_DAILY_VALUE": HIGH_PERCENT_DAILY_VALUE,
        "SODIUM_HIGH_PER_SERVING_MG": SODIUM_HIGH_PER_SERVING_MG,
    },
    note="FDA's guide is for reading labels; applying it to the menu's serving (amounts.py) to "
    "choose which foods to suggest is b12's reading. The menu is not a low-sodium diet: it has "
    "no daily sodium limit, and a diary's own salty foods stay.",
)


def high_in_sodium(sodium_mg_per_serving: float) -> bool:
    """Whether one serving has 20 % of the sodium Daily Value or more (460 mg: FDA's "high").

    References
    ----------
    FDA, How to Understand and Use the Nutrition Facts Label; 21 CFR 101.9.
    """
    return sodium_mg_per_serving >= SODIUM_HIGH_PER_SERVING_MG
