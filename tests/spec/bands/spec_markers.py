"""Single-marker cut-offs beside NG239: holoTC (Valente 20/30 pmol/L), MMA > 0.75 µmol/L (highly
suggestive), homocysteine > 20 µmol/L (Harrington 2017), serum folate < 10 nmol/L (WHO 2012).

Valente: "< 20" deficiency, "20-30" indeterminate (both edges inclusive), "> 30" no deficiency.
An MMA in nmol/L is compared with 0.75 µmol/L converted to 750 nmol/L, never the column.
"""

from __future__ import annotations

from tests.spec.bands.harness import Spec, of_value

from b12.core.status import markers

SPECS = [
    Spec(
        "holoTC Valente bands",
        markers.HOLOTC_VALENTE_BANDS,
        ("holotc", "expected"),
        (
            (19.9, "deficiency"),
            (20.0, "indeterminate"),
            (20.1, "indeterminate"),
            (29.9, "indeterminate"),
            (30.0, "indeterminate"),
            (30.1, "no_deficiency"),
            (None, None),
        ),
        person=of_value(markers.holotc_valente),
    ),
    Spec(
        "MMA highly suggestive",
        markers.MMA_HIGHLY_SUGGESTIVE_BANDS,
        ("mma", "expected"),
        ((0.74, False), (0.75, False), (0.76, True), (None, None)),
        label=markers.HIGHLY_SUGGESTIVE,
        person=of_value(markers.mma_highly_suggestive),
    ),
    Spec(
        "MMA highly suggestive in nmol/L (edge converted)",
        markers.MMA_HIGHLY_SUGGESTIVE_BANDS,
        ("mma", "expected"),
        ((749.9, False), (750.0, False), (750.1, True), (None, None)),
        "nmol/L",
        label=markers.HIGHLY_SUGGESTIVE,
    ),
    Spec(
        "homocysteine suggests B12 deficiency (Harrington 2017)",
        markers.HCY_HARRINGTON_BANDS,
        ("hcy", "expected"),
        ((19.9, False), (20.0, False), (20.1, True), (None, None)),
        label=markers.SUGGESTS_B12,
        person=of_value(markers.hcy_suggests_b12),
    ),
    Spec(
        "serum folate low (WHO 2012)",
        markers.FOLATE_BANDS,
        ("folate", "expected"),
        ((9.9, True), (10.0, False), (10.1, False), (None, None)),
        label=markers.LOW,
        person=of_value(markers.folate_low),
    ),
]
