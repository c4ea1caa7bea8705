"""Kidney function and blood count: the markers that change how B12 results read.

Entry points: :func:`egfr` (CKD-EPI 2021), :func:`gfr_category` (KDIGO 2012), :func:`anaemia` and
:func:`macrocytosis` (WHO 2011, MCV > 100 fL).

Modules, one per instrument: :mod:`.ckd_epi_2021`, :mod:`.kdigo_gfr`, :mod:`.blood_count`.
"""

from typing import TYPE_CHECKING

from b12.core.entry import lazy_entry_points

if TYPE_CHECKING:
    from b12.core.kidney_blood.blood_count import anaemia, macrocytosis
    from b12.core.kidney_blood.ckd_epi_2021 import egfr
    from b12.core.kidney_blood.kdigo_gfr import gfr_category

__all__ = ["anaemia", "egfr", "gfr_category", "macrocytosis"]
__getattr__ = lazy_entry_points(
    __name__,
    {
        "blood_count": ["anaemia", "macrocytosis"],
        "ckd_epi_2021": ["egfr"],
        "kdigo_gfr": ["gfr_category"],
    },
)
