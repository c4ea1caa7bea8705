"""Which operations a person has had, from the ``surgery`` field and from condition text.

Sources
-------
- NICE NG239 (2024) risk-factor box via the Pulse summary (``secondary``): bariatric surgery,
  gastrectomy, terminal ileal resection.
- BOMSS 2020 (O'Kane M et al. Obes Rev 2020;21(11):e13087, Table 4) and the Devon formulary
  (quoted in tests/clinical/vignettes/breadth/surgery.yaml): the gastric band "has no direct
  impact on absorption of nutrients"; sleeve gastrectomy, Roux-en-Y bypass and BPD/DS do.

Text is read with the same whole-word, longest-first matcher as other conditions
(:mod:`b12.core.screening.terms`), so "sleeve gastrectomy" is not also a gastrectomy. A
gastrectomy whose extent is not written is kept apart from a total one: the BNF's prophylaxis names
total gastrectomy only.
"""

from __future__ import annotations

from b12.core.history import Procedure
from b12.core.person import Person, derived
from b12.core.screening.negation import written_uncertain
from b12.core.screening.terms import (
    AUTOIMMUNE_GASTRITIS_TERMS,
    CONDITION_TERMS,
    classify_texts,
    codes_in,
    mentions,
)

GASTRECTOMY_UNSPECIFIED = "gastrectomy"  # extent not written
ILEAL_RESECTION_TOTAL = "ileal_resection_total"

PROCEDURE_TERMS: tuple[tuple[str, str], ...] = (
    ("total gastrectomy", Procedure.TOTAL_GASTRECTOMY),
    ("partial gastrectomy", Procedure.PARTIAL_GASTRECTOMY),
    ("subtotal gastrectomy", Procedure.PARTIAL_GASTRECTOMY),
    ("distal gastrectomy", Procedure.PARTIAL_GASTRECTOMY),
    ("billroth", Procedure.PARTIAL_GASTRECTOMY),
    ("sleeve gastrectomy", Procedure.SLEEVE_GASTRECTOMY),
    ("gastric sleeve", Procedure.SLEEVE_GASTRECTOMY),
    ("gastric bypass", Procedure.ROUX_EN_Y_GASTRIC_BYPASS),
    ("roux-en-y", Procedure.ROUX_EN_Y_GASTRIC_BYPASS),
    ("duodenal switch", Procedure.BILIOPANCREATIC_DIVERSION),
    ("biliopancreatic diversion", Procedure.BILIOPANCREATIC_DIVERSION),
    ("gastric band", Procedure.GASTRIC_BANDING),
    ("lap band", Procedure.GASTRIC_BANDING),
    ("lap-band", Procedure.GASTRIC_BANDING),
    ("total ileal resection", ILEAL_RESECTION_TOTAL),
    ("ileal resection", Procedure.ILEAL_RESECTION),
    ("ileum resection", Procedure.ILEAL_RESECTION),
    ("ileectomy", Procedure.ILEAL_RESECTION),
    ("ileocaecal resection", Procedure.ILEAL_RESECTION),
    ("ileocecal resection", Procedure.ILEAL_RESECTION),
    ("gastrectomy", GASTRECTOMY_UNSPECIFIED),
)
# Risk-factor code of each procedure (codes of b12.core.screening.screen.CONDITION_RISKS).
RISK_CODE = {
    Procedure.TOTAL_GASTRECTOMY: "gastrectomy",
    Procedure.PARTIAL_GASTRECTOMY: "gastrectomy",
    Procedure.SLEEVE_GASTRECTOMY: "bariatric_surgery",
    Procedure.ROUX_EN_Y_GASTRIC_BYPASS: "bariatric_surgery",
    Procedure.BILIOPANCREATIC_DIVERSION: "bariatric_surgery",
    Procedure.GASTRIC_BANDING: "gastric_banding",
    Procedure.ILEAL_RESECTION: "ileal_resection",
}
# BOMSS 2020: routine B12 injections after these (not after the band).
BOMSS_B12_PROCEDURES = frozenset(
    {
        Procedure.SLEEVE_GASTRECTOMY,
        Procedure.ROUX_EN_Y_GASTRIC_BYPASS,
        Procedure.BILIOPANCREATIC_DIVERSION,
    }
)


def operations(person: Person) -> set[str]:
    """Procedures named in ``surgery`` or in condition text, plus two text-only markers:
    ``gastrectomy`` (extent not written) and ``ileal_resection_total``."""
    found: set[str] = set()
    if not person.surgery and not person.conditions:  # most people list neither
        return found
    for s in person.surgery:
        found.add(s.procedure)
        if s.procedure is Procedure.ILEAL_RESECTION and s.extent == "total":
            found.add(ILEAL_RESECTION_TOTAL)
    for text in person.own_conditions:
        found.update(codes_in(text, PROCEDURE_TERMS))
    if ILEAL_RESECTION_TOTAL in found:
        found.add(Procedure.ILEAL_RESECTION)
    return found


def label(procedure: Procedure) -> str:
    """The procedure in words."""
    return {
        Procedure.ROUX_EN_Y_GASTRIC_BYPASS: "Roux-en-Y gastric bypass",
        Procedure.BILIOPANCREATIC_DIVERSION: "biliopancreatic diversion with duodenal switch",
        Procedure.GASTRIC_BANDING: "gastric band",
    }.get(procedure, procedure.value.replace("_", " "))


PERNICIOUS_ANAEMIA = "pernicious anaemia"


def pernicious_anaemia(person: Person) -> bool:
    """Pernicious anaemia (or autoimmune gastritis, NICE's name for its cause) listed as the
    person's own condition, or intrinsic-factor antibodies positive (the antibody is its
    marker)."""
    if not person.own_conditions:
        return person.intrinsic_factor_antibody_positive
    conditions, _ = classify_texts(person.own_conditions, CONDITION_TERMS)
    autoimmune, _ = classify_texts(person.own_conditions, AUTOIMMUNE_GASTRITIS_TERMS)
    return (
        "pernicious_anaemia" in conditions
        or bool(autoimmune)
        or person.intrinsic_factor_antibody_positive
    )


def pernicious_anaemia_diagnosed(person: Person) -> bool:
    """Pernicious anaemia or autoimmune gastritis recorded as a diagnosis (not written as
    suspected, :func:`~b12.core.screening.negation.written_uncertain`), or intrinsic-factor
    antibodies positive: its cause is known, so the tests that look for it are not needed
    (rule status.judgment.next_tests.known-autoimmune-gastritis)."""
    if not person.own_conditions:
        return person.intrinsic_factor_antibody_positive
    conditions, _ = classify_texts(person.own_conditions, CONDITION_TERMS)
    autoimmune, _ = classify_texts(person.own_conditions, AUTOIMMUNE_GASTRITIS_TERMS)
    texts = [*conditions.get("pernicious_anaemia", ()), *autoimmune.get("pernicious_anaemia", ())]
    return person.intrinsic_factor_antibody_positive or any(
        not written_uncertain(text) for text in texts
    )


def with_cause(cause: str) -> str:
    """'after total gastrectomy', 'with pernicious anaemia' (a cause of :func:`irreversible_cause`)."""
    return f"with {cause}" if cause == PERNICIOUS_ANAEMIA else f"after {cause}"


def irreversible_cause(person: Person) -> str | None:
    """The cause that removes B12 absorption from food for good, in words (None if there is
    none): an operation that removes the stomach's intrinsic factor or the terminal ileum, or
    pernicious anaemia (NICE NG239: an irreversible cause needs treatment for life)."""
    if (
        not person.surgery
        and not person.conditions
        and not person.intrinsic_factor_antibody_positive
    ):
        return None  # nothing recorded that could be one (most people): no reading to keep
    return derived(
        person,
        "_irreversible_cause",
        (person.surgery, person.conditions, person.labs),
        _irreversible,
    )


def _irreversible(person: Person) -> str | None:
    found = operations(person)
    if Procedure.TOTAL_GASTRECTOMY in found:
        return "total gastrectomy"
    if ILEAL_RESECTION_TOTAL in found:
        return "total ileal resection"
    if not found.isdisjoint(BOMSS_B12_PROCEDURES):
        return label(Procedure(min(found & BOMSS_B12_PROCEDURES)))  # the first by name
    return PERNICIOUS_ANAEMIA if pernicious_anaemia(person) else None


# Free-text conditions that remove the intrinsic-factor route (IOM 1998 p.342).
MALABSORPTION_TERMS = (
    "pernicious anaemia",
    "pernicious anemia",
    "gastrectomy",
    "gastric bypass",
    "bariatric",
    "ileal resection",
    "ileum resection",
    "ileal crohn",
    "crohn's disease of the ileum",
    "intrinsic factor antibod",
)


# Operations that remove the intrinsic-factor route (IOM 1998 p.342: "gastrectomy, gastric bypass
# surgery, or ileal resection"), whether written in ``surgery`` or in condition text.
_OPERATIONS = frozenset(
    {
        Procedure.TOTAL_GASTRECTOMY,
        Procedure.PARTIAL_GASTRECTOMY,
        GASTRECTOMY_UNSPECIFIED,
        *BOMSS_B12_PROCEDURES,
        Procedure.ILEAL_RESECTION,
    }
)


def has_malabsorption(person: Person) -> bool:
    """True if the person has lost the intrinsic-factor route: pernicious anaemia (listed or
    intrinsic-factor antibodies positive), one of these operations (the ``surgery`` field or
    condition text), or ileal Crohn's disease. The same person gives the same answer however the
    cause was recorded."""
    if not person.surgery and not person.conditions:
        return person.intrinsic_factor_antibody_positive  # pernicious anaemia's marker alone
    if pernicious_anaemia(person) or operations(person) & _OPERATIONS:
        return True
    # The shared reader: "no pernicious anaemia" or "gastric bypass ruled out" is not one.
    return mentions(person.own_conditions, MALABSORPTION_TERMS)
