"""Read a FHIR R4 Bundle into a :class:`~b12.core.person.Person`, reporting whatever was not used.

The Bundle is validated with ``fhir.resources`` (its R4B models, which read R4 Patient, Observation,
MedicationStatement, MedicationRequest, Condition and Procedure unchanged). Analytes are found by code
(:mod:`b12.codes`), never by display text; units come from the UCUM ``valueQuantity.code`` (else
``unit``) and are converted once by :mod:`b12.units`. Age is computed from ``Patient.birthDate`` at the
assessment date: the given date, else the date of the latest lab result, else today.

Nothing is dropped silently: every entry b12 does not use becomes an :class:`~b12.codes.ImportNote`.
Errors name the resource and the field, never a name or identifier of the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from b12.codes import (
    PREGNANCY,
    UCUM,
    AntibodyCode,
    CodeTable,
    ConditionCode,
    ImportNote,
    MedicationCode,
    Verification,
    antibody,
    condition,
    gestational_age,
    medication,
)
from b12.core.muscle.measurements import DAYS_PER_YEAR
from b12.core.person import (
    Antibody,
    AntibodyResult,
    ConditionDates,
    LabResult,
    Medication,
    Person,
    ReferenceRange,
    Route,
    Sex,
)
from b12.errors import InputError, UnitError
from b12.fhir import results
from b12.fhir.bundle import validate_bundle as validate_bundle  # (cds_hooks imports it here)
from b12.fhir.elements import codes_of, first_code, label, period_start, text_of, to_date
from b12.fhir.history import History, abated_on, gestational_weeks, onset_of, performed_on
from b12.units import to_canonical

SKIPPED_OBSERVATION_STATUS = frozenset({"entered-in-error", "cancelled"})
SKIPPED_MEDICATION_STATUS = frozenset({"entered-in-error", "not-taken", "cancelled", "draft"})
SKIPPED_PROCEDURE_STATUS = frozenset({"entered-in-error", "not-done", "preparation"})  # planned
SKIPPED_CONDITION_VERIFICATION = frozenset({"entered-in-error", "refuted"})
ENDED_CLINICAL_STATUS = frozenset({"inactive", "resolved", "remission"})
USED_TYPES = frozenset(
    {"Patient", "Observation", "MedicationStatement", "MedicationRequest", "Condition", "Procedure"}
)


@dataclass(frozen=True)
class FhirImport:
    """The person read from a Bundle, what was not used, and the date age was computed at."""

    person: Person
    notes: tuple[ImportNote, ...]
    as_of: dt.date
    patient_id: str | None


class _Reader:
    def __init__(self, bundle: Bundle, table: CodeTable) -> None:
        self.table = table
        self.entries = list(bundle.entry or [])
        self.notes: list[ImportNote] = []
        self.resources: list[tuple[int, Any]] = [
            (i, e.resource) for i, e in enumerate(bundle.entry or [])
        ]
        self.patient_refs: set[str] = set()
        self.history = History()
        self.gestation: list[tuple[dt.date | None, float, str]] = []
        self.medications: dict[str, Any] = {}
        for i, entry in enumerate(bundle.entry or []):
            res = entry.resource
            if res is not None and res.get_resource_type() == "Medication":
                if entry.fullUrl:
                    self.medications[str(entry.fullUrl)] = res
                if res.id:
                    self.medications[f"Medication/{res.id}"] = res
                self.resources[i] = (i, None)

    def note(self, resource: str, kind: str, detail: str, code: str | None = None) -> None:
        self.notes.append(ImportNote(resource, kind, detail, code))

    def of_type(self, kind: str) -> list[tuple[int, Any]]:
        return [
            (i, r) for i, r in self.resources if r is not None and r.get_resource_type() == kind
        ]

    def patient(self) -> tuple[str, Any]:
        patients = self.of_type("Patient")
        if not patients:
            raise InputError("the Bundle has no Patient resource", field="Bundle.entry")
        if len({p.id for _, p in patients}) > 1:
            raise InputError("the Bundle holds more than one Patient", field="Bundle.entry")
        index, patient = patients[0]
        if patient.id:
            self.patient_refs.add(f"Patient/{patient.id}")
        if self.entries[index].fullUrl:
            self.patient_refs.add(str(self.entries[index].fullUrl))
        return label(patient, index), patient

    def about_patient(self, kind: str) -> list[tuple[int, Any]]:
        """Resources of a kind whose subject is the Patient (or not stated); others are reported."""
        found = []
        for index, res in self.of_type(kind):
            ref = res.subject.reference if res.subject is not None else None
            ref = str(ref) if ref else None
            if (
                ref is None
                or ref in self.patient_refs
                or any(
                    ref.endswith("/" + own)
                    for own in self.patient_refs
                    if own.startswith("Patient/")
                )
            ):
                found.append((index, res))
            else:
                self.note(label(res, index), "skipped", "subject is not the Bundle's Patient")
        return found

    def lab(self, index: int, obs: Any) -> LabResult | AntibodyResult | None:
        where = label(obs, index)
        if obs.status in SKIPPED_OBSERVATION_STATUS:
            self.note(where, "skipped", f"status {obs.status}")
            return None
        codes = codes_of(obs.code)
        weeks_code = gestational_age(codes)
        if weeks_code is not None:
            self.gestational_age(where, obs, weeks_code.source, str(weeks_code.code))
            return None
        found = self.table.lab(codes)
        test = antibody(codes) if found is None else None
        if test is not None:
            return self.antibody(where, obs, test)
        if found is None:
            detail = (
                "code not in b12's table" if codes else "no coded analyte (text is not matched)"
            )
            self.note(where, "unmapped", detail, first_code(obs.code))
            return None
        if found.verification is Verification.UNVERIFIED:
            self.note(
                where, "unverified_code", f"{found.analyte.value}: {found.source}", str(found.code)
            )
        quantity = obs.valueQuantity
        if quantity is None or quantity.value is None:
            self.note(where, "unmapped", "no valueQuantity", str(found.code))
            return None
        comparator = results.COMPARATORS.get(str(quantity.comparator or ""))
        if quantity.comparator and comparator is None:
            self.note(where, "skipped", f"comparator {quantity.comparator}", str(found.code))
            return None
        from_code = quantity.code and (quantity.system is None or str(quantity.system) == UCUM)
        unit = str(quantity.code) if from_code else (str(quantity.unit) if quantity.unit else None)
        if unit is None:
            raise UnitError("no unit (UCUM code or unit)", field=f"{where}.valueQuantity")
        value = float(quantity.value)
        try:
            to_canonical(found.analyte, value, unit)
        except UnitError as exc:
            raise UnitError(str(exc), field=f"{where}.valueQuantity") from None
        return LabResult(
            analyte=found.analyte,
            value=value,
            comparator=comparator,
            unit=unit,
            date=_sample_date(obs),
            specimen_id=self.specimen(where, obs),
            reference_range=_reference_range(obs, unit),
            flag=results.lab_flag(obs),
        )

    def gestational_age(self, where: str, obs: Any, source: str, code: str) -> None:
        self.note(where, "unverified_code", f"gestational age: {source}", code)
        weeks = gestational_weeks(obs.valueQuantity)
        if weeks is None:
            self.note(where, "unmapped", "gestational age needs a valueQuantity in wk or d", code)
        else:
            self.gestation.append((_sample_date(obs), weeks, where))

    def antibody(self, where: str, obs: Any, test: AntibodyCode) -> AntibodyResult | None:
        self.note(where, "unverified_code", f"{test.antibody}: {test.source}", str(test.code))
        value, problem = results.qualitative_value(obs)
        if value is None:
            self.note(where, "unmapped", problem or "no qualitative result", str(test.code))
            return None
        return AntibodyResult(
            analyte=Antibody(test.antibody),
            value=value,
            date=_sample_date(obs),
            specimen_id=self.specimen(where, obs),
        )

    def specimen(self, where: str, obs: Any) -> str | None:
        found, problem = results.specimen_id(obs)
        if problem is not None:
            self.note(where, "unmapped", f"{problem}: results not grouped by sample")
        return found

    def medication(self, index: int, res: Any) -> Medication | None:
        where = label(res, index)
        if res.status in SKIPPED_MEDICATION_STATUS:
            self.note(where, "skipped", f"status {res.status}")
            return None
        if res.get_resource_type() == "MedicationStatement" and res.status == "intended":
            # FHIR R4: "The medication may be taken at some time in the future": not taken yet.
            self.note(where, "skipped", "status intended: not started")
            return None
        concept = res.medicationCodeableConcept
        if concept is None and res.medicationReference is not None:
            target = self.medications.get(str(res.medicationReference.reference))
            concept = target.code if target is not None else None
        if res.get_resource_type() == "MedicationStatement":
            start = to_date(res.effectiveDateTime) or period_start(res.effectivePeriod)
        else:
            start = to_date(res.authoredOn)
        name = self._name(where, concept, "medication")
        if name is None:
            return None
        stop = results.stop_date(res)
        stopped = stop is None and results.ended(res.get_resource_type(), res.status)
        if stopped:
            self.note(
                where,
                "unmapped",
                f"status {res.status} without an end date: stopped, date not given",
            )
        elif stop is None and res.status in results.STOPPED_STATUS:
            self.note(where, "unmapped", f"status {res.status} without an end date: read as taken")
        dose, route = self.dosage(where, res)
        try:
            return Medication(
                name=name, start_date=start, stop_date=stop, dose=dose, route=route, stopped=stopped
            )
        except ValidationError as exc:
            message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
            raise InputError(message, field=f"{where}.effectivePeriod") from None

    def dosage(self, where: str, res: Any) -> tuple[str | None, Route | None]:
        given = results.dosages(res)
        if not given:
            return None, None
        if len(given) > 1:
            self.note(where, "unmapped", f"{len(given) - 1} further dosage(s) not read")
        route, problem = results.route_of(given[0])
        if problem is not None:
            self.note(where, "unmapped", problem, first_code(given[0].route))
        return results.dose_text(given[0]), route

    def _name(self, where: str, concept: Any, what: str) -> str | None:
        codes = codes_of(concept)
        found: MedicationCode | ConditionCode | None = (
            medication(codes) if what == "medication" else condition(codes)
        )
        if found is not None:
            if found.verification is Verification.UNVERIFIED:
                self.note(where, "unverified_code", found.source, str(found.code))
            return found.name if isinstance(found, MedicationCode) else found.term
        if codes or (concept is not None and concept.coding):
            self.note(where, "unmapped", f"{what} code not in b12's table", first_code(concept))
            return None
        text = text_of(concept)
        if text is None:
            self.note(where, "unmapped", f"no {what} code or text")
        return text

    def condition(self, index: int, res: Any) -> str | None:
        where = label(res, index)
        kind = res.get_resource_type()
        if kind == "Procedure" and res.status in SKIPPED_PROCEDURE_STATUS:
            self.note(where, "skipped", f"status {res.status}")
            return None
        if kind == "Condition" and res.verificationStatus is not None:
            status = {c.code for c in res.verificationStatus.coding or []}
            if status & SKIPPED_CONDITION_VERIFICATION:
                self.note(where, "skipped", f"verification status {', '.join(sorted(status))}")
                return None
        if kind == "Procedure":
            found = self.history.coded(res)
            if found is not None:
                if found.verification is Verification.UNVERIFIED:
                    self.note(where, "unverified_code", found.source, str(found.code))
                return None  # read as surgery or dialysis, with its date
        ended = kind == "Condition" and _ended(res)
        self.history.from_text(res, ended=ended)
        term = self._name(where, res.code, "condition")
        if term == PREGNANCY and ended:
            self.note(where, "skipped", "pregnancy no longer active")
            return None
        if term is not None and ended and abated_on(res) is None:
            self.note(
                where, "unmapped", "ended without an abatement date: read as a current condition"
            )
        return term

    def weeks_pregnant(self, pregnant: bool) -> float | None:
        """The latest gestational age read, when the Bundle also holds an active pregnancy."""
        if not self.gestation:
            return None
        if not pregnant:
            for _, _, where in self.gestation:
                self.note(where, "skipped", "gestational age without an active pregnancy Condition")
            return None
        latest = max(self.gestation, key=lambda g: g[0] or dt.date.min)
        return latest[1]


def _ended(res: Any) -> bool:
    clinical = {c.code for c in (res.clinicalStatus.coding or [])} if res.clinicalStatus else set()
    return bool(clinical & ENDED_CLINICAL_STATUS)


def _sample_date(obs: Any) -> dt.date | None:
    return (
        to_date(obs.effectiveDateTime) or period_start(obs.effectivePeriod) or to_date(obs.issued)
    )


def _reference_range(obs: Any, unit: str) -> ReferenceRange | None:
    for rr in obs.referenceRange or []:
        low = rr.low.value if rr.low is not None else None
        high = rr.high.value if rr.high is not None else None
        units = {q.code or q.unit for q in (rr.low, rr.high) if q is not None}
        if (low is not None or high is not None) and units <= {unit}:
            return ReferenceRange(
                low=float(low) if low is not None else None,
                high=float(high) if high is not None else None,
            )
    return None


def _age(birth: dt.date, as_of: dt.date, where: str) -> float:
    years = (as_of - birth).days / DAYS_PER_YEAR
    if not 0 < years <= 125:
        raise InputError(
            f"age at {as_of.isoformat()} would be {years:.1f} years (b12 accepts 0-125)",
            field=f"{where}.birthDate",
        )
    return round(years, 2)


def _condition_dates(read: Sequence[tuple[str, Any]]) -> list[ConditionDates]:
    """Condition.onset and abatement, Procedure.performed, as the dates of each condition read
    (the first dated resource of a term wins)."""
    found: dict[str, ConditionDates] = {}
    for term, res in read:
        if res.get_resource_type() == "Procedure":
            onset = performed_on(res)
            ended = None
        else:
            onset = onset_of(res)
            ended = abated_on(res)
        if (
            (onset or ended)
            and term not in found
            and (ended is None or onset is None or ended >= onset)
        ):
            found[term] = ConditionDates(condition=term, onset=onset, resolved_on=ended)
    return list(found.values())


def read_bundle(
    data: Any, *, as_of: dt.date | None = None, codes: CodeTable | None = None
) -> FhirImport:
    """Read a FHIR R4 Bundle (parsed JSON) into a person and the notes on what was not used.

    Raises
    ------
    InputError
        Not a Bundle, invalid FHIR, no or several Patients, missing birthDate or gender, or a lab with
        a missing or unknown unit (the message names the resource and field).
    """
    reader = _Reader(validate_bundle(data), codes or CodeTable())
    where, patient = reader.patient()
    sex = {"male": Sex.MALE, "female": Sex.FEMALE}.get(str(patient.gender))
    if sex is None:
        raise InputError(
            f"gender {patient.gender!r}: b12 needs 'male' or 'female' for sex-specific values",
            field=f"{where}.gender",
        )
    birth = to_date(patient.birthDate)
    if birth is None:
        raise InputError("missing: b12 needs the date of birth for age", field=f"{where}.birthDate")
    labs = [
        lab for i, r in reader.about_patient("Observation") if (lab := reader.lab(i, r)) is not None
    ]
    medications = [
        med
        for kind in ("MedicationStatement", "MedicationRequest")
        for i, r in reader.about_patient(kind)
        if (med := reader.medication(i, r)) is not None
    ]
    read = [
        (term, r)
        for kind in ("Condition", "Procedure")
        for i, r in reader.about_patient(kind)
        if (term := reader.condition(i, r)) is not None
    ]
    conditions = [term for term, _ in read]
    for i, res in reader.resources:
        if res is not None and res.get_resource_type() not in USED_TYPES:
            reader.note(label(res, i), "unmapped", "resource type not read by b12")
    dates = [lab.date for lab in labs if lab.date is not None]
    day = as_of or (max(dates) if dates else dt.date.today())
    pregnant = PREGNANCY in conditions
    if pregnant and sex is not Sex.FEMALE:
        raise InputError(
            "a pregnancy Condition for a Patient whose gender is not female", field=where
        )
    on_dialysis, problem = reader.history.dialysis()
    if problem is not None:
        reader.note(where, "unmapped", problem)
    try:
        person = Person(
            age=_age(birth, day, where),
            sex=sex,
            pregnant=pregnant,
            conditions=list(dict.fromkeys(conditions)),
            condition_dates=_condition_dates(read),
            medications=medications,
            labs=labs,
            surgery=reader.history.operations(),
            dialysis=on_dialysis,
            gestational_age_weeks=reader.weeks_pregnant(pregnant),
        )
    except ValidationError as exc:
        raise InputError(str(exc.errors()[0]["msg"]), field=where) from None
    return FhirImport(person, tuple(reader.notes), day, patient.id)


def resources_bundle(resources: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Wrap loose resources (e.g. CDS Hooks prefetch) in a collection Bundle for :func:`read_bundle`."""
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in resources],
    }
