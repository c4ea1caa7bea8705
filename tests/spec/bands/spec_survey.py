"""Survey presentation cut-offs: the age bands of ``--by age_band`` (b12's choice; the lower edge is
inclusive), the NCHS 2017 standard for proportions (Parker 2017: effective n < 30, CI width
<= 0.05 and >= 0.30, relative width > 130 %, df < 8) and b12's small cells (1-10 persons).
"""

from __future__ import annotations

from tests.spec.bands.harness import Spec, of_value, steps

from b12.core.survey import standards

SPECS = [
    Spec(
        "age_band column",
        standards.AGE_BANDS,
        ("age", "expected"),
        (
            (0.0, "0-19"),
            *steps(
                "0-19",
                (20.0, "20-39"),
                (40.0, "40-59"),
                (60.0, "60-69"),
                (70.0, "70-79"),
                (80.0, "80+"),
            ),
        ),
        output="age_band",
        person=of_value(standards.age_band),
    ),
    Spec(
        "NCHS effective sample size below 30",
        standards.EFFECTIVE_N_BANDS,
        ("n_eff", "expected"),
        ((29.99, "too_few"), (30.0, standards.ENOUGH), (None, None)),
    ),
    Spec(
        "NCHS CI width: present up to 0.05, suppress from 0.30",
        standards.CI_WIDTH_BANDS,
        ("width", "expected"),
        (
            (0.05, standards.NARROW),
            (0.0501, "check_relative"),
            (0.2999, "check_relative"),
            (0.30, standards.WIDE),
            (None, None),
        ),
    ),
    Spec(
        "NCHS relative CI width above 130 %",
        standards.RELATIVE_CI_WIDTH_BANDS,
        ("relative_width", "expected"),
        ((1.30, "acceptable"), (1.3001, standards.WIDE), (None, None)),
    ),
    Spec(
        "NCHS degrees of freedom below 8",
        standards.DF_BANDS,
        ("df", "expected"),
        ((7.99, "too_few"), (8.0, standards.ENOUGH), (None, None)),
    ),
    Spec(
        "small cells of 1-10 persons",
        standards.CELL_COUNT_BANDS,
        ("count", "expected"),
        ((0.0, False), (1.0, True), (10.0, True), (11.0, False), (None, None)),
        label=standards.SMALL,
        person=of_value(lambda count: standards.small_count(int(count))),
    ),
]
