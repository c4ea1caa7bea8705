"""Assess one person, or compute cB12 from loose marker values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from b12 import __version__
from b12.core.assessment import DISCLAIMER, Assessment
from b12.core.diet.intake import IntakeResult
from b12.core.intake_target import FoodRecord, intake_vs_target
from b12.core.muscle.assess import DEFAULT_CRITERIA, assess_muscle
from b12.core.muscle.model import Criteria
from b12.core.person import Medication, Person, Route
from b12.core.plan.build import build_plan
from b12.core.plan.intake import IntakeEstimate
from b12.core.screening.medications import is_b12_by_mouth
from b12.core.screening.screen import screen
from b12.core.status.cb12 import Cb12Result, combined_indicator
from b12.core.status.interpret import interpret_status
from b12.core.status.result_age import as_taken_by
from b12.data.foods.menu_table import macros_by_ndb
from b12.data.private import write_private
from b12.errors import DataFileError, InputError
from b12.fhir.writer import assessment_bundle
from b12.services import clock
from b12.services.inputs import LoadedInput, load_code_table, load_input
from b12.services.intake import intake_for_person, person_diary
from b12.units import Analyte, parse_quantity, to_canonical


def assessment_date(person: Person, today: dt.date | None = None) -> dt.date:
    """The person's ``assessed_on``, else today (default :func:`b12.services.clock.today`): an
    assessment is of the day it is made, so a result over 12 months old is said to be no longer
    current (red team round 16b, n12: dating it by its latest result judged a 6-year-old normal
    B12 as current beside new tingling). A result dated after ``assessed_on`` but by ``today``
    moves the assessment to its date (the judgment says so); one dated after ``today`` cannot have
    been taken yet, and the judgment lists it as not read (red team round 16, D3)."""
    today = today or clock.today()
    if person.assessed_on is None:
        return today
    dates = [lab.date for lab in person.labs if lab.date is not None and lab.date <= today]
    return max([person.assessed_on, *dates])


def assess_person(
    person: Person,
    criteria: Criteria = DEFAULT_CRITERIA,
    intake: IntakeEstimate | FoodRecord | None = None,
) -> Assessment:
    """Assess a validated person: B12 status, screening, muscle and the plan.

    ``intake``: B12 intake as estimated (the plan reads it), or a food record, which the
    assessment also compares with the person's targets (``intake_vs_target``).
    """
    day = assessment_date(person)
    estimate = intake.b12 if isinstance(intake, FoodRecord) else intake
    person = with_diary_supplement(person, estimate, day)
    status = interpret_status(person, day)  # lists the results dated after ``day`` as not read
    read = as_taken_by(person, day)  # and nothing else reads them either
    found = screen(read, day)
    muscle = assess_muscle(person.muscle, person.sex, criteria, person.age, day)
    record = intake if isinstance(intake, FoodRecord) else None
    plan = build_plan(read, status, found, muscle, estimate, day)
    compared = None if record is None else intake_vs_target(read, record, status.egfr, plan)
    return Assessment(
        b12_version=__version__,
        disclaimer=DISCLAIMER,
        status=status,
        screening=found,
        muscle=muscle,
        plan=plan,
        intake=estimate,
        intake_vs_target=compared,
    )


DIARY_SUPPLEMENT = "a B12 supplement (from the food diary)"


def with_diary_supplement(person: Person, estimate: IntakeEstimate | None, day: dt.date) -> Person:
    """The person with the food diary's B12 supplements as B12 taken by mouth, so the judgment and
    the plan read them as they read a listed one (a high B12 is then not "without supplements",
    and the supplement already taken is not advised again). Not when one is listed already."""
    if estimate is None or estimate.supplement_ug_per_day <= 0:
        return person
    if any(is_b12_by_mouth(m) and m.taken_on(day) for m in person.medications):
        return person
    taken = Medication(
        name=DIARY_SUPPLEMENT,
        dose=f"about {round(estimate.supplement_ug_per_day):g} µg a day on average",
        route=Route.ORAL,
    )
    return person.model_copy(update={"medications": [*person.medications, taken]})


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
    # An empty diary measures nothing (not an error); undated supplements alone count as a usual
    # day, and the verdict says that food was not recorded.
    return intake_for_person(person, diary, store=food_store) if diary.rows else None


def measured_intake(
    person: Person, person_path: Path | None = None, food_store: Path | None = None
) -> FoodRecord | None:
    """What the person's food diary measured per day, if any (see :func:`diary_intake`)."""
    result = diary_intake(person, person_path, food_store)
    return None if result is None else food_record(result)


def _protein_g_per_day(result: IntakeResult) -> tuple[float | None, int]:
    """Protein per diary day from the foods with a value (USDA SR28, the menu planner's table),
    and the number of rows without one."""
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


def food_record(result: IntakeResult) -> FoodRecord:
    """What the diary measured per day: B12 as the verdict and the plan read it (the estimate
    `b12 intake` reads), and protein; the assessment compares it with the person's targets."""
    protein, missing = _protein_g_per_day(result)
    return FoodRecord(b12=result.estimate, protein_g_per_day=protein, rows_without_protein=missing)


@dataclass(frozen=True)
class AssessedInput:
    """An assessment and the input it came from (format, import notes)."""

    assessment: Assessment
    input: LoadedInput


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
    intake = None if result is None else food_record(result)
    return AssessedInput(assess_person(loaded.person, criteria, intake), loaded)


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
