"""Epidemiological bands: serum B12 (Allen 2009), MMA (Mayo 271 nmol/L), homocysteine (15; CDC 13).

Allen 2009: "< 148 pmol/L" deficient, "148-221 pmol/L" marginal (inclusive). The sources state no
pg/mL edge, so for a column in pg/mL the edge is converted (148 / 0.738 = 200.5 pg/mL), never the
column; MMA in nmol/L is compared with 0.271 µmol/L converted to 271 nmol/L.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.spec.bands.harness import Spec, of_value

from b12.core.bands import Bands
from b12.core.status import epidemiology as epi


def _elevated_column(
    output: str,
    bands: Bands,
    values: tuple[float | None, ...],
    edge: float,
    function: Callable[[float], bool],
) -> Spec:
    """The ``output`` column: elevated above ``edge`` (canonical unit), read from its marker."""
    marker = output.split("_")[0]
    rows = tuple((v, None if v is None else v > edge) for v in values)
    return Spec(
        f"{output} column",
        bands,
        (marker, "expected"),
        rows,
        label=epi.ELEVATED,
        output=output,
        person=of_value(function),
    )


SPECS = [
    Spec(
        "b12_band column",
        epi.SERUM_B12_BANDS,
        ("b12", "expected"),
        (
            (147.9, "deficient"),
            (148.0, "marginal"),
            (148.1, "marginal"),
            (220.9, "marginal"),
            (221.0, "marginal"),
            (221.1, "adequate"),
            (None, None),
        ),
        output="b12_band",
        person=of_value(epi.serum_b12_band),
    ),
    Spec(
        "serum B12 bands in pg/mL (edges converted)",
        epi.SERUM_B12_BANDS,
        ("b12", "expected"),
        ((200.5, "deficient"), (200.6, "marginal"), (299.4, "marginal"), (299.5, "adequate")),
        "pg/mL",
    ),
    Spec(
        "b12_deficient indicator",
        epi.SERUM_B12_BANDS,
        ("b12", "expected"),
        ((147.9, True), (148.0, False), (221.1, False), (None, None)),
        label="deficient",
        output="b12_deficient",
    ),
    Spec(
        "b12_marginal indicator",
        epi.SERUM_B12_BANDS,
        ("b12", "expected"),
        ((147.9, False), (148.0, True), (221.0, True), (221.1, False), (None, None)),
        label="marginal",
        output="b12_marginal",
    ),
    _elevated_column(
        "mma_elevated", epi.MMA_BANDS, (0.270, 0.271, 0.272, None), 0.271, epi.mma_elevated
    ),
    Spec(
        "MMA in nmol/L (edge converted)",
        epi.MMA_BANDS,
        ("mma", "expected"),
        ((270.0, epi.NORMAL), (271.0, epi.NORMAL), (271.1, epi.ELEVATED), (None, None)),
        "nmol/L",
    ),
    _elevated_column(
        "hcy_elevated", epi.HCY_BANDS, (14.9, 15.0, 15.1, None), 15.0, epi.hcy_elevated
    ),
    _elevated_column(
        "hcy_elevated_cdc",
        epi.HCY_CDC_BANDS,
        (12.9, 13.0, 13.1, None),
        13.0,
        lambda v: epi.hcy_elevated(v, cdc=True),
    ),
]
