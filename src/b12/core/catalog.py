"""Every rule of the clinical core, registered whichever modules a process has imported so far.

Rules register when their module is imported, and a command or server imports only what it uses
(the cohort rules load with the cohort engines). ``b12 rules`` and ``GET /api/rules`` list
:func:`all_rules`, which imports every module that registers rules; a unit test checks that this
list names each such module.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module

from b12.core.rules import REGISTRY, Rule

# The modules of b12.core that register rules (a unit test checks none is missing).
RULE_MODULES = (
    "absorption",
    "awgs2019",
    "blood_count",
    "cb12",
    "ckd_epi_2021",
    "confounders",
    "detection_limits",
    "epidemiology",
    "ewgsop2",
    "fnih",
    "intake",
    "judgment.derive",
    "judgment.rules",
    "kdigo_gfr",
    "markers",
    "measurements",
    "nice_ng239",
    "protein",
    "requirements",
    "sarc_f",
    "screening_rules",
    "survey_standards",
    "treatment",
)


def all_rules() -> Mapping[str, Rule]:
    """The whole registry, once every module of :data:`RULE_MODULES` is imported."""
    for name in RULE_MODULES:
        import_module(f"b12.core.{name}")
    return REGISTRY
