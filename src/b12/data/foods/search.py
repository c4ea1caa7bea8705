"""Typo-tolerant food search over food records (rapidfuzz).

Each query word is compared (rapidfuzz ``ratio``) with the vocabulary of all food-name words, so
"chedar" still finds "cheddar", and a word of three letters or more also matches the words it
starts ("salm" finds "salmon", as you type). The foods holding a similar word are the candidates,
scored by the mean similarity of each query word to its closest name word. A first query word
found in the first two comma-separated parts of a USDA name (its head: "Milk" in "Milk, whole" but
not in "Candies, milk chocolate") earns a bonus; long names and brands lose a little; foods with
more household measures (a sign of an everyday food) gain a little. So "milk" finds milk before
milk chocolate. A food must match every query word: a product the table lacks ("nutritional
yeast") finds nothing, never a near match; synonyms (``_ALIASES``) map the names people use to
USDA's, and ``NOTES`` say when USDA's food is not the product people mean.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from b12.core.diet.food import Food, Match

WORD_MATCH_MIN = 70.0  # a query word below this similarity to every name word counts as missing
# A word of up to four letters is matched only as typed or as a word's start: one changed letter
# makes another food ("oat" is 86% like "goat").
SHORT_WORD_LETTERS, SHORT_WORD_MATCH_MIN = 4, 100.0
HEAD_BONUS = (10.0, 6.0)  # bonus when the first query word matches in part 0, part 1
LENGTH_PENALTY_PER_WORD = 0.4
LENGTH_PENALTY_MAX = 8.0
RESOLVE_WORD_MIN = 90.0
RESOLVE_COVERAGE = 0.5
PREFIX_MIN_LETTERS = 3
PREFIX_SCORE = 90.0
BRAND_PENALTY = 3.0  # generic foods before branded ones (USDA writes brands in capitals)
# USDA lists more household measures for everyday foods: a small tie-breaker towards them.
COMMON_BONUS_PER_PORTION = 0.5
COMMON_BONUS_MAX = 4.0
_WORD = re.compile(r"[a-z0-9%]+")
_ID = re.compile(r"^\s*(ndb|fdc)\s*[:# ]\s*(\d+)\s*$", re.IGNORECASE)
# Names people type for USDA's words (whole phrases, plural "s" optional). A synonym leads to the
# same USDA food; it never stands in for a different product (see NOTES).
_ALIASES = {
    "soy milk": "soymilk",
    "soya milk": "soymilk",
    "yoghurt": "yogurt",
    "nori": "laver",
    "mcg": "µg",
    "bean curd": "tofu",
    "fortified cereal": "cereals ready-to-eat",
    "fortified breakfast cereal": "cereals ready-to-eat",
    "breakfast cereal": "cereals ready-to-eat",
    "marmite": "yeast extract spread",
    "vegemite": "yeast extract spread",
}
# What to say beside the results for foods the USDA tables lack or hold only in another form.
NOT_IN_TABLE = (
    "not in the food table — enter it from the label or import FoodData Central Branded Foods "
    "(b12 foods import-fdc)"
)
NOTES = {
    "marmite": "USDA's yeast extract spread is not the B12-fortified UK product: for Marmite, "
    + NOT_IN_TABLE,
    "vegemite": "USDA's yeast extract spread may not match this product's fortification: "
    + NOT_IN_TABLE,
    "nutritional yeast": "USDA SR28 has no nutritional yeast: " + NOT_IN_TABLE,
    "oat milk": "USDA SR28 has no oat drink: " + NOT_IN_TABLE,
    "oat drink": "USDA SR28 has no oat drink: " + NOT_IN_TABLE,
}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def normalise_query(query: str) -> str:
    """Lower-case a query and map common spellings to USDA's ('soy milk' -> 'soymilk')."""
    text = " ".join(query.lower().split())
    for alias, word in _ALIASES.items():
        text = re.sub(rf"\b{re.escape(alias)}s?\b", word, text)
    return text


def search_note(query: str) -> str:
    """What the search says beside its results for ``query`` (a product the table lacks)."""
    text = " ".join(query.lower().split())
    return next((note for name, note in NOTES.items() if name in text), "")


class FoodIndex:
    """Search and id look-up over a fixed list of foods."""

    def __init__(self, foods: Sequence[Food]) -> None:
        self.foods = list(foods)
        # word -> [(food index, the comma-separated part it first appears in)]
        postings: dict[str, dict[int, int]] = {}
        self._by_id: dict[str, Food] = {}
        self._by_name: dict[str, Food] = {}
        self._word_count: list[int] = []
        self._static: list[float] = []  # per food: common-food bonus minus brand penalty
        for index, food in enumerate(self.foods):
            count = 0
            for part_no, part in enumerate(food.name.split(",")):
                for word in _words(part):
                    count += 1
                    postings.setdefault(word, {}).setdefault(index, part_no)
            self._word_count.append(count)
            branded = any(w.isupper() and len(w) > 2 for w in food.name.replace(",", " ").split())
            common = min(COMMON_BONUS_MAX, COMMON_BONUS_PER_PORTION * len(food.portions))
            self._static.append(common - (BRAND_PENALTY if branded else 0.0))
            if food.ndb is not None:
                self._by_id.setdefault(f"ndb:{food.ndb.lstrip('0')}", food)
            if food.fdc_id is not None:
                self._by_id.setdefault(f"fdc:{food.fdc_id}", food)
            self._by_name.setdefault(" ".join(_words(food.name)), food)
        self._vocabulary = sorted(postings)
        self._postings = {word: list(found.items()) for word, found in postings.items()}

    def __len__(self) -> int:
        return len(self.foods)

    def by_id(self, text: str) -> Food | None:
        """The food for 'ndb:01077', 'NDB 1077' or 'fdc:171265' (None if absent or not an id)."""
        match = _ID.match(text)
        if match is None:
            return None
        return self._by_id.get(f"{match.group(1).lower()}:{match.group(2).lstrip('0')}")

    def resolve(self, text: str) -> Food | None:
        """The food a diary means by ``text``, or None when it is not clear enough.

        An id ('ndb:01077') or an exact name (case and spacing aside) resolves; so does the best
        search hit when every query word is found in its name (similarity ≥ 90) and the query
        covers at least half of the name's words. Anything vaguer ("milk") is left for the user
        to choose from :meth:`search`.
        """
        exact = self.by_id(text)
        if exact is not None:
            return exact
        wanted = " ".join(_words(text))
        if wanted in self._by_name:
            return self._by_name[wanted]
        query_words = _words(normalise_query(text))
        hits = self.search(text, limit=1)
        if not hits or not query_words:
            return None
        name_words = _words(hits[0].food.name)
        covered = all(
            (best := process.extractOne(w, name_words, scorer=fuzz.ratio)) is not None
            and best[1] >= RESOLVE_WORD_MIN
            for w in query_words
        )
        if covered and len(query_words) >= RESOLVE_COVERAGE * len(name_words):
            return hits[0].food
        return None

    def _similar_words(self, word: str) -> dict[str, float]:
        cutoff = SHORT_WORD_MATCH_MIN if len(word) <= SHORT_WORD_LETTERS else WORD_MATCH_MIN
        found = process.extract(
            word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        table = {name_word: score for name_word, score, _ in found}
        if cutoff == SHORT_WORD_MATCH_MIN and word.endswith("s") and word[:-1] in self._postings:
            table[word[:-1]] = PREFIX_SCORE  # "eggs" finds "egg"
        if len(word) >= PREFIX_MIN_LETTERS:  # as you type: "salm" is the start of "salmon"
            start = bisect.bisect_left(self._vocabulary, word)
            for name_word in self._vocabulary[start:]:
                if not name_word.startswith(word):
                    break
                table[name_word] = max(table.get(name_word, 0.0), PREFIX_SCORE)
        return table

    def search(self, query: str, limit: int = 10) -> list[Match]:
        """Foods best matching ``query``, best first (an id such as 'ndb:01077' matches exactly)."""
        exact = self.by_id(query)
        if exact is not None:
            return [Match(exact, 100.0)]
        query_words = _words(normalise_query(query))
        if not query_words or not self.foods:
            return []
        # Per query word, each food's best (similarity, part) over its words, from the postings.
        best: list[dict[int, tuple[float, int]]] = []
        for word in query_words:
            found: dict[int, tuple[float, int]] = {}
            for name_word, similarity in self._similar_words(word).items():
                for index, part in self._postings[name_word]:
                    current = found.get(index)
                    if current is None or (similarity, -part) > (current[0], -current[1]):
                        found[index] = (similarity, part)
            best.append(found)
        n = len(query_words)
        scores: dict[int, float] = {}
        # Every query word must be found in the name: "nutritional yeast" is not a near match for
        # "Nutritional supplement ..." (a food the table lacks is reported, never substituted).
        for index in set.intersection(*(set(found) for found in best)):
            total = sum(found[index][0] for found in best if index in found)
            bonus = 0.0
            first = best[0].get(index)
            if first is not None and first[1] < len(HEAD_BONUS):
                bonus = HEAD_BONUS[first[1]] * first[0] / 100.0
            extra = max(0, self._word_count[index] - n)
            penalty = min(LENGTH_PENALTY_MAX, LENGTH_PENALTY_PER_WORD * extra)
            scores[index] = total / n + bonus - penalty + self._static[index]
        top = heapq.nsmallest(limit, scores, key=lambda i: (-scores[i], len(self.foods[i].name), i))
        return [Match(self.foods[i], round(scores[i], 1)) for i in top]
