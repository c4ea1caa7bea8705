"""Checks for the "high results, weight and infants" keys (tests/clinical/vignettes/breadth/README.md,
section "Keys for high results, weight and infants": ``high_b12_attributed_to_b12_taken``,
``b12_source_advice_absent``, ``in_range_not_reassuring``, ``mother_b12_check_advised``,
``earlier_functional_marker_named``, ``protein_weight_basis``, ``protein_g_day_within`` and
``malnutrition_flagged``). Each reads b12's output back the way the README defines the key; none
reads the code.

"The output" is b12's whole assessment text (README: judgment summary, evidence items and caveats,
plan items, their notes and evidence), lower-cased; "plan item" is one item of the plan.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from b12.core.assessment import Assessment
from b12.core.person import LabResult, Person
from b12.core.plan.model import Category, PlanItem
from tests.clinical.context_checks import REPLACEMENT

# --------------------------------------------------------------------------------------------
# Shared reading helpers
# --------------------------------------------------------------------------------------------

# A negation close before a word ("does not rule out", "no supplement", "is not needed").
NEGATION = re.compile(r"\b(not|no|never|cannot|without|nor|avoid|unnecessary)\b|n't\b")


class GramsPerDay(BaseModel):
    """README `protein_g_day_within: {min: A, max: B}`, g/day."""

    model_config = ConfigDict(extra="forbid")
    min: float
    max: float


class InfantWeightExpect(BaseModel):
    """The keys this module checks (all optional; omitted = the source is silent)."""

    model_config = ConfigDict(extra="forbid")
    high_b12_attributed_to_b12_taken: bool | None = None
    b12_source_advice_absent: bool | None = None
    in_range_not_reassuring: bool | None = None
    mother_b12_check_advised: bool | None = None
    earlier_functional_marker_named: bool | None = None
    protein_weight_basis: Literal["not_actual"] | None = None
    protein_g_day_within: GramsPerDay | None = None
    malnutrition_flagged: bool | None = None


def output_text(a: Assessment) -> str:
    """The whole assessment text a reader sees (README: "the output"), lower case, one unit a line."""
    j = a.status.judgment
    assert a.plan is not None
    texts = [
        j.headline,
        *(e.message for e in j.evidence),
        *(f.message for f in (*j.advice, *j.urgency_reasons, *a.status.caveats)),
        *j.confidence_reasons,
        *(t.reason for t in j.next_tests),
        a.plan.summary,
        *(i.text for i in a.plan.items),
        *(i.reason for i in a.plan.items),
    ]
    if a.screening is not None:
        texts += [r.message for r in a.screening.risk_factors]
        texts += [f.message for f in a.screening.findings]
    if a.muscle is not None:
        texts += [a.muscle.label, *(f.message for f in a.muscle.findings)]
    return "\n".join(texts).lower()


def sentences(text: str) -> list[str]:
    """Sentences: split at ". " (not inside "0.52") and at line ends (one output unit a line)."""
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n", text) if s.strip()]


def _item_text(i: PlanItem) -> str:
    return f"{i.text} {i.reason}".lower()


def _items(a: Assessment) -> list[PlanItem]:
    assert a.plan is not None
    return list(a.plan.items)


def _negated_before(sentence: str, start: int, reach: int = 40) -> bool:
    """Whether a negation stands in the few words before position ``start`` of ``sentence``."""
    return bool(NEGATION.search(sentence[max(0, start - reach) : start]))


def _negated(sentence: str, m: re.Match[str]) -> bool:
    """Whether a match is negated: before it, or inside it ("a status that is not clearly normal")."""
    return _negated_before(sentence, m.start()) or bool(NEGATION.search(m.group(0)))


# --------------------------------------------------------------------------------------------
# high_b12_attributed_to_b12_taken
# --------------------------------------------------------------------------------------------

# "Naming the injection/supplement": the B12 product or the B12 given/taken.
B12_GIVEN = (
    r"(injections?|hydroxocobalamin|cyanocobalamin|tablets?|supplements?|b12 (treatment|"
    r"replacement|given|taken|you (took|take|had))|(treatment|b12) (given|taken))"
)
# (a) the value is explained by / expected after the B12 given, in either order in one sentence
# (the connector a few words from the product, so "after" elsewhere in the sentence does not count).
ATTRIBUTED = re.compile(
    rf"(explained by|expected (after|with|from|on|while)|reflects?|due to|caused by|because of|"
    rf"(effect|result) of|comes? from|\bafter)[^.\n]{{0,40}}"
    rf"\b{B12_GIVEN}"
    rf"|\b{B12_GIVEN}[^.\n]*\b(explains?|expected|raises?|raised|keeps?|kept|gives?|would give"
    rf"|stays? (high|raised|above)|remains? (high|raised|above)|high for (weeks|months))\b"
)
# The sentence is about the measured value (not about a future level).
ABOUT_VALUE = re.compile(
    r"\bhigh\b|raised|above (the )?(lab|range|upper|assay)|elevated|this (level|value|result)"
    r"|the (level|value|result)"
)
# (a) ... and it does not show that B12 is no longer needed.
NOT_NO_LONGER_NEEDED = re.compile(
    r"(not|n't|never)\b[^.\n]*\b(mean|show|sign|reason|indicate|suggest|prove)s?\b[^.\n]*"
    r"(no longer|not (be )?needed|stop|unnecessary|can end|be ended)"
    r"|\b(high|raised|above)\b[^.\n]*\bstill (needed|required|necessary)"
)
# (b) a high B12 presented as a finding to investigate: its other causes named as such. The cause
# words must stand beside a high value or a work-up ("liver" alone is also a food).
OTHER_CAUSES = re.compile(
    r"liver|myeloprolif|myeloid|cancer|malignan|leuka?emia|tumou?r"
    r"|other (causes|conditions|explanations)"
    r"|(high|raised|elevated) b12[^.\n]*(can|may|could) (reflect|mean|be caused|point|signal)"
)
HIGH_OR_WORKUP = re.compile(
    r"\bhigh|raised|elevat|above|investigat|work-?up|look for|check for|tests? for|raise"
)
# "High without B12 supplements" names the supplement only to say none was taken.
NONE_TAKEN = re.compile(r"\b(without|no|never|not)\b[^.\n]{0,20}" + B12_GIVEN)
# A conditional remark passes (README: "if it stays high long after the injections, ...").
CONDITIONAL = re.compile(r"\b(if|unless|should it|should the level|should b12)\b")


def _high_attributed_problems(text: str) -> list[str]:
    said = sentences(text)
    found = []
    if not any(
        ATTRIBUTED.search(s) and ABOUT_VALUE.search(s) and not NONE_TAKEN.search(s) for s in said
    ):
        found.append("does not say the high value is explained by the B12 recently given")
    if not any(NOT_NO_LONGER_NEEDED.search(s) for s in said):
        found.append("does not say the high value does not show B12 is no longer needed")
    found += [
        f"the high value is presented as unexplained: {s[:120]!r}"
        for s in said
        if OTHER_CAUSES.search(s) and HIGH_OR_WORKUP.search(s) and not CONDITIONAL.search(s)
    ]
    return found


# --------------------------------------------------------------------------------------------
# b12_source_advice_absent
# --------------------------------------------------------------------------------------------

# A B12 source as the README lists it: a B12 supplement or tablets, a multivitamin, fortified food.
# A protein, energy or other nutrient "supplement" is not a B12 source.
B12_SOURCE = re.compile(
    r"(?<!protein )(?<!nutritional )(?<!vitamin d )(?<!calcium )(?<!iron )(?<!folic acid )"
    r"(?<!energy )\bsupplements?\b|multivitamin|fortified|b12 tablets?"
)


# "A supplement is not needed", "supplements cannot fix it".
AFTER_REFUSAL = r"[^.\n]{0,30}(\bnot\b|\bno longer\b|unnecessary|isn't|cannot|can't|won't)"


def _recommends_source(sentence: str) -> bool:
    """Whether a sentence names a B12 source other than to refuse it ("no supplement is needed")."""
    return any(
        not _negated_before(sentence, m.start())
        and not re.match(AFTER_REFUSAL, sentence[m.end() :])
        for m in B12_SOURCE.finditer(sentence)
    )


def _recommended_sources(a: Assessment) -> list[str]:
    """Plan items (text and reason) recommending a B12 source."""
    texts = [_item_text(i) for i in _items(a)]
    return [t for t in texts if any(_recommends_source(s) for s in sentences(t))]


def _source_advice_problems(a: Assessment) -> list[str]:
    found = []
    offered = {str(r) for i in _items(a) for r in i.regimens} & REPLACEMENT
    if offered:
        found.append(f"offers a B12 regimen: {sorted(offered)}")
    found += [f"recommends a B12 source: {s[:120]!r}" for s in _recommended_sources(a)]
    return found


# --------------------------------------------------------------------------------------------
# in_range_not_reassuring
# --------------------------------------------------------------------------------------------

# (a) the status called adequate/normal/sufficient, or deficiency unlikely/excluded, by the value.
# "Within the (normal) range" describes the value, not the status; "adequate intake" is the IOM AI.
REASSURING = re.compile(
    r"(status|b12|level|stores?|result|value)[^.\n]{0,30}\b(is|are|looks?|appears?|seems?)\b"
    r"[^.\n]{0,15}\b(adequate|sufficient|reassuring|normal|fine)\b(?![- ]range)"
    r"|\b(adequate|sufficient|normal|reassuring) b12 (status|level|stores)"
    r"|deficiency (is )?(unlikely|excluded|ruled out)|unlikely to be deficient"
    r"|rules? out (a )?(b12 )?deficiency"
)
# (b) an in-range B12 does not exclude deficiency when signs are present.
NOT_EXCLUDED = re.compile(
    r"(not|n't|never)\b[^.\n]{0,40}\b(exclude|rule out|rules out|ruled out)\b[^.\n]*deficien"
)
# ... or: the signs matter more than the number.
SIGNS_OVER_NUMBER = re.compile(
    r"(signs|symptoms)[^.\n]*(matter more|outweigh|more than the (number|value|level|result)"
    r"|take precedence|whatever the (value|level|result|number)|regardless of the)"
    r"|(despite|even with|even though|whatever)[^.\n]*(range|normal)[^.\n]*(signs|symptoms)"
)
# ... or: homocysteine/MMA are needed (with the in-range value or the signs as the reason).
MARKERS_NEEDED = re.compile(
    r"(homocysteine|\bmma\b|methylmalonic)[^.\n]*\b(needed|required|necessary|needs?)\b"
    r"|\b(needed|required|necessary|needs?)\b[^.\n]*(homocysteine|\bmma\b|methylmalonic)"
)
MARKERS_REASON = re.compile(r"range|normal|signs?\b|symptoms?|exclude|rule out")


def _in_range_problems(a: Assessment, text: str) -> list[str]:
    found = []
    if a.status.judgment.level == "deficiency_unlikely":
        found.append("level is deficiency_unlikely")
    for s in dict.fromkeys(sentences(text)):
        m = REASSURING.search(s)
        if m and not _negated(s, m) and not NOT_EXCLUDED.search(s):
            found.append(f"calls the status reassuring: {s[:120]!r}")
    said = sentences(text)
    if not any(
        NOT_EXCLUDED.search(s)
        or SIGNS_OVER_NUMBER.search(s)
        or (MARKERS_NEEDED.search(s) and MARKERS_REASON.search(s))
        for s in said
    ):
        found.append("does not say an in-range B12 does not exclude deficiency with these signs")
    return found


# --------------------------------------------------------------------------------------------
# mother_b12_check_advised
# --------------------------------------------------------------------------------------------

MOTHER = re.compile(r"\b(mother|mother's|mum|mum's|mom|breastfeeding parent)\b")
# Her B12 status assessed: her B12 test, her diet or her B12 supplement checked/reviewed.
ASSESS_HER = re.compile(
    r"\b(test|tested|check|checked|measure|measured|assess|assessed|review|reviewed|ask about)\b"
    r"[^.\n]*(b12|diet|supplement)"
    r"|(b12|diet|supplement)[^.\n]*\b(tested|checked|measured|assessed|reviewed)\b"
)
# ... treated/supplemented if low.
TREAT_HER = re.compile(
    r"\btreat(ed|ment|ing)?\b|\bsupplemented\b|\bif (it |she |her b12 )?(is |was )?(low|deficient)"
    r"|(she|mother|mum)[^.\n]*\b(should|may need to|needs to|must) (take|start)"
    r"|\b(give|start) (her|the mother)\b"
)
# ... because breast-milk B12 depends on hers.
MILK = re.compile(r"breast[- ]?milk|\bmilk\b|breastfe|breast-fe")


def _mother_problems(a: Assessment) -> list[str]:
    best: list[str] = ["mother named", "her B12/diet/supplement checked", "treated if low"]
    for i in _items(a):
        t = _item_text(i)
        # The check is of HER: the mother named in the same sentence as the test or review.
        parts = {
            "mother named": bool(MOTHER.search(t)),
            "her B12/diet/supplement checked": any(
                MOTHER.search(s) and ASSESS_HER.search(s) for s in sentences(t)
            ),
            "treated if low": bool(TREAT_HER.search(t)),
            "breast milk named as the reason": bool(MILK.search(t)),
        }
        missing = [k for k, ok in parts.items() if not ok]
        if not missing:
            return []
        if parts["mother named"] and len(missing) < len(best):
            best = missing
    return [f"no plan item has the mother's B12 check in full (missing: {', '.join(best)})"]


# --------------------------------------------------------------------------------------------
# earlier_functional_marker_named
# --------------------------------------------------------------------------------------------

FUNCTIONAL = {"mma": r"\bmma\b|methylmalonic", "hcy": r"homocysteine|\bhcy\b"}
RAISED = r"raised|high|elevated|above"
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# (b) no B12 treatment followed it.
NOT_TREATED = re.compile(
    r"untreated|never (been )?treated|not (been )?treated|no (b12 )?treatment"
    r"|not (been )?(followed up|acted on)|without (b12 )?treatment|no b12 (was )?(given|taken)"
)
# (c) the later total B12 alone does not show that the functional abnormality has resolved.
NOT_SHOWN_RESOLVED = re.compile(
    r"(alone|on its own|by itself)[^.\n]*(not|n't|cannot)\b[^.\n]*"
    r"\b(show|mean|prove|tell|confirm|exclude|rule out)"
    r"|(not|n't|cannot)\b[^.\n]*\b(show|mean|prove|tell|confirm)[^.\n]*"
    r"(resolved|gone|normali[sz]ed|settled|corrected|recovered|cleared|no longer)"
)
REPEAT = re.compile(r"repeat|again|re-?test|re-?check|recheck|a new|a current|another|\btreat")


def _date_forms(lab: LabResult) -> list[str]:
    assert lab.date is not None
    d = lab.date
    month = MONTHS[d.month - 1]
    return [
        str(d),
        f"{d.day} {month} {d.year}",
        f"{d.day} {month[:3]} {d.year}",
        f"{month} {d.day}",
    ]


def _earlier_functional(person: Person) -> list[LabResult]:
    """Functional results dated before the latest total B12 (the later result)."""
    b12 = [lab.date for lab in person.lab_results if lab.analyte.value == "b12" and lab.date]
    if not b12:
        return []
    latest = max(b12)
    return [
        lab
        for lab in person.lab_results
        if lab.analyte.value in FUNCTIONAL and lab.date is not None and lab.date < latest
    ]


def _earlier_marker_problems(person: Person, text: str) -> list[str]:
    said = sentences(text)
    found = []
    earlier = _earlier_functional(person)
    if not earlier:
        return ["(vignette) no earlier functional result before the later total B12"]
    for lab in earlier:
        name = FUNCTIONAL[lab.analyte.value]
        dates = _date_forms(lab)
        value = re.escape(f"{lab.value:g}")
        named = [
            s
            for s in said
            if re.search(name, s)
            and (re.search(rf"(?<![\d.]){value}(?![\d])", s) or re.search(RAISED, s))
            and any(form in s for form in dates)
        ]
        if not named:
            found.append(
                f"the earlier {lab.analyte.value} of {lab.date} is not named with its date"
            )
        # "No B12 treatment followed it": a sentence about the marker, or about what came after.
        if not any(
            NOT_TREATED.search(s) and re.search(rf"{name}|since|after|follow|then|earlier", s)
            for s in said
        ):
            found.append(f"does not say no B12 treatment followed the {lab.analyte.value}")
        # (c) as a statement, or (README's parenthetical) as advice to repeat the marker or treat
        # given in the same output unit that names the earlier marker (its date or "earlier").
        earlier_words = "|".join(["earlier|previous|still|resolved", *map(re.escape, dates)])
        if not any(NOT_SHOWN_RESOLVED.search(s) for s in said) and not any(
            re.search(name, u) and REPEAT.search(u) and re.search(earlier_words, u)
            for u in text.splitlines()
        ):
            found.append(
                "does not say the later total B12 alone cannot show the functional "
                "abnormality has resolved"
            )
    return found


# --------------------------------------------------------------------------------------------
# protein_weight_basis, protein_g_day_within
# --------------------------------------------------------------------------------------------

# A g/kg target: "1.0-1.2 g of protein per kg", "1.2 g/kg".
G_PER_KG = re.compile(
    r"(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?\s*g(?:rams?)?(?: of protein)?"
    r"\s*(?:per|/|a|for each)\s*(?:kg|kilo)"
)
# An absolute daily amount: "66-137 g a day", "about 90 g of protein per day", "60 g/day".
G_PER_DAY = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?\s*g(?:rams?)?(?: of protein| protein)?"
    r"\s*(?:(?:a|per|each|/)\s*day|daily)"
)
# The weight the g/kg target is multiplied by, when it is not the actual weight.
NOT_ACTUAL_WEIGHT = re.compile(
    r"(ideal|adjusted|reference|healthy|desirable|target|lean|normal) (body )?weight"
)
# The dietitian reason: actual weight overstates protein needs in obesity.
DIETITIAN_OBESITY = re.compile(r"dietitian|dietician")
OVERSTATES = re.compile(
    r"overstat|overestimat|too high|obes|bmi (of |is )?(3\d|[4-9]\d)|excess (body )?weight"
)


def _protein_items(a: Assessment) -> list[str]:
    """The protein statement: the plan's protein items, and any item giving protein per kg/day."""
    return [
        _item_text(i)
        for i in _items(a)
        if i.category is Category.PROTEIN
        or ("protein" in _item_text(i) and (G_PER_KG.search(_item_text(i)) or "g a day" in i.text))
    ]


def grams_per_day(text: str) -> list[float]:
    """Every absolute daily protein amount stated (both ends of a range), g/day."""
    amounts = []
    for s in sentences(text):
        if "protein" not in s:
            continue
        for low, high in G_PER_DAY.findall(s):
            amounts += [float(low), *([float(high)] if high else [])]
    return amounts


def _weight_basis_problems(person: Person, a: Assessment) -> list[str]:
    items = _protein_items(a)
    if not items:
        return ["no protein statement"]
    text = "\n".join(items)
    caveat = bool(DIETITIAN_OBESITY.search(text) and OVERSTATES.search(text))
    found = []
    # The named weight must be the one the g/kg target uses: in the same sentence as "per kg"
    # ("keep a healthy weight" elsewhere names no basis).
    named = any(
        NOT_ACTUAL_WEIGHT.search(s) and re.search(r"per kg|/kg|a kg|per kilo", s)
        for s in sentences(text)
    )
    if not (named or caveat):
        found.append(
            "the protein target names no ideal/adjusted/reference weight and does not leave the "
            "amount to a dietitian because actual weight overstates needs"
        )
    weight = person.muscle.weight_kg if person.muscle else None
    if weight and not caveat:
        per_kg = [float(x) for pair in G_PER_KG.findall(text) for x in pair if x]
        actual = [g for g in grams_per_day(text) if any(abs(g - k * weight) <= 2 for k in per_kg)]
        if actual:
            found.append(f"g/day computed from the actual weight {weight:g} kg: {actual}")
    return found


def _g_day_problems(limits: GramsPerDay, text: str) -> list[str]:
    return [
        f"states {g:g} g protein a day, outside {limits.min:g}-{limits.max:g}"
        for g in grams_per_day(text)
        if not limits.min <= g <= limits.max
    ]


# --------------------------------------------------------------------------------------------
# malnutrition_flagged
# --------------------------------------------------------------------------------------------

MALNUTRITION = re.compile(r"malnutrition|malnourish|undernutrition|undernourish")
# The low weight or BMI stated as a number.
# (A grip strength in kg is not a weight.)
WEIGHT_NUMBER = re.compile(
    r"bmi[^.\n]{0,15}\d|\d+(?:\.\d+)? ?kg/m|weigh\w*[^.\n]{0,20}\d+(?:\.\d+)? ?kg"
    r"|\d+(?:\.\d+)? ?kg (body )?weight"
)
# Nutrition assessment or support in a plan item (README's list). MUST and ONS only as tool names:
# "must" is an ordinary word.
NUTRITION_SUPPORT = re.compile(
    r"dietitian|dietician|nutrition(al)? (screening|assessment|support|review|risk)"
    r"|\bmna\b|mini nutritional|malnutrition universal screening|\bmust\b (score|screen|tool)"
    r"|\bglim\b|oral nutritional supplement|\bons\b|sip feed"
    r"|(energy|calorie)[^.\n]*(enrich|fortif|dense)|food fortification"
)


def _malnutrition_problems(a: Assessment, text: str) -> list[str]:
    found = []
    if not any(MALNUTRITION.search(s) and WEIGHT_NUMBER.search(s) for s in sentences(text)):
        found.append("does not say the low weight/BMI (as a number) means malnutrition (risk)")
    if not any(NUTRITION_SUPPORT.search(_item_text(i)) for i in _items(a)):
        found.append("no plan item advises a nutrition assessment or support")
    return found


def infant_weight_problems(e: InfantWeightExpect, person: Person, a: Assessment) -> list[str]:
    """Every way ``a`` departs from the high-results, weight and infant keys of ``e``."""
    text = output_text(a)
    found = []
    if e.high_b12_attributed_to_b12_taken:
        found += _high_attributed_problems(text)
    if e.b12_source_advice_absent:
        found += _source_advice_problems(a)
    if e.in_range_not_reassuring:
        found += _in_range_problems(a, text)
    if e.mother_b12_check_advised:
        found += _mother_problems(a)
    if e.earlier_functional_marker_named:
        found += _earlier_marker_problems(person, text)
    if e.protein_weight_basis == "not_actual":
        found += _weight_basis_problems(person, a)
    if e.protein_g_day_within is not None:
        found += _g_day_problems(e.protein_g_day_within, text)
    if e.malnutrition_flagged:
        found += _malnutrition_problems(a, text)
    return found
