"""Assess one person, or compute cB12 from loose marker values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from b12 import __version__
from b12.core.assessment import DISCLAIMER, Assessment
from b12.core.diet.absorption import FOOD_B12_ABSORBED_FRACTION
from b12.core.diet.intake import IntakeResult
from b12.core.diet.protein import ProteinTarget
from b12.core.diet.requirements import ReferenceIntake
from b12.core.muscle.assess import DEFAULT_CRITERIA, assess_muscle
from b12.core.muscle.model import Criteria
from b12.core.person import Person
from b12.core.plan.build import build_plan
from b12.core.plan.intake import IntakeEstimate, IntakeLevel, intake_level
from b12.core.plan.lifestyle import person_protein_target
from b12.core.plan.model import Category
from b12.core.screening.screen import screen
from b12.core.status.cb12 import Cb12Result, combined_indicator
from b12.core.status.interpret import interpret_status
from b12.data.foods.menu_table import macros_by_ndb
from b12.data.private import write_private
from b12.errors import DataFileError, InputError
from b12.fhir.writer import assessment_bundle
from b12.services.inputs import LoadedInput, load_code_table, load_input
from b12.services.intake import intake_for_person, person_diary
from b12.units import Analyte, parse_quantity, to_canonical


def assessment_date(person: Person, today: dt.date | None = None) -> dt.date:
    """The person's ``assessed_on``, else the latest lab date up to today, else today; a result
    dated after ``assessed_on`` moves the assessment to its date (the judgment says so)."""
    dates = [lab.date for lab in person.labs if lab.date is not None]
    if person.assessed_on is not None:
        return max([person.assessed_on, *dates])
    today = today or dt.date.today()
    # Never after today: a result dated later cannot have been taken yet (the judgment says so).
    return min(max(dates), today) if dates else today


def assess_person(
    person: Person,
    criteria: Criteria = DEFAULT_CRITERIA,
    intake: IntakeEstimate | None = None,
) -> Assessment:
    """Assess a validated person: B12 status, screening, muscle and the plan."""
    day = assessment_date(person)
    status = interpret_status(person, day)
    found = screen(person, day)
    muscle = assess_muscle(person.muscle, person.sex, criteria, person.age)
    plan = build_plan(person, status, found, muscle, intake)
    return Assessment(
        b12_version=__version__,
        disclaimer=DISCLAIMER,
        status=status,
        screening=found,
        muscle=muscle,
        plan=plan,
        intake=intake,
    )


def diary_intake(
    person: Person, person_path: Path | None = None, food_store: Path | None = None
) -> IntakeResult | None:
    """The person's food diary, if any, matched to foods and summarised per day.

    A diary given as a file path is read relative to the person file; without a file (the API) only
    inline entries are accepted. Foods come from ``food_store`` if given, else the bundled table.
    """
    if person.diary is None:
        return None
    if isinstance(person.diary, str) and person_path is None:
        raise InputError(
            "a diary file path is only read from a person file; send the entries inline",
            field="diary",
        )
    diary = person_diary(person, person_path or Path("request"))
    # Undated supplements alone give no day to count: no intake measured (not an error).
    return intake_for_person(person, diary, store=food_store) if diary.dated else None


def intake_estimate(result: IntakeResult) -> IntakeEstimate:
    """Mean daily B12 eaten and absorbed, as the plan reads it.

    Absorption is a range (intrinsic-factor uptake capped at 1.5-2.5 µg per meal); the plan gets
    its midpoint.
    """
    summary = result.summary
    absorbed = (summary.mean_absorbed.low_ug + summary.mean_absorbed.high_ug) / 2
    return IntakeEstimate(ug_per_day=summary.mean_total_ug, absorbed_ug_per_day=absorbed)


def measured_intake(
    person: Person, person_path: Path | None = None, food_store: Path | None = None
) -> IntakeEstimate | None:
    """Mean daily B12 intake from the person's food diary, if any (see :func:`diary_intake`)."""
    result = diary_intake(person, person_path, food_store)
    return None if result is None else intake_estimate(result)


@dataclass(frozen=True)
class IntakeVsTarget:
    """The food record against the person's daily targets, as the plan compares them.

    B12: the absorbed midpoint against the life-stage RDA x 50 % (food B12 absorbed, IOM 1998),
    read by :func:`b12.core.plan.intake.intake_level`, the comparison the plan makes. Protein: the
    diary's foods with a protein value (USDA SR28, the menu planner's table) per diary day against
    :func:`b12.core.plan.lifestyle.person_protein_target`, the target of the plan's protein item.
    """

    eaten_ug_per_day: float  # food and supplements, as the plan reads it
    absorbed_ug_per_day: float
    absorbed_target_ug_per_day: float
    level: IntakeLevel
    reference: ReferenceIntake
    protein_g_per_day: float | None  # None: no diary food has a protein value
    rows_without_protein: int
    protein_target: ProteinTarget | None  # None: the plan gives no protein advice (as for a child)


def _protein_g_per_day(result: IntakeResult) -> tuple[float | None, int]:
    macros = macros_by_ndb()
    grams, missing = 0.0, 0
    for row in result.rows:
        per_100g = macros.get((row.key or "").removeprefix("ndb:"))
        if per_100g is None or row.grams is None:
            missing += 1
            continue
        grams += per_100g.protein_g_per_100g * row.grams / 100
    days = len(result.summary.days)
    if missing == len(result.rows) or days == 0:
        return None, missing
    return grams / days, missing


def intake_vs_target(
    person: Person, assessment: Assessment, result: IntakeResult
) -> IntakeVsTarget:
    """Compare the diary with the person's targets (the plan's own comparison, kept for views)."""
    estimate = intake_estimate(result)
    reference = result.summary.reference
    protein, missing = _protein_g_per_day(result)
    items = assessment.plan.items if assessment.plan else ()
    advised = any(item.category is Category.PROTEIN for item in items)
    return IntakeVsTarget(
        eaten_ug_per_day=estimate.ug_per_day,
        absorbed_ug_per_day=estimate.absorbed_ug_per_day or 0.0,
        absorbed_target_ug_per_day=reference.rda_ug_per_day * FOOD_B12_ABSORBED_FRACTION,
        level=intake_level(estimate, reference),
        reference=reference,
        protein_g_per_day=protein,
        rows_without_protein=missing,
        protein_target=person_protein_target(person, assessment.status.egfr) if advised else None,
    )


@dataclass(frozen=True)
class AssessedInput:
    """An assessment and the input it came from (format, import notes)."""

    assessment: Assessment
    input: LoadedInput
    intake_vs_target: IntakeVsTarget | None = None  # None: no food diary


def assess_input(
    path: Path, local_codes: Path | None = None, criteria: Criteria = DEFAULT_CRITERIA
) -> AssessedInput:
    """Read a person file or a FHIR Bundle (auto-detected) and assess it.

    ``local_codes`` is a file of site lab codes added to b12's code table for FHIR input. A person
    file's food diary, if any, feeds the plan.
    """
    codes = load_code_table(local_codes) if local_codes is not None else None
    loaded = load_input(path, codes)
    result = diary_intake(loaded.person, path)
    intake = None if result is None else intake_estimate(result)
    assessment = assess_person(loaded.person, criteria, intake)
    compared = None if result is None else intake_vs_target(loaded.person, assessment, result)
    return AssessedInput(assessment, loaded, compared)


def assess_file(path: Path, criteria: Criteria = DEFAULT_CRITERIA) -> Assessment:
    """Read a person file or a FHIR Bundle and assess it."""
    return assess_input(path, criteria=criteria).assessment


def write_fhir(assessed: AssessedInput, path: Path) -> None:
    """Write the assessment as a FHIR R4 Bundle (JSON) to ``path``; a person file's clinical history
    goes with it (a FHIR input's history is already in the record it came from)."""
    loaded = assessed.input
    bundle = assessment_bundle(
        assessed.assessment,
        subject=loaded.subject,
        as_of=loaded.as_of,
        person=loaded.person if loaded.format == "person" else None,
    )
    try:
        text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
        write_private(path, text.encode("utf-8"))  # 0600: the bundle holds personal data
    except OSError as exc:
        raise DataFileError(f"{path.name}: cannot write ({exc.strerror})") from None


def cb12_from_quantities(quantities: Mapping[Analyte, str | None], age_years: float) -> Cb12Result:
    """cB12 from values typed as text ('250 pg/mL'; a bare number is in the canonical unit)."""
    if not 0 < age_years <= 125:
        raise InputError(f"age {age_years:g} is outside 0-125 years", field="age")
    values: dict[Analyte, float] = {}
    for analyte, text in quantities.items():
        if text is None:
            continue
        try:
            value, unit = parse_quantity(text)
            values[analyte] = to_canonical(analyte, value, unit)
        except InputError as exc:
            raise InputError(str(exc), field=f"--{analyte.value}") from None
    return combined_indicator(values, age_years)
