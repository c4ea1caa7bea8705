"""Types the screening modules share, and that the plan and the interfaces read: the
recommendation, each risk factor with the text it came from, and the whole screening result."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from b12.core.findings import Finding, NextTest
from b12.core.screening.medications import MedicationMatch
from b12.members import members

# Conditions that impair absorption itself: food alone cannot correct them (IOM; NICE NG239).
MALABSORPTION_CODES = frozenset(
    {
        "pernicious_anaemia",
        "atrophic_gastritis",
        "coeliac_disease",
        "crohns_disease",
        "ileal_resection",
        "gastrectomy",
        "bariatric_surgery",
    }
)


class Recommendation(StrEnum):
    """What screening says about testing."""

    OFFER_TEST = "offer_test"
    DISCUSS_SCREENING = "discuss_screening"
    DISCUSS_SYMPTOMS = "discuss_symptoms"
    NOT_INDICATED = "not_indicated"


RECOMMENDATION = members(Recommendation)  # compared several times per screening (b12.members)


class RiskFactor(BaseModel):
    """One risk factor that applies, with the text it came from."""

    model_config = ConfigDict(frozen=True)
    code: str
    category: str
    message: str
    rules: tuple[str, ...]


class ScreeningResult(BaseModel):
    """Whether testing is recommended, why, and which tests."""

    model_config = ConfigDict(frozen=True)
    recommendation: Recommendation
    summary: str
    # routine, high or urgent; "tested" once a current first-line result exists (the judgment's
    # urgency then governs: a done test is not urgent testing)
    priority: str
    already_tested: bool
    risk_factors: tuple[RiskFactor, ...]
    symptoms: tuple[str, ...]
    neurological_symptoms: bool
    medications: tuple[MedicationMatch, ...]
    findings: tuple[Finding, ...]
    tests: tuple[NextTest, ...]
    rules: tuple[str, ...]

    def has(self, *codes: str) -> bool:
        """Whether any of these risk-factor codes applies."""
        # Loops, not any() over a generator: the plan asks these several times per assessment.
        for rf in self.risk_factors:  # noqa: SIM110
            if rf.code in codes:
                return True
        return False

    @property
    def malabsorption(self) -> bool:
        """Whether a condition or surgery that impairs B12 absorption is present."""
        for rf in self.risk_factors:  # noqa: SIM110
            if rf.code in MALABSORPTION_CODES:
                return True
        return False
