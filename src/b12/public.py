"""The public Python API for one person: ``assess``, ``cb12``, ``intake``, ``menu``.

Re-exported from ``b12`` (``b12.assess(...)``), which is the documented, stable namespace; import
from there, never from here. Each function does what the matching ``b12`` command does and returns
the same typed result the command formats, so a notebook and the terminal never disagree.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from b12.core.assessment import Assessment
from b12.core.diet.energy import Activity
from b12.core.diet.intake import IntakeResult
from b12.core.muscle.model import Criteria
from b12.core.person import Person
from b12.core.status.cb12 import Cb12Result
from b12.data.diary import Diary, load_diary, parse_diary_data
from b12.data.foods import load_index
from b12.data.person_file import load_person, parse_person
from b12.errors import InputError, shown
from b12.extras import require
from b12.reports.intake import intake_document
from b12.reports.json_report import assessment_document, cb12_document
from b12.services.assess import assess_input, assess_person, cb12_from_quantities, measured_intake
from b12.services.inputs import parse_input
from b12.services.intake import intake_file, intake_for_person, intake_from_diary
from b12.services.menu.document import menu_document
from b12.services.menu.result import Menu
from b12.units import Analyte, to_canonical

PersonLike = Person | Mapping[str, Any] | str | os.PathLike[str]
DiaryLike = str | os.PathLike[str] | Sequence[Mapping[str, Any]] | Mapping[str, Any]
Marker = float | str | None


def _criteria(criteria: Criteria | str) -> Criteria:
    try:
        return Criteria(str(criteria).lower())
    except ValueError:
        allowed = ", ".join(c.value for c in Criteria)
        raise InputError(
            f"unknown criteria {shown(str(criteria))}; allowed: {allowed}", field="criteria"
        ) from None


def _is_path(value: object) -> bool:
    return isinstance(value, str | os.PathLike)


def _data(person: object) -> dict[str, Any]:
    """A person given as data: a mapping, or an InputError naming what was given instead."""
    if not isinstance(person, Mapping):
        raise InputError(
            f"expected a dict, a file path or a b12.Person; got {type(person).__name__}",
            field="person",
        )
    return dict(person)


def read_person(person: PersonLike) -> Person:
    """A validated ``Person`` from a dict (the person-file layout), a file path, or a Person.

    Lab values keep the units the lab printed; a bad field raises ``b12.InputError`` naming
    it. FHIR Bundles are read by ``assess`` only.

    Examples
    --------
    >>> import b12
    >>> b12.read_person({"age": 74, "sex": "female"}).age
    74.0
    """
    if isinstance(person, Person):
        return person
    if _is_path(person):
        return load_person(Path(person))  # type: ignore[arg-type]
    return parse_person(_data(person))


def assess(person: PersonLike, *, criteria: Criteria | str = Criteria.EWGSOP2) -> Assessment:
    """Assess one person: B12 status (the one judgment), screening, muscle health and the plan.

    Parameters
    ----------
    person
        A dict in the person-file layout (``b12 schema``), the path of a person file (JSON or
        YAML) or of a FHIR R4 Bundle, or a ``Person``. A food diary the person carries feeds
        the plan (a diary given as a file name is read relative to the person file, so a dict
        must carry its diary inline).
    criteria
        Sarcopenia criteria: ``"ewgsop2"`` (default), ``"awgs2019"`` or ``"fnih"``.

    Returns
    -------
    Assessment
        The same result as ``b12 assess``; ``as_json`` gives its ``--json`` document.

    Examples
    --------
    >>> import b12
    >>> result = b12.assess({"age": 74, "sex": "female",
    ...                      "labs": [{"analyte": "b12", "value": 150, "unit": "pg/mL"}]})
    >>> result.status.judgment.level.value
    'deficiency_likely'
    """
    chosen = _criteria(criteria)
    if isinstance(person, Person):
        return assess_person(person, chosen, measured_intake(person))
    if _is_path(person):
        return assess_input(Path(person), criteria=chosen).assessment  # type: ignore[arg-type]
    loaded = parse_input(_data(person))
    return assess_person(loaded.person, chosen, measured_intake(loaded.person))


def _marker(analyte: Analyte, value: Marker) -> str | None:
    """A marker as text for the quantity parser; a bare number is checked in the canonical unit."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError("expected a number or text such as '250 pg/mL'", field=analyte.value)
    return repr(float(to_canonical(analyte, float(value))))


def cb12(
    *,
    age: float,
    b12: Marker = None,
    holotc: Marker = None,
    mma: Marker = None,
    hcy: Marker = None,
) -> Cb12Result:
    """The combined indicator cB12 (Fedosov 2015) from the four markers and age, as ``b12 cb12``.

    Each marker is a number in the canonical unit (B12 and holoTC pmol/L, MMA and homocysteine
    µmol/L) or text with the unit the lab printed (``"406 pg/mL"``, ``"200 nmol/L"``). cB12 needs
    all four markers; with fewer, ``cb12`` is None and ``reason`` says which are missing.

    Examples
    --------
    >>> import b12
    >>> r = b12.cb12(b12="406 pg/mL", holotc=60, mma="200 nmol/L", hcy=10, age=60)
    >>> round(r.cb12, 2), r.category.value
    (0.28, 'adequate')
    >>> b12.cb12(b12=300, age=60).reason
    'cB12 needs all four markers (b12, holotc, mma, hcy); missing: holotc, mma, hcy'
    """
    markers = {Analyte.B12: b12, Analyte.HOLOTC: holotc, Analyte.MMA: mma, Analyte.HCY: hcy}
    return cb12_from_quantities({a: _marker(a, v) for a, v in markers.items()}, age)


def _diary(diary: DiaryLike) -> Diary:
    if _is_path(diary):
        return load_diary(Path(diary))  # type: ignore[arg-type]
    return parse_diary_data(diary, "diary")


def intake(
    diary: DiaryLike,
    *,
    person: PersonLike | None = None,
    age: float | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    malabsorption: bool = False,
    food_store: str | os.PathLike[str] | None = None,
) -> IntakeResult:
    """Daily B12 intake from a food diary, with absorption and the reference intake, as ``b12 intake``.

    Parameters
    ----------
    diary
        A diary file (CSV, JSON, YAML or a Cronometer servings export) or its entries: a list of
        ``{"date", "meal", "food", "amount"}`` dicts (docs/intake.md).
    person
        Takes age, pregnancy, breastfeeding and malabsorption from a person (dict, path or
        ``Person``) instead of the keyword arguments.
    age, pregnant, lactating, malabsorption
        The life stage (the reference intake) and whether the intrinsic-factor route is lost.
    food_store
        A food store imported with ``b12 foods import``; default: the bundled table.

    Examples
    --------
    >>> import b12
    >>> milk = "Milk, whole, 3.25% milkfat, with added vitamin D"
    >>> day = [{"date": "2026-01-05", "meal": "breakfast", "food": milk, "amount": "1 cup"}]
    >>> result = b12.intake(day, age=60)
    >>> round(result.summary.mean_total_ug, 2), result.summary.reference.rda_ug_per_day
    (1.1, 2.4)
    """
    store = Path(food_store) if food_store is not None else None
    if person is not None:
        return intake_for_person(read_person(person), _diary(diary), store)
    if _is_path(diary):
        return intake_file(
            Path(diary),  # type: ignore[arg-type]
            store=store, age_years=age, pregnant=pregnant, lactating=lactating,
            malabsorption=malabsorption,
        )  # fmt: skip
    return intake_from_diary(
        _diary(diary), load_index(store), age_years=age, pregnant=pregnant,
        lactating=lactating, malabsorption=malabsorption,
    )  # fmt: skip


def menu(
    person: PersonLike,
    *,
    days: int = 7,
    diary: DiaryLike | None = None,
    exclude: Sequence[str] = (),
    activity: Activity | str = Activity.SEDENTARY,
    food_store: str | os.PathLike[str] | None = None,
    candidates_per_slot: int | None = 40,
) -> Menu:
    """A day-by-day menu that meets the person's targets close to their diary, as ``b12 menu``.

    Needs the ``menu`` extra (``pip install 'b12[menu]'``: SciPy's HiGHS solver). The targets are
    the plan's own (absorbed B12, protein with kidney history, energy); docs/menu.md.

    Parameters
    ----------
    person
        A person (dict, path to a person file, or ``Person``).
    days
        Number of days, 1 to 7.
    diary
        A diary file or its entries (as :func:`intake`); default: the person's own diary.
    exclude
        Allergens (``milk``, ``egg``, ``peanut``, ...) or words of food names never to plan with.
    activity
        ``sedentary``, ``light``, ``moderate`` or ``active``, for the energy estimate.
    food_store
        A food store imported with ``b12 foods import``; default: the bundled table.
    candidates_per_slot
        At most this many candidate foods per meal (None: every allowed food).

    Examples
    --------
    >>> import b12
    >>> week = b12.menu({"age": 70, "sex": "female", "diet": "vegan"}, days=2)
    >>> week.feasible, len(week.days)
    (True, 2)
    """
    require("menu")
    from b12.services.menu.service import plan_menu  # loads SciPy only when asked

    try:
        level = Activity(activity)
    except ValueError:
        allowed = ", ".join(a.value for a in Activity)
        raise InputError(
            f"activity {activity!r} is not one of: {allowed}", field="activity"
        ) from None
    return plan_menu(
        read_person(person),
        days=days,
        diary=None if diary is None else _diary(diary),
        store=None if food_store is None else Path(food_store),
        exclude=exclude,
        activity=level,
        candidates_per_slot=candidates_per_slot,
    )


def as_json(result: Assessment | Cb12Result | IntakeResult | Menu) -> dict[str, Any]:
    """The JSON document of a result, exactly as ``b12 assess|cb12|intake|menu --json`` prints it.

    Examples
    --------
    >>> import b12
    >>> sorted(b12.as_json(b12.cb12(b12=300, age=60)))[:3]
    ['category', 'cb12', 'markers_missing']
    """
    if isinstance(result, Assessment):
        return assessment_document(result)
    if isinstance(result, Cb12Result):
        return cb12_document(result)
    if isinstance(result, IntakeResult):
        return intake_document(result)
    if isinstance(result, Menu):
        return menu_document(result, protein_soft=True)
    raise InputError(
        f"expected an assessment, cB12, intake or menu result; got {type(result).__name__}"
    )


__all__ = ["as_json", "assess", "cb12", "intake", "menu", "read_person"]
