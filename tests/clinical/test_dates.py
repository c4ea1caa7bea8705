"""b12.core.dates: a date is written as a date, never as a number (pydantic's lax mode read 0 as
1970-01-01)."""

from __future__ import annotations

import pydantic

from b12.core.person import Person


def test_a_date_written_as_a_number_is_refused_everywhere_a_person_file_has_one() -> None:
    base = {"age": 60, "sex": "female"}
    for field in (
        {"labs": [{"analyte": "b12", "value": 300, "unit": "pmol/L", "date": 0}]},
        {"assessed_on": 20261001},
        {"medications": [{"name": "metformin", "start_date": "300"}]},
        {"surgery": [{"procedure": "total_gastrectomy", "date": 0}]},
    ):
        try:
            Person.model_validate({**base, **field})
        except pydantic.ValidationError as exc:
            assert "YYYY-MM-DD" in str(exc)
        else:
            raise AssertionError(f"accepted {field}")
