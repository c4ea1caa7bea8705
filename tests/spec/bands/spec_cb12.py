"""cB12 categories (Nutristasis 2015): a value exactly on a cut-point takes the worse category."""

from __future__ import annotations

from tests.spec.bands.harness import Spec, of_value

from b12.core.status import cb12

SPECS = [
    Spec(
        "cB12 categories at every cut-point",
        cb12.CATEGORY_BANDS,
        ("cb12", "expected"),
        (
            (-2.51, "probably_deficient"),
            (-2.5, "probably_deficient"),
            (-2.49, "possibly_deficient"),
            (-1.5, "possibly_deficient"),
            (-1.49, "low"),
            (-0.5, "low"),
            (-0.49, "adequate"),
            (1.5, "adequate"),
            (1.51, "elevated"),
            (None, None),
        ),
        person=of_value(lambda v: cb12.categorize(v).value),
    ),
    Spec(
        "cb12_low membership",
        cb12.CATEGORY_BANDS,
        ("cb12", "expected"),
        ((-1.5, False), (-1.49, True), (-0.5, True), (-0.49, False), (None, None)),
        label="low",
    ),
]
