"""Lifelong B12 after operations that remove the means of absorbing it.

Sources
-------
- BNF hydroxocobalamin, via the NHS Scotland East Region formulary (``verified``, evidence.md
  §4): "Vitamin B12 should be given prophylactically after total gastrectomy or total ileal
  resection"; prophylaxis 1 mg every 3 months. The hydroxocobalamin SmPCs (emc 31182, 24703, quoted
  in tests/clinical/vignettes/breadth/surgery.yaml) give 1 mg every 2-3 months for prophylaxis
  after "gastrectomy, ileal resection"; the BNF's narrower wording (total) is followed.
- BOMSS 2020: O'Kane M, Parretti HM, Pinkney J, et al. Obes Rev 2020;21(11):e13087, Table 4
  (``secondary``: quoted by the vignette checker, not re-read here): "Following SG, RYGB or
  malabsorptive procedures such as BPD/DS, recommend routine supplementation with vitamin B12
  intramuscular injections", every 3 months; after the gastric band only a complete multivitamin.
- NICE NG239 (2024), rationale for recommendations 1.1.1-1.1.3 (``verified`` by the checker):
  "Some causes of vitamin B12 deficiency are irreversible and therefore treatment is needed for
  life"; oral replacement for malabsorption at least 1 mg a day.
"""

from __future__ import annotations

import datetime as dt

from b12.core.history import Procedure
from b12.core.person import Medication, Person
from b12.core.plan import treatment as tx
from b12.core.plan.model import Category, PlanItem, Regimen, item
from b12.core.rules import Evidence, register
from b12.core.screening import surgery
from b12.core.screening.medications import (
    is_b12_by_mouth,
    is_b12_injection,
    written_not_taken,
)
from b12.core.sources import BNF_B12, BOMSS_2020, BSH_2014, NICE_NG239
from b12.core.status.judgment import Judgment
from b12.core.status.judgment.model import DIRECTION, KIND

RULE_BNF_PROPHYLAXIS = register(
    "plan.prophylaxis.bnf-total-gastrectomy-ileal-resection",
    "After total gastrectomy or total ileal resection: prophylactic hydroxocobalamin 1 mg IM every "
    "3 months, for life",
    BNF_B12,
    Evidence.VERIFIED,
    {"PROPHYLAXIS_INTERVAL_MONTHS": 3},
    note="SmPCs: 'gastrectomy, ileal resection', every 2-3 months; b12 follows the BNF's 'total'.",
)
RULE_BOMSS = register(
    "plan.prophylaxis.bomss-2020",
    "After sleeve gastrectomy, Roux-en-Y gastric bypass or BPD/DS: routine IM B12 every 3 months; "
    "after a gastric band a complete multivitamin only (no direct effect on absorption)",
    BOMSS_2020,
    Evidence.SECONDARY,
    {"PROPHYLAXIS_INTERVAL_MONTHS": 3},
    note="BOMSS Table 4 quoted by the breadth-vignette checker; ASMBS 2016 also allows oral "
    "350-500 µg a day (summaries only).",
)
RULE_LIFELONG = register(
    "plan.prophylaxis.nice-ng239-irreversible-cause",
    "An irreversible cause of B12 deficiency needs treatment for life",
    NICE_NG239,
    Evidence.VERIFIED,
)
RULE_SUSPECTED_PA = register(
    "plan.prophylaxis.suspected-pernicious-anaemia",
    "Pernicious anaemia written as suspected is not diagnosed: its B12 treatment is lifelong once "
    "it is confirmed (a positive intrinsic-factor antibody test confirms it; a negative one does "
    "not exclude it, and the clinician decides), not before",
    BSH_2014,
    Evidence.UNVERIFIED,
    note="BSH 2014's recommendations on anti-intrinsic-factor antibodies (positive: pernicious "
    "anaemia; negative: not excluded, low sensitivity) were recalled, not read here; NICE NG239 "
    "names the irreversible cause treated for life (rule "
    "plan.prophylaxis.nice-ng239-irreversible-cause). Red team round 17 (the lead's review).",
)

LIFELONG_PROCEDURES = frozenset(
    {Procedure.TOTAL_GASTRECTOMY, surgery.ILEAL_RESECTION_TOTAL, *surgery.BOMSS_B12_PROCEDURES}
)


def lifelong_cause(person: Person) -> str | None:
    """The irreversible cause that makes B12 lifelong, in words (None if there is none)."""
    return surgery.irreversible_cause(person)


def lifelong_sentence(person: Person) -> str:
    """A sentence for treatment items: with an irreversible cause B12 continues for life."""
    cause = lifelong_cause(person)
    if cause is None:
        return ""
    if cause == surgery.PERNICIOUS_ANAEMIA and not surgery.pernicious_anaemia_diagnosed(person):
        # Suspected, not diagnosed: lifelong once confirmed (red team round 17).
        return (
            " If pernicious anaemia is confirmed, B12 treatment is lifelong: it is not stopped "
            "when levels recover."
        )
    phrase = surgery.with_cause(cause)
    return (
        f" {phrase[:1].upper()}{phrase[1:]}, B12 treatment is lifelong: it is not stopped when "
        "levels recover."
    )


def _stopped_undated(med: Medication) -> bool:
    """Stopped on a date not given: a FHIR statement stopped without an end date, or a name
    written as stopped ("hydroxocobalamin, stopped")."""
    return med.stop_date is None and (med.stopped or written_not_taken(med.name))


def stopped_when(person: Person, day: dt.date) -> str | None:
    """When B12 treatment stopped ("on 2025-12-01", or "(date not given)"), if B12 medicines are
    listed and none is taken on ``day`` (None otherwise). A stop without a date is still a stop:
    a FHIR record and a person file say the same (red team round 14, finding 2)."""
    if not person.medications:
        return None
    b12 = [m for m in person.medications if is_b12_injection(m) or is_b12_by_mouth(m)]
    if not b12 or any(m.taken_on(day) and not _stopped_undated(m) for m in b12):
        return None
    if any(m.stop_date is None and not _stopped_undated(m) for m in b12):
        return None
    dated = [m.stop_date for m in b12 if m.stop_date is not None]
    return f"on {max(dated).isoformat()}" if dated else "(date not given)"


def normal_now(judgment: Judgment) -> bool:
    """Every current first-line result (total or active B12) is in its normal band."""
    first = {e.direction for e in judgment.evidence if e.kind is KIND.FIRST_LINE}
    return first == {DIRECTION.ARGUES_AGAINST}


def restart_sentence(
    person: Person, day: dt.date, *, low_now: bool = False, normal: bool = False
) -> str:
    """With an irreversible cause and B12 treatment stopped: say so, and to restart it (NICE
    NG239: treatment for life); else ''. ``low_now``: B12 is low again (no word on the level);
    ``normal``: the current B12 result is in its normal band (:func:`normal_now`), which does not
    mean B12 is no longer needed; otherwise the level is not called normal (red team round 16,
    D5: an indeterminate 160 pmol/L)."""
    stopped = stopped_when(person, day)  # first: without B12 medicines there is nothing to restart
    if stopped is None:
        return ""
    cause = lifelong_cause(person)
    if cause is None:
        return ""
    phrase = surgery.with_cause(cause)
    level = (
        ""
        if low_now
        else "; a normal level now does not mean it is no longer needed"
        if normal
        else ", whatever a B12 result shows"
    )
    return (
        f"B12 treatment stopped {stopped}: ask your doctor to restart it. "
        f"{phrase[:1].upper()}{phrase[1:]} it is needed for life{level}. "
    )


def lifelong_item(
    person: Person, day: dt.date, judgment: Judgment | None = None
) -> PlanItem | None:
    """Lifelong prophylaxis when B12 is not (yet) low: the operation is the indication (restart
    it when it has stopped; ``judgment``, when given, tells whether today's B12 is normal).
    Pernicious anaemia gets none here: its referral item carries the treatment."""
    cause = lifelong_cause(person)
    if cause is None or cause == surgery.PERNICIOUS_ANAEMIA:
        return None
    restart = restart_sentence(person, day, normal=judgment is not None and normal_now(judgment))
    if cause in ("total gastrectomy", "total ileal resection"):
        return item(
            "supplement.lifelong_prophylaxis",
            Category.SUPPLEMENT,
            f"{restart}After {cause}, B12 is needed lifelong, even when blood levels are normal: "
            "ask your doctor for hydroxocobalamin 1 mg by injection every 3 months (BNF "
            "prophylaxis); if injections are not possible, cyanocobalamin at least 1 mg a day by "
            "mouth.",
            "This operation permanently removes the means of absorbing B12 from food",
            RULE_BNF_PROPHYLAXIS,
            RULE_LIFELONG,
            tx.RULE_ORAL_MALABSORPTION,
            regimens=(Regimen.IM_PROPHYLAXIS, Regimen.ORAL_HIGH_DOSE),
        )
    return item(
        "supplement.lifelong_bariatric",
        Category.SUPPLEMENT,
        f"{restart}After {cause}, B12 is needed lifelong, even when blood levels are normal: BOMSS "
        "advises routine B12 injections every 3 months (hydroxocobalamin 1 mg), with a daily "
        "complete multivitamin; agree the plan with your bariatric team or doctor.",
        "The operation reduces B12 absorption for good",
        RULE_BOMSS,
        RULE_LIFELONG,
        regimens=(Regimen.IM_PROPHYLAXIS,),
    )
