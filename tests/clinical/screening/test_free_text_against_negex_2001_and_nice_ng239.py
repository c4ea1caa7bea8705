"""Reading free-text symptoms and conditions: a finding written as absent is not there, and a
relative's condition is not the person's own.

Sources: the negation cues and their scope follow NegEx (Chapman WW et al. J Biomed Inform
2001;34:301-10: a negation phrase before the finding, its scope to the end of the sentence or a
termination term such as "but", pseudo-negations such as "no change" that are not negations).
NICE NG239 (evidence.md §3.1) lists a family history of pernicious anaemia or autoimmune disease as
a risk factor: the relative's condition stays a family-history risk factor, never the person's
diagnosis. The person files are the red team's round-11 findings (/tmp/red11, copied inline).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.relatives import about_blood_relative, about_relative
from b12.core.screening import medications, surgery
from b12.core.screening.screen import screen
from b12.core.screening.terms import CONDITION_TERMS, SYMPTOM_TERMS, codes_in
from b12.core.status import confounders
from b12.core.status.judgment import Urgency
from b12.services.assess import assess_person

DAY = "2026-11-02"


def b12(value: float, low: float | None = None, high: float | None = None) -> dict[str, Any]:
    lab: dict[str, Any] = {"analyte": "b12", "value": value, "unit": "pmol/L", "date": DAY}
    if low is not None:
        lab["reference_range"] = {"low": low, "high": high}
    return lab


def assess(**fields: Any) -> Assessment:
    data = {"age": 40, "sex": "female", "diet": "omnivore", "assessed_on": "2026-11-03", **fields}
    return assess_person(Person.model_validate(data))


def risk_codes(a: Assessment) -> set[str]:
    assert a.screening is not None
    return {rf.code for rf in a.screening.risk_factors}


# --- negations: NegEx's pre-negation phrases, its scope and its pseudo-negations -----------------


@pytest.mark.parametrize(
    "text",
    [
        "no tingling",
        "not tingling",
        "denies tingling",
        "Denied tingling",
        "without tingling",
        "negative for tingling",
        "tingling: none",
        "Tingling - none",
        "tingling: no",
        "nil tingling",
        "absent tingling",
        "tingling absent",
        "tingling in feet denied",
        "no history of tingling",
        "no evidence of numbness",
        "never had numbness",
        "doesn't have tingling",
        "no longer tingling",
        "no tingling or numbness",
        "no tingling, no numbness",
        "no tingling, numbness or pins and needles",
        "denies tingling in feet, numbness",
        "no tingling/numbness",
        "no tingling and numbness",
        "vibration sense normal",
        "gait: normal",
        "no balance problems",
        "walks without losing balance",
        "memory problems: none",
    ],
)
def test_a_symptom_written_as_absent_gives_no_code(text: str) -> None:
    assert codes_in(text, SYMPTOM_TERMS) == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("tired, no tingling", ["fatigue"]),  # the negation reaches forward only
        ("no tingling but tired", ["fatigue"]),  # "but" ends its scope
        ("no tingling; numb feet", ["neuropathy"]),
        ("tired no tingling", ["fatigue"]),  # a bare "no" after a term is not a post-negation
        ("tired despite normal sleep", ["fatigue"]),
        ("numbness and absent reflexes", ["neuropathy"]),
        ("numb feet, reflexes absent", ["neuropathy"]),
        ("not feeding", ["infant_feeding"]),  # the term itself says "not"
        ("not gaining weight", ["infant_feeding"]),
        ("not feeding, tired", ["infant_feeding", "fatigue"]),
        ("cannot keep my balance", ["neuropathy"]),
        ("can not keep balance", ["neuropathy"]),
        ("unable to keep balance", ["neuropathy"]),
        ("no longer able to keep balance", ["neuropathy"]),  # "no longer able" is a pseudo-negation
        ("cannot walk without losing balance", ["neuropathy"]),  # two negatives: a sign
        ("numbness not improving", ["neuropathy"]),
        ("no change in numbness", ["neuropathy"]),
        ("no improvement in tiredness", ["fatigue"]),
        ("vibration sense absent", ["neuropathy"]),  # a function named by its loss
        ("absent vibration sense", ["neuropathy"]),
        ("no vibration sense at the ankles", ["neuropathy"]),
        ("poor balance", ["neuropathy"]),
        ("tingling 🙂 in both feet", ["neuropathy"]),
        # A negation of something else ends with its own item, not at the next finding.
        ("not eating, tired", ["fatigue"]),
        ("not sleeping well and tired", ["fatigue"]),
        ("no appetite, tired", ["fatigue"]),
        ("no relief from tingling", ["neuropathy"]),
        ("tingling not helped by tablets", ["neuropathy"]),
        ("memory not as good as before", ["cognitive_change"]),
        ("balance worse than normal", ["neuropathy"]),
        ("tingling, not sure when it started", ["neuropathy"]),
    ],
)
def test_a_present_symptom_is_still_read(text: str, codes: list[str]) -> None:
    assert codes_in(text, SYMPTOM_TERMS) == codes


@pytest.mark.parametrize("text", ["not sleeping well", "cannot walk far", "feeding well"])
def test_a_positive_with_no_recognised_term_gives_no_code(text: str) -> None:
    assert codes_in(text, SYMPTOM_TERMS) == []


@pytest.mark.parametrize(
    "text",
    [
        "no pernicious anaemia",
        "No history of gastric bypass",
        "ruled out coeliac disease",
        "coeliac disease ruled out",
        "excluded: coeliac disease",
        "coeliac serology negative",
        "intrinsic factor antibodies negative",
        "denies nitrous oxide use",
        "no family history of pernicious anaemia",
    ],
)
def test_a_condition_written_as_absent_gives_no_code(text: str) -> None:
    assert codes_in(text, CONDITION_TERMS) == []


def test_the_same_reading_applies_to_the_confounder_terms() -> None:
    terms = confounders.PERNICIOUS_ANAEMIA_TERMS
    assert not confounders.mentions(["no pernicious anaemia"], terms)
    assert not confounders.mentions(["pernicious anaemia ruled out"], terms)
    assert confounders.mentions(["pernicious anaemia since 2010"], terms)
    assert confounders.mentions(["no B12 tablets", "pernicious anaemia"], terms)


def test_a_child_whose_record_says_no_sign_is_not_urgent() -> None:
    # /tmp/red11/c9_neg.yaml: judged urgent, "treatment should not wait", before this change.
    a = assess(
        age=1.5,
        sex="male",
        symptoms=[
            "no developmental delay",
            "feeding well",
            "no food refusal",
            "growing well - not faltering growth",
        ],
        labs=[b12(400, 150, 700)],
    )
    assert a.screening is not None
    assert a.screening.symptoms == ()
    assert not a.screening.neurological_symptoms
    assert a.status.judgment.urgency is Urgency.ROUTINE
    assert not a.status.judgment.neurological
    # Read as absent, so not reported as symptoms b12 does not recognise.
    unrecognised = [f.message for f in a.screening.findings if f.code == "unrecognised_symptom"]
    assert unrecognised == ["'feeding well' is not a symptom b12 recognises; it was not counted"]


def test_an_adult_who_denies_nerve_symptoms_is_not_urgent() -> None:
    # /tmp/red11/a_neg_adult.yaml: judged urgent before this change.
    a = assess(symptoms=["no tingling", "no numbness"], labs=[b12(200)])
    assert a.screening is not None
    assert a.screening.symptoms == ()
    assert a.status.judgment.urgency is not Urgency.URGENT
    assert not a.status.judgment.neurological


def test_the_same_words_written_as_present_stay_urgent() -> None:
    a = assess(symptoms=["tingling", "numbness"], labs=[b12(200)])
    assert a.status.judgment.urgency is Urgency.URGENT


def test_an_absent_pernicious_anaemia_is_not_a_risk_factor_nor_a_lifelong_cause() -> None:
    a = assess(conditions=["no pernicious anaemia"], labs=[b12(400)])
    assert "pernicious_anaemia" not in risk_codes(a)
    assert "lifelong" not in a.model_dump_json()
    assert not any(f.code == "unrecognised_condition" for f in a.screening.findings)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "no longer has pernicious anaemia",
        "Pernicious anemia - not any more",
        "no longer has PA (autoimmune gastritis)",
        "no more pernicious anaemia",  # red team round 13, with the four below
        "not pernicious anaemia any more",
        "no current pernicious anaemia",
        "no active pernicious anaemia",
        "pernicious anaemia: none now",
    ],
)
def test_pernicious_anaemia_no_longer_present_is_still_a_lifelong_cause(text: str) -> None:
    # NICE NG239: an irreversible cause needs treatment for life; pernicious anaemia does not go
    # away, so "no longer has it" is its history (as condition_dates marking it resolved is).
    a = assess(conditions=[text], labs=[b12(400)])
    assert risk_codes(a) & {"pernicious_anaemia", "atrophic_gastritis"}
    person = Person.model_validate({"age": 40, "sex": "female", "conditions": [text]})
    assert surgery.irreversible_cause(person) == surgery.PERNICIOUS_ANAEMIA


@pytest.mark.parametrize(
    "text", ["no longer has a stomach (total gastrectomy)", "total gastrectomy - no stomach now"]
)
def test_a_removed_stomach_written_as_past_is_still_lifelong(text: str) -> None:
    # BNF: B12 prophylactically after total gastrectomy; a stomach does not grow back
    person = Person.model_validate({"age": 62, "sex": "male", "conditions": [text]})
    assert surgery.irreversible_cause(person) == "total gastrectomy"


@pytest.mark.parametrize(
    "text", ["no pernicious anaemia", "pernicious anaemia ruled out", "no history of gastrectomy"]
)
def test_never_having_had_a_lasting_condition_stays_absent(text: str) -> None:
    person = Person.model_validate({"age": 62, "sex": "male", "conditions": [text]})
    assert surgery.irreversible_cause(person) is None


def test_no_longer_still_means_absent_for_what_does_go_away() -> None:
    assert codes_in("no longer has coeliac symptoms", CONDITION_TERMS) == []
    # Round 13 (finding 5): "no longer uses nitrous oxide" is past use, an exposure still
    # (test_free_text_round13_against_negex_2001_and_nice_ng239.py).
    assert codes_in("no longer tingling", SYMPTOM_TERMS) == []


@pytest.mark.parametrize(
    ("absent", "taken"),
    [
        ("no metformin", "metformin"),
        ("metformin: none", "metformin 500 mg bd"),
        ("not on omeprazole", "on omeprazole"),
    ],
)
def test_a_medicine_written_as_absent_is_no_risk_factor(absent: str, taken: str) -> None:
    def medicine_risks(name: str) -> set[str]:
        a = assess(medications=[{"name": name}], labs=[b12(400)])
        return {c for c in risk_codes(a) if c.startswith("medication.")}

    assert not medicine_risks(absent) and medications.written_not_taken(absent)
    assert medicine_risks(taken) and not medications.written_not_taken(taken)


# --- relatives: NICE NG239's family history ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "mother has pernicious anaemia",
        "Mother's pernicious anaemia",
        "pernicious anaemia (father)",
        "sister: coeliac disease",
        "brother had Crohn's",
        "maternal aunt with pernicious anaemia",
        "grandmother had pernicious anaemia",
        "pernicious anaemia runs in the family",
        "pernicious anaemia in the family",
        "son has type 1 diabetes",
        "cousin coeliac",
        "FHx pernicious anaemia",
        "born to a mother with pernicious anaemia",
        "breastfed by her mother who has pernicious anaemia",  # the relative is no mere object
    ],
)
def test_a_blood_relatives_condition_is_a_family_history(text: str) -> None:
    assert about_blood_relative(text)
    a = assess(conditions=[text], labs=[b12(400)])
    codes = risk_codes(a)
    assert (
        codes & {"pernicious_anaemia", "coeliac_disease", "crohns_disease", "autoimmune_other"}
        == set()
    )
    assert "family_history" in codes


@pytest.mark.parametrize("text", ["husband has pernicious anaemia", "partner: coeliac disease"])
def test_a_partners_condition_is_neither_own_nor_family_history(text: str) -> None:
    assert about_relative(text) and not about_blood_relative(text)
    a = assess(conditions=[text], labs=[b12(400)])
    assert risk_codes(a) == set()


@pytest.mark.parametrize(
    "text",
    ["breastfed by her mother", "breastfed by vegan mother", "breastfeeding her son", "coeliac"],
)
def test_a_relative_named_as_the_object_leaves_the_condition_the_persons(text: str) -> None:
    assert not about_relative(text)


def test_a_baby_whose_mother_has_pernicious_anaemia_gets_no_lifelong_plan() -> None:
    # /tmp/red11/b3_baby_low_b12_nosign.yaml: a lifelong injection plan for the baby before.
    a = assess(
        age=0.3,
        conditions=["breastfed", "mother has pernicious anaemia"],
        labs=[b12(80, 145, 645)],
    )
    codes = risk_codes(a)
    assert "pernicious_anaemia" not in codes and "family_history" in codes
    assert "lifelong" not in a.model_dump_json()
    assert "for life" not in a.model_dump_json()


def test_an_adult_whose_mother_has_pernicious_anaemia_keeps_the_risk_factor_only() -> None:
    # /tmp/red11/b4_adult_family_pa.yaml: "pernicious anaemia suspected", urgency soon, before.
    a = assess(age=35, conditions=["mother has pernicious anaemia"], labs=[b12(400)])
    assert risk_codes(a) == {"family_history"}
    assert a.status.judgment.urgency is Urgency.ROUTINE
    assert "confounder.pernicious-anaemia-assay" not in a.model_dump_json()


def test_a_mothers_bypass_is_not_the_babys_surgery() -> None:
    # /tmp/red11/b7_child_mother_bypass.yaml: bariatric surgery listed as the baby's risk before.
    a = assess(
        age=0.4,
        sex="male",
        conditions=["breastfed", "mother had gastric bypass 2019", "mother takes metformin"],
        labs=[b12(300, 145, 645)],
    )
    codes = risk_codes(a)
    assert "bariatric_surgery" not in codes
    # Round 13 (finding 20): a relative's operation is no NICE family history ("of vitamin B12
    # deficiency or autoimmune conditions"); the baby's risk is the mother's own (ODS, CDC).
    assert "infant_mother" in codes and "family_history" not in codes


def test_no_family_history_is_no_risk_factor() -> None:
    a = assess(conditions=["no family history of pernicious anaemia"], labs=[b12(400)])
    assert risk_codes(a) == set()


# Red team round 12: a relative named in a later clause of the same text left the person's own
# diagnosis, operation or exposure out (NICE NG239: pernicious anaemia and a total gastrectomy need
# B12 for life); a relative governs their clause and what follows, not what comes before.
@pytest.mark.parametrize(
    ("condition", "own_code"),
    [
        ("pernicious anemia; family history of pernicious anemia", "pernicious_anaemia"),
        ("pernicious anaemia, family history: none", "pernicious_anaemia"),
        ("pernicious anaemia diagnosed 2015, her sister also has it", "pernicious_anaemia"),
        ("pernicious anaemia, as does my husband", "pernicious_anaemia"),
        ("pernicious anaemia (mother also)", "pernicious_anaemia"),
        ("total gastrectomy for cancer, which her father died of", "gastrectomy"),
        ("gastric bypass 2019; mother had a gastric bypass too", "bariatric_surgery"),
        ("Ileal resection for Crohn disease - runs in the family", "ileal_resection"),
    ],
)
def test_the_persons_own_clause_stays_beside_a_relatives(condition: str, own_code: str) -> None:
    person = Person.model_validate({"age": 60, "sex": "female", "conditions": [condition]})
    codes = {r.code for r in screen(person, dt.date(2026, 11, 1)).risk_factors}
    assert own_code in codes


@pytest.mark.parametrize("condition", ["pernicious anaemia (father)", "coeliac - maternal aunt"])
def test_a_clause_naming_only_the_relative_makes_it_theirs(condition: str) -> None:
    person = Person.model_validate({"age": 60, "sex": "female", "conditions": [condition]})
    assert person.own_conditions == []
