"""Epidemiological bands: serum B12 (Allen 2009), MMA (Mayo 271 nmol/L), homocysteine (15; CDC 13).

Allen 2009: "< 148 pmol/L" deficient, "148-221 pmol/L" marginal (inclusive). The sources state no
pg/mL edge, so for a column in pg/mL the edge is converted (148 / 0.738 = 200.5 pg/mL), never the
column; MMA in nmol/L is compared with 0.271 µmol/L converted to 271 nmol/L.
"""

from __future__ import annotations

from tests.spec.bands.harness import Spec

from b12.core.status import epidemiology as epi


def _flags(
    values: tuple[float | None, ...], edge: float
) -> tuple[tuple[float | None, object], ...]:
    return tuple((v, None if v is None else v > edge) for v in values)


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
        person=lambda v, _u, _f: None if v is None else epi.serum_b12_band(v),
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
    Spec(
        "mma_elevated column",
        epi.MMA_BANDS,
        ("mma", "expected"),
        _flags((0.270, 0.271, 0.272, None), 0.271),
        label=epi.ELEVATED,
        output="mma_elevated",
        person=lambda v, _u, _f: None if v is None else epi.mma_elevated(v),
    ),
    Spec(
        "MMA in nmol/L (edge converted)",
        epi.MMA_BANDS,
        ("mma", "expected"),
        ((270.0, epi.NORMAL), (271.0, epi.NORMAL), (271.1, epi.ELEVATED), (None, None)),
        "nmol/L",
    ),
    Spec(
        "hcy_elevated column",
        epi.HCY_BANDS,
        ("hcy", "expected"),
        _flags((14.9, 15.0, 15.1, None), 15.0),
        label=epi.ELEVATED,
        output="hcy_elevated",
        person=lambda v, _u, _f: None if v is None else epi.hcy_elevated(v),
    ),
    Spec(
        "hcy_elevated_cdc column",
        epi.HCY_CDC_BANDS,
        ("hcy", "expected"),
        _flags((12.9, 13.0, 13.1, None), 13.0),
        label=epi.ELEVATED,
        output="hcy_elevated_cdc",
        person=lambda v, _u, _f: None if v is None else epi.hcy_elevated(v, cdc=True),
    ),
]
