"""Every rule is cited with an evidence level, and every number in the core is a registered rule."""

from __future__ import annotations

import importlib
import numbers
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest

from b12.core import catalog, rules
from b12.core.rules import Evidence

LEGACY_IDS = Path(__file__).with_name("legacy_rule_ids.txt")


def core_modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in catalog.core_modules()]


def test_the_catalog_walks_the_domain_packages() -> None:
    names = set(catalog.core_modules())
    assert {"b12.core.status.nice_ng239", "b12.core.status.judgment.rules"} <= names
    assert {"b12.core.muscle.ewgsop2", "b12.core.plan.treatment", "b12.core.rules"} <= names


def test_every_rule_records_the_module_that_declares_it() -> None:
    core_modules()
    for rule in rules.REGISTRY.values():
        assert rule.module in set(catalog.core_modules()), rule.id
        source = Path(importlib.import_module(rule.module).__file__ or "").read_text()
        # Unit and plausibility rules are generated from b12.units inside b12.core.rules.
        assert rule.id in source or rule.module == "b12.core.rules", (rule.id, rule.module)
        assert rule.path.endswith(rule.module.replace(".", "/") + ".py")


def test_new_rule_ids_start_with_their_module_path() -> None:
    # Ids are stored with every assessment: the old ones stay valid and the list can only shrink.
    core_modules()
    legacy = {
        line for line in LEGACY_IDS.read_text().splitlines() if line and not line.startswith("#")
    }
    assert legacy <= set(rules.REGISTRY), f"stored rule ids lost: {legacy - set(rules.REGISTRY)}"
    for rule in rules.REGISTRY.values():
        prefix = rule.module.removeprefix("b12.core.") + "."
        assert rule.id in legacy or rule.id.startswith(prefix), (
            f"new rule {rule.id!r} must start with {prefix!r} (the module that declares it)"
        )


def test_every_rule_has_a_source_and_an_evidence_level() -> None:
    core_modules()  # registration happens on import
    assert len(rules.REGISTRY) > 20
    for rule in rules.REGISTRY.values():
        assert rule.source.citation.strip(), rule.id
        assert isinstance(rule.evidence, Evidence), rule.id
        assert rule.summary.strip(), rule.id


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _numeric_constants(module: ModuleType) -> dict[str, object]:
    return {
        name: value
        for name, value in vars(module).items()
        if name.isupper()
        and (
            _is_number(value)
            or (isinstance(value, Mapping) and value and all(map(_is_number, value.values())))
        )
    }


@pytest.mark.parametrize("module", core_modules(), ids=lambda m: m.__name__)
def test_every_numeric_constant_in_the_core_is_a_registered_rule_parameter(
    module: ModuleType,
) -> None:
    parameters = [rule.parameters for rule in rules.REGISTRY.values()]
    for name, value in _numeric_constants(module).items():
        if isinstance(value, Mapping):
            registered = all(any(v in p.values() for p in parameters) for v in value.values())
        else:
            registered = any(p.get(name) == value for p in parameters)
        assert registered, f"{module.__name__}.{name} = {value!r} is not in any rule's parameters"


def test_register_refuses_a_duplicate_id() -> None:
    rule_id = next(iter(rules.REGISTRY))
    with pytest.raises(ValueError, match="registered twice"):
        rules.register(rule_id, "x", rules.get(rule_id).source, Evidence.VERIFIED)


# Rules resting on recalled numbers or b12 design choices. Adding one is a conscious decision: it is
# shown as `unverified` in every output that uses it (DECISIONS.md) and listed in docs/rules.md.
KNOWN_UNVERIFIED = {
    "diet.meals.b12-two-meals",  # b12's reading of "two or three times a day" (Vegan Society)
    "status.confidence",  # b12 design rule: how many concordant markers give which confidence
    "status.urgency",  # b12 design rule built on the cited referral rules
    "status.result_age.current-result-window",  # product choice: no source gives a period
    "muscle.assess.measurement-date",  # product choice: the labs' 12 months for muscle too
    "screening.discuss-without-symptoms",  # b12's choice (DECISIONS.md) beside NG239's offer
    "plan.prophylaxis.suspected-pernicious-anaemia",  # BSH 2014 recalled, not read here
    "status.confounders.recent-supplement-stopped",  # 4-week washout: b12's number, no guideline
    "muscle.measurements.edge-rounding",  # arithmetic choice: no float noise at a cut-off
    "absorption.crystalline-low-dose",  # IOM 1998 Table 9-2, numbers recalled
    "absorption.malabsorption-no-if-route",  # IOM 1998 Table 9-2, numbers recalled
    "intake.plan-pattern",  # b12 design rule linking intake to status
    "cohort.age-bands",  # b12 design choice for --by age_band
    "cohort.small-cell-suppression",  # b12 design choice (n 1-10 withheld), --no-suppress
    "diet.energy.menu-tolerance",  # b12 design choice: menu energy within ± 10 %
    "diet.requirements.fortified-share",  # b12 reading of IOM 1998's "most" as at least half
    "diet.protein.per-meal-soft-target",  # 25 g per meal recalled (evidence.md [R]), never enforced
    "diet.plausible.diary",  # b12 data-quality limits for diary rows, not clinical thresholds
}


def test_unverified_rules_are_known_and_visible() -> None:
    core_modules()
    unverified = {r.id for r in rules.REGISTRY.values() if r.evidence is Evidence.UNVERIFIED}
    unexpected = {
        r
        for r in unverified - KNOWN_UNVERIFIED
        if not r.removeprefix("rules.").startswith("plausible.")
    }
    assert not unexpected, f"new unverified rules: add them to KNOWN_UNVERIFIED: {unexpected}"


def test_the_catalog_registers_every_rule_in_a_fresh_process() -> None:
    # `b12 rules` and GET /api/rules list b12.core.catalog.all_rules(); a process that has not
    # imported the cohort modules must still see the rules they use (eGFR bands, anaemia, LLOD).
    import json
    import subprocess
    import sys

    code = "import json; from b12.core.catalog import all_rules; print(json.dumps(sorted(all_rules())))"
    fresh = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    core_modules()
    assert json.loads(fresh) == sorted(rules.REGISTRY)
