"""The intake modules register every number they use, with an honest evidence level."""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import pytest

from b12.core import rules
from b12.core.diet import absorption, food, intake, requirements
from b12.core.rules import Evidence

MODULES = [absorption, food, intake, requirements]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_every_uppercase_number_is_a_registered_parameter(module: object) -> None:
    parameters = [r.parameters for r in rules.REGISTRY.values()]
    for name, value in vars(module).items():
        if not name.isupper() or isinstance(value, bool):
            continue
        values = list(value.values()) if isinstance(value, Mapping) else [value]
        for v in values:
            if isinstance(v, numbers.Real) and not isinstance(v, bool):
                assert any(v in p.values() for p in parameters), f"{module}.{name}"


def test_evidence_levels_are_honest() -> None:
    level = {rid: rules.get(rid).evidence for rid in rules.REGISTRY}
    assert level["absorption.crystalline-low-dose"] is Evidence.UNVERIFIED  # IOM Table 9-2 [R]
    assert level["absorption.malabsorption-no-if-route"] is Evidence.UNVERIFIED
    assert level["absorption.passive-diffusion"] is Evidence.SECONDARY  # [P]
    assert level["absorption.if-saturation"] is Evidence.VERIFIED  # IOM p.309 [V]
    assert level["requirements.iom-1998"] is Evidence.VERIFIED
    assert level["requirements.efsa-2015"] is Evidence.VERIFIED
    assert level["intake.algae-pseudo-b12"] is Evidence.VERIFIED
