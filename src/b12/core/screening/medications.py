"""Medicines that matter for B12: a table mapping generic and brand names to classes.

Sources
-------
- NICE NG239 (2024) risk-factor box, medicines (Pulse summary; evidence ``secondary``): metformin,
  pregabalin, proton-pump inhibitors, topiramate, colchicine, phenobarbital, primidone,
  H2-receptor blockers; recreational nitrous oxide.
- NIH Office of Dietary Supplements fact sheet (via copies; ``secondary``): chloramphenicol, PPIs,
  H2-receptor antagonists, metformin.

The table is data (name → class); brand names are common trade names of the generic listed
beside them. Matching is case-insensitive and by whole word, so "Omeprazole 20 mg" and "Janumet"
(sitagliptin/metformin) are recognised. A name that matches no row is reported as unrecognised,
never silently ignored. Input: free-text medicine names as the person wrote them.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict

from b12.core.person import Medication, Person, Route
from b12.core.screening.negation import mark, negated


class MedicationClass(StrEnum):
    """Classes of medicine that b12 knows about."""

    METFORMIN = "metformin"
    PPI = "proton_pump_inhibitor"
    H2RA = "h2_receptor_antagonist"
    COLCHICINE = "colchicine"
    NITROUS_OXIDE = "nitrous_oxide"
    PREGABALIN = "pregabalin"
    TOPIRAMATE = "topiramate"
    PHENOBARBITAL = "phenobarbital"
    PRIMIDONE = "primidone"
    CHLORAMPHENICOL = "chloramphenicol"
    B12_ORAL = "b12_supplement"
    B12_INJECTION = "b12_injection"
    BIOTIN = "biotin"


# Classes whose use is a risk factor for low B12 (NICE NG239 and the ODS fact sheet).
RISK_CLASSES = frozenset(
    {
        MedicationClass.METFORMIN,
        MedicationClass.PPI,
        MedicationClass.H2RA,
        MedicationClass.COLCHICINE,
        MedicationClass.NITROUS_OXIDE,
        MedicationClass.PREGABALIN,
        MedicationClass.TOPIRAMATE,
        MedicationClass.PHENOBARBITAL,
        MedicationClass.PRIMIDONE,
        MedicationClass.CHLORAMPHENICOL,
    }
)

_C = MedicationClass
# (name as written on a pack, class). Generic names first, then brands. Lower case.
MEDICATION_TABLE: tuple[tuple[str, MedicationClass], ...] = (
    ("metformin", _C.METFORMIN),
    ("glucophage", _C.METFORMIN),
    ("fortamet", _C.METFORMIN),
    ("glumetza", _C.METFORMIN),
    ("riomet", _C.METFORMIN),
    ("janumet", _C.METFORMIN),
    ("jentadueto", _C.METFORMIN),
    ("kombiglyze", _C.METFORMIN),
    ("synjardy", _C.METFORMIN),
    ("xigduo", _C.METFORMIN),
    ("invokamet", _C.METFORMIN),
    ("segluromet", _C.METFORMIN),
    ("eucreas", _C.METFORMIN),
    ("omeprazole", _C.PPI),
    ("esomeprazole", _C.PPI),
    ("lansoprazole", _C.PPI),
    ("dexlansoprazole", _C.PPI),
    ("pantoprazole", _C.PPI),
    ("rabeprazole", _C.PPI),
    ("prilosec", _C.PPI),
    ("losec", _C.PPI),
    ("nexium", _C.PPI),
    ("prevacid", _C.PPI),
    ("zoton", _C.PPI),
    ("dexilant", _C.PPI),
    ("protonix", _C.PPI),
    ("protium", _C.PPI),
    ("aciphex", _C.PPI),
    ("pariet", _C.PPI),
    ("proton pump inhibitor", _C.PPI),
    ("ppi", _C.PPI),
    ("famotidine", _C.H2RA),
    ("ranitidine", _C.H2RA),
    ("cimetidine", _C.H2RA),
    ("nizatidine", _C.H2RA),
    ("pepcid", _C.H2RA),
    ("zantac", _C.H2RA),
    ("tagamet", _C.H2RA),
    ("axid", _C.H2RA),
    ("h2 blocker", _C.H2RA),
    ("colchicine", _C.COLCHICINE),
    ("colcrys", _C.COLCHICINE),
    ("mitigare", _C.COLCHICINE),
    ("nitrous oxide", _C.NITROUS_OXIDE),
    ("nitrous", _C.NITROUS_OXIDE),
    ("entonox", _C.NITROUS_OXIDE),
    ("laughing gas", _C.NITROUS_OXIDE),
    ("n2o", _C.NITROUS_OXIDE),
    ("pregabalin", _C.PREGABALIN),
    ("lyrica", _C.PREGABALIN),
    ("topiramate", _C.TOPIRAMATE),
    ("topamax", _C.TOPIRAMATE),
    ("phenobarbital", _C.PHENOBARBITAL),
    ("phenobarbitone", _C.PHENOBARBITAL),
    ("primidone", _C.PRIMIDONE),
    ("mysoline", _C.PRIMIDONE),
    ("chloramphenicol", _C.CHLORAMPHENICOL),
    ("hydroxocobalamin injection", _C.B12_INJECTION),
    ("cyanocobalamin injection", _C.B12_INJECTION),
    ("b12 injection", _C.B12_INJECTION),
    ("b12 jab", _C.B12_INJECTION),
    ("b12 shot", _C.B12_INJECTION),
    ("neo-cytamen", _C.B12_INJECTION),
    ("cobalin-h", _C.B12_INJECTION),
    ("hydroxocobalamin", _C.B12_INJECTION),
    ("cyanocobalamin", _C.B12_ORAL),
    ("cytacon", _C.B12_ORAL),
    ("methylcobalamin", _C.B12_ORAL),
    ("adenosylcobalamin", _C.B12_ORAL),
    ("vitamin b12", _C.B12_ORAL),
    ("b12", _C.B12_ORAL),
    ("biotin", _C.BIOTIN),
)


class MedicationMatch(BaseModel):
    """One listed medicine and what b12 recognised it as."""

    model_config = ConfigDict(frozen=True)
    name: str
    drug_class: MedicationClass | None
    matched: str | None
    months_taken: int | None

    @property
    def recognised(self) -> bool:
        """Whether the name matched a row of the table."""
        return self.drug_class is not None


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, MedicationClass], ...]:
    # Longest names first, so "hydroxocobalamin injection" wins over "b12" and
    # "dexlansoprazole" over "lansoprazole".
    rows = sorted(MEDICATION_TABLE, key=lambda row: -len(row[0]))
    return tuple(
        (re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE), name, cls)
        for name, cls in rows
    )


# A medicine name that says it is not taken now: "stopped metformin", "omeprazole, discontinued",
# "metformin (never started, declined)". Such a medicine is never "keep taking" (round 13,
# finding 11); without a date the record cannot say when, so it is read as not taken now.
_NOT_TAKEN = re.compile(
    r"\b(?:stopped|discontinu\w*|ceased|ceasing|withdrawn|withheld|suspended"
    r"|never (?:started|taken|took)|not (?:started|taken|taking)|declined|refused|came off"
    r"|off since|no longer (?:on|taking|takes|taken))\b",
    re.I,
)


def written_not_taken(name: str) -> bool:
    """Whether a medicine's recorded name says it is not taken now: written as absent ("no
    metformin", "omeprazole: none"), stopped, discontinued, declined or never started."""
    return _NOT_TAKEN.search(name) is not None or classify(name) == (None, ABSENT)


ABSENT = "written as absent"


def taken_on(person: Person, day: dt.date) -> list[Medication]:
    """The medicines taken on ``day``: started, not stopped by date, and not recorded by name as
    stopped or never started (:func:`written_not_taken`); one stopped is history, never "keep
    taking it"."""
    taken: list[Medication] = []
    if not person.medications:  # most people list none; ~9 calls per assessment
        return taken
    # A loop: a comprehension would cost a closure cell for ``day`` at every call.
    for m in person.medications:
        if m.taken_on(day) and not written_not_taken(m.name):
            taken.append(m)
    return taken


@lru_cache(maxsize=1024)  # pure: one assessment classifies each medicine 3-4 times (~100 patterns)
def classify(name: str) -> tuple[MedicationClass | None, str | None]:
    """The class of a medicine name and the table entry it matched, or (None, None); a name
    written as absent ("no metformin") has no class and the entry :data:`ABSENT`."""
    for pattern, entry, cls in _patterns():
        if hit := pattern.search(name):
            if negated(name, hit.start(), hit.end(), entry, mark(pattern, name)):
                return None, ABSENT
            return cls, entry
    return None, None


def classify_medication(med: Medication) -> tuple[MedicationClass | None, str | None]:
    """The class of a listed medicine by its name, else, for a product the table does not name (a
    multivitamin, a B complex), by the B12 its dose names: "multivitamin", dose "50 micrograms B12
    daily", is B12 by mouth, as "multivitamin with B12" already was by its name (red team round
    16b, F6: it was not named in the plan at all)."""
    return _by_name_or_dose(med.name, med.dose)


def _by_name_or_dose(name: str, dose: str | None) -> tuple[MedicationClass | None, str | None]:
    found = classify(name)
    if found == (None, None) and dose:
        in_dose = classify(dose)
        if in_dose[0] is MedicationClass.B12_ORAL:
            return in_dose
    return found


def match(name: str, months_taken: int | None, dose: str | None = None) -> MedicationMatch:
    """Recognise one medicine (by its name, else by the B12 its ``dose`` names)."""
    cls, entry = _by_name_or_dose(name, dose)
    return MedicationMatch(name=name, drug_class=cls, matched=entry, months_taken=months_taken)


_PARENTERAL = frozenset({Route.INTRAMUSCULAR, Route.SUBCUTANEOUS, Route.INTRAVENOUS})


def is_b12_injection(med: Medication) -> bool:
    """A B12 medicine given by injection (by route, else by name)."""
    drug_class, _ = classify_medication(med)
    if drug_class is MedicationClass.B12_INJECTION:
        return med.route is None or med.route in _PARENTERAL
    return drug_class is MedicationClass.B12_ORAL and med.route in _PARENTERAL


def is_b12_by_mouth(med: Medication) -> bool:
    """A B12 medicine taken by mouth (or under the tongue, or nasally): not given by injection."""
    return classify_medication(med)[0] is MedicationClass.B12_ORAL and not is_b12_injection(med)


# A written oral dose: "1000 micrograms a day", "1 mg daily", "50 µg".
_DOSE = re.compile(r"(\d+(?:\.\d+)?)\s*(mg|milligram|µg|ug|mcg|microgram)", re.IGNORECASE)


def dose_ug(dose: str | None) -> float | None:
    """The micrograms of a written dose ("1 mg daily" is 1000); None if unreadable."""
    match = _DOSE.search(dose or "")
    if match is None:
        return None
    return float(match.group(1)) * (1000 if match.group(2).lower() in ("mg", "milligram") else 1)
