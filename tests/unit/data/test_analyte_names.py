"""Analyte names as people write them, and the errors for names b12 does not know (new-user
walk-through: "MMA" and "methylmalonic acid" were refused although units ignore case; a misspelt
antibody brought two follow-on errors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from b12.core.person import Antibody, Person
from b12.data.person_file import read_document
from b12.data.validation import validate
from b12.errors import DataFileError, InputError
from b12.units import Analyte


@pytest.mark.parametrize(
    ("written", "analyte"),
    [("MMA", Analyte.MMA), ("methylmalonic acid", Analyte.MMA), (" Vitamin B12 ", Analyte.B12),
     ("Homocysteine", Analyte.HCY), ("active-B12", Analyte.HOLOTC), ("HoloTC", Analyte.HOLOTC)],
)  # fmt: skip
def test_a_lab_name_in_any_case_or_its_full_name_is_read(written: str, analyte: Analyte) -> None:
    person = Person.model_validate(
        {"age": 70, "sex": "female", "labs": [{"analyte": written, "value": 100, "unit": "pmol/L"}]}
        if analyte in (Analyte.B12, Analyte.HOLOTC)
        else {"age": 70, "sex": "female", "labs": [{"analyte": written, "value": 10,
              "unit": "umol/L" if analyte is Analyte.HCY else "nmol/L"}]}
    )  # fmt: skip
    assert person.lab_results[0].analyte is analyte


def test_an_antibody_written_in_words_is_an_antibody_result() -> None:
    person = Person.model_validate(
        {"age": 70, "sex": "female",
         "labs": [{"analyte": "Intrinsic factor antibody", "value": "Positive"}]}
    )  # fmt: skip
    assert person.antibody_results[0].analyte is Antibody.INTRINSIC_FACTOR
    assert person.intrinsic_factor_antibody_positive


def test_a_misspelt_antibody_is_one_error_with_the_nearest_name() -> None:
    with pytest.raises(InputError) as caught:
        validate(
            Person,
            {"age": 70, "sex": "female",
             "labs": [{"analyte": "intrinsic_factor_antibodies", "value": "positive"}]},
        )  # fmt: skip
    text = str(caught.value)
    assert "did you mean 'intrinsic_factor_antibody'?" in text
    assert "got 'intrinsic_factor_antibodies'" in text
    assert "unit" not in text and "number" not in text  # no follow-on errors


def test_an_unknown_lab_name_lists_the_choices_and_is_not_guessed_when_far() -> None:
    with pytest.raises(InputError) as caught:
        validate(
            Person,
            {"age": 70, "sex": "female", "labs": [{"analyte": "vitamin d", "value": 50,
             "unit": "nmol/L"}]},
        )  # fmt: skip
    text = str(caught.value)
    assert "'b12'" in text and "'tsh'" in text and "got 'vitamin d'" in text
    assert "did you mean" not in text


def test_a_folder_is_named_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="a folder, not a person file"):
        read_document(tmp_path)


def test_yaml_in_a_txt_file_is_told_where_yaml_is_read(tmp_path: Path) -> None:
    person = tmp_path / "person.txt"
    person.write_text("age: 70\nsex: female\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"YAML is read from \.yaml or \.yml files"):
        read_document(person)


def test_a_text_where_a_number_or_a_date_belongs_is_echoed() -> None:
    """'72 years' and '20/11/2026' are shown back, with the ISO date when the day cannot be the
    month (new-user walk-through); '10/11/2026' could be either way round: no guess."""
    with pytest.raises(InputError) as caught:
        validate(
            Person,
            {"age": "72 years", "sex": "female", "labs": [
                {"analyte": "b12", "value": 200, "unit": "pg/mL", "date": "20/11/2026"},
                {"analyte": "b12", "value": 200, "unit": "pg/mL", "date": "10/11/2026"}]},
        )  # fmt: skip
    text = str(caught.value)
    assert "got '72 years'" in text
    assert "got '20/11/2026' (2026-11-20?)" in text
    assert "got '10/11/2026';" in text or text.endswith("got '10/11/2026'")
