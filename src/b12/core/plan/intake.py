"""Measured B12 intake compared with the IOM requirement for the person's life stage, as the plan
reads it.

The comparison itself is :mod:`b12.core.diet.verdict` (the one verdict every view shows); this
module adds what needs the person's medicines: which of them call for most B12 from fortified foods
or a supplement (IOM 1998's advice for over 50, extended by b12 to PPIs, H2-receptor antagonists
and metformin, as the menu's fortified target is). Input units: µg/day.
"""

from __future__ import annotations

import datetime as dt

from b12.core.diet.verdict import IntakeEstimate, IntakeLevel, intake_level
from b12.core.person import Person
from b12.core.screening.medications import MedicationClass, classify, taken_on

__all__ = ["FORTIFIED_MEDICINES", "IntakeEstimate", "IntakeLevel", "fortified_medicines",
           "intake_level"]  # fmt: skip

# Medicines that lower the absorption of food-bound B12 (acid suppression, metformin).
FORTIFIED_MEDICINES = frozenset(
    {MedicationClass.PPI, MedicationClass.H2RA, MedicationClass.METFORMIN}
)


def fortified_medicines(person: Person, day: dt.date) -> tuple[str, ...]:
    """The person's medicines taken on ``day`` that call for fortified foods or a supplement,
    each named with its class, e.g. 'omeprazole (proton pump inhibitor)'."""
    if not person.medications:
        return ()
    named = []
    for medicine in taken_on(person, day):
        drug_class, _ = classify(medicine.name)
        if drug_class in FORTIFIED_MEDICINES:
            kind = drug_class.value.replace("_", " ")
            # "metformin (metformin)" said nothing twice: the class only where it adds a word
            same = kind.casefold() in medicine.name.casefold()
            named.append(medicine.name if same else f"{medicine.name} ({kind})")
    return tuple(dict.fromkeys(named))
