"""Single-marker cut-offs of :mod:`b12.core.status.markers` against their sources.

- Valente et al., holoTC (evidence.md §2.6, [V]): ">30 pmol/L no deficiency; 20–30 indeterminate;
  <20 deficiency".
- Practical Neurology nitrous-oxide review, laboratory table (evidence.md §2.6, [V]): "an MMA above
  0.75 µmol/L is highly suggestive".
- Harrington DJ, J Clin Pathol 2017 (evidence.md §2.6, [V]): "A homocysteine concentration >20 µmol/L
  may suggest B12 deficiency in folate-replete patients".
- WHO VMNIS 2012 and Pfeiffer et al. Am J Clin Nutr 2016 (``b12.core.sources.WHO_FOLATE_2012``):
  "serum folate < 10 nmol/L: possible deficiency by rising homocysteine". This number is not quoted
  in evidence.md; it comes from the module docstring and the source record.
- BSH 2014 (Devalia et al., evidence.md §2.3 recommendation 3, [V]): "Definitive cut-off points ... are
  not possible ... local reference ranges should be established".

Units: holoTC pmol/L; MMA and homocysteine µmol/L; folate nmol/L (the canonical units).
"""

from __future__ import annotations

import pytest

from b12.core import rules
from b12.core.person import LabResult
from b12.core.status import markers
from b12.units import Analyte

EPS = 1e-9


@pytest.mark.parametrize(
    ("rule_id", "parameters"),
    [
        (
            "holotc.valente",
            {"HOLOTC_DEFICIENT_BELOW_PMOL_L": 20.0, "HOLOTC_NO_DEFICIENCY_ABOVE_PMOL_L": 30.0},
        ),
        ("mma.highly-suggestive", {"MMA_HIGHLY_SUGGESTIVE_ABOVE_UMOL_L": 0.75}),
        ("hcy.harrington2017.20", {"HCY_SUGGESTS_B12_DEFICIENCY_ABOVE_UMOL_L": 20.0}),
        ("folate.who2012.low", {"FOLATE_LOW_BELOW_NMOL_L": 10.0}),
        ("bsh2014.local-reference-range", {}),
    ],
)
def test_registered_parameters_are_the_published_numbers(
    rule_id: str, parameters: dict[str, float]
) -> None:
    rule = rules.get(rule_id)
    assert rule.module == "b12.core.status.markers"
    assert dict(rule.parameters) == parameters


def test_module_constants_are_the_published_numbers_in_canonical_units() -> None:
    assert markers.HOLOTC_DEFICIENT_BELOW_PMOL_L == 20.0  # pmol/L
    assert markers.HOLOTC_NO_DEFICIENCY_ABOVE_PMOL_L == 30.0  # pmol/L
    assert markers.MMA_HIGHLY_SUGGESTIVE_ABOVE_UMOL_L == 0.75  # µmol/L
    assert markers.HCY_SUGGESTS_B12_DEFICIENCY_ABOVE_UMOL_L == 20.0  # µmol/L
    assert markers.FOLATE_LOW_BELOW_NMOL_L == 10.0  # nmol/L


# Moved from test_epidemiology_and_markers.py (Valente: "<20 deficiency", "20–30 indeterminate").
@pytest.mark.parametrize(
    ("value", "reading"),
    [
        (20 - EPS, "deficiency"),
        (20, "indeterminate"),
        (20 + EPS, "indeterminate"),
        (30 - EPS, "indeterminate"),
        (30, "indeterminate"),
        (30 + EPS, "no_deficiency"),
    ],
)
def test_holotc_against_valente(value: float, reading: str) -> None:
    assert markers.holotc_valente(value) == reading


# Moved from test_epidemiology_and_markers.py (WHO 2012: "< 10 nmol/L").
@pytest.mark.parametrize(("value", "low"), [(10 - EPS, True), (10, False), (10 + EPS, False)])
def test_folate_low_below_10_nmol_per_l_who_2012(value: float, low: bool) -> None:
    assert markers.folate_low(value) is low


def categories(values: dict[Analyte, float]) -> dict[Analyte, str]:
    return {r.analyte: r.category for r in markers.readings(values)}


@pytest.mark.parametrize(
    ("mma", "highly_suggestive"), [(0.75 - EPS, False), (0.75, False), (0.75 + EPS, True)]
)
def test_mma_above_0_75_umol_per_l_is_highly_suggestive_practical_neurology(
    mma: float, highly_suggestive: bool
) -> None:
    read = [r for r in markers.readings({Analyte.MMA: mma}) if r.analyte is Analyte.MMA]
    assert bool(read) is highly_suggestive
    if highly_suggestive:
        assert (read[0].category, read[0].rule) == ("highly_suggestive", "mma.highly-suggestive")
        assert read[0].unit == "µmol/L"


@pytest.mark.parametrize(("hcy", "raised"), [(20 - EPS, False), (20, False), (20 + EPS, True)])
def test_homocysteine_above_20_umol_per_l_with_replete_folate_harrington_2017(
    hcy: float, raised: bool
) -> None:
    read = categories({Analyte.HCY: hcy, Analyte.FOLATE: 20.0})
    assert read.get(Analyte.HCY) == ("suggests_b12_deficiency" if raised else None)


@pytest.mark.parametrize(
    ("folate", "category"),
    [
        (None, "raised_folate_unknown_or_low"),
        (10 - EPS, "raised_folate_unknown_or_low"),
        (10, "suggests_b12_deficiency"),
        (10 + EPS, "suggests_b12_deficiency"),
    ],
)
def test_raised_homocysteine_singles_out_b12_only_when_folate_replete(
    folate: float | None, category: str
) -> None:
    # Harrington 2017: "in folate-replete patients"; replete means not below WHO's 10 nmol/L.
    values = {Analyte.HCY: 25.0}
    if folate is not None:
        values[Analyte.FOLATE] = folate
    read = categories(values)
    assert read[Analyte.HCY] == category
    if folate is not None:
        assert read[Analyte.FOLATE] == ("low" if folate < 10 else "adequate")


def test_holotc_reading_cites_valente() -> None:
    (read,) = markers.readings({Analyte.HOLOTC: 25.0})
    assert (read.category, read.rule, read.unit) == ("indeterminate", "holotc.valente", "pmol/L")


def lab(value: float, low: float | None, high: float | None) -> LabResult:
    return LabResult.model_validate(
        {
            "analyte": "b12",
            "value": value,
            "unit": "ng/L",
            "reference_range": {"low": low, "high": high},
        }
    )


@pytest.mark.parametrize(
    ("value", "category"),
    [
        (197 - EPS, "below_range"),
        (197, "within_range"),
        (771, "within_range"),
        (771 + EPS, "above_range"),
    ],
)
def test_lab_reference_range_is_read_in_the_printed_unit_bsh_2014(
    value: float, category: str
) -> None:
    # BSH 2014: local reference ranges; the lab's printed limits are inclusive.
    (read,) = markers.lab_range_readings([lab(value, 197, 771)])
    assert (read.category, read.rule) == (category, "bsh2014.local-reference-range")


def test_lab_without_a_reference_range_gives_no_reading() -> None:
    assert markers.lab_range_readings([lab(300, None, None)]) == []


def test_lab_range_reading_keeps_the_result_as_printed() -> None:
    # Shown beside the NG239 reading: "1500 pmol/L", never a rounded "1.5e+03".
    (read,) = markers.lab_range_readings([lab(1500, 197, 771)])
    assert read.printed is not None and read.printed.startswith("1500 ")
