"""The code table agrees with evidence.md §7 and matches by (system, code), never by text."""

from __future__ import annotations

import re

import pytest

from b12 import codes
from b12.codes import (
    ATC,
    ICD_10,
    ICD_10_CM,
    LAB_CODES,
    LOINC,
    RXNORM,
    SNOMED_CT,
    Code,
    DrugClass,
    Verification,
)
from b12.units import Analyte
from tests.conftest import SHARED_DATA, require

EVIDENCE = SHARED_DATA.parent / "knowledge" / "evidence.md"


def evidence_loinc_labels() -> dict[str, str]:
    """LOINC code -> its label ([V], [P], [R]) in the §7 table of evidence.md."""
    text = require(EVIDENCE).read_text(encoding="utf-8")
    section = text.split("## 7. LOINC codes", 1)[1].split("\n## ", 1)[0]
    labels: dict[str, str] = {}
    for row in section.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) < 5:
            continue
        found = re.fullmatch(r"\**(\d{3,5}-\d)\**(?: \(\?\))?", cells[1])
        label = re.match(r"\[([VPR])\]", cells[4])
        if found and label:
            labels[found.group(1)] = label.group(1)
    return labels


def test_loinc_codes_carry_the_evidence_md_label() -> None:
    labels = evidence_loinc_labels()
    assert len(labels) >= 15  # the table was parsed
    expected = {"V": Verification.VERIFIED, "P": Verification.UNVERIFIED}
    for entry in LAB_CODES:
        if entry.code.system != LOINC:
            continue
        label = labels[entry.code.code]
        assert label in expected, f"{entry.code.code} is [{label}]: not to be matched"
        assert entry.verification is expected[label], entry.code.code


def test_recalled_and_conflicting_codes_are_not_matched() -> None:
    table = codes.CodeTable()
    for code in ("14682-9", "2170-9", "83174-3", "62951-8", "83189-2", "62952-6", "83191-8"):
        assert table.lab([Code(LOINC, code)]) is None, code


def test_holotc_uses_the_b12_code_system() -> None:
    entry = codes.CodeTable().lab([Code(codes.B12_SYSTEM, "holotc")])
    assert entry is not None and entry.analyte is Analyte.HOLOTC
    assert entry.verification is Verification.LOCAL
    assert codes.lab_codes_for(Analyte.HOLOTC) == []  # no LOINC code for holoTC


def test_every_code_is_listed_once() -> None:
    tables = [LAB_CODES, codes.CONDITION_CODES, codes.MEDICATION_CODES]
    for table in tables:
        keys = [e.code.key for e in table]
        assert len(keys) == len(set(keys))


def test_matching_uses_system_and_code_not_display() -> None:
    table = codes.CodeTable()
    assert table.lab([Code("http://example.org", "2132-9")]) is None
    assert table.lab([Code(LOINC, "2345-7", "Cobalamin [Mass/volume] in Serum")]) is None
    b12 = table.lab([Code(LOINC, "2345-7"), Code(LOINC, "2132-9")])
    assert b12 is not None and b12.analyte is Analyte.B12  # the first coding that is known


@pytest.mark.parametrize(
    ("system", "code", "term"),
    [
        (SNOMED_CT, "396331005", "coeliac disease"),
        (ICD_10, "K90.0", "coeliac disease"),
        (ICD_10_CM, "K90.0", "coeliac disease"),
        (ICD_10, "K50.1", "Crohn's disease"),  # category K50 covers its subcodes
        (ICD_10_CM, "E10.9", "type 1 diabetes"),
    ],
)
def test_condition_codes(system: str, code: str, term: str) -> None:
    found = codes.condition([Code(system, code)])
    assert found is not None and found.term == term


@pytest.mark.parametrize(
    ("system", "code", "drug_class"),
    [
        (RXNORM, "6809", DrugClass.METFORMIN),
        (ATC, "A10BA02", DrugClass.METFORMIN),
        (RXNORM, "7646", DrugClass.PROTON_PUMP_INHIBITOR),
        (ATC, "A02BC04", DrugClass.PROTON_PUMP_INHIBITOR),  # by the ATC group A02BC
        (ATC, "A02BA03", DrugClass.H2_RECEPTOR_ANTAGONIST),
    ],
)
def test_medication_codes(system: str, code: str, drug_class: DrugClass) -> None:
    found = codes.medication([Code(system, code)])
    assert found is not None and found.drug_class is drug_class


def test_text_names_a_class_only_as_a_fallback() -> None:
    assert codes.drug_class_of_text("Omeprazole 20 mg capsule") is DrugClass.PROTON_PUMP_INHIBITOR
    assert codes.drug_class_of_text("Metformin 500 mg") is DrugClass.METFORMIN
    assert codes.drug_class_of_text("ramipril") is None
