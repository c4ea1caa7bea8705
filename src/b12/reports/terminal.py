"""The readable terminal report (Rich renderables; the CLI prints them)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from b12.core import rules as registry
from b12.core.assessment import Assessment
from b12.core.cb12 import Cb12Category, Cb12Result
from b12.reports.terminal_plan import sections

_STYLE = {
    Cb12Category.ELEVATED: "cyan",
    Cb12Category.ADEQUATE: "green",
    Cb12Category.LOW: "yellow",
    Cb12Category.POSSIBLY_DEFICIENT: "red",
    Cb12Category.PROBABLY_DEFICIENT: "bold red",
}
_EVIDENCE_STYLE = {"verified": "green", "secondary": "yellow", "unverified": "bold red"}


def cb12_text(result: Cb12Result) -> Text:
    """One line: the cB12 value and category, or why it could not be computed."""
    if result.cb12 is None or result.category is None:
        return Text(f"cB12 not computed: {result.reason}", style="yellow")
    text = Text(f"cB12 {result.cb12:+.2f}  ")
    text.append(result.category.value.replace("_", " "), style=_STYLE[result.category])
    text.append(f"  ({result.variant})", style="dim")
    return text


def rules_table(rule_ids: tuple[str, ...] | list[str]) -> Table:
    """Rules used, with evidence level and source."""
    table = Table(title="Rules and sources", title_justify="left", show_lines=False)
    table.add_column("rule", overflow="fold")
    table.add_column("evidence")
    table.add_column("source", overflow="fold")
    for rule_id in rule_ids:
        rule = registry.get(rule_id)
        table.add_row(
            rule.id,
            Text(rule.evidence.value, style=_EVIDENCE_STYLE[rule.evidence.value]),
            rule.source.citation,
        )
    return table


def _rule_with_evidence(rule_id: str) -> Text:
    evidence = registry.get(rule_id).evidence.value
    return Text.assemble(rule_id, " (", (evidence, _EVIDENCE_STYLE[evidence]), ")")


def cb12_report(result: Cb12Result) -> RenderableType:
    """Terminal output of `b12 cb12`."""
    return Group(cb12_text(result), Text(""), rules_table(result.rules))


def assessment_report(assessment: Assessment) -> RenderableType:
    """Terminal output of `b12 assess`."""
    status = assessment.status
    parts: list[RenderableType] = [
        Panel(
            Group(Text(status.interpretation.summary, style="bold"), cb12_text(status.cb12)),
            title="B12 status",
            title_align="left",
        )
    ]
    if status.interpretation.readings:
        table = Table(title="Marker readings", title_justify="left", expand=True)
        table.add_column("marker")
        table.add_column("value", no_wrap=True)
        table.add_column("reading")
        table.add_column("scheme")
        table.add_column("rule (evidence)", overflow="fold")
        for r in status.interpretation.readings:
            table.add_row(
                r.analyte.value,
                f"{r.value:.3g} {r.unit}",
                r.category.replace("_", " "),
                r.scheme,
                _rule_with_evidence(r.rule),
            )
        parts.append(table)
    if status.egfr is not None:
        how = "CKD-EPI 2021 from creatinine" if status.egfr_estimated else "from the lab"
        parts.append(Text(f"eGFR {status.egfr:.0f} mL/min/1.73 m² ({how})"))
    for title, items in (
        ("Caveats", [(c.message, c.rules) for c in status.caveats]),
        ("Next tests", [(f"{t.test}: {t.reason}", t.rules) for t in status.next_tests]),
    ):
        if items:
            lines = [
                Text.assemble("• " + message, (f"  [{', '.join(ids)}]", "dim"))
                for message, ids in items
            ]
            parts.append(Panel(Group(*lines), title=title, title_align="left"))
    parts.extend(sections(assessment.screening, assessment.muscle, assessment.plan))
    parts.append(rules_table(assessment.rules))
    parts.append(Text(assessment.disclaimer, style="italic"))
    return Group(*parts)
