"""Machine-readable output: results as plain JSON data, with every rule's evidence and source."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from b12.core import rules as registry
from b12.core.assessment import Assessment
from b12.core.status.cb12 import Cb12Result


def rule_entries(rule_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Each rule id with its summary, evidence level and citation."""
    out = []
    for rule_id in rule_ids:
        rule = registry.get(rule_id)
        out.append(
            {
                "id": rule.id,
                "module": rule.module,
                "summary": rule.summary,
                "evidence": rule.evidence.value,
                "source": rule.source.citation,
                "url": rule.source.url,
            }
        )
    return out


def cb12_document(result: Cb12Result) -> dict[str, Any]:
    """`b12 cb12 --json`: cB12, category, variant, reason and the rules behind them."""
    data = result.model_dump(mode="json")
    data["rules"] = rule_entries(result.rules)
    return data


def source_entries(rule_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The distinct sources behind some rules, each with its evidence levels."""
    sources: dict[str, dict[str, Any]] = {}
    for rule_id in rule_ids:
        rule = registry.get(rule_id)
        entry = sources.setdefault(
            rule.source.key,
            {
                "key": rule.source.key,
                "citation": rule.source.citation,
                "url": rule.source.url,
                "evidence": [],
            },
        )
        if rule.evidence.value not in entry["evidence"]:
            entry["evidence"].append(rule.evidence.value)
    return list(sources.values())


def assessment_document(assessment: Assessment) -> dict[str, Any]:
    """`b12 assess --json`: the assessment, plus the registry entries of every rule it used."""
    data = assessment.model_dump(mode="json")
    if assessment.plan is not None:
        for item, plan_item in zip(data["plan"]["items"], assessment.plan.items, strict=True):
            item["sources"] = source_entries(plan_item.rules)
    if assessment.muscle is not None:
        data["muscle"]["at_risk"] = assessment.muscle.at_risk
    if assessment.screening is not None:
        data["screening"]["malabsorption"] = assessment.screening.malabsorption
    data["rules"] = rule_entries(assessment.rules)
    return data
