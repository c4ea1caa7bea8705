"""Clinical codes as small value types, and the one cited table of the codes b12 understands.

Sources
-------
* LOINC: ../shared/knowledge/evidence.md §7 (research of November 2026). Codes marked [V] there are
  ``verified`` and matched by default; [P] codes are matched with the ``unverified`` flag; [R] codes
  (creatinine 14682-9, MMA mass 2170-9) and conflicting ones (grip strength) are not matched.
* Analytes without a verified LOINC code (holotranscobalamin) use the b12 code system
  :data:`B12_SYSTEM`, and sites can add their own codes with a local mapping (:class:`CodeTable`).
* RxNorm ingredients, ATC classes, SNOMED CT and ICD-10: public code lists and FHIR resources in
  several independent public repositories, read for issue 7 (November 2026). A code seen in two or
  more independent sources is ``verified``; a code seen in one source or recalled is ``unverified``
  and is still matched, with that flag shown. Check every code against the official release
  (RxNav, WHO ATC index, SNOMED CT browser, ICD-10 browser) before clinical use.

* Antibody LOINC codes (intrinsic factor, parietal cell): laboratory test catalogues read for issue
  12 (December 2026); each code was seen in one laboratory's catalogue or one public mapping only,
  and labs differ in which code they report, so all are ``unverified``. evidence.md §7 lists none.
* SNOMED CT routes (dosage.route) and qualitative results (positive/negative/equivocal): the FHIR
  route-codes value set and several independent public code lists; all ``verified``.
* SNOMED CT operations and dialysis, LOINC gestational age: public FHIR resources, implementation
  guides and code lists read for issue 15 (December 2026), flagged as each entry says; gestational
  age is not in evidence.md §7, so ``unverified``.

Codes are matched by (system, code) only; display text is never compared when a code is present.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from b12.units import Analyte

LOINC = "http://loinc.org"
SNOMED_CT = "http://snomed.info/sct"
ICD_10 = "http://hl7.org/fhir/sid/icd-10"
ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
ATC = "http://www.whocc.no/atc"
UCUM = "http://unitsofmeasure.org"
B12_SYSTEM = "https://b12.dev/fhir/CodeSystem/b12"  # b12's own concepts (cB12, holoTC, categories)


class Verification(StrEnum):
    """How well a code's meaning is backed by what was read (DECISIONS.md, "Codes")."""

    VERIFIED = "verified"  # evidence.md [V], or two or more independent sources
    UNVERIFIED = "unverified"  # evidence.md [P], one source, or recalled: matched, flagged
    LOCAL = "local"  # the b12 code system or a site's local mapping


@dataclass(frozen=True)
class Code:
    """One code in one code system; ``display`` is for people and never used to match."""

    system: str
    code: str
    display: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """The (system, code) pair that identifies the concept."""
        return (self.system, self.code)

    def __str__(self) -> str:
        return f"{self.system}|{self.code}"


class DrugClass(StrEnum):
    """Medicine groups that lower B12 absorption (evidence.md §3; NICE NG239 risk factors)."""

    METFORMIN = "metformin"
    PROTON_PUMP_INHIBITOR = "proton_pump_inhibitor"
    H2_RECEPTOR_ANTAGONIST = "h2_receptor_antagonist"
    B12_SUPPLEMENT = "b12_supplement"


@dataclass(frozen=True)
class LabCode:
    """A code for one laboratory analyte."""

    code: Code
    analyte: Analyte
    verification: Verification
    source: str


@dataclass(frozen=True)
class ConditionCode:
    """A diagnosis or procedure code and the plain term b12's rules read (evidence.md §3)."""

    code: Code
    term: str
    verification: Verification
    source: str


@dataclass(frozen=True)
class MedicationCode:
    """An ingredient code (or an ATC class prefix) and the generic name b12's rules read."""

    code: Code
    name: str
    drug_class: DrugClass | None
    verification: Verification
    source: str


_V, _U, _L = Verification.VERIFIED, Verification.UNVERIFIED, Verification.LOCAL
_EV7 = "evidence.md §7"
_TWO = "two or more independent public code lists"
_ONE = "one public code list, or recalled; check before clinical use"


def _lab(code: str, display: str, analyte: Analyte, v: Verification, note: str) -> LabCode:
    return LabCode(Code(LOINC, code, display), analyte, v, f"{_EV7}: {note}")


LAB_CODES: tuple[LabCode, ...] = (
    _lab("2132-9", "Cobalamin [Mass/volume] in Serum or Plasma", Analyte.B12, _V, "[V]"),
    _lab("14685-2", "Cobalamin [Moles/volume] in Serum or Plasma", Analyte.B12, _V, "[V]"),
    _lab("13964-2", "Methylmalonate [Moles/volume] in Serum or Plasma", Analyte.MMA, _U, "[P]"),
    _lab("13965-9", "Homocysteine [Moles/volume] in Serum or Plasma", Analyte.HCY, _V, "[V]"),
    _lab("2284-8", "Folate [Mass/volume] in Serum or Plasma", Analyte.FOLATE, _V, "[V]"),
    _lab("14732-2", "Folate [Moles/volume] in Serum or Plasma", Analyte.FOLATE, _V, "[V]"),
    _lab("718-7", "Hemoglobin [Mass/volume] in Blood", Analyte.HEMOGLOBIN, _U, "[P]"),
    _lab("787-2", "MCV [Entitic volume] by Automated count", Analyte.MCV, _V, "[V]"),
    _lab("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", Analyte.CREATININE, _V, "[V]"),
    _lab("98979-8", "eGFR (CKD-EPI 2021)/1.73 sq M", Analyte.EGFR, _V, "[V]"),
    _lab("62238-1", "eGFR (CKD-EPI)/1.73 sq M", Analyte.EGFR, _U, "[P]"),
    _lab("33914-3", "eGFR (MDRD)/1.73 sq M", Analyte.EGFR, _V, "[V]"),
    # LOINC 2276-4 (ferritin) and 3016-3 (TSH) were found in public code lists for issue 15 but
    # are not in evidence.md §7, which decides LOINC matching: b12 codes until they are added.
    LabCode(
        Code(B12_SYSTEM, "ferritin", "Ferritin [Mass/volume] in Serum or Plasma"),
        Analyte.FERRITIN,
        _L,
        f"{_EV7}: not listed; LOINC 2276-4 seen in one public code map (check, then add to §7)",
    ),
    LabCode(
        Code(B12_SYSTEM, "tsh", "Thyrotropin [Units/volume] in Serum or Plasma"),
        Analyte.TSH,
        _L,
        f"{_EV7}: not listed; LOINC 3016-3 seen in {_TWO} (check, then add to §7)",
    ),
    LabCode(
        Code(B12_SYSTEM, "holotc", "Holotranscobalamin [Moles/volume] in Serum"),
        Analyte.HOLOTC,
        _L,
        f"{_EV7}: no LOINC code verified for holoTC; b12 code system (add the lab's code locally)",
    ),
)


@dataclass(frozen=True)
class AntibodyCode:
    """A code for a qualitative antibody test; ``antibody`` is a value of the core's ``Antibody``."""

    code: Code
    antibody: str
    verification: Verification
    source: str


_IF, _PCA = "intrinsic_factor_antibody", "parietal_cell_antibody"
_CATALOGUE = "one laboratory test catalogue or public mapping; check before clinical use"


def _ab(code: str, display: str, antibody: str, where: str) -> AntibodyCode:
    return AntibodyCode(Code(LOINC, code, display), antibody, _U, f"{_CATALOGUE} ({where})")


# Displays as the source printed them (LOINC's own long names were not read). Some labs report a
# number in assay units: b12 reads only a positive/negative/equivocal valueCodeableConcept or
# valueString, and reports a number as not used.
ANTIBODY_CODES: tuple[AntibodyCode, ...] = (
    _ab("31444-3", "Intrinsic Factor Blocking Ab, S", _IF, "Mayo Clinic Labs IFBA"),
    _ab("31443-5", "Intrinsic Factor Abs, Serum", _IF, "Labcorp 010413"),
    _ab("5140-4", "Anti-intrinsic factor Ab [Presence] in Serum", _IF, "one public LOINC mapping"),
    _ab("26969-6", "Parietal cell Ab [Presence] in Serum by Immunofluorescence", _PCA,
        "a public MIMIC lab-item mapping"),
    _ab("8087-9", "Antiparietal Cell Antibody", _PCA, "Labcorp 006486"),
    _ab("40960-7", "Parietal Cell Ab, IgG, S", _PCA, "Mayo Clinic Labs PCAB"),
)  # fmt: skip


@dataclass(frozen=True)
class ConceptCode:
    """A SNOMED CT qualifier b12 reads as one of its own words (a route, a qualitative result)."""

    code: Code
    term: str
    verification: Verification
    source: str


def _sct(code: str, display: str, term: str) -> ConceptCode:
    return ConceptCode(Code(SNOMED_CT, code, display), term, _V, _TWO)


# dosage.route; the terms are the values of the core's ``Route``.
ROUTE_CODES: tuple[ConceptCode, ...] = (
    _sct("26643006", "Oral route", "oral"),
    _sct("37839007", "Sublingual route", "sublingual"),
    _sct("78421000", "Intramuscular route", "intramuscular"),
    _sct("34206005", "Subcutaneous route", "subcutaneous"),
    _sct("47625008", "Intravenous route", "intravenous"),
    _sct("46713006", "Nasal route", "nasal"),
)
# Observation.valueCodeableConcept of a qualitative test.
QUALITATIVE_CODES: tuple[ConceptCode, ...] = (
    _sct("10828004", "Positive", "positive"),
    _sct("260385009", "Negative", "negative"),
    _sct("42425007", "Equivocal", "equivocal"),
)

# Procedure.code of an operation that changes B12 absorption; the terms are the values of the core's
# ``Procedure`` (b12.core.history). Read for issue 15 (December 2026) in public FHIR resources and code
# lists. 442338001 is "Bypass of stomach" (a gastric bypass, read as Roux-en-Y, its usual form).
# No SNOMED CT id for ileal resection, gastric banding or BPD/DS was found: those are read by text.
SURGERY_CODES: tuple[ConceptCode, ...] = (
    ConceptCode(Code(SNOMED_CT, "26452005", "Total gastrectomy"), "total_gastrectomy", _V, _TWO),
    ConceptCode(Code(SNOMED_CT, "49209004", "Subtotal gastrectomy"), "partial_gastrectomy", _U,
                _ONE),
    ConceptCode(Code(SNOMED_CT, "442338001", "Bypass of stomach"), "roux_en_y_gastric_bypass", _U,
                f"{_TWO}; gastric bypass, read as Roux-en-Y (its usual form)"),
    ConceptCode(Code(SNOMED_CT, "432102001", "Sleeve gastrectomy"), "sleeve_gastrectomy", _U, _ONE),
)  # fmt: skip
# b12's own code for each operation (what b12's FHIR writer puts beside any verified SNOMED CT code, so
# that a Bundle it wrote reads back); "ileal_resection:total" carries the extent.
SURGERY_CODES += tuple(
    ConceptCode(
        Code(B12_SYSTEM, f"surgery-{term.replace(':', '-')}", term), term, _L, "b12 code system"
    )
    for term in (
        "total_gastrectomy",
        "partial_gastrectomy",
        "roux_en_y_gastric_bypass",
        "sleeve_gastrectomy",
        "biliopancreatic_diversion_duodenal_switch",
        "gastric_banding",
        "ileal_resection",
        "ileal_resection:total",
        "ileal_resection:partial",
    )
)
# Procedure.code of dialysis; the terms are the values of the core's ``DialysisModality``.
DIALYSIS_CODES: tuple[ConceptCode, ...] = (
    ConceptCode(Code(SNOMED_CT, "302497006", "Hemodialysis"), "haemodialysis", _V, _TWO),
    ConceptCode(Code(SNOMED_CT, "71192002", "Peritoneal dialysis"), "peritoneal", _V, _TWO),
)
# Observation.code of the weeks of pregnancy (valueQuantity in UCUM wk or d). Not in evidence.md §7,
# which decides LOINC matching, so matched with the unverified flag; seen in HL7 implementation
# guides (vital records, AU diagnostic orders) read for issue 15.
GESTATIONAL_AGE_CODES: tuple[ConceptCode, ...] = (
    ConceptCode(Code(LOINC, "11884-4", "Gestational age Estimated"), "gestational_age", _U,
                f"{_EV7}: not listed; seen in two HL7 implementation guides"),
    ConceptCode(Code(LOINC, "11885-1", "Gestational age Estimated from last menstrual period"),
                "gestational_age", _U, f"{_EV7}: not listed; seen in one HL7 implementation guide"),
)  # fmt: skip

PREGNANCY = "pregnancy"  # the condition term that sets Person.pregnant


def _cond(system: str, code: str, display: str, term: str, v: Verification) -> ConditionCode:
    return ConditionCode(Code(system, code, display), term, v, _TWO if v is _V else _ONE)


CONDITION_CODES: tuple[ConditionCode, ...] = (
    _cond(SNOMED_CT, "84027009", "Pernicious anemia", "pernicious anaemia", _U),
    _cond(SNOMED_CT, "396331005", "Celiac disease", "coeliac disease", _V),
    _cond(SNOMED_CT, "34000006", "Crohn's disease", "Crohn's disease", _U),
    _cond(SNOMED_CT, "46635009", "Diabetes mellitus type 1", "type 1 diabetes", _U),
    _cond(SNOMED_CT, "44054006", "Diabetes mellitus type 2", "type 2 diabetes", _U),
    _cond(SNOMED_CT, "53442002", "Excision of stomach (gastrectomy)", "gastrectomy", _U),
    _cond(SNOMED_CT, "77386006", "Pregnancy", PREGNANCY, _V),
    _cond(ICD_10, "D51.0", "Vitamin B12 deficiency anaemia due to intrinsic factor deficiency",
          "pernicious anaemia", _U),
    _cond(ICD_10, "K90.0", "Coeliac disease", "coeliac disease", _V),
    _cond(ICD_10, "K29.4", "Chronic atrophic gastritis", "atrophic gastritis", _U),
    _cond(ICD_10, "K50", "Crohn's disease", "Crohn's disease", _U),
    _cond(ICD_10, "E10", "Type 1 diabetes mellitus", "type 1 diabetes", _U),
    _cond(ICD_10, "E11", "Type 2 diabetes mellitus", "type 2 diabetes", _U),
)  # fmt: skip


def _med(
    system: str, code: str, name: str, drug_class: DrugClass | None, v: Verification
) -> MedicationCode:
    return MedicationCode(Code(system, code, name), name, drug_class, v, _TWO if v is _V else _ONE)


_MET, _PPI, _H2, _SUP = (
    DrugClass.METFORMIN,
    DrugClass.PROTON_PUMP_INHIBITOR,
    DrugClass.H2_RECEPTOR_ANTAGONIST,
    DrugClass.B12_SUPPLEMENT,
)
MEDICATION_CODES: tuple[MedicationCode, ...] = (
    _med(RXNORM, "6809", "metformin", _MET, _V),
    _med(RXNORM, "7646", "omeprazole", _PPI, _V),
    _med(RXNORM, "40790", "pantoprazole", _PPI, _V),
    _med(RXNORM, "283742", "esomeprazole", _PPI, _U),
    _med(RXNORM, "17128", "lansoprazole", _PPI, _U),
    _med(RXNORM, "114979", "rabeprazole", _PPI, _U),
    _med(RXNORM, "4278", "famotidine", _H2, _U),
    _med(RXNORM, "9143", "ranitidine", _H2, _U),
    _med(RXNORM, "2541", "cimetidine", _H2, _U),
    _med(ATC, "A10BA02", "metformin", _MET, _V),
    _med(ATC, "A02BC01", "omeprazole", _PPI, _V),
    _med(ATC, "A02BC02", "pantoprazole", _PPI, _V),
    _med(ATC, "A02BC05", "esomeprazole", _PPI, _V),
    _med(ATC, "B03BA01", "cyanocobalamin", _SUP, _U),
    _med(ATC, "B03BA03", "hydroxocobalamin", _SUP, _U),
)
# ATC groups: every code under the prefix belongs to the class (WHO ATC hierarchy).
ATC_CLASS_PREFIXES: tuple[MedicationCode, ...] = (
    _med(ATC, "A02BC", "proton pump inhibitor", _PPI, _V),
    _med(ATC, "A02BA", "H2-receptor antagonist", _H2, _V),
)

# Words that name each class in free text, used only when a medicine has no code at all.
CLASS_TERMS: Mapping[DrugClass, tuple[str, ...]] = {
    _MET: ("metformin",),
    _PPI: ("prazole", "proton pump inhibitor"),
    _H2: ("famotidine", "ranitidine", "cimetidine", "nizatidine", "h2-receptor antagonist"),
    _SUP: ("cobalamin", "vitamin b12"),
}


@dataclass(frozen=True)
class ImportNote:
    """Something in an imported record that b12 did not use as is, and why (no personal data)."""

    resource: str  # e.g. "Observation/obs-7" or "entry[3] (Encounter)"
    kind: str  # unmapped | unverified_code | skipped
    detail: str
    code: str | None = None  # system|code of the item, when it had one


@dataclass
class CodeTable:
    """The code table with an optional local mapping ((system, code) -> analyte) on top."""

    local_labs: Mapping[tuple[str, str], Analyte] = field(default_factory=dict)

    def lab(self, codes: Iterable[Code]) -> LabCode | None:
        """The first coding that names a known analyte (built-in table, then local mapping)."""
        for code in codes:
            found = _LABS.get(code.key)
            if found is not None:
                return found
            local = self.local_labs.get(code.key)
            if local is not None:
                return LabCode(code, local, _L, "local code mapping")
        return None


_LABS = {entry.code.key: entry for entry in LAB_CODES}
_ANTIBODIES = {entry.code.key: entry for entry in ANTIBODY_CODES}
_ROUTES = {entry.code.key: entry for entry in ROUTE_CODES}
_QUALITATIVE = {entry.code.key: entry for entry in QUALITATIVE_CODES}


_SURGERY = {entry.code.key: entry for entry in SURGERY_CODES}
_DIALYSIS = {entry.code.key: entry for entry in DIALYSIS_CODES}
_GESTATIONAL_AGE = {entry.code.key: entry for entry in GESTATIONAL_AGE_CODES}


def surgery(codes: Iterable[Code]) -> ConceptCode | None:
    """The first coding that is a known operation (its term is a ``Procedure`` value, and for b12's
    own ileal-resection codes ``:total`` or ``:partial``)."""
    return next((_SURGERY[c.key] for c in codes if c.key in _SURGERY), None)


def dialysis(codes: Iterable[Code]) -> ConceptCode | None:
    """The first coding that is haemodialysis or peritoneal dialysis."""
    return next((_DIALYSIS[c.key] for c in codes if c.key in _DIALYSIS), None)


def gestational_age(codes: Iterable[Code]) -> ConceptCode | None:
    """The first coding that is an estimated gestational age."""
    return next((_GESTATIONAL_AGE[c.key] for c in codes if c.key in _GESTATIONAL_AGE), None)


def antibody(codes: Iterable[Code]) -> AntibodyCode | None:
    """The first coding that names a known antibody test."""
    return next((_ANTIBODIES[c.key] for c in codes if c.key in _ANTIBODIES), None)


def route(codes: Iterable[Code]) -> ConceptCode | None:
    """The first coding that is a known route of administration."""
    return next((_ROUTES[c.key] for c in codes if c.key in _ROUTES), None)


def qualitative(codes: Iterable[Code]) -> ConceptCode | None:
    """The first coding that is positive, negative or equivocal."""
    return next((_QUALITATIVE[c.key] for c in codes if c.key in _QUALITATIVE), None)


_CONDITIONS = {entry.code.key: entry for entry in CONDITION_CODES}
_MEDICATIONS = {entry.code.key: entry for entry in MEDICATION_CODES}


def condition(codes: Iterable[Code]) -> ConditionCode | None:
    """The first coding that is a known condition; ICD-10 codes also match by category (K50.1)."""
    for code in codes:
        found = _CONDITIONS.get(code.key)
        if found is None and code.system in (ICD_10, ICD_10_CM):
            found = _CONDITIONS.get((ICD_10, code.code)) or _CONDITIONS.get(
                (ICD_10, code.code.split(".")[0])
            )
        if found is not None:
            return found
    return None


def medication(codes: Iterable[Code]) -> MedicationCode | None:
    """The first coding that is a known ingredient, else one inside a known ATC class."""
    for code in codes:
        found = _MEDICATIONS.get(code.key)
        if found is not None:
            return found
        if code.system == ATC:
            for group in ATC_CLASS_PREFIXES:
                if code.code.upper().startswith(group.code.code):
                    return group
    return None


def drug_class_of_text(text: str) -> DrugClass | None:
    """The class named by a free-text medicine name (only for medicines without any code)."""
    lowered = text.lower()
    for drug_class, terms in CLASS_TERMS.items():
        if any(term in lowered for term in terms):
            return drug_class
    return None


def lab_codes_for(analyte: Analyte) -> list[Code]:
    """LOINC codes b12 matches for an analyte (for search queries such as CDS Hooks prefetch)."""
    return [e.code for e in LAB_CODES if e.analyte is analyte and e.code.system == LOINC]


@dataclass(frozen=True)
class OrderableTest:
    """A test b12 can propose (the judgment's next-test vocabulary) and how an order names it."""

    test: str
    label: str
    analyte: Analyte | None  # the analyte whose verified LOINC code orders it, if any


# The next tests of b12's judgment; the FHIR CarePlan and the CDS order suggestions share this table.
ORDERABLE_TESTS: Mapping[str, OrderableTest] = {
    t.test: t
    for t in (
        OrderableTest("total_b12", "Serum vitamin B12", Analyte.B12),
        OrderableTest("holotc", "Active B12 (holotranscobalamin)", None),
        OrderableTest("mma", "Serum methylmalonic acid (MMA)", Analyte.MMA),
        OrderableTest("homocysteine", "Plasma total homocysteine", Analyte.HCY),
        OrderableTest("folate", "Serum folate", Analyte.FOLATE),
        OrderableTest("egfr", "Serum creatinine (for eGFR)", Analyte.CREATININE),
        OrderableTest("full_blood_count", "Full blood count (haemoglobin and MCV)", None),
        OrderableTest("intrinsic_factor_antibody", "Intrinsic factor antibodies", None),
        OrderableTest("ferritin", "Serum ferritin (iron stores)", None),
    )
}


def orderable_test(test: str) -> OrderableTest:
    """The table entry of a proposed test (an unknown name is shown as it is, with no LOINC code)."""
    return ORDERABLE_TESTS.get(test, OrderableTest(test, test.replace("_", " ").capitalize(), None))


def order_codes(test: str) -> list[Code]:
    """Codes that order a proposed test: its verified LOINC codes ([V] only), else ``b12#test-*``.

    Unverified ([P]) LOINC codes are matched when reading a record but never used to order.
    """
    entry = orderable_test(test)
    verified = [
        e.code
        for e in LAB_CODES
        if e.analyte is entry.analyte
        and e.code.system == LOINC
        and e.verification is Verification.VERIFIED
    ]
    return verified[:1] or [Code(B12_SYSTEM, f"test-{entry.test}", entry.label)]
