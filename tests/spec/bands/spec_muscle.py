"""Sarcopenia cut-offs: EWGSOP2 (Cruz-Jentoft 2019), AWGS 2019 (Chen 2020), FNIH (Studenski 2014),
SARC-F (Malmstrom 2013) and SARC-CalF with the AWGS 2019 calf cut-offs.

Each cut-off is tested just below, at and just above its edge (per sex where it is sex-specific);
the core column runs the criteria module's own per-person function, so it is the function that must
agree with the declaration the engines compile. "< 27 kg": 27 kg is not low; "<= 0.8 m/s": 0.8 is
low; "> 15 s": 15 s is not low; ">= 20 s": 20 s is low. No sex: no reading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.spec.bands.harness import PerPerson, Spec

from b12.core.bands import LOW
from b12.core.muscle import awgs2019, ewgsop2, fnih, sarc_f
from b12.core.muscle.measurements import AsmMethod, MuscleMeasurements
from b12.core.sex import Sex

Row = tuple[Any, ...]


def _edge(edge: float, low: tuple[bool, bool, bool], *fields: Any, step: float = 0.01) -> list[Row]:
    """Rows just below, at and just above ``edge`` with the expected flag for each."""
    values = (round(edge - step, 10), edge, round(edge + step, 10))
    return [(value, *fields, flag) for value, flag in zip(values, low, strict=True)]


def _sexed(
    values: tuple[float, float], low: tuple[bool, bool, bool], step: float = 0.01
) -> tuple[Row, ...]:
    """Rows around the men's and the women's edge, then no sex and no value."""
    men, women = values
    return (
        *_edge(men, low, "male", step=step),
        *_edge(women, low, "female", step=step),
        (men, None, None),
        (None, "male", None),
    )


def _unsexed(edge: float, low: tuple[bool, bool, bool], step: float = 0.01) -> tuple[Row, ...]:
    return (*_edge(edge, low, step=step), (None, None))


def _by_sex(function: Callable[[float, Sex], bool | None]) -> PerPerson:
    """A per-person function of a value and the row's sex: no value or no sex gives None."""

    def person(value: float | None, _unit: str, fields: dict[str, Any]) -> bool | None:
        sex = fields["sex"]
        return None if value is None or sex is None else function(value, Sex(sex))

    return person


def _of(function: Callable[[float], bool | None]) -> PerPerson:
    def person(value: float | None, _unit: str, _fields: dict[str, Any]) -> bool | None:
        return None if value is None else function(value)

    return person


def _m(**fields: Any) -> MuscleMeasurements:
    return MuscleMeasurements(**fields)


# The sex of a row that has none (a cut-off the same for both sexes).
ANY = Sex.FEMALE
LOW_BELOW = (True, False, False)  # "< x": x itself is not low
LOW_AT_OR_BELOW = (True, True, False)  # "<= x"
LOW_ABOVE = (False, False, True)  # "> x"
LOW_AT_OR_ABOVE = (False, True, True)  # ">= x"


def _sarc_f(total: int) -> sarc_f.SarcFItems:
    """Items adding up to ``total`` (each 0-2)."""
    points = [min(2, max(0, total - 2 * i)) for i in range(5)]
    return sarc_f.SarcFItems(
        strength=points[0],
        assistance_walking=points[1],
        rise_from_chair=points[2],
        climb_stairs=points[3],
        falls=points[4],
    )


def _sarc_calf_positive(total: float) -> bool | None:
    """SARC-CalF positive for a total: 10 of it from a low calf (20 cm) when it is 10 or more."""
    calf = 20.0 if total >= 10 else 40.0
    items = _sarc_f(int(total) - (10 if total >= 10 else 0))
    return sarc_f.case_finding(items, calf, Sex.MALE).sarc_calf_positive


EWGSOP2 = [
    Spec(
        "EWGSOP2 grip < 27 kg (men) / < 16 kg (women)",
        ewgsop2.GRIP_BANDS,
        ("grip_strength_kg", "sex", "expected"),
        _sexed((27.0, 16.0), LOW_BELOW),
        label=LOW,
        person=_by_sex(lambda v, sex: ewgsop2.low_strength(_m(grip_strength_kg=v), sex)),
    ),
    Spec(
        "EWGSOP2 five chair rises > 15 s",
        ewgsop2.CHAIR_STAND_BANDS,
        ("chair_stand_s", "expected"),
        _unsexed(15.0, LOW_ABOVE),
        label=LOW,
        person=_of(lambda v: ewgsop2.low_strength(_m(chair_stand_s=v), ANY)),
    ),
    Spec(
        "EWGSOP2 ASM < 20 kg (men) / < 15 kg (women)",
        ewgsop2.ASM_BANDS,
        ("asm_kg", "sex", "expected"),
        _sexed((20.0, 15.0), LOW_BELOW),
        label=LOW,
        person=_by_sex(lambda v, sex: ewgsop2.low_quantity(_m(asm_kg=v), sex)),
    ),
    Spec(
        "EWGSOP2 ASM/height² < 7.0 (men) / < 5.5 kg/m² (women)",
        ewgsop2.ASM_INDEX_BANDS,
        ("asm_index_kg_m2", "sex", "expected"),
        _sexed((7.0, 5.5), LOW_BELOW),
        label=LOW,
        # At 2 m the index is a quarter of the ASM, which stays above the absolute ASM cut-offs
        # (EWGSOP2's other low-quantity measure) for every value near these edges.
        person=_by_sex(lambda v, sex: ewgsop2.low_quantity(_m(asm_kg=v * 4, height_m=2.0), sex)),
    ),
    Spec(
        "EWGSOP2 gait speed <= 0.8 m/s",
        ewgsop2.GAIT_SPEED_BANDS,
        ("gait_speed_m_s", "expected"),
        _unsexed(0.8, LOW_AT_OR_BELOW),
        label=LOW,
        person=_of(lambda v: ewgsop2.low_performance(_m(gait_speed_m_s=v))),
    ),
    Spec(
        "EWGSOP2 SPPB <= 8 points",
        ewgsop2.SPPB_BANDS,
        ("sppb_score", "expected"),
        _unsexed(8, LOW_AT_OR_BELOW, step=1),
        label=LOW,
        person=_of(lambda v: ewgsop2.low_performance(_m(sppb_score=int(v)))),
    ),
    Spec(
        "EWGSOP2 TUG >= 20 s",
        ewgsop2.TUG_BANDS,
        ("tug_s", "expected"),
        _unsexed(20.0, LOW_AT_OR_ABOVE),
        label=LOW,
        person=_of(lambda v: ewgsop2.low_performance(_m(tug_s=v))),
    ),
    Spec(
        "EWGSOP2 400 m walk >= 6 min",
        ewgsop2.WALK_400M_BANDS,
        ("walk_400m_s", "expected"),
        _unsexed(360.0, LOW_AT_OR_ABOVE),
        label=LOW,
        person=_of(lambda v: ewgsop2.low_performance(_m(walk_400m_s=v))),
    ),
]


def _awgs(**fields: Any) -> Callable[[Sex], Any]:
    return lambda sex: awgs2019.assess(_m(**fields), sex)


def _awgs_mass(method: AsmMethod) -> PerPerson:
    return _by_sex(
        lambda v, sex: _awgs(asm_kg=v, height_m=1.0, asm_method=method)(sex).low_quantity
    )


AWGS2019 = [
    Spec(
        "AWGS 2019 handgrip < 28 kg (men) / < 18 kg (women)",
        awgs2019.GRIP_BANDS,
        ("grip_strength_kg", "sex", "expected"),
        _sexed((28.0, 18.0), LOW_BELOW),
        label=LOW,
        person=_by_sex(lambda v, sex: _awgs(grip_strength_kg=v)(sex).low_strength),
    ),
    Spec(
        "AWGS 2019 6 m gait speed < 1.0 m/s",
        awgs2019.GAIT_SPEED_BANDS,
        ("gait_speed_m_s", "expected"),
        _unsexed(1.0, LOW_BELOW),
        label=LOW,
        person=_of(lambda v: _awgs(gait_speed_m_s=v)(ANY).low_performance),
    ),
    Spec(
        "AWGS 2019 five chair stands >= 12 s",
        awgs2019.CHAIR_STAND_BANDS,
        ("chair_stand_s", "expected"),
        _unsexed(12.0, LOW_AT_OR_ABOVE),
        label=LOW,
        person=_of(lambda v: _awgs(chair_stand_s=v)(ANY).low_performance),
    ),
    Spec(
        "AWGS 2019 SPPB <= 9 points",
        awgs2019.SPPB_BANDS,
        ("sppb_score", "expected"),
        _unsexed(9, LOW_AT_OR_BELOW, step=1),
        label=LOW,
        person=_of(lambda v: _awgs(sppb_score=int(v))(ANY).low_performance),
    ),
    Spec(
        "AWGS 2019 ASM/height² by DXA < 7.0 (men) / < 5.4 kg/m² (women)",
        awgs2019.ASM_INDEX_DXA_BANDS,
        ("asm_index_kg_m2", "sex", "expected"),
        _sexed((7.0, 5.4), LOW_BELOW),
        label=LOW,
        person=_awgs_mass(AsmMethod.DXA),
    ),
    Spec(
        "AWGS 2019 ASM/height² by BIA < 7.0 (men) / < 5.7 kg/m² (women)",
        awgs2019.ASM_INDEX_BIA_BANDS,
        ("asm_index_kg_m2", "sex", "expected"),
        _sexed((7.0, 5.7), LOW_BELOW),
        label=LOW,
        person=_awgs_mass(AsmMethod.BIA),
    ),
]


def _fnih(**fields: Any) -> Callable[[Sex], Any]:
    return lambda sex: fnih.assess(_m(**fields), sex)


FNIH = [
    Spec(
        "FNIH weakness: grip < 26 kg (men) / < 16 kg (women)",
        fnih.GRIP_BANDS,
        ("grip_strength_kg", "sex", "expected"),
        _sexed((26.0, 16.0), LOW_BELOW),
        label=LOW,
        person=_by_sex(lambda v, sex: _fnih(grip_strength_kg=v)(sex).low_strength),
    ),
    Spec(
        "FNIH low lean mass: ALM/BMI < 0.789 (men) / < 0.512 (women)",
        fnih.ALM_BMI_BANDS,
        ("alm_bmi_m2", "sex", "expected"),
        _sexed((0.789, 0.512), LOW_BELOW, step=0.001),
        label=LOW,
        # BMI 32 kg/m² (weight 32 kg, height 1 m): ALM = 32 × the ratio, exactly.
        person=_by_sex(
            lambda v, sex: _fnih(asm_kg=v * 32, weight_kg=32.0, height_m=1.0)(sex).low_quantity
        ),
    ),
    Spec(
        "FNIH slowness: gait speed < 0.8 m/s",
        fnih.GAIT_SPEED_BANDS,
        ("gait_speed_m_s", "expected"),
        _unsexed(0.8, LOW_BELOW),
        label=LOW,
        person=_of(lambda v: _fnih(gait_speed_m_s=v)(ANY).low_performance),
    ),
]

CASE_FINDING = [
    Spec(
        "SARC-F total >= 4 points",
        sarc_f.SARC_F_BANDS,
        ("sarc_f", "expected"),
        _unsexed(4, LOW_AT_OR_ABOVE, step=1),
        label=sarc_f.POSITIVE,
        person=_of(lambda v: sarc_f.case_finding(_sarc_f(int(v)), None, ANY).sarc_f_positive),
    ),
    Spec(
        "AWGS 2019 calf circumference < 34 cm (men) / < 33 cm (women)",
        sarc_f.CALF_BANDS,
        ("calf_circumference_cm", "sex", "expected"),
        _sexed((34.0, 33.0), LOW_BELOW),
        label=LOW,
        person=_by_sex(lambda v, sex: sarc_f.case_finding(None, v, sex).calf_low),
    ),
    Spec(
        "SARC-CalF total >= 11 points",
        sarc_f.SARC_CALF_BANDS,
        ("sarc_calf", "expected"),
        _unsexed(11, LOW_AT_OR_ABOVE, step=1),
        label=sarc_f.POSITIVE,
        person=_of(_sarc_calf_positive),
    ),
    Spec(
        "SARC-F bands: labels",
        sarc_f.SARC_F_BANDS,
        ("sarc_f", "expected"),
        ((0, "negative"), (3, "negative"), (4, "positive"), (10, "positive"), (None, None)),
    ),
    Spec(
        "EWGSOP2 gait speed bands: labels",
        ewgsop2.GAIT_SPEED_BANDS,
        ("gait_speed_m_s", "expected"),
        ((0.8, "low"), (0.81, "not_low"), (None, None)),
    ),
]

SPECS = [*EWGSOP2, *AWGS2019, *FNIH, *CASE_FINDING]
