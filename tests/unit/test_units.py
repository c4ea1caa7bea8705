"""Unit registry: accepted spellings, conversions, and the errors for unknown or implausible units."""

from __future__ import annotations

import pytest

from b12.errors import InputError, UnitError
from b12.units import Analyte, accepted_units, from_canonical, parse_quantity, to_canonical


@pytest.mark.parametrize(
    ("analyte", "value", "unit", "expected"),
    [
        (Analyte.B12, 300, "pg/mL", 221.4),  # NHANES: pg/mL × 0.738
        (Analyte.B12, 300, "ng/L", 221.4),
        (Analyte.B12, 300, "pg/ml", 221.4),
        (Analyte.B12, 221.4, "pmol/L", 221.4),
        (Analyte.MMA, 250, "nmol/L", 0.25),
        (Analyte.MMA, 0.25, "umol/L", 0.25),
        (Analyte.MMA, 0.25, "µmol/L", 0.25),  # micro sign U+00B5
        (Analyte.MMA, 0.25, "μmol/L", 0.25),  # Greek mu U+03BC
        (Analyte.MMA, 0.25, "micromol/l", 0.25),
        (Analyte.HCY, 12, "umol/L", 12),
        (Analyte.FOLATE, 10, "ng/mL", 22.66),  # × 2.266
        (Analyte.FOLATE, 10, "ug/L", 22.66),
        (Analyte.HEMOGLOBIN, 13.5, "g/dL", 135),
        (Analyte.CREATININE, 1.0, "mg/dL", 88.4),
        (Analyte.EGFR, 75, "mL/min/{1.73_m2}", 75),
        (Analyte.EGFR, 75, "mL/min/1.73 m²", 75),
    ],
)
def test_conversion_to_canonical(
    analyte: Analyte, value: float, unit: str, expected: float
) -> None:
    assert to_canonical(analyte, value, unit) == pytest.approx(expected)


def test_unknown_unit_names_analyte_value_and_accepted_units() -> None:
    with pytest.raises(UnitError) as info:
        to_canonical(Analyte.MMA, 0.3, "mg/dL")
    message = str(info.value)
    assert "'mg/dL'" in message and "mma" in message
    assert "µmol/L" in message and "nmol/L" in message


def test_unit_error_is_also_a_value_error_and_input_error() -> None:
    assert issubclass(UnitError, ValueError) and issubclass(UnitError, InputError)


def test_mma_in_wrong_micro_unit_names_the_likely_mixup() -> None:
    with pytest.raises(UnitError, match=r"250 µmol/L is implausible.*was it 250 nmol/L\?"):
        to_canonical(Analyte.MMA, 250, "µmol/L")


def test_mma_in_wrong_nano_unit_names_the_likely_mixup() -> None:
    with pytest.raises(UnitError, match=r"was it 0.25 µmol/L\?"):
        to_canonical(Analyte.MMA, 0.25, "nmol/L")


def test_haemoglobin_g_per_dl_typed_as_g_per_l_is_caught() -> None:
    with pytest.raises(UnitError, match=r"was it 13.5 g/dL\?"):
        to_canonical(Analyte.HEMOGLOBIN, 13.5, "g/L")


def test_creatinine_mg_per_dl_typed_as_umol_is_caught() -> None:
    with pytest.raises(UnitError, match=r"was it 0.9 mg/dL\?"):
        to_canonical(Analyte.CREATININE, 0.9, "umol/L")


def test_implausible_value_without_alternative_says_so_plainly() -> None:
    with pytest.raises(UnitError) as info:
        to_canonical(Analyte.B12, 900_000, "pmol/L")
    assert "implausible" in str(info.value) and "was it" not in str(info.value)


@pytest.mark.parametrize("value", [0.0, -5.0, float("nan"), float("inf")])
def test_non_positive_or_non_finite_values_are_refused(value: float) -> None:
    with pytest.raises(UnitError, match="positive number"):
        to_canonical(Analyte.B12, value, "pmol/L")


def test_a_censored_result_is_named_as_printed_in_the_error() -> None:
    from b12.core.person import LabResult

    with pytest.raises(ValueError, match="b12 value <0 pmol/L must be a positive number"):
        LabResult.model_validate({"analyte": "b12", "value": "<0", "unit": "pmol/L"})


def test_from_canonical_inverts_to_canonical() -> None:
    assert from_canonical(Analyte.B12, 221.4, "pg/mL") == pytest.approx(300)


def test_accepted_units_lists_display_forms() -> None:
    assert accepted_units(Analyte.B12) == ["pmol/L", "pg/mL"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250 pg/mL", (250.0, "pg/mL")),
        ("250", (250.0, None)),
        (" 0.3umol/L ", (0.3, "umol/L")),
        ("1e2 nmol/L", (100.0, "nmol/L")),
    ],
)
def test_parse_quantity(text: str, expected: tuple[float, str | None]) -> None:
    assert parse_quantity(text) == expected


def test_parse_quantity_rejects_text_without_number() -> None:
    with pytest.raises(UnitError, match="expected a number"):
        parse_quantity("low")


def test_an_unknown_unit_error_names_the_same_amount_s_other_spelling() -> None:
    """ng/L is accepted for serum B12 (= pg/mL): the error must not read as if it were refused
    (new-user walk-through)."""
    with pytest.raises(UnitError, match=r"accepted: pmol/L, pg/mL \(= ng/L\)$"):
        to_canonical(Analyte.B12, 200, "pg/dL")
    assert to_canonical(Analyte.B12, 200, "ng/L") == to_canonical(Analyte.B12, 200, "pg/mL")
